/*
** extract_int.h - what the parts of the extractor share (not a public API).
**
** extract.c runs the pipeline; context.c holds the document's lines and the
** per-document helpers; fields.c votes the document fields; tables.c reads
** the project tables and merges the records of one project.
*/
#ifndef RG_EXTRACT_INT_H
#define RG_EXTRACT_INT_H

#include "../core/buf.h"
#include "../core/strmap.h"
#include "../model/model.h"
#include "../read/doc.h"
#include "rules.h"

typedef struct {
	const rg_rules *rules;
	pcre2_match_data *md;
	rg_model *m;
	int err;
	/* every line of the document (paragraphs and cells), normalized (Arabic
	** digits), in `text` one after the other, each ended by NUL: the rules
	** search them all in one pass (see rules.h); line i starts at starts[i] */
	size_t nlines, caplines;
	rg_buf text;
	size_t *starts;
	/* which rule of a category first matches a text: tables repeat their
	** headers and cells ("☐", "0.00") many times, so each is matched once */
	rg_strmap first_rule;
	/* each cell's normalized text, found by the cell's text pointer (cells
	** are read twice: as lines, then as table cells) */
	const char **cell_keys;
	int *cell_lines;
	size_t cell_cap, cell_len;
	char **extra;             /* normalized texts made outside the lines */
	size_t nextra, capextra;
	/* the tables read as project tables (validation leaves them out) */
	const rg_table **ptables;
	size_t nptables, capptables;
} ctx;

/* A project record while extracting: the model project plus where it came from. */
typedef struct {
	rg_project p;
	int group;                 /* the table group (a table and its continuations) */
	int table;                 /* the table number (document order, nested tables too) */
	int row;                   /* its row in that table, from 1 */
	int seq_number;            /* first level of seq, for numbering going backwards */
	int goes_on;               /* a marker says the row goes on in the next row */
	int section;               /* the section state it was read under (its serial) */
	int nparts;                /* further parts of a cut row merged into it ... */
	rg_buf parts;              /* ... and where they were ("table 3, row 2") */
} record;

typedef struct {
	record *items;
	size_t len, cap;
} records;

/* Record an error (the first one wins); returns it. */
int ex_fail(ctx *x, int code);
/* rg_rules_first, remembered per document (x->md holds the groups of a hit). */
const rg_rule *ex_first_rule(ctx *x, const char *category, const char *s, size_t len);
/* Normalized text (Arabic digits plus flags); NULL on oom (recorded). Caller frees. */
char *ex_norm(ctx *x, const char *s, unsigned flags);
/* Normalized text without spaces, for column headers. Caller frees. */
char *ex_squeeze(ctx *x, const char *s);
/* A cell's normalized text, borrowed until the extraction ends. */
const char *ex_cell_norm(ctx *x, const char *raw);
/* strdup that records oom. */
char *ex_dup_or_fail(ctx *x, const char *s);
/* Every match of rule r over all the document's lines, with its line; stops when fn returns non-zero. */
int ex_each_match(ctx *x, const rg_rule *r, int (*fn)(ctx *x, const rg_rule *r, size_t line, void *arg),
		  void *arg);
/* Line i of the document. */
const char *ex_line_text(const ctx *x, size_t i);
/* Add the lines of a list of blocks (paragraphs, every table cell). */
void ex_collect_lines(ctx *x, const rg_blocks *list);
/* Free what the context holds (not the model). */
void ex_context_free(ctx *x);

/* fields.c: kind, organization, place, year, round, plan period, data date. */
void ex_find_document_fields(ctx *x);

/* tables.c: the project tables of the body, at any depth (x->ptables lists
** them), with their cut rows read as one; and merging. */
void ex_read_tables(ctx *x, const rg_blocks *body, records *rs);
void ex_merge_records(ctx *x, records *rs);

#endif
