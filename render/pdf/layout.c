/*
** layout.c - page flow and tables (see layout.h).
*/
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "numfmt.h"



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
	if (rg_array_grow((void **)&l->pages, &l->cap_pages, l->npages + 1, sizeof(*l->pages))) {
		l->error = RG_ENOMEM;
		return;
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
	size_t n, len;

	if (!text)
		text = "";
	len = strlen(text);
	if (rg_array_grow((void **)&l->prefix, &l->cap_prefix, len + 1, sizeof(*l->prefix))) {
		l->error = RG_ENOMEM;
		return 0;
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
	if (rg_array_grow((void **)&l->lines, &l->cap_lines, l->nlines + n, sizeof(*l->lines))) {
		l->error = RG_ENOMEM;
		return 0;
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

#define NO_CELL ((size_t)-1)
#define RG_NUM_PAD 3.5        /* more room right of a right-aligned number: it never touches the next column */
#define RG_ASC 1.0            /* the first baseline at least this many sizes below a row's top (plus the pad) */
#define RG_DESC 0.36          /* the last baseline at least this many sizes above its bottom (plus the pad) */
#define RG_MIN_TEXT_COL 4.0   /* a wrapped column is at least this many sizes wide */
#define RG_MIN_COL 1.2        /* any column is at least this many sizes wide, plus its insets */
#define RG_SMALL_TABLE 8      /* a table of this many rows or fewer is not cut by a page break */

struct rg_table_row_rec {
	size_t cell[RG_TABLE_MAX_COLS];    /* offset of the text in t->text; NO_CELL = none */
	double w[RG_TABLE_MAX_COLS];       /* width of the whole text, unwrapped */
	double top[RG_TABLE_MAX_COLS], bot[RG_TABLE_MAX_COLS];   /* its ink above / below the baseline */
	size_t first[RG_TABLE_MAX_COLS], count[RG_TABLE_MAX_COLS];   /* its lines in t->lines */
	size_t nlines;                     /* the most lines of a cell */
	double asc, desc, h;               /* first baseline below the top, room below the last, height */
	int flags;
};

static rg_face row_face(int flags) { return (flags & (RG_ROW_BOLD | RG_ROW_GROUP)) ? RG_FACE_BOLD : RG_FACE_REGULAR; }

static const char *cell_text(const rg_table *t, const rg_table_row_rec *r, size_t i)
{
	return r->cell[i] == NO_CELL ? "" : t->text + r->cell[i];
}

static double inset_left(const rg_table *t, size_t i) { (void)i; return t->pad; }
static double inset_right(const rg_table *t, size_t i)
{
	return t->pad + (t->cols[i].align == RG_ALIGN_RIGHT ? RG_NUM_PAD : 0);
}

static int nowrap(const rg_table *t, size_t i)
{
	return (t->cols[i].flags & RG_COL_NOWRAP) || t->cols[i].align == RG_ALIGN_RIGHT;
}

void rg_table_begin(rg_table *t, rg_layout *l, const rg_column *cols, size_t ncols, double size)
{
	memset(t, 0, sizeof(*t));
	t->l = l;
	t->cols = cols;
	t->ncols = ncols > RG_TABLE_MAX_COLS ? RG_TABLE_MAX_COLS : ncols;
	t->size = size;
	t->pad = 3.0;
	t->x = l->margin;
	t->width = l->page_w - 2 * l->margin;
}

static int table_oom(rg_table *t)
{
	if (!t->l->error)
		t->l->error = rg_error_set(RG_ENOMEM, "out of memory");
	return RG_ENOMEM;
}

void rg_table_title(rg_table *t, const char *title, double size)
{
	free((char *)t->title);
	t->title = title ? strdup(title) : NULL;
	t->title_size = size;
	if (title && !t->title)
		table_oom(t);
}

static size_t keep_text(rg_table *t, const char *s)
{
	size_t n = strlen(s), at = t->text_len;

	if (rg_array_grow((void **)&t->text, &t->text_cap, t->text_len + n + 1, 1)) {
		table_oom(t);
		return NO_CELL;
	}
	memcpy(t->text + at, s, n + 1);
	t->text_len += n + 1;
	return at;
}

void rg_table_row(rg_table *t, const char *const *cells, int flags)
{
	rg_table_row_rec *r;
	size_t i;

	if (t->l->error)
		return;
	if (rg_array_grow((void **)&t->rows, &t->cap_rows, t->nrows + 1, sizeof(*t->rows))) {
		table_oom(t);
		return;
	}
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	r->flags = flags;
	for (i = 0; i < t->ncols; i++)
		r->cell[i] = cells[i] && *cells[i] ? keep_text(t, cells[i]) : NO_CELL;
}

/* Measure every cell's whole text (width and ink), one shaping pass each. */
static void measure_cells(rg_table *t, rg_table_row_rec *r)
{
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		const char *s = cell_text(t, r, i);
		r->w[i] = r->top[i] = r->bot[i] = 0;
		if (*s)
			rg_canvas_measure(t->l->canvas, row_face(r->flags), t->size, s, strlen(s), &r->w[i], &r->top[i],
				&r->bot[i]);
	}
}

static int is_empty_cell(const char *s)
{
	while (*s == ' ')
		s++;
	return !*s || !strcmp(s, "–") || !strcmp(s, "-");
}

/* The widest piece of a header that a line break cannot cut. */
static double widest_word(rg_table *t, const char *s)
{
	rg_layout *l = t->l;
	const size_t *pos;
	size_t np, k, from = 0, n = strlen(s);
	double best = 0;

	if (rg_linebreak_find(l->lb, s, n, &pos, &np))
		return rg_canvas_width(l->canvas, RG_FACE_BOLD, t->size, s, n);
	for (k = 0; k <= np; k++) {
		size_t to = k < np ? pos[k] : n, a = from, b = to;
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		if (b > a) {
			double w = rg_canvas_width(l->canvas, RG_FACE_BOLD, t->size, s + a, b - a);
			if (w > best)
				best = w;
		}
		from = to;
	}
	return best;
}

static double weight_of(const rg_table *t, size_t i) { return t->cols[i].weight > 0 ? t->cols[i].weight : 1; }

/* Share rest among the columns below their target, by weight, none past its
** target; returns what is left. */
static double fill_to(rg_table *t, const double *target, double rest)
{
	int guard;
	size_t i;

	for (guard = 0; rest > 0.01 && guard < 32; guard++) {
		double aw = 0, given = 0;
		for (i = 0; i < t->ncols; i++)
			if (t->colw[i] > 0 && t->colw[i] < target[i] - 0.01)
				aw += weight_of(t, i);
		if (aw <= 0)
			break;
		for (i = 0; i < t->ncols; i++) {
			double share;
			if (!(t->colw[i] > 0 && t->colw[i] < target[i] - 0.01))
				continue;
			share = rest * weight_of(t, i) / aw;
			if (share > target[i] - t->colw[i])
				share = target[i] - t->colw[i];
			t->colw[i] += share;
			given += share;
		}
		rest -= given;
	}
	return rest;
}

/* Column widths from the content, measured before layout: a column of
** numbers or statuses (never wrapped) gets its longest cell, a text column
** at least its header's widest word; what is left goes first to the text
** columns up to their longest cell, then to headers up to their whole width
** (so a header wraps before a cell does), then to all by weight.  An
** RG_COL_DROP_EMPTY column without content gets no width at all. */
static void size_columns(rg_table *t)
{
	double content[RG_TABLE_MAX_COLS], full[RG_TABLE_MAX_COLS], need[RG_TABLE_MAX_COLS];
	double sum_need = 0, rest, wsum = 0;
	size_t i, r;

	for (i = 0; i < t->ncols; i++) {
		const rg_column *c = &t->cols[i];
		double ins = inset_left(t, i) + inset_right(t, i), cmax = 0, hword, hfull, floor_w;
		int empty = 1;
		for (r = 0; r < t->nrows; r++) {
			if (t->rows[r].w[i] > cmax)
				cmax = t->rows[r].w[i];
			if (empty && !is_empty_cell(cell_text(t, &t->rows[r], i)))
				empty = 0;
		}
		t->colw[i] = content[i] = full[i] = need[i] = 0;
		if ((c->flags & RG_COL_DROP_EMPTY) && empty)
			continue;   /* dropped */
		hfull = (c->header ? rg_canvas_width(t->l->canvas, RG_FACE_BOLD, t->size, c->header, strlen(c->header)) : 0) +
			2 * t->pad;
		hword = (c->header ? widest_word(t, c->header) : 0) + 2 * t->pad;
		floor_w = t->size * RG_MIN_COL + ins;
		cmax += ins;
		if (nowrap(t, i))
			need[i] = cmax;
		else
			need[i] = cmax < t->size * RG_MIN_TEXT_COL + ins ? cmax : t->size * RG_MIN_TEXT_COL + ins;
		if (need[i] < hword)
			need[i] = hword;
		if (need[i] < floor_w)
			need[i] = floor_w;
		content[i] = cmax > need[i] ? cmax : need[i];
		full[i] = hfull > content[i] ? hfull : content[i];
		sum_need += need[i];
		wsum += weight_of(t, i);
	}
	if (sum_need <= 0)
		return;
	if (sum_need >= t->width) {
		/* not even the minimums fit: shrink them all alike */
		for (i = 0; i < t->ncols; i++)
			t->colw[i] = need[i] * t->width / sum_need;
		return;
	}
	for (i = 0; i < t->ncols; i++)
		t->colw[i] = need[i];
	rest = fill_to(t, content, t->width - sum_need);
	rest = fill_to(t, full, rest);
	if (rest > 0.01)
		for (i = 0; i < t->ncols; i++)
			if (t->colw[i] > 0)
				t->colw[i] += rest * weight_of(t, i) / wsum;
}

static int add_lines(rg_table *t, const rg_line *lines, size_t n)
{
	if (rg_array_grow((void **)&t->lines, &t->cap_lines, t->nlines + n, sizeof(*t->lines)))
		return table_oom(t);
	memcpy(t->lines + t->nlines, lines, n * sizeof(*lines));
	t->nlines += n;
	return 0;
}

/* Wrap a row's cells into t->lines and find its height from the real ink of
** its first and last lines, so that no mark reaches a rule. */
static void layout_row(rg_table *t, rg_table_row_rec *r, int header)
{
	rg_layout *l = t->l;
	rg_face face = row_face(r->flags);
	double lh = t->size * RG_LEADING, asc = t->size * RG_ASC, desc = t->size * RG_DESC;
	size_t i;

	r->nlines = 1;
	for (i = 0; i < t->ncols; i++) {
		const char *s = cell_text(t, r, i);
		size_t n = strlen(s);
		/* a header is centred: its insets are the pads alone */
		double avail = t->colw[i] - (header ? 2 * t->pad : inset_left(t, i) + inset_right(t, i));
		r->first[i] = t->nlines;
		r->count[i] = 0;
		if (t->colw[i] <= 0)
			continue;
		if (r->w[i] <= avail || !n) {
			rg_line one = { 0, n };
			while (one.start < one.end && s[one.start] == ' ')
				one.start++;
			while (one.end > one.start && s[one.end - 1] == ' ')
				one.end--;
			if (add_lines(t, &one, 1))
				return;
			r->count[i] = 1;
		} else {
			size_t k;
			l->nlines = 0;
			k = wrap_into(l, s, avail, face, t->size);
			if (l->error || add_lines(t, l->lines, k))
				return;
			r->count[i] = k;
		}
		if (r->count[i] > r->nlines)
			r->nlines = r->count[i];
	}
	/* the ink: the first line of every cell sits on the first baseline; the
	** last line of a cell with fewer lines has the rows below it to spare */
	for (i = 0; i < t->ncols; i++) {
		const char *s = cell_text(t, r, i);
		double top = r->top[i], bot = r->bot[i], spare;
		if (!r->count[i] || !*s)
			continue;
		if (r->count[i] > 1) {
			const rg_line *a = &t->lines[r->first[i]], *z = &t->lines[r->first[i] + r->count[i] - 1];
			double w, b2;
			rg_canvas_measure(l->canvas, face, t->size, s + a->start, a->end - a->start, &w, &top, &b2);
			rg_canvas_measure(l->canvas, face, t->size, s + z->start, z->end - z->start, &w, &b2, &bot);
		}
		if (top > asc)
			asc = top;
		spare = (double)(r->nlines - r->count[i]) * lh;
		if (bot - spare > desc)
			desc = bot - spare;
	}
	r->asc = asc;
	r->desc = desc;
	r->h = 2 * t->pad + asc + (double)(r->nlines - 1) * lh + desc;
}

/* Height of a part of a row of n lines. */
static double part_height(const rg_table *t, const rg_table_row_rec *r, size_t n)
{
	return 2 * t->pad + r->asc + (double)(n - 1) * t->size * RG_LEADING + r->desc;
}

/* How many lines of a row fit in avail points (0 when not even one). */
static size_t lines_fitting(const rg_table *t, const rg_table_row_rec *r, double avail)
{
	double base = 2 * t->pad + r->asc + r->desc;
	if (avail < base)
		return 0;
	return 1 + (size_t)((avail - base) / (t->size * RG_LEADING));
}

/* Draw lines [from, from + n) of a row at the cursor; advance it. */
static void draw_row(rg_table *t, const rg_table_row_rec *r, size_t from, size_t n, int header)
{
	rg_layout *l = t->l;
	rg_face face = header ? RG_FACE_BOLD : row_face(r->flags);
	double lh = t->size * RG_LEADING, h = part_height(t, r, n), x = t->x, top = l->y;
	int flags = header ? RG_ROW_SHADE : r->flags;
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
		const char *s = cell_text(t, r, i);
		size_t last = r->count[i] < from + n ? r->count[i] : from + n, drawn;
		double base = top - t->pad - r->asc;
		int span;
		if (t->colw[i] <= 0)
			continue;
		drawn = last > from ? last - from : 0;
		/* a header is centred both ways: its lines in the middle of the row */
		if (header)
			base -= (double)(r->nlines - r->count[i]) * lh / 2;
		/* a cell's lines form one /ActualText span, so that search finds a phrase a break cuts */
		span = drawn > 1;
		if (span)
			rg_canvas_span_begin(l->canvas, l->page, s + t->lines[r->first[i] + from].start,
				t->lines[r->first[i] + last - 1].end - t->lines[r->first[i] + from].start);
		for (k = from; k < last; k++) {
			const rg_line *ln = &t->lines[r->first[i] + k];
			size_t len = ln->end - ln->start;
			rg_align al = header ? RG_ALIGN_CENTER : t->cols[i].align;
			double tx = x + inset_left(t, i);
			if (!len)
				continue;
			if (al != RG_ALIGN_LEFT) {
				double w = r->count[i] == 1 && !header && len == strlen(s) ? r->w[i] :
					rg_canvas_width(l->canvas, face, t->size, s + ln->start, len);
				double room = t->colw[i] - (header ? 2 * t->pad : inset_left(t, i) + inset_right(t, i)) - w;
				tx += al == RG_ALIGN_RIGHT ? room : room / 2;
			}
			if (span)
				rg_canvas_text_in_span(l->canvas, l->page, face, t->size, tx, base - (double)(k - from) * lh,
					s + ln->start, len);
			else
				rg_canvas_text(l->canvas, l->page, face, t->size, tx, base - (double)(k - from) * lh,
					s + ln->start, len);
		}
		if (span)
			rg_canvas_span_end(l->canvas, l->page);
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

	if (!t->seg_open || l->error)
		return;
	HPDF_Page_MoveTo(l->page, (HPDF_REAL)x, (HPDF_REAL)t->seg_top);
	HPDF_Page_LineTo(l->page, (HPDF_REAL)x, (HPDF_REAL)l->y);
	for (i = 0; i < t->ncols; i++) {
		if (t->colw[i] <= 0)
			continue;
		x += t->colw[i];
		HPDF_Page_MoveTo(l->page, (HPDF_REAL)x, (HPDF_REAL)t->seg_top);
		HPDF_Page_LineTo(l->page, (HPDF_REAL)x, (HPDF_REAL)l->y);
	}
	HPDF_Page_Stroke(l->page);
	t->seg_open = 0;
}

static double title_height(const rg_table *t) { return t->title ? t->title_size * RG_LEADING + 2 : 0; }

/* The title (with "(ต่อ)" when continued) and the header row at the cursor. */
static void draw_top(rg_table *t, const rg_table_row_rec *hdr, int continued)
{
	rg_layout *l = t->l;

	if (t->title) {
		if (continued) {
			char *s = malloc(strlen(t->title) + 16);
			if (!s) {
				table_oom(t);
				return;
			}
			sprintf(s, "%s (ต่อ)", t->title);
			rg_layout_paragraph(l, s, RG_FACE_BOLD, t->title_size, 0);
			free(s);
		} else {
			rg_layout_paragraph(l, t->title, RG_FACE_BOLD, t->title_size, 0);
		}
		rg_layout_space(l, 2);
	}
	t->seg_top = l->y;
	t->seg_open = 1;
	draw_row(t, hdr, 0, hdr->nlines, 1);
}

static void next_page(rg_table *t, const rg_table_row_rec *hdr)
{
	close_segment(t);
	rg_layout_new_page(t->l);
	if (!t->l->error)
		draw_top(t, hdr, 1);
}

static void table_free(rg_table *t)
{
	free((char *)t->title);
	free(t->text);
	free(t->rows);
	free(t->lines);
	t->title = NULL;
	t->text = NULL;
	t->rows = NULL;
	t->lines = NULL;
}

void rg_table_end_keep(rg_table *t, double keep_after)
{
	rg_layout *l = t->l;
	rg_table_row_rec hdr;
	double bottom = l->margin_bottom, top_h, fresh, total, need;
	unsigned char *brk = NULL;
	size_t r, first;

	if (l->error)
		goto out;
	/* measure, size the columns, wrap */
	memset(&hdr, 0, sizeof(hdr));
	hdr.flags = RG_ROW_BOLD;
	for (r = 0; r < t->nrows; r++)
		measure_cells(t, &t->rows[r]);
	size_columns(t);
	{
		const char *cells[RG_TABLE_MAX_COLS];
		for (r = 0; r < t->ncols; r++)
			cells[r] = t->cols[r].header;
		/* the header's text joins the table's text store: add it as a row, then take it out */
		rg_table_row(t, cells, RG_ROW_BOLD);
		if (l->error)
			goto out;
		hdr = t->rows[--t->nrows];
		measure_cells(t, &hdr);
		layout_row(t, &hdr, 1);
	}
	for (r = 0; r < t->nrows && !l->error; r++)
		layout_row(t, &t->rows[r], 0);
	if (l->error || !(brk = calloc(t->nrows + 1, 1))) {
		if (!l->error)
			table_oom(t);
		goto out;
	}

	/* where the pages break, planned before drawing */
	top_h = title_height(t) + hdr.h;
	fresh = l->page_h - l->margin - bottom - top_h;
	total = 0;
	for (r = 0; r < t->nrows; r++)
		total += t->rows[r].h;
	if (t->nrows && t->nrows <= RG_SMALL_TABLE && total + keep_after <= fresh)
		need = top_h + total + keep_after;     /* a small table stays in one piece */
	else {
		need = top_h + (t->nrows ? t->rows[0].h : 0);
		if (t->nrows > 1)
			need += t->rows[1].h;
		else
			need += keep_after;
		if (need > top_h + fresh)
			need = top_h + fresh;
	}
	if (!l->page || l->y - need < bottom)
		rg_layout_new_page(l);
	if (l->error)
		goto out;
	{
		double y = l->y - top_h;
		first = 0;
		for (r = 0; r < t->nrows; r++) {
			const rg_table_row_rec *row = &t->rows[r];
			double want = row->h + (r + 1 == t->nrows ? keep_after : 0);
			size_t b;
			if ((row->flags & RG_ROW_KEEP_NEXT) && r + 1 < t->nrows)
				want += t->rows[r + 1].h;
			if (y - want >= bottom) {
				y -= row->h;
				continue;
			}
			if (r == first) {
				/* first on its page: it goes here, split over pages when taller than one */
				size_t from = 0;
				while (y - part_height(t, row, row->nlines - from) < bottom) {
					size_t k = lines_fitting(t, row, y - bottom);
					if (k >= row->nlines - from)
						break;
					from += k;
					y = l->page_h - l->margin - top_h;
				}
				y -= part_height(t, row, row->nlines - from);
				first = r + 1;
				continue;
			}
			/* a row kept with the one before it moves with it (and that one with its own) */
			b = r;
			while (b > first && ((t->rows[b].flags & RG_ROW_KEEP_PREV) || (t->rows[b - 1].flags & RG_ROW_KEEP_NEXT)))
				b--;
			if (b == first)
				b = r;
			brk[b] = 1;
			first = b;
			y = l->page_h - l->margin - top_h;
			r = b - 1;   /* place again from b on the fresh page */
		}
	}

	/* draw as planned */
	draw_top(t, &hdr, 0);
	for (r = 0; r < t->nrows && !l->error; r++) {
		const rg_table_row_rec *row = &t->rows[r];
		size_t from = 0;
		if (brk[r])
			next_page(t, &hdr);
		while (from < row->nlines && !l->error) {
			size_t k = row->nlines - from;
			if (l->y - part_height(t, row, k) < bottom) {
				k = lines_fitting(t, row, l->y - bottom);
				if (!k) {
					next_page(t, &hdr);
					continue;
				}
			}
			draw_row(t, row, from, k, 0);
			from += k;
			if (from < row->nlines)
				next_page(t, &hdr);
		}
	}
	close_segment(t);
	rg_layout_space(l, t->size * 0.8);
out:
	free(brk);
	table_free(t);
}

void rg_table_end(rg_table *t)
{
	rg_table_end_keep(t, 0);
}
