/*
** canvas.c - libharu document, fonts, ToUnicode and the ActualText text layer (see canvas.h).
**
** libharu 2.3.0 has no marked-content API and writes an invalid ToUnicode
** CMap (a cidrange copy of the encoding CMap, which poppler warns about);
** both are fixed here through the installed internal headers: BDC/EMC go
** straight into the page's content stream, and a bfrange ToUnicode stream
** (identity, except the Thai presentation glyphs U+F700-F71A which map back
** to their base character) replaces the font's /ToUnicode entry.
*/
#include "canvas.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "core/buf.h"
#include "core/error.h"
#include "font_check.h"
#include "thai_shape.h"

struct rg_canvas {
	HPDF_Doc pdf;
	HPDF_Font font[2];
	float *width[2];             /* advance per BMP code point in 1/1000 em; NaN = not yet known */
	float *top[2], *bottom[2];   /* ink above / below the baseline per code point, 1/1000 em; NaN = unknown */
	HPDF_FontDef fontdef[2];
	double ascent[2], descent[2];
	unsigned long error, detail;
	rg_buf shaped;               /* scratch: the visual text of a line */
	rg_buf hex;                  /* scratch: ActualText as UTF-16BE hex */
	int page_count;
};

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	rg_canvas *c = user_data;

	if (!c->error) {
		c->error = error_no;
		c->detail = detail_no;
	}
}

unsigned long rg_canvas_error(const rg_canvas *c) { return c->error; }

HPDF_Doc rg_canvas_doc(rg_canvas *c) { return c->pdf; }

/* The ToUnicode CMap: CID = Unicode code point (libharu's UTF-8 encoder). */
static int add_tounicode(rg_canvas *c, HPDF_Font font)
{
	HPDF_Doc pdf = c->pdf;
	HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	rg_buf b = RG_BUF_INIT;
	unsigned hi, cp;

	if (!stream)
		return rg_error_set(RG_ERROR, "libharu: cannot create the ToUnicode stream");
	rg_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* 256-code blocks: a bfrange may only vary in its last byte.  No surrogates,
	** and F7xx is written apart below; at most 100 entries per section. */
	for (hi = 0; hi < 256;) {
		unsigned k = 0, h;
		for (h = hi; h < 256 && k < 100; h++)
			if ((h < 0xD8 || h > 0xDF) && h != 0xF7)
				k++;
		if (!k)
			break;
		rg_buf_printf(&b, "%u beginbfrange\n", k);
		for (; hi < h; hi++)
			if ((hi < 0xD8 || hi > 0xDF) && hi != 0xF7)
				rg_buf_printf(&b, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
		rg_buf_puts(&b, "endbfrange\n");
	}
	/* U+F700..F71A: the presentation glyphs give back their base character; the rest of F7xx is identity. */
	rg_buf_printf(&b, "%u beginbfchar\n", RG_THAI_PUA_LAST - RG_THAI_PUA_FIRST + 1);
	for (cp = RG_THAI_PUA_FIRST; cp <= RG_THAI_PUA_LAST; cp++)
		rg_buf_printf(&b, "<%04X> <%04X>\n", cp, rg_thai_pua_base(cp));
	rg_buf_puts(&b, "endbfchar\n1 beginbfrange\n<F71B> <F7FF> <F71B>\nendbfrange\n");
	rg_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	if (rg_buf_oom(&b)) {
		rg_buf_free(&b);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	if (HPDF_Stream_Write(stream->stream, (const HPDF_BYTE *)b.ptr, (HPDF_UINT)b.len) != HPDF_OK ||
	    HPDF_Dict_Add(font, "ToUnicode", stream) != HPDF_OK) {
		rg_buf_free(&b);
		return rg_error_set(RG_ERROR, "libharu: cannot set the ToUnicode CMap");
	}
	rg_buf_free(&b);
	return 0;
}

static int load_face(rg_canvas *c, int face, const char *path)
{
	const char *name;
	int rc;

	if ((rc = rg_font_check(path)))
		return rc;
	name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
	if (!name || !(c->font[face] = HPDF_GetFont(c->pdf, name, "UTF-8")))
		return rg_error_set(RG_EFORMAT, "%s: libharu cannot load the font (error 0x%04lX)", path, c->error);
	c->fontdef[face] = HPDF_GetFontDef(c->pdf, name);
	if (!(c->width[face] = malloc(65536 * sizeof(float))) || !(c->top[face] = malloc(65536 * sizeof(float))) ||
	    !(c->bottom[face] = malloc(65536 * sizeof(float))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	/* all bytes 0xFF: a NaN, "unknown" */
	memset(c->width[face], 0xFF, 65536 * sizeof(float));
	memset(c->top[face], 0xFF, 65536 * sizeof(float));
	memset(c->bottom[face], 0xFF, 65536 * sizeof(float));
	c->ascent[face] = HPDF_Font_GetAscent(c->font[face]) / 1000.0;
	c->descent[face] = -HPDF_Font_GetDescent(c->font[face]) / 1000.0;
	return add_tounicode(c, c->font[face]);
}

int rg_canvas_new(rg_canvas **out, const char *font, const char *font_bold)
{
	rg_canvas *c = calloc(1, sizeof(*c));
	int rc;

	*out = NULL;
	if (!c)
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (!(c->pdf = HPDF_New(on_error, c))) {
		free(c);
		return rg_error_set(RG_ENOMEM, "libharu: cannot create a document");
	}
	c->pdf->pdf_version = HPDF_VER_15;   /* ActualText is a PDF 1.5 feature */
	HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
	/* a two-tier page tree: one Pages node holds at most 8191 pages (libharu's array
	** limit), fewer than a national report has; 1000 a node keeps viewers quick */
	HPDF_SetPagesConfiguration(c->pdf, 1000);
	HPDF_UseUTFEncodings(c->pdf);
	HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
	if ((rc = load_face(c, RG_FACE_REGULAR, font)) || (rc = load_face(c, RG_FACE_BOLD, font_bold))) {
		rg_canvas_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void rg_canvas_free(rg_canvas *c)
{
	if (!c)
		return;
	if (c->pdf)
		HPDF_Free(c->pdf);
	free(c->width[0]);
	free(c->width[1]);
	free(c->top[0]);
	free(c->top[1]);
	free(c->bottom[0]);
	free(c->bottom[1]);
	rg_buf_free(&c->shaped);
	rg_buf_free(&c->hex);
	free(c);
}

HPDF_Page rg_canvas_add_page(rg_canvas *c, int landscape)
{
	HPDF_Page page = HPDF_AddPage(c->pdf);

	if (!page)
		return NULL;
	HPDF_Page_SetWidth(page, (HPDF_REAL)(landscape ? RG_A4_LONG : RG_A4_SHORT));
	HPDF_Page_SetHeight(page, (HPDF_REAL)(landscape ? RG_A4_SHORT : RG_A4_LONG));
	c->page_count++;
	return page;
}

/* libharu drops a /Filter key from a stream whose filter field is NONE, so a
** stream deflated beforehand declares its filter from the write hook. */
static HPDF_STATUS write_flate_key(HPDF_Dict obj, HPDF_Stream stream)
{
	(void)obj;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

int rg_canvas_seal_page(rg_canvas *c, HPDF_Page page)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_Dict contents = attr->contents;
	HPDF_Stream raw = contents->stream, packed;

	/* only a plain stream still to be compressed at save time */
	if (!raw || contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE || attr->stream != raw || contents->write_fn)
		return 0;
	if (!(packed = HPDF_MemStream_New(c->pdf->mmgr, HPDF_STREAM_BUF_SIZ)))
		return rg_error_set(RG_ENOMEM, "libharu: out of memory");
	if (HPDF_Stream_Seek(raw, 0, HPDF_SEEK_SET) != HPDF_OK ||
	    HPDF_Stream_WriteToStream(raw, packed, HPDF_STREAM_FILTER_FLATE_DECODE, NULL) != HPDF_OK) {
		HPDF_Stream_Free(packed);
		return rg_error_set(RG_ERROR, "libharu: cannot compress a page (error 0x%04lX)", c->error);
	}
	/* the stream now holds deflated bytes: libharu must write them as they are */
	contents->stream = packed;
	contents->filter = HPDF_STREAM_FILTER_NONE;
	contents->write_fn = write_flate_key;
	attr->stream = packed;
	HPDF_Stream_Free(raw);
	return 0;
}

int rg_canvas_reopen_page(rg_canvas *c, HPDF_Page page)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_Dict fresh;

	if (attr->contents->write_fn != write_flate_key || attr->stream != attr->contents->stream)
		return 0;   /* not sealed: keep drawing into it */
	if (HPDF_Page_New_Content_Stream(page, &fresh) != HPDF_OK)
		return rg_error_set(RG_ERROR, "libharu: cannot add a content stream (error 0x%04lX)", c->error);
	return 0;
}

static double advance(rg_canvas *c, rg_face face, unsigned cp)
{
	float *w = c->width[face];
	char u[4];
	int l;

	if (cp > 0xFFFF)
		cp = 0xFFFD;
	if (w[cp] == w[cp]) /* not NaN: known */
		return w[cp];
	if (cp < 0x80) {
		u[0] = (char)cp;
		l = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		l = 2;
	} else {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		l = 3;
	}
	w[cp] = (float)HPDF_Font_TextWidth(c->font[face], (const HPDF_BYTE *)u, (HPDF_UINT)l).width;
	return w[cp];
}

static double visual_width(rg_canvas *c, rg_face face, const char *s, size_t n)
{
	double total = 0;
	size_t i = 0;

	while (i < n) {
		unsigned cp;
		i += (size_t)rg_utf8_decode(s + i, n - i, &cp);
		total += advance(c, face, cp);
	}
	return total;
}

/* The ink of a glyph above and below the baseline (from its outline's box). */
static void ink(rg_canvas *c, rg_face face, unsigned cp, double *top, double *bottom)
{
	float *t = c->top[face], *b = c->bottom[face];

	if (cp > 0xFFFF)
		cp = 0xFFFD;
	if (t[cp] != t[cp]) {   /* NaN: not yet known */
		HPDF_Box box = { 0, 0, 0, 0 };
		if (c->fontdef[face] && cp != ' ')
			box = HPDF_TTFontDef_GetCharBBox(c->fontdef[face], (HPDF_UINT16)cp);
		t[cp] = box.top;
		b[cp] = -box.bottom;
	}
	*top = t[cp];
	*bottom = b[cp];
}

void rg_canvas_measure(rg_canvas *c, rg_face face, double size, const char *s, size_t n,
	double *width, double *ink_top, double *ink_bottom)
{
	double w = 0, top = 0, bottom = 0;
	size_t i = 0;

	rg_buf_clear(&c->shaped);
	rg_thai_shape(s, n, &c->shaped);
	while (i < c->shaped.len) {
		unsigned cp;
		double t, b;
		i += (size_t)rg_utf8_decode(c->shaped.ptr + i, c->shaped.len - i, &cp);
		w += advance(c, face, cp);
		ink(c, face, cp, &t, &b);
		if (t > top)
			top = t;
		if (b > bottom)
			bottom = b;
	}
	*width = w * size / 1000.0;
	*ink_top = top * size / 1000.0;
	*ink_bottom = bottom * size / 1000.0;
}

double rg_canvas_width(rg_canvas *c, rg_face face, double size, const char *s, size_t n)
{
	rg_buf_clear(&c->shaped);
	rg_thai_shape(s, n, &c->shaped);
	return visual_width(c, face, c->shaped.ptr, c->shaped.len) * size / 1000.0;
}

typedef struct {
	rg_canvas *c;
	rg_face face;
	double scale, total;
	double *prefix;
} prefix_ctx;

static void prefix_cell(void *ctx, size_t start, size_t end, const char *visual, size_t len)
{
	prefix_ctx *p = ctx;
	size_t k;

	for (k = start; k < end; k++)
		p->prefix[k] = p->total;
	p->total += visual_width(p->c, p->face, visual, len) * p->scale;
	p->prefix[end] = p->total;
}

void rg_canvas_prefix_widths(rg_canvas *c, rg_face face, double size, const char *s, size_t n, double *prefix)
{
	prefix_ctx p = { c, face, size / 1000.0, 0, prefix };

	prefix[0] = 0;
	rg_thai_shape_cells(s, n, prefix_cell, &p);
}

double rg_canvas_ascent(rg_canvas *c, rg_face face, double size) { return c->ascent[face] * size; }
double rg_canvas_descent(rg_canvas *c, rg_face face, double size) { return c->descent[face] * size; }

static void hex16(rg_buf *out, unsigned v)
{
	static const char digits[] = "0123456789ABCDEF";
	char h[4] = { digits[(v >> 12) & 15], digits[(v >> 8) & 15], digits[(v >> 4) & 15], digits[v & 15] };
	rg_buf_put(out, h, 4);
}

/* The logical text as a PDF hex string of UTF-16BE with BOM. */
static void utf16_hex(rg_buf *out, const char *s, size_t n)
{
	size_t i = 0;

	rg_buf_puts(out, "<FEFF");
	while (i < n) {
		unsigned cp;
		i += (size_t)rg_utf8_decode(s + i, n - i, &cp);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			hex16(out, 0xD800 + (cp >> 10));
			hex16(out, 0xDC00 + (cp & 0x3FF));
		} else {
			hex16(out, cp);
		}
	}
	rg_buf_putc(out, '>');
}

void rg_canvas_span_begin(rg_canvas *c, HPDF_Page page, const char *s, size_t n)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	rg_buf_clear(&c->hex);
	rg_buf_puts(&c->hex, "/Span <</ActualText ");
	utf16_hex(&c->hex, s, n);
	rg_buf_puts(&c->hex, ">> BDC\n");
	HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)c->hex.ptr, (HPDF_UINT)c->hex.len);
}

void rg_canvas_span_end(rg_canvas *c, HPDF_Page page)
{
	(void)c;
	HPDF_Stream_WriteStr(((HPDF_PageAttr)page->attr)->stream, "EMC\n");
}

/* Draw the shaped text (c->shaped) of s[0..n); spanned: in a span of its own when shaping changed it. */
static void draw_line(rg_canvas *c, HPDF_Page page, rg_face face, double size, double x, double y,
	const char *s, size_t n, int spanned)
{
	int changed;

	if (!n)
		return;
	rg_buf_clear(&c->shaped);
	changed = rg_thai_shape(s, n, &c->shaped) && spanned;
	if (!c->shaped.len)
		return;
	if (changed)
		rg_canvas_span_begin(c, page, s, n);
	/* span_begin used c->hex only: c->shaped still holds this line */
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, c->font[face], (HPDF_REAL)size);
	HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, rg_buf_cstr(&c->shaped));
	HPDF_Page_EndText(page);
	if (changed)
		rg_canvas_span_end(c, page);
}

void rg_canvas_text(rg_canvas *c, HPDF_Page page, rg_face face, double size,
	double x, double y, const char *s, size_t n)
{
	draw_line(c, page, face, size, x, y, s, n, 1);
}

void rg_canvas_text_in_span(rg_canvas *c, HPDF_Page page, rg_face face, double size,
	double x, double y, const char *s, size_t n)
{
	draw_line(c, page, face, size, x, y, s, n, 0);
}

void rg_canvas_text_unshaped(rg_canvas *c, HPDF_Page page, rg_face face, double size,
	double x, double y, const char *s)
{
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, c->font[face], (HPDF_REAL)size);
	HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, s);
	HPDF_Page_EndText(page);
}

/* "D:YYYYMMDDHHmmSS" fields from SOURCE_DATE_EPOCH; 0 when unset or invalid. */
static int source_date(HPDF_Date *d)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	time_t t;
	struct tm tm;

	if (!env || !*env)
		return 0;
	v = strtoll(env, &end, 10);
	if (*end || v < 0)
		return 0;
	t = (time_t)v;
	if (!gmtime_r(&t, &tm))
		return 0;
	memset(d, 0, sizeof(*d));
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
	d->hour = tm.tm_hour;
	d->minutes = tm.tm_min;
	d->seconds = tm.tm_sec;
	d->ind = 'Z';
	return 1;
}

void rg_canvas_set_info(rg_canvas *c, const char *title, const char *subject)
{
	HPDF_Date d;

	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_TITLE, title);
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_SUBJECT, subject);
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_PRODUCER, "raingan 0.1.0 (libharu, libthai)");
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, "raingan report");
	if (source_date(&d)) {
		HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, d);
		HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, d);
	}
}

HPDF_Outline rg_canvas_outline(rg_canvas *c, HPDF_Outline parent, const char *title, HPDF_Page page, int open)
{
	HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, title, HPDF_GetEncoder(c->pdf, "UTF-8"));
	HPDF_Destination dst;

	if (!o)
		return NULL;
	if (page && (dst = HPDF_Page_CreateDestination(page))) {
		HPDF_Destination_SetFitH(dst, HPDF_Page_GetHeight(page));   /* libharu refuses XYZ zoom 0 */
		HPDF_Outline_SetDestination(o, dst);
	}
	HPDF_Outline_SetOpened(o, open ? HPDF_TRUE : HPDF_FALSE);
	return o;
}

int rg_canvas_save(rg_canvas *c, const char *path)
{
	unsigned char chunk[65536];
	HPDF_STATUS st = HPDF_OK;
	FILE *fp;
	int rc = 0;

	if (c->error)
		return rg_error_set(RG_ERROR, "libharu error 0x%04lX (detail %lu) while drawing", c->error, c->detail);
	/* libharu's own file writer ignores the error of its last flush (fclose): the
	** document is made in memory and written here, every write checked, so a
	** full disk is said in the system's words and never passes as a whole PDF */
	if (HPDF_SaveToStream(c->pdf) != HPDF_OK || c->error || HPDF_ResetStream(c->pdf) != HPDF_OK)
		return rg_error_set(RG_ERROR, "cannot make the PDF (libharu error 0x%04lX)", c->error);
	if (!(fp = fopen(path, "wb")))
		return rg_error_set(RG_EIO, "cannot write the PDF: %s", strerror(errno));
	while (!rc && st != HPDF_STREAM_EOF) {
		HPDF_UINT32 n = sizeof(chunk);
		st = HPDF_ReadFromStream(c->pdf, chunk, &n);
		if (st != HPDF_OK && st != HPDF_STREAM_EOF)
			rc = rg_error_set(RG_ERROR, "cannot make the PDF (libharu error 0x%04lX)", (unsigned long)st);
		else if (n && fwrite(chunk, 1, n, fp) != n)
			rc = rg_error_set(RG_EIO, "cannot write the PDF: %s", strerror(errno));
	}
	if ((fflush(fp) || ferror(fp)) && !rc)
		rc = rg_error_set(RG_EIO, "cannot write the PDF: %s", strerror(errno ? errno : EIO));
	if (fclose(fp) && !rc)
		rc = rg_error_set(RG_EIO, "cannot write the PDF: %s", strerror(errno));
	return rc;
}
