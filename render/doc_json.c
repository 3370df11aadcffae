/*
** doc_json.c - the document model as JSON (`raingan dump --format json`).
**
** {"format": "docx", "body": [...], "headers": [...], "footers": [...],
**  "footnotes": [...], "textboxes": [...]}; a block is a paragraph
** {"type": "paragraph", "text": ...} or a table {"type": "table",
** "header_rows": N, "rows": [[cell, ...], ...]}; a cell is {"text", "colspan",
** "rowspan"} (plus "body" when it holds a nested table) or {"covered_by": [r, c]}.
** The "text" of a cell holding a nested table has all of it, each piece once
** and in order (rg_cell_full_text: the table's rows as tab-separated lines).
** "format" is what the file was (docx, odt, fodt, doc, rtf); "warnings"
** ([{"code", "message"}, ...]) comes last, only when the reader has some.
*/
#include "render.h"

#include "core/json.h"

static void blocks(rg_json *j, const rg_blocks *list);

static void table(rg_json *j, const rg_table *t)
{
	int r, c;

	rg_json_key(j, "header_rows");
	rg_json_int(j, t->header_rows);
	rg_json_key(j, "rows");
	rg_json_array_begin(j);
	for (r = 0; r < t->nrows; r++) {
		rg_json_array_begin(j);
		for (c = 0; c < t->ncols; c++) {
			const rg_cell *cell = rg_table_cell(t, r, c);

			rg_json_object_begin(j);
			if (cell->text) {
				rg_json_key(j, "text");
				if (cell->body.len) {
					rg_buf full = RG_BUF_INIT;
					rg_cell_full_text(cell, &full);
					rg_json_string_n(j, full.ptr ? full.ptr : "", full.len);
					if (rg_buf_oom(&full))
						j->out->oom = 1;
					rg_buf_free(&full);
				} else {
					rg_json_string(j, cell->text);
				}
				rg_json_key(j, "colspan");
				rg_json_int(j, cell->colspan);
				rg_json_key(j, "rowspan");
				rg_json_int(j, cell->rowspan);
				if (cell->body.len) {
					rg_json_key(j, "body");
					blocks(j, &cell->body);
				}
			} else {
				rg_json_key(j, "covered_by");
				rg_json_array_begin(j);
				rg_json_int(j, cell->cover_row);
				rg_json_int(j, cell->cover_col);
				rg_json_array_end(j);
			}
			rg_json_object_end(j);
		}
		rg_json_array_end(j);
	}
	rg_json_array_end(j);
}

static void blocks(rg_json *j, const rg_blocks *list)
{
	size_t i;

	rg_json_array_begin(j);
	for (i = 0; i < list->len; i++) {
		const rg_block *b = &list->items[i];

		rg_json_object_begin(j);
		rg_json_key(j, "type");
		if (b->type == RG_BLOCK_TABLE) {
			rg_json_string(j, "table");
			if (b->flags & RG_BLOCK_PAGE_BREAK) {
				rg_json_key(j, "page_break");
				rg_json_bool(j, 1);
			}
			table(j, b->table);
		} else {
			rg_json_string(j, "paragraph");
			if (b->flags & RG_BLOCK_PAGE_BREAK) {
				rg_json_key(j, "page_break");
				rg_json_bool(j, 1);
			}
			rg_json_key(j, "text");
			rg_json_string(j, b->text);
		}
		rg_json_object_end(j);
	}
	rg_json_array_end(j);
}

void rg_render_doc_json(rg_buf *out, const rg_doc *doc, int indent)
{
	rg_json j;

	rg_json_init(&j, out, indent);
	rg_json_object_begin(&j);
	rg_json_key(&j, "format");
	rg_json_string(&j, rg_format_name(doc->format));
	rg_json_key(&j, "body");
	blocks(&j, &doc->body);
	rg_json_key(&j, "headers");
	blocks(&j, &doc->headers);
	rg_json_key(&j, "footers");
	blocks(&j, &doc->footers);
	rg_json_key(&j, "footnotes");
	blocks(&j, &doc->footnotes);
	rg_json_key(&j, "textboxes");
	blocks(&j, &doc->textboxes);
	if (doc->nwarnings) {
		size_t i;
		rg_json_key(&j, "warnings");
		rg_json_array_begin(&j);
		for (i = 0; i < doc->nwarnings; i++) {
			rg_json_object_begin(&j);
			rg_json_key(&j, "code");
			rg_json_string(&j, doc->warnings[i].code);
			rg_json_key(&j, "message");
			rg_json_string(&j, doc->warnings[i].message);
			rg_json_object_end(&j);
		}
		rg_json_array_end(&j);
	}
	rg_json_object_end(&j);
	rg_buf_putc(out, '\n');
}
