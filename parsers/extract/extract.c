/*
** extract.c - from the document model to the normalized model.
**
** 1. Document fields (kind, organization, place, fiscal year, round, plan
**    period, data date) are voted over every line of the document: body
**    paragraphs, table cells, headers, footers and text boxes.  For each
**    field the rules are tried in file order; the first rule that matches
**    anywhere decides, and among its matches the most frequent value wins.
** 2. Project tables are found by their header cells (column rules); a table
**    without a header that has the width of the previous project table
**    continues it.  Each data row becomes a project; section rows set the
**    dimension and mission for the rows below; a row with no name continues
**    the row before it (a page break split it).
** 3. Records of one project in several tables (summary and detail) merge.
** 4. validate.c compares what the document states with what its rows say.
*/
#include "extract.h"

#include <ctype.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/sha256.h"
#include "../core/strmap.h"
#include "columns.h"
#include "rules.h"
#include "thai.h"
#include "validate.h"
#include "values.h"

struct rg_parser {
	rg_limits lim;
	rg_rules rules;
};

int rg_parser_new(rg_parser **out, const char *rules_dir, const rg_limits *lim)
{
	rg_parser *p = calloc(1, sizeof(*p));
	int rc;

	*out = NULL;
	if (!p)
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (lim)
		p->lim = *lim;
	else
		rg_limits_default(&p->lim);
	if ((rc = rg_rules_load_dir(&p->rules, rules_dir ? rules_dir : RG_SOURCE_RULES_DIR))) {
		rg_parser_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

void rg_parser_free(rg_parser *p)
{
	if (!p)
		return;
	rg_rules_free(&p->rules);
	free(p);
}

/* ---- the extraction context ------------------------------------------------------ */

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
} ctx;

static int fail(ctx *x, int code)
{
	if (!x->err)
		x->err = code;
	return x->err;
}

/*
** rg_rules_first, remembered per document.  On a hit the matching rule is
** run once more so that x->md holds its groups.
*/
static const rg_rule *first_rule(ctx *x, const char *category, const char *s, size_t len)
{
	char small[512], *key = small;
	size_t clen = strlen(category), klen = clen + 1 + len;
	const rg_rule *r;
	int idx;

	/* long texts (project names) rarely repeat: matching them costs less than remembering */
	if (len > 48)
		return rg_rules_first(x->rules, category, s, len, x->md);
	if (klen > sizeof(small) && !(key = malloc(klen))) {
		fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		return NULL;
	}
	memcpy(key, category, clen);
	key[clen] = '\x1f';
	memcpy(key + clen + 1, s, len);
	idx = rg_strmap_get(&x->first_rule, key, klen);
	if (idx >= 0) {
		r = &x->rules->items[idx];
		if (r->has_groups)
			rg_rule_match(r, s, len, x->md);
	} else if (idx == -2) {
		r = NULL;
	} else {
		r = rg_rules_first(x->rules, category, s, len, x->md);
		if (rg_strmap_put(&x->first_rule, key, klen, r ? (int)(r - x->rules->items) : -2))
			fail(x, RG_ENOMEM);
	}
	if (key != small)
		free(key);
	return r;
}

static char *norm(ctx *x, const char *s, unsigned flags)
{
	char *out = NULL;

	if (rg_thai_normalize(s ? s : "", flags | RG_NORM_ARABIC_DIGITS, &out)) {
		fail(x, RG_ENOMEM);
		return NULL;
	}
	return out;
}

/* Normalized text without any space: for headers split by narrow cells. */
static char *squeeze(ctx *x, const char *s)
{
	return norm(x, s, RG_NORM_NO_SPACES);
}

/* Add a line (normalized); returns its index, or -1 when empty or on error. */
static int add_line(ctx *x, const char *text)
{
	size_t start = x->text.len, *p;

	if (!text || !*text || x->err)
		return -1;
	rg_thai_normalize_append(&x->text, text, strlen(text), RG_NORM_ARABIC_DIGITS);
	if (x->text.len == start)
		return -1;   /* nothing visible */
	rg_buf_putc(&x->text, '\0');
	if (x->nlines + 1 >= x->caplines) {
		size_t cap = x->caplines ? x->caplines * 2 : 256;
		if (!(p = realloc(x->starts, cap * sizeof(*p)))) {
			fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
			return -1;
		}
		x->starts = p;
		x->caplines = cap;
	}
	if (rg_buf_oom(&x->text)) {
		fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		return -1;
	}
	x->starts[x->nlines++] = start;
	x->starts[x->nlines] = x->text.len;
	return (int)x->nlines - 1;
}

/* Line i (valid until the extraction ends). */
static const char *line_text(const ctx *x, size_t i)
{
	return x->text.ptr + x->starts[i];
}

static size_t ptr_slot(const ctx *x, const char *p)
{
	size_t i = (size_t)(((uintptr_t)p * 0x9E3779B97F4A7C15ull) >> 20) & (x->cell_cap - 1);

	while (x->cell_keys[i] && x->cell_keys[i] != p)
		i = (i + 1) & (x->cell_cap - 1);
	return i;
}

/* Remember that the cell text at p normalizes to line `line`. */
static void remember_cell(ctx *x, const char *p, int line)
{
	size_t i;

	if (line < 0 || x->err)
		return;
	if ((x->cell_len + 1) * 2 > x->cell_cap) {
		size_t cap = x->cell_cap ? x->cell_cap * 2 : 1024, k;
		const char **keys = calloc(cap, sizeof(*keys));
		int *lines = calloc(cap, sizeof(*lines));
		const char **old_keys = x->cell_keys;
		int *old_lines = x->cell_lines;
		size_t old_cap = x->cell_cap;

		if (!keys || !lines) {
			free(keys);
			free(lines);
			fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
			return;
		}
		x->cell_keys = keys;
		x->cell_lines = lines;
		x->cell_cap = cap;
		for (k = 0; k < old_cap; k++) {
			if (old_keys[k]) {
				size_t j = ptr_slot(x, old_keys[k]);
				keys[j] = old_keys[k];
				lines[j] = old_lines[k];
			}
		}
		free(old_keys);
		free(old_lines);
	}
	i = ptr_slot(x, p);
	if (!x->cell_keys[i])
		x->cell_len++;
	x->cell_keys[i] = p;
	x->cell_lines[i] = line;
}

/* A cell's text, normalized (borrowed: valid until the end of the extraction). */
static const char *cell_norm(ctx *x, const char *raw)
{
	char *n, **p;

	if (!raw || !*raw)
		return "";
	if (x->cell_cap) {
		size_t i = ptr_slot(x, raw);
		if (x->cell_keys[i])
			return line_text(x, (size_t)x->cell_lines[i]);
	}
	/* not seen as a line (it normalized to nothing, or came from elsewhere) */
	if (!(n = norm(x, raw, 0)))
		return "";
	if (x->nextra == x->capextra) {
		size_t cap = x->capextra ? x->capextra * 2 : 16;
		if (!(p = realloc(x->extra, cap * sizeof(*p)))) {
			free(n);
			fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
			return "";
		}
		x->extra = p;
		x->capextra = cap;
	}
	x->extra[x->nextra++] = n;
	return n;
}



static void collect_lines(ctx *x, const rg_blocks *list)
{
	size_t i;
	int r, c;

	for (i = 0; i < list->len; i++) {
		const rg_block *b = &list->items[i];
		if (b->type == RG_BLOCK_PARAGRAPH) {
			add_line(x, b->text);
			continue;
		}
		for (r = 0; r < b->table->nrows; r++) {
			for (c = 0; c < b->table->ncols; c++) {
				const rg_cell *cell = rg_table_cell(b->table, r, c);
				if (cell->text)
					remember_cell(x, cell->text, add_line(x, cell->text));
				if (cell->body.len)
					collect_lines(x, &cell->body);
			}
		}
	}
}

/* ---- voting over the lines ---------------------------------------------------------- */

typedef struct {
	char value[256];
	int count;
	size_t first;
} vote;

typedef struct {
	vote v[64];
	int n;
} ballot;

static void cast(ballot *b, const char *value, size_t line, int weight)
{
	int i;

	for (i = 0; i < b->n; i++) {
		if (!strcmp(b->v[i].value, value)) {
			b->v[i].count += weight;
			return;
		}
	}
	if (b->n < (int)(sizeof(b->v) / sizeof(b->v[0]))) {
		snprintf(b->v[b->n].value, sizeof(b->v[b->n].value), "%s", value);
		b->v[b->n].count = weight;
		b->v[b->n].first = line;
		b->n++;
	}
}

static const char *winner(const ballot *b)
{
	int i, best = -1;

	for (i = 0; i < b->n; i++)
		if (best < 0 || b->v[i].count > b->v[best].count
		    || (b->v[i].count == b->v[best].count && b->v[i].first < b->v[best].first))
			best = i;
	return best >= 0 ? b->v[best].value : NULL;
}

/*
** For a category: try its rules in order; the first rule with any match
** decides.  The value of a match is the named group `group` (or, when
** compose is given, what compose makes of the match).  Every match of a
** line counts (a line may name the value twice).
*/
typedef int (*compose_fn)(ctx *x, const rg_rule *r, char *out, size_t size);

/* The line that holds byte offset off of the joined text. */
static size_t line_of(const ctx *x, size_t off)
{
	size_t lo = 0, hi = x->nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (x->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
** Call fn for every match of rule r in the document's lines, in order,
** with the line it is on; stops when fn returns non-zero (returned).
*/
static int each_match(ctx *x, const rg_rule *r, int (*fn)(ctx *x, const rg_rule *r, size_t line, void *arg),
		      void *arg)
{
	const char *t = x->text.ptr;
	size_t len = x->text.len, off = 0;
	int stop;

	while (t && off < len && pcre2_match(r->re, (PCRE2_SPTR)t, len, off, PCRE2_NO_UTF_CHECK, x->md, NULL) >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
		size_t start = ov[0], end = ov[1];

		if (start < len && t[start] != '\0' && (stop = fn(x, r, line_of(x, start), arg)))
			return stop;
		if (end > start)
			off = end;
		else   /* an empty match: step over one whole character */
			for (off = start + 1; off < len && ((unsigned char)t[off] & 0xC0) == 0x80; off++)
				;
	}
	return 0;
}

typedef struct {
	ballot *b;
	const char *group;
	compose_fn compose;
} vote_arg;

static int vote_one(ctx *x, const rg_rule *r, size_t line, void *arg)
{
	vote_arg *v = arg;
	char value[256];
	int ok = v->compose ? v->compose(x, r, value, sizeof(value))
			    : rg_rule_group(r, x->md, v->group, value, sizeof(value));

	if (ok && value[0])
		cast(v->b, value, line, 1);
	return 0;
}

static const char *vote_category(ctx *x, const char *category, const char *group, compose_fn compose,
				 ballot *b, int all_vote)
{
	size_t k, nrules;
	const size_t *idx = rg_rules_of(x->rules, category, &nrules);
	vote_arg v = { b, group, compose };

	b->n = 0;
	for (k = 0; k < nrules; k++) {
		each_match(x, &x->rules->items[idx[k]], vote_one, &v);
		if (b->n && !all_vote)
			return winner(b);
	}
	return winner(b);
}

static char *dup_or_fail(ctx *x, const char *s)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
	return d;
}

static void trim_punct(char *s)
{
	size_t n = strlen(s);
	while (n && strchr(" .,:;)(\"'/-", s[n - 1]))
		s[--n] = '\0';
}

/* kind: the first line (in reading order) that a kind rule matches */
static int line_found(ctx *x, const rg_rule *r, size_t line, void *arg)
{
	(void)x;
	(void)r;
	*(size_t *)arg = line;
	return 1;
}

static void find_kind(ctx *x)
{
	size_t k, nrules, best = (size_t)-1, line;
	const size_t *idx = rg_rules_of(x->rules, "kind", &nrules);

	/* the earliest line any kind rule matches; on one line, the earlier rule */
	for (k = 0; k < nrules; k++) {
		const rg_rule *r = &x->rules->items[idx[k]];
		if (each_match(x, r, line_found, &line) && line < best) {
			best = line;
			x->m->kind = rg_doc_kind_from_name(r->label);
		}
	}
}

/* organization: the place voted by type; the name as the document spells it */
static int compose_org(ctx *x, const rg_rule *r, char *out, size_t size)
{
	char place[200], name[256];

	(void)x;
	if (!rg_rule_group(r, x->md, "place", place, sizeof(place)))
		return 0;
	trim_punct(place);
	if (!rg_rule_group(r, x->md, "name", name, sizeof(name)))
		name[0] = '\0';
	trim_punct(name);
	/* "type|place|name": the vote is on type and place, the name rides along */
	snprintf(out, size, "%s|%s|%s", r->label, place, name);
	return place[0] != '\0';
}

static void find_org(ctx *x)
{
	ballot *b = calloc(1, sizeof(*b)), *places;
	int i, best = -1;
	char type[48];

	if (!b || !(places = calloc(1, sizeof(*places)))) {
		free(b);
		fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		return;
	}
	vote_category(x, "org", NULL, compose_org, b, 1);
	/* count type|place over every spelling of the name */
	for (i = 0; i < b->n; i++) {
		char key[256], *bar;
		snprintf(key, sizeof(key), "%s", b->v[i].value);
		bar = strchr(key, '|');
		bar = bar ? strchr(bar + 1, '|') : NULL;
		if (bar)
			*bar = '\0';
		cast(places, key, b->v[i].first, b->v[i].count);
	}
	{
		const char *win = winner(places);
		size_t wl = win ? strlen(win) : 0;
		/* the full spelling of the winner that occurs most often */
		for (i = 0; win && i < b->n; i++) {
			const char *v = b->v[i].value, *name = v + wl + 1;
			if (strncmp(v, win, wl) || v[wl] != '|' || !*name)
				continue;
			if (best < 0 || b->v[i].count > b->v[best].count)
				best = i;
		}
		if (win) {
			const char *bar = strchr(win, '|');
			snprintf(type, sizeof(type), "%.*s", (int)(bar - win), win);
			x->m->org_type = rg_org_type_from_name(type);
			if (best >= 0) {
				x->m->org_name = dup_or_fail(x, b->v[best].value + wl + 1);
			} else {
				/* only abbreviations: the full name from the type's prefix */
				size_t k, n;
				const size_t *idx = rg_rules_of(x->rules, "org_prefix", &n);
				for (k = 0; k < n; k++) {
					const rg_rule *r = &x->rules->items[idx[k]];
					if (!strcmp(r->label, type)) {
						char full[320];
						snprintf(full, sizeof(full), "%s%s", r->pattern, bar + 1);
						x->m->org_name = dup_or_fail(x, full);
						break;
					}
				}
			}
		}
	}
	free(places);
	free(b);
}

static int compose_fiscal_year(ctx *x, const rg_rule *r, char *out, size_t size)
{
	char y[16];
	int year;

	if (rg_rule_group(r, x->md, "fy", y, sizeof(y)))
		year = atoi(y);
	else if (rg_rule_group(r, x->md, "start", y, sizeof(y)))
		year = atoi(y) + 1;          /* the fiscal year begins in October */
	else
		return 0;
	if (year > 0 && year < 100)
		year += 2500;
	if (year > 1900 && year < 2400)
		year += 543;
	if (year < 2400 || year > 2700)
		return 0;
	snprintf(out, size, "%d", year);
	return 1;
}

static int compose_label(ctx *x, const rg_rule *r, char *out, size_t size)
{
	(void)x;
	snprintf(out, size, "%s", r->label);
	return 1;
}

static int compose_period(ctx *x, const rg_rule *r, char *out, size_t size)
{
	char a[16], b[16];

	if (!rg_rule_group(r, x->md, "from", a, sizeof(a)) || !rg_rule_group(r, x->md, "to", b, sizeof(b)))
		return 0;
	if (atoi(a) < 2400 || atoi(b) < atoi(a) || atoi(b) - atoi(a) > 10)
		return 0;
	snprintf(out, size, "%s-%s", a, b);
	return 1;
}

static int compose_date(ctx *x, const rg_rule *r, char *out, size_t size)
{
	char text[200];
	rg_date d;

	if (!rg_rule_group(r, x->md, "date", text, sizeof(text)) || !rg_parse_date(text, &d))
		return 0;
	rg_date_format(&d, out, size);
	return 1;
}

static void find_document_fields(ctx *x)
{
	ballot *b = calloc(1, sizeof(*b));
	const char *v;

	if (!b) {
		fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		return;
	}
	find_kind(x);
	find_org(x);
	if ((v = vote_category(x, "district", "district", NULL, b, 0))) {
		char s[256];
		snprintf(s, sizeof(s), "%s", v);
		trim_punct(s);
		x->m->district = dup_or_fail(x, s);
	}
	if ((v = vote_category(x, "province", "province", NULL, b, 0))) {
		char s[256];
		snprintf(s, sizeof(s), "%s", v);
		trim_punct(s);
		x->m->province = dup_or_fail(x, s);
	}
	if (x->m->kind == RG_KIND_ACTION_PLAN
	    && (v = vote_category(x, "plan_period", NULL, compose_period, b, 0)))
		sscanf(v, "%d-%d", &x->m->plan_from, &x->m->plan_to);
	/* a multi-year plan has no fiscal year; an annual plan or a report has one */
	if (!x->m->plan_from && (v = vote_category(x, "fiscal_year", NULL, compose_fiscal_year, b, 0)))
		x->m->fiscal_year = atoi(v);
	if (x->m->kind == RG_KIND_PROGRESS_REPORT
	    && (v = vote_category(x, "round", NULL, compose_label, b, 1)))
		x->m->round_months = atoi(v);
	if ((v = vote_category(x, "as_of", NULL, compose_date, b, 0)) && strlen(v) == 10)
		snprintf(x->m->as_of, sizeof(x->m->as_of), "%s", v);
	free(b);
}

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

/* A project record while extracting: the model project plus where it came from. */
typedef struct {
	rg_project p;
	int group;                 /* the table group (a table and its continuations) */
	int table;                 /* the table number, for "never merge two rows of one table" */
	int seq_number;            /* first level of seq, for numbering going backwards */
} record;

typedef struct {
	record *items;
	size_t len, cap;
} records;

static record *add_record(ctx *x, records *rs)
{
	record *r;

	if (rs->len == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		record *p = realloc(rs->items, cap * sizeof(*p));
		if (!p) {
			fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
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
			if (!(s = squeeze(x, cell_text(t, r, c))))
				return 0;
			if (rg_parse_seq(s, seq, sizeof(seq)) || (rg_parse_amount(s, &n) && n.set && !has_thai_letters(s)))
				data = 1;
			else if (first_rule(x, "column", s, strlen(s)))
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
		if (!(s = squeeze(x, cell_text(t, 0, c))))
			return 0;
		r = first_rule(x, "column", s, strlen(s));
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

		if (seq_col >= 0 && (s = norm(x, cell_text(t, r, seq_col), 0))) {
			yes = rg_parse_seq(s, seq, sizeof(seq));
			free(s);
		}
		if (!yes && (s = first_line(x, cell_text(t, r, name_col)))) {
			yes = rg_split_seq(s, 0, seq, sizeof(seq), &rest)
			      || first_rule(x, "item_kind", s, strlen(s)) != NULL;
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
			fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
			return;
		}
		rule = *s ? first_rule(x, "column", s, strlen(s)) : NULL;
		if (rule) {
			map->field[c] = field_of(rule->label);
			if (map->field[c] == F_YEAR && rg_rule_group(rule, x->md, "year", year, sizeof(year)))
				map->year[c] = atoi(year);
			if (map->field[c] == F_NAME) {
				const rg_rule *k = first_rule(x, "default_kind", s, strlen(s));
				if (k)
					map->default_kind = rg_item_kind_from_name(k->label);
			}
			if (map->field[c] == F_DIMENSION) {
				const rg_rule *d = first_rule(x, "dimension", s, strlen(s));
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
	char *n = norm(x, s, RG_NORM_KEEP_NEWLINES), *nl;

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

	if (*s && (r = first_rule(x, "dimension", s, strlen(s)))
	    && rg_rule_group(r, x->md, "n", n, sizeof(n)))
		d = atoi(n);
	return d >= 1 && d <= 4 ? d : 0;
}

static char *mission_value(ctx *x, const char *s)
{
	const rg_rule *r;
	char code[32];

	if (*s && (r = first_rule(x, "mission", s, strlen(s)))
	    && rg_rule_group(r, x->md, "code", code, sizeof(code)))
		return dup_or_fail(x, code);
	return NULL;
}

static rg_status status_from_text(ctx *x, const char *s)
{
	const rg_rule *r;

	if (*s && (r = first_rule(x, "status", s, strlen(s))))
		return rg_status_from_name(r->label);
	return RG_STATUS_NONE;
}

static int is_tick(ctx *x, const char *s)
{
	return *s && first_rule(x, "tick", s, strlen(s)) != NULL;
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
		fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
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
	if (!(s = norm(x, first->text, 0)))
		return 1;
	if (!first_rule(x, "skip_row", s, strlen(s))) {
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
		cells[c] = cell_norm(x, cell_text(t, r, c));
		if (here[c] && *cells[c])
			any = 1;
	}
	if (!any)
		goto done;
	/* footers and totals: the first cell with text says so */
	for (c = 0; c < map->ncols; c++) {
		if (!here[c] || !*cells[c])
			continue;
		if (first_rule(x, "skip_row", cells[c], strlen(cells[c])))
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
		name_norm = dup_or_fail(x, rest ? rest : name_line);
	}
	if (!name_norm)
		goto done;
	/* a row without a number or name continues the row before it */
	if (prev && !seq[0] && (!*name_norm || first_row_of_continuation))
		continuation = 1;
	/* numbering going backwards inside one section, on a row that names no kind */
	if (prev && !continuation && seq[0] && !strchr(seq, '.') && prev->seq_number
	    && seq_first_level(seq) <= prev->seq_number
	    && !first_rule(x, "item_kind", name_norm, strlen(name_norm))) {
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
	rec->p.seq = seq[0] ? dup_or_fail(x, seq) : NULL;
	rec->seq_number = seq_first_level(seq);
	{
		const rg_rule *k = first_rule(x, "item_kind", rec->p.name, strlen(rec->p.name));
		rec->p.kind = k ? rg_item_kind_from_name(k->label) : map->default_kind;
	}
	rec->p.dimension = sec->dimension ? sec->dimension : map->default_dimension;
	if (sec->mission[0])
		rec->p.mission = dup_or_fail(x, sec->mission);
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
					fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
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
			rec->p.mission = dup_or_fail(x, prev->p.mission);
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
	char *s = norm(x, text, 0);
	int d;

	if (!s)
		return;
	if ((r = first_rule(x, "section_status", s, strlen(s))))
		sec->section_status = rg_status_from_name(r->label);
	if ((d = dimension_value(x, s)) && first_rule(x, "section_dimension", s, strlen(s)))
		sec->dimension = d;
	free(s);
}

static void read_tables(ctx *x, const rg_blocks *body, records *rs, unsigned char *is_project)
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

static void merge_records(ctx *x, records *rs)
{
	char **keys = calloc(rs->len + 1, sizeof(*keys));
	size_t i, j;

	if (!keys) {
		fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		return;
	}
	for (i = 0; i < rs->len; i++)
		if (!(keys[i] = name_key(rs->items[i].p.name)))
			fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
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

/* ---- the whole ----------------------------------------------------------------------------- */

/* A report whose basics could not be found says so: nothing is silently empty. */
static void missing_fields(ctx *x)
{
	rg_model *m = x->m;

	if (m->kind == RG_KIND_OTHER)
		return;
	if (!m->n_projects)
		rg_model_add_finding(m, RG_SEV_ERROR, "no_projects",
			"the document reads as a %s but no project table could be interpreted", rg_doc_kind_name(m->kind));
	if (!m->org_name)
		rg_model_add_finding(m, RG_SEV_WARNING, "no_organization", "no organization name was found");
	if (m->kind == RG_KIND_PROGRESS_REPORT && !m->fiscal_year)
		rg_model_add_finding(m, RG_SEV_WARNING, "no_fiscal_year", "no fiscal year was found");
	if (m->kind == RG_KIND_PROGRESS_REPORT && !m->round_months)
		rg_model_add_finding(m, RG_SEV_WARNING, "no_round", "no reporting round (6 or 12 months) was found");
	if (m->kind == RG_KIND_ACTION_PLAN && !m->plan_from && !m->fiscal_year)
		rg_model_add_finding(m, RG_SEV_WARNING, "no_plan_period", "no plan period or fiscal year was found");
}

int rg_extract(const rg_parser *p, const rg_doc *doc, rg_model **out)
{
	ctx x;
	records rs = { 0 };
	unsigned char *is_project;
	size_t i;
	int rc;

	*out = NULL;
	memset(&x, 0, sizeof(x));
	x.rules = &p->rules;
	if (!(x.m = rg_model_new()))
		return RG_ENOMEM;
	is_project = calloc(doc->body.len + 1, 1);
	if (!is_project || !(x.md = pcre2_match_data_create(32, NULL))) {
		free(is_project);
		rg_model_free(x.m);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	collect_lines(&x, &doc->headers);
	collect_lines(&x, &doc->textboxes);
	collect_lines(&x, &doc->body);
	collect_lines(&x, &doc->footers);
	if (!x.err)
		find_document_fields(&x);
	if (!x.err)
		read_tables(&x, &doc->body, &rs, is_project);
	if (!x.err)
		merge_records(&x, &rs);
	for (i = 0; i < rs.len; i++) {
		rg_project *dst;
		if (!rs.items[i].p.name || x.err) {
			rg_project_clear(&rs.items[i].p);
			continue;
		}
		if (!(dst = rg_model_add_project(x.m))) {
			fail(&x, RG_ENOMEM);
			rg_project_clear(&rs.items[i].p);
			continue;
		}
		*dst = rs.items[i].p;
	}
	free(rs.items);
	if (!x.err)
		missing_fields(&x);
	if (!x.err)
		rg_validate(x.m, x.rules, x.text.ptr, x.text.len, x.md, doc, is_project);
	free(is_project);
	rg_strmap_free(&x.first_rule);
	rg_buf_free(&x.text);
	free(x.starts);
	free(x.cell_keys);
	free(x.cell_lines);
	for (i = 0; i < x.nextra; i++)
		free(x.extra[i]);
	free(x.extra);
	pcre2_match_data_free(x.md);
	rc = x.err;
	if (rc) {
		rg_model_free(x.m);
		return rc;
	}
	*out = x.m;
	return 0;
}

/*
** Map the file once: its SHA-256 and its parse come from the same bytes
** (a file replaced while it is read cannot get another file's hash), and it
** is read from disk once.
*/
int rg_parse_file(const rg_parser *p, const char *path, rg_model **out)
{
	char hex[65];
	rg_doc *doc = NULL;
	rg_model *m = NULL;
	struct stat st;
	void *map = MAP_FAILED;
	int fd, rc;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size == 0
	    || (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		/* not a plain readable file: the reader says why in its own words */
		if (fd >= 0)
			close(fd);
		if ((rc = rg_read_file(path, &p->lim, &doc)))
			return rc;
		rc = rg_sha256_file(path, hex);
	} else {
		close(fd);
		rc = rg_sha256_buffer(map, (size_t)st.st_size, hex);
		if (!rc)
			rc = rg_read_memory(map, (size_t)st.st_size, &p->lim, &doc);
		munmap(map, (size_t)st.st_size);
		if (rc)
			return rc;
	}
	if (!rc)
		rc = rg_extract(p, doc, &m);
	if (!rc) {
		const char *base = strrchr(path, '/');
		if (rg_model_set_str(&m->file, base ? base + 1 : path)
		    || rg_model_set_str(&m->format, rg_format_name(doc->format))
		    || rg_model_set_str(&m->sha256, hex))
			rc = RG_ENOMEM;
	}
	rg_doc_free(doc);
	if (rc) {
		rg_model_free(m);
		return rc;
	}
	*out = m;
	return 0;
}
