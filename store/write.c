/*
** write.c - what ingest writes: one filing in its own transaction (its
** organization, the filing, its rows), the choice of the current filing of
** its version group, and the failures table.
**
** The current filing of a version group (one organization's reports of one
** kind, fiscal year and round, or plans of one period) is chosen from the
** filings themselves, not from the order they came in: the later data date
** (as_of; a filing without one is the oldest), then the later period
** (fiscal year, round, plan period), then the greater sha256.  Whatever the
** order of ingest, the same filings give the same current set.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "model/model_json.h"
#include "model/org.h"
#include "store_int.h"

#define KEY_SIZE (RG_ORG_TEXT * 4 + 96)
#define MAX_ATTEMPTS 5          /* runs of a transaction that hits transient errors */

static const char find_sha_sql[] =
	"SELECT id, reparse, version_key, organization_id FROM filings WHERE sha256 = $1";
static const char org_insert_sql[] =
	"INSERT INTO organizations (type, place, district, province, name) VALUES ($1, $2, $3, $4, $5)"
	" ON CONFLICT (type, place, district, province) DO NOTHING";
static const char org_id_sql[] =
	"SELECT id FROM organizations WHERE type = $1 AND place = $2 AND district = $3 AND province = $4";
static const char filing_insert_sql[] =
	"INSERT INTO filings (sha256, source_path, size, mtime, format, parse_ms, ingested_at, organization_id,"
	" kind, org_name, org_type, district, province, fiscal_year, round_months, plan_from, plan_to, as_of,"
	" version_key, is_current)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"
	" ON CONFLICT (sha256) DO NOTHING RETURNING id";
/* the rule of the current filing (see the top of this file) */
static const char group_best_sql[] =
	"SELECT id FROM filings WHERE version_key = $1"
	" ORDER BY coalesce(as_of, '') {C} DESC, coalesce(fiscal_year, 0) DESC, coalesce(round_months, 0) DESC,"
	" coalesce(plan_to, 0) DESC, coalesce(plan_from, 0) DESC, sha256 {C} DESC LIMIT 1";
static const char group_mark_sql[] =
	"UPDATE filings SET is_current = CASE WHEN id = $2 THEN 1 ELSE 0 END,"
	" superseded_by = CASE WHEN id = $2 THEN NULL ELSE $2 END WHERE version_key = $1";
static const char project_sql[] =
	"INSERT INTO projects (filing_id, position, seq, name, kind, dimension, mission, budget, no_budget,"
	" disbursed, status, responsible) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
/* the project by its place in the filing (no RETURNING per project: it costs SQLite a temporary table) */
static const char year_sql[] =
	"INSERT INTO project_years (project_id, position, year, amount)"
	" VALUES ((SELECT id FROM projects WHERE filing_id = $1 AND position = $2), $3, $4, $5)";
static const char stated_sql[] = "INSERT INTO stated (filing_id, position, key, value) VALUES ($1, $2, $3, $4)";
static const char finding_sql[] =
	"INSERT INTO findings (filing_id, position, severity, code, message, args) VALUES ($1, $2, $3, $4, $5, $6)";
static const char failure_put_sql[] =
	"INSERT INTO failures (path, sha256, size, mtime, code, message) VALUES ($1, $2, $3, $4, $5, $6)"
	" ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,"
	" mtime = excluded.mtime, code = excluded.code, message = excluded.message";
static const char failure_del_sql[] = "DELETE FROM failures WHERE path = $1";

/* A filing's rows, children first (a filing parsed again replaces itself). */
static const char *const delete_filing_sql[] = {
	"UPDATE filings SET superseded_by = NULL WHERE superseded_by = $1",
	"DELETE FROM project_years WHERE project_id IN (SELECT id FROM projects WHERE filing_id = $1)",
	"DELETE FROM projects WHERE filing_id = $1",
	"DELETE FROM stated WHERE filing_id = $1",
	"DELETE FROM findings WHERE filing_id = $1",
	"DELETE FROM filings WHERE id = $1",
};
static const char drop_orphan_org_sql[] =
	"DELETE FROM organizations WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM filings WHERE organization_id = $1)";

/* ---- keys ------------------------------------------------------------------ */

int rg_store_version_key(const rg_model *m, char *key, size_t size)
{
	rg_org_key k;
	int period;

	key[0] = '\0';
	if (!rg_org_key_of(m, &k))
		return 0;
	/* a filing whose period is not known is no version of another: it stays current */
	switch (m->kind) {
	case RG_KIND_PROGRESS_REPORT: period = m->fiscal_year && m->round_months; break;
	case RG_KIND_INTEGRITY_REPORT: period = m->fiscal_year != 0; break;
	case RG_KIND_ACTION_PLAN: period = m->plan_from || m->fiscal_year; break;
	default: period = 0; break;   /* a document that is no report has no versions */
	}
	if (!period)
		return 0;
	snprintf(key, size, "%s|%s|%s|%s|%s|%d|%d|%d-%d", rg_org_type_name(k.type), k.place, k.district,
		k.province, rg_doc_kind_name(m->kind), m->fiscal_year, m->round_months, m->plan_from, m->plan_to);
	return 1;
}

int rg_store_org_id(rg_store *s, const rg_model *m, long long *id)
{
	char name[RG_ORG_TEXT * 2];
	rg_db_stmt *st = NULL;
	rg_org_key k;
	int rc, found = 0, pass;

	*id = 0;
	if (!rg_org_key_of(m, &k))
		return 0;
	rg_org_full_name(&k, name, sizeof(name));
	/* insert unless there; then its id (the insert may have found it there) */
	for (pass = 0; pass < 2; pass++) {
		if ((rc = rg_sql_cached(s, pass ? ST_ORG_ID : ST_ORG_INSERT, pass ? org_id_sql : org_insert_sql, &st)))
			return rc;
		if ((rc = rg_bind_text(s, st, 1, rg_org_type_name(k.type))) || (rc = rg_bind_text(s, st, 2, k.place)) ||
		    (rc = rg_bind_text(s, st, 3, k.district)) || (rc = rg_bind_text(s, st, 4, k.province)) ||
		    (!pass && (rc = rg_bind_text(s, st, 5, name))) ||
		    (rc = pass ? rg_sql_row(s, st, &found) : rg_sql_done(s, st)))
			return rg_store_fail(s, "cannot store an organization");
	}
	if (!found)
		return rg_error_set(RG_ERROR, "%s: an organization vanished while it was stored", s->name);
	*id = s->be->column_int(st, 0);
	s->be->reset(st);
	return 0;
}

int rg_store_choose_current(rg_store *s, const char *key)
{
	rg_db_stmt *st = NULL;
	long long best;
	int rc, found = 0;

	if ((rc = rg_sql_cached(s, ST_GROUP_BEST, group_best_sql, &st)) || (rc = rg_bind_text(s, st, 1, key)) ||
	    (rc = rg_sql_row(s, st, &found)))
		return rg_store_fail(s, "cannot choose the current filing");
	if (!found)
		return 0;   /* the group's last filing went (parsed again into another group) */
	best = s->be->column_int(st, 0);
	s->be->reset(st);
	if ((rc = rg_sql_cached(s, ST_GROUP_MARK, group_mark_sql, &st)) || (rc = rg_bind_text(s, st, 1, key)) ||
	    (rc = rg_bind_int(s, st, 2, best)) || (rc = rg_sql_done(s, st)))
		return rg_store_fail(s, "cannot mark the current filing");
	return 0;
}

/* ---- one filing ------------------------------------------------------------- */

static int insert_filing(rg_store *s, const rg_model *m, const rg_store_source *src, long long org_id,
	const char *key, long long *id)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	int rc, found = 0;

	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	*id = 0;
	if ((rc = rg_sql_cached(s, ST_FILING_INSERT, filing_insert_sql, &st)))
		return rc;
	if ((rc = be->bind_text(st, 1, m->sha256)) || (rc = be->bind_text(st, 2, src->path)) ||
	    (rc = be->bind_int(st, 3, src->size)) || (rc = be->bind_int(st, 4, src->mtime)) ||
	    (rc = rg_bind_text(s, st, 5, m->format)) || (rc = be->bind_double(st, 6, src->parse_ms)) ||
	    (rc = be->bind_text(st, 7, now)) || (rc = rg_bind_int_or_null(s, st, 8, org_id)) ||
	    (rc = be->bind_text(st, 9, rg_doc_kind_name(m->kind))) || (rc = rg_bind_text(s, st, 10, m->org_name)) ||
	    (rc = rg_bind_text(s, st, 11, m->org_name ? rg_org_type_name(m->org_type) : NULL)) ||
	    (rc = rg_bind_text(s, st, 12, m->district)) || (rc = rg_bind_text(s, st, 13, m->province)) ||
	    (rc = rg_bind_int_or_null(s, st, 14, m->fiscal_year)) ||
	    (rc = rg_bind_int_or_null(s, st, 15, m->round_months)) ||
	    (rc = rg_bind_int_or_null(s, st, 16, m->plan_from)) || (rc = rg_bind_int_or_null(s, st, 17, m->plan_to)) ||
	    (rc = rg_bind_text(s, st, 18, m->as_of[0] ? m->as_of : NULL)) ||
	    (rc = rg_bind_text(s, st, 19, key[0] ? key : NULL)) ||
	    (rc = be->bind_int(st, 20, key[0] ? 0 : 1)) ||   /* a group's filing waits for the choice */
	    (rc = rg_sql_row(s, st, &found)))
		return rg_store_fail(s, "cannot store a filing");
	if (found)
		*id = be->column_int(st, 0);
	be->reset(st);   /* leaves the insert done: its row was read */
	return 0;
}

static int insert_project(rg_store *s, long long filing_id, size_t pos, const rg_project *p)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL, *y = NULL;
	size_t i;
	int rc;

	if ((rc = rg_sql_cached(s, ST_PROJECT, project_sql, &st)))
		return rc;
	if ((rc = be->bind_int(st, 1, filing_id)) || (rc = be->bind_int(st, 2, (long long)pos)) ||
	    (rc = rg_bind_text(s, st, 3, p->seq)) || (rc = rg_bind_text(s, st, 4, p->name)) ||
	    (rc = be->bind_text(st, 5, rg_item_kind_name(p->kind))) ||
	    (rc = rg_bind_int_or_null(s, st, 6, p->dimension)) || (rc = rg_bind_text(s, st, 7, p->mission)) ||
	    (rc = rg_bind_amount(s, st, 8, p->budget.set, p->budget.value)) ||
	    (rc = be->bind_int(st, 9, p->no_budget ? 1 : 0)) ||
	    (rc = rg_bind_amount(s, st, 10, p->disbursed.set, p->disbursed.value)) ||
	    (rc = rg_bind_text(s, st, 11, rg_status_name(p->status))) ||
	    (rc = rg_bind_text(s, st, 12, p->responsible)) || (rc = rg_sql_done(s, st)))
		return rg_store_fail(s, "cannot store a project");
	for (i = 0; i < p->n_budget_by_year; i++) {
		const rg_year_amount *ya = &p->budget_by_year[i];
		if ((rc = rg_sql_cached(s, ST_YEAR, year_sql, &y)) || (rc = be->bind_int(y, 1, filing_id)) ||
		    (rc = be->bind_int(y, 2, (long long)pos)) || (rc = be->bind_int(y, 3, (long long)i)) ||
		    (rc = be->bind_int(y, 4, ya->year)) ||
		    (rc = rg_bind_amount(s, y, 5, ya->amount.set, ya->amount.value)) || (rc = rg_sql_done(s, y)))
			return rg_store_fail(s, "cannot store a yearly budget");
	}
	return 0;
}

static int insert_rows(rg_store *s, long long id, const rg_model *m)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	rg_buf args = RG_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < m->n_projects; i++)
		if ((rc = insert_project(s, id, i, &m->projects[i])))
			return rc;
	for (i = 0; i < m->n_stated; i++)
		if ((rc = rg_sql_cached(s, ST_STATED, stated_sql, &st)) || (rc = be->bind_int(st, 1, id)) ||
		    (rc = be->bind_int(st, 2, (long long)i)) || (rc = be->bind_text(st, 3, m->stated[i].key)) ||
		    (rc = be->bind_double(st, 4, m->stated[i].value)) || (rc = rg_sql_done(s, st)))
			return rg_store_fail(s, "cannot store a stated total");
	for (i = 0; i < m->n_findings; i++) {
		const rg_finding *f = &m->findings[i];
		rg_buf_clear(&args);
		if (f->n_args)
			rg_finding_args_write_json(&args, f);
		if (rg_buf_oom(&args)) {
			rg_buf_free(&args);
			return rg_error_set(RG_ENOMEM, "out of memory");
		}
		if ((rc = rg_sql_cached(s, ST_FINDING, finding_sql, &st)) || (rc = be->bind_int(st, 1, id)) ||
		    (rc = be->bind_int(st, 2, (long long)i)) ||
		    (rc = be->bind_text(st, 3, rg_severity_name(f->severity))) ||
		    (rc = be->bind_text(st, 4, f->code ? f->code : "")) || (rc = rg_bind_text(s, st, 5, f->message)) ||
		    (rc = rg_bind_text(s, st, 6, f->n_args ? rg_buf_cstr(&args) : NULL)) ||
		    (rc = rg_sql_done(s, st))) {
			rg_buf_free(&args);
			return rg_store_fail(s, "cannot store a finding");
		}
	}
	rg_buf_free(&args);
	return 0;
}

/* The stored filing of this sha256: a migration's leftover (reparse) is removed
** so that the new parse takes its place; *stored is 1 when one stays. */
typedef struct {
	long long id, org_id;
	int reparse;
	char key[KEY_SIZE];
} old_filing;

static int find_stored(rg_store *s, const char *sha256, old_filing *old, int *found)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	const char *key;
	int rc;

	memset(old, 0, sizeof(*old));
	if ((rc = rg_sql_cached(s, ST_FIND_SHA, find_sha_sql, &st)) || (rc = be->bind_text(st, 1, sha256)) ||
	    (rc = rg_sql_row(s, st, found)))
		return rg_store_fail(s, "cannot look up a filing");
	if (*found) {
		old->id = be->column_int(st, 0);
		old->reparse = (int)be->column_int(st, 1);
		key = be->column_text(st, 2);
		snprintf(old->key, sizeof(old->key), "%s", key ? key : "");
		old->org_id = be->column_int(st, 3);
	}
	be->reset(st);
	return 0;
}

static int delete_filing(rg_store *s, long long id)
{
	rg_db_stmt *st = NULL;
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(delete_filing_sql) / sizeof(delete_filing_sql[0]) && !rc; i++) {
		if ((rc = rg_sql_prepare(s, delete_filing_sql[i], &st)))
			return rc;
		if ((rc = s->be->bind_int(st, 1, id)) || (rc = rg_sql_done(s, st)))
			rg_store_fail(s, "cannot replace a filing");
		rg_sql_finalize(s, st);
	}
	return rc;
}

static int drop_orphan_org(rg_store *s, long long org_id)
{
	rg_db_stmt *st = NULL;
	int rc;

	if ((rc = rg_sql_prepare(s, drop_orphan_org_sql, &st)))
		return rc;
	if ((rc = s->be->bind_int(st, 1, org_id)) || (rc = rg_sql_done(s, st)))
		rg_store_fail(s, "cannot remove an organization");
	rg_sql_finalize(s, st);
	return rc;
}

typedef struct {
	const rg_model *m;
	const rg_store_source *src;
	int inserted;
} put_job;

/* Everything of one filing, inside the caller's write transaction. */
static int put_body(rg_store *s, put_job *j)
{
	const rg_model *m = j->m;
	char key[KEY_SIZE];
	old_filing old;
	long long org_id = 0, id = 0;
	int rc, found = 0;

	j->inserted = 0;
	rg_store_version_key(m, key, sizeof(key));
	/* the group's lock first: every writer of this group waits here, before it writes anything */
	if (key[0] && (rc = s->be->lock(s->db, key)))
		return rg_store_fail(s, "cannot lock a version group");
	if ((rc = find_stored(s, m->sha256, &old, &found)))
		return rc;
	if (found && !old.reparse)
		return rg_store_clear_failure(s, j->src->path);   /* the same bytes: nothing to write */
	if (found) {
		if (old.key[0] && strcmp(old.key, key) && (rc = s->be->lock(s->db, old.key)))
			return rg_store_fail(s, "cannot lock a version group");
		if ((rc = delete_filing(s, old.id)))
			return rc;
	}
	if ((rc = rg_store_org_id(s, m, &org_id)) || (rc = insert_filing(s, m, j->src, org_id, key, &id)))
		return rc;
	if (!id)   /* another writer stored these bytes first */
		return rg_store_clear_failure(s, j->src->path);
	if ((rc = insert_rows(s, id, m)))
		return rc;
	if (key[0] && (rc = rg_store_choose_current(s, key)))
		return rc;
	if (found && old.key[0] && strcmp(old.key, key) && (rc = rg_store_choose_current(s, old.key)))
		return rc;
	if (found && old.org_id && old.org_id != org_id && (rc = drop_orphan_org(s, old.org_id)))
		return rc;
	/* what other filings' comparisons with it say (follow.c), from the current filings */
	if ((rc = rg_store_follow_filing(s, id)))
		return rc;
	j->inserted = 1;
	return rg_store_clear_failure(s, j->src->path);
}

/* Run body in a write transaction; a transient error runs it again. */
static int in_write(rg_store *s, int (*body)(rg_store *s, void *ctx), void *ctx)
{
	struct timespec pause;
	int attempt, rc, retry;

	for (attempt = 1;; attempt++) {
		if ((rc = s->be->begin(s->db, RG_TX_WRITE)))
			rg_store_fail(s, "cannot begin a transaction");
		if (!rc)
			rc = body(s, ctx);
		if (!rc && (rc = s->be->commit(s->db)))
			rg_store_fail(s, "cannot commit");
		if (!rc) {
			s->transient = 0;
			return 0;
		}
		retry = s->be->retryable(s->db);
		s->be->rollback(s->db);   /* leaves nothing of the transaction */
		if (!retry || attempt == MAX_ATTEMPTS) {
			s->transient = retry;
			return rc;
		}
		pause.tv_sec = 0;
		pause.tv_nsec = 20000000L << attempt;   /* 40 ms, 80 ms ... */
		nanosleep(&pause, NULL);
	}
}

static int put_filing(rg_store *s, void *ctx)
{
	return put_body(s, ctx);
}

int rg_store_put_filing(rg_store *s, const rg_model *m, const rg_store_source *src, int *inserted)
{
	put_job j = { m, src, 0 };
	int rc;

	*inserted = 0;
	if (!m->sha256 || strlen(m->sha256) != 64)
		return rg_error_set(RG_EUSAGE, "%s: the model has no sha256", src->path);
	rc = in_write(s, put_filing, &j);
	if (!rc)
		*inserted = j.inserted;
	return rc;
}

/* ---- failures ------------------------------------------------------------------ */

int rg_store_put_failure(rg_store *s, const rg_store_source *src, const char *sha256,
	int code, const char *message)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	int rc;

	if ((rc = rg_sql_cached(s, ST_FAILURE_PUT, failure_put_sql, &st)) || (rc = be->bind_text(st, 1, src->path)) ||
	    (rc = rg_bind_text(s, st, 2, sha256)) || (rc = be->bind_int(st, 3, src->size)) ||
	    (rc = be->bind_int(st, 4, src->mtime)) || (rc = be->bind_text(st, 5, rg_error_name(code))) ||
	    (rc = be->bind_text(st, 6, message ? message : "")) || (rc = rg_sql_done(s, st)))
		return rg_store_fail(s, "cannot record a failure");
	return 0;
}

int rg_store_clear_failure(rg_store *s, const char *path)
{
	rg_db_stmt *st = NULL;
	int rc;

	if ((rc = rg_sql_cached(s, ST_FAILURE_DEL, failure_del_sql, &st)) || (rc = s->be->bind_text(st, 1, path)) ||
	    (rc = rg_sql_done(s, st)))
		return rg_store_fail(s, "cannot clear a failure");
	return 0;
}

int rg_store_in_write(rg_store *s, int (*body)(rg_store *s, void *ctx), void *ctx)
{
	return in_write(s, body, ctx);
}
