/*
** stats.h - the figures of the report tables, computed from a filing's rows.
**
** Everything is counted from the project rows (what the filing lists), not
** from its stated totals; the differences are the findings' business.
** Dimension index 0 holds the rows without a dimension.
*/
#ifndef RG_STATS_H
#define RG_STATS_H

#include "model/model.h"

typedef struct {
	size_t projects, completed;
	double budget, disbursed;      /* sums of the amounts that are set */
	size_t kinds[4];               /* by rg_item_kind */
} rg_dim_stats;

typedef struct {
	rg_dim_stats dim[5];           /* 0 = no dimension, 1..4 */
	rg_dim_stats total;
	size_t status[RG_STATUS_COUNT];
	size_t with_status;            /* rows with any status */
	double impl_percent;           /* see report.h */
	double impl_base;              /* the divisor used */
	int impl_from_minimum;         /* 1 when the stated minimum_projects was the base */
	size_t findings;
	size_t regressed;              /* status_regressed findings (issue 11) */
	size_t planned_not_reported;   /* planned_not_reported findings */
	size_t followup;               /* findings across filings (rg_stats_is_followup) */
	double year_budget[16];        /* action plans: per year of the plan period */
	int year_from, nyears;
} rg_filing_stats;

void rg_stats_compute(const rg_model *m, rg_filing_stats *s);

/* Whether a finding code is one the store derives across filings (the follow-up section). */
int rg_stats_is_followup(const char *code);

/* Percentage a / b * 100, 0 when b is 0. */
double rg_pct(double a, double b);

#endif
