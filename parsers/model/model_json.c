/*
** model_json.c - the normalized model as JSON (the output of `raingan parse`,
** of `raingan export --format jsonl`); model_load.c reads it back.
**
** Field order follows docs/MODEL.md.  Amounts are written with two
** decimals; absent values are null.
*/
#include "model_json.h"

#include <stdio.h>

#include "../core/json.h"

static void amount(rg_json *j, const char *key, rg_amount a)
{
	rg_json_key(j, key);
	if (a.set)
		rg_json_amount(j, a.value);
	else
		rg_json_null(j);
}

static void int_or_null(rg_json *j, const char *key, int v)
{
	rg_json_key(j, key);
	if (v)
		rg_json_int(j, v);
	else
		rg_json_null(j);
}

static void project(rg_json *j, const rg_project *p)
{
	size_t i;
	char year[16];

	rg_json_object_begin(j);
	rg_json_key(j, "seq");
	rg_json_string(j, p->seq);
	rg_json_key(j, "name");
	rg_json_string(j, p->name);
	rg_json_key(j, "kind");
	rg_json_string(j, rg_item_kind_name(p->kind));
	int_or_null(j, "dimension", p->dimension);
	rg_json_key(j, "mission");
	rg_json_string(j, p->mission);
	amount(j, "budget", p->budget);
	rg_json_key(j, "no_budget");
	rg_json_bool(j, p->no_budget);
	rg_json_key(j, "budget_by_year");
	if (p->budget_by_year) {
		rg_json_object_begin(j);
		for (i = 0; i < p->n_budget_by_year; i++) {
			snprintf(year, sizeof(year), "%d", p->budget_by_year[i].year);
			amount(j, year, p->budget_by_year[i].amount);
		}
		rg_json_object_end(j);
	} else {
		rg_json_null(j);
	}
	amount(j, "disbursed", p->disbursed);
	rg_json_key(j, "status");
	rg_json_string(j, rg_status_name(p->status));
	rg_json_key(j, "responsible");
	rg_json_string(j, p->responsible);
	rg_json_object_end(j);
}

/* A finding's figures as one object of strings, in the order they were named. */
static void finding_args(rg_json *j, const rg_finding *f)
{
	size_t k;

	rg_json_object_begin(j);
	for (k = 0; k < f->n_args; k++) {
		rg_json_key(j, f->args[k].name);
		rg_json_string(j, f->args[k].value);
	}
	rg_json_object_end(j);
}

void rg_finding_args_write_json(rg_buf *out, const rg_finding *f)
{
	rg_json j;

	rg_json_init(&j, out, -1);
	finding_args(&j, f);
}

void rg_model_write_json(rg_buf *out, const rg_model *m, int indent)
{
	rg_json j;
	size_t i;

	rg_json_init(&j, out, indent);
	rg_json_object_begin(&j);

	rg_json_key(&j, "source");
	rg_json_object_begin(&j);
	rg_json_key(&j, "file");
	rg_json_string(&j, m->file);
	rg_json_key(&j, "format");
	rg_json_string(&j, m->format);
	rg_json_key(&j, "sha256");
	rg_json_string(&j, m->sha256);
	rg_json_object_end(&j);

	rg_json_key(&j, "kind");
	rg_json_string(&j, rg_doc_kind_name(m->kind));
	rg_json_key(&j, "organization");
	rg_json_object_begin(&j);
	rg_json_key(&j, "name");
	rg_json_string(&j, m->org_name);
	rg_json_key(&j, "type");
	rg_json_string(&j, m->org_name ? rg_org_type_name(m->org_type) : NULL);
	rg_json_key(&j, "district");
	rg_json_string(&j, m->district);
	rg_json_key(&j, "province");
	rg_json_string(&j, m->province);
	rg_json_object_end(&j);

	int_or_null(&j, "fiscal_year", m->fiscal_year);
	int_or_null(&j, "round_months", m->round_months);
	rg_json_key(&j, "plan_period");
	if (m->plan_from || m->plan_to) {
		rg_json_object_begin(&j);
		int_or_null(&j, "from", m->plan_from);
		int_or_null(&j, "to", m->plan_to);
		rg_json_object_end(&j);
	} else {
		rg_json_null(&j);
	}
	rg_json_key(&j, "as_of");
	rg_json_string(&j, m->as_of[0] ? m->as_of : NULL);

	rg_json_key(&j, "projects");
	rg_json_array_begin(&j);
	for (i = 0; i < m->n_projects; i++)
		project(&j, &m->projects[i]);
	rg_json_array_end(&j);

	rg_json_key(&j, "stated");
	rg_json_object_begin(&j);
	for (i = 0; i < m->n_stated; i++) {
		rg_json_key(&j, m->stated[i].key);
		rg_json_double(&j, m->stated[i].value);
	}
	rg_json_object_end(&j);

	rg_json_key(&j, "findings");
	rg_json_array_begin(&j);
	for (i = 0; i < m->n_findings; i++) {
		const rg_finding *f = &m->findings[i];
		rg_json_object_begin(&j);
		rg_json_key(&j, "severity");
		rg_json_string(&j, rg_severity_name(f->severity));
		rg_json_key(&j, "code");
		rg_json_string(&j, f->code);
		rg_json_key(&j, "message");
		rg_json_string(&j, f->message);
		if (f->n_args) {
			rg_json_key(&j, "args");
			finding_args(&j, f);
		}
		rg_json_object_end(&j);
	}
	rg_json_array_end(&j);

	rg_json_object_end(&j);
	rg_buf_putc(out, '\n');
}
