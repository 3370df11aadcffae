/*
** layout.h - page flow: pages, a y cursor, headings, wrapped paragraphs,
** tables with repeated header rows, footers "หน้า x/N" drawn after pagination.
**
** Rows are measured (every cell wrapped at Thai word boundaries) before they
** are placed, so a row is never split unless it is taller than a page, and
** the header row is repeated on each new page.  Work is linear in the text.
*/
#ifndef RG_LAYOUT_H
#define RG_LAYOUT_H

#include <stddef.h>
#include <hpdf.h>

#include "canvas.h"
#include "linebreak.h"

typedef struct {
	rg_canvas *canvas;
	rg_linebreak *lb;
	int thai_digits;
	int landscape;
	double page_w, page_h, margin, margin_bottom;
	double y;                     /* top of the free space on the current page */
	HPDF_Page page;
	HPDF_Page *pages;
	size_t npages, cap_pages;
	int error;                    /* first RG_E* met; sticky */
	/* scratch for the lines of a row */
	rg_line *lines;
	size_t nlines, cap_lines;
	double *prefix;               /* scratch: cumulative widths of the text being wrapped */
	size_t cap_prefix;
} rg_layout;

int rg_layout_init(rg_layout *l, rg_canvas *c, rg_linebreak *lb, int thai_digits);
void rg_layout_fini(rg_layout *l);

/* Start a new page (the cursor goes to its top). */
void rg_layout_new_page(rg_layout *l);

/* Make sure h points are free below the cursor, else start a new page. */
void rg_layout_need(rg_layout *l, double h);

/* Wrapped text across the free width; face and size; advance the cursor. */
void rg_layout_paragraph(rg_layout *l, const char *text, rg_face face, double size, int centered);

/* Vertical space. */
void rg_layout_space(rg_layout *l, double h);

/* Write "หน้า x/N" at the bottom of every page and the text left of it. */
void rg_layout_footers(rg_layout *l, const char *left_text);

/* ---- tables ---- */

typedef enum { RG_ALIGN_LEFT = 0, RG_ALIGN_RIGHT, RG_ALIGN_CENTER } rg_align;

typedef struct {
	const char *header;   /* header text (wrapped) */
	double weight;        /* share of the table width */
	rg_align align;
} rg_column;

#define RG_ROW_NORMAL 0
#define RG_ROW_BOLD 1      /* bold text */
#define RG_ROW_SHADE 2     /* light gray background (totals) */
#define RG_ROW_GROUP 4     /* darker background (a province heading) */

typedef struct {
	rg_layout *l;
	const rg_column *cols;
	size_t ncols;
	double x, width, size, pad;
	double colw[16];
	double seg_top;          /* top of the table's part on the current page */
	HPDF_Page seg_page;
	int seg_open;
} rg_table;

/* Begin a table of ncols (<= 16) columns over the full width; the header row is drawn at once. */
void rg_table_begin(rg_table *t, rg_layout *l, const rg_column *cols, size_t ncols, double size);

/* One row: ncols UTF-8 cells (NULL = empty); flags RG_ROW_*. */
void rg_table_row(rg_table *t, const char *const *cells, int flags);

/* End the table (a little space after it). */
void rg_table_end(rg_table *t);

#endif
