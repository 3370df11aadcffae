/*
** stats.c - per-filing figures for the tables (see stats.h and report.h).
*/
#include "stats.h"

#include <string.h>

#include "report.h"

double rg_pct(double a, double b)
{
	return b > 0 ? a / b * 100.0 : 0.0;
}

const char *rg_report_level(double percent)
{
	if (percent >= RG_LEVEL_HIGH)
		return "มาก";
	if (percent >= RG_LEVEL_MEDIUM)
		return "ปานกลาง";
	return "น้อย";
}

void rg_stats_compute(const rg_model *m, rg_filing_stats *s)
{
	const rg_stated *min;
	size_t i, k;

	memset(s, 0, sizeof(*s));
	if (m->plan_from && m->plan_to >= m->plan_from) {
		s->year_from = m->plan_from;
		s->nyears = m->plan_to - m->plan_from + 1;
		if (s->nyears > 16)
			s->nyears = 16;
	}
	for (i = 0; i < m->n_projects; i++) {
		const rg_project *p = &m->projects[i];
		int d = p->dimension >= 1 && p->dimension <= 4 ? p->dimension : 0;
		rg_dim_stats *ds = &s->dim[d];
		int completed = p->status == RG_STATUS_COMPLETED;
		double budget = p->budget.set ? p->budget.value : 0;

		/* a plan's budget is the sum of its years when no single amount is given */
		if (!p->budget.set && p->budget_by_year)
			for (k = 0; k < p->n_budget_by_year; k++)
				if (p->budget_by_year[k].amount.set)
					budget += p->budget_by_year[k].amount.value;
		ds->projects++;
		ds->completed += (size_t)completed;
		ds->budget += budget;
		ds->disbursed += p->disbursed.set ? p->disbursed.value : 0;
		if ((unsigned)p->kind < 4)
			ds->kinds[p->kind]++;
		if ((unsigned)p->status < RG_STATUS_COUNT)
			s->status[p->status]++;
		if (p->status != RG_STATUS_NONE)
			s->with_status++;
		for (k = 0; p->budget_by_year && k < p->n_budget_by_year; k++) {
			int y = p->budget_by_year[k].year - s->year_from;
			if (s->nyears && y >= 0 && y < s->nyears && p->budget_by_year[k].amount.set)
				s->year_budget[y] += p->budget_by_year[k].amount.value;
		}
	}
	for (i = 0; i < 5; i++) {
		rg_dim_stats *ds = &s->dim[i];
		s->total.projects += ds->projects;
		s->total.completed += ds->completed;
		s->total.budget += ds->budget;
		s->total.disbursed += ds->disbursed;
		for (k = 0; k < 4; k++)
			s->total.kinds[k] += ds->kinds[k];
	}
	min = rg_model_get_stated(m, "minimum_projects");
	if (min && min->value >= 1) {
		s->impl_base = min->value;
		s->impl_from_minimum = 1;
	} else {
		s->impl_base = (double)s->total.projects;
	}
	s->impl_percent = rg_pct((double)s->total.completed, s->impl_base);
	if (s->impl_percent > 100)
		s->impl_percent = 100;
	s->findings = m->n_findings;
	/* the follow-up columns of the summary: what the store derived across filings */
	for (i = 0; i < m->n_findings; i++) {
		const char *code = m->findings[i].code ? m->findings[i].code : "";
		if (!strcmp(code, "status_regressed"))
			s->regressed++;
		else if (!strcmp(code, "planned_not_reported"))
			s->planned_not_reported++;
		if (rg_stats_is_followup(code))
			s->followup++;
	}
}

int rg_stats_is_followup(const char *code)
{
	static const char *const codes[] = { "status_regressed", "disbursed_fell", "project_dropped",
		"planned_not_reported", "reported_not_planned", "budget_changed", "project_match_ambiguous" };
	size_t i;

	for (i = 0; code && i < sizeof(codes) / sizeof(codes[0]); i++)
		if (!strcmp(code, codes[i]))
			return 1;
	return 0;
}
