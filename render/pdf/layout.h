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

/* Line height as a multiple of the font size: room for Thai upper and lower marks. */
#define RG_LEADING 1.36

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

/* ---- tables ----
**
** A table is collected first (rg_table_row copies the cells) and laid out by
** rg_table_end: every cell is measured, columns get the width of their
** content (rg_column), rows their height from the real ink of their first
** and last lines, and the page breaks are planned before anything is drawn,
** so that a row is never split unless taller than a page, a row marked
** RG_ROW_KEEP_NEXT (a group heading) never ends a page, a RG_ROW_KEEP_PREV
** row (a subtotal) never starts one alone, a small table is not cut at all,
** and a page that continues a table repeats its title with "(ต่อ)" and its
** header row. */

typedef enum { RG_ALIGN_LEFT = 0, RG_ALIGN_RIGHT, RG_ALIGN_CENTER } rg_align;

#define RG_COL_NOWRAP 1       /* never wrap the cells (right-aligned columns never do) */
#define RG_COL_DROP_EMPTY 2   /* leave the column out when no cell holds more than "–" */

typedef struct {
	const char *header;   /* header text (wrapped at words, centred) */
	double weight;        /* share of the width left once every column has its minimum */
	rg_align align;
	int flags;            /* RG_COL_* */
} rg_column;

#define RG_ROW_NORMAL 0
#define RG_ROW_BOLD 1      /* bold text */
#define RG_ROW_SHADE 2     /* light gray background (totals) */
#define RG_ROW_GROUP 4     /* darker background (a province heading) */
#define RG_ROW_KEEP_NEXT 8 /* never the last row of a page (a heading of the rows below) */
#define RG_ROW_KEEP_PREV 16 /* never the first row of a page (a total of the rows above) */

#define RG_TABLE_MAX_COLS 16

typedef struct rg_table_row_rec rg_table_row_rec;

typedef struct {
	rg_layout *l;
	const rg_column *cols;
	size_t ncols;
	double x, width, size, pad;
	double colw[RG_TABLE_MAX_COLS];   /* 0 = a dropped column */
	const char *title;                /* drawn above the table, again with (ต่อ) on later pages */
	double title_size;
	double keep_after;                /* room the last row keeps below it on its page */
	/* the rows, collected */
	char *text;                       /* every cell's text, NUL-terminated */
	size_t text_len, text_cap;
	rg_table_row_rec *rows;
	size_t nrows, cap_rows;
	rg_line *lines;                   /* the wrapped lines of every cell */
	size_t nlines, cap_lines;
	int seg_open;                     /* a part of the table is open on the current page */
	double seg_top;
} rg_table;

/* Begin a table of ncols (<= 16) columns over the full width; nothing is drawn before rg_table_end. */
void rg_table_begin(rg_table *t, rg_layout *l, const rg_column *cols, size_t ncols, double size);

/* A title drawn above the table (bold, at size), kept with its first rows, and
** repeated as "TITLE (ต่อ)" on each page the table continues on. */
void rg_table_title(rg_table *t, const char *title, double size);

/* One row: ncols UTF-8 cells (NULL = empty), copied; flags RG_ROW_*. */
void rg_table_row(rg_table *t, const char *const *cells, int flags);

/* Lay out and draw the table, then a little space after it.  keep_after: the
** height that must stay free below the last row on its page (what follows
** the table and must not stand alone on a page), 0 for none. */
void rg_table_end_keep(rg_table *t, double keep_after);
void rg_table_end(rg_table *t);

#endif
