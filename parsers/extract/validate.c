/*
** validate.c - stated figures against the rows (see validate.h).
**
** A stated figure is the first value a "stated" rule finds for its key, in
** reading order.  Counts are compared with the number of projects (all, or
** of one status); amounts with the sum of the rows.  Every difference is a
** warning with both numbers; nothing is "fixed".
*/
#include "validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

static const struct {
	const char *key;
	rg_status status;          /* RG_STATUS_NONE: all projects */
	const char *words;
} counts[] = {
	{ "projects_total", RG_STATUS_NONE, "projects in all" },
	{ "pending_report", RG_STATUS_PENDING_REPORT, "projects pending report" },
	{ "in_progress", RG_STATUS_IN_PROGRESS, "projects in progress" },
	{ "completed", RG_STATUS_COMPLETED, "projects completed" },
	{ "not_possible", RG_STATUS_NOT_POSSIBLE, "projects not possible" },
	{ "not_started", RG_STATUS_NOT_STARTED, "projects not started" },
};

static void read_stated(rg_model *m, const rg_rules *rules, const char *const *lines, size_t nlines,
			pcre2_match_data *md)
{
	size_t i, k;

	for (k = 0; k < rules->len; k++) {
		const rg_rule *r = &rules->items[k];
		char value[64];
		rg_number n;

		if (strcmp(r->category, "stated") || rg_model_get_stated(m, r->label))
			continue;
		for (i = 0; i < nlines; i++) {
			if (!rg_rule_match(r, lines[i], strlen(lines[i]), md)
			    || !rg_rule_group(r, md, "n", value, sizeof(value)))
				continue;
			if (!rg_parse_amount(value, &n) || !n.set)
				continue;
			rg_model_set_stated(m, r->label, n.value);
			if (n.doubtful)
				rg_model_add_finding(m, RG_SEV_WARNING, "doubtful_value",
					"the stated %s '%s' is unclear; read as %.2f", r->label, value, n.value);
			break;
		}
	}
}

void rg_validate(rg_model *m, const rg_rules *rules, const char *const *lines, size_t nlines,
		 pcre2_match_data *md)
{
	const rg_stated *s;
	size_t i, k;
	double disbursed = 0;
	int any_disbursed = 0;

	read_stated(m, rules, lines, nlines, md);
	if (!m->n_projects)
		return;
	for (k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		size_t n = 0;
		if (!(s = rg_model_get_stated(m, counts[k].key)))
			continue;
		for (i = 0; i < m->n_projects; i++)
			if (!counts[k].status || m->projects[i].status == counts[k].status)
				n++;
		if (fabs(s->value - (double)n) > 0.5)
			rg_model_add_finding(m, RG_SEV_WARNING, "stated_count_mismatch",
				"the document states %.0f %s; its project rows give %zu", s->value, counts[k].words, n);
	}
	for (i = 0; i < m->n_projects; i++) {
		if (m->projects[i].disbursed.set) {
			disbursed += m->projects[i].disbursed.value;
			any_disbursed = 1;
		}
	}
	if ((s = rg_model_get_stated(m, "disbursed_total")) && any_disbursed && fabs(s->value - disbursed) > 0.005)
		rg_model_add_finding(m, RG_SEV_WARNING, "stated_total_mismatch",
			"the document states %.2f baht disbursed; its project rows add up to %.2f", s->value, disbursed);
}
