/*
** build.h - the document builder shared by the DOCX and ODT readers.
**
** A reader walks its XML and calls these in document order; the builder keeps
** the stack of open containers (a part, a table cell, a text box, a note),
** the open paragraph of each, and the open tables, and resolves every table
** into a full grid when it ends.  The first error is sticky (b->err): later
** calls do nothing, and the reader stops its parse.
*/
#ifndef RG_BUILD_H
#define RG_BUILD_H

#include "../core/buf.h"
#include "doc.h"
#include "reader.h"

typedef struct {
	char *text;
	rg_blocks body;
	int colspan, rowspan;
	int vmerge;          /* 0 none, 1 restart, 2 continue (DOCX) */
	int hmerge;          /* 0 none, 1 restart, 2 continue (DOCX, legacy) */
	int covered;         /* an ODT covered-table-cell */
	int repeat;          /* ODT number-columns-repeated */
} rg_rawcell;

typedef struct {
	rg_rawcell *cells;
	size_t len, cap;
	int grid_before, grid_after;
	int header;
	int repeat;          /* ODT number-rows-repeated */
} rg_rawrow;

typedef struct {
	rg_rawrow *rows;
	size_t len, cap;
	int grid_cols;       /* declared width (w:gridCol / table:table-column) */
	size_t ncells;       /* raw cells so far, for the cell limit */
	size_t frame_depth;  /* the container the table sits in */
	int flags;
	int row_open, cell_open;
	int explicit_covers; /* ODF: spans are followed by covered cells that hold their places */
} rg_rawtable;

typedef enum { RG_FRAME_PART, RG_FRAME_CELL, RG_FRAME_TEXTBOX, RG_FRAME_NOTE } rg_frame_kind;

typedef struct {
	rg_frame_kind kind;
	rg_blocks blocks;
	rg_buf para;
	int in_para;
	int para_hidden;     /* the open paragraph is hidden: it is dropped at its end */
	int para_flags;
	int pending_flags;   /* for the next block (a break seen in an empty paragraph) */
	rg_blocks *dest;     /* RG_FRAME_PART: where its blocks go at the end */
} rg_frame;

typedef struct {
	rg_doc *doc;
	const rg_limits *lim;
	int err;
	rg_frame *frames;
	size_t nframes, capframes;
	rg_rawtable *tables;
	size_t ntables, captables;
	int nesting;         /* open tables + text boxes + notes + alternative chunks */
	int chunks;          /* alternative-format chunks read so far (all levels) */
} rg_builder;

/* Alternative-format chunks one document may read in all (chunks inside chunks
** count too: two references to one part at every level would otherwise make
** 2^depth reads). */
#define RG_MAX_CHUNKS 1000

void rg_build_init(rg_builder *b, rg_doc *doc, const rg_limits *lim);
void rg_build_free(rg_builder *b);

/* A part (body, a header, a footer, the notes): its blocks are appended to dest. */
void rg_build_part_begin(rg_builder *b, rg_blocks *dest);
void rg_build_part_end(rg_builder *b);

void rg_build_para_begin(rg_builder *b);
void rg_build_para_end(rg_builder *b);
void rg_build_text(rg_builder *b, const char *s, size_t n);
void rg_build_codepoint(rg_builder *b, unsigned cp);
/* Whether the current container has an open paragraph. */
int rg_build_in_para(const rg_builder *b);
/* Drop the last byte of the open paragraph if it is c (ODF trailing space). */
void rg_build_unput(rg_builder *b, char c);
/* A page break: on the open paragraph if it has no text yet, else on the next block. */
void rg_build_page_break(rg_builder *b);
/* Hide the open paragraph (ODF text:hidden-paragraph): nothing of it is kept. */
void rg_build_para_hide(rg_builder *b);
/* Bytes of text in the open paragraph so far (0 when none is open). */
size_t rg_build_para_len(const rg_builder *b);
/* Move blocks read elsewhere (an alternative-format chunk) into the current
** container at this point; src is left empty. */
void rg_build_append_blocks(rg_builder *b, rg_blocks *src);
/* A warning on the document (rg_doc_warn); out of memory fails the builder. */
void rg_build_warn(rg_builder *b, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Tables.  Each returns 1 when it took effect (the reader then calls the
** matching *_end), 0 when ignored (e.g. a cell outside any row). */
int rg_build_table_begin(rg_builder *b);
/* The open table of the innermost container (NULL when none). */
rg_rawtable *rg_build_table(rg_builder *b);
void rg_build_table_grid_col(rg_builder *b, int count);
void rg_build_table_end(rg_builder *b);
int rg_build_row_begin(rg_builder *b);
void rg_build_row_end(rg_builder *b);
rg_rawrow *rg_build_row(rg_builder *b);      /* the open row, or NULL */
int rg_build_cell_begin(rg_builder *b);
void rg_build_cell_end(rg_builder *b);
rg_rawcell *rg_build_cell(rg_builder *b);    /* the open cell of the innermost table, or NULL */
void rg_build_covered_cell(rg_builder *b, int repeat);

/* Text boxes and notes: their blocks go to doc->textboxes / doc->footnotes. */
int rg_build_textbox_begin(rg_builder *b);
void rg_build_textbox_end(rg_builder *b);
int rg_build_note_begin(rg_builder *b);
void rg_build_note_end(rg_builder *b);

/*
** How deep XML elements may nest: each level of tables or text boxes takes
** about a dozen elements (tbl/tr/tc/p/r/drawing/...), so the depth follows
** --max-nesting, within the readers' fixed element stack (RG_XML_MAX_DEPTH).
*/
#define RG_XML_MAX_DEPTH 1024
static inline int rg_xml_depth_limit(const rg_limits *lim)
{
	long d = 64 + 32L * (lim->max_nesting > 0 ? lim->max_nesting : 0);
	return d < RG_XML_MAX_DEPTH ? (int)d : RG_XML_MAX_DEPTH;
}

/* A point to return to when a part (an alternative chunk) fails to read:
** every container and table opened after it is dropped. */
typedef struct {
	size_t nframes, ntables;
	int nesting;
} rg_build_mark;

void rg_build_mark_here(const rg_builder *b, rg_build_mark *m);
void rg_build_rollback(rg_builder *b, const rg_build_mark *m);

/* Record an error (first one wins); returns b->err. */
int rg_build_fail(rg_builder *b, int code);

/* Resolve a raw table into a grid (exposed for tests). */
int rg_table_resolve(rg_rawtable *raw, const rg_limits *lim, rg_table **out);
void rg_rawtable_free(rg_rawtable *t);

#endif
