/*
** reader_util.h - helpers of the reader's unit tests (tests/test_reader.c).
**
** Builds small DOCX and ODT packages in memory with libzip from XML strings
** written by hand, runs each test case in a child process (so a crash or a
** hang in the reader fails one case, not the whole run), and gives NULL-safe
** accessors of the document model for the checks.
**
** Cases marked extra (expectations beyond the reader's specification) run
** only when named on the command line or with RG_TEST_EXTRA=1.
**
** Environment: RG_TEST_DUMP=DIR writes every package a case reads to
** DIR/CASE-N.zip (to look at a failing input with unzip); RG_TEST_EXIT=1 ends
** each child with exit() instead of _exit(), so LeakSanitizer runs (it then
** also reports the test's own strings, which are never freed).
*/
#ifndef RG_READER_UTIL_H
#define RG_READER_UTIL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <zip.h>

#include "check.h"
#include "read/reader.h"
#include "read/doc.h"
#include "core/error.h"

/* Not every test program uses every helper. */
#pragma GCC diagnostic ignored "-Wunused-function"

/* ------------------------------------------------------------------ */
/* Strings                                                             */

/* Concatenate strings up to a NULL; the result is malloc'd (never freed:
** every test case runs in its own child process). */
static char *cat_(const char *first, ...)
{
	va_list ap;
	size_t n = 0;
	const char *s;
	char *out, *p;

	va_start(ap, first);
	for (s = first; s; s = va_arg(ap, const char *))
		n += strlen(s);
	va_end(ap);
	out = p = malloc(n + 1);
	if (!out)
		abort();
	va_start(ap, first);
	for (s = first; s; s = va_arg(ap, const char *)) {
		size_t l = strlen(s);
		memcpy(p, s, l);
		p += l;
	}
	va_end(ap);
	*p = '\0';
	return out;
}
#define S(...) cat_(__VA_ARGS__, (const char *)NULL)

/* "n" copies of s */
static char *repeat(const char *s, size_t n)
{
	size_t l = strlen(s), i;
	char *out = malloc(l * n + 1);

	if (!out)
		abort();
	for (i = 0; i < n; i++)
		memcpy(out + i * l, s, l);
	out[l * n] = '\0';
	return out;
}

static int count_substr(const char *hay, const char *needle)
{
	int n = 0;
	size_t l = strlen(needle);

	if (!hay || !l)
		return 0;
	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += l;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Zip packages in memory                                              */

typedef struct {
	const char *name;
	const char *data;   /* NULL ends a list of parts */
	size_t len;         /* 0: strlen(data) */
	int store;          /* 1: stored (no compression) */
} zpart;

typedef struct {
	unsigned char *data;
	size_t len;
} zbytes;

static zbytes zip_from_source(zip_source_t *src)
{
	zbytes out = { NULL, 0 };
	zip_stat_t st;

	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		fprintf(stderr, "zip_source_stat: %s\n", zip_error_strerror(zip_source_error(src)));
		abort();
	}
	out.len = (size_t)st.size;
	out.data = malloc(out.len ? out.len : 1);
	if (!out.data || zip_source_open(src) < 0) {
		fprintf(stderr, "zip_source_open failed\n");
		abort();
	}
	if (out.len && zip_source_read(src, out.data, out.len) != (zip_int64_t)out.len) {
		fprintf(stderr, "zip_source_read failed\n");
		abort();
	}
	zip_source_close(src);
	return out;
}

/* Start a zip archive written into a memory buffer. */
static zip_t *zip_mem_begin(zip_source_t **srcp)
{
	zip_error_t err;
	zip_source_t *src;
	zip_t *za;

	zip_error_init(&err);
	src = zip_source_buffer_create(NULL, 0, 0, &err);
	if (!src)
		abort();
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	if (!za) {
		fprintf(stderr, "zip_open_from_source: %s\n", zip_error_strerror(&err));
		abort();
	}
	*srcp = src;
	return za;
}

static void zip_mem_add(zip_t *za, const char *name, const void *data, size_t len, int store)
{
	void *copy = malloc(len ? len : 1);
	zip_source_t *s;
	zip_int64_t idx;

	if (!copy)
		abort();
	memcpy(copy, data, len);
	s = zip_source_buffer(za, copy, len, 1);
	if (!s)
		abort();
	idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (idx < 0) {
		fprintf(stderr, "zip_file_add %s: %s\n", name, zip_strerror(za));
		abort();
	}
	zip_set_file_compression(za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
}

static zbytes zip_mem_end(zip_t *za, zip_source_t *src)
{
	zbytes out;

	if (zip_close(za) < 0) {
		fprintf(stderr, "zip_close: %s\n", zip_strerror(za));
		abort();
	}
	out = zip_from_source(src);
	zip_source_free(src);
	return out;
}

/* A zip of the parts, in order. */
static zbytes make_zip(const zpart *parts)
{
	zip_source_t *src;
	zip_t *za = zip_mem_begin(&src);
	const zpart *p;

	for (p = parts; p->name; p++)
		zip_mem_add(za, p->name, p->data, p->len ? p->len : strlen(p->data), p->store);
	return zip_mem_end(za, src);
}

/* ------------------------------------------------------------------ */
/* DOCX                                                                */

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define RT_OFFICE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#define RT_HEADER "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
#define RT_FOOTER "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
#define RT_FOOTNOTES "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
#define RT_ENDNOTES "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
#define RT_STYLES "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
#define RT_HYPERLINK "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

/* The namespaces Word declares on its parts (the ones the tests use). */
#define DOCX_NS \
	" xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'" \
	" xmlns:o='urn:schemas-microsoft-com:office:office'" \
	" xmlns:r='" R_NS "'" \
	" xmlns:v='urn:schemas-microsoft-com:vml'" \
	" xmlns:wp14='http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing'" \
	" xmlns:wp='http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing'" \
	" xmlns:w10='urn:schemas-microsoft-com:office:word'" \
	" xmlns:w='" W_NS "'" \
	" xmlns:w14='http://schemas.microsoft.com/office/word/2010/wordml'" \
	" xmlns:wpg='http://schemas.microsoft.com/office/word/2010/wordprocessingGroup'" \
	" xmlns:wps='http://schemas.microsoft.com/office/word/2010/wordprocessingShape'" \
	" xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'" \
	" mc:Ignorable='w14 wp14'"

#define XML_DECL "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"

/* A whole document.xml around a w:body content. */
static char *docx_document_xml(const char *body)
{
	return S(XML_DECL "<w:document" DOCX_NS "><w:body>", body,
		strstr(body, "<w:sectPr") ? "" : "<w:sectPr><w:pgSz w:w='11906' w:h='16838'/></w:sectPr>",
		"</w:body></w:document>");
}

/* A header/footer/footnotes part: root element name and inner XML. */
static char *docx_part_xml(const char *root, const char *inner)
{
	return S(XML_DECL "<w:", root, DOCX_NS ">", inner, "</w:", root, ">");
}

/* One relationship element. */
static char *rel(const char *id, const char *type, const char *target)
{
	return S("<Relationship Id='", id, "' Type='", type, "' Target='", target, "'/>");
}

static char *rels_xml(const char *rels)
{
	return S(XML_DECL "<Relationships xmlns='" REL_NS "'>", rels, "</Relationships>");
}

static const char *docx_content_type_of(const char *name)
{
	if (strstr(name, "header")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
	if (strstr(name, "footer")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
	if (strstr(name, "footnotes")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml";
	if (strstr(name, "endnotes")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml";
	if (strstr(name, "styles")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
	return NULL;
}

/*
** A full DOCX package: main part at main_path (e.g. "word/document.xml") with
** the XML main_xml, its relationships main_rels (inner Relationship elements,
** or NULL for none), the package relationship of type office_rel_type pointing
** at office_target, and extra parts (NULL-terminated list, may be NULL).
*/
static zbytes make_docx_pkg(const char *main_path, const char *main_xml, const char *main_rels,
	const char *office_rel_type, const char *office_target, const zpart *extra)
{
	zpart parts[64];
	size_t n = 0, i;
	char *ct, *rels_path = NULL;
	const char *slash = strrchr(main_path, '/');

	ct = S(XML_DECL "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
		"<Default Extension='rels' ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
		"<Default Extension='xml' ContentType='application/xml'/>"
		"<Override PartName='/", main_path,
		"' ContentType='application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'/>");
	for (i = 0; extra && extra[i].name; i++) {
		const char *t = docx_content_type_of(extra[i].name);
		if (t && !strstr(extra[i].name, "_rels"))
			ct = S(ct, "<Override PartName='/", extra[i].name, "' ContentType='", t, "'/>");
	}
	ct = S(ct, "</Types>");
	parts[n++] = (zpart){ "[Content_Types].xml", ct, 0, 0 };
	parts[n++] = (zpart){ "_rels/.rels", rels_xml(S(rel("rId1", office_rel_type, office_target))), 0, 0 };
	parts[n++] = (zpart){ main_path, main_xml, 0, 0 };
	if (main_rels) {
		if (slash) {
			char *dir = strndup(main_path, (size_t)(slash - main_path));
			rels_path = S(dir, "/_rels/", slash + 1, ".rels");
		} else {
			rels_path = S("_rels/", main_path, ".rels");
		}
		parts[n++] = (zpart){ rels_path, rels_xml(main_rels), 0, 0 };
	}
	for (i = 0; extra && extra[i].name && n < 63; i++)
		parts[n++] = extra[i];
	parts[n] = (zpart){ NULL, NULL, 0, 0 };
	return make_zip(parts);
}

/* The usual DOCX: word/document.xml holding body, optional rels and parts. */
static zbytes make_docx_ex(const char *body, const char *doc_rels, const zpart *extra)
{
	return make_docx_pkg("word/document.xml", docx_document_xml(body), doc_rels,
		RT_OFFICE, "word/document.xml", extra);
}

static zbytes make_docx(const char *body)
{
	return make_docx_ex(body, NULL, NULL);
}

/* Paragraph and run shorthands for the tests. */
static char *P(const char *runs) { return S("<w:p>", runs, "</w:p>"); }
static char *R(const char *text) { return S("<w:r><w:t xml:space='preserve'>", text, "</w:t></w:r>"); }
static char *PT(const char *text) { return P(R(text)); }
/* A cell holding the given block XML; tcpr goes into w:tcPr. */
static char *TC(const char *tcpr, const char *blocks)
{
	return S("<w:tc><w:tcPr><w:tcW w:w='1000' w:type='dxa'/>", tcpr ? tcpr : "", "</w:tcPr>",
		blocks, "</w:tc>");
}
/* A cell with one paragraph of text (or an empty paragraph for ""). */
static char *TCT(const char *tcpr, const char *text)
{
	return TC(tcpr, text[0] ? PT(text) : "<w:p/>");
}
static char *TR(const char *trpr, const char *cells)
{
	return S("<w:tr>", trpr ? S("<w:trPr>", trpr, "</w:trPr>") : "", cells, "</w:tr>");
}
/* A table with a grid of ncols columns. */
static char *TBL(int ncols, const char *rows)
{
	char *grid = S("");
	int i;

	for (i = 0; i < ncols; i++)
		grid = S(grid, "<w:gridCol w:w='1000'/>");
	return S("<w:tbl><w:tblPr><w:tblStyle w:val='TableGrid'/><w:tblW w:w='0' w:type='auto'/>"
		"<w:tblLook w:val='04A0'/></w:tblPr><w:tblGrid>", grid, "</w:tblGrid>", rows, "</w:tbl>");
}

/* A DrawingML text box (wps) holding the given block XML, as the content of a w:r. */
static char *drawing_txbx(const char *blocks)
{
	return S("<w:drawing><wp:anchor distT='0' distB='0' distL='114300' distR='114300' simplePos='0'"
		" relativeHeight='251659264' behindDoc='0' locked='0' layoutInCell='1' allowOverlap='1'>"
		"<wp:simplePos x='0' y='0'/><wp:positionH relativeFrom='column'><wp:posOffset>0</wp:posOffset></wp:positionH>"
		"<wp:positionV relativeFrom='paragraph'><wp:posOffset>0</wp:posOffset></wp:positionV>"
		"<wp:extent cx='1828800' cy='457200'/><wp:effectExtent l='0' t='0' r='0' b='0'/><wp:wrapNone/>"
		"<wp:docPr id='1' name='Text Box 1'/><wp:cNvGraphicFramePr/>"
		"<a:graphic><a:graphicData uri='http://schemas.microsoft.com/office/word/2010/wordprocessingShape'>"
		"<wps:wsp><wps:cNvSpPr txBox='1'/><wps:spPr><a:xfrm><a:off x='0' y='0'/><a:ext cx='1828800' cy='457200'/></a:xfrm>"
		"<a:prstGeom prst='rect'><a:avLst/></a:prstGeom></wps:spPr>"
		"<wps:txbx><w:txbxContent>", blocks, "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
		"</a:graphicData></a:graphic></wp:anchor></w:drawing>");
}

/* A VML text box holding the given block XML, as the content of a w:r. */
static char *vml_txbx(const char *blocks)
{
	return S("<w:pict><v:shapetype id='_x0000_t202' coordsize='21600,21600' o:spt='202' path='m,l,21600r21600,l21600,xe'>"
		"<v:stroke joinstyle='miter'/><v:path gradientshapeok='t' o:connecttype='rect'/></v:shapetype>"
		"<v:shape id='Text Box 2' o:spid='_x0000_s1026' type='#_x0000_t202' style='position:absolute;width:144pt;height:36pt'>"
		"<v:textbox><w:txbxContent>", blocks, "</w:txbxContent></v:textbox></v:shape></w:pict>");
}

/* ------------------------------------------------------------------ */
/* ODT                                                                 */

#define ODF_NS \
	" xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'" \
	" xmlns:style='urn:oasis:names:tc:opendocument:xmlns:style:1.0'" \
	" xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0'" \
	" xmlns:table='urn:oasis:names:tc:opendocument:xmlns:table:1.0'" \
	" xmlns:draw='urn:oasis:names:tc:opendocument:xmlns:drawing:1.0'" \
	" xmlns:fo='urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0'" \
	" xmlns:xlink='http://www.w3.org/1999/xlink'" \
	" xmlns:dc='http://purl.org/dc/elements/1.1/'" \
	" xmlns:meta='urn:oasis:names:tc:opendocument:xmlns:meta:1.0'" \
	" xmlns:svg='urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0'" \
	" xmlns:loext='urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0'" \
	" xmlns:field='urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0'" \
	" office:version='1.3'"

#define ODT_MIME "application/vnd.oasis.opendocument.text"

/* content.xml: font-face declarations, automatic styles and the office:text content. */
static char *odt_content_xml(const char *fonts, const char *autostyles, const char *body)
{
	return S(XML_DECL "<office:document-content" ODF_NS ">"
		"<office:scripts/><office:font-face-decls>", fonts ? fonts : "", "</office:font-face-decls>"
		"<office:automatic-styles>", autostyles ? autostyles : "", "</office:automatic-styles>"
		"<office:body><office:text>"
		"<text:sequence-decls><text:sequence-decl text:display-outline-level='0' text:name='Table'/></text:sequence-decls>",
		body, "</office:text></office:body></office:document-content>");
}

/* styles.xml with the given style:master-page content (header and footer). */
static char *odt_styles_xml(const char *master_page_inner)
{
	return S(XML_DECL "<office:document-styles" ODF_NS ">"
		"<office:styles/><office:automatic-styles>"
		"<style:page-layout style:name='pm1'><style:page-layout-properties fo:page-width='21cm' fo:page-height='29.7cm'/></style:page-layout>"
		"</office:automatic-styles><office:master-styles>"
		"<style:master-page style:name='Standard' style:page-layout-name='pm1'>", master_page_inner,
		"</style:master-page></office:master-styles></office:document-styles>");
}

static char *odt_manifest(const char *content_entry_extra, int with_styles)
{
	return S(XML_DECL "<manifest:manifest xmlns:manifest='urn:oasis:names:tc:opendocument:xmlns:manifest:1.0' manifest:version='1.3'>"
		"<manifest:file-entry manifest:full-path='/' manifest:version='1.3' manifest:media-type='" ODT_MIME "'/>",
		content_entry_extra ? content_entry_extra :
		"<manifest:file-entry manifest:full-path='content.xml' manifest:media-type='text/xml'/>",
		with_styles ? "<manifest:file-entry manifest:full-path='styles.xml' manifest:media-type='text/xml'/>" : "",
		"</manifest:manifest>");
}

/* An ODT package from a whole content.xml and an optional styles.xml. */
static zbytes make_odt_pkg(const char *content_xml, const char *styles_xml)
{
	zpart parts[6];
	size_t n = 0;

	parts[n++] = (zpart){ "mimetype", ODT_MIME, 0, 1 };
	parts[n++] = (zpart){ "META-INF/manifest.xml", odt_manifest(NULL, styles_xml != NULL), 0, 0 };
	parts[n++] = (zpart){ "content.xml", content_xml, 0, 0 };
	if (styles_xml)
		parts[n++] = (zpart){ "styles.xml", styles_xml, 0, 0 };
	parts[n] = (zpart){ NULL, NULL, 0, 0 };
	return make_zip(parts);
}

static zbytes make_odt(const char *body)
{
	return make_odt_pkg(odt_content_xml(NULL, NULL, body), NULL);
}

/* ------------------------------------------------------------------ */
/* Reading and looking at the model                                    */

static rg_limits test_limits(void)
{
	rg_limits lim;
	rg_limits_default(&lim);
	return lim;
}

/* The case being run, and a counter of the packages it read (for RG_TEST_DUMP). */
static const char *current_case = "none";
static int current_pkg;

/* With RG_TEST_DUMP=DIR set, every package read is also written to DIR/CASE-N.zip
** (to look at the exact input of a failing case with unzip). */
static void dump_pkg(const void *data, size_t len)
{
	const char *dir = getenv("RG_TEST_DUMP");
	char path[1024];
	FILE *f;

	if (!dir || !data)
		return;
	snprintf(path, sizeof(path), "%s/%s-%d.zip", dir, current_case, current_pkg++);
	f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

static rg_doc *const NOT_SET = (rg_doc *)(uintptr_t)0x1;

/* Read a package with default limits; prints the error when it fails. */
static rg_doc *read_pkg(zbytes z)
{
	rg_limits lim = test_limits();
	rg_doc *doc = NOT_SET;
	int rc;

	dump_pkg(z.data, z.len);
	rc = rg_read_memory(z.data, z.len, &lim, &doc);

	if (rc != 0) {
		fprintf(stderr, "  rg_read_memory returned %d (%s): %s\n", rc, rg_error_name(rc), rg_error_message());
		return NULL;
	}
	if (doc == NOT_SET)
		return NULL;
	return doc;
}

static rg_doc *read_docx_body(const char *body) { return read_pkg(make_docx(body)); }
static rg_doc *read_odt_body(const char *body) { return read_pkg(make_odt(body)); }

static const rg_blocks empty_blocks = { NULL, 0, 0 };
#define BODY(d) ((d) ? &(d)->body : &empty_blocks)
#define HEADERS(d) ((d) ? &(d)->headers : &empty_blocks)
#define FOOTERS(d) ((d) ? &(d)->footers : &empty_blocks)
#define NOTES(d) ((d) ? &(d)->footnotes : &empty_blocks)
#define BOXES(d) ((d) ? &(d)->textboxes : &empty_blocks)

/* The text of paragraph i, or a marker that cannot equal an expected text. */
static const char *ptext(const rg_blocks *b, size_t i)
{
	if (!b || i >= b->len)
		return "<no such block>";
	if (b->items[i].type != RG_BLOCK_PARAGRAPH)
		return "<not a paragraph>";
	return b->items[i].text ? b->items[i].text : "<NULL paragraph text>";
}

static int pflags(const rg_blocks *b, size_t i)
{
	return (b && i < b->len) ? b->items[i].flags : -1;
}

static rg_table *btable(const rg_blocks *b, size_t i)
{
	if (!b || i >= b->len || b->items[i].type != RG_BLOCK_TABLE)
		return NULL;
	return b->items[i].table;
}

static size_t nblocks(const rg_blocks *b) { return b ? b->len : 0; }

static rg_cell *cell_at(const rg_table *t, int r, int c)
{
	if (!t || r < 0 || c < 0 || r >= t->nrows || c >= t->ncols || !t->cells)
		return NULL;
	return rg_table_cell(t, r, c);
}

/* The text of cell (r, c): NULL for a covered cell, a marker when out of range. */
static const char *ctext(const rg_table *t, int r, int c)
{
	rg_cell *x = cell_at(t, r, c);
	return x ? x->text : "<no such cell>";
}

static int count_in_blocks(const rg_blocks *b, const char *needle, int depth);

static int count_in_table(const rg_table *t, const char *needle, int depth)
{
	int n = 0, i;

	if (!t || !t->cells || depth > 64)
		return 0;
	for (i = 0; i < t->nrows * t->ncols; i++) {
		const rg_cell *c = &t->cells[i];
		if (c->body.len)
			n += count_in_blocks(&c->body, needle, depth + 1);
		else
			n += count_substr(c->text, needle);
	}
	return n;
}

/* How many times needle appears in the blocks (tables searched cell by cell,
** a cell with a body searched through its body only). */
static int count_in_blocks(const rg_blocks *b, const char *needle, int depth)
{
	size_t i;
	int n = 0;

	if (!b)
		return 0;
	for (i = 0; i < b->len; i++) {
		if (b->items[i].type == RG_BLOCK_TABLE)
			n += count_in_table(b->items[i].table, needle, depth);
		else
			n += count_substr(b->items[i].text, needle);
	}
	return n;
}
#define COUNT(blocks, needle) count_in_blocks((blocks), (needle), 0)

static int count_in_doc(const rg_doc *d, const char *needle)
{
	if (!d)
		return 0;
	return COUNT(&d->body, needle) + COUNT(&d->headers, needle) + COUNT(&d->footers, needle) +
		COUNT(&d->footnotes, needle) + COUNT(&d->textboxes, needle);
}

/* No paragraph block of the list has an empty text. */
static int no_empty_paragraphs(const rg_blocks *b)
{
	size_t i;

	for (i = 0; b && i < b->len; i++)
		if (b->items[i].type == RG_BLOCK_PARAGRAPH && (!b->items[i].text || !b->items[i].text[0]))
			return 0;
	return 1;
}

/* An origin cell: text, colspan, rowspan, not covered. */
#define CHECK_CELL(t, r, c, txt, cs, rs) do { \
	const rg_cell *cc_ = cell_at((t), (r), (c)); \
	CHECK(cc_ != NULL); \
	if (cc_) { \
		CHECK_STR(cc_->text, (txt)); \
		CHECK_INT(cc_->colspan, (cs)); \
		CHECK_INT(cc_->rowspan, (rs)); \
		CHECK_INT(cc_->cover_row, -1); \
		CHECK_INT(cc_->cover_col, -1); \
	} \
} while (0)

/* A covered cell: no text, covered by the origin at (orow, ocol). */
#define CHECK_COVERED(t, r, c, orow, ocol) do { \
	const rg_cell *cc_ = cell_at((t), (r), (c)); \
	CHECK(cc_ != NULL); \
	if (cc_) { \
		CHECK(cc_->text == NULL); \
		CHECK_INT(cc_->cover_row, (orow)); \
		CHECK_INT(cc_->cover_col, (ocol)); \
	} \
} while (0)

/* Print a table's grid to stderr (after a failed check, to show the actual result). */
static void dump_table(const rg_table *t)
{
	int r, c;

	if (!t) {
		fprintf(stderr, "    (no table)\n");
		return;
	}
	fprintf(stderr, "    table %dx%d header_rows=%d\n", t->nrows, t->ncols, t->header_rows);
	for (r = 0; r < t->nrows; r++) {
		fprintf(stderr, "    |");
		for (c = 0; c < t->ncols; c++) {
			const rg_cell *x = rg_table_cell(t, r, c);
			if (x->text)
				fprintf(stderr, " \"%s\" %dx%d%s |", x->text, x->colspan, x->rowspan,
					x->body.len ? " +body" : "");
			else
				fprintf(stderr, " ^(%d,%d) |", x->cover_row, x->cover_col);
		}
		fprintf(stderr, "\n");
	}
}

#define CHECK_DIMS(t, r, c) do { \
	int before_ = check_failed; \
	CHECK((t) != NULL); \
	if (t) { CHECK_INT((t)->nrows, (r)); CHECK_INT((t)->ncols, (c)); } \
	if (check_failed != before_ && (t)) dump_table(t); \
} while (0)

/* A failure: negative code, *out NULL, a one-line non-empty message. */
#define CHECK_FAILS(rc, doc) do { \
	const char *m_ = rg_error_message(); \
	CHECK((rc) < 0); \
	CHECK((doc) == NULL); \
	CHECK(m_ != NULL && m_[0] != '\0'); \
	CHECK(m_ == NULL || strchr(m_, '\n') == NULL); \
	fprintf(stderr, "  -> rc=%d (%s) message: \"%s\"\n", (int)(rc), rg_error_name(rc), m_ ? m_ : "(null)"); \
} while (0)

static int msg_has(const char *needle)
{
	const char *m = rg_error_message();
	return m && strcasestr(m, needle) != NULL;
}

/* Read raw bytes with the given limits (NULL: defaults); *docp gets the result. */
static int read_raw(const void *data, size_t len, const rg_limits *lim, rg_doc **docp)
{
	rg_limits def = test_limits();
	*docp = NOT_SET;
	dump_pkg(data, len);
	rg_error_clear();
	return rg_read_memory(data, len, lim ? lim : &def, docp);
}

/* ------------------------------------------------------------------ */
/* Running the cases                                                   */

typedef struct {
	const char *name;
	void (*fn)(void);
	int extra;   /* beyond the specification: run only when named or with RG_TEST_EXTRA=1 */
} test_case;

static int run_total_passed, run_total_failed, run_cases_failed;

/* Run one case in a child process; returns 0 when all its checks passed. */
static int run_case(const test_case *tc, unsigned timeout)
{
	int fds[2], status = 0, counts[2] = { 0, 0 };
	pid_t pid;
	ssize_t got = 0;

	fflush(stdout);
	fflush(stderr);
	if (pipe(fds) < 0)
		abort();
	pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		close(fds[0]);
		alarm(timeout);
		current_case = tc->name;
		check_passed = check_failed = 0;
		tc->fn();
		counts[0] = check_passed;
		counts[1] = check_failed;
		if (write(fds[1], counts, sizeof(counts)) != (ssize_t)sizeof(counts))
			_exit(3);
		fflush(stdout);
		fflush(stderr);
		if (getenv("RG_TEST_EXIT"))
			exit(0);   /* run atexit handlers (LeakSanitizer) */
		_exit(0);
	}
	close(fds[1]);
	got = read(fds[0], counts, sizeof(counts));
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (got != (ssize_t)sizeof(counts) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFSIGNALED(status))
			printf("[CRASH] %s (signal %d%s)\n", tc->name, WTERMSIG(status),
				WTERMSIG(status) == SIGALRM ? ": timeout" : "");
		else
			printf("[CRASH] %s (exit status %d)\n", tc->name, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		run_total_failed++;
		run_cases_failed++;
		return 1;
	}
	run_total_passed += counts[0];
	run_total_failed += counts[1];
	if (counts[1]) {
		printf("[FAIL]  %s (%d of %d checks failed)\n", tc->name, counts[1], counts[0] + counts[1]);
		run_cases_failed++;
		return 1;
	}
	printf("[PASS]  %s (%d checks)\n", tc->name, counts[0]);
	return 0;
}

/* main() of a test program: all cases, or those named on the command line. */
static int run_cases(const char *prog, const test_case *cases, int argc, char **argv)
{
	const test_case *tc;
	int i, ncases = 0;

	for (tc = cases; tc->name; tc++) {
		int want = argc < 2 && (!tc->extra || getenv("RG_TEST_EXTRA"));
		for (i = 1; i < argc; i++)
			if (strstr(tc->name, argv[i]))
				want = 1;
		if (!want)
			continue;
		ncases++;
		run_case(tc, 120);
	}
	printf("%s: %d of %d cases failed\n", prog, run_cases_failed, ncases);
	check_passed = run_total_passed;
	check_failed = run_total_failed;
	return check_summary(prog);
}

#endif
