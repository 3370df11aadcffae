/*
** tables.c - project tables.
**
** The body is walked in reading order, into the cells of layout tables (a
** table whose cells hold tables, such as a page frame): a project table is
** found at any depth.  A table is a project table when its header cells (the
** column rules) name a column of names and that column holds names.  A table
** of the previous project table's width that comes right after it continues
** it when it repeats its header rows or has none (one table per page).
**
** Each data row becomes a project record.  Section rows (one filled cell:
** across the table, or starting with a dimension word) set the dimension and
** mission of the rows below; total rows are skipped.  A row that a page
** break (or a typist) cut in two is read as one record: the second part is a
** row without an item number that goes on from the row before (see
** continues_prev); its name is appended and its other values fill what the
** first part lacks, a disagreement keeps the first part's value with a
** finding.  A row that becomes nothing although it carries an item number,
** an amount or a status mark gets the finding unread_row: no row is lost in
** silence.  Records of one project in several tables (summary and detail)
** merge last (ex_merge_records).
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

/* ---- columns ---------------------------------------------------------------------------- */

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

static int is_money_field(int f)
{
	return f == F_BUDGET || f == F_DISBURSED || f == F_YEAR;
}

#define MAX_COLS 256

typedef struct {
	int field[MAX_COLS];
	int year[MAX_COLS];
	int ncols;
	rg_item_kind default_kind;
	int default_dimension;
	int has_status_columns;
} column_map;

static int find_field(const column_map *map, int field)
{
	int c;
	for (c = 0; c < map->ncols; c++)
		if (map->field[c] == field)
			return c;
	return -1;
}

/* ---- small helpers ----------------------------------------------------------------------- */

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

/* Whether the origin at (r, c) is a new cell of row r (not the one of column c - 1). */
static int new_cell(const rg_table *t, int r, int c)
{
	return starts_here(t, r, c) && (c == 0 || rg_table_origin(t, r, c) != rg_table_origin(t, r, c - 1));
}

/* Whether a text has a letter or a digit (not only dashes, quotes, ditto marks...). */
static int has_word(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if (isalnum(*p) || (p[0] == 0xE0 && p[1] == 0xB8 && p[2] >= 0x81 && p[2] <= 0xAE)
		    || (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99))
			return 1;
	return 0;
}

/* Whether a or b are the same text but for spaces. */
static int same_but_spaces(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
		a++;
		b++;
	}
}

/* A layout cell: it holds a table (its blocks are read in place). */
static int holds_table(const rg_cell *cell)
{
	size_t i;

	for (i = 0; i < cell->body.len; i++)
		if (cell->body.items[i].type == RG_BLOCK_TABLE)
			return 1;
	return 0;
}

/* A layout row: one of its cells holds a table. */
static int layout_row(const rg_table *t, int r)
{
	int c;

	for (c = 0; c < t->ncols; c++)
		if (new_cell(t, r, c) && holds_table(rg_table_origin(t, r, c)))
			return 1;
	return 0;
}

/* In a project table, a layout row is one whose name cell holds the table or
** is empty: a project row keeps its row even with a table in another cell. */
static int frame_row(const rg_table *t, int r, int name_col)
{
	const rg_cell *name = rg_table_origin(t, r, name_col);

	return layout_row(t, r) && (holds_table(name) || !name->text || !*name->text);
}

static int has_layout_rows(const rg_table *t)
{
	int r;

	for (r = 0; r < t->nrows; r++)
		if (layout_row(t, r))
			return 1;
	return 0;
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

/* A check box, ticked or not (the reader writes an empty box as ☐). */
static int is_box(ctx *x, const char *s)
{
	return !strcmp(s, "☐") || is_tick(x, s);
}

static int seq_first_level(const char *seq)
{
	return seq && isdigit((unsigned char)seq[0]) ? atoi(seq) : 0;
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

/* At most max bytes of s, cut at a character boundary, with "..." when cut. */
static void quote_start(rg_buf *b, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max) {
		rg_buf_puts(b, s);
		return;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	rg_buf_put(b, s, max);
	rg_buf_puts(b, "...");
}

/* ---- headers ------------------------------------------------------------------------------ */

typedef struct {
	int dimension;            /* from section rows and headings */
	char mission[32];
	rg_status section_status; /* from headings before the table */
	int serial;               /* counts the section rows and headings that set them */
} section_state;

/*
** A section row: one filled cell (all others empty) that spans the whole
** table, or that starts like a section heading (rules "section_row": a
** dimension word) wherever it sits: beside a spacer column, across all but
** an empty column, in the name column.  Returns its origin cell, or NULL.
*/
static const rg_cell *section_cell(ctx *x, const rg_table *t, int r)
{
	const rg_cell *only = NULL;
	const char *s;
	int c;

	for (c = 0; c < t->ncols; c++) {
		const rg_cell *o;
		if (!new_cell(t, r, c))
			continue;
		o = rg_table_origin(t, r, c);
		if (!o->text || !*ex_cell_norm(x, o->text))
			continue;
		if (only)
			return NULL;
		only = o;
	}
	if (!only || holds_table(only))
		return NULL;
	if (only->colspan >= t->ncols)
		return only;
	s = ex_cell_norm(x, only->text);
	return ex_first_rule(x, "section_row", s, strlen(s)) ? only : NULL;
}

/* Apply a section row: its dimension and mission hold for the rows below. */
static void apply_section(ctx *x, const rg_cell *cell, section_state *sec)
{
	const char *s = ex_cell_norm(x, cell->text);
	char *m;
	int d;

	if (ex_first_rule(x, "skip_row", s, strlen(s)))
		return;
	if ((d = dimension_value(x, s)))
		sec->dimension = d;
	if ((m = mission_value(x, s))) {
		snprintf(sec->mission, sizeof(sec->mission), "%s", m);
		free(m);
	}
	if (d || m)
		sec->serial++;
}

/* A row that numbers the columns under the header: "(1) | (2) | (3) ...", at
** least three cells, every filled cell the next number (part of the header). */
static int column_numbers_row(ctx *x, const rg_table *t, int r)
{
	int c, next = 1;

	for (c = 0; c < t->ncols; c++) {
		char seq[RG_SEQ_MAX];
		const char *s;
		if (!new_cell(t, r, c) || !*(s = ex_cell_norm(x, cell_text(t, r, c))))
			continue;
		if (!rg_parse_seq(s, seq, sizeof(seq)) || atoi(seq) != next || strchr(seq, '.'))
			return 0;
		next++;
	}
	return next > 3;
}

/*
** The header rows of a table: the marked ones, else the leading rows whose
** cells name columns.  A row stops the header when it holds an item number,
** an amount or a check box (data), is a section row or a layout row, or is a
** single cell under a column that already has its own header cell (the
** rest of a cut row, not a sub-header: sub-headers sit under a spanning cell).
** A row of column numbers ends the header and belongs to it.
*/
static int header_rows(ctx *x, const rg_table *t)
{
	int r, c, h = 0;

	if (t->header_rows > 0)
		return t->header_rows < t->nrows ? t->header_rows : t->nrows;
	for (r = 0; r < t->nrows && r < 5; r++) {
		int named = 0, filled = 0, data = 0, lone = -1;
		if (layout_row(t, r) || (r > 0 && section_cell(x, t, r)))
			break;
		if (r > 0 && column_numbers_row(x, t, r)) {
			h = r + 1;
			break;
		}
		for (c = 0; c < t->ncols && !data; c++) {
			char *s, seq[RG_SEQ_MAX];
			const char *rest;
			rg_number n;
			if (!new_cell(t, r, c) || !*cell_text(t, r, c))
				continue;
			filled++;
			lone = c;
			if (is_box(x, ex_cell_norm(x, cell_text(t, r, c)))) {
				data = 1;
				break;
			}
			if (!(s = ex_squeeze(x, cell_text(t, r, c))))
				return 0;
			/* an item number, an amount, or a number before a text that names no
			** column ("๑.มาตรการ...", "๒.๓ ..."): data.  A numbered column name
			** ("(๑) ลำดับ", "๑๐. หมายเหตุ") is header text. */
			if (rg_parse_seq(s, seq, sizeof(seq)) || (rg_parse_amount(s, &n) && n.set && !rg_has_thai_letters(s)))
				data = 1;
			else if (ex_first_rule(x, "column", s, strlen(s)))
				named++;
			else if (rg_split_seq(s, 0, seq, sizeof(seq), &rest) && *rest) {
				if (ex_first_rule(x, "column", rest, strlen(rest)))
					named++;
				else
					data = 1;
			}
			free(s);
		}
		if (data || !filled || named * 2 < filled)
			break;
		if (r > 0 && filled == 1) {
			const rg_cell *above = rg_table_origin(t, r - 1, lone);
			if (above->colspan == 1 && above->text && *above->text
			    && above != rg_table_origin(t, r, lone))
				break;
		}
		h = r + 1;
	}
	return h;
}

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

/* Classify the columns by the text of the header cells above them. */
static void map_columns(ctx *x, const rg_table *t, int h, column_map *map)
{
	int c;

	memset(map, 0, sizeof(*map));
	map->ncols = t->ncols < MAX_COLS ? t->ncols : MAX_COLS;
	for (c = 0; c < map->ncols; c++) {
		const rg_rule *rule;
		char *s, year[16];

		if (!(s = rg_column_header(t, h, c))) {
			ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
			return;
		}
		rule = *s ? ex_first_rule(x, "column", s, strlen(s)) : NULL;
		if (!rule && *s) {
			/* a numbered column name, "(๑) ลำดับ", "๑๐. หมายเหตุ": the name after the number */
			char seq[RG_SEQ_MAX];
			const char *rest;
			if (rg_split_seq(s, 0, seq, sizeof(seq), &rest) && *rest)
				rule = ex_first_rule(x, "column", rest, strlen(rest));
		}
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

/* A project table has a name column holding names, not numbers. */
static int holds_names(const rg_table *t, int h, int name_col)
{
	int r;

	for (r = h; r < t->nrows; r++) {
		const char *s = cell_text(t, r, name_col);
		int thai = 0;
		unsigned cp;
		size_t i = 0, n = strlen(s);

		if (holds_table(rg_table_origin(t, r, name_col)))
			continue;
		while (i < n) {
			i += (size_t)rg_utf8_decode(s + i, n - i, &cp);
			if (cp >= 0x0E01 && cp <= 0x0E2E)
				thai++;
		}
		if (thai >= 4)
			return 1;
	}
	return 0;
}

/* ---- one row ------------------------------------------------------------------------------- */

/* What a row carries that a project would hold (for unread_row). */
enum { CARRY_SEQ = 1, CARRY_AMOUNT = 2, CARRY_STATUS = 4 };

/* One row's cells, normalized, and what it says. */
typedef struct {
	const rg_table *t;
	int r;
	const column_map *map;
	const char *cells[MAX_COLS];   /* each column's text, normalized (borrowed) */
	int here[MAX_COLS];            /* the text starts in this row */
	char seq[RG_SEQ_MAX];
	char *name;                    /* the name without its number or markers (owned) */
	int marker_from;               /* a marker says it goes on from the row before */
	int marker_to;                 /* a marker says it goes on in the next row */
} row_view;

/*
** Continuation markers (rules "continuation"): label `from` on a part that
** goes on from the row before ("(ต่อ)"), `to` on a part that goes on in the
** next row ("(มีต่อ)", a name that is only "กิจกรรม").  The text of the
** group `mark`, when the rule has one, is cut out of s (in place).
** Returns 'f', 't' or 0.
*/
static int continuation_marker(ctx *x, char *s)
{
	const rg_rule *r;
	PCRE2_SIZE *ov;
	size_t len = strlen(s);
	int n;

	if (!*s || !(r = ex_first_rule(x, "continuation", s, len)))
		return 0;
	/* match again: a remembered result leaves no groups in x->md */
	if (rg_rule_match(r, s, len, x->md) && (n = (int)pcre2_substring_number_from_name(r->re, (PCRE2_SPTR)"mark")) > 0
	    && (ov = pcre2_get_ovector_pointer(x->md))[2 * n] != PCRE2_UNSET) {
		size_t a = ov[2 * n], b = ov[2 * n + 1];
		memmove(s + a, s + b, len - b + 1);
		/* trim the spaces the cut leaves */
		len = strlen(s);
		while (len && s[len - 1] == ' ')
			s[--len] = '\0';
		for (a = 0; s[a] == ' '; a++)
			;
		memmove(s, s + a, len - a + 1);
	}
	return !strcmp(r->label, "from") ? 'f' : !strcmp(r->label, "to") ? 't' : 0;
}

/* Read a row's cells, item number, name and markers; 0 when it is empty. */
static int view_row(ctx *x, const rg_table *t, int r, const column_map *map, row_view *v)
{
	int name_col = find_field(map, F_NAME), seq_col = find_field(map, F_SEQ), c, any = 0, m;
	char *line, inner[RG_SEQ_MAX];
	const char *rest = NULL;

	memset(v, 0, sizeof(*v));
	v->t = t;
	v->r = r;
	v->map = map;
	for (c = 0; c < map->ncols; c++) {
		v->here[c] = starts_here(t, r, c);
		v->cells[c] = ex_cell_norm(x, cell_text(t, r, c));
		if (v->here[c] && *v->cells[c])
			any = 1;
	}
	if (!any)
		return 0;
	if (seq_col >= 0 && v->here[seq_col] && *v->cells[seq_col]
	    && !rg_parse_seq(v->cells[seq_col], v->seq, sizeof(v->seq))) {
		/* "7 (ต่อ)": a marker beside the number */
		char *s = ex_dup_or_fail(x, v->cells[seq_col]);
		v->seq[0] = '\0';
		if (s && (m = continuation_marker(x, s))) {
			if (m == 'f')
				v->marker_from = 1;
			else
				v->marker_to = 1;
			if (!rg_parse_seq(s, v->seq, sizeof(v->seq)))
				v->seq[0] = '\0';
		}
		free(s);
	}
	if (!(line = first_line(x, name_col >= 0 && v->here[name_col] ? cell_text(t, r, name_col) : "")))
		return 0;
	if (rg_split_seq(line, 0, inner, sizeof(inner), &rest) && !v->seq[0])
		snprintf(v->seq, sizeof(v->seq), "%s", inner);
	v->name = ex_dup_or_fail(x, rest ? rest : line);
	free(line);
	if (!v->name)
		return 0;
	/* a marker on the name: cut out, remembered */
	if ((m = continuation_marker(x, v->name))) {
		if (m == 'f')
			v->marker_from = 1;
		else
			v->marker_to = 1;
	}
	return 1;
}

/* What the row carries: an item number, an amount in a money column, a status mark. */
static int row_carries(ctx *x, const row_view *v)
{
	int c, what = v->seq[0] ? CARRY_SEQ : 0;
	rg_number n;

	for (c = 0; c < v->map->ncols; c++) {
		const char *s = v->cells[c];
		int f = v->map->field[c];
		if (!v->here[c] || !*s)
			continue;
		if (is_money_field(f) && rg_parse_amount(s, &n) && n.set)
			what |= CARRY_AMOUNT;
		else if ((f == F_STATUS && status_from_text(x, s)) || (status_of_field(f) && is_tick(x, s)))
			what |= CARRY_STATUS;
	}
	return what;
}

/* The start of a row's text, cells joined by " | ", for messages. */
static void row_quote(const row_view *v, rg_buf *b)
{
	rg_buf all = RG_BUF_INIT;
	int c;

	for (c = 0; c < v->map->ncols; c++) {
		if (!v->here[c] || !*v->cells[c] || (c > 0 && rg_table_origin(v->t, v->r, c) == rg_table_origin(v->t, v->r, c - 1)))
			continue;
		if (all.len)
			rg_buf_puts(&all, " | ");
		rg_buf_puts(&all, v->cells[c]);
	}
	quote_start(b, rg_buf_cstr(&all), 90);
	rg_buf_free(&all);
}

/* Name a figure of the finding just added (its args: the PDF words it in Thai). */
static void finding_arg(ctx *x, const char *name, const char *value)
{
	if (rg_model_finding_arg(x->m, name, value ? value : ""))
		ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
}

static void finding_int_arg(ctx *x, const char *name, int value)
{
	char s[24];
	snprintf(s, sizeof(s), "%d", value);
	finding_arg(x, name, s);
}

/* A row that became nothing: say so when it carries what a project holds (reports only). */
static void unread_row(ctx *x, const row_view *v, int table_no)
{
	rg_buf q = RG_BUF_INIT;
	int what;

	if (x->m->kind == RG_KIND_OTHER || !(what = row_carries(x, v)))
		return;
	row_quote(v, &q);
	rg_model_add_finding(x->m, RG_SEV_WARNING, "unread_row",
		"table %d, row %d holds %s but was read as no project, header, section, total or continuation: \"%s\"",
		table_no, v->r + 1,
		(what & CARRY_SEQ) ? "an item number" : (what & CARRY_AMOUNT) ? "an amount" : "a status mark",
		rg_buf_cstr(&q));
	finding_int_arg(x, "table", table_no);
	finding_int_arg(x, "row", v->r + 1);
	finding_arg(x, "carries", (what & CARRY_SEQ) ? "item number" : (what & CARRY_AMOUNT) ? "amount" : "status mark");
	finding_arg(x, "text", rg_buf_cstr(&q));
	rg_buf_free(&q);
}

/* The values of a row (all but its number and name) into p. */
static void row_values(ctx *x, const row_view *v, rg_project *p, const char *seq)
{
	const column_map *map = v->map;
	int c;

	for (c = 0; c < map->ncols; c++) {
		const char *s = v->cells[c];
		rg_number n;

		if (!*s)
			continue;
		if (rg_is_no_budget_text(s))
			p->no_budget = 1;
		switch (map->field[c]) {
		case F_DIMENSION: {
			int d = dimension_value(x, s);
			if (d)
				p->dimension = d;
			break;
		}
		case F_MISSION: {
			char *m = mission_value(x, s);
			if (m) {
				free(p->mission);
				p->mission = m;
			}
			break;
		}
		case F_BUDGET:
			if (!p->budget.set && !rg_is_no_budget_text(s) && rg_parse_amount(s, &n) && n.set) {
				p->budget.set = 1;
				p->budget.value = n.value;
				amount_finding(x, &n, "budget", s, seq);
			}
			break;
		case F_DISBURSED:
			if (!p->disbursed.set && rg_parse_amount(s, &n) && n.set) {
				p->disbursed.set = 1;
				p->disbursed.value = n.value;
				amount_finding(x, &n, "disbursed amount", s, seq);
			}
			break;
		case F_YEAR:
			if (map->year[c] && rg_parse_amount(s, &n) && n.set) {
				rg_year_amount *ya = realloc(p->budget_by_year, (p->n_budget_by_year + 1) * sizeof(*ya));
				if (!ya) {
					ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
					break;
				}
				p->budget_by_year = ya;
				ya[p->n_budget_by_year].year = map->year[c];
				ya[p->n_budget_by_year].amount.set = 1;
				ya[p->n_budget_by_year].amount.value = n.value;
				p->n_budget_by_year++;
			}
			break;
		case F_STATUS:
			if (!p->status)
				p->status = status_from_text(x, s);
			break;
		case F_RESPONSIBLE:
			if (v->here[c])
				append_text(x, &p->responsible, s);
			break;
		default:
			if (status_of_field(map->field[c]) && !p->status && is_tick(x, s))
				p->status = status_of_field(map->field[c]);
			break;
		}
	}
}

/* ---- cut rows ------------------------------------------------------------------------------ */

/* Two parts of a cut row disagree: the first part's value stays. */
static void part_conflict(ctx *x, const record *into, const char *what, const char *first, const char *second,
			  int table_no, int row)
{
	rg_model_add_finding(x->m, RG_SEV_WARNING, "row_split_conflict",
		"item %s is cut in two and its parts disagree on the %s: %s in table %d, row %d, %s in table %d, "
		"row %d; the first is kept", into->p.seq ? into->p.seq : "?", what, first, into->table, into->row,
		second, table_no, row);
	finding_arg(x, "seq", into->p.seq ? into->p.seq : "?");
	finding_arg(x, "field", what);
	finding_arg(x, "first", first);
	finding_arg(x, "second", second);
}

static void merge_amount(ctx *x, const record *into, rg_amount *a, const rg_amount *b, const char *what,
			 int table_no, int row)
{
	char s1[48], s2[48];

	if (!b->set)
		return;
	if (!a->set) {
		*a = *b;
	} else if (fabs(a->value - b->value) > 0.005) {
		snprintf(s1, sizeof(s1), "%.2f", a->value);
		snprintf(s2, sizeof(s2), "%.2f", b->value);
		part_conflict(x, into, what, s1, s2, table_no, row);
	}
}

/*
** Merge the next part of a cut row into its record: the name goes on
** (name_more, one space between), the responsible unit too; other values
** fill what the record lacks; two values that disagree keep the first, with
** a finding.  The part is noted for the record's row_split finding.
*/
static void merge_part(ctx *x, record *into, rg_project *part, const char *name_more, int table_no, int row)
{
	rg_project *p = &into->p;
	size_t i, j;
	char s1[48], s2[48];

	append_text(x, &p->name, name_more);
	if (part->dimension) {
		if (!p->dimension)
			p->dimension = part->dimension;
		else if (p->dimension != part->dimension) {
			snprintf(s1, sizeof(s1), "%d", p->dimension);
			snprintf(s2, sizeof(s2), "%d", part->dimension);
			part_conflict(x, into, "dimension", s1, s2, table_no, row);
		}
	}
	if (part->mission) {
		if (!p->mission) {
			p->mission = part->mission;
			part->mission = NULL;
		} else if (strcmp(p->mission, part->mission)) {
			part_conflict(x, into, "mission", p->mission, part->mission, table_no, row);
		}
	}
	merge_amount(x, into, &p->budget, &part->budget, "budget", table_no, row);
	merge_amount(x, into, &p->disbursed, &part->disbursed, "disbursed amount", table_no, row);
	p->no_budget |= part->no_budget;
	for (i = 0; i < part->n_budget_by_year; i++) {
		const rg_year_amount *ya = &part->budget_by_year[i];
		for (j = 0; j < p->n_budget_by_year && p->budget_by_year[j].year != ya->year; j++)
			;
		if (j < p->n_budget_by_year) {
			snprintf(s1, sizeof(s1), "budget of %d", ya->year);
			merge_amount(x, into, &p->budget_by_year[j].amount, &ya->amount, s1, table_no, row);
		} else {
			rg_year_amount *n = realloc(p->budget_by_year, (p->n_budget_by_year + 1) * sizeof(*n));
			if (!n) {
				ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
				return;
			}
			p->budget_by_year = n;
			n[p->n_budget_by_year++] = *ya;
		}
	}
	if (part->status) {
		if (!p->status)
			p->status = part->status;
		else if (p->status != part->status)
			part_conflict(x, into, "status", rg_status_name(p->status), rg_status_name(part->status),
				table_no, row);
	}
	append_text(x, &p->responsible, part->responsible);
	if (into->parts.len)
		rg_buf_puts(&into->parts, ", ");
	if (table_no == into->table)
		rg_buf_printf(&into->parts, "row %d", row);
	else
		rg_buf_printf(&into->parts, "table %d, row %d", table_no, row);
	into->nparts++;
}

/* ---- the walk ------------------------------------------------------------------------------ */

typedef struct {
	records *rs;
	column_map prev_map;      /* the last project table's columns ... */
	const rg_table *prev_t;   /* ... the table ... */
	int prev_h;               /* ... and its header rows */
	int have_prev;            /* no other table since it: a table of its width may continue it */
	int open;                 /* the last record may go on in the next row */
	int group, table_no;
	section_state sec;
} walk;

/*
** Whether a row goes on from the record before it (the cut of a row): when
** a marker says so ("(ต่อ)", with no number or the same one); or, for a row
** without an item number, when it holds no name (values or ticks only),
** when the record's own marker said it goes on, and, when its name starts
** with no item kind (โครงการ, กิจกรรม, มาตรการ), when it is the first row of
** a table that continues the previous one or the rows around it are
** numbered.  The first row of the next page's table may also repeat the
** item number of the row it continues (no item kind in its name).
*/
static int continues_prev(ctx *x, const row_view *v, const record *prev, int first_row_of_part)
{
	int same_seq = v->seq[0] && prev->p.seq && !strcmp(v->seq, prev->p.seq);

	if (v->marker_from)
		return !v->seq[0] || same_seq;
	/* the next page's part may repeat the item number */
	if (same_seq && first_row_of_part)
		return !ex_first_rule(x, "item_kind", v->name, strlen(v->name));
	if (v->seq[0])
		return 0;
	if (!has_word(v->name) || prev->goes_on)
		return 1;
	if (ex_first_rule(x, "item_kind", v->name, strlen(v->name)))
		return 0;
	return first_row_of_part || prev->p.seq != NULL;
}

/*
** Numbering going backwards inside one section, on a row that names no kind:
** the rest of the row before, typed as a list (its name is not appended).
*/
static int numbering_goes_back(ctx *x, const row_view *v, const record *prev)
{
	int dim_col = find_field(v->map, F_DIMENSION), mis_col = find_field(v->map, F_MISSION), yes = 0;

	if (v->seq[0] && !strchr(v->seq, '.') && prev->seq_number && seq_first_level(v->seq) <= prev->seq_number
	    && !ex_first_rule(x, "item_kind", v->name, strlen(v->name))) {
		int dim = dim_col >= 0 ? dimension_value(x, v->cells[dim_col]) : 0;
		char *mis = mis_col >= 0 ? mission_value(x, v->cells[mis_col]) : NULL;
		if ((!dim || dim == prev->p.dimension)
		    && ((!mis && !prev->p.mission) || (mis && prev->p.mission && !strcmp(mis, prev->p.mission))))
			yes = 1;
		free(mis);
	}
	return yes;
}

/* One data row: a new record, the next part of the record before, a total, or
** nothing; returns 0 for an empty row. */
static int read_row(ctx *x, walk *w, const rg_table *t, int r, const column_map *map, int group, int table_no,
		     int first_row_of_part)
{
	int dim_col = find_field(map, F_DIMENSION), mis_col = find_field(map, F_MISSION), c, kind;
	record *prev = w->rs->len && w->rs->items[w->rs->len - 1].group == group ? &w->rs->items[w->rs->len - 1] : NULL;
	record *open = w->open ? prev : NULL;
	record *rec;
	row_view v;

	if (!view_row(x, t, r, map, &v)) {
		free(v.name);
		return 0;
	}
	/* footers and totals: the first cell with text says so; nothing goes on across them */
	for (c = 0; c < map->ncols; c++) {
		if (!v.here[c] || !*v.cells[c])
			continue;
		if (ex_first_rule(x, "skip_row", v.cells[c], strlen(v.cells[c]))) {
			w->open = 0;
			goto done;
		}
		break;
	}
	kind = !open ? 0 : continues_prev(x, &v, open, first_row_of_part) ? 1 : numbering_goes_back(x, &v, open) ? 2 : 0;
	if (kind) {
		rg_project part;
		memset(&part, 0, sizeof(part));
		row_values(x, &v, &part, open->p.seq);
		merge_part(x, open, &part, kind == 1 && has_word(v.name) ? v.name : NULL, table_no, r + 1);
		rg_project_clear(&part);
		open->goes_on = v.marker_to;
		goto done;
	}
	if (!has_word(v.name)) {
		unread_row(x, &v, table_no);
		w->open = 0;
		goto done;
	}
	if (!(rec = add_record(x, w->rs)))
		goto done;
	prev = w->rs->len >= 2 && w->rs->items[w->rs->len - 2].group == group ? &w->rs->items[w->rs->len - 2] : NULL;
	rec->group = group;
	rec->table = table_no;
	rec->row = r + 1;
	rec->goes_on = v.marker_to;
	rec->p.name = v.name;
	v.name = NULL;
	rec->p.seq = v.seq[0] ? ex_dup_or_fail(x, v.seq) : NULL;
	rec->seq_number = seq_first_level(v.seq);
	{
		const rg_rule *k = ex_first_rule(x, "item_kind", rec->p.name, strlen(rec->p.name));
		rec->p.kind = k ? rg_item_kind_from_name(k->label) : map->default_kind;
	}
	rec->p.dimension = w->sec.dimension ? w->sec.dimension : map->default_dimension;
	if (w->sec.mission[0])
		rec->p.mission = ex_dup_or_fail(x, w->sec.mission);
	row_values(x, &v, &rec->p, rec->p.seq);
	if (!rec->p.status && !map->has_status_columns)
		rec->p.status = w->sec.section_status;
	/* a merged dimension/mission cell whose text a page break cut: carry them
	** down (unless a section row or heading came between) */
	rec->section = w->sec.serial;
	if (prev && dim_col >= 0 && prev->section == w->sec.serial && !dimension_value(x, v.cells[dim_col])) {
		char *mis = mis_col >= 0 ? mission_value(x, v.cells[mis_col]) : NULL;
		rec->p.dimension = prev->p.dimension;
		if (mis_col >= 0 && !mis) {
			free(rec->p.mission);
			rec->p.mission = ex_dup_or_fail(x, prev->p.mission);
		}
		free(mis);
	}
	w->open = 1;
done:
	free(v.name);
	return 1;
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
	if ((d = dimension_value(x, s)) && ex_first_rule(x, "section_dimension", s, strlen(s))) {
		sec->dimension = d;
		sec->serial++;
	}
	free(s);
}

/* The number of leading rows of t that repeat the header rows of the previous project table. */
static int repeated_header(ctx *x, const rg_table *t, const walk *w)
{
	int r, c, filled = 0;

	if (!w->prev_t || w->prev_h <= 0 || w->prev_h >= t->nrows || w->prev_t->ncols != t->ncols)
		return 0;
	for (r = 0; r < w->prev_h; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *a = cell_text(t, r, c), *b = cell_text(w->prev_t, r, c);
			if (starts_here(t, r, c) != starts_here(w->prev_t, r, c))
				return 0;
			if (!starts_here(t, r, c))
				continue;
			if (!same_but_spaces(ex_cell_norm(x, a), ex_cell_norm(x, b)))
				return 0;
			filled += *a != '\0';
		}
	}
	return filled >= 2 ? w->prev_h : 0;
}

/*
** Whether some row of t, read with map, names an item (a number or a kind
** prefix); or t is short (one or two rows) and starts with the rest of a
** cut name: the last page's table may hold nothing else.
*/
static int lists_items(ctx *x, const rg_table *t, const column_map *map)
{
	int r, yes = 0, rows = 0, first_is_rest = 0;

	for (r = 0; r < t->nrows && !yes; r++) {
		row_view v;
		if (layout_row(t, r) || !view_row(x, t, r, map, &v))
			continue;
		yes = v.seq[0] || ex_first_rule(x, "item_kind", v.name, strlen(v.name)) != NULL;
		if (!rows++)
			first_is_rest = has_word(v.name) && !section_cell(x, t, r);
		free(v.name);
	}
	return yes || (first_is_rest && rows <= 2);
}

static void read_blocks(ctx *x, walk *w, const rg_blocks *list, int depth);

/* The blocks of a layout row's cells, in place. */
static void read_layout_row(ctx *x, walk *w, const rg_table *t, int r, int depth)
{
	int c;

	for (c = 0; c < t->ncols; c++) {
		const rg_cell *o = rg_table_origin(t, r, c);
		if (new_cell(t, r, c) && o->body.len)
			read_blocks(x, w, &o->body, depth + 1);
	}
}

/* A table of the previous project table's width that is not read as one:
** its rows that carry an item number, an amount or a status mark are lost. */
static void lost_table(ctx *x, const walk *w, const rg_table *t, int table_no)
{
	int r, h = header_rows(x, t);

	for (r = h; r < t->nrows && !x->err; r++) {
		row_view v;
		int c, total = 0;
		if (layout_row(t, r) || section_cell(x, t, r) || !view_row(x, t, r, &w->prev_map, &v))
			continue;
		for (c = 0; c < v.map->ncols && !total; c++)
			if (v.here[c] && *v.cells[c]) {
				total = ex_first_rule(x, "skip_row", v.cells[c], strlen(v.cells[c])) != NULL;
				break;
			}
		if (!total)
			unread_row(x, &v, table_no);
		free(v.name);
	}
}

static int remember_project_table(ctx *x, const rg_table *t)
{
	if (x->nptables == x->capptables) {
		size_t cap = x->capptables ? x->capptables * 2 : 16;
		const rg_table **p = realloc(x->ptables, cap * sizeof(*p));
		if (!p)
			return ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		x->ptables = p;
		x->capptables = cap;
	}
	x->ptables[x->nptables++] = t;
	return 0;
}

static void read_table(ctx *x, walk *w, const rg_table *t, int depth)
{
	column_map map;
	int table_no = ++w->table_no, h = 0, name_col, r, cont = 0, group, first = 1;
	int layout = has_layout_rows(t);

	if (!t->nrows || !t->ncols)
		return;
	if (w->have_prev && t->ncols == w->prev_map.ncols) {
		if ((h = repeated_header(x, t, w))) {
			/* a page's table that repeats the header of the one before */
			map = w->prev_map;
			cont = 1;
		} else if (!t->header_rows && !repeats_header(x, t, &w->prev_map) && lists_items(x, t, &w->prev_map)) {
			/* a table continued after a page break, without its header */
			map = w->prev_map;
			cont = 1;
		}
	}
	if (!cont) {
		h = header_rows(x, t);
		map_columns(x, t, h, &map);
	}
	name_col = find_field(&map, F_NAME);
	if (x->err)
		return;
	/* (a table that continues one needs no names: it may hold only the rest of a cut row) */
	if (name_col < 0 || (!cont && !holds_names(t, h, name_col))) {
		if (w->have_prev && t->ncols == w->prev_map.ncols && !layout)
			lost_table(x, w, t, table_no);
		/* a layout table (a frame) keeps the run going: its tables are read in place */
		if (!layout)
			w->have_prev = 0;
		for (r = 0; r < t->nrows && !x->err; r++)
			if (layout_row(t, r))
				read_layout_row(x, w, t, r, depth);
		return;
	}
	if (!cont) {
		/* a table of its own: a new group (records of other groups merge by
		** name, not by rows) unless it has the same columns as the one before */
		if (!(w->have_prev && !memcmp(map.field, w->prev_map.field, sizeof(map.field)))) {
			w->group++;
			w->open = 0;
		}
		w->sec.dimension = 0;
		w->sec.mission[0] = '\0';
	}
	group = w->group;
	if (remember_project_table(x, t))
		return;
	for (r = h; r < t->nrows && !x->err; r++) {
		const rg_cell *sec;
		if (frame_row(t, r, name_col)) {
			read_layout_row(x, w, t, r, depth);
			continue;
		}
		if ((sec = section_cell(x, t, r))) {
			apply_section(x, sec, &w->sec);
			w->open = 0;
			first = 0;
			continue;
		}
		if (first && column_numbers_row(x, t, r))
			continue;   /* the column numbers under a repeated header */
		if (read_row(x, w, t, r, &map, group, table_no, first && cont))
			first = 0;
	}
	w->prev_map = map;
	w->prev_t = t;
	w->prev_h = h;
	w->have_prev = 1;
}

static void read_blocks(ctx *x, walk *w, const rg_blocks *list, int depth)
{
	size_t i;

	if (depth > 64)
		return;   /* the reader bounds nesting; this bounds the recursion anyway */
	for (i = 0; i < list->len && !x->err; i++) {
		const rg_block *b = &list->items[i];
		if (b->type == RG_BLOCK_PARAGRAPH)
			heading(x, b->text, &w->sec);
		else
			read_table(x, w, b->table, depth);
	}
}

/* Say which rows were read as one. */
static void split_findings(ctx *x, records *rs)
{
	size_t i;

	for (i = 0; i < rs->len; i++) {
		record *r = &rs->items[i];
		rg_buf q = RG_BUF_INIT;
		if (!r->nparts)
			continue;
		quote_start(&q, r->p.name ? r->p.name : "", 120);
		rg_model_add_finding(x->m, RG_SEV_INFO, "row_split",
			"item %s \"%s\" (table %d, row %d) is cut into %d parts: %s %s it; read as one row",
			r->p.seq ? r->p.seq : "?", rg_buf_cstr(&q), r->table, r->row, r->nparts + 1,
			rg_buf_cstr(&r->parts), r->nparts > 1 ? "continue" : "continues");
		finding_arg(x, "seq", r->p.seq ? r->p.seq : "?");
		finding_arg(x, "name", rg_buf_cstr(&q));
		finding_int_arg(x, "parts", r->nparts + 1);
		rg_buf_free(&q);
		rg_buf_free(&r->parts);
	}
}

void ex_read_tables(ctx *x, const rg_blocks *body, records *rs)
{
	walk w;

	memset(&w, 0, sizeof(w));
	w.rs = rs;
	read_blocks(x, &w, body, 0);
	split_findings(x, rs);
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
