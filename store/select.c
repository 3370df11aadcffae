/*
** select.c - reading the store: the filing filter as SQL (the same meaning
** as rg_filing_filter_matches in C), filings read back as models from one
** snapshot, the stored digests, and the failures.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "model/model_load.h"
#include "model/org.h"
#include "store_int.h"

/* ---- the filter as SQL ---------------------------------------------------- */

#define MAX_PARAMS 16

/* " AND ..." clauses over filings f and organizations o, and their parameters. */
typedef struct {
	rg_buf where;
	int n;
	struct {
		const char *text;       /* NULL: the number */
		long long number;
	} p[MAX_PARAMS];
	char org_full[RG_ORG_TEXT * 2];
} filter_sql;

static int add_text(filter_sql *q, const char *v)
{
	q->p[q->n].text = v;
	return ++q->n;
}

static int add_number(filter_sql *q, long long v)
{
	q->p[q->n].text = NULL;
	q->p[q->n].number = v;
	return ++q->n;
}

static void build_filter(const rg_filing_filter *f, filter_sql *q)
{
	rg_doc_kind k;
	int first = 1, n;

	memset(q, 0, sizeof(*q));
	if (!f->history)
		rg_buf_puts(&q->where, " AND f.is_current = 1");
	if (f->no_strays)
		rg_buf_puts(&q->where, " AND NOT (f.kind = 'other' AND f.org_name IS NULL)");
	if (f->kinds) {
		rg_buf_puts(&q->where, " AND f.kind IN (");
		for (k = RG_KIND_OTHER; k <= RG_KIND_INTEGRITY_REPORT; k++)
			if (f->kinds & RG_FILTER_KIND(k)) {
				rg_buf_printf(&q->where, "%s$%d", first ? "" : ", ", add_text(q, rg_doc_kind_name(k)));
				first = 0;
			}
		rg_buf_puts(&q->where, first ? "NULL)" : ")");
	}
	if (f->fiscal_year) {
		n = add_number(q, f->fiscal_year);
		rg_buf_printf(&q->where, " AND (f.fiscal_year = $%d OR (f.plan_from IS NOT NULL AND f.plan_from <= $%d"
			" AND $%d <= coalesce(f.plan_to, f.plan_from)))", n, n, n);
	}
	if (f->round_months)
		rg_buf_printf(&q->where, " AND f.round_months = $%d", add_number(q, f->round_months));
	if (f->province == rg_filter_no_province)
		rg_buf_puts(&q->where, " AND f.province IS NULL");
	else if (f->province && *f->province)
		rg_buf_printf(&q->where, " AND f.province = $%d", add_text(q, f->province));
	if (f->org && *f->org) {
		rg_filter_org_full(f->org, q->org_full, sizeof(q->org_full));
		n = add_text(q, f->org);
		if (q->org_full[0])
			rg_buf_printf(&q->where, " AND ({STRPOS}(f.org_name, $%d) > 0 OR {STRPOS}(o.name, $%d) > 0)",
				n, add_text(q, q->org_full));
		else
			rg_buf_printf(&q->where, " AND {STRPOS}(f.org_name, $%d) > 0", n);
	}
}

static int bind_filter(rg_store *s, rg_db_stmt *st, const filter_sql *q)
{
	int i, rc = 0;

	for (i = 0; i < q->n && !rc; i++)
		rc = q->p[i].text ? s->be->bind_text(st, i + 1, q->p[i].text) : s->be->bind_int(st, i + 1, q->p[i].number);
	return rc ? rg_store_fail(s, "cannot select filings") : 0;
}

/* ---- models ---------------------------------------------------------------- */

static const char filings_head[] =
	"SELECT f.id, f.source_path, f.format, f.sha256, f.kind, f.org_name, f.org_type, f.district, f.province,"
	" f.fiscal_year, f.round_months, f.plan_from, f.plan_to, f.as_of, o.id, " RG_ORG_CANDIDATES
	" FROM filings f LEFT JOIN organizations o ON o.id = f.organization_id WHERE 1 = 1";
static const char filings_tail[] = " ORDER BY " RG_FILING_ORDER;

static const char projects_sql[] =
	"SELECT id, seq, name, kind, dimension, mission, budget, no_budget, disbursed, status, responsible"
	" FROM projects WHERE filing_id = $1 ORDER BY position";
/* every yearly budget of a filing at once (one query, not one a project: a round trip each on a server) */
static const char years_sql[] =
	"SELECT y.project_id, y.year, y.amount FROM project_years y JOIN projects p ON p.id = y.project_id"
	" WHERE p.filing_id = $1 ORDER BY p.position, y.position";
static const char stated_sql[] = "SELECT key, value FROM stated WHERE filing_id = $1 ORDER BY position";
static const char findings_sql[] =
	"SELECT severity, code, message, args FROM findings WHERE filing_id = $1 ORDER BY position";
static const char candidates_sql[] =
	"SELECT c.district, c.province FROM organizations c JOIN organizations o ON o.id = $1"
	" WHERE c.type = o.type AND c.place = o.place AND c.id <> o.id"
	" AND (o.district = '' OR c.district = o.district) AND (o.province = '' OR c.province = o.province)"
	" ORDER BY c.province {C}, c.district {C}";

/* The statements of one load, prepared once, and the filter's values they are bound to. */
typedef struct {
	rg_store *s;
	rg_db_stmt *filings, *projects, *years, *stated, *findings, *candidates;
	filter_sql q;             /* bound text stays valid while the statement runs (backend.h) */
} loader;

static void loader_close(loader *l)
{
	rg_sql_finalize(l->s, l->filings);
	rg_sql_finalize(l->s, l->projects);
	rg_sql_finalize(l->s, l->years);
	rg_sql_finalize(l->s, l->stated);
	rg_sql_finalize(l->s, l->findings);
	rg_sql_finalize(l->s, l->candidates);
}

static int loader_open(loader *l, rg_store *s, const rg_filing_filter *f)
{
	rg_buf sql = RG_BUF_INIT;
	filter_sql *q = &l->q;
	int rc;

	memset(l, 0, sizeof(*l));
	l->s = s;
	build_filter(f, q);
	rg_buf_puts(&sql, filings_head);
	rg_buf_put(&sql, q->where.ptr, q->where.len);
	rg_buf_puts(&sql, filings_tail);
	rc = rg_buf_oom(&sql) || rg_buf_oom(&q->where) ? rg_error_set(RG_ENOMEM, "out of memory") : 0;
	if (!rc && !(rc = rg_sql_prepare(s, rg_buf_cstr(&sql), &l->filings)))
		rc = bind_filter(s, l->filings, q);
	if (!rc)
		rc = rg_sql_prepare(s, projects_sql, &l->projects);
	if (!rc)
		rc = rg_sql_prepare(s, years_sql, &l->years);
	if (!rc)
		rc = rg_sql_prepare(s, stated_sql, &l->stated);
	if (!rc)
		rc = rg_sql_prepare(s, findings_sql, &l->findings);
	if (!rc)
		rc = rg_sql_prepare(s, candidates_sql, &l->candidates);
	rg_buf_free(&sql);
	rg_buf_free(&q->where);
	if (rc)
		loader_close(l);
	return rc;
}

/* Copy a text column (NULL stays NULL). */
static int col_str(loader *l, rg_db_stmt *st, int i, char **dst)
{
	return rg_model_set_str(dst, l->s->be->column_text(st, i));
}

static int col_int(loader *l, rg_db_stmt *st, int i)
{
	return l->s->be->column_is_null(st, i) ? 0 : (int)l->s->be->column_int(st, i);   /* NULL: the model's 0 */
}

static rg_amount col_amount(loader *l, rg_db_stmt *st, int i)
{
	rg_amount a = { 0, 0.0 };

	if (!l->s->be->column_is_null(st, i)) {
		a.set = 1;
		a.value = l->s->be->column_double(st, i);
	}
	return a;
}

/* Restart a per-filing statement with its one id. */
static int rebind(loader *l, rg_db_stmt *st, long long id)
{
	l->s->be->reset(st);
	return l->s->be->bind_int(st, 1, id) ? rg_store_fail(l->s, "cannot read a filing") : 0;
}

/* The end of a row loop: rc is the last step's result (an error, or DONE). */
static int step_end(loader *l, int rc, const char *what)
{
	if (rc >= 0)
		return 0;
	return rc == RG_ENOMEM ? rc : rg_store_fail(l->s, what);
}

/* The yearly budgets of a filing's projects, whose ids (in the projects' order) are ids. */
static int load_years(loader *l, long long filing_id, const long long *ids, rg_model *m)
{
	rg_year_amount *ya;
	rg_project *p;
	size_t k = 0;
	long long id;
	int rc;

	if (rebind(l, l->years, filing_id))
		return RG_ERROR;
	while ((rc = l->s->be->step(l->years)) == RG_DB_ROW) {
		id = l->s->be->column_int(l->years, 0);
		while (k < m->n_projects && ids[k] != id)   /* both in the projects' order */
			k++;
		if (k == m->n_projects)
			return rg_error_set(RG_ERROR, "%s: a yearly budget of no project of its filing", l->s->name);
		p = &m->projects[k];
		if (!(p->n_budget_by_year & (p->n_budget_by_year + 1))) {
			/* full at 0, 1, 3, 7 ... years: room for twice as many */
			if (!(ya = realloc(p->budget_by_year, (p->n_budget_by_year * 2 + 1) * sizeof(*ya)))) {
				rc = rg_error_set(RG_ENOMEM, "out of memory");
				break;
			}
			p->budget_by_year = ya;
		}
		ya = &p->budget_by_year[p->n_budget_by_year++];
		ya->year = col_int(l, l->years, 1);
		ya->amount = col_amount(l, l->years, 2);
	}
	return step_end(l, rc, "cannot read yearly budgets");
}

static int load_project(loader *l, rg_project *p)
{
	rg_db_stmt *st = l->projects;

	if (col_str(l, st, 1, &p->seq) || col_str(l, st, 2, &p->name) || col_str(l, st, 5, &p->mission) ||
	    col_str(l, st, 10, &p->responsible))
		return RG_ENOMEM;
	p->kind = rg_item_kind_from_name(l->s->be->column_text(st, 3));
	p->dimension = col_int(l, st, 4);
	p->budget = col_amount(l, st, 6);
	p->no_budget = col_int(l, st, 7);
	p->disbursed = col_amount(l, st, 8);
	p->status = rg_status_from_name(l->s->be->column_text(st, 9));
	return 0;
}

/* A filing's projects, then their yearly budgets. */
static int load_projects(loader *l, long long filing_id, rg_model *m)
{
	long long *ids = NULL, *more;
	size_t cap = 0;
	rg_project *p;
	int rc;

	if (rebind(l, l->projects, filing_id))
		return RG_ERROR;
	while ((rc = l->s->be->step(l->projects)) == RG_DB_ROW) {
		if (m->n_projects == cap) {
			cap = cap ? cap * 2 : 64;
			if (!(more = realloc(ids, cap * sizeof(*ids)))) {
				rc = RG_ENOMEM;
				break;
			}
			ids = more;
		}
		p = rg_model_add_project(m);
		if ((rc = p ? load_project(l, p) : RG_ENOMEM))
			break;
		ids[m->n_projects - 1] = l->s->be->column_int(l->projects, 0);
	}
	rc = rc == RG_ENOMEM ? rc : step_end(l, rc, "cannot read projects");
	if (!rc && m->n_projects)
		rc = load_years(l, filing_id, ids, m);
	free(ids);
	return rc;
}

static int load_stated(loader *l, long long filing_id, rg_model *m)
{
	int rc;

	if (rebind(l, l->stated, filing_id))
		return RG_ERROR;
	while ((rc = l->s->be->step(l->stated)) == RG_DB_ROW)
		if (rg_model_set_stated(m, l->s->be->column_text(l->stated, 0), l->s->be->column_double(l->stated, 1))) {
			rc = RG_ENOMEM;
			break;
		}
	return step_end(l, rc, "cannot read stated totals");
}

static int load_findings(loader *l, long long filing_id, rg_model *m)
{
	rg_db_stmt *st = l->findings;
	const char *msg;
	int rc;

	if (rebind(l, st, filing_id))
		return RG_ERROR;
	while ((rc = l->s->be->step(st)) == RG_DB_ROW) {
		msg = l->s->be->column_text(st, 2);
		if (rg_model_add_finding(m, rg_severity_from_name(l->s->be->column_text(st, 0)),
			l->s->be->column_text(st, 1), "%s", msg ? msg : "")) {
			rc = RG_ENOMEM;
			break;
		}
		if ((rc = rg_model_finding_args_load(m, l->s->be->column_text(st, 3))))
			break;
	}
	return step_end(l, rc, "cannot read findings");
}

/* The store's own finding (docs/MODEL.md): the filing's organization cannot be
** told apart from the n others that it may be, so it is kept as its own. */
static int add_ambiguity(loader *l, long long org_id, long long n, rg_model *m)
{
	const rg_store_backend *be = l->s->be;
	rg_buf list = RG_BUF_INIT;
	const char *d, *p;
	int rc;

	if (rebind(l, l->candidates, org_id))
		return RG_ERROR;
	while ((rc = be->step(l->candidates)) == RG_DB_ROW) {
		d = be->column_text(l->candidates, 0);
		p = be->column_text(l->candidates, 1);
		rg_buf_printf(&list, "%s%s%s%s%s%s", list.len ? ", " : "", d && *d ? "อำเภอ" : "", d ? d : "",
			d && *d && p && *p ? " " : "", p && *p ? "จังหวัด" : "", p ? p : "");
	}
	if (!(rc = step_end(l, rc, "cannot read organizations")) && rg_buf_oom(&list))
		rc = rg_error_set(RG_ENOMEM, "out of memory");
	if (!rc) {
		int no_district = !m->district || !*m->district;
		char count[32];
		snprintf(count, sizeof(count), "%lld", n);
		if (rg_model_add_finding(m, RG_SEV_WARNING, "organization_ambiguous",
			"the filing states no %s of its organization, and %lld other organization%s of that name may be it (%s):"
			" it is kept as its own, merged with none", no_district ? "district" : "province",
			n, n == 1 ? "" : "s", rg_buf_cstr(&list)) ||
		    rg_model_finding_arg(m, "what", no_district ? "อำเภอ" : "จังหวัด") ||
		    rg_model_finding_arg(m, "count", count) ||
		    rg_model_finding_arg(m, "candidates", rg_buf_cstr(&list)))
			rc = RG_ENOMEM;
	}
	rg_buf_free(&list);
	return rc;
}

/* The filing fields of the current row of l->filings. */
static int load_filing_row(loader *l, rg_model *m)
{
	rg_db_stmt *st = l->filings;
	const char *as_of;

	if (col_str(l, st, 1, &m->file) || col_str(l, st, 2, &m->format) || col_str(l, st, 3, &m->sha256) ||
	    col_str(l, st, 5, &m->org_name) || col_str(l, st, 7, &m->district) || col_str(l, st, 8, &m->province))
		return RG_ENOMEM;
	m->kind = rg_doc_kind_from_name(l->s->be->column_text(st, 4));
	m->org_type = rg_org_type_from_name(l->s->be->column_text(st, 6));
	m->fiscal_year = col_int(l, st, 9);
	m->round_months = col_int(l, st, 10);
	m->plan_from = col_int(l, st, 11);
	m->plan_to = col_int(l, st, 12);
	as_of = l->s->be->column_text(st, 13);
	if (as_of)
		snprintf(m->as_of, sizeof(m->as_of), "%s", as_of);
	return 0;
}

/* The whole model of the current row of l->filings. */
static int load_model(loader *l, rg_model **out)
{
	const rg_store_backend *be = l->s->be;
	long long id = be->column_int(l->filings, 0), org_id = be->column_int(l->filings, 14);
	long long candidates = be->column_int(l->filings, 15);
	rg_model *m;
	int rc;

	*out = NULL;
	if (!(m = rg_model_new()))
		return RG_ENOMEM;
	rc = load_filing_row(l, m);
	if (!rc)
		rc = load_projects(l, id, m);
	if (!rc)
		rc = load_stated(l, id, m);
	if (!rc)
		rc = load_findings(l, id, m);
	if (!rc && candidates > 0)
		rc = add_ambiguity(l, org_id, candidates, m);
	if (rc) {
		rg_model_free(m);
		return rc == RG_ENOMEM ? rg_error_set(RG_ENOMEM, "out of memory") : rc;
	}
	*out = m;
	return 0;
}

/*
** Load the filings f selects from one snapshot (a read transaction, so an
** ingest writing at the same time is no problem) and hand each model to
** take, which owns it from then on; a non-zero return stops and is returned.
*/
static int each_loaded(rg_store *s, const rg_filing_filter *f, int (*take)(rg_model *m, void *ctx), void *ctx)
{
	rg_filing_filter all;
	loader l;
	rg_model *m;
	int rc, stop = 0;

	if (!f) {
		rg_filing_filter_init(&all);
		f = &all;
	}
	if ((rc = s->be->begin(s->db, RG_TX_READ)))
		return rg_store_fail(s, "cannot begin a read");
	if ((rc = loader_open(&l, s, f))) {
		s->be->rollback(s->db);
		return rc;
	}
	while ((rc = s->be->step(l.filings)) == RG_DB_ROW)
		if ((stop = load_model(&l, &m)) || (stop = take(m, ctx)))
			break;
	if (!stop && rc < 0)
		stop = rg_store_fail(s, "cannot read filings");
	loader_close(&l);
	s->be->rollback(s->db);   /* a read: ending it cannot lose anything */
	return stop;
}

typedef struct {
	int (*fn)(const rg_model *m, void *ctx);
	void *ctx;
} visit;

static int visit_and_free(rg_model *m, void *ctx)
{
	visit *v = ctx;
	int stop = v->fn(m, v->ctx);

	rg_model_free(m);
	return stop;
}

int rg_store_each_model(rg_store *s, const rg_filing_filter *f,
	int (*fn)(const rg_model *m, void *ctx), void *ctx)
{
	visit v = { fn, ctx };

	return each_loaded(s, f, visit_and_free, &v);
}

typedef struct {
	rg_model **items;
	size_t len, cap;
} model_array;

static int collect(rg_model *m, void *ctx)
{
	model_array *a = ctx;
	rg_model **items;

	if (a->len == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 64;
		if (!(items = realloc(a->items, cap * sizeof(*items)))) {
			rg_model_free(m);
			return rg_error_set(RG_ENOMEM, "out of memory");
		}
		a->items = items;
		a->cap = cap;
	}
	a->items[a->len++] = m;
	return 0;
}

int rg_store_load_models(rg_store *s, const rg_filing_filter *f, rg_model ***out, size_t *n)
{
	model_array a = { NULL, 0, 0 };
	int err;

	*out = NULL;
	*n = 0;
	if ((err = each_loaded(s, f, collect, &a))) {
		rg_store_free_models(a.items, a.len);
		return err;
	}
	*out = a.items;
	*n = a.len;
	return 0;
}

void rg_store_free_models(rg_model **models, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rg_model_free(models[i]);
	free(models);
}

/* ---- provinces ------------------------------------------------------------------ */

int rg_store_each_province(rg_store *s, const rg_filing_filter *f, int (*fn)(const char *province, void *ctx),
	void *ctx)
{
	rg_filing_filter all;
	rg_buf sql = RG_BUF_INIT;
	rg_db_stmt *st = NULL;
	filter_sql q;
	int rc, stop = 0;

	if (!f) {
		rg_filing_filter_init(&all);
		f = &all;
	}
	build_filter(f, &q);
	/* the sort key is in the select list, as PostgreSQL's DISTINCT wants */
	rg_buf_puts(&sql, "SELECT DISTINCT f.province, coalesce(f.province, '') {C} FROM filings f"
		" LEFT JOIN organizations o ON o.id = f.organization_id WHERE 1 = 1");
	rg_buf_put(&sql, q.where.ptr, q.where.len);
	rg_buf_puts(&sql, " ORDER BY 2");
	rc = rg_buf_oom(&sql) || rg_buf_oom(&q.where) ? rg_error_set(RG_ENOMEM, "out of memory") : 0;
	if (!rc && !(rc = rg_sql_prepare(s, rg_buf_cstr(&sql), &st)))
		rc = bind_filter(s, st, &q);
	while (!rc && !stop && (rc = s->be->step(st)) == RG_DB_ROW) {
		stop = fn(s->be->column_text(st, 0), ctx);
		rc = 0;
	}
	if (!stop && rc < 0)
		rc = rg_store_fail(s, "cannot list the provinces");
	rg_sql_finalize(s, st);
	rg_buf_free(&sql);
	rg_buf_free(&q.where);
	return stop ? stop : rc < 0 ? rc : 0;
}

/* ---- digests ------------------------------------------------------------------ */

int rg_store_has_sha256(rg_store *s, const char *sha256, int *found)
{
	rg_db_stmt *st = NULL;
	int rc;

	*found = 0;
	if ((rc = rg_sql_prepare(s, "SELECT 1 FROM filings WHERE sha256 = $1", &st)))
		return rc;
	if ((rc = s->be->bind_text(st, 1, sha256)) || (rc = rg_sql_row(s, st, found)))
		rg_store_fail(s, "cannot look up a filing");
	rg_sql_finalize(s, st);
	return rc;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* 64 hex digits to 32 bytes; -1 when it is not a digest. */
static int hex_to_digest(const char *hex, unsigned char out[32])
{
	int i, hi, lo;

	if (!hex || strlen(hex) != 64)
		return -1;
	for (i = 0; i < 32; i++) {
		hi = hex_value(hex[2 * i]);
		lo = hex_value(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

static int cmp_digest(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

int rg_store_known_digests(rg_store *s, unsigned char **out, size_t *n)
{
	unsigned char *all = NULL, *p;
	size_t len = 0, cap = 0;
	rg_db_stmt *st = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = rg_sql_prepare(s, "SELECT sha256 FROM filings WHERE reparse = 0", &st)))
		return rc;
	while ((rc = s->be->step(st)) == RG_DB_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 1024;
			if (!(p = realloc(all, cap * 32))) {
				rc = rg_error_set(RG_ENOMEM, "out of memory");
				break;
			}
			all = p;
		}
		if (!hex_to_digest(s->be->column_text(st, 0), all + len * 32))
			len++;
	}
	rg_sql_finalize(s, st);
	if (rc < 0) {
		free(all);
		return rc == RG_ENOMEM ? rc : rg_store_fail(s, "cannot list the stored filings");
	}
	if (len)
		qsort(all, len, 32, cmp_digest);   /* in C: byte order whatever the backend's collation */
	*out = all;
	*n = len;
	return 0;
}

/* ---- failures ------------------------------------------------------------------ */

int rg_store_each_failure(rg_store *s, int (*fn)(const rg_store_failure *f, void *ctx), void *ctx)
{
	const rg_store_backend *be = s->be;
	rg_store_failure f;
	rg_db_stmt *st = NULL;
	int rc, stop = 0;

	if ((rc = rg_sql_prepare(s, "SELECT path, sha256, size, code, message FROM failures ORDER BY path {C}", &st)))
		return rc;
	while (!stop && (rc = be->step(st)) == RG_DB_ROW) {
		f.path = be->column_text(st, 0);
		f.sha256 = be->column_text(st, 1);
		f.size = be->column_int(st, 2);
		f.code = be->column_text(st, 3);
		f.message = be->column_text(st, 4);
		stop = fn(&f, ctx);
	}
	if (!stop && rc < 0)
		rc = rg_store_fail(s, "cannot list the failures");
	rg_sql_finalize(s, st);
	if (stop)
		return stop;
	return rc < 0 ? rc : 0;
}

int rg_store_count_failures(rg_store *s, long long *n)
{
	rg_db_stmt *st = NULL;
	int rc, found = 0;

	*n = 0;
	if ((rc = rg_sql_prepare(s, "SELECT count(*) FROM failures", &st)))
		return rc;
	if ((rc = rg_sql_row(s, st, &found)))
		rg_store_fail(s, "cannot count the failures");
	else if (found)
		*n = s->be->column_int(st, 0);
	rg_sql_finalize(s, st);
	return rc;
}
