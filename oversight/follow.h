/*
** follow.h - what changed between an organization's filings (issue 11):
** a progress report against the organization's previous round and against
** the action plan of its fiscal year.
**
** The previous round of (Y, 12) is (Y, 6); of (Y, 6) it is (Y - 1, 12).
** Projects are paired by name (match.h: exact keys, then similarity;
** ambiguity reported, never paired), and each difference is an event:
**
**   status_regressed      warning  within one fiscal year (6 -> 12 months),
**                                  a paired project's status went back in
**                                  the order  not started / pending report /
**                                  not possible  <  in progress  <  completed
**   disbursed_fell        warning  within one fiscal year, the paired
**                                  project's disbursed baht are lower
**                                  (both stated, by more than 0.005)
**   project_dropped       warning  a project of the previous round is not in
**                                  this one (across fiscal years: unless the
**                                  plan of this year does not plan it)
**   planned_not_reported  warning  the plan lists the project for this fiscal
**                                  year (rg_follow_planned), the report does not
**   reported_not_planned  info     the report lists a project the plan does
**                                  not list for this fiscal year
**   budget_changed        info     the report's budget differs from the plan's
**                                  for this fiscal year (both known: an amount,
**                                  or ไม่ใช้งบประมาณ read as 0; by more than 0.005)
**   project_match_ambiguous warning a name that could be several projects of
**                                  the other filing: nothing is compared for it
**
** Status and disbursement are counted from the start of each fiscal year
** (the 12-month report covers October to September), so they are compared
** only within a fiscal year: a yearly activity completed last year and not
** started at six months this year has not gone backwards.
**
** Everything here is pure and thread-safe; errors follow core/error.h.
*/
#ifndef RG_FOLLOW_H
#define RG_FOLLOW_H

#include <stddef.h>

#include "match.h"
#include "model/model.h"

/* What one comparison found, by project index (-1: not in that filing). */
typedef struct {
	const char *code;           /* status_regressed ... (static strings) */
	rg_severity severity;
	long plan, prev, cur;       /* indexes into the plan's, previous round's and report's projects */
	size_t n_candidates;        /* project_match_ambiguous: how many names it could be */
	long candidates[4];         /* the first of them (indexes in the other filing) */
	int other_is_plan;          /* project_match_ambiguous: the other filing is the plan */
} rg_follow_event;

typedef struct {
	rg_follow_event *items;
	size_t n, cap;
} rg_follow_events;

void rg_follow_events_free(rg_follow_events *ev);

/* Whether plan project p is planned for fiscal year y (BE): its per-year
** budget has an amount for y, or it gives no amount for any year (the plan
** does not split it by year: it holds for the whole plan period). */
int rg_follow_planned(const rg_project *p, int y);

/* The plan's budget of project p for year y: 1 and *baht when known (an
** amount for y; 0 for ไม่ใช้งบประมาณ), 0 when the plan does not say. */
int rg_follow_plan_budget(const rg_project *p, int y, double *baht);

/*
** Compare report cur (a progress report) with the previous round prev and
** the action plan of its fiscal year; either may be NULL.  Appends events to
** ev in a fixed order (the report's projects first, then the previous
** round's, then the plan's).  RG_ENOMEM is the only error.
*/
int rg_follow_compare(const rg_model *plan, const rg_model *prev, const rg_model *cur,
	const rg_spelling *sp, rg_follow_events *ev);

/*
** Append the finding of event e to out (rg_model_add_finding with an
** English message and its args: seq, name, before, after, year, plan,
** budget, candidates, as the code needs; rules/findings.th.tsv words them
** in Thai).  0 or RG_ENOMEM.
*/
int rg_follow_finding(const rg_follow_event *e, const rg_model *plan, const rg_model *prev, const rg_model *cur,
	rg_model *out);

/* Both: every finding of cur against prev and plan, appended to out. */
int rg_follow_findings(const rg_model *plan, const rg_model *prev, const rg_model *cur,
	const rg_spelling *sp, rg_model *out);

/* The order of statuses for status_regressed: 0 none, 1 not started, pending
** report, not possible, 2 in progress, 3 completed. */
int rg_follow_status_rank(rg_status s);

#endif
