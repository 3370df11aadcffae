/*
** model_wire.c - the model as flat bytes between two processes (see model_wire.h).
**
** A string is a 32-bit length (UINT32_MAX for NULL) and its bytes; an array
** is its count (plus one where NULL and empty differ) and its elements; a
** number is its bytes as they are in memory.
*/
#include "model_wire.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

/* The model as this file knows it (x86-64 and arm64, LP64): a new field changes
** a size, and this file must learn it before raingan builds again. */
_Static_assert(sizeof(rg_model) == 168, "rg_model changed: write and read the new field in model_wire.c");
_Static_assert(sizeof(rg_project) == 104, "rg_project changed: write and read the new field in model_wire.c");
_Static_assert(sizeof(rg_finding) == 40, "rg_finding changed: write and read the new field in model_wire.c");
_Static_assert(sizeof(rg_finding_arg) == 16, "rg_finding_arg changed: update model_wire.c");
_Static_assert(sizeof(rg_stated) == 16, "rg_stated changed: update model_wire.c");
_Static_assert(sizeof(rg_year_amount) == 24, "rg_year_amount changed: update model_wire.c");

#define NULL_STR UINT32_MAX

/* ---- writing ----------------------------------------------------------------------------- */

static void put_u32(rg_buf *b, uint32_t v)
{
	rg_buf_put(b, (const char *)&v, sizeof(v));
}

static void put_int(rg_buf *b, int v)
{
	rg_buf_put(b, (const char *)&v, sizeof(v));
}

static void put_double(rg_buf *b, double v)
{
	rg_buf_put(b, (const char *)&v, sizeof(v));
}

static void put_str(rg_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u32(b, s ? (uint32_t)n : NULL_STR);
	if (s)
		rg_buf_put(b, s, n);
}

static void put_amount(rg_buf *b, rg_amount a)
{
	put_int(b, a.set);
	put_double(b, a.set ? a.value : 0);
}

void rg_model_wire_write(rg_buf *b, const rg_model *m)
{
	size_t i, k;

	put_str(b, m->file);
	put_str(b, m->format);
	put_str(b, m->sha256);
	put_int(b, (int)m->kind);
	put_str(b, m->org_name);
	put_int(b, (int)m->org_type);
	put_str(b, m->district);
	put_str(b, m->province);
	put_int(b, m->fiscal_year);
	put_int(b, m->round_months);
	put_int(b, m->plan_from);
	put_int(b, m->plan_to);
	rg_buf_put(b, m->as_of, sizeof(m->as_of));
	put_u32(b, (uint32_t)m->n_projects);
	for (i = 0; i < m->n_projects; i++) {
		const rg_project *p = &m->projects[i];
		put_str(b, p->seq);
		put_str(b, p->name);
		put_int(b, (int)p->kind);
		put_int(b, p->dimension);
		put_str(b, p->mission);
		put_amount(b, p->budget);
		put_int(b, p->no_budget);
		put_u32(b, p->budget_by_year ? (uint32_t)p->n_budget_by_year + 1 : 0);   /* 0: null */
		for (k = 0; p->budget_by_year && k < p->n_budget_by_year; k++) {
			put_int(b, p->budget_by_year[k].year);
			put_amount(b, p->budget_by_year[k].amount);
		}
		put_amount(b, p->disbursed);
		put_int(b, (int)p->status);
		put_str(b, p->responsible);
	}
	put_u32(b, (uint32_t)m->n_stated);
	for (i = 0; i < m->n_stated; i++) {
		put_str(b, m->stated[i].key);
		put_double(b, m->stated[i].value);
	}
	put_u32(b, (uint32_t)m->n_findings);
	for (i = 0; i < m->n_findings; i++) {
		const rg_finding *f = &m->findings[i];
		put_int(b, (int)f->severity);
		put_str(b, f->code);
		put_str(b, f->message);
		put_u32(b, f->args ? (uint32_t)f->n_args + 1 : 0);
		for (k = 0; f->args && k < f->n_args; k++) {
			put_str(b, f->args[k].name);
			put_str(b, f->args[k].value);
		}
	}
}

/* ---- reading ----------------------------------------------------------------------------- */

typedef struct {
	const char *p, *end;
	int rc;                  /* the first error; later reads do nothing */
} reader;

static int take(reader *r, void *dst, size_t n)
{
	if (r->rc)
		return -1;
	if ((size_t)(r->end - r->p) < n) {
		r->rc = rg_error_set(RG_EFORMAT, "a model's bytes are cut short");
		return -1;
	}
	memcpy(dst, r->p, n);
	r->p += n;
	return 0;
}

static uint32_t get_u32(reader *r)
{
	uint32_t v = 0;

	take(r, &v, sizeof(v));
	return v;
}

static int get_int(reader *r)
{
	int v = 0;

	take(r, &v, sizeof(v));
	return v;
}

static double get_double(reader *r)
{
	double v = 0;

	take(r, &v, sizeof(v));
	return v;
}

static char *get_str(reader *r)
{
	uint32_t n = get_u32(r);
	char *s;

	if (r->rc || n == NULL_STR)
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->rc = rg_error_set(RG_EFORMAT, "a model's bytes are cut short");
		return NULL;
	}
	if (!(s = malloc((size_t)n + 1))) {
		r->rc = rg_error_set(RG_ENOMEM, "out of memory");
		return NULL;
	}
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	return s;
}

static rg_amount get_amount(reader *r)
{
	rg_amount a;

	a.set = get_int(r);
	a.value = get_double(r);
	return a;
}

/* An array of n elements of size bytes (n from the bytes: bounded by what is left). */
static void *get_array(reader *r, size_t n, size_t size)
{
	void *p;

	if (r->rc || !n)
		return NULL;
	if (n > (size_t)(r->end - r->p)) {   /* every element takes at least a byte */
		r->rc = rg_error_set(RG_EFORMAT, "a model's bytes are out of shape");
		return NULL;
	}
	if (!(p = calloc(n, size)))
		r->rc = rg_error_set(RG_ENOMEM, "out of memory");
	return p;
}

int rg_model_wire_read(const char *data, size_t len, rg_model **out)
{
	reader r = { data, data + len, 0 };
	rg_model *m;
	size_t i, k, n;

	*out = NULL;
	if (!(m = rg_model_new()))
		return RG_ENOMEM;
	m->file = get_str(&r);
	m->format = get_str(&r);
	m->sha256 = get_str(&r);
	m->kind = (rg_doc_kind)get_int(&r);
	m->org_name = get_str(&r);
	m->org_type = (rg_org_type)get_int(&r);
	m->district = get_str(&r);
	m->province = get_str(&r);
	m->fiscal_year = get_int(&r);
	m->round_months = get_int(&r);
	m->plan_from = get_int(&r);
	m->plan_to = get_int(&r);
	take(&r, m->as_of, sizeof(m->as_of));
	m->as_of[sizeof(m->as_of) - 1] = '\0';
	n = get_u32(&r);
	m->projects = get_array(&r, n, sizeof(*m->projects));
	for (i = 0; m->projects && i < n && !r.rc; i++) {
		rg_project *p = &m->projects[i];
		m->n_projects = m->cap_projects = i + 1;
		p->seq = get_str(&r);
		p->name = get_str(&r);
		p->kind = (rg_item_kind)get_int(&r);
		p->dimension = get_int(&r);
		p->mission = get_str(&r);
		p->budget = get_amount(&r);
		p->no_budget = get_int(&r);
		k = get_u32(&r);
		if (k && !r.rc) {
			/* an empty object is not null: one element is kept for it */
			p->budget_by_year = k > 1 ? get_array(&r, k - 1, sizeof(*p->budget_by_year))
				: calloc(1, sizeof(*p->budget_by_year));
			if (!p->budget_by_year && !r.rc)
				r.rc = rg_error_set(RG_ENOMEM, "out of memory");
			for (p->n_budget_by_year = 0; p->budget_by_year && p->n_budget_by_year < k - 1 && !r.rc;
			     p->n_budget_by_year++) {
				p->budget_by_year[p->n_budget_by_year].year = get_int(&r);
				p->budget_by_year[p->n_budget_by_year].amount = get_amount(&r);
			}
		}
		p->disbursed = get_amount(&r);
		p->status = (rg_status)get_int(&r);
		p->responsible = get_str(&r);
	}
	n = get_u32(&r);
	m->stated = get_array(&r, n, sizeof(*m->stated));
	for (i = 0; m->stated && i < n && !r.rc; i++) {
		m->n_stated = m->cap_stated = i + 1;
		m->stated[i].key = get_str(&r);
		m->stated[i].value = get_double(&r);
	}
	n = get_u32(&r);
	m->findings = get_array(&r, n, sizeof(*m->findings));
	for (i = 0; m->findings && i < n && !r.rc; i++) {
		rg_finding *f = &m->findings[i];
		m->n_findings = m->cap_findings = i + 1;
		f->severity = (rg_severity)get_int(&r);
		f->code = get_str(&r);
		f->message = get_str(&r);
		k = get_u32(&r);
		if (k && !r.rc) {
			f->args = k > 1 ? get_array(&r, k - 1, sizeof(*f->args)) : calloc(1, sizeof(*f->args));
			if (!f->args && !r.rc)
				r.rc = rg_error_set(RG_ENOMEM, "out of memory");
			for (f->n_args = 0; f->args && f->n_args < k - 1 && !r.rc; f->n_args++) {
				f->args[f->n_args].name = get_str(&r);
				f->args[f->n_args].value = get_str(&r);
			}
		}
	}
	if (!r.rc && r.p != r.end)
		r.rc = rg_error_set(RG_EFORMAT, "a model's bytes are out of shape");
	if (r.rc) {
		rg_model_free(m);
		return r.rc;
	}
	*out = m;
	return 0;
}
