/*
** tables.c - project tables.  Tables are found by their header cells (the
** column rules); a table without a header that has the width of the previous
** project table continues it.  Each data row becomes a project record;
** section rows set the dimension and mission of the rows below; a row
** without a number or a name continues the row before it (a page break split
** it).  Records of one project in several tables (summary and detail) merge.
*/
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "extract_int.h"
#include "thai.h"
#include "values.h"
#include "columns.h"

/* ---- project tables ------------------------------------------------------------------ */

enum {
	F_NONE = 0, F_SEQ, F_NAME, F_DIMENSION, F_MISSION, F_BUDGET, F_NO_BUDGET, F_DISBURSED,
	F_STATUS, F_ST_PENDING, F_ST_IN_PROGRESS, F_ST_COMPLETED, F_ST_NOT_POSSIBLE, F_ST_NOT_STARTED,
	F_RESPONSIBLE, F_YEAR, F_IGNORE, F_COUNT
};

static const char *const field_names[F_COUNT] = {
	"none", "seq", "name", "dimension", "mission", "budget", "no_budget", "disbursed",
	"status", "status_pending_report", "status_in_progress", "status_completed",
	"status_not_possible", "status_not_started", "responsible", "year", "ignore"
};

static int field_of(const char *label)
{
	int i;
	for (i = 0; i < F_COUNT; i++)
		if (!strcmp(field_names[i], label))
			return i;
	return F_NONE;
}

static rg_status status_of_field(int f)
{
	switch (f) {
	case F_ST_PENDING: return RG_STATUS_PENDING_REPORT;
	case F_ST_IN_PROGRESS: return RG_STATUS_IN_PROGRESS;
	case F_ST_COMPLETED: return RG_STATUS_COMPLETED;
	case F_ST_NOT_POSSIBLE: return RG_STATUS_NOT_POSSIBLE;
	case F_ST_NOT_STARTED: return RG_STATUS_NOT_STARTED;
	default: return RG_STATUS_NONE;
	}
}

typedef struct {
	int field[256];
	int year[256];
	int ncols;
	rg_item_kind default_kind;
	int default_dimension;
	int has_status_columns;
} column_map;


static record *add_record(ctx *x, records *rs)
{
	record *r;

	if (rs->len == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		record *p = realloc(rs->items, cap * sizeof(*p));
		if (!p) {
			ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
			return NULL;
		}
		rs->items = p;
		rs->cap = cap;
	}
	r = &rs->items[rs->len++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* The origin text of a grid position ("" for none). */
static const char *cell_text(const rg_table *t, int r, int c)
{
	const rg_cell *cell = rg_table_origin(t, r, c);
	return cell && cell->text ? cell->text : "";
}

/* Whether the text at (r, c) starts in row r (not carried down from above). */
static int starts_here(const rg_table *t, int r, int c)
{
	const rg_cell *cell = rg_table_cell(t, r, c);
	return cell->text || cell->cover_row == r;
}

static int has_thai_letters(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if (p[0] == 0xE0 && p[1] == 0xB8 && p[2] >= 0x81 && p[2] <= 0xAE)   /* ก..ฮ */
			return 1;
	return 0;
}

static int header_rows(ctx *x, const rg_table *t)
{
	int r, c, h = 0;

	if (t->header_rows > 0)
		return t->header_rows < t->nrows ? t->header_rows : t->nrows;
	/* no marked header: leading rows whose cells name columns, up to the
	** first row that holds an item number or an amount (a data row) */
	for (r = 0; r < t->nrows && r < 4; r++) {
		int named = 0, filled = 0, data = 0;
		for (c = 0; c < t->ncols && !data; c++) {
			char *s, seq[RG_SEQ_MAX];
			rg_number n;
			if (!starts_here(t, r, c) || !*cell_text(t, r, c))
				continue;
			filled++;
			if (!(s = ex_squeeze(x, cell_text(t, r, c))))
				return 0;
			if (rg_parse_seq(s, seq, sizeof(seq)) || (rg_parse_amount(s, &n) && n.set && !has_thai_letters(s)))
				data = 1;
			else if (ex_first_rule(x, "column", s, strlen(s)))
				named++;
			free(s);
		}
		if (data || !filled || named * 2 < filled)
			break;
		h = r + 1;
	}
	return h;
}

static int find_field(const column_map *map, int field);
static char *first_line(ctx *x, const char *s);

/* Whether the first row of t is a header naming the columns prev_map has. */
static int repeats_header(ctx *x, const rg_table *t, const column_map *prev_map)
{
	int c, same = 0, named = 0;

	for (c = 0; c < t->ncols && c < prev_map->ncols; c++) {
		const rg_rule *r;
		char *s;
		if (!starts_here(t, 0, c) || !*cell_text(t, 0, c))
			continue;
		if (!(s = ex_squeeze(x, cell_text(t, 0, c))))
			return 0;
		r = ex_first_rule(x, "column", s, strlen(s));
		if (r) {
			named++;
			if (field_of(r->label) == prev_map->field[c])
				same++;
		}
		free(s);
	}
	return named >= 2 && same * 3 >= prev_map->ncols;
}

/* Whether some row of t, read with map, names an item: a number or a kind prefix. */
static int lists_items(ctx *x, const rg_table *t, const column_map *map)
{
	int name_col = find_field(map, F_NAME), seq_col = find_field(map, F_SEQ), r, yes = 0;

	for (r = 0; r < t->nrows && !yes && name_col >= 0; r++) {
		char seq[RG_SEQ_MAX], *s;
		const char *rest;

		if (seq_col >= 0 && (s = ex_norm(x, cell_text(t, r, seq_col), 0))) {
			yes = rg_parse_seq(s, seq, sizeof(seq));
			free(s);
		}
		if (!yes && (s = first_line(x, cell_text(t, r, name_col)))) {
			yes = rg_split_seq(s, 0, seq, sizeof(seq), &rest)
			      || ex_first_rule(x, "item_kind", s, strlen(s)) != NULL;
			free(s);
		}
	}
	return yes;
}

/* Classify the columns by the text of the header cells above them. */
static void map_columns(ctx *x, const rg_table *t, int h, column_map *map)
{
	int c;

	memset(map, 0, sizeof(*map));
	map->ncols = t->ncols < 256 ? t->ncols : 256;
	for (c = 0; c < map->ncols; c++) {
		const rg_rule *rule;
		char *s, year[16];

		if (!(s = rg_column_header(t, h, c))) {
			ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
			return;
		}
		rule = *s ? ex_first_rule(x, "column", s, strlen(s)) : NULL;
		if (rule) {
			map->field[c] = field_of(rule->label);
			if (map->field[c] == F_YEAR && rg_rule_group(rule, x->md, "year", year, sizeof(year)))
				map->year[c] = atoi(year);
			if (map->field[c] == F_NAME) {
				const rg_rule *k = ex_first_rule(x, "default_kind", s, strlen(s));
				if (k)
					map->default_kind = rg_item_kind_from_name(k->label);
			}
			if (map->field[c] == F_DIMENSION) {
				const rg_rule *d = ex_first_rule(x, "dimension", s, strlen(s));
				char n[8];
				if (d && rg_rule_group(d, x->md, "n", n, sizeof(n)))
					map->default_dimension = atoi(n);
			}
			if (status_of_field(map->field[c]))
				map->has_status_columns = 1;
		}
		free(s);
	}
}

static int find_field(const column_map *map, int field)
{
	int c;
	for (c = 0; c < map->ncols; c++)
		if (map->field[c] == field)
			return c;
	return -1;
}

/* A project table has a name column holding names, not numbers. */
static int holds_names(ctx *x, const rg_table *t, int h, int name_col)
{
	int r, names = 0;

	for (r = h; r < t->nrows; r++) {
		const char *s = cell_text(t, r, name_col);
		int thai = 0;
		unsigned cp;
		size_t i = 0, n = strlen(s);

		while (i < n) {
			i += (size_t)rg_utf8_decode(s + i, n - i, &cp);
			if (cp >= 0x0E01 && cp <= 0x0E2E)
				thai++;
		}
		if (thai >= 4)
			names++;
	}
	(void)x;
	return names > 0;
}

/* The first line of a cell, normalized. */
static char *first_line(ctx *x, const char *s)
{
	char *n = ex_norm(x, s, RG_NORM_KEEP_NEWLINES), *nl;

	if (n && (nl = strchr(n, '\n')))
		*nl = '\0';
	return n;
}

/* The helpers below take text already normalized (Arabic digits, single spaces). */

static int dimension_value(ctx *x, const char *s)
{
	const rg_rule *r;
	char n[8];
	int d = 0;

	if (*s && (r = ex_first_rule(x, "dimension", s, strlen(s)))
	    && rg_rule_group(r, x->md, "n", n, sizeof(n)))
		d = atoi(n);
	return d >= 1 && d <= 4 ? d : 0;
}

static char *mission_value(ctx *x, const char *s)
{
	const rg_rule *r;
	char code[32];

	if (*s && (r = ex_first_rule(x, "mission", s, strlen(s)))
	    && rg_rule_group(r, x->md, "code", code, sizeof(code)))
		return ex_dup_or_fail(x, code);
	return NULL;
}

static rg_status status_from_text(ctx *x, const char *s)
{
	const rg_rule *r;

	if (*s && (r = ex_first_rule(x, "status", s, strlen(s))))
		return rg_status_from_name(r->label);
	return RG_STATUS_NONE;
}

static int is_tick(ctx *x, const char *s)
{
	return *s && ex_first_rule(x, "tick", s, strlen(s)) != NULL;
}

static void amount_finding(ctx *x, const rg_number *n, const char *what, const char *text, const char *seq)
{
	if (n->doubtful)
		rg_model_add_finding(x->m, RG_SEV_WARNING, "doubtful_value",
			"%s of item %s is '%s'; read as %.2f (%s)", what, seq && *seq ? seq : "?", text,
			n->value, rg_doubt_reason(n->doubtful));
}

static void append_text(ctx *x, char **dst, const char *more)
{
	rg_buf b = RG_BUF_INIT;

	if (!more || !*more)
		return;
	if (*dst && **dst) {
		rg_buf_puts(&b, *dst);
		rg_buf_putc(&b, ' ');
	}
	rg_buf_puts(&b, more);
	if (rg_buf_oom(&b)) {
		ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		return;
	}
	free(*dst);
	*dst = rg_buf_detach(&b);
}

typedef struct {
	int dimension;            /* from section rows and headings */
	char mission[32];
	rg_status section_status; /* from headings before the table */
} section_state;

/* A row spanning the whole table: a section heading or a footer. */
static int section_row(ctx *x, const rg_table *t, int r, section_state *sec)
{
	const rg_cell *first = rg_table_origin(t, r, 0);
	char *s, *m;
	int d;

	if (first->colspan < t->ncols || !rg_table_cell(t, r, 0)->text)
		return 0;
	if (!(s = ex_norm(x, first->text, 0)))
		return 1;
	if (!ex_first_rule(x, "skip_row", s, strlen(s))) {
		if ((d = dimension_value(x, s)))
			sec->dimension = d;
		if ((m = mission_value(x, s))) {
			snprintf(sec->mission, sizeof(sec->mission), "%s", m);
			free(m);
		}
	}
	free(s);
	return 1;
}

static int seq_first_level(const char *seq)
{
	return seq && isdigit((unsigned char)seq[0]) ? atoi(seq) : 0;
}

/* One data row into a record, or into the record before it when it continues it. */
static void read_row(ctx *x, const rg_table *t, int r, const column_map *map, section_state *sec,
		     records *rs, int group, int table_no, int first_row_of_continuation)
{
	int name_col = find_field(map, F_NAME), seq_col = find_field(map, F_SEQ);
	int dim_col = find_field(map, F_DIMENSION), mis_col = find_field(map, F_MISSION), c;
	const char *cells[256];        /* each column's text, normalized (borrowed) */
	char *name_line = NULL, *name_norm = NULL, seq[RG_SEQ_MAX] = "";
	const char *rest = NULL;
	record *prev = rs->len && rs->items[rs->len - 1].group == group ? &rs->items[rs->len - 1] : NULL;
	record *rec;
	int continuation = 0, any = 0, here[256];

	for (c = 0; c < map->ncols; c++) {
		here[c] = starts_here(t, r, c);
		cells[c] = ex_cell_norm(x, cell_text(t, r, c));
		if (here[c] && *cells[c])
			any = 1;
	}
	if (!any)
		goto done;
	/* footers and totals: the first cell with text says so */
	for (c = 0; c < map->ncols; c++) {
		if (!here[c] || !*cells[c])
			continue;
		if (ex_first_rule(x, "skip_row", cells[c], strlen(cells[c])))
			goto done;
		break;
	}
	if (!(name_line = first_line(x, here[name_col] ? cell_text(t, r, name_col) : "")))
		goto done;
	if (seq_col >= 0 && here[seq_col] && !rg_parse_seq(cells[seq_col], seq, sizeof(seq)))
		seq[0] = '\0';
	{
		char inner[RG_SEQ_MAX];
		if (rg_split_seq(name_line, 0, inner, sizeof(inner), &rest) && !seq[0])
			snprintf(seq, sizeof(seq), "%s", inner);
		name_norm = ex_dup_or_fail(x, rest ? rest : name_line);
	}
	if (!name_norm)
		goto done;
	/* a row without a number or name continues the row before it */
	if (prev && !seq[0] && (!*name_norm || first_row_of_continuation))
		continuation = 1;
	/* numbering going backwards inside one section, on a row that names no kind */
	if (prev && !continuation && seq[0] && !strchr(seq, '.') && prev->seq_number
	    && seq_first_level(seq) <= prev->seq_number
	    && !ex_first_rule(x, "item_kind", name_norm, strlen(name_norm))) {
		int dim = dim_col >= 0 ? dimension_value(x, cells[dim_col]) : 0;
		char *mis = mis_col >= 0 ? mission_value(x, cells[mis_col]) : NULL;
		if ((!dim || dim == prev->p.dimension)
		    && ((!mis && !prev->p.mission) || (mis && prev->p.mission && !strcmp(mis, prev->p.mission))))
			continuation = 2;
		free(mis);
	}
	if (continuation) {
		rg_project *p = &prev->p;
		for (c = 0; c < map->ncols; c++) {
			if (!here[c] || !*cells[c])
				continue;
			switch (map->field[c]) {
			case F_NAME:
				if (continuation == 1)
					append_text(x, &p->name, cells[c]);
				break;
			case F_RESPONSIBLE:
				append_text(x, &p->responsible, cells[c]);
				break;
			case F_STATUS:
				if (!p->status)
					p->status = status_from_text(x, cells[c]);
				break;
			default:
				break;
			}
		}
		goto done;
	}
	if (!*name_norm || !strcmp(name_norm, "-"))
		goto done;
	if (!(rec = add_record(x, rs)))
		goto done;
	prev = rs->len >= 2 && rs->items[rs->len - 2].group == group ? &rs->items[rs->len - 2] : NULL;
	rec->group = group;
	rec->table = table_no;
	rec->p.name = name_norm;
	name_norm = NULL;
	rec->p.seq = seq[0] ? ex_dup_or_fail(x, seq) : NULL;
	rec->seq_number = seq_first_level(seq);
	{
		const rg_rule *k = ex_first_rule(x, "item_kind", rec->p.name, strlen(rec->p.name));
		rec->p.kind = k ? rg_item_kind_from_name(k->label) : map->default_kind;
	}
	rec->p.dimension = sec->dimension ? sec->dimension : map->default_dimension;
	if (sec->mission[0])
		rec->p.mission = ex_dup_or_fail(x, sec->mission);
	for (c = 0; c < map->ncols; c++) {
		const char *s = cells[c];
		rg_number n;

		if (!*s)
			continue;
		if (rg_is_no_budget_text(s))
			rec->p.no_budget = 1;
		switch (map->field[c]) {
		case F_DIMENSION: {
			int d = dimension_value(x, s);
			if (d)
				rec->p.dimension = d;
			break;
		}
		case F_MISSION: {
			char *m = mission_value(x, s);
			if (m) {
				free(rec->p.mission);
				rec->p.mission = m;
			}
			break;
		}
		case F_BUDGET:
			if (!rec->p.budget.set && !rg_is_no_budget_text(s) && rg_parse_amount(s, &n) && n.set) {
				rec->p.budget.set = 1;
				rec->p.budget.value = n.value;
				amount_finding(x, &n, "budget", s, rec->p.seq);
			}
			break;
		case F_DISBURSED:
			if (!rec->p.disbursed.set && rg_parse_amount(s, &n) && n.set) {
				rec->p.disbursed.set = 1;
				rec->p.disbursed.value = n.value;
				amount_finding(x, &n, "disbursed amount", s, rec->p.seq);
			}
			break;
		case F_YEAR:
			if (map->year[c] && rg_parse_amount(s, &n) && n.set) {
				rg_year_amount *ya = realloc(rec->p.budget_by_year,
					(rec->p.n_budget_by_year + 1) * sizeof(*ya));
				if (!ya) {
					ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
					break;
				}
				rec->p.budget_by_year = ya;
				ya[rec->p.n_budget_by_year].year = map->year[c];
				ya[rec->p.n_budget_by_year].amount.set = 1;
				ya[rec->p.n_budget_by_year].amount.value = n.value;
				rec->p.n_budget_by_year++;
			}
			break;
		case F_STATUS:
			if (!rec->p.status)
				rec->p.status = status_from_text(x, s);
			break;
		case F_RESPONSIBLE:
			if (here[c])
				append_text(x, &rec->p.responsible, s);
			break;
		default:
			if (status_of_field(map->field[c]) && !rec->p.status && is_tick(x, s))
				rec->p.status = status_of_field(map->field[c]);
			break;
		}
	}
	if (!rec->p.status && !map->has_status_columns)
		rec->p.status = sec->section_status;
	/* a merged dimension/mission cell whose text a page break cut: carry them down */
	if (prev && dim_col >= 0 && !dimension_value(x, cells[dim_col])) {
		char *mis = mis_col >= 0 ? mission_value(x, cells[mis_col]) : NULL;
		rec->p.dimension = prev->p.dimension;
		if (mis_col >= 0 && !mis) {
			free(rec->p.mission);
			rec->p.mission = ex_dup_or_fail(x, prev->p.mission);
		}
		free(mis);
	}
done:
	free(name_line);
	free(name_norm);
}

/* Headings between tables: a section's status and dimension. */
static void heading(ctx *x, const char *text, section_state *sec)
{
	const rg_rule *r;
	char *s = ex_norm(x, text, 0);
	int d;

	if (!s)
		return;
	if ((r = ex_first_rule(x, "section_status", s, strlen(s))))
		sec->section_status = rg_status_from_name(r->label);
	if ((d = dimension_value(x, s)) && ex_first_rule(x, "section_dimension", s, strlen(s)))
		sec->dimension = d;
	free(s);
}

void ex_read_tables(ctx *x, const rg_blocks *body, records *rs, unsigned char *is_project)
{
	column_map map, prev_map;
	section_state sec;
	size_t i;
	int group = 0, table_no = 0, have_prev = 0, only_paragraphs_since = 0;

	memset(&sec, 0, sizeof(sec));
	memset(&prev_map, 0, sizeof(prev_map));
	for (i = 0; i < body->len && !x->err; i++) {
		const rg_block *b = &body->items[i];
		const rg_table *t;
		int h, name_col, r, continuation = 0;

		if (b->type == RG_BLOCK_PARAGRAPH) {
			heading(x, b->text, &sec);
			only_paragraphs_since++;
			continue;
		}
		t = b->table;
		table_no++;
		if (!t->nrows || !t->ncols)
			continue;
		if (!t->header_rows && have_prev && prev_map.ncols == t->ncols && !repeats_header(x, t, &prev_map)
		    && lists_items(x, t, &prev_map)) {
			/* a table continued after a page break, without its header */
			h = 0;
			map = prev_map;
			continuation = 1;
		} else {
			h = header_rows(x, t);
			map_columns(x, t, h, &map);
		}
		name_col = find_field(&map, F_NAME);
		if (name_col < 0 || !holds_names(x, t, h, name_col)) {
			have_prev = 0;
			continue;
		}
		if (!continuation) {
			int same = have_prev && !memcmp(map.field, prev_map.field, sizeof(map.field));
			if (!same)
				group++;
			sec.dimension = 0;
			sec.mission[0] = '\0';
		}
		for (r = h; r < t->nrows && !x->err; r++) {
			if (section_row(x, t, r, &sec))
				continue;
			read_row(x, t, r, &map, &sec, rs, group, table_no, continuation && r == h);
		}
		prev_map = map;
		have_prev = 1;
		only_paragraphs_since = 0;
		is_project[i] = 1;
	}
	(void)only_paragraphs_since;
}

/* ---- merging the records of one project ------------------------------------------------- */

static char *name_key(const char *s)
{
	char *k = malloc(strlen(s) + 1), *w = k;

	if (!k)
		return NULL;
	for (; *s; s++)
		if (*s != ' ')
			*w++ = *s;
	*w = '\0';
	return k;
}

/* Dice coefficient of the byte bigrams (enough to tell a typo from another project). */
static double similarity(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), i, j, common = 0;
	unsigned char *used;

	if (na < 2 || nb < 2)
		return 0;
	if (!strncmp(a, b, na < nb ? na : nb) && (na < nb ? na : nb) >= 24)
		return 1;   /* one is the other cut short */
	used = calloc(nb, 1);
	if (!used)
		return 0;
	for (i = 0; i + 1 < na; i++) {
		for (j = 0; j + 1 < nb; j++) {
			if (!used[j] && a[i] == b[j] && a[i + 1] == b[j + 1]) {
				used[j] = 1;
				common++;
				break;
			}
		}
	}
	free(used);
	return 2.0 * (double)common / (double)(na + nb - 2);
}

static void merge_into(ctx *x, rg_project *a, rg_project *b)
{
	if (!a->seq && b->seq) { a->seq = b->seq; b->seq = NULL; }
	if (!a->kind) a->kind = b->kind;
	if (!a->dimension) a->dimension = b->dimension;
	if (!a->mission && b->mission) { a->mission = b->mission; b->mission = NULL; }
	if (!a->budget.set) a->budget = b->budget;
	a->no_budget |= b->no_budget;
	if (!a->budget_by_year && b->budget_by_year) {
		a->budget_by_year = b->budget_by_year;
		a->n_budget_by_year = b->n_budget_by_year;
		b->budget_by_year = NULL;
	}
	if (!a->disbursed.set) a->disbursed = b->disbursed;
	if (!a->status) a->status = b->status;
	if (!a->responsible && b->responsible) { a->responsible = b->responsible; b->responsible = NULL; }
	(void)x;
}

void ex_merge_records(ctx *x, records *rs)
{
	char **keys = calloc(rs->len + 1, sizeof(*keys));
	size_t i, j;

	if (!keys) {
		ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		return;
	}
	for (i = 0; i < rs->len; i++)
		if (!(keys[i] = name_key(rs->items[i].p.name)))
			ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
	for (i = 0; i < rs->len && !x->err; i++) {
		if (!rs->items[i].p.name)
			continue;
		for (j = i + 1; j < rs->len; j++) {
			record *a = &rs->items[i], *b = &rs->items[j];
			int same;
			if (!b->p.name || a->group == b->group)
				continue;
			same = !strcmp(keys[i], keys[j]);
			if (!same && a->p.seq && b->p.seq && !strcmp(a->p.seq, b->p.seq))
				same = similarity(keys[i], keys[j]) >= 0.75;
			if (!same)
				continue;
			merge_into(x, &a->p, &b->p);
			rg_project_clear(&b->p);
		}
	}
	for (i = 0; i < rs->len; i++)
		free(keys[i]);
	free(keys);
}
