/*
** validate.c - stated figures against the rows (see validate.h).
**
** A figure can be stated twice: in the summary text and in a summary table.
** The text's value goes into `stated` (as MODEL.md has it); every source is
** compared with the project rows, and a key whose sources disagree with the
** rows gets one finding naming them all.  Amounts are compared with the sum
** of the rows, counts with the number of rows of a status.  Nothing is
** "fixed": both numbers are reported.
*/
#include "validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "columns.h"
#include "thai.h"
#include "values.h"

#define MAX_SOURCES 4

typedef struct {
	const char *key;
	rg_status status;          /* RG_STATUS_NONE: all projects */
	int amount;                /* 1: a sum of disbursed amounts, 2: of budgets */
	const char *words;
} stated_key;

static const stated_key keys[] = {
	{ "projects_total", RG_STATUS_NONE, 0, "projects in all" },
	{ "pending_report", RG_STATUS_PENDING_REPORT, 0, "projects pending report" },
	{ "in_progress", RG_STATUS_IN_PROGRESS, 0, "projects in progress" },
	{ "completed", RG_STATUS_COMPLETED, 0, "projects completed" },
	{ "not_possible", RG_STATUS_NOT_POSSIBLE, 0, "projects not possible" },
	{ "not_started", RG_STATUS_NOT_STARTED, 0, "projects not started" },
	{ "disbursed_total", RG_STATUS_NONE, 1, "baht disbursed" },
	{ "budget_total", RG_STATUS_NONE, 2, "baht budgeted" },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

typedef struct {
	double value[NKEYS][MAX_SOURCES];
	const char *source[NKEYS][MAX_SOURCES];
	int n[NKEYS];
	/* per dimension (1-4), from summary tables with a dimension column: the first source */
	double dim_value[NKEYS][5];
	const char *dim_source[NKEYS][5];
} sources;

static int key_index(const char *key)
{
	size_t k;
	for (k = 0; k < NKEYS; k++)
		if (!strcmp(keys[k].key, key))
			return (int)k;
	return -1;
}

static void add_source(sources *s, const char *key, double value, const char *where)
{
	int k = key_index(key), i;

	if (k < 0)
		return;
	for (i = 0; i < s->n[k]; i++)
		if (!strcmp(s->source[k][i], where))
			return;   /* one value per source: the first */
	if (s->n[k] < MAX_SOURCES) {
		s->value[k][s->n[k]] = value;
		s->source[k][s->n[k]] = where;
		s->n[k]++;
	}
}

static void read_stated_text(rg_model *m, const rg_rules *rules, const char *text, size_t len,
			     pcre2_match_data *md, sources *src)
{
	size_t k, nrules;
	const size_t *idx = rg_rules_of(rules, "stated", &nrules);

	for (k = 0; k < nrules; k++) {
		const rg_rule *r = &rules->items[idx[k]];
		size_t off = 0;
		char value[64];
		rg_number n;

		if (rg_model_get_stated(m, r->label))
			continue;
		/* the first match, in reading order, whose number reads */
		while (text && off < len
		       && pcre2_match(r->re, (PCRE2_SPTR)text, len, off, PCRE2_NO_UTF_CHECK, md, NULL) >= 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			if (!rg_rule_group(r, md, "n", value, sizeof(value)) || !rg_parse_amount(value, &n) || !n.set)
				continue;
			rg_model_set_stated(m, r->label, n.value);
			add_source(src, r->label, n.value, "the summary text");
			if (n.doubtful)
				rg_model_add_finding(m, RG_SEV_WARNING, "doubtful_value",
					"the stated %s '%s' is unclear; read as %.2f", r->label, value, n.value);
			break;
		}
	}
}

/* ---- summary tables ---------------------------------------------------------------- */

static char *squeezed(const char *text)
{
	char *t = NULL;

	rg_thai_normalize(text ? text : "", RG_NORM_NO_SPACES | RG_NORM_ARABIC_DIGITS, &t);
	return t;
}

static int amount_at(const rg_table *t, int r, int c, double *v)
{
	const rg_cell *cell = rg_table_cell(t, r, c);
	rg_number n;

	if (!cell->text || !rg_parse_amount(cell->text, &n) || !n.set)
		return 0;
	*v = n.value;
	return 1;
}

/* A stable name for a source (the sources keep pointers to it). */
static const char *table_no_name(int n)
{
	static const char *const names[] = { "table 1", "table 2", "table 3", "table 4", "table 5",
		"table 6", "table 7", "table 8", "table 9", "table 10", "table 11", "table 12" };
	return n >= 1 && n <= 12 ? names[n - 1] : "a later table";
}

/* The last row is a total when its first cell is empty or says so (รวม). */
static int total_row(const rg_rules *rules, const rg_table *t, int h, pcre2_match_data *md)
{
	const rg_cell *first = rg_table_origin(t, t->nrows - 1, 0);
	char *s;
	int yes;

	if (t->nrows - h < 3 || rg_table_origin(t, t->nrows - 2, 0) == first)
		return 0;
	if (!(s = squeezed(first->text)))
		return 0;
	yes = !*s || rg_rules_first(rules, "total_row", s, strlen(s), md) != NULL;
	free(s);
	return yes;
}

/* A cell's text, normalized with spaces (NULL for none; caller frees). */
static char *normalized(const rg_cell *cell)
{
	char *s = NULL;

	if (!cell->text || rg_thai_normalize(cell->text, RG_NORM_ARABIC_DIGITS, &s))
		return NULL;
	return s;
}

/* The dimension a summary row speaks of (1-4), or 0. */
static int row_dimension(const rg_rules *rules, const rg_table *t, int r, int c, pcre2_match_data *md)
{
	const rg_cell *cell = rg_table_cell(t, r, c);
	const rg_rule *rule;
	char *s = NULL, n[8];
	int d = 0;

	if (!cell->text || rg_thai_normalize(cell->text, RG_NORM_ARABIC_DIGITS, &s))
		return 0;
	if ((rule = rg_rules_first(rules, "dimension", s, strlen(s), md)) && rg_rule_group(rule, md, "n", n, sizeof(n)))
		d = atoi(n);
	free(s);
	return d >= 1 && d <= 4 ? d : 0;
}

/* The column of a summary table whose header names the dimension, or else
** its first column when two of its rows or more name one with a dimension
** word (rules "section_row"); -1 for none. */
static int dimension_column(const rg_rules *rules, const rg_table *t, int h, pcre2_match_data *md)
{
	const rg_rule *r;
	int c, n = 0;

	for (c = 0; c < t->ncols; c++) {
		char *head = rg_column_header(t, h, c);
		int yes;
		if (!head)
			return -1;
		yes = *head && (r = rg_rules_first(rules, "column", head, strlen(head), md)) && !strcmp(r->label, "dimension");
		free(head);
		if (yes)
			return c;
	}
	/* (a row label with a dimension word, as a section row has: a bare number is an item's) */
	for (c = h; c < t->nrows; c++) {
		char *s = normalized(rg_table_origin(t, c, 0));
		n += s && rg_rules_first(rules, "section_row", s, strlen(s), md) && row_dimension(rules, t, c, 0, md);
		free(s);
	}
	return n >= 2 ? 0 : -1;
}

#define MAX_STATUS_ROWS 64

/* The stated key of each data row whose cell in column c names a status
** (rules "status") or a total (rules "total_row": projects_total); returns
** how many name a status. */
static int status_labels(const rg_rules *rules, const rg_table *t, int h, int last, int c, pcre2_match_data *md,
			 const char **key)
{
	int r, n = 0;

	for (r = h; r < last; r++) {
		const rg_rule *rule;
		char *s = normalized(rg_table_origin(t, r, c)), *sq;
		key[r - h] = NULL;
		if (s && *s) {
			if ((rule = rg_rules_first(rules, "status", s, strlen(s), md))) {
				key[r - h] = rule->label;
				n++;
			} else if ((sq = squeezed(s))) {
				if (rg_rules_first(rules, "total_row", sq, strlen(sq), md))
					key[r - h] = "projects_total";
				free(sq);
			}
		}
		free(s);
	}
	return n;
}

/*
** A table of counts by status: a column (the first such) names a status in
** two rows or more (rules "status", the wordings of project tables), and a
** count column to its right (header rules "count_column", else the first
** column of whole numbers that is neither a percentage nor money) gives each
** count; a total row (rules "total_row") gives the number of projects.
*/
static void status_rows(const rg_rules *rules, const rg_table *t, int h, int table_no, pcre2_match_data *md,
			sources *src)
{
	const char *key[MAX_STATUS_ROWS];
	int r, c, label = -1, count_col = -1, last = t->nrows < h + MAX_STATUS_ROWS ? t->nrows : h + MAX_STATUS_ROWS;

	if (t->ncols < 2 || last - h < 2)
		return;
	for (c = 0; c + 1 < t->ncols && label < 0; c++)
		if ((c == 0 || rg_table_origin(t, h, c) != rg_table_origin(t, h, c - 1))
		    && status_labels(rules, t, h, last, c, md, key) >= 2)
			label = c;
	for (c = label + 1; label >= 0 && c < t->ncols && count_col < 0; c++) {
		char *head;
		int named, other, whole = 1;
		if (rg_table_origin(t, h, c) == rg_table_origin(t, h, c - 1))
			continue;
		if (!(head = rg_column_header(t, h, c)))
			return;
		named = *head && rg_rules_first(rules, "count_column", head, strlen(head), md);
		other = *head && (rg_rules_first(rules, "total_skip_column", head, strlen(head), md)
				  || rg_rules_first(rules, "amount_column", head, strlen(head), md));
		free(head);
		for (r = h; r < last && whole; r++) {
			long long v;
			const rg_cell *cell = rg_table_origin(t, r, c);
			if (key[r - h] && (!cell->text || !rg_parse_int(cell->text, &v)))
				whole = 0;
		}
		if (whole && (named || !other))
			count_col = c;
	}
	for (r = h; count_col >= 0 && r < last; r++) {
		long long v;
		const rg_cell *cell = rg_table_origin(t, r, count_col);
		if (key[r - h] && cell->text && rg_parse_int(cell->text, &v))
			add_source(src, key[r - h], (double)v, table_no_name(table_no));
	}
}

/* The header rows of a table: those it marks, else the rows before the first
** that holds a figure (a cell that is a number or an amount, without words),
** at least one.  A resaved or retyped filing often loses the marks; a
** two-row header read as one would name its columns by the spanning row
** above them ("มิติที่ ๑" instead of "งบประมาณ"). */
static int table_header_rows(const rg_table *t)
{
	int r, c;

	if (t->header_rows)
		return t->header_rows;
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const rg_cell *cell = rg_table_origin(t, r, c);
			rg_number n;
			if (c > 0 && cell == rg_table_origin(t, r, c - 1))
				continue;   /* a span: read once */
			if (cell->text && rg_parse_amount(cell->text, &n) && n.set && !rg_has_thai_letters(cell->text))
				return r > 0 ? r : 1;
		}
	return 1;
}

static void check_table(rg_model *m, const rg_rules *rules, const rg_table *t, int table_no,
			pcre2_match_data *md, sources *src)
{
	int h = table_header_rows(t), c, r, total, data_rows, dim_col;
	char name[32];

	snprintf(name, sizeof(name), "table %d", table_no);
	if (t->nrows <= h)
		return;
	total = total_row(rules, t, h, md);
	data_rows = t->nrows - h - total;
	dim_col = dimension_column(rules, t, h, md);
	status_rows(rules, t, h, table_no, md, src);
	for (c = 0; c < t->ncols; c++) {
		const rg_rule *stated, *skip, *money;
		char *head;
		double v, sum = 0;
		int values = 0, have_total;

		if (c > 0 && rg_table_origin(t, h, c) == rg_table_origin(t, h, c - 1))
			continue;
		if (!(head = rg_column_header(t, h, c)))
			return;
		stated = *head ? rg_rules_first(rules, "stated_column", head, strlen(head), md) : NULL;
		skip = *head ? rg_rules_first(rules, "total_skip_column", head, strlen(head), md) : NULL;
		money = *head ? rg_rules_first(rules, "amount_column", head, strlen(head), md) : NULL;
		free(head);
		/* a stated figure: the total row, or the only data row */
		if (stated) {
			int row = total ? t->nrows - 1 : (data_rows == 1 ? h : -1);
			if (row >= 0 && amount_at(t, row, c, &v))
				add_source(src, stated->label, v, table_no_name(table_no));
			/* one row per dimension: what each dimension states */
			for (r = h; dim_col >= 0 && r < t->nrows - total; r++) {
				int d = row_dimension(rules, t, r, dim_col, md), k = key_index(stated->label);
				if (d && k >= 0 && !src->dim_source[k][d] && amount_at(t, r, c, &v)) {
					src->dim_value[k][d] = v;
					src->dim_source[k][d] = table_no_name(table_no);
				}
			}
		}
		if (!total || skip || c == 0)
			continue;
		for (r = h; r < t->nrows - 1; r++) {
			if (amount_at(t, r, c, &v)) {
				sum += v;
				values++;
			}
		}
		have_total = amount_at(t, t->nrows - 1, c, &v);
		if (have_total && values >= 2 && fabs(sum - v) > 0.005)
			rg_model_add_finding(m, RG_SEV_WARNING, money ? "stated_total_mismatch" : "stated_count_mismatch",
				"%s gives a total of %.2f in column %d, but its rows add up to %.2f",
				name, v, c + 1, sum);
	}
}

/* A layout table: a cell holds a table. */
static int holds_tables(const rg_table *t)
{
	int i;
	size_t k;

	for (i = 0; i < t->nrows * t->ncols; i++)
		for (k = 0; k < t->cells[i].body.len; k++)
			if (t->cells[i].body.items[k].type == RG_BLOCK_TABLE)
				return 1;
	return 0;
}

typedef struct {
	rg_model *m;
	const rg_rules *rules;
	pcre2_match_data *md;
	const rg_table *const *ptables;
	size_t nptables;
	sources *src;
	int n;                      /* tables met, numbered as tables.c numbers them */
} table_walk;

static int is_project_table(const table_walk *w, const rg_table *t)
{
	size_t i;

	for (i = 0; i < w->nptables; i++)
		if (w->ptables[i] == t)
			return 1;
	return 0;
}

/* Every table of the blocks, nested ones too (in reading order, a table
** before those in its cells): summary tables are checked; project tables
** and layout tables are not. */
static void stated_tables_in(table_walk *w, const rg_blocks *list, int depth)
{
	size_t i;
	int r, c;

	if (depth > 64)
		return;
	for (i = 0; i < list->len; i++) {
		const rg_table *t;
		int layout;
		if (list->items[i].type != RG_BLOCK_TABLE)
			continue;
		t = list->items[i].table;
		w->n++;
		if (!t->nrows || !t->ncols)
			continue;
		layout = holds_tables(t);
		if (!layout && !is_project_table(w, t))
			check_table(w->m, w->rules, t, w->n, w->md, w->src);
		for (r = 0; layout && r < t->nrows; r++)
			for (c = 0; c < t->ncols; c++) {
				const rg_cell *o = rg_table_cell(t, r, c);
				if (o->text && o->body.len)
					stated_tables_in(w, &o->body, depth + 1);
			}
	}
}

static void read_stated_tables(rg_model *m, const rg_rules *rules, pcre2_match_data *md, const rg_doc *doc,
			       const rg_table *const *ptables, size_t nptables, sources *src)
{
	table_walk w = { m, rules, md, ptables, nptables, src, 0 };
	size_t i;

	stated_tables_in(&w, &doc->body, 0);
	for (i = 0; i < NKEYS; i++)
		if (src->n[i] && !rg_model_get_stated(m, keys[i].key))
			rg_model_set_stated(m, keys[i].key, src->value[i][0]);
}

/* ---- the comparison --------------------------------------------------------------------- */

void rg_validate(rg_model *m, const rg_rules *rules, const char *text, size_t len,
		 pcre2_match_data *md, const rg_doc *doc, const rg_table *const *ptables, size_t nptables)
{
	sources src;
	size_t i, k;
	int s;

	memset(&src, 0, sizeof(src));
	read_stated_text(m, rules, text, len, md, &src);
	read_stated_tables(m, rules, md, doc, ptables, nptables, &src);
	if (!m->n_projects)
		return;
	for (k = 0; k < NKEYS; k++) {
		double rows = 0, per_dim[5] = { 0, 0, 0, 0, 0 };
		int any = 0, d;
		rg_buf says = RG_BUF_INIT;
		const char *code = keys[k].amount ? "stated_total_mismatch" : "stated_count_mismatch";
		int decimals = keys[k].amount ? 2 : 0;

		for (i = 0; i < m->n_projects; i++) {
			const rg_project *p = &m->projects[i];
			const rg_amount *a = keys[k].amount == 1 ? &p->disbursed : &p->budget;
			double v = 0;
			if (keys[k].amount) {
				if (!a->set)
					continue;
				v = a->value;
				any = 1;
			} else if (!keys[k].status || p->status == keys[k].status) {
				v = 1;
			}
			rows += v;
			if (p->dimension >= 1 && p->dimension <= 4)
				per_dim[p->dimension] += v;
		}
		if (keys[k].amount && !any)
			continue;
		for (s = 0; s < src.n[k]; s++) {
			if (fabs(src.value[k][s] - rows) <= (keys[k].amount ? 0.005 : 0.5))
				continue;
			rg_buf_printf(&says, "%s%s says %.*f", says.len ? ", " : "", src.source[k][s],
				decimals, src.value[k][s]);
		}
		if (says.len)
			rg_model_add_finding(m, RG_SEV_WARNING, code, "%s: %s; the project rows give %.*f",
				keys[k].words, rg_buf_cstr(&says), decimals, rows);
		rg_buf_free(&says);
		for (d = 1; d <= 4; d++) {
			if (!src.dim_source[k][d] || fabs(src.dim_value[k][d] - per_dim[d]) <= (keys[k].amount ? 0.005 : 0.5))
				continue;
			rg_model_add_finding(m, RG_SEV_WARNING, code, "%s in dimension %d: %s says %.*f; the project rows give %.*f",
				keys[k].words, d, src.dim_source[k][d], decimals, src.dim_value[k][d], decimals, per_dim[d]);
		}
	}
}
