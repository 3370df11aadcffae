/*
** fields.c - the document fields, voted over every line of the document
** (body paragraphs, table cells, headers, footers, text boxes).  For each
** field the rules are tried in file order; the first rule that matches
** anywhere decides (or, for the organization and the round, every rule
** votes), and among the matches the most frequent value wins.
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
		ex_each_match(x, &x->rules->items[idx[k]], vote_one, &v);
		if (b->n && !all_vote)
			return winner(b);
	}
	return winner(b);
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
		if (ex_each_match(x, r, line_found, &line) && line < best) {
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
		ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
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
				x->m->org_name = ex_dup_or_fail(x, b->v[best].value + wl + 1);
			} else {
				/* only abbreviations: the full name from the type's prefix */
				size_t k, n;
				const size_t *idx = rg_rules_of(x->rules, "org_prefix", &n);
				for (k = 0; k < n; k++) {
					const rg_rule *r = &x->rules->items[idx[k]];
					if (!strcmp(r->label, type)) {
						char full[320];
						snprintf(full, sizeof(full), "%s%s", r->pattern, bar + 1);
						x->m->org_name = ex_dup_or_fail(x, full);
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

void ex_find_document_fields(ctx *x)
{
	ballot *b = calloc(1, sizeof(*b));
	const char *v;

	if (!b) {
		ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		return;
	}
	find_kind(x);
	find_org(x);
	if ((v = vote_category(x, "district", "district", NULL, b, 0))) {
		char s[256];
		snprintf(s, sizeof(s), "%s", v);
		trim_punct(s);
		x->m->district = ex_dup_or_fail(x, s);
	}
	if ((v = vote_category(x, "province", "province", NULL, b, 0))) {
		char s[256];
		snprintf(s, sizeof(s), "%s", v);
		trim_punct(s);
		x->m->province = ex_dup_or_fail(x, s);
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
