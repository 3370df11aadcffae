/*
** migrate.c - the schema's one history, the same for every backend.
**
** schema_version holds the version a store is at; migrations/NNN-*.sql
** takes version NNN - 1 to NNN (001 creates the first schema in an empty
** database).  Opening a store for writing runs every migration it lacks in
** one write transaction under the lock "raingan:schema", so two processes
** (two machines, with a server) opening a new store at once do not both
** create it.  A migration is portable SQL with the dialect's {TOKENS}; a
** line "-- @step NAME" runs the C step NAME below (data changes SQL cannot
** say portably, such as normalizing names), and "-- @only BACKEND" up to
** "-- @all" is SQL for that backend alone (PostgreSQL's named constraints).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "model/org.h"
#include "store_int.h"
#include "migrations_sql.h"   /* rg_migrations_sql[]: the text of migrations/NNN-NAME.sql, generated */

/* ---- C steps --------------------------------------------------------------- */

/* One filing's organization fields, as migration 2 rekeys it. */
typedef struct {
	long long id;
	rg_model m;   /* only the fields of the organization and the period */
} filing_org;

static void free_filing_orgs(filing_org *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].m.org_name);
		free(rows[i].m.district);
		free(rows[i].m.province);
	}
	free(rows);
}

static int dup_col(rg_store *s, rg_db_stmt *st, int i, char **out)
{
	return rg_model_set_str(out, s->be->column_text(st, i));
}

/* Every filing that names an organization, read first: the updates come after. */
static int read_filing_orgs(rg_store *s, filing_org **out, size_t *n)
{
	const rg_store_backend *be = s->be;
	filing_org *rows = NULL, *r;
	size_t cap = 0;
	rg_db_stmt *st = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = rg_sql_prepare(s, "SELECT id, org_name, org_type, district, province, kind, fiscal_year,"
		" round_months, plan_from, plan_to FROM filings WHERE org_name IS NOT NULL ORDER BY id", &st)))
		return rc;
	while ((rc = be->step(st)) == RG_DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			if (!(r = realloc(rows, cap * sizeof(*r)))) {
				rc = rg_error_set(RG_ENOMEM, "out of memory");
				break;
			}
			rows = r;
		}
		r = &rows[(*n)++];
		memset(r, 0, sizeof(*r));
		r->id = be->column_int(st, 0);
		if ((rc = dup_col(s, st, 1, &r->m.org_name)) || (rc = dup_col(s, st, 3, &r->m.district)) ||
		    (rc = dup_col(s, st, 4, &r->m.province)))
			break;
		r->m.org_type = rg_org_type_from_name(be->column_text(st, 2));
		r->m.kind = rg_doc_kind_from_name(be->column_text(st, 5));
		r->m.fiscal_year = (int)be->column_int(st, 6);
		r->m.round_months = (int)be->column_int(st, 7);
		r->m.plan_from = (int)be->column_int(st, 8);
		r->m.plan_to = (int)be->column_int(st, 9);
	}
	rg_sql_finalize(s, st);
	if (rc < 0) {
		free_filing_orgs(rows, *n);
		*n = 0;
		return rc == RG_ENOMEM ? rc : rg_store_fail(s, "cannot read the filings");
	}
	*out = rows;
	return 0;
}

/* Migration 2: each filing's organization by its key (org.h), in organizations_v2,
** and its version group by the new rule. */
static int rekey_organizations(rg_store *s)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *ins = NULL, *get = NULL, *upd = NULL;
	filing_org *rows;
	char name[RG_ORG_TEXT * 2], key[RG_ORG_TEXT * 4 + 96];
	size_t n, i;
	rg_org_key k;
	int rc, found;

	if ((rc = read_filing_orgs(s, &rows, &n)))
		return rc;
	rc = rg_sql_prepare(s, "INSERT INTO organizations_v2 (type, place, district, province, name)"
		" VALUES ($1, $2, $3, $4, $5) ON CONFLICT (type, place, district, province) DO NOTHING", &ins);
	if (!rc)
		rc = rg_sql_prepare(s, "SELECT id FROM organizations_v2 WHERE type = $1 AND place = $2"
			" AND district = $3 AND province = $4", &get);
	if (!rc)
		rc = rg_sql_prepare(s, "UPDATE filings SET organization_id = $1, version_key = $2 WHERE id = $3", &upd);
	for (i = 0; i < n && !rc; i++) {
		rg_org_key_of(&rows[i].m, &k);
		rg_org_full_name(&k, name, sizeof(name));
		rg_store_version_key(&rows[i].m, key, sizeof(key));
		be->reset(ins);
		be->reset(get);
		be->reset(upd);
		found = 0;
		if ((rc = be->bind_text(ins, 1, rg_org_type_name(k.type))) || (rc = be->bind_text(ins, 2, k.place)) ||
		    (rc = be->bind_text(ins, 3, k.district)) || (rc = be->bind_text(ins, 4, k.province)) ||
		    (rc = be->bind_text(ins, 5, name)) || (rc = rg_sql_done(s, ins)) ||
		    (rc = be->bind_text(get, 1, rg_org_type_name(k.type))) || (rc = be->bind_text(get, 2, k.place)) ||
		    (rc = be->bind_text(get, 3, k.district)) || (rc = be->bind_text(get, 4, k.province)) ||
		    (rc = rg_sql_row(s, get, &found)))
			rc = rg_store_fail(s, "cannot rekey an organization");
		else if (!found)
			rc = rg_error_set(RG_ERROR, "%s: an organization vanished while it was rekeyed", s->name);
		else if ((rc = be->bind_int(upd, 1, be->column_int(get, 0))) ||
		    (rc = rg_bind_text(s, upd, 2, key[0] ? key : NULL)) || (rc = be->bind_int(upd, 3, rows[i].id)) ||
		    (rc = rg_sql_done(s, upd)))
			rc = rg_store_fail(s, "cannot rekey an organization");
	}
	rg_sql_finalize(s, ins);
	rg_sql_finalize(s, get);
	rg_sql_finalize(s, upd);
	free_filing_orgs(rows, n);
	return rc;
}

/* Every version group's current filing chosen again (write.c's rule). */
static int choose_current_filings(rg_store *s)
{
	rg_db_stmt *st = NULL;
	char **keys = NULL, **p;
	size_t n = 0, cap = 0, i;
	int rc;

	if ((rc = rg_sql_exec(s, "UPDATE filings SET is_current = 1, superseded_by = NULL WHERE version_key IS NULL")))
		return rc;
	if ((rc = rg_sql_prepare(s, "SELECT DISTINCT version_key FROM filings WHERE version_key IS NOT NULL", &st)))
		return rc;
	while ((rc = s->be->step(st)) == RG_DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			if (!(p = realloc(keys, cap * sizeof(*p)))) {
				rc = rg_error_set(RG_ENOMEM, "out of memory");
				break;
			}
			keys = p;
		}
		if (!(keys[n] = strdup(s->be->column_text(st, 0)))) {
			rc = rg_error_set(RG_ENOMEM, "out of memory");
			break;
		}
		n++;
	}
	rg_sql_finalize(s, st);
	if (rc < 0 && rc != RG_ENOMEM)
		rg_store_fail(s, "cannot read the version groups");
	for (i = 0; i < n && rc >= 0; i++)
		rc = rg_store_choose_current(s, keys[i]);
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	return rc < 0 ? rc : 0;
}

static const struct {
	const char *name;
	int (*run)(rg_store *s);
} steps[] = {
	{ "rekey_organizations", rekey_organizations },
	{ "choose_current_filings", choose_current_filings },
};

/* ---- the runner ---------------------------------------------------------------- */

/* Whether SQL text holds anything but comments and blanks. */
static int has_sql(const char *p)
{
	while (*p) {
		p += strspn(p, " \t\r\n");
		if (p[0] == '-' && p[1] == '-')
			p += strcspn(p, "\n");
		else if (*p)
			return 1;
	}
	return 0;
}

static int flush_sql(rg_store *s, rg_buf *sql)
{
	int rc = 0;

	if (rg_buf_oom(sql))
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (sql->len && has_sql(rg_buf_cstr(sql)))
		rc = rg_sql_exec(s, rg_buf_cstr(sql));
	rg_buf_clear(sql);
	return rc;
}

static int run_step(rg_store *s, const char *name, size_t len)
{
	size_t k;

	for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++)
		if (strlen(steps[k].name) == len && !strncmp(steps[k].name, name, len))
			return steps[k].run(s);
	return rg_error_set(RG_ERROR, "%s: the migration names an unknown step '%.*s'", s->name, (int)len, name);
}

/* One migration's text: its SQL, its steps, and the SQL for this backend alone. */
static int run_migration(rg_store *s, const char *text)
{
	rg_buf sql = RG_BUF_INIT;
	const char *line = text, *end;
	size_t len, name_len = strlen(s->be->name);
	int keep = 1, rc = 0;

	while (*line && !rc) {
		end = strchr(line, '\n');
		len = end ? (size_t)(end - line) : strlen(line);
		if (!strncmp(line, "-- @only ", 9)) {
			keep = len - 9 == name_len && !strncmp(line + 9, s->be->name, name_len);
		} else if (!strncmp(line, "-- @all", 7)) {
			keep = 1;
		} else if (!strncmp(line, "-- @step ", 9)) {
			if (!(rc = flush_sql(s, &sql)))
				rc = run_step(s, line + 9, len - 9);
		} else if (keep) {
			rg_buf_put(&sql, line, len);
			rg_buf_putc(&sql, '\n');
		}
		line += len + (end != NULL);
	}
	if (!rc)
		rc = flush_sql(s, &sql);
	rg_buf_free(&sql);
	return rc;
}

int rg_store_schema_version(rg_store *s, int *version)
{
	rg_db_stmt *st = NULL;
	int rc, exists = 0, found = 0;

	*version = 0;
	if ((rc = s->be->table_exists(s->db, "schema_version", &exists)))
		return rg_store_fail(s, "cannot read the schema");
	if (!exists)
		return 0;
	if ((rc = rg_sql_prepare(s, "SELECT max(version) FROM schema_version", &st)))
		return rc;
	if ((rc = rg_sql_row(s, st, &found)))
		rg_store_fail(s, "cannot read the schema version");
	else if (found && !s->be->column_is_null(st, 0))
		*version = (int)s->be->column_int(st, 0);
	rg_sql_finalize(s, st);
	return rc;
}

static int set_version(rg_store *s, int v)
{
	char sql[96];

	snprintf(sql, sizeof(sql), "DELETE FROM schema_version; INSERT INTO schema_version VALUES (%d)", v);
	return rg_sql_exec(s, sql);
}

int rg_db_check_ours(const rg_store_backend *be, rg_db *db)
{
	int ours = 0, filings = 0, any = 0, rc;

	if ((rc = be->table_exists(db, "schema_version", &ours)) || (rc = be->table_exists(db, "filings", &filings)) ||
	    (rc = be->table_exists(db, NULL, &any)))
		return rc;
	if (!(ours && filings) && any)
		return rg_error_set(RG_EFORMAT, "not a raingan store: it holds tables of another program "
			"(give raingan a store of its own)");
	return 0;
}

static int migrate_locked(rg_store *s)
{
	int version, rc, v;

	if ((rc = s->be->lock(s->db, "raingan:schema")))
		return rg_store_fail(s, "cannot lock the schema");
	/* a database of another program is not made a store */
	if ((rc = rg_db_check_ours(s->be, s->db)) == RG_EFORMAT) {
		rg_error_prefix("%s", s->name);
		return rc;
	}
	if (rc)
		return rg_store_fail(s, "cannot read the schema");
	if ((rc = rg_sql_exec(s, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")) ||
	    (rc = rg_store_schema_version(s, &version)))
		return rc;
	if (version > RG_STORE_SCHEMA_VERSION)
		return rg_error_set(RG_ERROR, "%s: the store is at schema version %d, newer than this raingan (%d)",
			s->name, version, RG_STORE_SCHEMA_VERSION);
	s->created = version == 0;
	for (v = version; v < RG_STORE_SCHEMA_VERSION; v++) {
		if ((rc = run_migration(s, rg_migrations_sql[v])) || (rc = set_version(s, v + 1))) {
			rg_error_prefix("migrating the schema to version %d", v + 1);
			return rc;
		}
	}
	return 0;
}

int rg_store_migrate(rg_store *s)
{
	int rc;

	if ((rc = s->be->begin(s->db, RG_TX_WRITE)))
		return rg_store_fail(s, "cannot begin a transaction");
	if (!(rc = migrate_locked(s)) && (rc = s->be->commit(s->db)))
		rg_store_fail(s, "cannot commit the schema");
	if (rc)
		s->be->rollback(s->db);   /* nothing half-migrated */
	return rc;
}

int rg_store_check_version(rg_store *s)
{
	int version;

	if (rg_store_schema_version(s, &version))
		return RG_ERROR;
	if (version == 0)
		return rg_error_set(RG_ENOTFOUND, "%s: not a raingan store (run `raingan ingest` first)", s->name);
	if (version != RG_STORE_SCHEMA_VERSION)
		return rg_error_set(RG_ERROR, "%s: the store is at schema version %d, this raingan reads %d%s",
			s->name, version, RG_STORE_SCHEMA_VERSION,
			version < RG_STORE_SCHEMA_VERSION ? " (run `raingan ingest` to migrate it)" : "");
	return 0;
}
