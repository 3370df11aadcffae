/*
** doc.c - the document model: freeing, lookups and names (see doc.h).
*/
#include "doc.h"

#include <stdlib.h>

const char *rg_format_name(rg_format f)
{
	switch (f) {
	case RG_FORMAT_DOCX: return "docx";
	case RG_FORMAT_ODT: return "odt";
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
	if (!d)
		return;
	rg_blocks_free(&d->body);
	rg_blocks_free(&d->headers);
	rg_blocks_free(&d->footers);
	rg_blocks_free(&d->footnotes);
	rg_blocks_free(&d->textboxes);
	free(d);
}
