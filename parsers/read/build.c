/*
** build.c - the document builder and the table grid resolver (see build.h).
*/
#include "build.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

#define WORD_MAX_COLUMNS 63   /* Word makes no table wider (spans past it are clipped) */

/* ---- growable arrays ------------------------------------------------------ */

static int reserve(rg_builder *b, void **items, size_t *cap, size_t len, size_t size)
{
	size_t ncap;
	void *p;

	if (b && b->err)
		return -1;
	if (len < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 4;
	p = realloc(*items, ncap * size);
	if (!p) {
		rg_error_set(RG_ENOMEM, "out of memory");
		if (b)
			b->err = RG_ENOMEM;
		return -1;
	}
	*items = p;
	*cap = ncap;
	return 0;
}

static int blocks_push(rg_builder *b, rg_blocks *list, const rg_block *blk)
{
	if (reserve(b, (void **)&list->items, &list->cap, list->len, sizeof(*blk)))
		return -1;
	list->items[list->len++] = *blk;
	return 0;
}

/* Move every block of src to the end of dst. */
static void blocks_move(rg_builder *b, rg_blocks *dst, rg_blocks *src)
{
	size_t i;

	for (i = 0; i < src->len; i++) {
		if (blocks_push(b, dst, &src->items[i])) {
			rg_blocks_free(src);
			return;
		}
	}
	free(src->items);
	memset(src, 0, sizeof(*src));
}

void rg_build_mark_here(const rg_builder *b, rg_build_mark *m)
{
	m->nframes = b->nframes;
	m->ntables = b->ntables;
	m->nesting = b->nesting;
}

void rg_build_rollback(rg_builder *b, const rg_build_mark *m)
{
	while (b->ntables > m->ntables)
		rg_rawtable_free(&b->tables[--b->ntables]);
	while (b->nframes > m->nframes) {
		rg_frame *f = &b->frames[--b->nframes];
		rg_blocks_free(&f->blocks);
		rg_buf_free(&f->para);
	}
	b->nesting = m->nesting;
}

int rg_build_fail(rg_builder *b, int code)
{
	if (!b->err)
		b->err = code;
	return b->err;
}

void rg_build_init(rg_builder *b, rg_doc *doc, const rg_limits *lim)
{
	memset(b, 0, sizeof(*b));
	b->doc = doc;
	b->lim = lim;
}

static void rawcell_free(rg_rawcell *c)
{
	free(c->text);
	rg_blocks_free(&c->body);
}

void rg_rawtable_free(rg_rawtable *t)
{
	size_t i, j;

	for (i = 0; i < t->len; i++) {
		for (j = 0; j < t->rows[i].len; j++)
			rawcell_free(&t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

void rg_build_free(rg_builder *b)
{
	size_t i;

	for (i = 0; i < b->nframes; i++) {
		rg_blocks_free(&b->frames[i].blocks);
		rg_buf_free(&b->frames[i].para);
	}
	free(b->frames);
	for (i = 0; i < b->ntables; i++)
		rg_rawtable_free(&b->tables[i]);
	free(b->tables);
	memset(b, 0, sizeof(*b));
}

/* ---- containers and paragraphs ---------------------------------------------- */

static rg_frame *top(rg_builder *b)
{
	return b->nframes ? &b->frames[b->nframes - 1] : NULL;
}

static int push_frame(rg_builder *b, rg_frame_kind kind, rg_blocks *dest)
{
	rg_frame *f;

	if (reserve(b, (void **)&b->frames, &b->capframes, b->nframes, sizeof(*f)))
		return -1;
	f = &b->frames[b->nframes++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->dest = dest;
	return 0;
}

void rg_build_para_begin(rg_builder *b)
{
	rg_frame *f = top(b);

	if (!f || b->err || f->in_para)
		return;
	f->in_para = 1;
	f->para_hidden = 0;
	f->para_flags = 0;
	rg_buf_clear(&f->para);
}

void rg_build_para_end(rg_builder *b)
{
	rg_frame *f = top(b);
	rg_block blk;

	if (!f || !f->in_para)
		return;
	f->in_para = 0;
	if (b->err)
		return;
	if (rg_buf_oom(&f->para)) {
		rg_build_fail(b, rg_error_set(RG_ENOMEM, "out of memory"));
		return;
	}
	if (f->para.len == 0 || f->para_hidden) {
		f->pending_flags |= f->para_flags;   /* an empty paragraph passes its break on */
		f->para_hidden = 0;
		rg_buf_clear(&f->para);
		return;
	}
	memset(&blk, 0, sizeof(blk));
	blk.type = RG_BLOCK_PARAGRAPH;
	blk.flags = f->para_flags | f->pending_flags;
	blk.text = malloc(f->para.len + 1);
	if (!blk.text) {
		rg_build_fail(b, rg_error_set(RG_ENOMEM, "out of memory"));
		return;
	}
	memcpy(blk.text, f->para.ptr, f->para.len + 1);
	f->pending_flags = 0;
	if (blocks_push(b, &f->blocks, &blk))
		free(blk.text);
	rg_buf_clear(&f->para);
}

int rg_build_in_para(const rg_builder *b)
{
	return b->nframes && b->frames[b->nframes - 1].in_para;
}

void rg_build_text(rg_builder *b, const char *s, size_t n)
{
	rg_frame *f = top(b);

	if (!f || b->err || !n)
		return;
	if (!f->in_para)
		rg_build_para_begin(b);
	rg_buf_put(&f->para, s, n);
}

void rg_build_codepoint(rg_builder *b, unsigned cp)
{
	rg_frame *f = top(b);

	if (!f || b->err)
		return;
	if (!f->in_para)
		rg_build_para_begin(b);
	rg_buf_put_utf8(&f->para, cp);
}

void rg_build_unput(rg_builder *b, char c)
{
	rg_frame *f = top(b);

	if (f && f->in_para && f->para.len && f->para.ptr[f->para.len - 1] == c)
		rg_buf_truncate(&f->para, f->para.len - 1);
}

void rg_build_page_break(rg_builder *b)
{
	rg_frame *f = top(b);

	if (!f)
		return;
	if (f->in_para && f->para.len == 0)
		f->para_flags |= RG_BLOCK_PAGE_BREAK;
	else
		f->pending_flags |= RG_BLOCK_PAGE_BREAK;
}

void rg_build_para_hide(rg_builder *b)
{
	rg_frame *f = top(b);

	if (f && f->in_para)
		f->para_hidden = 1;
}

size_t rg_build_para_len(const rg_builder *b)
{
	const rg_frame *f = b->nframes ? &b->frames[b->nframes - 1] : NULL;

	return f && f->in_para ? f->para.len : 0;
}

void rg_build_append_blocks(rg_builder *b, rg_blocks *src)
{
	rg_frame *f;

	rg_build_para_end(b);
	f = top(b);
	if (!f || b->err) {
		rg_blocks_free(src);
		return;
	}
	if (src->len && f->pending_flags) {
		src->items[0].flags |= f->pending_flags;
		f->pending_flags = 0;
	}
	blocks_move(b, &f->blocks, src);
}

void rg_build_warn(rg_builder *b, const char *code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (b->err)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (rg_doc_warn(b->doc, code, "%s", msg))
		rg_build_fail(b, RG_ENOMEM);
}

/* Close the innermost container: its open paragraph and any table left open in it. */
static void close_frame_contents(rg_builder *b)
{
	rg_build_para_end(b);
	while (b->ntables && b->tables[b->ntables - 1].frame_depth == b->nframes)
		rg_build_table_end(b);
}

static void pop_frame_into(rg_builder *b, rg_blocks *dest)
{
	rg_frame *f;

	close_frame_contents(b);
	f = top(b);
	if (!f)
		return;
	if (dest && !b->err)
		blocks_move(b, dest, &f->blocks);
	rg_blocks_free(&f->blocks);
	rg_buf_free(&f->para);
	b->nframes--;
}

void rg_build_part_begin(rg_builder *b, rg_blocks *dest)
{
	push_frame(b, RG_FRAME_PART, dest);
}

void rg_build_part_end(rg_builder *b)
{
	rg_frame *f = top(b);

	if (f)
		pop_frame_into(b, f->dest);
}

static int enter_nested(rg_builder *b, const char *what)
{
	if (b->err)
		return 0;
	if (b->nesting >= b->lim->max_nesting) {
		rg_build_fail(b, rg_error_set(RG_ELIMIT,
			"%s nested deeper than %d levels (--max-nesting)", what, b->lim->max_nesting));
		return 0;
	}
	b->nesting++;
	return 1;
}

int rg_build_textbox_begin(rg_builder *b)
{
	if (!enter_nested(b, "text boxes"))
		return 0;
	if (push_frame(b, RG_FRAME_TEXTBOX, NULL)) {
		b->nesting--;
		return 0;
	}
	return 1;
}

void rg_build_textbox_end(rg_builder *b)
{
	pop_frame_into(b, &b->doc->textboxes);
	b->nesting--;
}

int rg_build_note_begin(rg_builder *b)
{
	if (!enter_nested(b, "notes"))
		return 0;
	if (push_frame(b, RG_FRAME_NOTE, NULL)) {
		b->nesting--;
		return 0;
	}
	return 1;
}

void rg_build_note_end(rg_builder *b)
{
	pop_frame_into(b, &b->doc->footnotes);
	b->nesting--;
}

/* ---- tables ----------------------------------------------------------------- */

static rg_rawtable *top_table(rg_builder *b)
{
	return b->ntables ? &b->tables[b->ntables - 1] : NULL;
}

int rg_build_table_begin(rg_builder *b)
{
	rg_rawtable *t;
	rg_frame *f = top(b);

	if (!f || !enter_nested(b, "tables"))
		return 0;
	if (reserve(b, (void **)&b->tables, &b->captables, b->ntables, sizeof(*t))) {
		b->nesting--;
		return 0;
	}
	rg_build_para_end(b);
	t = &b->tables[b->ntables++];
	memset(t, 0, sizeof(*t));
	t->frame_depth = b->nframes;
	t->flags = f->pending_flags;
	f->pending_flags = 0;
	return 1;
}

rg_rawtable *rg_build_table(rg_builder *b)
{
	return top_table(b);
}

void rg_build_table_grid_col(rg_builder *b, int count)
{
	rg_rawtable *t = top_table(b);

	if (!t || t->frame_depth != b->nframes || count <= 0 || b->err)
		return;
	if ((size_t)count > b->lim->max_table_cells || (size_t)t->grid_cols + (size_t)count > b->lim->max_table_cells) {
		rg_build_fail(b, rg_error_set(RG_ELIMIT, "a table declares more than %zu columns "
			"(--max-table-cells)", b->lim->max_table_cells));
		return;
	}
	t->grid_cols += count;
}

static int cells_limit(rg_builder *b, rg_rawtable *t, size_t more)
{
	if (t->ncells + more > b->lim->max_table_cells) {
		rg_build_fail(b, rg_error_set(RG_ELIMIT,
			"a table has more than %zu cells (--max-table-cells)", b->lim->max_table_cells));
		return -1;
	}
	t->ncells += more;
	return 0;
}

int rg_build_row_begin(rg_builder *b)
{
	rg_rawtable *t = top_table(b);
	rg_rawrow *r;

	if (!t || b->err || t->frame_depth != b->nframes || t->row_open)
		return 0;
	if (reserve(b, (void **)&t->rows, &t->cap, t->len, sizeof(*r)))
		return 0;
	r = &t->rows[t->len++];
	memset(r, 0, sizeof(*r));
	r->repeat = 1;
	t->row_open = 1;
	return 1;
}

rg_rawrow *rg_build_row(rg_builder *b)
{
	rg_rawtable *t = top_table(b);

	return t && t->row_open ? &t->rows[t->len - 1] : NULL;
}

rg_rawcell *rg_build_cell(rg_builder *b)
{
	rg_rawtable *t = top_table(b);
	rg_rawrow *r = rg_build_row(b);

	return t && r && t->cell_open && r->len ? &r->cells[r->len - 1] : NULL;
}

static char *copy_str(rg_builder *b, const char *s)
{
	char *c = strdup(s ? s : "");
	if (!c)
		rg_build_fail(b, rg_error_set(RG_ENOMEM, "out of memory"));
	return c;
}

static rg_rawcell *add_cell(rg_builder *b, rg_rawtable *t, rg_rawrow *r)
{
	rg_rawcell *c;

	if (cells_limit(b, t, 1) || reserve(b, (void **)&r->cells, &r->cap, r->len, sizeof(*c)))
		return NULL;
	c = &r->cells[r->len++];
	memset(c, 0, sizeof(*c));
	c->colspan = c->rowspan = c->repeat = 1;
	return c;
}

void rg_build_row_end(rg_builder *b)
{
	rg_rawtable *t = top_table(b);
	rg_rawrow *r = rg_build_row(b);
	size_t i, k, n;
	int repeat;

	if (!r)
		return;
	if (t->cell_open)
		rg_build_cell_end(b);
	t->row_open = 0;
	repeat = r->repeat;
	r->repeat = 1;
	if (repeat > 1 && (size_t)(repeat - 1) > (b->lim->max_table_cells - t->ncells) / (r->len ? r->len : 1)) {
		rg_build_fail(b, rg_error_set(RG_ELIMIT, "a table repeats a row into more than %zu cells "
			"(--max-table-cells)", b->lim->max_table_cells));
		return;
	}
	/* ODF number-rows-repeated: copies of the row (text only) */
	for (k = 1; k < (size_t)repeat && !b->err; k++) {
		rg_rawrow copy;
		size_t src = t->len - 1;

		if (cells_limit(b, t, t->rows[src].len))
			return;
		if (reserve(b, (void **)&t->rows, &t->cap, t->len, sizeof(copy)))
			return;
		r = &t->rows[src];
		copy = *r;
		copy.cells = calloc(r->len ? r->len : 1, sizeof(*copy.cells));
		copy.cap = r->len;
		if (!copy.cells) {
			rg_build_fail(b, rg_error_set(RG_ENOMEM, "out of memory"));
			return;
		}
		n = r->len;
		for (i = 0; i < n; i++) {
			copy.cells[i] = r->cells[i];
			memset(&copy.cells[i].body, 0, sizeof(copy.cells[i].body));
			copy.cells[i].text = r->cells[i].text ? copy_str(b, r->cells[i].text) : NULL;
		}
		t->rows[t->len++] = copy;
	}
}

int rg_build_cell_begin(rg_builder *b)
{
	rg_rawtable *t = top_table(b);
	rg_rawrow *r = rg_build_row(b);

	if (!r || b->err || t->cell_open || t->frame_depth != b->nframes)
		return 0;
	if (!add_cell(b, t, r))
		return 0;
	if (push_frame(b, RG_FRAME_CELL, NULL)) {
		r->len--;
		return 0;
	}
	t->cell_open = 1;
	return 1;
}

/* A cell's text: its paragraphs joined by '\n' (nested tables stay in its body). */
static void cell_take_blocks(rg_builder *b, rg_rawcell *c, rg_blocks *blocks)
{
	rg_buf text = RG_BUF_INIT;
	int has_table = 0;
	size_t i;

	for (i = 0; i < blocks->len; i++) {
		if (blocks->items[i].type == RG_BLOCK_TABLE) {
			has_table = 1;
			continue;
		}
		if (text.len)
			rg_buf_putc(&text, '\n');
		rg_buf_puts(&text, blocks->items[i].text);
	}
	c->text = rg_buf_detach(&text);
	if (!c->text)
		rg_build_fail(b, rg_error_set(RG_ENOMEM, "out of memory"));
	if (has_table) {
		c->body = *blocks;
		memset(blocks, 0, sizeof(*blocks));
	}
}

void rg_build_cell_end(rg_builder *b)
{
	rg_rawtable *t = top_table(b);
	rg_rawrow *r = rg_build_row(b);
	rg_rawcell *c;
	rg_frame *f;
	int k, repeat;

	if (!r || !t->cell_open)
		return;
	close_frame_contents(b);
	f = top(b);
	c = &r->cells[r->len - 1];
	if (!b->err)
		cell_take_blocks(b, c, &f->blocks);
	rg_blocks_free(&f->blocks);
	rg_buf_free(&f->para);
	b->nframes--;
	t->cell_open = 0;
	/* ODF number-columns-repeated: the same cell again, not a span */
	repeat = c->repeat;
	c->repeat = 1;
	if (repeat > 1 && (size_t)(repeat - 1) > b->lim->max_table_cells - t->ncells) {
		rg_build_fail(b, rg_error_set(RG_ELIMIT, "a table repeats a cell into more than %zu cells "
			"(--max-table-cells)", b->lim->max_table_cells));
		return;
	}
	for (k = 1; k < repeat && !b->err; k++) {
		rg_rawcell *copy;
		const char *text;

		text = r->cells[r->len - 1].text;
		copy = add_cell(b, t, r);
		if (!copy)
			return;
		*copy = r->cells[r->len - 2];
		memset(&copy->body, 0, sizeof(copy->body));
		copy->text = copy_str(b, text);
	}
}

void rg_build_covered_cell(rg_builder *b, int repeat)
{
	rg_rawtable *t = top_table(b);
	rg_rawrow *r = rg_build_row(b);
	rg_rawcell *c;
	int k;

	if (!r || t->cell_open || t->frame_depth != b->nframes)
		return;
	if ((size_t)repeat > b->lim->max_table_cells - t->ncells) {
		rg_build_fail(b, rg_error_set(RG_ELIMIT, "a table repeats a covered cell into more than %zu cells "
			"(--max-table-cells)", b->lim->max_table_cells));
		return;
	}
	for (k = 0; k < repeat && !b->err; k++) {
		if (!(c = add_cell(b, t, r)))
			return;
		c->covered = 1;
	}
}

void rg_build_table_end(rg_builder *b)
{
	rg_rawtable *t = top_table(b);
	rg_table *table = NULL;
	rg_block blk;
	rg_frame *f;
	int rc;

	if (!t)
		return;
	if (t->row_open)
		rg_build_row_end(b);
	if (!b->err) {
		rc = rg_table_resolve(t, b->lim, &table);
		if (rc)
			rg_build_fail(b, rc);
	}
	rg_rawtable_free(t);
	b->ntables--;
	b->nesting--;
	if (!table)
		return;
	f = top(b);
	memset(&blk, 0, sizeof(blk));
	blk.type = RG_BLOCK_TABLE;
	blk.table = table;
	blk.flags = t->flags;
	if (!f || blocks_push(b, &f->blocks, &blk))
		rg_table_free(table);
}

/* ---- the grid resolver --------------------------------------------------------
**
** 1. Width: the widest row (table_width: the declared grid neither cuts a
**    span nor adds empty columns).
** 2. Every raw cell gets its position from the cells before it in its row
**    (covered cells and vMerge/hMerge continuations take their places too).
** 3. Origins claim their own slots; then ODF spans grow over free slots only,
**    and DOCX continuations join the origin above (vMerge) or before (hMerge).
** 4. Free slots (gridBefore/After, short rows, orphan covers) become empty cells.
*/

typedef struct {
	int row, col, colspan, rowspan;
	rg_rawcell *raw;          /* NULL for an empty filler cell */
} origin;

typedef struct {
	int row, col, colspan;
	rg_rawcell *raw;
	int kind;                 /* 1 vMerge continue, 2 hMerge continue */
} continuation;

/*
** The width of a table: the right edge of its widest row, never the declared
** grid alone, which editors leave stale either way.  A span is not cut to a
** declared grid narrower than the rows; only a span wider than anything
** Word can make (the grid, the cells of a row, Word's 63 columns) is
** clipped, so a hostile gridSpan cannot make billions of columns.  DOCX
** gridAfter may fill a row up to the declared grid, not past it.  ODF:
** every cell takes one position (covered cells hold the rest of a span); a
** span without its covered cells reaches at most the declared columns.
*/
static int table_width(rg_rawtable *raw, const rg_limits *lim)
{
	long long width = 0, bound = WORD_MAX_COLUMNS;
	long long cap = (long long)(lim->max_table_cells < INT_MAX - 1 ? lim->max_table_cells : INT_MAX - 1) + 1;
	size_t r, j;

	if (raw->grid_cols > bound)
		bound = raw->grid_cols;
	for (r = 0; r < raw->len; r++)
		if ((long long)raw->rows[r].len > bound)
			bound = (long long)raw->rows[r].len;
	for (r = 0; r < raw->len; r++) {
		rg_rawrow *row = &raw->rows[r];
		long long pos = row->grid_before > 0 ? row->grid_before : 0, right;

		if (raw->explicit_covers || pos > raw->grid_cols)
			pos = raw->explicit_covers ? 0 : raw->grid_cols;
		right = pos;
		for (j = 0; j < row->len && right < cap; j++) {
			rg_rawcell *cell = &row->cells[j];

			if (cell->colspan < 1)
				cell->colspan = 1;
			if (cell->rowspan < 1)
				cell->rowspan = 1;
			if (raw->explicit_covers) {
				long long edge = pos + cell->colspan;
				if (edge > raw->grid_cols)
					edge = pos + 1 > raw->grid_cols ? pos + 1 : raw->grid_cols;
				pos += 1;
				if (edge > right)
					right = edge;
			} else {
				if (cell->colspan > bound - pos)
					cell->colspan = bound - pos > 1 ? (int)(bound - pos) : 1;
				pos += cell->colspan;
				right = pos;
			}
		}
		if (!raw->explicit_covers && row->grid_after > 0 && right < raw->grid_cols) {
			long long after = right + row->grid_after;
			if (after > raw->grid_cols)
				after = raw->grid_cols;
			if (after > width)
				width = after;
		}
		if (right > width)
			width = right;
	}
	return width > cap ? (int)cap : (int)width;
}

int rg_table_resolve(rg_rawtable *raw, const rg_limits *lim, rg_table **out)
{
	int nrows = (int)raw->len, width, r, c, k, rc = 0;
	int *owner = NULL;
	origin *orig = NULL;
	continuation *cont = NULL;
	size_t norig = 0, ncont = 0, ncap, total, i, j;
	rg_table *t = NULL;

	*out = NULL;
	/* 1. width */
	width = table_width(raw, lim);
	if (nrows == 0 || width == 0) {
		nrows = nrows ? nrows : 0;
		width = 0;
	}
	total = (size_t)nrows * (size_t)width;
	if (width && total / (size_t)width != (size_t)nrows)
		total = (size_t)-1;
	if (total > lim->max_table_cells)
		return rg_error_set(RG_ELIMIT, "a table of %d rows and %d columns has more than %zu cells "
			"(--max-table-cells)", nrows, width, lim->max_table_cells);

	t = calloc(1, sizeof(*t));
	owner = malloc((total ? total : 1) * sizeof(*owner));
	ncap = raw->ncells + total + 1;
	orig = malloc(ncap * sizeof(*orig));
	cont = malloc((raw->ncells + 1) * sizeof(*cont));
	if (!t || !owner || !orig || !cont) {
		rc = rg_error_set(RG_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < total; i++)
		owner[i] = -1;
#define OWNER(rr, cc) owner[(size_t)(rr) * (size_t)width + (size_t)(cc)]

	/* 2 + 3a. positions; origins claim their own slots */
	for (r = 0; r < nrows; r++) {
		rg_rawrow *row = &raw->rows[r];
		int pos = row->grid_before > 0 && !raw->explicit_covers ? row->grid_before : 0;

		if (pos > raw->grid_cols)
			pos = raw->grid_cols;   /* as table_width() counted it */
		if (pos > width)
			pos = width;

		for (j = 0; j < row->len && pos < width; j++) {
			rg_rawcell *cell = &row->cells[j];
			int span = raw->explicit_covers ? 1 : cell->colspan;

			if (span > width - pos)
				span = width - pos;
			if (cell->covered) {
				pos += 1;
				continue;
			}
			if ((cell->vmerge == 2 && r > 0) || (cell->hmerge == 2 && pos > 0)) {
				continuation *ct = &cont[ncont++];
				ct->row = r;
				ct->col = pos;
				ct->colspan = span;
				ct->raw = cell;
				ct->kind = cell->vmerge == 2 && r > 0 ? 1 : 2;
				pos += span;
				continue;
			}
			orig[norig].row = r;
			orig[norig].col = pos;
			orig[norig].colspan = span;
			orig[norig].rowspan = 1;
			orig[norig].raw = cell;
			for (k = 0; k < span; k++)
				if (OWNER(r, pos + k) < 0)
					OWNER(r, pos + k) = (int)norig;
			norig++;
			pos += span;
		}
	}

	/* 3b. ODF spans grow over free slots only: columns first, then rows */
	for (i = 0; i < norig; i++) {
		origin *o = &orig[i];
		int want = o->raw->rowspan, ok;

		if (raw->explicit_covers) {
			while (o->colspan < o->raw->colspan && o->col + o->colspan < width
			       && OWNER(o->row, o->col + o->colspan) < 0) {
				OWNER(o->row, o->col + o->colspan) = (int)i;
				o->colspan++;
			}
		}

		for (r = o->row + 1; r < nrows && r < o->row + want; r++) {
			ok = 1;
			for (k = 0; k < o->colspan; k++)
				if (OWNER(r, o->col + k) >= 0)
					ok = 0;
			if (!ok)
				break;
			for (k = 0; k < o->colspan; k++)
				OWNER(r, o->col + k) = (int)i;
			o->rowspan++;
		}
	}

	/* 3c. DOCX continuations, top to bottom and left to right as they came */
	for (i = 0; i < ncont; i++) {
		continuation *ct = &cont[i];
		int o_idx = ct->kind == 1 ? OWNER(ct->row - 1, ct->col) : OWNER(ct->row, ct->col - 1);
		origin *o = o_idx >= 0 ? &orig[o_idx] : NULL;
		int free_slots = 1;

		for (k = 0; k < ct->colspan; k++)
			if (OWNER(ct->row, ct->col + k) >= 0)
				free_slots = 0;
		/* a vertical merge keeps its rectangle: same columns as the cell above */
		if (o && free_slots && ct->kind == 1 && o->col == ct->col && o->colspan == ct->colspan
		    && o->row + o->rowspan == ct->row) {
			o->rowspan++;
		} else if (o && free_slots && ct->kind == 2 && o->row == ct->row
			   && o->rowspan == 1 && o->col + o->colspan == ct->col) {
			o->colspan += ct->colspan;
		} else {
			/* continues nothing: it stands as a cell of its own */
			o_idx = (int)norig;
			o = &orig[norig++];
			o->row = ct->row;
			o->col = ct->col;
			o->colspan = ct->colspan;
			o->rowspan = 1;
			o->raw = ct->raw;
			ct->raw = NULL;
		}
		for (k = 0; k < ct->colspan; k++)
			if (OWNER(ct->row, ct->col + k) < 0)
				OWNER(ct->row, ct->col + k) = o_idx;
		/* nothing lost: text typed into a continuation joins the merged cell */
		if (ct->raw && ct->raw->text && ct->raw->text[0] && o->raw) {
			rg_buf joined = RG_BUF_INIT;
			rg_buf_puts(&joined, o->raw->text ? o->raw->text : "");
			if (joined.len)
				rg_buf_putc(&joined, '\n');
			rg_buf_puts(&joined, ct->raw->text);
			if (rg_buf_oom(&joined)) {
				rc = rg_error_set(RG_ENOMEM, "out of memory");
				goto done;
			}
			free(o->raw->text);
			o->raw->text = rg_buf_detach(&joined);
		}
	}

	/* 4. fillers, then the final grid */
	t->nrows = nrows;
	t->ncols = width;
	t->cells = calloc(total ? total : 1, sizeof(*t->cells));
	if (!t->cells) {
		rc = rg_error_set(RG_ENOMEM, "out of memory");
		goto done;
	}
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < width; c++) {
			if (OWNER(r, c) >= 0)
				continue;
			orig[norig].row = r;
			orig[norig].col = c;
			orig[norig].colspan = orig[norig].rowspan = 1;
			orig[norig].raw = NULL;
			OWNER(r, c) = (int)norig++;
		}
	}
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < width; c++) {
			origin *o = &orig[OWNER(r, c)];
			rg_cell *cell = rg_table_cell(t, r, c);

			if (o->row == r && o->col == c) {
				cell->cover_row = cell->cover_col = -1;
				cell->colspan = o->colspan;
				cell->rowspan = o->rowspan;
				if (o->raw && o->raw->text) {
					cell->text = o->raw->text;
					o->raw->text = NULL;
				} else {
					cell->text = strdup("");
				}
				if (!cell->text) {
					rc = rg_error_set(RG_ENOMEM, "out of memory");
					goto done;
				}
				if (o->raw) {
					cell->body = o->raw->body;
					memset(&o->raw->body, 0, sizeof(o->raw->body));
				}
			} else {
				cell->cover_row = o->row;
				cell->cover_col = o->col;
			}
		}
	}
	for (r = 0; r < nrows && raw->rows[r].header; r++)
		t->header_rows++;
#undef OWNER
done:
	free(owner);
	free(orig);
	free(cont);
	if (rc) {
		rg_table_free(t);
		return rc;
	}
	*out = t;
	return 0;
}
