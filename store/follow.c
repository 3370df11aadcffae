/*
** follow.c - the findings the store derives across filings (issue 11),
** kept with the filing they are about (findings.derived = 1, positions from
** RG_DERIVED_POSITION) and derived again from the current filings whenever
** one they depend on changes, so that they never depend on the order of
** ingest:
**
**   - a progress report against its organization's previous round and the
**     action plan of its fiscal year (oversight/follow.h: status_regressed,
**     disbursed_fell, project_dropped, planned_not_reported,
**     reported_not_planned, budget_changed, project_match_ambiguous);
**   - with a register (register.c), a filing whose organization is no
**     registered one (organization_unregistered) or could be several
**     (organization_register_ambiguous).
**
** "The organization" is the organization row of the filing, or, once it is
** linked to the register, every organization row linked to the same code
** (two filings that spell one registered organization's district
** differently are still one organization's rounds).  The previous round of
** (Y, 12) is (Y, 6), of (Y, 6) it is (Y - 1, 12); the plan of year Y is the
** current action plan whose period covers Y (the latest period first).
** Only current filings carry derived findings: a version superseded loses
** them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "follow.h"
#include "match.h"
#include "model/model_json.h"
#include "store_int.h"

#define RG_DERIVED_POSITION 1000000   /* derived findings come after a filing's own */

/* A registered organization a stored organization o may be (org.h keys): every field it states agrees. */
#define REGISTER_CANDIDATE(o) \
	"r.type = " o ".type AND r.place = " o ".place AND (r.province = " o ".province OR " o ".province = '')" \
	" AND (r.district = " o ".district OR " o ".district = '')"

static const char filing_sql[] =
	"SELECT f.organization_id, o.register_code, f.kind, f.fiscal_year, f.round_months, f.plan_from, f.plan_to,"
	" f.version_key FROM filings f LEFT JOIN organizations o ON o.id = f.organization_id WHERE f.id = $1";
static const char registered_sql[] = "SELECT 1 FROM org_register LIMIT 1";
static const char link_sql[] =
	"UPDATE organizations SET register_code = (SELECT r.code FROM org_register r WHERE "
	REGISTER_CANDIDATE("organizations") ") WHERE id = $1 AND register_code IS NULL"
	" AND (SELECT count(*) FROM org_register r WHERE " REGISTER_CANDIDATE("organizations") ") = 1";
static const char code_sql[] = "SELECT register_code FROM organizations WHERE id = $1";
static const char clear_old_sql[] =
	"DELETE FROM findings WHERE derived = 1 AND filing_id IN"
	" (SELECT id FROM filings WHERE version_key = $1 AND is_current = 0)";
/* The organization ($1): its own row, or, once linked to the register, every row linked to
** its code (an IN list); the year and round are $2 and $3 (PostgreSQL infers a
** parameter's type from its use, so every one is used).  Both go through the index of filings by organization;
** "+is_current" keeps the planner off the index of current filings, which holds every
** organization. */
#define BY_ORG " f.organization_id = $1"
#define BY_CODE " f.organization_id IN (SELECT id FROM organizations WHERE register_code = $1)"
#define AFFECTED(who) \
	"SELECT f.id FROM filings f WHERE +f.is_current = 1 AND f.kind = 'progress_report' AND" who \
	" AND f.fiscal_year * 100 + f.round_months BETWEEN $2 AND $3 ORDER BY f.id"
#define PREV(who) \
	"SELECT f.id FROM filings f WHERE +f.is_current = 1 AND f.kind = 'progress_report' AND" who \
	" AND f.fiscal_year = $2 AND f.round_months = $3" \
	" ORDER BY coalesce(f.as_of, '') {C} DESC, f.sha256 {C} DESC LIMIT 1"
#define PLAN(who) \
	"SELECT f.id FROM filings f WHERE +f.is_current = 1 AND f.kind = 'action_plan' AND" who \
	" AND ((f.plan_from IS NOT NULL AND f.plan_from <= $2 AND $2 <= coalesce(f.plan_to, f.plan_from))" \
	" OR (f.plan_from IS NULL AND f.fiscal_year = $2))" \
	" ORDER BY coalesce(f.plan_from, f.fiscal_year) DESC, coalesce(f.plan_to, 0) DESC," \
	" coalesce(f.as_of, '') {C} DESC, f.sha256 {C} DESC LIMIT 1"
static const char *const affected_sql[2] = { AFFECTED(BY_ORG), AFFECTED(BY_CODE) };
static const char *const prev_sql[2] = { PREV(BY_ORG), PREV(BY_CODE) };
static const char *const plan_sql[2] = { PLAN(BY_ORG), PLAN(BY_CODE) };
static const char load_sql[] =
	"SELECT org_name, org_type, district, province, kind, fiscal_year, round_months, plan_from, plan_to, sha256,"
	" source_path FROM filings WHERE id = $1";
static const char projects_sql[] =
	"SELECT seq, name, status, budget, no_budget, disbursed FROM projects WHERE filing_id = $1 ORDER BY position";
static const char years_sql[] =
	"SELECT p.position, y.year, y.amount FROM project_years y JOIN projects p ON p.id = y.project_id"
	" WHERE p.filing_id = $1 ORDER BY p.position, y.position";
static const char delete_sql[] = "DELETE FROM findings WHERE filing_id = $1 AND derived = 1";
static const char insert_sql[] =
	"INSERT INTO findings (filing_id, position, severity, code, message, args, derived)"
	" VALUES ($1, $2, $3, $4, $5, $6, 1)";
static const char candidates_sql[] =
	"SELECT r.code FROM org_register r JOIN organizations o ON o.id = $1 WHERE " REGISTER_CANDIDATE("o")
	" ORDER BY r.code {C}";

int rg_store_set_rules(rg_store *s, const char *rules_dir)
{
	rg_buf path = RG_BUF_INIT;
	rg_spelling *sp = NULL;
	int rc;

	rg_buf_printf(&path, "%s/spelling.tsv", rules_dir);
	rc = rg_buf_oom(&path) ? rg_error_set(RG_ENOMEM, "out of memory") : rg_spelling_load(rg_buf_cstr(&path), &sp);
	rg_buf_free(&path);
	if (rc)
		return rc;
	rg_spelling_free(s->spelling);
	s->spelling = sp;
	return 0;
}

void rg_store_free_rules(rg_store *s)
{
	rg_spelling_free(s->spelling);
	s->spelling = NULL;
}

/* ---- reading what a comparison needs ------------------------------------------------------ */

static int fail(rg_store *s, int rc, const char *what)
{
	return rc == RG_ENOMEM ? rg_error_set(RG_ENOMEM, "out of memory") : rg_store_fail(s, what);
}

/* A statement that yields at most one id; *id 0 when none. */
static int one_id(rg_store *s, rg_db_stmt *st, long long *id)
{
	int rc, found = 0;

	*id = 0;
	if ((rc = rg_sql_row(s, st, &found)))
		return rg_store_fail(s, "cannot look up filings");
	if (found && !s->be->column_is_null(st, 0))
		*id = s->be->column_int(st, 0);
	s->be->reset(st);
	return 0;
}

static int col_dup(rg_store *s, rg_db_stmt *st, int i, char **dst)
{
	return rg_model_set_str(dst, s->be->column_text(st, i)) ? RG_ENOMEM : 0;
}

static int col_int(rg_store *s, rg_db_stmt *st, int i)
{
	return s->be->column_is_null(st, i) ? 0 : (int)s->be->column_int(st, i);
}

/* The years of a plan's projects. */
static int load_years(rg_store *s, long long id, rg_model *m)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	int rc;

	if ((rc = rg_sql_cached(s, ST_FW_YEARS, years_sql, &st)) || (rc = be->bind_int(st, 1, id)))
		return fail(s, rc, "cannot read yearly budgets");
	while ((rc = be->step(st)) == RG_DB_ROW) {
		long long pos = be->column_int(st, 0);
		rg_project *p;
		rg_year_amount *ya;
		if (pos < 0 || (size_t)pos >= m->n_projects)
			continue;
		p = &m->projects[pos];
		if (!(ya = realloc(p->budget_by_year, (p->n_budget_by_year + 1) * sizeof(*ya)))) {
			rc = RG_ENOMEM;
			break;
		}
		p->budget_by_year = ya;
		ya = &p->budget_by_year[p->n_budget_by_year++];
		ya->year = col_int(s, st, 1);
		ya->amount.set = !be->column_is_null(st, 2);
		ya->amount.value = ya->amount.set ? be->column_double(st, 2) : 0;
	}
	be->reset(st);
	return rc < 0 ? fail(s, rc, "cannot read yearly budgets") : 0;
}

/* The projects of filing id into m (and a plan's yearly budgets). */
static int load_rows(rg_store *s, long long id, rg_model *m)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	int rc;

	if ((rc = rg_sql_cached(s, ST_FW_PROJECTS, projects_sql, &st)) || (rc = be->bind_int(st, 1, id)))
		return fail(s, rc, "cannot read projects");
	while ((rc = be->step(st)) == RG_DB_ROW) {
		rg_project *p = rg_model_add_project(m);
		if (!p || col_dup(s, st, 0, &p->seq) || col_dup(s, st, 1, &p->name)) {
			rc = RG_ENOMEM;
			break;
		}
		p->status = rg_status_from_name(be->column_text(st, 2));
		p->budget.set = !be->column_is_null(st, 3);
		p->budget.value = p->budget.set ? be->column_double(st, 3) : 0;
		p->no_budget = col_int(s, st, 4);
		p->disbursed.set = !be->column_is_null(st, 5);
		p->disbursed.value = p->disbursed.set ? be->column_double(st, 5) : 0;
	}
	be->reset(st);
	if (rc < 0)
		return fail(s, rc, "cannot read projects");
	return m->kind == RG_KIND_ACTION_PLAN ? load_years(s, id, m) : 0;
}

/* What a comparison reads of a filing: the organization, the period and, when rows,
** the projects.  *out is NULL when there is no such filing. */
static int load(rg_store *s, long long id, int rows, rg_model **out)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	rg_model *m;
	int rc, found = 0;

	*out = NULL;
	if (!(m = rg_model_new()))
		return rg_error_set(RG_ENOMEM, "out of memory");
	if ((rc = rg_sql_cached(s, ST_FW_LOAD, load_sql, &st)) || (rc = be->bind_int(st, 1, id)) ||
	    (rc = rg_sql_row(s, st, &found))) {
		rg_model_free(m);
		return fail(s, rc, "cannot read a filing");
	}
	if (found) {
		rc = col_dup(s, st, 0, &m->org_name);
		rc = rc ? rc : col_dup(s, st, 2, &m->district);
		rc = rc ? rc : col_dup(s, st, 3, &m->province);
		rc = rc ? rc : col_dup(s, st, 9, &m->sha256);
		rc = rc ? rc : col_dup(s, st, 10, &m->file);
		m->org_type = rg_org_type_from_name(be->column_text(st, 1));
		m->kind = rg_doc_kind_from_name(be->column_text(st, 4));
		m->fiscal_year = col_int(s, st, 5);
		m->round_months = col_int(s, st, 6);
		m->plan_from = col_int(s, st, 7);
		m->plan_to = col_int(s, st, 8);
	}
	be->reset(st);
	if (!rc && found && rows)
		rc = load_rows(s, id, m);
	if (rc || !found) {
		rg_model_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

/* The organization a derivation is about. */
typedef struct {
	long long org_id;
	const char *code;         /* its register code, NULL when not linked */
	int registered;           /* the store has a register */
} family;

/* The statement of a lookup for the family: by organization, or by register code. */
static int family_stmt(rg_store *s, const family *fam, int which, const char *const *sql, rg_db_stmt **st)
{
	int by_code = fam->code != NULL, rc;

	if ((rc = rg_sql_cached(s, by_code ? which + 1 : which, sql[by_code], st)))
		return rc;
	return by_code ? rg_bind_text(s, *st, 1, fam->code) : s->be->bind_int(*st, 1, fam->org_id);
}

/* The current filing of the family that sql (prev_sql or plan_sql) finds for year, round. */
static int find(rg_store *s, int which, const char *const *sql, const family *fam, int year, int round, long long *id)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	int rc;

	if ((rc = family_stmt(s, fam, which, sql, &st)) || (rc = be->bind_int(st, 2, year)) ||
	    (round && (rc = be->bind_int(st, 3, round))))
		return fail(s, rc, "cannot look up filings");
	return one_id(s, st, id);
}

/* ---- writing them -------------------------------------------------------------------------- */

static int register_finding(rg_store *s, long long org_id, rg_model *out)
{
	const rg_store_backend *be = s->be;
	rg_buf codes = RG_BUF_INIT;
	rg_db_stmt *st = NULL;
	long long n = 0;
	char count[32];
	int rc;

	if ((rc = rg_sql_cached(s, ST_FW_CANDIDATES, candidates_sql, &st)) || (rc = be->bind_int(st, 1, org_id)))
		return fail(s, rc, "cannot read the register");
	while ((rc = be->step(st)) == RG_DB_ROW) {
		const char *c = be->column_text(st, 0);
		if (n++ < 10)
			rg_buf_printf(&codes, "%s%s", n > 1 ? ", " : "", c ? c : "");
	}
	be->reset(st);
	if (rc < 0) {
		rg_buf_free(&codes);
		return fail(s, rc, "cannot read the register");
	}
	if (n > 10)
		rg_buf_puts(&codes, ", ...");
	snprintf(count, sizeof(count), "%lld", n);
	if (rg_buf_oom(&codes))
		rc = RG_ENOMEM;
	else if (n == 0)
		rc = rg_model_add_finding(out, RG_SEV_WARNING, "organization_unregistered",
			"the organization is in no row of the register (type, name, district and province compared):"
			" it is not counted as a registered organization");
	else
		rc = rg_model_add_finding(out, RG_SEV_WARNING, "organization_register_ambiguous",
			"the filing does not say enough to tell which of %lld registered organizations it is (%s):"
			" it is linked to none", n, rg_buf_cstr(&codes)) ||
		     rg_model_finding_arg(out, "count", count) || rg_model_finding_arg(out, "codes", rg_buf_cstr(&codes));
	rg_buf_free(&codes);
	return rc ? rg_error_set(RG_ENOMEM, "out of memory") : 0;
}

/* Replace the derived findings of filing id with those of out (fresh: it has none). */
static int store_findings(rg_store *s, long long id, const rg_model *out, int fresh)
{
	const rg_store_backend *be = s->be;
	rg_buf args = RG_BUF_INIT;
	rg_db_stmt *st = NULL;
	size_t i;
	int rc = 0;

	if (!fresh && ((rc = rg_sql_cached(s, ST_FW_DELETE, delete_sql, &st)) || (rc = be->bind_int(st, 1, id)) ||
	    (rc = rg_sql_done(s, st))))
		return fail(s, rc, "cannot replace derived findings");
	for (i = 0; i < out->n_findings && !rc; i++) {
		const rg_finding *f = &out->findings[i];
		rg_buf_clear(&args);
		if (f->n_args)
			rg_finding_args_write_json(&args, f);
		if (rg_buf_oom(&args)) {
			rc = rg_error_set(RG_ENOMEM, "out of memory");
			break;
		}
		if ((rc = rg_sql_cached(s, ST_FW_INSERT, insert_sql, &st)) || (rc = be->bind_int(st, 1, id)) ||
		    (rc = be->bind_int(st, 2, RG_DERIVED_POSITION + (long long)i)) ||
		    (rc = be->bind_text(st, 3, rg_severity_name(f->severity))) || (rc = be->bind_text(st, 4, f->code)) ||
		    (rc = rg_bind_text(s, st, 5, f->message)) ||
		    (rc = rg_bind_text(s, st, 6, f->n_args ? rg_buf_cstr(&args) : NULL)) || (rc = rg_sql_done(s, st)))
			rc = fail(s, rc, "cannot store a derived finding");
	}
	rg_buf_free(&args);
	return rc;
}

/* Derive again every finding filing id carries from other filings; fresh: id was
** stored in this transaction, so it carries none yet. */
static int derive(rg_store *s, long long id, const family *fam, int fresh)
{
	rg_model *cur = NULL, *prev = NULL, *plan = NULL, *out = rg_model_new();
	long long prev_id = 0, plan_id = 0;
	int rc;

	if (!out)
		return rg_error_set(RG_ENOMEM, "out of memory");
	/* the projects are read only when there is something to compare them with (a
	** report that is its organization's first needs no more than this row) */
	if ((rc = load(s, id, 0, &cur)) || !cur)
		goto done;
	if (fam->registered && !fam->code && (rc = register_finding(s, fam->org_id, out)))
		goto done;
	if (cur->kind == RG_KIND_PROGRESS_REPORT && cur->fiscal_year && cur->round_months) {
		int py = cur->round_months == 12 ? cur->fiscal_year : cur->fiscal_year - 1;
		if ((rc = find(s, ST_FW_PREV, prev_sql, fam, py, cur->round_months == 12 ? 6 : 12, &prev_id)) ||
		    (rc = find(s, ST_FW_PLAN, plan_sql, fam, cur->fiscal_year, 0, &plan_id)))
			goto done;
		if ((prev_id || plan_id) &&
		    ((rc = load_rows(s, id, cur)) || (prev_id && (rc = load(s, prev_id, 1, &prev))) ||
		     (plan_id && (rc = load(s, plan_id, 1, &plan))) ||
		     (rc = rg_follow_findings(plan, prev, cur, s->spelling, out))))
			goto done;
	}
	if (!fresh || out->n_findings)
		rc = store_findings(s, id, out, fresh);
done:
	rg_model_free(cur);
	rg_model_free(prev);
	rg_model_free(plan);
	rg_model_free(out);
	return rc;
}

/* ---- when a filing was stored ------------------------------------------------------------ */

typedef struct {
	long long *ids;
	size_t n, cap;
} id_list;

static int collect_ids(rg_store *s, rg_db_stmt *st, id_list *l)
{
	int rc;

	while ((rc = s->be->step(st)) == RG_DB_ROW) {
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 16;
			long long *p = realloc(l->ids, cap * sizeof(*p));
			if (!p) {
				rc = RG_ENOMEM;
				break;
			}
			l->ids = p;
			l->cap = cap;
		}
		l->ids[l->n++] = s->be->column_int(st, 0);
	}
	s->be->reset(st);
	return rc < 0 ? fail(s, rc, "cannot look up filings") : 0;
}

/* Whether the store has a register. */
static int has_register(rg_store *s, int *yes)
{
	rg_db_stmt *st = NULL;
	int rc;

	if ((rc = rg_sql_cached(s, ST_FW_REGISTERED, registered_sql, &st)) || (rc = rg_sql_row(s, st, yes)))
		return fail(s, rc, "cannot read the register");
	s->be->reset(st);
	return 0;
}

/* Link organization org_id to the register when exactly one registered organization may be it;
** fam->code is set to its code (static storage of the caller, code[64]). */
static int link_org(rg_store *s, long long org_id, char *code, size_t size)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	const char *c;
	int rc, found = 0;

	code[0] = '\0';
	if ((rc = rg_sql_cached(s, ST_FW_LINK, link_sql, &st)) || (rc = be->bind_int(st, 1, org_id)) ||
	    (rc = rg_sql_done(s, st)) || (rc = rg_sql_prepare(s, code_sql, &st)))
		return fail(s, rc, "cannot link an organization to the register");
	if ((rc = be->bind_int(st, 1, org_id)) || (rc = rg_sql_row(s, st, &found)))
		rg_store_fail(s, "cannot link an organization to the register");
	else if (found && (c = be->column_text(st, 0)))
		snprintf(code, size, "%s", c);
	rg_sql_finalize(s, st);
	return rc;
}

int rg_store_follow_filing(rg_store *s, long long id)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	id_list affected = { NULL, 0, 0 };
	char code[128], key[RG_ORG_TEXT * 4 + 96];
	family fam;
	int rc, found = 0, kind, year, round, from, to, lo = 0, hi = -1;
	size_t i;

	if ((rc = rg_sql_cached(s, ST_FW_FILING, filing_sql, &st)) || (rc = be->bind_int(st, 1, id)) ||
	    (rc = rg_sql_row(s, st, &found)))
		return fail(s, rc, "cannot read a filing");
	if (!found || be->column_is_null(st, 0)) {
		be->reset(st);
		return 0;   /* no organization: nothing to compare it with */
	}
	memset(&fam, 0, sizeof(fam));
	fam.org_id = be->column_int(st, 0);
	snprintf(code, sizeof(code), "%s", be->column_text(st, 1) ? be->column_text(st, 1) : "");
	kind = rg_doc_kind_from_name(be->column_text(st, 2));
	year = col_int(s, st, 3);
	round = col_int(s, st, 4);
	from = col_int(s, st, 5);
	to = col_int(s, st, 6);
	snprintf(key, sizeof(key), "%s", be->column_text(st, 7) ? be->column_text(st, 7) : "");
	be->reset(st);
	if ((rc = has_register(s, &fam.registered)))
		return rc;
	if (fam.registered && !code[0] && (rc = link_org(s, fam.org_id, code, sizeof(code))))
		return rc;
	fam.code = code[0] ? code : NULL;
	/* one writer at a time derives an organization's filings (two writers of two of its
	** rounds would both rewrite the later one's rows): the organization, then its code --
	** every writer takes them in that order, after its version group's */
	{
		char lock[sizeof(code) + 32];
		snprintf(lock, sizeof(lock), "raingan:organization:%lld", fam.org_id);
		if ((rc = be->lock(s->db, lock)))
			return rg_store_fail(s, "cannot lock an organization");
		snprintf(lock, sizeof(lock), "raingan:register:%s", code);
		if (fam.code && (rc = be->lock(s->db, lock)))
			return rg_store_fail(s, "cannot lock an organization");
	}
	/* the versions it superseded carry no derived findings */
	if (key[0] && ((rc = rg_sql_cached(s, ST_FW_CLEAR_OLD, clear_old_sql, &st)) || (rc = be->bind_text(st, 1, key)) ||
	    (rc = rg_sql_done(s, st))))
		return fail(s, rc, "cannot clear derived findings");
	/* the reports whose comparisons it may change: its own round and the next (a report), the
	** years it covers (a plan) */
	if (kind == RG_KIND_PROGRESS_REPORT && year && round) {
		lo = year * 100 + round;
		hi = round == 6 ? year * 100 + 12 : (year + 1) * 100 + 6;
	} else if (kind == RG_KIND_ACTION_PLAN && (from || year)) {
		lo = (from ? from : year) * 100;
		hi = (from ? (to ? to : from) : year) * 100 + 12;
	}
	if (hi >= lo) {
		if ((rc = family_stmt(s, &fam, ST_FW_AFFECTED, affected_sql, &st)) || (rc = be->bind_int(st, 2, lo)) ||
		    (rc = be->bind_int(st, 3, hi)))
			return fail(s, rc, "cannot look up filings");
		if ((rc = collect_ids(s, st, &affected)))
			goto done;
	}
	/* the filing itself, whatever its kind, when it is current (its register finding) */
	for (i = 0; i < affected.n && affected.ids[i] != id; i++)
		;
	if (i == affected.n && kind != RG_KIND_PROGRESS_REPORT) {
		rg_db_stmt *cur = NULL;
		int is_cur = 0;
		if ((rc = rg_sql_prepare(s, "SELECT 1 FROM filings WHERE id = $1 AND is_current = 1", &cur)))
			goto done;
		if ((rc = be->bind_int(cur, 1, id)) || (rc = rg_sql_row(s, cur, &is_cur)))
			rg_store_fail(s, "cannot read a filing");
		rg_sql_finalize(s, cur);
		if (!rc && is_cur && (rc = derive(s, id, &fam, 1)))
			goto done;
	}
	for (i = 0; i < affected.n && !rc; i++)
		rc = derive(s, affected.ids[i], &fam, affected.ids[i] == id);
done:
	free(affected.ids);
	return rc;
}

/* ---- everything again ---------------------------------------------------------------------- */

/* The current filings with an organization, their organization and its code. */
static const char all_sql[] =
	"SELECT f.id, f.organization_id, o.register_code FROM filings f JOIN organizations o ON o.id = f.organization_id"
	" WHERE f.is_current = 1 ORDER BY f.id";

int rg_store_derive_all(rg_store *s, size_t *n)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	long long *rows = NULL;
	char **codes = NULL;
	size_t len = 0, cap = 0, i;
	family fam;
	int rc, registered = 0;

	*n = 0;
	if ((rc = has_register(s, &registered)) ||
	    (rc = rg_sql_exec(s, "DELETE FROM findings WHERE derived = 1")) || (rc = rg_sql_prepare(s, all_sql, &st)))
		return rc;
	/* read the list first: the derivations write while it would be open */
	while ((rc = be->step(st)) == RG_DB_ROW) {
		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 1024;
			long long *r = realloc(rows, ncap * 2 * sizeof(*r));
			char **c = r ? realloc(codes, ncap * sizeof(*c)) : NULL;
			if (r)
				rows = r;
			if (!c) {
				rc = RG_ENOMEM;
				break;
			}
			codes = c;
			cap = ncap;
		}
		rows[2 * len] = be->column_int(st, 0);
		rows[2 * len + 1] = be->column_int(st, 1);
		codes[len] = be->column_text(st, 2) ? strdup(be->column_text(st, 2)) : NULL;
		if (be->column_text(st, 2) && !codes[len]) {
			rc = RG_ENOMEM;
			break;
		}
		len++;
	}
	rg_sql_finalize(s, st);
	rc = rc < 0 ? fail(s, rc, "cannot list the filings") : 0;
	for (i = 0; i < len && !rc; i++) {
		fam.org_id = rows[2 * i + 1];
		fam.code = codes[i];
		fam.registered = registered;
		rc = derive(s, rows[2 * i], &fam, 0);
	}
	for (i = 0; i < len; i++)
		free(codes[i]);
	free(codes);
	free(rows);
	if (!rc)
		*n = len;
	return rc;
}
