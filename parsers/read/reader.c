/*
** reader.c - open a file, find out what it is from its content, and read
** its parts the way Office and LibreOffice find them (see reader.h).
**
** DOCX: _rels/.rels names the main part (officeDocument); the main part's
** relationships name the styles, the numbering, the headers, footers and
** notes, and the alternative-format chunks (w:altChunk: HTML, XHTML, plain
** text or a whole DOCX, read where they stand; any other kind is reported
** as not read).  ODT: the mimetype entry says what the package is;
** META-INF/manifest.xml lists the parts and says whether they are
** encrypted.  A file that is not a zip: flat ODF text (one XML document),
** or a legacy format converted to DOCX by LibreOffice (convert.h).
*/
#include "reader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../core/error.h"
#include "../core/strmap.h"
#include "build.h"
#include "convert.h"
#include "docx.h"
#include "html.h"
#include "odt.h"
#include "package.h"

#define SMALL_PART_MAX (4u << 20)   /* .rels, manifest, mimetype */
#define MAX_PATH_LEN 1024

/* The extensions of the formats read here: a new format adds its own.  Word's
** macro and template packages and the ODF template are the same formats; .doc
** and .rtf are read through LibreOffice (convert.h) and fail with one line
** where it is missing, so a walk never leaves a filing unsaid. */
static const char *const extensions[] = {
	".docx", ".docm", ".dotx", ".dotm", ".odt", ".ott", ".fodt", ".doc", ".rtf", NULL
};

const char *const *rg_read_extensions(void)
{
	return extensions;
}

void rg_limits_default(rg_limits *lim)
{
	lim->max_part_size = RG_DEFAULT_MAX_PART_SIZE;
	lim->max_ratio = RG_DEFAULT_MAX_RATIO;
	lim->max_table_cells = RG_DEFAULT_MAX_TABLE_CELLS;
	lim->max_nesting = RG_DEFAULT_MAX_NESTING;
	lim->convert_timeout = 0;
	lim->no_convert = 0;
	lim->converted = NULL;
}

/* ---- relationships (OPC .rels) ----------------------------------------------------- */

typedef struct {
	char *id, *type, *target;
} relationship;

typedef struct {
	rg_xml_state xml;
	relationship *items;
	size_t len, cap;
} rels_ctx;

static void rels_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
		       int nns, const xmlChar **ns, int nattrs, int ndef, const xmlChar **attrs)
{
	rels_ctx *r = ctx;
	char id[256], type[512], target[MAX_PATH_LEN], mode[32];
	relationship *rel;

	(void)prefix;
	(void)uri;
	(void)nns;
	(void)ns;
	(void)ndef;
	if (strcmp((const char *)local, "Relationship"))
		return;
	if (!rg_xml_attr(attrs, nattrs, "Id", id, sizeof(id)) || !rg_xml_attr(attrs, nattrs, "Type", type, sizeof(type))
	    || !rg_xml_attr(attrs, nattrs, "Target", target, sizeof(target)))
		return;
	if (rg_xml_attr(attrs, nattrs, "TargetMode", mode, sizeof(mode)) && !strcmp(mode, "External"))
		return;
	if (r->len == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 16;
		relationship *p = realloc(r->items, ncap * sizeof(*p));
		if (!p) {
			rg_error_set(RG_ENOMEM, "out of memory");
			rg_xml_stop(&r->xml, RG_ENOMEM);
			return;
		}
		r->items = p;
		r->cap = ncap;
	}
	rel = &r->items[r->len];
	rel->id = strdup(id);
	rel->type = strdup(type);
	rel->target = strdup(target);
	if (!rel->id || !rel->type || !rel->target) {
		free(rel->id);
		free(rel->type);
		free(rel->target);
		rg_error_set(RG_ENOMEM, "out of memory");
		rg_xml_stop(&r->xml, RG_ENOMEM);
		return;
	}
	r->len++;
}

static void rels_free(rels_ctx *r)
{
	size_t i;

	for (i = 0; i < r->len; i++) {
		free(r->items[i].id);
		free(r->items[i].type);
		free(r->items[i].target);
	}
	free(r->items);
}

/* Parse a .rels part; a missing one is an empty list.  On failure r is empty. */
static int rels_read(rg_package *pkg, const char *part, rels_ctx *r)
{
	xmlSAXHandler sax;
	int rc;

	memset(r, 0, sizeof(*r));
	if (!rg_package_has(pkg, part))
		return 0;
	rg_xml_sax_init(&sax);
	sax.startElementNs = rels_start;
	if ((rc = rg_package_parse_xml(pkg, part, &sax, r))) {
		rels_free(r);
		memset(r, 0, sizeof(*r));
	}
	return rc;
}

/* The last segment of a relationship type: ".../officeDocument" -> "officeDocument". */
static const char *type_name(const char *type)
{
	const char *slash = strrchr(type, '/');
	return slash ? slash + 1 : type;
}

/* Resolve a target relative to the folder of the source part; "" on a bad path. */
static void resolve_target(const char *source_part, const char *target, char *out, size_t size)
{
	char path[2 * MAX_PATH_LEN];
	char *segs[256];
	size_t nseg = 0, i, len = 0;
	char *p, *save = NULL;

	if (target[0] == '/') {
		snprintf(path, sizeof(path), "%s", target + 1);
	} else {
		const char *slash = strrchr(source_part, '/');
		int dir = slash ? (int)(slash - source_part + 1) : 0;
		snprintf(path, sizeof(path), "%.*s%s", dir, source_part, target);
	}
	for (p = strtok_r(path, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
		if (!strcmp(p, "."))
			continue;
		if (!strcmp(p, "..")) {
			if (nseg)
				nseg--;
			continue;
		}
		if (nseg < sizeof(segs) / sizeof(segs[0]))
			segs[nseg++] = p;
	}
	out[0] = '\0';
	for (i = 0; i < nseg; i++) {
		int n = snprintf(out + len, size - len, "%s%s", i ? "/" : "", segs[i]);
		if (n < 0 || (size_t)n >= size - len) {
			out[0] = '\0';
			return;
		}
		len += (size_t)n;
	}
}

/* "word/document.xml" -> "word/_rels/document.xml.rels" */
static void rels_part_of(const char *part, char *out, size_t size)
{
	const char *slash = strrchr(part, '/');
	int dir = slash ? (int)(slash - part + 1) : 0;

	snprintf(out, size, "%.*s_rels/%s.rels", dir, part, slash ? slash + 1 : part);
}

/* ---- content types ([Content_Types].xml) ------------------------------------------------ */

typedef struct {
	rg_xml_state xml;
	rg_strmap defaults;       /* lowercased extension -> index into types */
	rg_strmap overrides;      /* lowercased part name (no leading /) -> index into types */
	char **types;
	size_t ntypes, cap;
} types_ctx;

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static void types_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
			int nns, const xmlChar **ns, int nattrs, int ndef, const xmlChar **attrs)
{
	types_ctx *t = ctx;
	char key[MAX_PATH_LEN], type[256];
	int is_default = !strcmp((const char *)local, "Default");

	(void)prefix;
	(void)uri;
	(void)nns;
	(void)ns;
	(void)ndef;
	if (!is_default && strcmp((const char *)local, "Override"))
		return;
	if (!rg_xml_attr(attrs, nattrs, is_default ? "Extension" : "PartName", key, sizeof(key))
	    || !rg_xml_attr(attrs, nattrs, "ContentType", type, sizeof(type)) || t->ntypes >= 100000)
		return;
	lower(key);
	lower(type);
	if (t->ntypes == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 16;
		char **p = realloc(t->types, ncap * sizeof(*p));
		if (!p) {
			rg_error_set(RG_ENOMEM, "out of memory");
			rg_xml_stop(&t->xml, RG_ENOMEM);
			return;
		}
		t->types = p;
		t->cap = ncap;
	}
	if (!(t->types[t->ntypes] = strdup(type))) {
		rg_error_set(RG_ENOMEM, "out of memory");
		rg_xml_stop(&t->xml, RG_ENOMEM);
		return;
	}
	{
		const char *k = !is_default && key[0] == '/' ? key + 1 : key;
		if (rg_strmap_put(is_default ? &t->defaults : &t->overrides, k, strlen(k), (int)t->ntypes)) {
			free(t->types[t->ntypes]);
			rg_xml_stop(&t->xml, RG_ENOMEM);
			return;
		}
	}
	t->ntypes++;
}

static void types_free(types_ctx *t)
{
	size_t i;

	for (i = 0; i < t->ntypes; i++)
		free(t->types[i]);
	free(t->types);
	rg_strmap_free(&t->defaults);
	rg_strmap_free(&t->overrides);
	memset(t, 0, sizeof(*t));
}

/* The content type of a part (lowercased), or "" when the package does not say. */
static const char *content_type(const types_ctx *t, const char *part)
{
	char key[MAX_PATH_LEN];
	const char *dot;
	int i;

	snprintf(key, sizeof(key), "%s", part);
	lower(key);
	if ((i = rg_strmap_get(&t->overrides, key, strlen(key))) >= 0)
		return t->types[i];
	dot = strrchr(key, '.');
	if (dot && !strchr(dot, '/') && (i = rg_strmap_get(&t->defaults, dot + 1, strlen(dot + 1))) >= 0)
		return t->types[i];
	return "";
}

/* ---- DOCX --------------------------------------------------------------------------- */

/* A WordprocessingML package being read (the file's, or a DOCX inside an altChunk). */
typedef struct {
	rg_package *pkg;
	const rg_limits *lim;
	const rg_docx_info *info;
	types_ctx types;
	int types_read;
} docx_pkg;

/* One part being read: its alternative chunks resolve through its own relationships. */
typedef struct {
	docx_pkg *dp;
	const char *part;
	rels_ctx rels;
	int rels_read;
} part_ctx;

static int read_wordprocessing(rg_package *pkg, const rg_limits *lim, rg_builder *b, rg_blocks *body,
			       int nested);

enum { CHUNK_OTHER, CHUNK_HTML, CHUNK_DOCX, CHUNK_WML, CHUNK_TEXT, CHUNK_RTF, CHUNK_MHT, CHUNK_XML };

static const char *chunk_kind_name(int kind)
{
	switch (kind) {
	case CHUNK_RTF: return "RTF";
	case CHUNK_MHT: return "a web archive (MHT)";
	case CHUNK_XML: return "XML";
	default: return "a format raingan does not read";
	}
}

/* What an alternative chunk is: from its content type, else from its first bytes. */
static int chunk_kind(const char *type, const char *data, size_t len)
{
	size_t i = 0;

	if (!strcmp(type, "text/html") || !strcmp(type, "application/xhtml+xml"))
		return CHUNK_HTML;
	if (strstr(type, "wordprocessingml.document.main+xml") || strstr(type, "wordprocessingml.template.main+xml")
	    || strstr(type, "ms-word.document.macroenabled.main+xml") || strstr(type, "ms-word.template.macroenabledtemplate.main+xml"))
		return CHUNK_WML;
	if (strstr(type, "wordprocessingml.document") || strstr(type, "wordprocessingml.template")
	    || strstr(type, "ms-word.document") || strstr(type, "ms-word.template"))
		return CHUNK_DOCX;
	if (!strcmp(type, "text/plain"))
		return CHUNK_TEXT;
	if (!strcmp(type, "application/rtf") || !strcmp(type, "text/rtf"))
		return CHUNK_RTF;
	if (!strcmp(type, "message/rfc822") || !strcmp(type, "multipart/related"))
		return CHUNK_MHT;
	/* not said, or said vaguely: look at the bytes */
	if (len >= 2 && data[0] == 'P' && data[1] == 'K')
		return CHUNK_DOCX;
	if (len >= 5 && !memcmp(data, "{\\rtf", 5))
		return CHUNK_RTF;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i < len && data[i] == '<') {
		size_t n = len - i < 2048 ? len - i : 2048, k;
		for (k = i; k + 5 <= i + n; k++)
			if (!strncasecmp(data + k, "<html", 5) || !strncasecmp(data + k, "<body", 5)
			    || !strncasecmp(data + k, "<!doctype html", 14 <= i + n - k ? 14 : 5))
				return CHUNK_HTML;
		return type[0] && strcmp(type, "application/octet-stream") ? CHUNK_OTHER : CHUNK_XML;
	}
	if (len >= 12 && !strncasecmp(data, "MIME-Version", 12))
		return CHUNK_MHT;
	return type[0] && strcmp(type, "application/octet-stream") ? CHUNK_OTHER : CHUNK_TEXT;
}

/* A plain-text chunk: one paragraph per line. */
static int read_text_chunk(const char *data, size_t len, const char *name, rg_builder *b, rg_blocks *dest)
{
	size_t i = 0, start;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	for (start = i; start < len; start++) {
		unsigned cp;
		int k = rg_utf8_decode(data + start, len - start, &cp);
		if (cp == 0xFFFD && !(len - start >= 3 && !memcmp(data + start, "\xEF\xBF\xBD", 3)))
			return rg_error_set(RG_EFORMAT, "%s: plain text that is not UTF-8", name);
		start += (size_t)k - 1;
	}
	rg_build_part_begin(b, dest);
	while (i < len && !b->err) {
		size_t end = i;
		while (end < len && data[end] != '\n' && data[end] != '\r')
			end++;
		rg_build_para_begin(b);
		rg_build_text(b, data + i, end - i);
		rg_build_para_end(b);
		if (end + 1 < len && data[end] == '\r' && data[end + 1] == '\n')
			end++;
		i = end + 1;
	}
	rg_build_part_end(b);
	return b->err;
}

/*
** A w:altChunk: the part its relationship names, read in place.  Errors of
** limits and memory stop the whole read; a chunk that cannot be read, or of
** a kind not read, leaves a warning naming it.
*/
static int alt_chunk(void *ctx, rg_builder *b, const char *rid)
{
	part_ctx *pc = ctx;
	docx_pkg *dp = pc->dp;
	const rg_limits *lim = dp->lim;
	char target[MAX_PATH_LEN];
	rg_buf data = RG_BUF_INIT;
	rg_blocks got = { NULL, 0, 0 };
	const char *type;
	size_t i;
	int kind, rc = 0;

	if (!pc->rels_read) {
		char rels_name[MAX_PATH_LEN + 16];
		rels_part_of(pc->part, rels_name, sizeof(rels_name));
		pc->rels_read = 1;
		if ((rc = rels_read(dp->pkg, rels_name, &pc->rels)) == RG_ENOMEM)
			return rc;
	}
	target[0] = '\0';
	for (i = 0; i < pc->rels.len; i++)
		if (!strcmp(pc->rels.items[i].id, rid)) {
			resolve_target(pc->part, pc->rels.items[i].target, target, sizeof(target));
			break;
		}
	if (!target[0] || !rg_package_has(dp->pkg, target)) {
		rg_build_warn(b, "altchunk_not_read", "%s: the alternative-format chunk %s (content Word shows "
			"here) names no part of the package: not read", pc->part, rid);
		return b->err;
	}
	if (!dp->types_read) {
		xmlSAXHandler sax;
		dp->types_read = 1;
		if (rg_package_has(dp->pkg, "[Content_Types].xml")) {
			rg_xml_sax_init(&sax);
			sax.startElementNs = types_start;
			if ((rc = rg_package_parse_xml(dp->pkg, "[Content_Types].xml", &sax, &dp->types)) == RG_ENOMEM)
				return rc;
		}
	}
	type = content_type(&dp->types, target);
	if ((rc = rg_package_read(dp->pkg, target, lim->max_part_size, &data))) {
		rg_buf_free(&data);
		if (rc == RG_ENOMEM || rc == RG_ELIMIT)
			return rc;
		rg_build_warn(b, "altchunk_not_read", "%s: the alternative-format chunk %s could not be read "
			"(%s): content Word shows here is missing", pc->part, target, rg_error_message());
		return b->err;
	}
	kind = chunk_kind(type, data.ptr ? data.ptr : "", data.len);
	if (kind != CHUNK_HTML && kind != CHUNK_MHT && kind != CHUNK_DOCX && kind != CHUNK_WML && kind != CHUNK_TEXT) {
		rg_buf_free(&data);
		rg_build_warn(b, "altchunk_not_read", "%s: the alternative-format chunk %s (%s%s%s) that Word "
			"shows here was not read: its content is missing", pc->part, target,
			chunk_kind_name(kind), type[0] ? ", " : "", type);
		return b->err;
	}
	if (++b->chunks > RG_MAX_CHUNKS) {
		rg_buf_free(&data);
		return rg_build_fail(b, rg_error_set(RG_ELIMIT, "more than %d alternative-format chunks (chunks "
			"referring to chunks again and again)", RG_MAX_CHUNKS));
	}
	if (b->nesting >= lim->max_nesting) {
		rg_buf_free(&data);
		return rg_build_fail(b, rg_error_set(RG_ELIMIT, "alternative-format chunks nested deeper than %d "
			"levels (--max-nesting)", lim->max_nesting));
	}
	b->nesting++;
	if (kind == CHUNK_HTML) {
		rc = rg_html_read(data.ptr ? data.ptr : "", data.len, NULL, target, b, &got);
	} else if (kind == CHUNK_MHT) {
		rc = rg_mht_read(data.ptr ? data.ptr : "", data.len, target, b, &got);
	} else if (kind == CHUNK_TEXT) {
		rc = read_text_chunk(data.ptr ? data.ptr : "", data.len, target, b, &got);
	} else if (kind == CHUNK_WML) {
		part_ctx inner;
		rg_docx_part_opts opts;
		memset(&inner, 0, sizeof(inner));
		inner.dp = dp;
		inner.part = target;
		memset(&opts, 0, sizeof(opts));
		opts.info = dp->info;
		opts.alt_chunk = alt_chunk;
		opts.alt_ctx = &inner;
		rc = rg_docx_read_part(NULL, target, data.ptr ? data.ptr : "", data.len, b, &got, &opts);
		rels_free(&inner.rels);
	} else {
		rg_package *inner;
		if (!(rc = rg_package_open_memory(data.ptr, data.len, lim, &inner))) {
			rc = read_wordprocessing(inner, lim, b, &got, 1);
			rg_package_close(inner);
		}
	}
	b->nesting--;
	rg_buf_free(&data);
	if (!rc) {
		rg_build_append_blocks(b, &got);
		return b->err;
	}
	rg_blocks_free(&got);
	if (rc == RG_ENOMEM || rc == RG_ELIMIT || b->err)
		return rc;
	rg_build_warn(b, "altchunk_not_read", "%s: the alternative-format chunk %s could not be read (%s): "
		"content Word shows here is missing", pc->part, target, rg_error_message());
	return b->err;
}

/* Read one part with its own alternative-chunk context. */
static int read_part(docx_pkg *dp, const char *part, rg_builder *b, rg_blocks *dest, rg_idlist *headers,
		     rg_idlist *footers)
{
	rg_docx_part_opts opts;
	part_ctx pc;
	int rc;

	memset(&pc, 0, sizeof(pc));
	pc.dp = dp;
	pc.part = part;
	memset(&opts, 0, sizeof(opts));
	opts.info = dp->info;
	opts.headers = headers;
	opts.footers = footers;
	opts.alt_chunk = alt_chunk;
	opts.alt_ctx = &pc;
	rc = rg_docx_read_part(dp->pkg, part, NULL, 0, b, dest, &opts);
	rels_free(&pc.rels);
	return rc;
}

/* The part a relationship type of the main part names ("styles", "numbering"), or "". */
static void related_part(const rels_ctx *rels, const char *main_part, const char *type, char *out, size_t size)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < rels->len; i++)
		if (!strcmp(type_name(rels->items[i].type), type)) {
			resolve_target(main_part, rels->items[i].target, out, size);
			return;
		}
}

/*
** A WordprocessingML package into the builder: the main part into body, then
** (for the file itself, not for a chunk inside it) its headers and footers,
** and its notes.
*/
static int read_wordprocessing(rg_package *pkg, const rg_limits *lim, rg_builder *b, rg_blocks *body, int nested)
{
	char main_part[MAX_PATH_LEN] = "", rels_name[MAX_PATH_LEN + 16], part[MAX_PATH_LEN];
	rg_idlist headers = { 0 }, footers = { 0 };
	rg_docx_info *info = NULL;
	rels_ctx root, rels;
	docx_pkg dp;
	size_t i, k;
	int rc;

	if ((rc = rels_read(pkg, "_rels/.rels", &root)))
		return rc;
	for (i = 0; i < root.len; i++) {
		if (!strcmp(type_name(root.items[i].type), "officeDocument")) {
			resolve_target("", root.items[i].target, main_part, sizeof(main_part));
			break;
		}
	}
	rels_free(&root);
	if (!main_part[0] || !rg_package_has(pkg, main_part)) {
		if (rg_package_has(pkg, "word/document.xml"))
			snprintf(main_part, sizeof(main_part), "word/document.xml");
		else
			return rg_error_set(RG_EFORMAT, "no document part (neither an officeDocument "
				"relationship nor word/document.xml)");
	}
	rels_part_of(main_part, rels_name, sizeof(rels_name));
	if ((rc = rels_read(pkg, rels_name, &rels)))
		return rc;
	memset(&dp, 0, sizeof(dp));
	dp.pkg = pkg;
	dp.lim = lim;
	if (!(info = rg_docx_info_new())) {
		rels_free(&rels);
		return RG_ENOMEM;
	}
	/* numbering first: whether styles matter for list markers depends on it */
	related_part(&rels, main_part, "numbering", part, sizeof(part));
	rc = part[0] ? rg_docx_read_numbering(info, pkg, part, lim) : 0;
	related_part(&rels, main_part, "styles", part, sizeof(part));
	if (!rc && part[0])
		rc = rg_docx_read_styles(info, pkg, part, lim);
	dp.info = info;
	if (!rc)
		rc = read_part(&dp, main_part, b, body, nested ? NULL : &headers, nested ? NULL : &footers);
	/* headers and footers in the order the sections reference them */
	for (k = 0; k < 2 && !rc; k++) {
		rg_idlist *ids = k == 0 ? &headers : &footers;
		size_t j;
		for (j = 0; j < ids->len && !rc; j++) {
			for (i = 0; i < rels.len; i++) {
				if (strcmp(rels.items[i].id, ids->ids[j]))
					continue;
				resolve_target(main_part, rels.items[i].target, part, sizeof(part));
				if (part[0] && rg_package_has(pkg, part))
					rc = read_part(&dp, part, b, k == 0 ? &b->doc->headers : &b->doc->footers, NULL, NULL);
				break;
			}
		}
	}
	for (i = 0; i < rels.len && !rc; i++) {
		const char *t = type_name(rels.items[i].type);
		if (strcmp(t, "footnotes") && strcmp(t, "endnotes"))
			continue;
		resolve_target(main_part, rels.items[i].target, part, sizeof(part));
		if (part[0] && rg_package_has(pkg, part))
			rc = read_part(&dp, part, b, &b->doc->footnotes, NULL, NULL);
	}
	rels_free(&rels);
	types_free(&dp.types);
	rg_docx_info_free(info);
	rg_idlist_free(&headers);
	rg_idlist_free(&footers);
	return rc;
}

static int read_docx(rg_package *pkg, const rg_limits *lim, rg_doc *doc)
{
	rg_builder b;
	int rc;

	doc->format = RG_FORMAT_DOCX;
	rg_build_init(&b, doc, lim);
	rc = read_wordprocessing(pkg, lim, &b, &doc->body, 0);
	rg_build_free(&b);
	return rc;
}

/* ---- ODT ---------------------------------------------------------------------------- */

typedef struct {
	rg_xml_state xml;
	int in_entry;
	char path[MAX_PATH_LEN];
	int content_encrypted, any_encrypted;
} manifest_ctx;

static void manifest_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
			   int nns, const xmlChar **ns, int nattrs, int ndef, const xmlChar **attrs)
{
	manifest_ctx *m = ctx;

	(void)prefix;
	(void)uri;
	(void)nns;
	(void)ns;
	(void)ndef;
	if (!strcmp((const char *)local, "file-entry")) {
		if (!rg_xml_attr(attrs, nattrs, "full-path", m->path, sizeof(m->path)))
			m->path[0] = '\0';
	} else if (!strcmp((const char *)local, "encryption-data")) {
		m->any_encrypted = 1;
		if (!strcmp(m->path, "content.xml"))
			m->content_encrypted = 1;
	}
}

static int read_odt(rg_package *pkg, const rg_limits *lim, rg_doc *doc)
{
	manifest_ctx man;
	xmlSAXHandler sax;
	rg_builder b;
	rg_odt *o;
	int rc;

	memset(&man, 0, sizeof(man));
	if (rg_package_has(pkg, "META-INF/manifest.xml")) {
		rg_xml_sax_init(&sax);
		sax.startElementNs = manifest_start;
		if ((rc = rg_package_parse_xml(pkg, "META-INF/manifest.xml", &sax, &man)))
			return rc;
	}
	if (man.content_encrypted)
		return rg_error_set(RG_EENCRYPTED, "password-protected: the ODF manifest says "
			"content.xml is encrypted");
	if (!rg_package_has(pkg, "content.xml"))
		return rg_error_set(RG_EFORMAT, "an OpenDocument package without content.xml");
	doc->format = RG_FORMAT_ODT;
	rg_build_init(&b, doc, lim);
	if (!(o = rg_odt_new(&b))) {
		rg_build_free(&b);
		return RG_ENOMEM;
	}
	rc = 0;
	if (rg_package_has(pkg, "styles.xml") && !man.any_encrypted)
		rc = rg_odt_read_styles(o, pkg, "styles.xml", NULL, 0);
	if (!rc)
		rc = rg_odt_read_content(o, pkg, "content.xml", NULL, 0);
	rg_odt_free(o);
	rg_build_free(&b);
	return rc;
}

/* ---- what the package is ------------------------------------------------------------- */

static int read_package(rg_package *pkg, const rg_limits *lim, rg_doc **out)
{
	static const char odf_prefix[] = "application/vnd.oasis.opendocument.";
	rg_buf mime = RG_BUF_INIT;
	rg_doc *doc;
	int rc = 0;

	if (rg_package_has(pkg, "mimetype")) {
		rc = rg_package_read(pkg, "mimetype", 256, &mime);
		if (rc) {
			rg_buf_free(&mime);
			return rc;
		}
	}
	if (!(doc = calloc(1, sizeof(*doc)))) {
		rg_buf_free(&mime);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	if (mime.len && !strncmp(rg_buf_cstr(&mime), odf_prefix, sizeof(odf_prefix) - 1)) {
		const char *kind = rg_buf_cstr(&mime) + sizeof(odf_prefix) - 1;
		if (strncmp(kind, "text", 4))
			rc = rg_error_set(RG_EFORMAT, "an OpenDocument %.40s, not a text document", kind);
		else
			rc = read_odt(pkg, lim, doc);
	} else if (rg_package_has(pkg, "_rels/.rels") || rg_package_has(pkg, "word/document.xml")) {
		rc = read_docx(pkg, lim, doc);
	} else if (rg_package_has(pkg, "content.xml")) {
		rc = read_odt(pkg, lim, doc);
	} else {
		rc = rg_error_set(RG_EFORMAT, "a zip without a document part (no _rels/.rels, "
			"word/document.xml or content.xml)");
	}
	rg_buf_free(&mime);
	if (rc) {
		rg_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

static const rg_limits *or_default(const rg_limits *lim, rg_limits *defaults)
{
	if (lim)
		return lim;
	rg_limits_default(defaults);
	return defaults;
}

static int read_and_close(rg_package *pkg, const rg_limits *lim, rg_doc **out)
{
	int rc = read_package(pkg, lim, out);

	rg_package_close(pkg);
	return rc;
}

/* ---- files that are not a zip -------------------------------------------------------- */

/* Whether the bytes start like XML (after a UTF-8 BOM and white space). */
static int looks_xml(const unsigned char *p, size_t len)
{
	size_t i = len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3) ? 3 : 0;

	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i < len && p[i] == '<';
}

static int looks_not_zip(const unsigned char *p, size_t len)
{
	static const unsigned char ole[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

	return (len >= 8 && !memcmp(p, ole, 8)) || (len >= 5 && !memcmp(p, "{\\rtf", 5)) || looks_xml(p, len);
}

static int read_flat(const char *xml, size_t len, const rg_limits *lim, rg_doc **out)
{
	rg_builder b;
	rg_doc *doc;
	rg_odt *o;
	int rc;

	if (len > lim->max_part_size)
		return rg_error_set(RG_ELIMIT, "an XML file of %zu bytes, more than the limit of %zu (--max-part-size)",
			len, lim->max_part_size);
	if (!(doc = calloc(1, sizeof(*doc))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	doc->format = RG_FORMAT_FODT;
	rg_build_init(&b, doc, lim);
	if (!(o = rg_odt_new(&b))) {
		rg_build_free(&b);
		rg_doc_free(doc);
		return RG_ENOMEM;
	}
	rc = rg_odt_read_flat(o, xml, len);
	rg_odt_free(o);
	rg_build_free(&b);
	if (rc) {
		rg_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

/* Whether XML-looking bytes are an HTML page (a doctype or an <html> element first). */
static int looks_html(const char *p, size_t len)
{
	size_t i = len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3) ? 3 : 0, n = len < 1024 ? len : 1024;

	for (; i + 5 <= n; i++) {
		if (p[i] != '<')
			continue;
		if (!strncasecmp(p + i, "<html", 5) || (i + 14 <= n && !strncasecmp(p + i, "<!doctype html", 14)))
			return 1;
		if (p[i + 1] != '?' && p[i + 1] != '!')
			return 0;   /* the first element is something else */
	}
	return 0;
}

static int read_html_file(const char *data, size_t len, const rg_limits *lim, rg_doc **out)
{
	rg_builder b;
	rg_doc *doc;
	int rc;

	if (len > lim->max_part_size)
		return rg_error_set(RG_ELIMIT, "an HTML file of %zu bytes, more than the limit of %zu (--max-part-size)",
			len, lim->max_part_size);
	if (!(doc = calloc(1, sizeof(*doc))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	doc->format = RG_FORMAT_HTML;
	rg_build_init(&b, doc, lim);
	rc = rg_html_read(data, len, NULL, "the HTML page", &b, &doc->body);
	rg_build_free(&b);
	if (rc) {
		rg_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

/*
** Bytes that start like an OLE2 compound file, RTF or XML: a legacy format
** through LibreOffice, or flat ODF.  *handled 0: none of them (the zip
** reader says what the bytes are).
*/
static int read_not_zip(const unsigned char *data, size_t len, const rg_limits *lim, rg_doc **out, int *handled)
{
	rg_format fmt = RG_FORMAT_UNKNOWN;
	rg_buf docx = RG_BUF_INIT;
	rg_package *pkg;
	int rc;

	*handled = 1;
	if ((rc = rg_legacy_detect(data, len, &fmt)))
		return rc;
	if (fmt == RG_FORMAT_UNKNOWN) {
		if (looks_html((const char *)data, len))
			return read_html_file((const char *)data, len, lim, out);
		if (looks_xml(data, len))
			return read_flat((const char *)data, len, lim, out);
		*handled = 0;
		return 0;
	}
	if ((rc = rg_convert_bytes(data, len, fmt, lim, &docx))) {
		rg_buf_free(&docx);
		return rc;
	}
	if (!(rc = rg_package_open_memory(docx.ptr, docx.len, lim, &pkg)))
		rc = read_and_close(pkg, lim, out);
	if (rc)
		rg_error_prefix("the DOCX LibreOffice made of it");
	else
		(*out)->format = fmt;   /* what the file was, not what it was read as */
	rg_buf_free(&docx);
	return rc;
}

int rg_read_file(const char *path, const rg_limits *lim, rg_doc **out)
{
	unsigned char head[512];
	rg_limits defaults;
	rg_package *pkg;
	rg_buf data = RG_BUF_INIT;
	size_t n;
	FILE *f;
	int rc, handled = 0;

	*out = NULL;
	lim = or_default(lim, &defaults);
	rg_xml_global_init();
	if (!(rc = rg_package_open_file(path, lim, &pkg)))
		return read_and_close(pkg, lim, out);
	if (rc != RG_EFORMAT && rc != RG_EENCRYPTED)
		return rc;
	/* not a zip: what else? (the zip reader's message stands when it is nothing we read) */
	if (!(f = fopen(path, "rb")))
		return rc;
	n = fread(head, 1, sizeof(head), f);
	if (!looks_not_zip(head, n)) {
		fclose(f);
		return rc;
	}
	{
		struct stat st;
		if (!fstat(fileno(f), &st) && (unsigned long long)st.st_size > lim->max_part_size) {
			fclose(f);
			return rg_error_set(RG_ELIMIT, "a file of %llu bytes that is not a zip package, more than the "
				"limit of %zu (--max-part-size)", (unsigned long long)st.st_size, lim->max_part_size);
		}
	}
	rg_buf_put(&data, (const char *)head, n);
	while (n == sizeof(head) || !feof(f)) {
		char buf[65536];
		size_t got = fread(buf, 1, sizeof(buf), f);
		if (!got)
			break;
		if (data.len + got > lim->max_part_size) {
			fclose(f);
			rg_buf_free(&data);
			return rg_error_set(RG_ELIMIT, "a file of more than %zu bytes that is not a zip package "
				"(--max-part-size)", lim->max_part_size);
		}
		rg_buf_put(&data, buf, got);
		n = 0;
	}
	fclose(f);
	if (rg_buf_oom(&data)) {
		rg_buf_free(&data);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	rc = read_not_zip((const unsigned char *)data.ptr, data.len, lim, out, &handled);
	rg_buf_free(&data);
	if (!handled)
		return rg_error_set(RG_EFORMAT, "not a zip package (DOCX and ODT files are zip archives)");
	return rc;
}

int rg_read_memory(const void *data, size_t len, const rg_limits *lim, rg_doc **out)
{
	rg_limits defaults;
	rg_package *pkg;
	int rc, handled = 0;

	*out = NULL;
	lim = or_default(lim, &defaults);
	rg_xml_global_init();
	if (looks_not_zip(data, len)) {
		rc = read_not_zip(data, len, lim, out, &handled);
		if (handled)
			return rc;
	}
	if ((rc = rg_package_open_memory(data, len, lim, &pkg)))
		return rc;
	return read_and_close(pkg, lim, out);
}

static int read_xml(const char *xml, size_t len, const rg_limits *lim, rg_doc **out, rg_format format)
{
	rg_limits defaults;
	rg_builder b;
	rg_doc *doc;
	int rc;

	*out = NULL;
	lim = or_default(lim, &defaults);
	rg_xml_global_init();
	if (!(doc = calloc(1, sizeof(*doc))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	doc->format = format;
	rg_build_init(&b, doc, lim);
	if (format == RG_FORMAT_DOCX) {
		rc = rg_docx_read_part(NULL, "document.xml", xml, len, &b, &doc->body, NULL);
	} else {
		rg_odt *o = rg_odt_new(&b);
		rc = o ? rg_odt_read_content(o, NULL, "content.xml", xml, len) : RG_ENOMEM;
		rg_odt_free(o);
	}
	rg_build_free(&b);
	if (rc) {
		rg_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int rg_read_docx_xml(const char *xml, size_t len, const rg_limits *lim, rg_doc **out)
{
	return read_xml(xml, len, lim, out, RG_FORMAT_DOCX);
}

int rg_read_odt_xml(const char *xml, size_t len, const rg_limits *lim, rg_doc **out)
{
	return read_xml(xml, len, lim, out, RG_FORMAT_ODT);
}
