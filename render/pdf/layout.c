/*
** layout.c - page flow and tables (see layout.h).
*/
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "numfmt.h"

/* Line height as a multiple of the font size: room for Thai upper and lower marks. */
#define RG_LEADING 1.36

int rg_layout_init(rg_layout *l, rg_canvas *c, rg_linebreak *lb, int thai_digits)
{
	memset(l, 0, sizeof(*l));
	l->canvas = c;
	l->lb = lb;
	l->thai_digits = thai_digits;
	l->landscape = 1;
	l->page_w = RG_A4_LONG;
	l->page_h = RG_A4_SHORT;
	l->margin = 36;
	l->margin_bottom = 48;   /* room for the footer */
	return 0;
}

void rg_layout_fini(rg_layout *l)
{
	free(l->pages);
	free(l->lines);
	free(l->prefix);
	l->pages = NULL;
	l->lines = NULL;
	l->prefix = NULL;
}

void rg_layout_new_page(rg_layout *l)
{
	HPDF_Page p;

	if (l->error)
		return;
	if (l->npages == l->cap_pages) {
		size_t ncap = l->cap_pages ? l->cap_pages * 2 : 64;
		HPDF_Page *np = realloc(l->pages, ncap * sizeof(*np));
		if (!np) {
			l->error = rg_error_set(RG_ENOMEM, "out of memory");
			return;
		}
		l->pages = np;
		l->cap_pages = ncap;
	}
	/* the previous page is complete but for its footer: compress it now */
	if (l->page && rg_canvas_seal_page(l->canvas, l->page)) {
		l->error = rg_error_code();
		return;
	}
	if (!(p = rg_canvas_add_page(l->canvas, l->landscape))) {
		l->error = rg_error_set(RG_ERROR, "libharu: cannot add a page (error 0x%04lX)", rg_canvas_error(l->canvas));
		return;
	}
	HPDF_Page_SetLineWidth(p, 0.5);
	l->pages[l->npages++] = p;
	l->page = p;
	l->y = l->page_h - l->margin;
}

void rg_layout_need(rg_layout *l, double h)
{
	if (!l->page || l->y - h < l->margin_bottom)
		rg_layout_new_page(l);
}

void rg_layout_space(rg_layout *l, double h)
{
	if (l->page)
		l->y -= h;
}

typedef struct {
	rg_canvas *c;
	rg_face face;
	double size;
	const char *base;        /* the text being wrapped, and its cumulative widths */
	size_t n;
	const double *prefix;
} measure_ctx;

static double measure(void *ctx, const char *s, size_t n)
{
	measure_ctx *m = ctx;

	if (m->prefix && s >= m->base && s + n <= m->base + m->n) {
		size_t a = (size_t)(s - m->base);
		return m->prefix[a + n] - m->prefix[a];
	}
	return rg_canvas_width(m->c, m->face, m->size, s, n);
}

/* Wrap text into l->lines (appended); returns the number of lines (>= 1). */
static size_t wrap_into(rg_layout *l, const char *text, double width, rg_face face, double size)
{
	measure_ctx m = { l->canvas, face, size, NULL, 0, NULL };
	const rg_line *lines;
	size_t n, need, len;

	if (!text)
		text = "";
	len = strlen(text);
	if (len + 1 > l->cap_prefix) {
		size_t ncap = l->cap_prefix ? l->cap_prefix : 256;
		double *np;
		while (ncap < len + 1)
			ncap *= 2;
		if (!(np = realloc(l->prefix, ncap * sizeof(*np)))) {
			l->error = rg_error_set(RG_ENOMEM, "out of memory");
			return 0;
		}
		l->prefix = np;
		l->cap_prefix = ncap;
	}
	rg_canvas_prefix_widths(l->canvas, face, size, text, len, l->prefix);
	m.base = text;
	m.n = len;
	m.prefix = l->prefix;
	if (rg_linebreak_wrap(l->lb, text, len, width, measure, &m, &lines, &n)) {
		if (!l->error)
			l->error = rg_error_code();
		return 0;
	}
	need = l->nlines + n;
	if (need > l->cap_lines) {
		size_t ncap = l->cap_lines ? l->cap_lines : 64;
		rg_line *np;
		while (ncap < need)
			ncap *= 2;
		if (!(np = realloc(l->lines, ncap * sizeof(*np)))) {
			l->error = rg_error_set(RG_ENOMEM, "out of memory");
			return 0;
		}
		l->lines = np;
		l->cap_lines = ncap;
	}
	memcpy(l->lines + l->nlines, lines, n * sizeof(*lines));
	l->nlines += n;
	return n;
}

static double baseline_offset(rg_layout *l, rg_face face, double size)
{
	/* the first baseline below the top of a line box: ascent, capped for tall fonts */
	double a = rg_canvas_ascent(l->canvas, face, size);
	if (a > size * 1.0 || a <= 0)
		a = size * 1.0;
	return a;
}

void rg_layout_paragraph(rg_layout *l, const char *text, rg_face face, double size, int centered)
{
	double width = l->page_w - 2 * l->margin, lh = size * RG_LEADING;
	size_t n, i;

	if (l->error)
		return;
	l->nlines = 0;
	n = wrap_into(l, text, width, face, size);
	for (i = 0; i < n; i++) {
		const rg_line *ln = &l->lines[i];
		double x = l->margin;
		rg_layout_need(l, lh);
		if (l->error)
			return;
		if (centered)
			x += (width - rg_canvas_width(l->canvas, face, size, text + ln->start, ln->end - ln->start)) / 2;
		rg_canvas_text(l->canvas, l->page, face, size, x, l->y - baseline_offset(l, face, size),
			text + ln->start, ln->end - ln->start);
		l->y -= lh;
	}
}

void rg_layout_footers(rg_layout *l, const char *left_text)
{
	size_t i;
	char a[32], b[32], label[128];

	for (i = 0; i < l->npages; i++) {
		double w;
		if (rg_canvas_reopen_page(l->canvas, l->pages[i])) {
			l->error = rg_error_code();
			return;
		}
		rg_fmt_int(a, sizeof(a), (long long)(i + 1), l->thai_digits);
		rg_fmt_int(b, sizeof(b), (long long)l->npages, l->thai_digits);
		snprintf(label, sizeof(label), "หน้า %s/%s", a, b);
		w = rg_canvas_width(l->canvas, RG_FACE_REGULAR, 11, label, strlen(label));
		rg_canvas_text(l->canvas, l->pages[i], RG_FACE_REGULAR, 11, l->page_w - l->margin - w, 24,
			label, strlen(label));
		if (left_text)
			rg_canvas_text(l->canvas, l->pages[i], RG_FACE_REGULAR, 11, l->margin, 24,
				left_text, strlen(left_text));
	}
}

/* ---- tables ---- */

typedef struct {
	size_t first[16], count[16];
	size_t max;
} row_lines;

static void measure_row(rg_table *t, const char *const *cells, rg_face face, row_lines *r)
{
	rg_layout *l = t->l;
	size_t i;

	l->nlines = 0;
	r->max = 1;
	for (i = 0; i < t->ncols; i++) {
		r->first[i] = l->nlines;
		r->count[i] = wrap_into(l, cells[i], t->colw[i] - 2 * t->pad, face, t->size);
		if (r->count[i] > r->max)
			r->max = r->count[i];
	}
}

/* Draw lines [from, from + n) of a measured row at the cursor and advance it. */
static void draw_row(rg_table *t, const char *const *cells, const row_lines *r, size_t from, size_t n,
	rg_face face, int flags)
{
	rg_layout *l = t->l;
	double lh = t->size * RG_LEADING, h = n * lh + 2 * t->pad, x = t->x, top = l->y;
	double base = baseline_offset(l, face, t->size);
	size_t i, k;

	if (flags & (RG_ROW_SHADE | RG_ROW_GROUP)) {
		double g = (flags & RG_ROW_GROUP) ? 0.82 : 0.92;
		HPDF_Page_SetRGBFill(l->page, (HPDF_REAL)g, (HPDF_REAL)g, (HPDF_REAL)(g + 0.04));
		HPDF_Page_Rectangle(l->page, (HPDF_REAL)t->x, (HPDF_REAL)(top - h), (HPDF_REAL)t->width, (HPDF_REAL)h);
		HPDF_Page_Fill(l->page);
		HPDF_Page_SetRGBFill(l->page, 0, 0, 0);
	}
	/* the row's bottom rule (and its top one over a shaded fill); the column
	** rules are drawn once per page of the table, by close_segment() */
	HPDF_Page_MoveTo(l->page, (HPDF_REAL)t->x, (HPDF_REAL)(top - h));
	HPDF_Page_LineTo(l->page, (HPDF_REAL)(t->x + t->width), (HPDF_REAL)(top - h));
	if (flags & (RG_ROW_SHADE | RG_ROW_GROUP)) {
		HPDF_Page_MoveTo(l->page, (HPDF_REAL)t->x, (HPDF_REAL)top);
		HPDF_Page_LineTo(l->page, (HPDF_REAL)(t->x + t->width), (HPDF_REAL)top);
	}
	HPDF_Page_Stroke(l->page);
	for (i = 0; i < t->ncols; i++) {
		const char *s = cells[i] ? cells[i] : "";
		for (k = from; k < from + n && k < r->count[i]; k++) {
			const rg_line *ln = &l->lines[r->first[i] + k];
			size_t len = ln->end - ln->start;
			double tx = x + t->pad;
			if (!len)
				continue;
			if (t->cols[i].align != RG_ALIGN_LEFT) {
				double w = rg_canvas_width(l->canvas, face, t->size, s + ln->start, len);
				double room = t->colw[i] - 2 * t->pad - w;
				tx += t->cols[i].align == RG_ALIGN_RIGHT ? room : room / 2;
			}
			rg_canvas_text(l->canvas, l->page, face, t->size, tx, top - t->pad - base - (k - from) * lh,
				s + ln->start, len);
		}
		x += t->colw[i];
	}
	l->y -= h;
}

/* Draw the column rules of the table's part on the current page. */
static void close_segment(rg_table *t)
{
	rg_layout *l = t->l;
	double x = t->x;
	size_t i;

	if (!t->seg_open || t->seg_page != l->page || l->error)
		return;
	for (i = 0; i <= t->ncols; i++) {
		HPDF_Page_MoveTo(l->page, (HPDF_REAL)x, (HPDF_REAL)t->seg_top);
		HPDF_Page_LineTo(l->page, (HPDF_REAL)x, (HPDF_REAL)l->y);
		if (i < t->ncols)
			x += t->colw[i];
	}
	HPDF_Page_Stroke(l->page);
	t->seg_open = 0;
}

static void draw_header(rg_table *t)
{
	const char *cells[16];
	row_lines r;
	size_t i;

	for (i = 0; i < t->ncols; i++)
		cells[i] = t->cols[i].header;
	measure_row(t, cells, RG_FACE_BOLD, &r);
	if (t->l->error)
		return;
	t->seg_top = t->l->y;
	t->seg_page = t->l->page;
	t->seg_open = 1;
	draw_row(t, cells, &r, 0, r.max, RG_FACE_BOLD, RG_ROW_SHADE);
}

void rg_table_begin(rg_table *t, rg_layout *l, const rg_column *cols, size_t ncols, double size)
{
	double total = 0;
	size_t i;

	memset(t, 0, sizeof(*t));
	t->l = l;
	t->cols = cols;
	t->ncols = ncols > 16 ? 16 : ncols;
	t->size = size;
	t->pad = 2.5;
	t->x = l->margin;
	t->width = l->page_w - 2 * l->margin;
	for (i = 0; i < t->ncols; i++)
		total += cols[i].weight;
	for (i = 0; i < t->ncols; i++)
		t->colw[i] = t->width * cols[i].weight / (total > 0 ? total : 1);
	/* the header and at least two lines of a row together */
	rg_layout_need(l, 5 * size * RG_LEADING + 4 * t->pad);
	if (l->error)
		return;
	draw_header(t);
}

void rg_table_row(rg_table *t, const char *const *cells, int flags)
{
	rg_layout *l = t->l;
	rg_face face = (flags & (RG_ROW_BOLD | RG_ROW_GROUP)) ? RG_FACE_BOLD : RG_FACE_REGULAR;
	double lh = t->size * RG_LEADING;
	row_lines r;
	size_t from = 0;
	int fresh = 0;

	if (l->error)
		return;
	measure_row(t, cells, face, &r);
	if (l->error)
		return;
	while (from < r.max) {
		double avail = l->y - l->margin_bottom;
		size_t fit = avail > 2 * t->pad ? (size_t)((avail - 2 * t->pad) / lh) : 0;
		size_t rest = r.max - from;
		/* A row moves to the next page whole, unless even a fresh page cannot hold it. */
		if (fit < rest) {
			double page_lines = (l->page_h - l->margin - l->margin_bottom - 2 * t->pad) / lh - 4;
			if (!fresh && ((double)rest <= page_lines || fit < 2)) {
				close_segment(t);
				rg_layout_new_page(l);
				if (l->error)
					return;
				draw_header(t);            /* this reuses the line scratch: measure again */
				measure_row(t, cells, face, &r);
				fresh = 1;
				continue;
			}
			rest = fit ? fit : 1;
		}
		draw_row(t, cells, &r, from, rest, face, flags);
		from += rest;
		fresh = 0;
	}
}

void rg_table_end(rg_table *t)
{
	close_segment(t);
	rg_layout_space(t->l, t->size * 0.8);
}
