/*
** store_int.h - what the common files of the store share: the connection
** with its backend and cached statements, SQL with the dialect put in, and
** short helpers over the backend's operations.
*/
#ifndef RG_STORE_INT_H
#define RG_STORE_INT_H

#include "backend.h"
#include "core/buf.h"
#include "store.h"

/* The statements the ingest writer runs for every filing, prepared once. */
enum {
	ST_FIND_SHA, ST_ORG_INSERT, ST_ORG_ID, ST_FILING_INSERT, ST_GROUP_BEST, ST_GROUP_MARK,
	ST_PROJECT, ST_YEAR, ST_STATED, ST_FINDING, ST_FAILURE_PUT, ST_FAILURE_DEL,
	/* follow.c: what is derived across filings, after each filing */
	ST_FW_FILING, ST_FW_LINK, ST_FW_CLEAR_OLD, ST_FW_LOAD,
	ST_FW_AFFECTED, ST_FW_AFFECTED_CODE, ST_FW_PREV, ST_FW_PREV_CODE, ST_FW_PLAN, ST_FW_PLAN_CODE,   /* each then its _CODE */
	ST_FW_PROJECTS, ST_FW_YEARS, ST_FW_DELETE, ST_FW_INSERT, ST_FW_REGISTERED, ST_FW_CANDIDATES,
	ST_COUNT
};

struct rg_store {
	const rg_store_backend *be;
	rg_db *db;
	char *name;                 /* for messages: no password in it */
	int readonly;
	int created;                /* this open made the schema (the store was empty) */
	int transient;              /* the last error was retryable (and retried) */
	rg_db_stmt *st[ST_COUNT];
	struct rg_spelling *spelling;   /* rules/spelling.tsv for project names (rg_store_set_rules), or NULL */
};

/* Put the dialect's words in place of {ID}, {C}, {STRPOS}, {NOW} and {SKIP_LOCKED} (backend.h) in out. */
int rg_sql_expand(const rg_store *s, const char *sql, rg_buf *out);

/* Prepare common SQL (the caller finalizes it with rg_sql_finalize). */
int rg_sql_prepare(rg_store *s, const char *sql, rg_db_stmt **out);
void rg_sql_finalize(rg_store *s, rg_db_stmt *st);

/* Run common SQL without parameters or results. */
int rg_sql_exec(rg_store *s, const char *sql);

/* A cached statement of the writer, reset (every parameter NULL). */
int rg_sql_cached(rg_store *s, int which, const char *sql, rg_db_stmt **out);

/* Bind helpers: NULL, 0 (for an optional number) and unset amounts become SQL NULL. */
int rg_bind_text(rg_store *s, rg_db_stmt *st, int i, const char *v);
int rg_bind_int(rg_store *s, rg_db_stmt *st, int i, long long v);
int rg_bind_int_or_null(rg_store *s, rg_db_stmt *st, int i, long long v);
int rg_bind_amount(rg_store *s, rg_db_stmt *st, int i, int set, double v);

/* Step a statement that returns no row; and one that returns at most one
** (*found 0 or 1; the row stays readable until the next reset). */
int rg_sql_done(rg_store *s, rg_db_stmt *st);
int rg_sql_row(rg_store *s, rg_db_stmt *st, int *found);

/* Put "STORE: what" in front of the current error and return its code. */
int rg_store_fail(rg_store *s, const char *what);

/* The version group of a filing (write.c): a key of the organization's key,
** kind, fiscal year, round and plan period; 0 and an empty key when the
** filing has no group (no organization, or its period is not known). */
int rg_store_version_key(const rg_model *m, char *key, size_t size);

/* Run body in a write transaction; a transient error (backend.h: retryable) runs it
** again, a few times, then s's last error is transient (write.c). */
int rg_store_in_write(rg_store *s, int (*body)(rg_store *s, void *ctx), void *ctx);

/* Choose the current filing of a version group again (write.c). */
int rg_store_choose_current(rg_store *s, const char *key);

/* The organization row of a model's key, created when new (write.c); *id 0 when it names none. */
int rg_store_org_id(rg_store *s, const rg_model *m, long long *id);

/* After filing id was stored (write.c): link its organization to the register,
** and derive again the findings across filings it may change (follow.c). */
int rg_store_follow_filing(rg_store *s, long long id);

/* Derive every derived finding of the current filings again, in the caller's
** write transaction (follow.c); *n: the filings. */
int rg_store_derive_all(rg_store *s, size_t *n);

/* Forget the spelling variants (rg_store_close). */
void rg_store_free_rules(rg_store *s);

/* Bring the schema to RG_STORE_SCHEMA_VERSION, or check it (read-only) (migrate.c). */
int rg_store_migrate(rg_store *s);
int rg_store_check_version(rg_store *s);

/* The order of filings everywhere (export, models): by what they are. */
#define RG_FILING_ORDER \
	"coalesce(f.province, '') {C}, coalesce(f.org_name, '') {C}, coalesce(f.district, '') {C}," \
	" f.kind {C}, coalesce(f.fiscal_year, 0), coalesce(f.round_months, 0)," \
	" coalesce(f.plan_from, 0), coalesce(f.plan_to, 0), coalesce(f.as_of, '') {C}, f.sha256 {C}"

/* How many other organizations a filing's organization o may be (docs/MODEL.md,
** organization_ambiguous): it states no district (not an อบจ.) or no province,
** and other organizations of its type and place agree with what it states. */
#define RG_ORG_CANDIDATES \
	"CASE WHEN o.id IS NOT NULL AND ((o.district = '' AND o.type <> 'pao') OR o.province = '')" \
	" THEN (SELECT count(*) FROM organizations c WHERE c.type = o.type AND c.place = o.place" \
	" AND c.id <> o.id AND (o.district = '' OR c.district = o.district)" \
	" AND (o.province = '' OR c.province = o.province)) ELSE 0 END"

#endif
