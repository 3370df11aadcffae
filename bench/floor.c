/*
** floor.c - the "floor" for `raingan dump`: inflate (libzip) and SAX-parse
** (libxml2 push parser, 64 KiB chunks, empty callbacks) the same XML parts
** that parsers/read/reader.c reads, for the same files, and nothing else.
**
**   DOCX: _rels/.rels -> the officeDocument part, its _rels/X.rels, the
**         headers and footers referenced by the body's sectPr
**         (w:headerReference / w:footerReference r:id), and the
**         footnotes / endnotes parts named in the main part's .rels.
**   ODT:  mimetype (read, not parsed), META-INF/manifest.xml, styles.xml
**         (unless the manifest lists encrypted entries), content.xml.
**
** The callbacks are empty except where raingan's reader needs a fact to know
** which part to read next (relationships, the header/footer r:ids, the
** manifest's encryption flag); the work left is what libxml2 does for
** raingan too: SAX2 start/end element with namespaces and attribute arrays,
** characters, the same parser options and entity handler.
**
** usage: floor FILE...      prints "files N failed F xml_bytes B" on stderr
** build: gcc -std=c11 -O3 -o floor floor.c $(pkg-config --cflags --libs libxml-2.0 libzip)
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <zip.h>

#define CHUNK (64 * 1024)
#define MAXREL 256
#define PATHLEN 1024

typedef struct {
	char id[256], type[512], target[PATHLEN];
} rel;

typedef struct {
	/* .rels */
	rel *rels;
	int nrels;
	/* main DOCX part: header/footer r:ids in document order */
	char hdr[64][256], ftr[64][256];
	int nhdr, nftr;
	/* manifest */
	int encrypted;
} ctx;

static unsigned long long xml_bytes;
static char chunk[CHUNK];

static const char *attr(const xmlChar **a, int n, const char *local, char *buf, size_t size)
{
	int i;
	size_t len;

	for (i = 0; i < n; i++) {
		if (strcmp((const char *)a[i * 5], local))
			continue;
		len = (size_t)(a[i * 5 + 4] - a[i * 5 + 3]);
		if (len >= size)
			len = size - 1;
		memcpy(buf, a[i * 5 + 3], len);
		buf[len] = '\0';
		return buf;
	}
	return NULL;
}

/* ---- callbacks ------------------------------------------------------------------ */

static void empty_start(void *c, const xmlChar *l, const xmlChar *p, const xmlChar *u, int nns,
			const xmlChar **ns, int na, int nd, const xmlChar **a)
{
	(void)c; (void)l; (void)p; (void)u; (void)nns; (void)ns; (void)na; (void)nd; (void)a;
}

static void empty_end(void *c, const xmlChar *l, const xmlChar *p, const xmlChar *u)
{
	(void)c; (void)l; (void)p; (void)u;
}

static void empty_chars(void *c, const xmlChar *s, int n)
{
	(void)c; (void)s; (void)n;
}

static void rels_start(void *c, const xmlChar *l, const xmlChar *p, const xmlChar *u, int nns,
		       const xmlChar **ns, int na, int nd, const xmlChar **a)
{
	ctx *x = c;
	rel *r;
	char mode[32];

	(void)p; (void)u; (void)nns; (void)ns; (void)nd;
	if (strcmp((const char *)l, "Relationship") || x->nrels >= MAXREL)
		return;
	r = &x->rels[x->nrels];
	if (!attr(a, na, "Id", r->id, sizeof(r->id)) || !attr(a, na, "Type", r->type, sizeof(r->type))
	    || !attr(a, na, "Target", r->target, sizeof(r->target)))
		return;
	if (attr(a, na, "TargetMode", mode, sizeof(mode)) && !strcmp(mode, "External"))
		return;
	x->nrels++;
}

static void main_start(void *c, const xmlChar *l, const xmlChar *p, const xmlChar *u, int nns,
		       const xmlChar **ns, int na, int nd, const xmlChar **a)
{
	ctx *x = c;

	(void)p; (void)u; (void)nns; (void)ns; (void)nd;
	if (l[0] == 'h' && !strcmp((const char *)l, "headerReference") && x->nhdr < 64) {
		if (attr(a, na, "id", x->hdr[x->nhdr], sizeof(x->hdr[0])))
			x->nhdr++;
	} else if (l[0] == 'f' && !strcmp((const char *)l, "footerReference") && x->nftr < 64) {
		if (attr(a, na, "id", x->ftr[x->nftr], sizeof(x->ftr[0])))
			x->nftr++;
	}
}

static void manifest_start(void *c, const xmlChar *l, const xmlChar *p, const xmlChar *u, int nns,
			   const xmlChar **ns, int na, int nd, const xmlChar **a)
{
	ctx *x = c;

	(void)p; (void)u; (void)nns; (void)ns; (void)na; (void)nd; (void)a;
	if (!strcmp((const char *)l, "encryption-data"))
		x->encrypted = 1;
}

static xmlEntityPtr on_entity(void *c, const xmlChar *name)
{
	(void)c;
	return xmlGetPredefinedEntity(name);
}

static void on_error(void *c, xmlErrorPtr e)
{
	(void)c; (void)e;
}

/* ---- inflate + parse one part ----------------------------------------------------- */

static int parse_part(zip_t *z, const char *name, startElementNsSAX2Func start, ctx *x)
{
	xmlSAXHandler sax;
	xmlParserCtxtPtr p;
	zip_file_t *zf;
	zip_stat_t st;
	zip_int64_t idx = zip_name_locate(z, name, ZIP_FL_NOCASE), n;
	int ok;

	if (idx < 0)
		return -1;
	zip_stat_init(&st);
	if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) || !(zf = zip_fopen_index(z, (zip_uint64_t)idx, 0)))
		return -1;
	xml_bytes += st.size;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = start ? start : empty_start;
	sax.endElementNs = empty_end;
	sax.characters = empty_chars;
	sax.getEntity = on_entity;
	sax.serror = on_error;
	p = xmlCreatePushParserCtxt(&sax, x, NULL, 0, name);
	if (!p) {
		zip_fclose(zf);
		return -1;
	}
	xmlCtxtUseOptions(p, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
	for (;;) {
		n = zip_fread(zf, chunk, CHUNK);
		if (n < 0)
			break;
		xmlParseChunk(p, chunk, (int)n, n == 0);
		if (!p->wellFormed || n == 0)
			break;
	}
	ok = n == 0 && p->wellFormed;
	xmlFreeDoc(p->myDoc);
	xmlFreeParserCtxt(p);
	zip_fclose(zf);
	return ok ? 0 : -1;
}

static int has(zip_t *z, const char *name)
{
	return zip_name_locate(z, name, ZIP_FL_NOCASE) >= 0;
}

/* the same resolution as reader.c: relative to the source part's folder */
static void resolve(const char *source, const char *target, char *out, size_t size)
{
	char path[2 * PATHLEN], *segs[256], *t, *save = NULL;
	size_t nseg = 0, i, len = 0;

	if (target[0] == '/')
		snprintf(path, sizeof(path), "%s", target + 1);
	else {
		const char *slash = strrchr(source, '/');
		snprintf(path, sizeof(path), "%.*s%s", slash ? (int)(slash - source + 1) : 0, source, target);
	}
	for (t = strtok_r(path, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
		if (!strcmp(t, "."))
			continue;
		if (!strcmp(t, "..")) {
			if (nseg)
				nseg--;
			continue;
		}
		if (nseg < 256)
			segs[nseg++] = t;
	}
	out[0] = '\0';
	for (i = 0; i < nseg && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? "/" : "", segs[i]);
}

static const char *type_name(const char *type)
{
	const char *s = strrchr(type, '/');
	return s ? s + 1 : type;
}

static int docx(zip_t *z, ctx *x)
{
	char main_part[PATHLEN] = "", rels_name[PATHLEN + 16], part[PATHLEN];
	const char *slash;
	int i, j, k;

	x->nrels = 0;
	if (has(z, "_rels/.rels") && parse_part(z, "_rels/.rels", rels_start, x))
		return -1;
	for (i = 0; i < x->nrels; i++)
		if (!strcmp(type_name(x->rels[i].type), "officeDocument")) {
			resolve("", x->rels[i].target, main_part, sizeof(main_part));
			break;
		}
	if (!main_part[0] || !has(z, main_part))
		snprintf(main_part, sizeof(main_part), "word/document.xml");
	if (parse_part(z, main_part, main_start, x))
		return -1;
	slash = strrchr(main_part, '/');
	snprintf(rels_name, sizeof(rels_name), "%.*s_rels/%s.rels", slash ? (int)(slash - main_part + 1) : 0,
		 main_part, slash ? slash + 1 : main_part);
	x->nrels = 0;
	if (has(z, rels_name) && parse_part(z, rels_name, rels_start, x))
		return -1;
	for (k = 0; k < 2; k++) {
		char (*ids)[256] = k == 0 ? x->hdr : x->ftr;
		int nids = k == 0 ? x->nhdr : x->nftr;
		for (j = 0; j < nids; j++)
			for (i = 0; i < x->nrels; i++) {
				if (strcmp(x->rels[i].id, ids[j]))
					continue;
				resolve(main_part, x->rels[i].target, part, sizeof(part));
				if (part[0] && has(z, part) && parse_part(z, part, NULL, x))
					return -1;
				break;
			}
	}
	for (i = 0; i < x->nrels; i++) {
		const char *t = type_name(x->rels[i].type);
		if (strcmp(t, "footnotes") && strcmp(t, "endnotes"))
			continue;
		resolve(main_part, x->rels[i].target, part, sizeof(part));
		if (part[0] && has(z, part) && parse_part(z, part, NULL, x))
			return -1;
	}
	return 0;
}

static int odt(zip_t *z, ctx *x)
{
	if (has(z, "META-INF/manifest.xml") && parse_part(z, "META-INF/manifest.xml", manifest_start, x))
		return -1;
	if (has(z, "styles.xml") && !x->encrypted && parse_part(z, "styles.xml", NULL, x))
		return -1;
	return parse_part(z, "content.xml", NULL, x);
}

static int one_file(const char *path, ctx *x)
{
	static const char odf[] = "application/vnd.oasis.opendocument.text";
	char mime[257];
	zip_int64_t idx, n = 0;
	int err = 0, rc;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);

	if (!z)
		return -1;
	x->nhdr = x->nftr = x->encrypted = 0;
	mime[0] = '\0';
	if ((idx = zip_name_locate(z, "mimetype", ZIP_FL_NOCASE)) >= 0) {
		zip_stat_t st;
		zip_file_t *zf = zip_fopen_index(z, (zip_uint64_t)idx, 0);
		zip_stat_init(&st);
		if (!zip_stat_index(z, (zip_uint64_t)idx, 0, &st))
			xml_bytes += st.size;
		if (zf) {
			n = zip_fread(zf, mime, 256);
			zip_fclose(zf);
		}
		mime[n > 0 ? n : 0] = '\0';
	}
	if (!strncmp(mime, odf, sizeof(odf) - 1))
		rc = odt(z, x);
	else if (has(z, "_rels/.rels") || has(z, "word/document.xml"))
		rc = docx(z, x);
	else if (has(z, "content.xml"))
		rc = odt(z, x);
	else
		rc = -1;
	zip_discard(z);
	return rc;
}

int main(int argc, char **argv)
{
	static ctx x;
	int i, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: floor FILE...\n");
		return 2;
	}
	xmlInitParser();
	x.rels = calloc(MAXREL, sizeof(rel));
	if (!x.rels)
		return 2;
	for (i = 1; i < argc; i++)
		if (one_file(argv[i], &x)) {
			fprintf(stderr, "floor: %s: cannot read\n", argv[i]);
			failed++;
		}
	fprintf(stderr, "files %d failed %d xml_bytes %llu\n", argc - 1, failed, xml_bytes);
	free(x.rels);
	xmlCleanupParser();
	return failed ? 1 : 0;
}
