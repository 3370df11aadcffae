/*
** model.c - allocation and naming for the normalized model (see model.h).
*/
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/error.h"

rg_model *rg_model_new(void)
{
	rg_model *m = calloc(1, sizeof(*m));
	if (!m)
		rg_error_set(RG_ENOMEM, "out of memory");
	return m;
}

void rg_project_clear(rg_project *p)
{
	free(p->seq);
	free(p->name);
	free(p->mission);
	free(p->responsible);
	free(p->budget_by_year);
	memset(p, 0, sizeof(*p));
}

void rg_model_free(rg_model *m)
{
	size_t i;

	if (!m)
		return;
	free(m->file);
	free(m->format);
	free(m->sha256);
	free(m->org_name);
	free(m->district);
	free(m->province);
	for (i = 0; i < m->n_projects; i++)
		rg_project_clear(&m->projects[i]);
	free(m->projects);
	for (i = 0; i < m->n_stated; i++)
		free(m->stated[i].key);
	free(m->stated);
	for (i = 0; i < m->n_findings; i++) {
		size_t k;
		free(m->findings[i].code);
		free(m->findings[i].message);
		for (k = 0; k < m->findings[i].n_args; k++) {
			free(m->findings[i].args[k].name);
			free(m->findings[i].args[k].value);
		}
		free(m->findings[i].args);
	}
	free(m->findings);
	free(m);
}

/* Make room for one more element in a growable array. */
static int reserve(void **items, size_t *cap, size_t len, size_t size)
{
	size_t ncap;
	void *p;

	if (len < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 8;
	p = realloc(*items, ncap * size);
	if (!p)
		return rg_error_set(RG_ENOMEM, "out of memory");
	*items = p;
	*cap = ncap;
	return 0;
}

rg_project *rg_model_add_project(rg_model *m)
{
	rg_project *p;

	if (reserve((void **)&m->projects, &m->cap_projects, m->n_projects, sizeof(*p)))
		return NULL;
	p = &m->projects[m->n_projects++];
	memset(p, 0, sizeof(*p));
	return p;
}

int rg_model_set_str(char **dst, const char *src)
{
	char *s = NULL;

	if (src && !(s = strdup(src)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	free(*dst);
	*dst = s;
	return 0;
}

int rg_model_set_stated(rg_model *m, const char *key, double value)
{
	size_t i;

	for (i = 0; i < m->n_stated; i++) {
		if (!strcmp(m->stated[i].key, key)) {
			m->stated[i].value = value;
			return 0;
		}
	}
	if (reserve((void **)&m->stated, &m->cap_stated, m->n_stated, sizeof(*m->stated)))
		return RG_ENOMEM;
	if (!(m->stated[m->n_stated].key = strdup(key)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	m->stated[m->n_stated++].value = value;
	return 0;
}

const rg_stated *rg_model_get_stated(const rg_model *m, const char *key)
{
	size_t i;

	for (i = 0; i < m->n_stated; i++)
		if (!strcmp(m->stated[i].key, key))
			return &m->stated[i];
	return NULL;
}

int rg_model_add_finding(rg_model *m, rg_severity sev, const char *code, const char *fmt, ...)
{
	rg_buf msg = RG_BUF_INIT;
	rg_finding *f;
	va_list ap;
	int n;

	if (reserve((void **)&m->findings, &m->cap_findings, m->n_findings, sizeof(*f)))
		return RG_ENOMEM;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || rg_buf_grow(&msg, (size_t)n))
		return rg_error_set(RG_ENOMEM, "out of memory");
	va_start(ap, fmt);
	vsnprintf(msg.ptr, (size_t)n + 1, fmt, ap);
	va_end(ap);
	msg.len = (size_t)n;
	f = &m->findings[m->n_findings];
	f->severity = sev;
	f->message = rg_buf_detach(&msg);
	f->code = strdup(code);
	f->args = NULL;
	f->n_args = 0;
	if (!f->code || !f->message) {
		free(f->code);
		free(f->message);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	m->n_findings++;
	return 0;
}

int rg_model_finding_arg(rg_model *m, const char *name, const char *value)
{
	rg_finding *f;
	rg_finding_arg *a;

	if (!m->n_findings)
		return rg_error_set(RG_EUSAGE, "a finding figure without a finding");
	f = &m->findings[m->n_findings - 1];
	if (!(a = realloc(f->args, (f->n_args + 1) * sizeof(*a))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	f->args = a;
	a += f->n_args;
	a->name = strdup(name);
	a->value = strdup(value ? value : "");
	if (!a->name || !a->value) {
		free(a->name);
		free(a->value);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	f->n_args++;
	return 0;
}

static const char *const doc_kind_names[] = { "other", "progress_report", "action_plan", "integrity_report" };
static const char *const org_type_names[] = { "other", "pao", "sao", "city_municipality",
	"town_municipality", "subdistrict_municipality" };
static const char *const item_kind_names[] = { "other", "project", "activity", "measure" };
static const char *const status_names[] = { NULL, "pending_report", "in_progress", "completed",
	"not_possible", "not_started" };
static const char *const severity_names[] = { "info", "warning", "error" };

#define NAME_OF(table, v) ((unsigned)(v) < sizeof(table) / sizeof(table[0]) ? table[v] : table[0])

static int index_of(const char *const *table, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (table[i] && !strcmp(table[i], s))
			return (int)i;
	return 0;
}

#define INDEX_OF(table, s) index_of(table, sizeof(table) / sizeof(table[0]), s)

const char *rg_doc_kind_name(rg_doc_kind k) { return NAME_OF(doc_kind_names, k); }
const char *rg_org_type_name(rg_org_type t) { return NAME_OF(org_type_names, t); }
const char *rg_item_kind_name(rg_item_kind k) { return NAME_OF(item_kind_names, k); }
const char *rg_status_name(rg_status s) { return NAME_OF(status_names, s); }
const char *rg_severity_name(rg_severity s) { return NAME_OF(severity_names, s); }
rg_doc_kind rg_doc_kind_from_name(const char *s) { return (rg_doc_kind)INDEX_OF(doc_kind_names, s); }
rg_org_type rg_org_type_from_name(const char *s) { return (rg_org_type)INDEX_OF(org_type_names, s); }
rg_item_kind rg_item_kind_from_name(const char *s) { return (rg_item_kind)INDEX_OF(item_kind_names, s); }
rg_status rg_status_from_name(const char *s) { return (rg_status)INDEX_OF(status_names, s); }
rg_severity rg_severity_from_name(const char *s) { return (rg_severity)INDEX_OF(severity_names, s); }
