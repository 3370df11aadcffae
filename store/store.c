/*
** store.c - opening the store (WAL, busy timeout), the schema and its
** migrations, and the writes of ingest: one transaction per filing, the
** current/history flag, and the failures table.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "store_int.h"
#include "schema_sql.h"

/* Migration i takes a database from version i to i + 1. */
static const char *const migrations[RG_STORE_SCHEMA_VERSION] = { rg_schema_v1 };

/* How long a connection waits for another process's lock (ingest writing while report reads). */
#define BUSY_TIMEOUT_MS 30000

static const char *const statements[ST_COUNT] = {
	[ST_HAS_SHA] = "SELECT 1 FROM filings WHERE sha256 = ?1",
	[ST_ORG_UPSERT] =
		"INSERT INTO organizations (name, province, type, district) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT (name, province) DO UPDATE SET type = excluded.type,"
		" district = coalesce(excluded.district, district)",
	[ST_ORG_ID] = "SELECT id FROM organizations WHERE name = ?1 AND province = ?2",
	[ST_FILING_INSERT] =
		"INSERT INTO filings (sha256, source_path, size, mtime, format, parse_ms, ingested_at,"
		" organization_id, kind, fiscal_year, round_months, plan_from, plan_to, as_of, version_key)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
		" ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[ST_SUPERSEDE] =
		"UPDATE filings SET is_current = 0, superseded_by = ?1"
		" WHERE version_key = ?2 AND is_current = 1 AND id <> ?1",
	[ST_PROJECT] =
		"INSERT INTO projects (filing_id, position, seq, name, kind, dimension, mission, budget,"
		" no_budget, disbursed, status, responsible) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[ST_YEAR] = "INSERT INTO project_years (project_id, position, year, amount) VALUES (?1, ?2, ?3, ?4)",
	[ST_STATED] = "INSERT INTO stated (filing_id, position, key, value) VALUES (?1, ?2, ?3, ?4)",
	[ST_FINDING] =
		"INSERT INTO findings (filing_id, position, severity, code, message) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_FAILURE_PUT] =
		"INSERT INTO failures (path, sha256, size, mtime, code, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
		" ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,"
		" mtime = excluded.mtime, code = excluded.code, message = excluded.message",
	[ST_FAILURE_DEL] = "DELETE FROM failures WHERE path = ?1",
};

/* ---- helpers shared by the store files -------------------------------- */

int rg_store_sql_error(rg_store *s, const char *what)
{
	int rc = sqlite3_extended_errcode(s->db);
	int code = (rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN ||
		(rc & 0xff) == SQLITE_FULL ? RG_EIO : RG_ERROR;

	return rg_error_set(code, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

int rg_store_exec(rg_store *s, const char *sql)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return rg_store_sql_error(s, "database error");
	return 0;
}

int rg_store_prepare(rg_store *s, const char *sql, sqlite3_stmt **out)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, out, NULL) != SQLITE_OK)
		return rg_store_sql_error(s, "cannot prepare a query");
	return 0;
}

int rg_store_stmt(rg_store *s, int which, sqlite3_stmt **out)
{
	if (!s->st[which]) {
		if (rg_store_prepare(s, statements[which], &s->st[which]))
			return RG_ERROR;
	} else {
		/* reset's return repeats the last step's error, already reported then */
		(void)sqlite3_reset(s->st[which]);
		if (sqlite3_clear_bindings(s->st[which]) != SQLITE_OK)
			return rg_store_sql_error(s, "cannot reuse a query");
	}
	*out = s->st[which];
	return 0;
}

int rg_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

int rg_bind_int_or_null(sqlite3_stmt *st, int i, long long v)
{
	return v ? sqlite3_bind_int64(st, i, v) : sqlite3_bind_null(st, i);
}

int rg_bind_amount(sqlite3_stmt *st, int i, int set, double v)
{
	return set ? sqlite3_bind_double(st, i, v) : sqlite3_bind_null(st, i);
}

/* Step a statement that returns no row. */
static int step_done(rg_store *s, sqlite3_stmt *st, const char *what)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		return rg_store_sql_error(s, what);
	return 0;
}

/* ---- open, schema, migrations ----------------------------------------- */

int rg_store_schema_version(rg_store *s, int *version)
{
	sqlite3_stmt *st = NULL;
	int rc, exists;

	if (rg_store_prepare(s, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", &st))
		return RG_ERROR;
	rc = sqlite3_step(st);
	exists = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rg_store_sql_error(s, "cannot read the schema");
	*version = 0;
	if (!exists)
		return 0;
	if (rg_store_prepare(s, "SELECT max(version) FROM schema_version", &st))
		return RG_ERROR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rg_store_sql_error(s, "cannot read the schema version");
	return 0;
}

/* Apply the migrations from `from` to the latest, inside the caller's transaction. */
static int apply_migrations(rg_store *s, int from)
{
	char sql[96];
	int v;

	for (v = from; v < RG_STORE_SCHEMA_VERSION; v++) {
		if (rg_store_exec(s, migrations[v])) {
			rg_error_prefix("migrating the schema to version %d", v + 1);
			return RG_ERROR;
		}
		snprintf(sql, sizeof(sql), "DELETE FROM schema_version; INSERT INTO schema_version VALUES (%d)", v + 1);
		if (rg_store_exec(s, sql))
			return RG_ERROR;
	}
	return 0;
}

/* Bring the schema to RG_STORE_SCHEMA_VERSION; one transaction, so two
** processes opening a new database at once do not both create it. */
static int migrate(rg_store *s)
{
	int version, rc;

	if (rg_store_exec(s, "BEGIN IMMEDIATE"))
		return RG_ERROR;
	rc = rg_store_exec(s, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
	if (!rc)
		rc = rg_store_schema_version(s, &version);
	if (!rc && version > RG_STORE_SCHEMA_VERSION)
		rc = rg_error_set(RG_ERROR, "%s: the store is at schema version %d, newer than this raingan (%d)",
			s->path, version, RG_STORE_SCHEMA_VERSION);
	if (!rc)
		rc = apply_migrations(s, version);
	if (!rc)
		return rg_store_exec(s, "COMMIT");
	(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);   /* the first error is the one reported */
	return rc;
}

/* A read-only opener cannot migrate: it needs the schema it knows. */
static int check_readable(rg_store *s)
{
	int version;

	if (rg_store_schema_version(s, &version))
		return RG_ERROR;
	if (version == 0)
		return rg_error_set(RG_ENOTFOUND, "%s: not a raingan store (run `raingan ingest` first)", s->path);
	if (version != RG_STORE_SCHEMA_VERSION)
		return rg_error_set(RG_ERROR, "%s: the store is at schema version %d, this raingan reads %d%s",
			s->path, version, RG_STORE_SCHEMA_VERSION,
			version < RG_STORE_SCHEMA_VERSION ? " (run `raingan ingest` to migrate it)" : "");
	return 0;
}

static int configure(rg_store *s)
{
	if (sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS) != SQLITE_OK)
		return rg_store_sql_error(s, "cannot set the busy timeout");
	if (s->readonly)
		return 0;
	/* WAL: readers never block the writer; NORMAL: a crash of the process
	** (kill -9) loses nothing committed, only a power loss may lose the last ones. */
	return rg_store_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
}

int rg_store_open(rg_store **out, const char *path, int flags)
{
	int oflags = (flags & RG_STORE_READONLY) ? SQLITE_OPEN_READONLY
		: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	rg_store *s;
	int rc;

	*out = NULL;
	if (!(s = calloc(1, sizeof(*s))) || !(s->path = strdup(path))) {
		free(s);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	s->readonly = (flags & RG_STORE_READONLY) != 0;
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		rc = rg_error_set(RG_EIO, "%s: cannot open the store: %s", path,
			s->db ? sqlite3_errmsg(s->db) : "out of memory");
		rg_store_close(s);
		return rc;
	}
	rc = configure(s);
	if (!rc)
		rc = s->readonly ? check_readable(s) : migrate(s);
	if (rc) {
		rg_store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

void rg_store_close(rg_store *s)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	/* every statement is finalized, so close cannot be busy */
	(void)sqlite3_close(s->db);
	free(s->path);
	free(s);
}

/* ---- lookups ------------------------------------------------------------ */

int rg_store_has_sha256(rg_store *s, const char *sha256, int *found)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (rg_store_stmt(s, ST_HAS_SHA, &st))
		return RG_ERROR;
	if (sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC) != SQLITE_OK)
		return rg_store_sql_error(s, "cannot look up a filing");
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rg_store_sql_error(s, "cannot look up a filing");
	*found = rc == SQLITE_ROW;
	(void)sqlite3_reset(st);
	return 0;
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
static int hex_to_digest(const unsigned char *hex, int len, unsigned char out[32])
{
	int i, hi, lo;

	if (!hex || len != 64)
		return -1;
	for (i = 0; i < 32; i++) {
		hi = hex_value((char)hex[2 * i]);
		lo = hex_value((char)hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int rg_store_known_digests(rg_store *s, unsigned char **out, size_t *n)
{
	unsigned char *all = NULL, *p;
	size_t len = 0, cap = 0;
	sqlite3_stmt *st = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if (rg_store_prepare(s, "SELECT sha256 FROM filings ORDER BY sha256", &st))
		return RG_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 1024;
			if (!(p = realloc(all, cap * 32))) {
				rc = SQLITE_NOMEM;
				break;
			}
			all = p;
		}
		if (!hex_to_digest(sqlite3_column_text(st, 0), sqlite3_column_bytes(st, 0), all + len * 32))
			len++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(all);
		return rc == SQLITE_NOMEM ? rg_error_set(RG_ENOMEM, "out of memory")
			: rg_store_sql_error(s, "cannot list the stored filings");
	}
	*out = all;
	*n = len;
	return 0;
}

/* ---- writing one filing ------------------------------------------------ */

/* The organization's id (created or updated from this filing); 0 when the filing names none. */
static int put_organization(rg_store *s, const rg_model *m, long long *id)
{
	const char *province = m->province ? m->province : "";
	sqlite3_stmt *st = NULL;
	int rc;

	*id = 0;
	if (!m->org_name)
		return 0;
	if (rg_store_stmt(s, ST_ORG_UPSERT, &st))
		return RG_ERROR;
	if (sqlite3_bind_text(st, 1, m->org_name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, province, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 3, rg_org_type_name(m->org_type), -1, SQLITE_STATIC) != SQLITE_OK ||
	    rg_bind_text(st, 4, m->district) != SQLITE_OK)
		return rg_store_sql_error(s, "cannot store an organization");
	if (step_done(s, st, "cannot store an organization"))
		return RG_ERROR;
	/* the upsert may have updated a row, so last_insert_rowid is not reliable: look it up */
	if (rg_store_stmt(s, ST_ORG_ID, &st))
		return RG_ERROR;
	if (sqlite3_bind_text(st, 1, m->org_name, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, province, -1, SQLITE_STATIC) != SQLITE_OK)
		return rg_store_sql_error(s, "cannot find an organization");
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return rg_store_sql_error(s, "cannot find an organization");
	*id = sqlite3_column_int64(st, 0);
	(void)sqlite3_reset(st);
	return 0;
}

/* organization + kind + fiscal year + round (+ plan period, so that plans of two
** periods are not versions of each other): the filings that are versions of one another. */
static void version_key(char *key, size_t size, const rg_model *m, long long org_id)
{
	snprintf(key, size, "%lld|%s|%d|%d|%d-%d", org_id, rg_doc_kind_name(m->kind), m->fiscal_year,
		m->round_months, m->plan_from, m->plan_to);
}

static int insert_filing(rg_store *s, const rg_model *m, const rg_store_source *src,
	long long org_id, const char *key, long long *id)
{
	sqlite3_stmt *st = NULL;

	if (rg_store_stmt(s, ST_FILING_INSERT, &st))
		return RG_ERROR;
	if (sqlite3_bind_text(st, 1, m->sha256, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, src->path, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, src->size) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, src->mtime) != SQLITE_OK ||
	    rg_bind_text(st, 5, m->format) != SQLITE_OK ||
	    sqlite3_bind_double(st, 6, src->parse_ms) != SQLITE_OK ||
	    rg_bind_int_or_null(st, 7, org_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 8, rg_doc_kind_name(m->kind), -1, SQLITE_STATIC) != SQLITE_OK ||
	    rg_bind_int_or_null(st, 9, m->fiscal_year) != SQLITE_OK ||
	    rg_bind_int_or_null(st, 10, m->round_months) != SQLITE_OK ||
	    rg_bind_int_or_null(st, 11, m->plan_from) != SQLITE_OK ||
	    rg_bind_int_or_null(st, 12, m->plan_to) != SQLITE_OK ||
	    rg_bind_text(st, 13, m->as_of[0] ? m->as_of : NULL) != SQLITE_OK ||
	    rg_bind_text(st, 14, key) != SQLITE_OK)
		return rg_store_sql_error(s, "cannot store a filing");
	if (step_done(s, st, "cannot store a filing"))
		return RG_ERROR;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

/* The new filing becomes current: the older versions become history. */
static int supersede(rg_store *s, long long id, const char *key)
{
	sqlite3_stmt *st = NULL;

	if (!key)
		return 0;
	if (rg_store_stmt(s, ST_SUPERSEDE, &st))
		return RG_ERROR;
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK || sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC) != SQLITE_OK)
		return rg_store_sql_error(s, "cannot mark older versions");
	return step_done(s, st, "cannot mark older versions");
}

static int insert_years(rg_store *s, long long project_id, const rg_project *p)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	for (i = 0; i < p->n_budget_by_year; i++) {
		if (rg_store_stmt(s, ST_YEAR, &st))
			return RG_ERROR;
		if (sqlite3_bind_int64(st, 1, project_id) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, (long long)i) != SQLITE_OK ||
		    sqlite3_bind_int(st, 3, p->budget_by_year[i].year) != SQLITE_OK ||
		    rg_bind_amount(st, 4, p->budget_by_year[i].amount.set, p->budget_by_year[i].amount.value) != SQLITE_OK)
			return rg_store_sql_error(s, "cannot store a yearly budget");
		if (step_done(s, st, "cannot store a yearly budget"))
			return RG_ERROR;
	}
	return 0;
}

static int insert_project(rg_store *s, long long filing_id, size_t pos, const rg_project *p)
{
	sqlite3_stmt *st = NULL;

	if (rg_store_stmt(s, ST_PROJECT, &st))
		return RG_ERROR;
	if (sqlite3_bind_int64(st, 1, filing_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, (long long)pos) != SQLITE_OK ||
	    rg_bind_text(st, 3, p->seq) != SQLITE_OK ||
	    rg_bind_text(st, 4, p->name) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, rg_item_kind_name(p->kind), -1, SQLITE_STATIC) != SQLITE_OK ||
	    rg_bind_int_or_null(st, 6, p->dimension) != SQLITE_OK ||
	    rg_bind_text(st, 7, p->mission) != SQLITE_OK ||
	    rg_bind_amount(st, 8, p->budget.set, p->budget.value) != SQLITE_OK ||
	    sqlite3_bind_int(st, 9, p->no_budget ? 1 : 0) != SQLITE_OK ||
	    rg_bind_amount(st, 10, p->disbursed.set, p->disbursed.value) != SQLITE_OK ||
	    rg_bind_text(st, 11, rg_status_name(p->status)) != SQLITE_OK ||
	    rg_bind_text(st, 12, p->responsible) != SQLITE_OK)
		return rg_store_sql_error(s, "cannot store a project");
	if (step_done(s, st, "cannot store a project"))
		return RG_ERROR;
	return insert_years(s, sqlite3_last_insert_rowid(s->db), p);
}

static int insert_stated(rg_store *s, long long filing_id, const rg_model *m)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	for (i = 0; i < m->n_stated; i++) {
		if (rg_store_stmt(s, ST_STATED, &st))
			return RG_ERROR;
		if (sqlite3_bind_int64(st, 1, filing_id) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, (long long)i) != SQLITE_OK ||
		    sqlite3_bind_text(st, 3, m->stated[i].key, -1, SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_bind_double(st, 4, m->stated[i].value) != SQLITE_OK)
			return rg_store_sql_error(s, "cannot store a stated total");
		if (step_done(s, st, "cannot store a stated total"))
			return RG_ERROR;
	}
	return 0;
}

static int insert_findings(rg_store *s, long long filing_id, const rg_model *m)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	for (i = 0; i < m->n_findings; i++) {
		const rg_finding *f = &m->findings[i];
		if (rg_store_stmt(s, ST_FINDING, &st))
			return RG_ERROR;
		if (sqlite3_bind_int64(st, 1, filing_id) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, (long long)i) != SQLITE_OK ||
		    sqlite3_bind_text(st, 3, rg_severity_name(f->severity), -1, SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_bind_text(st, 4, f->code ? f->code : "", -1, SQLITE_STATIC) != SQLITE_OK ||
		    rg_bind_text(st, 5, f->message) != SQLITE_OK)
			return rg_store_sql_error(s, "cannot store a finding");
		if (step_done(s, st, "cannot store a finding"))
			return RG_ERROR;
	}
	return 0;
}

/* Everything of one filing, inside the caller's transaction. */
static int write_filing(rg_store *s, const rg_model *m, const rg_store_source *src)
{
	long long org_id, id = 0;
	char key[128];
	size_t i;

	if (put_organization(s, m, &org_id))
		return RG_ERROR;
	version_key(key, sizeof(key), m, org_id);
	if (insert_filing(s, m, src, org_id, org_id ? key : NULL, &id) ||
	    supersede(s, id, org_id ? key : NULL))
		return RG_ERROR;
	for (i = 0; i < m->n_projects; i++)
		if (insert_project(s, id, i, &m->projects[i]))
			return RG_ERROR;
	if (insert_stated(s, id, m) || insert_findings(s, id, m))
		return RG_ERROR;
	return rg_store_clear_failure(s, src->path);
}

int rg_store_put_filing(rg_store *s, const rg_model *m, const rg_store_source *src, int *inserted)
{
	int found = 0, rc;

	*inserted = 0;
	if (!m->sha256 || strlen(m->sha256) != 64)
		return rg_error_set(RG_EUSAGE, "%s: the model has no sha256", src->path);
	/* IMMEDIATE takes the write lock now, so the sha256 check cannot go stale */
	if (rg_store_exec(s, "BEGIN IMMEDIATE"))
		return RG_ERROR;
	rc = rg_store_has_sha256(s, m->sha256, &found);
	if (!rc && !found)
		rc = write_filing(s, m, src);
	if (!rc) {
		if (rg_store_exec(s, "COMMIT"))
			rc = RG_ERROR;
		else
			*inserted = !found;
	}
	if (rc)   /* leave nothing of the filing; the first error is the one reported */
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* ---- failures ------------------------------------------------------------ */

int rg_store_put_failure(rg_store *s, const rg_store_source *src, const char *sha256,
	int code, const char *message)
{
	sqlite3_stmt *st = NULL;

	if (rg_store_stmt(s, ST_FAILURE_PUT, &st))
		return RG_ERROR;
	if (sqlite3_bind_text(st, 1, src->path, -1, SQLITE_STATIC) != SQLITE_OK ||
	    rg_bind_text(st, 2, sha256) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, src->size) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, src->mtime) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, rg_error_name(code), -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 6, message ? message : "", -1, SQLITE_STATIC) != SQLITE_OK)
		return rg_store_sql_error(s, "cannot record a failure");
	return step_done(s, st, "cannot record a failure");
}

int rg_store_clear_failure(rg_store *s, const char *path)
{
	sqlite3_stmt *st = NULL;

	if (rg_store_stmt(s, ST_FAILURE_DEL, &st))
		return RG_ERROR;
	if (sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC) != SQLITE_OK)
		return rg_store_sql_error(s, "cannot clear a failure");
	return step_done(s, st, "cannot clear a failure");
}

static const char *column_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int rg_store_each_failure(rg_store *s, int (*fn)(const rg_store_failure *f, void *ctx), void *ctx)
{
	rg_store_failure f;
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_DONE, stop = 0;

	if (rg_store_prepare(s, "SELECT path, sha256, size, code, message FROM failures ORDER BY path", &st))
		return RG_ERROR;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		f.path = column_text(st, 0);
		f.sha256 = column_text(st, 1);
		f.size = sqlite3_column_int64(st, 2);
		f.code = column_text(st, 3);
		f.message = column_text(st, 4);
		stop = fn(&f, ctx);
	}
	sqlite3_finalize(st);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return rg_store_sql_error(s, "cannot list the failures");
	return 0;
}

int rg_store_count_failures(rg_store *s, long long *n)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (rg_store_prepare(s, "SELECT count(*) FROM failures", &st))
		return RG_ERROR;
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rg_store_sql_error(s, "cannot count the failures");
	return 0;
}
