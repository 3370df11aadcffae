/*
** canvas.h - the PDF document and its Thai text layer, on libharu.
**
** One canvas is one PDF: two embedded TrueType faces (regular, bold) with
** the UTF-8 encoder, a correct ToUnicode CMap instead of libharu's
** malformed one, PDF 1.5.  rg_canvas_text() shapes a logical line
** (thai_shape.h), draws the visual glyphs with one ShowText and, when they
** differ from the logical text, wraps them in /Span <</ActualText ...>> BDC
** ... EMC so that search and copy give back the logical Thai.
*/
#ifndef RG_CANVAS_H
#define RG_CANVAS_H

#include <stddef.h>
#include <hpdf.h>

typedef struct rg_canvas rg_canvas;

typedef enum { RG_FACE_REGULAR = 0, RG_FACE_BOLD = 1 } rg_face;

/* A4 in points. */
#define RG_A4_SHORT 595.276
#define RG_A4_LONG 841.89

/* Check and load the fonts (font_check.h); 0 or RG_E* with a message. */
int rg_canvas_new(rg_canvas **out, const char *font, const char *font_bold);
void rg_canvas_free(rg_canvas *c);

HPDF_Doc rg_canvas_doc(rg_canvas *c);

/* Append an A4 page (landscape or portrait); NULL after an error. */
HPDF_Page rg_canvas_add_page(rg_canvas *c, int landscape);

/* A page that is finished except for later additions: its content stream is
** deflated now, in memory (the document's size in RAM stays near the size of
** the file), and later drawing goes to a fresh content stream of the page. */
int rg_canvas_seal_page(rg_canvas *c, HPDF_Page page);

/* Open a new content stream on a sealed page (for the footers). */
int rg_canvas_reopen_page(rg_canvas *c, HPDF_Page page);

/* Width in points of the logical text s[0..n) once shaped, at size pt. */
double rg_canvas_width(rg_canvas *c, rg_face face, double size, const char *s, size_t n);

/* Cumulative widths: prefix[i] = width of s[0..i) at every cell boundary i
** (inside a cell: the width up to the cell's start); prefix has n + 1 slots.
** Linear in n, so that wrapping can measure any piece in O(1). */
void rg_canvas_prefix_widths(rg_canvas *c, rg_face face, double size, const char *s, size_t n, double *prefix);

/* Draw the logical text s[0..n) with its baseline at (x, y). */
void rg_canvas_text(rg_canvas *c, HPDF_Page page, rg_face face, double size,
	double x, double y, const char *s, size_t n);

/* Searchable across line breaks: the lines of one table cell are drawn with
** rg_canvas_text_in_span() between span_begin (with the cell's whole logical
** text as /ActualText) and span_end, so that poppler gives the cell's text
** in one piece and finds a phrase cut by a line break. */
void rg_canvas_span_begin(rg_canvas *c, HPDF_Page page, const char *s, size_t n);
void rg_canvas_span_end(rg_canvas *c, HPDF_Page page);
void rg_canvas_text_in_span(rg_canvas *c, HPDF_Page page, rg_face face, double size,
	double x, double y, const char *s, size_t n);

/* Width in points of s[0..n) once shaped, and its real ink from the glyph
** outlines (marks included): the highest point above the baseline and the
** lowest below it (ink_bottom > 0 below), in points at size. */
void rg_canvas_measure(rg_canvas *c, rg_face face, double size, const char *s, size_t n,
	double *width, double *ink_top, double *ink_bottom);

/* The same without shaping (plain code points, as libharu alone would draw
** them): only for the rendering test, to show that it catches bad marks. */
void rg_canvas_text_unshaped(rg_canvas *c, HPDF_Page page, rg_face face, double size,
	double x, double y, const char *s);

/* Font metrics in points at size: ascent above and descent below the baseline (descent > 0). */
double rg_canvas_ascent(rg_canvas *c, rg_face face, double size);
double rg_canvas_descent(rg_canvas *c, rg_face face, double size);

/* Metadata: UTF-8 title and subject; dates only from SOURCE_DATE_EPOCH. */
void rg_canvas_set_info(rg_canvas *c, const char *title, const char *subject);

/* An outline entry (UTF-8 title) under parent (NULL = top) pointing at page top. */
HPDF_Outline rg_canvas_outline(rg_canvas *c, HPDF_Outline parent, const char *title, HPDF_Page page, int open);

/* Write the file; 0 or RG_E* (also reports any libharu error met earlier). */
int rg_canvas_save(rg_canvas *c, const char *path);

/* The first libharu error met (0 = none). */
unsigned long rg_canvas_error(const rg_canvas *c);

#endif
