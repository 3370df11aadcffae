/*
** load.c - reading filings back from the store as normalized models (for
** `raingan report --db` and `raingan run`), one at a time or as an array.
*/
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "store_int.h"

/* The filings to load, in the order of the consolidated report. */
static const char filings_sql[] =
	"SELECT f.id, f.source_path, f.format, f.sha256, f.kind, o.name, o.type, o.district,"
	" nullif(o.province, ''), f.fiscal_year, f.round_months, f.plan_from, f.plan_to, f.as_of"
	" FROM filings f LEFT JOIN organizations o ON o.id = f.organization_id"
	" WHERE (?1 OR f.is_current = 1)"
	" AND (?2 IS NULL OR f.fiscal_year = ?2) AND (?3 IS NULL OR f.round_months = ?3)"
	" AND (?4 IS NULL OR o.province = ?4) AND (?5 IS NULL OR o.name = ?5)"
	" AND (?6 IS NULL OR f.kind = ?6)"
	" ORDER BY o.province, o.name, f.fiscal_year, f.round_months, f.kind, f.id";

static const char projects_sql[] =
	"SELECT id, seq, name, kind, dimension, mission, budget, no_budget, disbursed, status, responsible"
	" FROM projects WHERE filing_id = ?1 ORDER BY position";
static const char years_sql[] =
	"SELECT year, amount FROM project_years WHERE project_id = ?1 ORDER BY position";
static const char stated_sql[] = "SELECT key, value FROM stated WHERE filing_id = ?1 ORDER BY position";
static const char findings_sql[] =
	"SELECT severity, code, message FROM findings WHERE filing_id = ?1 ORDER BY position";

/* The statements of one load, prepared once. */
typedef struct {
	rg_store *s;
	sqlite3_stmt *filings, *projects, *years, *stated, *findings;
} loader;

static void loader_close(loader *l)
{
	sqlite3_finalize(l->filings);
	sqlite3_finalize(l->projects);
	sqlite3_finalize(l->years);
	sqlite3_finalize(l->stated);
	sqlite3_finalize(l->findings);
}

static int bind_filter(loader *l, const rg_store_filter *f)
{
	sqlite3_stmt *st = l->filings;

	if (sqlite3_bind_int(st, 1, f->include_history ? 1 : 0) != SQLITE_OK ||
	    rg_bind_int_or_null(st, 2, f->fiscal_year) != SQLITE_OK ||
	    rg_bind_int_or_null(st, 3, f->round_months) != SQLITE_OK ||
	    rg_bind_text(st, 4, f->province) != SQLITE_OK ||
	    rg_bind_text(st, 5, f->org) != SQLITE_OK ||
	    rg_bind_text(st, 6, f->kind) != SQLITE_OK)
		return rg_store_sql_error(l->s, "cannot select filings");
	return 0;
}

static int loader_open(loader *l, rg_store *s, const rg_store_filter *f)
{
	memset(l, 0, sizeof(*l));
	l->s = s;
	if (rg_store_prepare(s, filings_sql, &l->filings) ||
	    rg_store_prepare(s, projects_sql, &l->projects) ||
	    rg_store_prepare(s, years_sql, &l->years) ||
	    rg_store_prepare(s, stated_sql, &l->stated) ||
	    rg_store_prepare(s, findings_sql, &l->findings) ||
	    bind_filter(l, f)) {
		loader_close(l);
		return RG_ERROR;
	}
	return 0;
}

/* Copy a text column (NULL stays NULL). */
static int col_str(sqlite3_stmt *st, int i, char **dst)
{
	return rg_model_set_str(dst, (const char *)sqlite3_column_text(st, i));
}

static int col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int(st, i);   /* NULL reads as 0, the model's null */
}

static rg_amount col_amount(sqlite3_stmt *st, int i)
{
	rg_amount a = { 0, 0.0 };

	if (sqlite3_column_type(st, i) != SQLITE_NULL) {
		a.set = 1;
		a.value = sqlite3_column_double(st, i);
	}
	return a;
}

/* Restart a per-filing statement with its one id. */
static int rebind(loader *l, sqlite3_stmt *st, long long id)
{
	(void)sqlite3_reset(st);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		return rg_store_sql_error(l->s, "cannot read a filing");
	return 0;
}

static int step_end(loader *l, int rc, const char *what)
{
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_NOMEM || rc == RG_ENOMEM)
		return rg_error_set(RG_ENOMEM, "out of memory");
	return rg_store_sql_error(l->s, what);
}

static int load_years(loader *l, long long project_id, rg_project *p)
{
	rg_year_amount *ya;
	size_t cap = 0;
	int rc;

	if (rebind(l, l->years, project_id))
		return RG_ERROR;
	while ((rc = sqlite3_step(l->years)) == SQLITE_ROW) {
		if (p->n_budget_by_year == cap) {
			cap = cap ? cap * 2 : 8;
			if (!(ya = realloc(p->budget_by_year, cap * sizeof(*ya)))) {
				rc = SQLITE_NOMEM;
				break;
			}
			p->budget_by_year = ya;
		}
		ya = &p->budget_by_year[p->n_budget_by_year++];
		ya->year = col_int(l->years, 0);
		ya->amount = col_amount(l->years, 1);
	}
	return step_end(l, rc, "cannot read yearly budgets");
}

static int load_project(loader *l, rg_project *p)
{
	sqlite3_stmt *st = l->projects;

	if (col_str(st, 1, &p->seq) || col_str(st, 2, &p->name) || col_str(st, 5, &p->mission) ||
	    col_str(st, 10, &p->responsible))
		return RG_ENOMEM;
	p->kind = rg_item_kind_from_name((const char *)sqlite3_column_text(st, 3));
	p->dimension = col_int(st, 4);
	p->budget = col_amount(st, 6);
	p->no_budget = col_int(st, 7);
	p->disbursed = col_amount(st, 8);
	p->status = rg_status_from_name((const char *)sqlite3_column_text(st, 9));
	return load_years(l, sqlite3_column_int64(st, 0), p);
}

static int load_projects(loader *l, long long filing_id, rg_model *m)
{
	rg_project *p;
	int rc;

	if (rebind(l, l->projects, filing_id))
		return RG_ERROR;
	while ((rc = sqlite3_step(l->projects)) == SQLITE_ROW) {
		p = rg_model_add_project(m);
		if ((rc = p ? load_project(l, p) : RG_ENOMEM)) {
			(void)sqlite3_reset(l->projects);
			return rc;
		}
	}
	return step_end(l, rc, "cannot read projects");
}

static int load_stated(loader *l, long long filing_id, rg_model *m)
{
	int rc;

	if (rebind(l, l->stated, filing_id))
		return RG_ERROR;
	while ((rc = sqlite3_step(l->stated)) == SQLITE_ROW)
		if (rg_model_set_stated(m, (const char *)sqlite3_column_text(l->stated, 0),
			sqlite3_column_double(l->stated, 1))) {
			rc = RG_ENOMEM;
			break;
		}
	return step_end(l, rc, "cannot read stated totals");
}

static int load_findings(loader *l, long long filing_id, rg_model *m)
{
	sqlite3_stmt *st = l->findings;
	const char *msg;
	int rc;

	if (rebind(l, st, filing_id))
		return RG_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(st, 2);
		if (rg_model_add_finding(m, rg_severity_from_name((const char *)sqlite3_column_text(st, 0)),
			(const char *)sqlite3_column_text(st, 1), "%s", msg ? msg : "")) {
			rc = RG_ENOMEM;
			break;
		}
	}
	return step_end(l, rc, "cannot read findings");
}

/* The filing fields of the current row of l->filings. */
static int load_filing_row(loader *l, rg_model *m)
{
	sqlite3_stmt *st = l->filings;
	const char *as_of;

	if (col_str(st, 1, &m->file) || col_str(st, 2, &m->format) || col_str(st, 3, &m->sha256) ||
	    col_str(st, 5, &m->org_name) || col_str(st, 7, &m->district) || col_str(st, 8, &m->province))
		return RG_ENOMEM;
	m->kind = rg_doc_kind_from_name((const char *)sqlite3_column_text(st, 4));
	m->org_type = rg_org_type_from_name((const char *)sqlite3_column_text(st, 6));
	m->fiscal_year = col_int(st, 9);
	m->round_months = col_int(st, 10);
	m->plan_from = col_int(st, 11);
	m->plan_to = col_int(st, 12);
	as_of = (const char *)sqlite3_column_text(st, 13);
	if (as_of)
		snprintf(m->as_of, sizeof(m->as_of), "%s", as_of);
	return 0;
}

/* The whole model of the current row of l->filings. */
static int load_model(loader *l, rg_model **out)
{
	long long id = sqlite3_column_int64(l->filings, 0);
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
	if (rc) {
		rg_model_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

void rg_store_filter_init(rg_store_filter *f)
{
	memset(f, 0, sizeof(*f));
}

/*
** Load the filings f selects, one consistent snapshot (one read transaction,
** so an ingest writing at the same time is no problem), and hand each model
** to take, which owns it from then on; a non-zero return stops the loop and
** is returned.
*/
static int each_loaded(rg_store *s, const rg_store_filter *f, int (*take)(rg_model *m, void *ctx), void *ctx)
{
	rg_store_filter none;
	loader l;
	rg_model *m;
	int rc, stop = 0;

	if (!f) {
		rg_store_filter_init(&none);
		f = &none;
	}
	if (loader_open(&l, s, f))
		return RG_ERROR;
	if (rg_store_exec(s, "BEGIN")) {
		loader_close(&l);
		return RG_ERROR;
	}
	while ((rc = sqlite3_step(l.filings)) == SQLITE_ROW) {
		if ((stop = load_model(&l, &m)) || (stop = take(m, ctx)))
			break;
	}
	if (!stop && rc != SQLITE_DONE)
		stop = rg_store_sql_error(s, "cannot read filings");
	loader_close(&l);
	(void)sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);   /* ends a read: cannot lose data */
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

int rg_store_each_model(rg_store *s, const rg_store_filter *f,
	int (*fn)(const rg_model *m, void *ctx), void *ctx)
{
	visit v = { fn, ctx };

	return each_loaded(s, f, visit_and_free, &v);
}

/* The models kept by rg_store_load_selected. */
typedef struct {
	rg_model **items;
	size_t len, cap;
	int (*keep)(const rg_model *m, void *ctx);
	void *ctx;
} model_list;

static int collect(rg_model *m, void *ctx)
{
	model_list *list = ctx;
	rg_model **items;

	if (list->keep && !list->keep(m, list->ctx)) {
		rg_model_free(m);
		return 0;
	}
	if (list->len == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 64;
		if (!(items = realloc(list->items, cap * sizeof(*items)))) {
			rg_model_free(m);
			return rg_error_set(RG_ENOMEM, "out of memory");
		}
		list->items = items;
		list->cap = cap;
	}
	list->items[list->len++] = m;
	return 0;
}

int rg_store_load_models(rg_store *s, const rg_store_filter *f, rg_model ***out, size_t *n)
{
	return rg_store_load_selected(s, f, NULL, NULL, out, n);
}

int rg_store_load_selected(rg_store *s, const rg_store_filter *f,
	int (*keep)(const rg_model *m, void *ctx), void *ctx, rg_model ***out, size_t *n)
{
	model_list list = { NULL, 0, 0, keep, ctx };
	int err;

	*out = NULL;
	*n = 0;
	if ((err = each_loaded(s, f, collect, &list))) {
		rg_store_free_models(list.items, list.len);
		return err;
	}
	*out = list.items;
	*n = list.len;
	return 0;
}

void rg_store_free_models(rg_model **models, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rg_model_free(models[i]);
	free(models);
}
