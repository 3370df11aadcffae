/*
** doc_text.c - the document model as readable text (`raingan dump`).
**
** A paragraph is a line; a table is a "[table R x C]" line then one line per
** row, cells separated by " | ".  A cell covered by a merge shows "^" (from
** above) or "<" (from the left); line breaks inside a cell show as " / ".
** A cell holding a nested table shows "(see below)" in its row, and its
** blocks (paragraphs and the table, in order, each once) follow the row,
** indented.  Warnings of the reader close the dump.
*/
#include "render.h"

#include <string.h>

static void blocks(rg_buf *out, const rg_blocks *list, int indent);

static void indent_to(rg_buf *out, int indent)
{
	int i;

	for (i = 0; i < indent; i++)
		rg_buf_puts(out, "    ");
}

static void line_text(rg_buf *out, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n'))) {
		rg_buf_put(out, s, (size_t)(nl - s));
		rg_buf_puts(out, " / ");
		s = nl + 1;
	}
	rg_buf_puts(out, s);
}

static void table(rg_buf *out, const rg_table *t, int indent)
{
	int r, c;

	indent_to(out, indent);
	rg_buf_printf(out, "[table %d x %d", t->nrows, t->ncols);
	if (t->header_rows)
		rg_buf_printf(out, ", %d header row%s", t->header_rows, t->header_rows > 1 ? "s" : "");
	rg_buf_puts(out, "]\n");
	for (r = 0; r < t->nrows; r++) {
		indent_to(out, indent);
		for (c = 0; c < t->ncols; c++) {
			const rg_cell *cell = rg_table_cell(t, r, c);

			if (c)
				rg_buf_puts(out, " | ");
			if (cell->text && cell->body.len)
				rg_buf_puts(out, "(see below)");
			else if (cell->text)
				line_text(out, cell->text);
			else
				rg_buf_putc(out, cell->cover_row < r ? '^' : '<');
		}
		rg_buf_putc(out, '\n');
		for (c = 0; c < t->ncols; c++) {
			const rg_cell *cell = rg_table_cell(t, r, c);
			if (cell->text && cell->body.len) {
				indent_to(out, indent + 1);
				rg_buf_printf(out, "(in row %d, column %d)\n", r + 1, c + 1);
				blocks(out, &cell->body, indent + 1);
			}
		}
	}
}

static void blocks(rg_buf *out, const rg_blocks *list, int indent)
{
	size_t i;

	for (i = 0; i < list->len; i++) {
		const rg_block *b = &list->items[i];

		if (b->type == RG_BLOCK_TABLE) {
			table(out, b->table, indent);
		} else {
			indent_to(out, indent);
			line_text(out, b->text);
			rg_buf_putc(out, '\n');
		}
	}
}

static void part(rg_buf *out, const char *name, const rg_blocks *list)
{
	if (!list->len)
		return;
	rg_buf_printf(out, "== %s ==\n", name);
	blocks(out, list, 0);
}

void rg_render_doc_text(rg_buf *out, const rg_doc *doc)
{
	blocks(out, &doc->body, 0);
	part(out, "headers", &doc->headers);
	part(out, "footers", &doc->footers);
	part(out, "footnotes", &doc->footnotes);
	part(out, "text boxes", &doc->textboxes);
	if (doc->nwarnings) {
		size_t i;
		rg_buf_puts(out, "== warnings ==\n");
		for (i = 0; i < doc->nwarnings; i++)
			rg_buf_printf(out, "%s: %s\n", doc->warnings[i].code, doc->warnings[i].message);
	}
}
