/*
** doc.c - the document model: freeing, lookups, names, warnings and the
** full text of a cell (see doc.h).
*/
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

#define MAX_WARNINGS 100   /* a hostile file cannot grow the list without bound */

const char *rg_format_name(rg_format f)
{
	switch (f) {
	case RG_FORMAT_DOCX: return "docx";
	case RG_FORMAT_ODT: return "odt";
	case RG_FORMAT_FODT: return "fodt";
	case RG_FORMAT_DOC: return "doc";
	case RG_FORMAT_RTF: return "rtf";
	case RG_FORMAT_HTML: return "html";
	default: return "unknown";
	}
}

rg_cell *rg_table_origin(const rg_table *t, int row, int col)
{
	rg_cell *c = rg_table_cell(t, row, col);

	if (!c->text && c->cover_row >= 0)
		c = rg_table_cell(t, c->cover_row, c->cover_col);
	return c;
}

static void blocks_full_text(const rg_blocks *list, rg_buf *out, int depth);

/* A nested table: one line per row, its cells' texts separated by tabs. */
static void table_full_text(const rg_table *t, rg_buf *out, int depth)
{
	int r, c;

	for (r = 0; r < t->nrows; r++) {
		if (out->len && out->ptr[out->len - 1] != '\n')
			rg_buf_putc(out, '\n');
		for (c = 0; c < t->ncols; c++) {
			const rg_cell *cell = rg_table_cell(t, r, c);
			if (c)
				rg_buf_putc(out, '\t');
			if (!cell->text)
				continue;
			if (cell->body.len && depth < 64) {
				/* the lines of a deeper table stay inside this cell's column */
				rg_buf inner = RG_BUF_INIT;
				size_t i;
				blocks_full_text(&cell->body, &inner, depth + 1);
				for (i = 0; i < inner.len; i++)
					rg_buf_putc(out, inner.ptr[i] == '\n' ? ' ' : inner.ptr[i]);
				if (rg_buf_oom(&inner))
					out->oom = 1;
				rg_buf_free(&inner);
			} else {
				rg_buf_puts(out, cell->text);
			}
		}
	}
}

static void blocks_full_text(const rg_blocks *list, rg_buf *out, int depth)
{
	size_t i;

	for (i = 0; i < list->len; i++) {
		const rg_block *b = &list->items[i];
		if (out->len && out->ptr[out->len - 1] != '\n')
			rg_buf_putc(out, '\n');
		if (b->type == RG_BLOCK_TABLE)
			table_full_text(b->table, out, depth);
		else
			rg_buf_puts(out, b->text);
	}
}

void rg_cell_full_text(const rg_cell *cell, rg_buf *out)
{
	if (!cell->text)
		return;
	if (!cell->body.len) {
		rg_buf_puts(out, cell->text);
		return;
	}
	{
		rg_buf tmp = RG_BUF_INIT;
		blocks_full_text(&cell->body, &tmp, 0);
		rg_buf_put(out, tmp.ptr ? tmp.ptr : "", tmp.len);
		if (rg_buf_oom(&tmp))
			out->oom = 1;
		rg_buf_free(&tmp);
	}
}

int rg_doc_warn(rg_doc *d, const char *code, const char *fmt, ...)
{
	char msg[512];
	rg_warning *w;
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	msg[strcspn(msg, "\n")] = '\0';   /* one line */
	for (i = 0; i < d->nwarnings; i++)
		if (!strcmp(d->warnings[i].code, code) && !strcmp(d->warnings[i].message, msg))
			return 0;
	if (d->nwarnings >= MAX_WARNINGS)
		return 0;
	w = realloc(d->warnings, (d->nwarnings + 1) * sizeof(*w));
	if (!w)
		return rg_error_set(RG_ENOMEM, "out of memory");
	d->warnings = w;
	w = &d->warnings[d->nwarnings];
	w->code = strdup(code);
	w->message = strdup(msg);
	if (!w->code || !w->message) {
		free(w->code);
		free(w->message);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	d->nwarnings++;
	return 0;
}

void rg_table_free(rg_table *t)
{
	size_t i, n;

	if (!t)
		return;
	n = t->cells ? (size_t)t->nrows * (size_t)t->ncols : 0;
	for (i = 0; i < n; i++) {
		free(t->cells[i].text);
		rg_blocks_free(&t->cells[i].body);
	}
	free(t->cells);
	free(t);
}

void rg_blocks_free(rg_blocks *b)
{
	size_t i;

	for (i = 0; i < b->len; i++) {
		free(b->items[i].text);
		rg_table_free(b->items[i].table);
	}
	free(b->items);
	b->items = NULL;
	b->len = b->cap = 0;
}

void rg_doc_free(rg_doc *d)
{
	size_t i;

	if (!d)
		return;
	rg_blocks_free(&d->body);
	rg_blocks_free(&d->headers);
	rg_blocks_free(&d->footers);
	rg_blocks_free(&d->footnotes);
	rg_blocks_free(&d->textboxes);
	for (i = 0; i < d->nwarnings; i++) {
		free(d->warnings[i].code);
		free(d->warnings[i].message);
	}
	free(d->warnings);
	free(d);
}
