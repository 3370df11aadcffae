/*
** doc.h - the document model: what the DOCX and ODT readers produce.
**
** A document is a body of blocks in reading order (paragraphs and tables)
** plus the other parts (headers, footers, footnotes, text boxes), each a list
** of blocks.  Tables are resolved grids: every row has the full width, each
** grid position is either an origin cell (text, colspan, rowspan) or a
** covered cell naming the origin that covers it.
*/
#ifndef RG_DOC_H
#define RG_DOC_H

#include <stddef.h>

#include "../core/buf.h"

/*
** What the file was: DOCX (any WordprocessingML package: .docx .docm .dotx
** .dotm), ODT (an ODF text package: .odt .ott), flat ODF text (.fodt, one
** XML file), an HTML page (what web applications send as ".doc"), or a
** legacy format read through a conversion to DOCX by LibreOffice (Word
** 97-2003 .doc/.dot, RTF).
*/
typedef enum {
	RG_FORMAT_UNKNOWN = 0, RG_FORMAT_DOCX, RG_FORMAT_ODT, RG_FORMAT_FODT, RG_FORMAT_DOC, RG_FORMAT_RTF,
	RG_FORMAT_HTML
} rg_format;

typedef enum { RG_BLOCK_PARAGRAPH = 1, RG_BLOCK_TABLE } rg_block_type;

/* Block flags */
#define RG_BLOCK_PAGE_BREAK 1    /* a page (or next-page section) break comes before it */

typedef struct rg_block rg_block;
typedef struct rg_table rg_table;

typedef struct {
	rg_block *items;
	size_t len, cap;
} rg_blocks;

typedef struct {
	char *text;          /* origin: its paragraphs joined by '\n' (never NULL); covered: NULL */
	int colspan, rowspan;
	int cover_row;       /* covered: the origin's row and column; origin: -1 */
	int cover_col;
	rg_blocks body;      /* only when the cell holds a nested table: all its blocks */
} rg_cell;

struct rg_table {
	int nrows, ncols;
	int header_rows;     /* leading rows marked as repeated header rows */
	rg_cell *cells;      /* nrows * ncols, row-major */
};

struct rg_block {
	rg_block_type type;
	int flags;
	char *text;          /* paragraph text (tabs and line breaks kept as \t and \n) */
	rg_table *table;
};

/*
** Something the reader could not read or had to decide, said instead of kept
** silent: content that is not in the model (an alternative chunk of a kind
** not read), or a choice that may be wrong (a condition it cannot evaluate).
** code is a short stable name (the finding code when extraction reports it),
** message one line.
*/
typedef struct {
	char *code;
	char *message;
} rg_warning;

typedef struct {
	rg_format format;
	rg_blocks body;
	rg_blocks headers;
	rg_blocks footers;
	rg_blocks footnotes;  /* footnotes and endnotes */
	rg_blocks textboxes;
	rg_warning *warnings; /* in the order met; identical ones once */
	size_t nwarnings;
} rg_doc;

static inline rg_cell *rg_table_cell(const rg_table *t, int row, int col)
{
	return &t->cells[(size_t)row * (size_t)t->ncols + (size_t)col];
}

/* The origin cell at or covering (row, col). */
rg_cell *rg_table_origin(const rg_table *t, int row, int col);

/*
** The text of a cell as one string, each piece once and in order: its
** paragraphs, and the rows of a nested table as lines with cells separated
** by tabs (as Word's plain-text save writes a table).  Appended to out.
*/
void rg_cell_full_text(const rg_cell *cell, rg_buf *out);

/* Add a warning (copied; an identical one already there is not repeated). 0 or RG_ENOMEM. */
int rg_doc_warn(rg_doc *d, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

const char *rg_format_name(rg_format f);
void rg_blocks_free(rg_blocks *b);
void rg_table_free(rg_table *t);
void rg_doc_free(rg_doc *d);

#endif
