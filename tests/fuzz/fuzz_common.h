/*
** fuzz_common.h - shared helpers of the libFuzzer harnesses in tests/fuzz/:
** small limits so a single input cannot use gigabytes (the reader must refuse
** it with RG_ELIMIT instead), and a walk over the document model that touches
** every string so ASan sees reads of freed or unterminated memory.
*/
#ifndef RG_FUZZ_COMMON_H
#define RG_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "read/doc.h"
#include "read/reader.h"

/* Limits for fuzzing: far below the defaults so inputs stay cheap; legacy
** formats are detected (the OLE2 walk is fuzzed) but never converted. */
static inline void fuzz_limits(rg_limits *lim)
{
	rg_limits_default(lim);
	lim->max_part_size = (size_t)16 << 20;
	lim->max_ratio = 200;
	lim->max_table_cells = 100000;
	lim->max_nesting = 16;
	lim->no_convert = 1;   /* a .doc/.rtf is detected and refused: never start LibreOffice */
}

/* An invariant of the model or the error convention is broken: a finding. */
#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

static size_t fuzz_sink;   /* keeps the walks from being optimized away */

static inline void fuzz_touch(const char *s)
{
	if (s)
		fuzz_sink += strlen(s);
}

static void fuzz_walk_blocks(const rg_blocks *b, int depth);

static inline void fuzz_walk_table(const rg_table *t, int depth)
{
	int r, c;

	FUZZ_ASSERT(t->nrows >= 0 && t->ncols >= 0 && t->header_rows >= 0 && t->header_rows <= t->nrows);
	FUZZ_ASSERT(t->cells || (size_t)t->nrows * (size_t)t->ncols == 0);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const rg_cell *cell = rg_table_cell(t, r, c);
			const rg_cell *o;
			if (cell->text) {
				/* an origin: its span stays inside the grid */
				FUZZ_ASSERT(cell->colspan >= 1 && cell->rowspan >= 1);
				FUZZ_ASSERT(cell->colspan <= t->ncols - c && cell->rowspan <= t->nrows - r);
				/* every other position of its span is a covered cell naming it */
				{
					int i, j;
					for (i = 0; i < cell->rowspan; i++)
						for (j = 0; j < cell->colspan; j++) {
							const rg_cell *in = rg_table_cell(t, r + i, c + j);
							if (i || j)
								FUZZ_ASSERT(!in->text && in->cover_row == r
									    && in->cover_col == c);
						}
				}
				fuzz_touch(cell->text);
				fuzz_walk_blocks(&cell->body, depth + 1);
			} else {
				/* covered: names an origin above or to the left */
				FUZZ_ASSERT(cell->cover_row >= 0 && cell->cover_row <= r);
				FUZZ_ASSERT(cell->cover_col >= 0 && cell->cover_col <= c);
			}
			o = rg_table_origin(t, r, c);
			FUZZ_ASSERT(o && o->text);
			if (!cell->text) {
				/* the origin's span reaches this position */
				FUZZ_ASSERT(cell->cover_row + o->rowspan > r && cell->cover_col + o->colspan > c);
			}
		}
	}
}

static void fuzz_walk_blocks(const rg_blocks *b, int depth)
{
	size_t i;

	FUZZ_ASSERT(depth <= 1000);
	for (i = 0; i < b->len; i++) {
		const rg_block *blk = &b->items[i];
		if (blk->type == RG_BLOCK_PARAGRAPH)
			fuzz_touch(blk->text);
		else if (blk->type == RG_BLOCK_TABLE && blk->table)
			fuzz_walk_table(blk->table, depth);
		else
			FUZZ_ASSERT(!"a block that is neither a paragraph nor a table");
	}
}

static inline void fuzz_walk_doc(const rg_doc *d)
{
	size_t i;

	for (i = 0; i < d->nwarnings; i++) {
		FUZZ_ASSERT(d->warnings[i].code && d->warnings[i].message);
		FUZZ_ASSERT(!strchr(d->warnings[i].message, '\n'));
		fuzz_touch(d->warnings[i].code);
	}
	fuzz_walk_blocks(&d->body, 0);
	fuzz_walk_blocks(&d->headers, 0);
	fuzz_walk_blocks(&d->footers, 0);
	fuzz_walk_blocks(&d->footnotes, 0);
	fuzz_walk_blocks(&d->textboxes, 0);
}

/* A failure must leave a one-line message and *out NULL. */
static inline void fuzz_check_result(int rc, const rg_doc *doc)
{
	if (rc) {
		const char *m = rg_error_message();
		if (!m[0] || strchr(m, '\n'))
			fprintf(stderr, "rc %d (%s), message \"%s\"\n", rc, rg_error_name(rc), m);
		FUZZ_ASSERT(rc < 0 && !doc);
		FUZZ_ASSERT(m[0] && !strchr(m, '\n'));
	} else {
		FUZZ_ASSERT(doc != NULL);
	}
}

/* The end of every reader harness: check what the read gave, walk and free it. */
static inline void fuzz_finish_read(int rc, rg_doc *doc)
{
	fuzz_check_result(rc, doc);
	if (doc) {
		fuzz_walk_doc(doc);
		rg_doc_free(doc);
	}
	rg_error_clear();
}

#endif
