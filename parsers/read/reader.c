/*
** reader.c - open a package, find out what it is from its content, and read
** its parts the way Office and LibreOffice find them (see reader.h).
**
** DOCX: _rels/.rels names the main part (officeDocument); the main part's
** relationships name the headers, footers and notes.  ODT: the mimetype entry
** says what the package is; META-INF/manifest.xml lists the parts and says
** whether they are encrypted.
*/
#include "reader.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strmap.h"
#include "build.h"
#include "docx.h"
#include "odt.h"
#include "package.h"

#define SMALL_PART_MAX (4u << 20)   /* .rels, manifest, mimetype */
#define MAX_PATH_LEN 1024

/* The extensions of the formats read here: a new format adds its own. */
static const char *const extensions[] = { ".docx", ".odt", NULL };

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

/* ---- DOCX --------------------------------------------------------------------------- */

static int read_docx(rg_package *pkg, const rg_limits *lim, rg_doc *doc)
{
	char main_part[MAX_PATH_LEN] = "", rels_name[MAX_PATH_LEN + 16], part[MAX_PATH_LEN];
	rg_idlist headers = { 0 }, footers = { 0 };
	rels_ctx root, rels;
	rg_builder b;
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
	doc->format = RG_FORMAT_DOCX;
	rg_build_init(&b, doc, lim);
	rc = rg_docx_read_part(pkg, main_part, NULL, 0, &b, &doc->body, &headers, &footers);
	if (rc)
		goto done;
	rels_part_of(main_part, rels_name, sizeof(rels_name));
	if ((rc = rels_read(pkg, rels_name, &rels)))
		goto done;
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
					rc = rg_docx_read_part(pkg, part, NULL, 0, &b,
						k == 0 ? &doc->headers : &doc->footers, NULL, NULL);
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
			rc = rg_docx_read_part(pkg, part, NULL, 0, &b, &doc->footnotes, NULL, NULL);
	}
	rels_free(&rels);
done:
	rg_idlist_free(&headers);
	rg_idlist_free(&footers);
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

int rg_read_file(const char *path, const rg_limits *lim, rg_doc **out)
{
	rg_limits defaults;
	rg_package *pkg;
	int rc;

	*out = NULL;
	lim = or_default(lim, &defaults);
	rg_xml_global_init();
	if ((rc = rg_package_open_file(path, lim, &pkg)))
		return rc;
	return read_and_close(pkg, lim, out);
}

int rg_read_memory(const void *data, size_t len, const rg_limits *lim, rg_doc **out)
{
	rg_limits defaults;
	rg_package *pkg;
	int rc;

	*out = NULL;
	lim = or_default(lim, &defaults);
	rg_xml_global_init();
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
		rc = rg_docx_read_part(NULL, "document.xml", xml, len, &b, &doc->body, NULL, NULL);
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
