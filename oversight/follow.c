/*
** follow.c - a progress report against its previous round and its action
** plan: the events of follow.h and their findings.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "follow.h"

#define BAHT_EPSILON 0.005   /* amounts are kept to the satang */

void rg_follow_events_free(rg_follow_events *ev)
{
	free(ev->items);
	memset(ev, 0, sizeof(*ev));
}

static rg_follow_event *push(rg_follow_events *ev, const char *code, rg_severity sev, long plan, long prev, long cur)
{
	rg_follow_event *e;

	if (ev->n == ev->cap) {
		size_t cap = ev->cap ? ev->cap * 2 : 16;
		if (!(e = realloc(ev->items, cap * sizeof(*e))))
			return NULL;
		ev->items = e;
		ev->cap = cap;
	}
	e = &ev->items[ev->n++];
	memset(e, 0, sizeof(*e));
	e->code = code;
	e->severity = sev;
	e->plan = plan;
	e->prev = prev;
	e->cur = cur;
	return e;
}

int rg_follow_status_rank(rg_status s)
{
	switch (s) {
	case RG_STATUS_NONE: return 0;
	case RG_STATUS_IN_PROGRESS: return 2;
	case RG_STATUS_COMPLETED: return 3;
	default: return 1;   /* not started, pending report, not possible */
	}
}

int rg_follow_planned(const rg_project *p, int y)
{
	size_t i;
	int any = 0;

	for (i = 0; i < p->n_budget_by_year; i++) {
		if (!p->budget_by_year[i].amount.set)
			continue;
		any = 1;
		if (p->budget_by_year[i].year == y)
			return 1;
	}
	return !any;
}

int rg_follow_plan_budget(const rg_project *p, int y, double *baht)
{
	size_t i;

	for (i = 0; i < p->n_budget_by_year; i++)
		if (p->budget_by_year[i].year == y && p->budget_by_year[i].amount.set) {
			*baht = p->budget_by_year[i].amount.value;
			return 1;
		}
	if (p->no_budget) {
		*baht = 0;
		return 1;
	}
	return 0;
}

/* A report's budget: an amount, or ไม่ใช้งบประมาณ as 0. */
static int report_budget(const rg_project *p, double *baht)
{
	if (p->budget.set) {
		*baht = p->budget.value;
		return 1;
	}
	if (p->no_budget) {
		*baht = 0;
		return 1;
	}
	return 0;
}

/* The names of a filing's projects (NULL names as ""): an array of pointers into m. */
static const char **names_of(const rg_model *m)
{
	const char **v = malloc((m->n_projects + 1) * sizeof(*v));
	size_t i;

	if (v)
		for (i = 0; i < m->n_projects; i++)
			v[i] = m->projects[i].name ? m->projects[i].name : "";
	return v;
}

/* Whether the report's name b is ambiguous itself. */
static int report_side_ambiguous(const rg_match_result *r, size_t b)
{
	size_t i;

	for (i = 0; i < r->n_ambiguous; i++)
		if (r->ambiguous[i].side == 1 && r->ambiguous[i].index == b)
			return 1;
	return 0;
}

/* One event per ambiguous name of the report; a name of the other filing only when
** none of the report's names it could be is reported already (one doubt, one finding). */
static int ambiguities(const rg_match_result *r, int other_is_plan, rg_follow_events *ev)
{
	size_t i, k;

	for (i = 0; i < r->n_ambiguous; i++) {
		const rg_match_ambiguity *a = &r->ambiguous[i];
		int covered = 0;
		for (k = 0; a->side == 0 && k < a->n_candidates; k++)
			covered |= report_side_ambiguous(r, a->candidates[k]);
		if (covered)
			continue;
		/* side 1: a name of the report; side 0: a name of the previous round or the plan */
		long in_cur = a->side ? (long)a->index : -1, in_first = a->side ? -1 : (long)a->index;
		rg_follow_event *e = push(ev, "project_match_ambiguous", RG_SEV_WARNING,
			other_is_plan ? in_first : -1, other_is_plan ? -1 : in_first, in_cur);
		if (!e)
			return RG_ENOMEM;
		e->other_is_plan = other_is_plan;
		e->n_candidates = a->n_candidates;
		for (k = 0; k < a->n_candidates && k < 4; k++)
			e->candidates[k] = (long)a->candidates[k];
	}
	return 0;
}

/* Match the names of a against those of b: for each project of a, its
** partner in b, -1 when none, -2 when ambiguous (caller frees *out). */
static int partners(const rg_model *a, const rg_model *b, const rg_spelling *sp, const rg_match_org *org,
	rg_match_result *r)
{
	const char **na = names_of(a), **nb = names_of(b);
	int rc;

	if (!na || !nb) {
		free(na);
		free(nb);
		memset(r, 0, sizeof(*r));
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	rc = rg_match_names(na, a->n_projects, nb, b->n_projects, org, sp, r);
	free(na);
	free(nb);
	return rc;
}

/* Whether the plan lists prev's project i for year y (an ambiguous name counts as listed). */
static int plan_lists(const rg_model *plan, const rg_match_result *plan_prev, size_t i, int y)
{
	size_t k;

	for (k = 0; k < plan_prev->n_pairs; k++)
		if (plan_prev->pairs[k].b == i)
			return rg_follow_planned(&plan->projects[plan_prev->pairs[k].a], y);
	for (k = 0; k < plan_prev->n_ambiguous; k++) {
		const rg_match_ambiguity *a = &plan_prev->ambiguous[k];
		size_t c;
		if (a->side == 1 && a->index == i)
			return 1;
		for (c = 0; a->side == 0 && c < a->n_candidates; c++)
			if (a->candidates[c] == i)
				return 1;
	}
	return 0;
}

/* cur against the previous round. */
static int against_prev(const rg_model *plan, const rg_model *prev, const rg_model *cur, const rg_spelling *sp,
	const rg_match_org *org, rg_follow_events *ev)
{
	int same_year = prev->fiscal_year && prev->fiscal_year == cur->fiscal_year, rc, have_plan = 0;
	rg_match_result r, pp;
	size_t i;

	memset(&pp, 0, sizeof(pp));
	if ((rc = partners(prev, cur, sp, org, &r)))
		return rc;
	/* a new fiscal year has a new plan: what it no longer plans has ended, not dropped */
	if (!same_year && plan && r.n_only_a) {
		if ((rc = partners(plan, prev, sp, org, &pp))) {
			rg_match_result_free(&r);
			return rc;
		}
		have_plan = 1;
	}
	for (i = 0; i < r.n_pairs && !rc; i++) {
		const rg_project *p = &prev->projects[r.pairs[i].a], *q = &cur->projects[r.pairs[i].b];
		if (!same_year)
			continue;
		if (p->status && q->status && rg_follow_status_rank(q->status) < rg_follow_status_rank(p->status) &&
		    !push(ev, "status_regressed", RG_SEV_WARNING, -1, (long)r.pairs[i].a, (long)r.pairs[i].b))
			rc = RG_ENOMEM;
		if (!rc && p->disbursed.set && q->disbursed.set && q->disbursed.value < p->disbursed.value - BAHT_EPSILON &&
		    !push(ev, "disbursed_fell", RG_SEV_WARNING, -1, (long)r.pairs[i].a, (long)r.pairs[i].b))
			rc = RG_ENOMEM;
	}
	for (i = 0; i < r.n_only_a && !rc; i++) {
		if (have_plan && !plan_lists(plan, &pp, r.only_a[i], cur->fiscal_year))
			continue;
		if (!push(ev, "project_dropped", RG_SEV_WARNING, -1, (long)r.only_a[i], -1))
			rc = RG_ENOMEM;
	}
	if (!rc)
		rc = ambiguities(&r, 0, ev);
	rg_match_result_free(&r);
	rg_match_result_free(&pp);
	return rc == RG_ENOMEM ? rg_error_set(RG_ENOMEM, "out of memory") : rc;
}

/* cur against the action plan of its fiscal year. */
static int against_plan(const rg_model *plan, const rg_model *cur, const rg_spelling *sp, const rg_match_org *org,
	rg_follow_events *ev)
{
	int y = cur->fiscal_year, rc;
	rg_match_result r;
	size_t i;
	double a, b;

	if ((rc = partners(plan, cur, sp, org, &r)))
		return rc;
	for (i = 0; i < r.n_pairs && !rc; i++) {
		const rg_project *p = &plan->projects[r.pairs[i].a], *q = &cur->projects[r.pairs[i].b];
		long pi = (long)r.pairs[i].a, ci = (long)r.pairs[i].b;
		if (!rg_follow_planned(p, y)) {   /* in the plan, for other years */
			if (!push(ev, "reported_not_planned", RG_SEV_INFO, pi, -1, ci))
				rc = RG_ENOMEM;
		} else if (rg_follow_plan_budget(p, y, &a) && report_budget(q, &b) && fabs(a - b) > BAHT_EPSILON) {
			if (!push(ev, "budget_changed", RG_SEV_INFO, pi, -1, ci))
				rc = RG_ENOMEM;
		}
	}
	for (i = 0; i < r.n_only_a && !rc; i++)
		if (rg_follow_planned(&plan->projects[r.only_a[i]], y) &&
		    !push(ev, "planned_not_reported", RG_SEV_WARNING, (long)r.only_a[i], -1, -1))
			rc = RG_ENOMEM;
	for (i = 0; i < r.n_only_b && !rc; i++)
		if (!push(ev, "reported_not_planned", RG_SEV_INFO, -1, -1, (long)r.only_b[i]))
			rc = RG_ENOMEM;
	if (!rc)
		rc = ambiguities(&r, 1, ev);
	rg_match_result_free(&r);
	return rc == RG_ENOMEM ? rg_error_set(RG_ENOMEM, "out of memory") : rc;
}

int rg_follow_compare(const rg_model *plan, const rg_model *prev, const rg_model *cur,
	const rg_spelling *sp, rg_follow_events *ev)
{
	rg_match_org org = { cur->org_name, cur->district, cur->province };
	int rc = 0;

	if (prev)
		rc = against_prev(plan, prev, cur, sp, &org, ev);
	if (!rc && plan)
		rc = against_plan(plan, cur, sp, &org, ev);
	return rc;
}

/* ---- findings --------------------------------------------------------------------- */

static const rg_project *at(const rg_model *m, long i)
{
	return m && i >= 0 && (size_t)i < m->n_projects ? &m->projects[i] : NULL;
}

static int arg(rg_model *out, const char *name, const char *value)
{
	return value ? rg_model_finding_arg(out, name, value) : 0;
}

static int arg_amount(rg_model *out, const char *name, double v)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.2f", v);
	return rg_model_finding_arg(out, name, buf);
}

static int arg_int(rg_model *out, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	return rg_model_finding_arg(out, name, buf);
}

/* The project's seq and name as args. */
static int who(rg_model *out, const rg_project *p)
{
	int rc = arg(out, "seq", p->seq);

	return rc ? rc : arg(out, "name", p->name ? p->name : "");
}

#define Q(p) ((p)->name ? (p)->name : "")

int rg_follow_finding(const rg_follow_event *e, const rg_model *plan, const rg_model *prev, const rg_model *cur,
	rg_model *out)
{
	const rg_project *pp = at(plan, e->plan), *pv = at(prev, e->prev), *pc = at(cur, e->cur);
	const char *code = e->code;
	int y = cur->fiscal_year, rc = 0;
	double a = 0, b = 0;

	if (!strcmp(code, "status_regressed") && pv && pc) {
		rc = rg_model_add_finding(out, e->severity, code, "'%s': the status went from %s to %s since the"
			" previous round", Q(pc), rg_status_name(pv->status), rg_status_name(pc->status));
		rc = rc ? rc : who(out, pc);
		rc = rc ? rc : arg(out, "before", rg_status_name(pv->status));
		rc = rc ? rc : arg(out, "after", rg_status_name(pc->status));
	} else if (!strcmp(code, "disbursed_fell") && pv && pc) {
		rc = rg_model_add_finding(out, e->severity, code, "'%s': %.2f baht disbursed, %.2f in the previous round",
			Q(pc), pc->disbursed.value, pv->disbursed.value);
		rc = rc ? rc : who(out, pc);
		rc = rc ? rc : arg_amount(out, "before", pv->disbursed.value);
		rc = rc ? rc : arg_amount(out, "after", pc->disbursed.value);
	} else if (!strcmp(code, "project_dropped") && pv) {
		rc = rg_model_add_finding(out, e->severity, code, "'%s' of the previous round (%d, %d months) is not in"
			" this report", Q(pv), prev->fiscal_year, prev->round_months);
		rc = rc ? rc : who(out, pv);
		rc = rc ? rc : arg_int(out, "year", prev->fiscal_year);
		rc = rc ? rc : arg_int(out, "round", prev->round_months);
	} else if (!strcmp(code, "planned_not_reported") && pp) {
		rc = rg_model_add_finding(out, e->severity, code, "'%s': the action plan lists it for %d, the report"
			" does not", Q(pp), y);
		rc = rc ? rc : who(out, pp);
		rc = rc ? rc : arg_int(out, "year", y);
	} else if (!strcmp(code, "reported_not_planned") && pc) {
		rc = rg_model_add_finding(out, e->severity, code, "'%s': the action plan does not list it for %d%s",
			Q(pc), y, pp ? " (it lists it for other years)" : "");
		rc = rc ? rc : who(out, pc);
		rc = rc ? rc : arg_int(out, "year", y);
	} else if (!strcmp(code, "budget_changed") && pp && pc && rg_follow_plan_budget(pp, y, &a) &&
	    report_budget(pc, &b)) {
		rc = rg_model_add_finding(out, e->severity, code, "'%s': the action plan budgets %.2f baht for %d,"
			" the report %.2f", Q(pc), a, y, b);
		rc = rc ? rc : who(out, pc);
		rc = rc ? rc : arg_int(out, "year", y);
		rc = rc ? rc : arg_amount(out, "plan", a);
		rc = rc ? rc : arg_amount(out, "budget", b);
	} else if (!strcmp(code, "project_match_ambiguous")) {
		/* the ambiguous name is the report's (candidates in the plan or the previous round), or the reverse */
		const rg_model *other = e->cur >= 0 ? (e->other_is_plan ? plan : prev) : cur;
		const rg_project *mine = e->cur >= 0 ? pc : (e->other_is_plan ? pp : pv);
		const char *where = e->cur < 0 ? "this report" : e->other_is_plan ? "the action plan" : "the previous round";
		rg_buf list = RG_BUF_INIT;
		size_t k;
		for (k = 0; k < e->n_candidates && k < 4; k++) {
			const rg_project *c = at(other, e->candidates[k]);
			rg_buf_printf(&list, "%s'%s'", k ? ", " : "", c ? Q(c) : "");
		}
		if (e->n_candidates > 4)
			rg_buf_printf(&list, " ...");
		if (rg_buf_oom(&list) || !mine) {
			rg_buf_free(&list);
			return mine ? rg_error_set(RG_ENOMEM, "out of memory") : 0;
		}
		rc = rg_model_add_finding(out, e->severity, code, "'%s' could be any of %zu projects of %s (%s):"
			" it is not compared", Q(mine), e->n_candidates, where, rg_buf_cstr(&list));
		rc = rc ? rc : who(out, mine);
		rc = rc ? rc : arg(out, "where", where);
		rc = rc ? rc : arg_int(out, "count", (long long)e->n_candidates);
		rc = rc ? rc : arg(out, "candidates", rg_buf_cstr(&list));
		rg_buf_free(&list);
	}
	return rc ? rg_error_set(RG_ENOMEM, "out of memory") : 0;
}

int rg_follow_findings(const rg_model *plan, const rg_model *prev, const rg_model *cur,
	const rg_spelling *sp, rg_model *out)
{
	rg_follow_events ev = { NULL, 0, 0 };
	size_t i;
	int rc = rg_follow_compare(plan, prev, cur, sp, &ev);

	for (i = 0; i < ev.n && !rc; i++)
		rc = rg_follow_finding(&ev.items[i], plan, prev, cur, out);
	rg_follow_events_free(&ev);
	return rc;
}
