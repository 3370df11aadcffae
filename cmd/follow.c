/*
** follow.c - `raingan follow --org NAME [--fiscal-year Y]`: an organization's
** projects across its action plan and its rounds, and what changed (the
** comparisons of oversight/follow.h, the same the store derives its
** findings from); `raingan follow --update` derives every finding across
** filings of the store again.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/error.h"
#include "core/json.h"
#include "follow.h"
#include "model/org.h"

static const cli_command follow_cmd = {
	"follow",
	"raingan follow --org NAME [--fiscal-year YEAR] [--province NAME] [--json] [--db STORE]\n"
	"       raingan follow --update [--db STORE]\n",
	"For each organization whose name contains NAME (อบต. ... abbreviations work),\n"
	"and each fiscal year of its current progress reports (or YEAR): every project\n"
	"with the action plan's budget for that year, then its status, budget and\n"
	"disbursed baht in each round (the last round of the year before, 6 and 12\n"
	"months), and what changed: status_regressed, disbursed_fell, project_dropped,\n"
	"planned_not_reported, reported_not_planned, budget_changed,\n"
	"project_match_ambiguous (docs/MODEL.md).  The store keeps the same findings\n"
	"with each report (`raingan export`, the PDF report).\n"
	"\n"
	"--update links the organizations to the register and derives every finding\n"
	"across filings again (after a change of rules/spelling.tsv, or a store made\n"
	"before they existed).\n",
	CLI_DB | CLI_SELECT | CLI_JSON | CLI_RULES | CLI_UPDATE,
	"1: no organization matches.\n",
};

/* ---- one organization's filings ----------------------------------------------------------- */

typedef struct {
	char key[RG_ORG_TEXT * 4 + 16];
	rg_model **reports, **plans;
	size_t n_reports, n_plans;
} org_group;

static int cmp_report(const void *x, const void *y)
{
	const rg_model *a = *(rg_model *const *)x, *b = *(rg_model *const *)y;

	if (a->fiscal_year != b->fiscal_year)
		return a->fiscal_year < b->fiscal_year ? -1 : 1;
	return a->round_months - b->round_months;
}

static const rg_model *report_of(const org_group *g, int year, int round)
{
	size_t i;

	for (i = 0; i < g->n_reports; i++)
		if (g->reports[i]->fiscal_year == year && g->reports[i]->round_months == round)
			return g->reports[i];
	return NULL;
}

/* The plan of year y: the current plan whose period covers it, the latest period first (store/follow.c). */
static const rg_model *plan_of(const org_group *g, int y)
{
	const rg_model *best = NULL;
	size_t i;

	for (i = 0; i < g->n_plans; i++) {
		const rg_model *p = g->plans[i];
		int from = p->plan_from ? p->plan_from : p->fiscal_year, to = p->plan_from ? (p->plan_to ? p->plan_to : p->plan_from)
			: p->fiscal_year;
		if (from > y || y > to)
			continue;
		if (!best || from > (best->plan_from ? best->plan_from : best->fiscal_year) ||
		    (from == (best->plan_from ? best->plan_from : best->fiscal_year) && strcmp(p->as_of, best->as_of) > 0))
			best = p;
	}
	return best;
}

/* ---- the rows of one fiscal year ------------------------------------------------------------- */

#define MAX_CHAIN 3   /* (Y - 1, 12), (Y, 6), (Y, 12) */

typedef struct {
	long at[MAX_CHAIN];          /* the project in each round, -1 */
	long plan;                   /* the plan's project, -1 */
} row;

typedef struct {
	row *rows;
	size_t n, cap;
	const long *where;           /* the row of each change (finding), -1 when none */
	const int *from;             /* the round (chain index) each change is of */
	const rg_model *const *chain;
} year_table;

static row *add_row(year_table *t)
{
	size_t k;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		row *r = realloc(t->rows, cap * sizeof(*r));
		if (!r)
			return NULL;
		t->rows = r;
		t->cap = cap;
	}
	for (k = 0; k < MAX_CHAIN; k++)
		t->rows[t->n].at[k] = -1;
	t->rows[t->n].plan = -1;
	return &t->rows[t->n++];
}

static long row_of(const year_table *t, int round, long idx)
{
	size_t i;

	for (i = 0; idx >= 0 && i < t->n; i++)
		if (t->rows[i].at[round] == idx)
			return (long)i;
	return -1;
}

static long row_of_plan(const year_table *t, long idx)
{
	size_t i;

	for (i = 0; idx >= 0 && i < t->n; i++)
		if (t->rows[i].plan == idx)
			return (long)i;
	return -1;
}

/* Pair the names of two filings, as the comparisons do. */
static int pairs(const rg_model *a, const rg_model *b, const rg_spelling *sp, rg_match_result *r)
{
	const char **na = malloc((a->n_projects + 1) * sizeof(*na)), **nb = malloc((b->n_projects + 1) * sizeof(*nb));
	rg_match_org org = { b->org_name, b->district, b->province };
	size_t i;
	int rc;

	memset(r, 0, sizeof(*r));
	if (!na || !nb) {
		free(na);
		free(nb);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	for (i = 0; i < a->n_projects; i++)
		na[i] = a->projects[i].name ? a->projects[i].name : "";
	for (i = 0; i < b->n_projects; i++)
		nb[i] = b->projects[i].name ? b->projects[i].name : "";
	rc = rg_match_names(na, a->n_projects, nb, b->n_projects, &org, sp, r);
	free(na);
	free(nb);
	return rc;
}

/* Rows: the rounds in order, each paired with the one before; the plan's projects on the rows of their partners. */
static int align(year_table *t, const rg_model *const *chain, size_t n, const rg_model *plan, int year,
	const rg_spelling *sp)
{
	rg_match_result r;
	size_t i, k;
	int rc = 0;

	for (i = 0; i < n && !rc; i++) {
		unsigned char *placed;
		if (!chain[i])
			continue;
		if (!(placed = calloc(chain[i]->n_projects + 1, 1)))
			return rg_error_set(RG_ENOMEM, "out of memory");
		/* the round before it that is there: k - 1 */
		for (k = i; k > 0 && !chain[k - 1]; k--)
			;
		if (k > 0 && !(rc = pairs(chain[k - 1], chain[i], sp, &r))) {
			for (size_t p = 0; p < r.n_pairs; p++) {
				long at = row_of(t, (int)(k - 1), (long)r.pairs[p].a);
				if (at >= 0) {
					t->rows[at].at[i] = (long)r.pairs[p].b;
					placed[r.pairs[p].b] = 1;
				}
			}
			rg_match_result_free(&r);
		}
		for (k = 0; k < chain[i]->n_projects && !rc; k++) {
			row *w;
			if (placed[k])
				continue;
			if (!(w = add_row(t)))
				rc = rg_error_set(RG_ENOMEM, "out of memory");
			else
				w->at[i] = (long)k;
		}
		free(placed);
	}
	if (rc || !plan)
		return rc;
	for (i = n; i-- > 0 && !rc;) {   /* the latest round first */
		if (!chain[i] || chain[i]->fiscal_year != year || (rc = pairs(plan, chain[i], sp, &r)))
			continue;
		for (k = 0; k < r.n_pairs; k++) {
			long at = row_of(t, (int)i, (long)r.pairs[k].b);
			if (at >= 0 && t->rows[at].plan < 0 && row_of_plan(t, (long)r.pairs[k].a) < 0)
				t->rows[at].plan = (long)r.pairs[k].a;
		}
		rg_match_result_free(&r);
	}
	for (k = 0; k < plan->n_projects && !rc; k++) {
		row *w;
		if (row_of_plan(t, (long)k) >= 0 || !rg_follow_planned(&plan->projects[k], year))
			continue;
		if (!(w = add_row(t)))
			rc = rg_error_set(RG_ENOMEM, "out of memory");
		else
			w->plan = (long)k;
	}
	return rc;
}

/* The row an event of round i belongs to. */
static long event_row(const year_table *t, const rg_follow_event *e, size_t i)
{
	long at = -1;

	if (e->cur >= 0)
		at = row_of(t, (int)i, e->cur);
	if (at < 0 && e->prev >= 0 && i > 0)
		at = row_of(t, (int)i - 1, e->prev);
	if (at < 0 && e->plan >= 0)
		at = row_of_plan(t, e->plan);
	return at;
}

/* ---- printing -------------------------------------------------------------------------------- */

typedef struct {
	const cli_opts *o;
	rg_buf out;
	rg_json j;
	size_t orgs;
} printer;

static void amount_text(rg_buf *b, rg_amount a, int no_budget)
{
	if (a.set)
		rg_buf_printf(b, "%.2f", a.value);
	else
		rg_buf_puts(b, no_budget ? "no budget" : "-");
}

static const char *round_label(const rg_model *m, char *buf, size_t size)
{
	snprintf(buf, size, "%d/%d", m->fiscal_year, m->round_months);
	return buf;
}

static void text_changes(rg_buf *b, const year_table *t, long k, const rg_model *msgs)
{
	char lab[32];
	size_t i;
	int first = 1;

	for (i = 0; i < msgs->n_findings; i++) {
		const rg_finding *f = &msgs->findings[i];
		if (t->where[i] != k)
			continue;
		rg_buf_printf(b, "    %-9s %s %s %s: %s\n", first ? "change" : "",
			round_label(t->chain[t->from[i]], lab, sizeof(lab)), rg_severity_name(f->severity), f->code, f->message);
		first = 0;
	}
}

static void text_year(printer *p, const org_group *g, const year_table *t, const rg_model *const *chain,
	const rg_model *plan, int year, rg_model *msgs)
{
	rg_buf *b = &p->out;
	char lab[32];
	size_t i, k;

	(void)g;
	rg_buf_printf(b, "\nfiscal year %d\n", year);
	if (plan)
		rg_buf_printf(b, "  plan %d-%d: %s\n", plan->plan_from, plan->plan_to ? plan->plan_to : plan->plan_from,
			plan->file ? plan->file : "");
	else
		rg_buf_puts(b, "  no action plan covers this year\n");
	for (i = 0; i < MAX_CHAIN; i++)
		if (chain[i])
			rg_buf_printf(b, "  %-9s %s\n", round_label(chain[i], lab, sizeof(lab)), chain[i]->file ? chain[i]->file : "");
	for (k = 0; k < t->n; k++) {
		const row *w = &t->rows[k];
		const rg_project *any = NULL;
		double pb;
		for (i = MAX_CHAIN; i-- > 0 && !any;)
			if (w->at[i] >= 0)
				any = &chain[i]->projects[w->at[i]];
		if (!any)
			any = &plan->projects[w->plan];
		rg_buf_printf(b, "\n  %s%s%s\n", any->seq ? any->seq : "", any->seq ? "  " : "", any->name ? any->name : "");
		if (plan) {
			const rg_project *pp = w->plan >= 0 ? &plan->projects[w->plan] : NULL;
			if (!pp)
				rg_buf_printf(b, "    %-9s not in the plan\n", "plan");
			else if (!rg_follow_planned(pp, year))
				rg_buf_printf(b, "    %-9s not planned for %d\n", "plan", year);
			else if (rg_follow_plan_budget(pp, year, &pb) && (pb != 0 || !pp->no_budget))
				rg_buf_printf(b, "    %-9s budget %.2f\n", "plan", pb);
			else
				rg_buf_printf(b, "    %-9s %s\n", "plan", pp->no_budget ? "no budget" : "budget not stated");
		}
		for (i = 0; i < MAX_CHAIN; i++) {
			const rg_project *q;
			if (!chain[i])
				continue;
			round_label(chain[i], lab, sizeof(lab));
			if (w->at[i] < 0) {
				rg_buf_printf(b, "    %-9s not reported\n", lab);
				continue;
			}
			q = &chain[i]->projects[w->at[i]];
			rg_buf_printf(b, "    %-9s %-15s budget ", lab, q->status ? rg_status_name(q->status) : "no status");
			amount_text(b, q->budget, q->no_budget);
			rg_buf_puts(b, "  disbursed ");
			amount_text(b, q->disbursed, 0);
			rg_buf_putc(b, '\n');
		}
		text_changes(b, t, (long)k, msgs);
	}
	for (k = 0; k < msgs->n_findings && t->where[k] >= 0; k++)
		;
	if (k < msgs->n_findings) {
		rg_buf_puts(b, "\n  other changes\n");
		text_changes(b, t, -1, msgs);
	}
}

static void json_project(rg_json *j, const rg_project *q)
{
	rg_json_object_begin(j);
	rg_json_key(j, "status");
	if (q->status)
		rg_json_string(j, rg_status_name(q->status));
	else
		rg_json_null(j);
	rg_json_key(j, "budget");
	if (q->budget.set)
		rg_json_amount(j, q->budget.value);
	else
		rg_json_null(j);
	rg_json_key(j, "no_budget");
	rg_json_bool(j, q->no_budget);
	rg_json_key(j, "disbursed");
	if (q->disbursed.set)
		rg_json_amount(j, q->disbursed.value);
	else
		rg_json_null(j);
	rg_json_object_end(j);
}

static void json_year(printer *p, const year_table *t, const rg_model *const *chain, const rg_model *plan, int year,
	rg_model *msgs)
{
	rg_json *j = &p->j;
	char lab[32];
	size_t i, k;
	double pb;

	rg_json_object_begin(j);
	rg_json_key(j, "fiscal_year");
	rg_json_int(j, year);
	rg_json_key(j, "plan");
	if (plan) {
		rg_json_object_begin(j);
		rg_json_key(j, "from");
		rg_json_int(j, plan->plan_from);
		rg_json_key(j, "to");
		rg_json_int(j, plan->plan_to);
		rg_json_key(j, "file");
		rg_json_string(j, plan->file ? plan->file : "");
		rg_json_object_end(j);
	} else {
		rg_json_null(j);
	}
	rg_json_key(j, "rounds");
	rg_json_array_begin(j);
	for (i = 0; i < MAX_CHAIN; i++)
		if (chain[i])
			rg_json_string(j, round_label(chain[i], lab, sizeof(lab)));
	rg_json_array_end(j);
	rg_json_key(j, "projects");
	rg_json_array_begin(j);
	for (k = 0; k < t->n; k++) {
		const row *w = &t->rows[k];
		const rg_project *any = NULL;
		for (i = MAX_CHAIN; i-- > 0 && !any;)
			if (w->at[i] >= 0)
				any = &chain[i]->projects[w->at[i]];
		if (!any)
			any = &plan->projects[w->plan];
		rg_json_object_begin(j);
		rg_json_key(j, "seq");
		if (any->seq)
			rg_json_string(j, any->seq);
		else
			rg_json_null(j);
		rg_json_key(j, "name");
		rg_json_string(j, any->name ? any->name : "");
		rg_json_key(j, "plan_budget");
		if (plan && w->plan >= 0 && rg_follow_plan_budget(&plan->projects[w->plan], year, &pb))
			rg_json_amount(j, pb);
		else
			rg_json_null(j);
		rg_json_key(j, "in_plan");
		rg_json_bool(j, w->plan >= 0);
		rg_json_key(j, "rounds");
		rg_json_object_begin(j);
		for (i = 0; i < MAX_CHAIN; i++) {
			if (!chain[i])
				continue;
			rg_json_key(j, round_label(chain[i], lab, sizeof(lab)));
			if (w->at[i] >= 0)
				json_project(j, &chain[i]->projects[w->at[i]]);
			else
				rg_json_null(j);
		}
		rg_json_object_end(j);
		rg_json_key(j, "changes");
		rg_json_array_begin(j);
		for (i = 0; i < msgs->n_findings; i++) {
			const rg_finding *f = &msgs->findings[i];
			if (t->where[i] != (long)k)
				continue;
			rg_json_object_begin(j);
			rg_json_key(j, "round");
			rg_json_string(j, round_label(t->chain[t->from[i]], lab, sizeof(lab)));
			rg_json_key(j, "code");
			rg_json_string(j, f->code);
			rg_json_key(j, "severity");
			rg_json_string(j, rg_severity_name(f->severity));
			rg_json_key(j, "message");
			rg_json_string(j, f->message);
			rg_json_object_end(j);
		}
		rg_json_array_end(j);
		rg_json_object_end(j);
	}
	rg_json_array_end(j);
	rg_json_key(j, "other_changes");
	rg_json_array_begin(j);
	for (i = 0; i < msgs->n_findings; i++) {
		if (t->where[i] >= 0)
			continue;
		rg_json_object_begin(j);
		rg_json_key(j, "code");
		rg_json_string(j, msgs->findings[i].code);
		rg_json_key(j, "message");
		rg_json_string(j, msgs->findings[i].message);
		rg_json_object_end(j);
	}
	rg_json_array_end(j);
	rg_json_object_end(j);
}

/* One fiscal year of one organization. */
static int one_year(printer *p, const org_group *g, int year, const rg_spelling *sp)
{
	const rg_model *chain[MAX_CHAIN] = { report_of(g, year - 1, 12), report_of(g, year, 6), report_of(g, year, 12) };
	const rg_model *plan = plan_of(g, year);
	year_table t;
	rg_model *msgs = rg_model_new();
	long *where = NULL;
	int *from = NULL;
	size_t i, k;
	int rc = 0;

	memset(&t, 0, sizeof(t));
	if (!msgs)
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (!chain[1] && !chain[2])
		chain[0] = NULL;   /* the year before only as the baseline of this one */
	rc = align(&t, chain, MAX_CHAIN, plan, year, sp);
	/* each round against the one before it (its previous round, or none) and the plan: the
	** findings the store derives, each placed on its project's row */
	for (i = 1; i < MAX_CHAIN && !rc; i++) {
		rg_follow_events ev = { NULL, 0, 0 };
		const rg_model *pl = plan && chain[i] && chain[i]->fiscal_year == year ? plan : NULL;
		if (!chain[i])
			continue;
		rc = rg_follow_compare(pl, chain[i - 1], chain[i], sp, &ev);
		for (k = 0; k < ev.n && !rc; k++) {
			long *w = realloc(where, (msgs->n_findings + 1) * sizeof(*w));
			int *fr = w ? realloc(from, (msgs->n_findings + 1) * sizeof(*fr)) : NULL;
			if (w)
				where = w;
			if (!fr) {
				rc = rg_error_set(RG_ENOMEM, "out of memory");
				break;
			}
			from = fr;
			where[msgs->n_findings] = event_row(&t, &ev.items[k], i);
			from[msgs->n_findings] = (int)i;
			rc = rg_follow_finding(&ev.items[k], pl, chain[i - 1], chain[i], msgs);
		}
		rg_follow_events_free(&ev);
	}
	if (!rc) {
		t.where = where;
		t.from = from;
		t.chain = chain;
		if (p->o->list_format == CLI_LIST_JSON || p->o->json)
			json_year(p, &t, chain, plan, year, msgs);
		else
			text_year(p, g, &t, chain, plan, year, msgs);
	}
	free(where);
	free(from);
	rg_model_free(msgs);
	free(t.rows);
	return rc;
}

/* ---- the organizations ------------------------------------------------------------------------ */

typedef struct {
	org_group *g;
	size_t n, cap;
	rg_model **all;            /* every model, owned */
	size_t n_all, cap_all;
} groups;

static int push_model(rg_model ***v, size_t *n, rg_model *m)
{
	rg_model **p = realloc(*v, (*n + 1) * sizeof(*p));

	if (!p)
		return RG_ENOMEM;
	*v = p;
	(*v)[(*n)++] = m;
	return 0;
}

static int take(rg_model *m, groups *gs)
{
	rg_org_key k;
	char key[RG_ORG_TEXT * 4 + 16];
	size_t i;
	org_group *g = NULL;

	if (push_model(&gs->all, &gs->n_all, m)) {
		rg_model_free(m);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	if (!rg_org_key_of(m, &k) || (m->kind != RG_KIND_PROGRESS_REPORT && m->kind != RG_KIND_ACTION_PLAN))
		return 0;
	snprintf(key, sizeof(key), "%s|%s|%s|%s", k.province, k.district, k.place, rg_org_type_name(k.type));
	for (i = 0; i < gs->n; i++)
		if (!strcmp(gs->g[i].key, key))
			g = &gs->g[i];
	if (!g) {
		org_group *p = realloc(gs->g, (gs->n + 1) * sizeof(*p));
		if (!p)
			return rg_error_set(RG_ENOMEM, "out of memory");
		gs->g = p;
		g = &gs->g[gs->n++];
		memset(g, 0, sizeof(*g));
		snprintf(g->key, sizeof(g->key), "%s", key);
	}
	if (m->kind == RG_KIND_PROGRESS_REPORT ? push_model(&g->reports, &g->n_reports, m)
	    : push_model(&g->plans, &g->n_plans, m))
		return rg_error_set(RG_ENOMEM, "out of memory");
	return 0;
}

static int cmp_group(const void *x, const void *y)
{
	return strcmp(((const org_group *)x)->key, ((const org_group *)y)->key);
}

static void free_groups(groups *gs)
{
	size_t i;

	for (i = 0; i < gs->n; i++) {
		free(gs->g[i].reports);
		free(gs->g[i].plans);
	}
	free(gs->g);
	for (i = 0; i < gs->n_all; i++)
		rg_model_free(gs->all[i]);
	free(gs->all);
}

static int one_org(printer *p, const org_group *g, const rg_spelling *sp)
{
	const rg_model *any = g->n_reports ? g->reports[0] : g->plans[0];
	int years[64], ny = 0, y, rc = 0;
	size_t i;

	qsort(g->reports, g->n_reports, sizeof(*g->reports), cmp_report);
	if (p->o->select.fiscal_year) {
		years[ny++] = p->o->select.fiscal_year;
	} else {
		for (i = 0; i < g->n_reports && ny < 64; i++)
			if (g->reports[i]->fiscal_year && (!ny || years[ny - 1] != g->reports[i]->fiscal_year))
				years[ny++] = g->reports[i]->fiscal_year;
	}
	if (p->o->json || p->o->list_format == CLI_LIST_JSON) {
		rg_json_object_begin(&p->j);
		rg_json_key(&p->j, "organization");
		rg_json_string(&p->j, any->org_name);
		rg_json_key(&p->j, "district");
		if (any->district)
			rg_json_string(&p->j, any->district);
		else
			rg_json_null(&p->j);
		rg_json_key(&p->j, "province");
		if (any->province)
			rg_json_string(&p->j, any->province);
		else
			rg_json_null(&p->j);
		rg_json_key(&p->j, "years");
		rg_json_array_begin(&p->j);
	} else {
		rg_buf_printf(&p->out, "%s%s%s%s%s%s\n", p->orgs ? "\n" : "", any->org_name,
			any->district ? "  อำเภอ" : "", any->district ? any->district : "", any->province ? "  จังหวัด" : "",
			any->province ? any->province : "");
		if (!ny)
			rg_buf_puts(&p->out, "  no progress report\n");
	}
	for (y = 0; y < ny && !rc; y++)
		rc = one_year(p, g, years[y], sp);
	if (p->o->json || p->o->list_format == CLI_LIST_JSON) {
		rg_json_array_end(&p->j);
		rg_json_object_end(&p->j);
	}
	p->orgs++;
	return rc;
}

static int update(const cli_opts *o)
{
	rg_store *s = cli_open_store(o, 0);
	size_t n = 0;

	if (!s)
		return 2;
	if (rg_store_follow_update(s, &n)) {
		cli_error();
		rg_store_close(s);
		return 2;
	}
	cli_say("%zu current filings derived again", n);
	rg_store_close(s);
	return 0;
}

int cmd_follow(int argc, char **argv)
{
	groups gs;
	printer p;
	rg_model **models = NULL;
	rg_spelling *sp = NULL;
	rg_buf path = RG_BUF_INIT;
	size_t n = 0, i;
	cli_opts o;
	int r = cli_parse(&follow_cmd, argc, argv, &o), rc = 0, status = 0;

	if (!r && o.n_args) {
		cli_say("unknown argument '%s' (see raingan follow --help)", o.args[0]);
		r = -1;
	}
	if (!r && !o.update && (!o.select.org || !*o.select.org)) {
		cli_say("--org NAME is required (see raingan follow --help)");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? 0 : 2;
	}
	if (o.update) {
		status = update(&o);
		cli_opts_free(&o);
		return status;
	}
	rg_buf_printf(&path, "%s/spelling.tsv", o.rules);
	if (rg_buf_oom(&path) || rg_spelling_load(rg_buf_cstr(&path), &sp)) {
		cli_error();
		rg_buf_free(&path);
		cli_opts_free(&o);
		return 2;
	}
	rg_buf_free(&path);
	/* every year: the plans and the reports of the organization, current versions only */
	{
		int year = o.select.fiscal_year;
		o.select.fiscal_year = 0;
		o.select.kinds = RG_FILTER_KIND(RG_KIND_PROGRESS_REPORT) | RG_FILTER_KIND(RG_KIND_ACTION_PLAN);
		rc = cli_load_store(&o, RG_STORE_READONLY, &models, &n);
		o.select.fiscal_year = year;
	}
	if (rc) {
		rg_spelling_free(sp);
		cli_opts_free(&o);
		return 2;
	}
	memset(&gs, 0, sizeof(gs));
	for (i = 0; i < n && !rc; i++) {
		rc = take(models[i], &gs);
		models[i] = NULL;
	}
	rg_store_free_models(models, n);
	qsort(gs.g, gs.n, sizeof(*gs.g), cmp_group);
	memset(&p, 0, sizeof(p));
	p.o = &o;
	if (o.json)
		o.list_format = CLI_LIST_JSON;
	rg_json_init(&p.j, &p.out, 1);
	if (o.list_format == CLI_LIST_JSON)
		rg_json_array_begin(&p.j);
	for (i = 0; i < gs.n && !rc; i++)
		rc = one_org(&p, &gs.g[i], sp);
	if (o.list_format == CLI_LIST_JSON) {
		rg_json_array_end(&p.j);
		rg_buf_putc(&p.out, '\n');
	}
	if (rc) {
		cli_error();
		status = 2;
	} else if (rg_buf_oom(&p.out)) {
		cli_say("out of memory");
		status = 2;
	} else if (cli_write_stdout(p.out.ptr, p.out.len) || fflush(stdout)) {
		status = 2;
	} else if (!gs.n) {
		cli_say("no organization's plan or progress report matches '%s'", o.select.org);
		status = 1;
	}
	rg_buf_free(&p.out);
	free_groups(&gs);
	rg_spelling_free(sp);
	cli_opts_free(&o);
	return status;
}
