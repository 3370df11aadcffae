/*
** backend.h - what a store backend is: one file (sqlite.c, pg.c) that
** fills one rg_store_backend with a small SQL driver and its dialect.
**
** Everything else is common and written once: the schema and its
** migrations (the migrations in migrations/, migrate.c), writing a filing and choosing
** the current one (write.c), the filter as SQL and models read back
** (select.c), the export bytes (export.c).  So a backend never sees a
** model: it runs the common SQL, which is portable (types and statements
** that SQLite and PostgreSQL both accept) except for the few words of the
** dialect below, which store.c puts in place of the {TOKENS} of the SQL.
**
** The contract of a backend:
**  - Parameters are written $1, $2 ... (numbered from 1; one may appear
**    several times); a backend that spells them otherwise rewrites them in
**    prepare.
**  - Every operation returns 0 (or RG_DB_ROW / RG_DB_DONE from step) or a
**    negative RG_E* code after rg_error_set() with the server's own words,
**    never with a password; the common code puts what it was doing in front.
**    In a write transaction, a statement without rows may run later than
**    its step (PostgreSQL sends such statements in a pipeline): its error is
**    then reported by a later step of a query, or by commit.  Either way the
**    transaction fails and is rolled back whole.
**  - Statements may be stepped interleaved: a query stays open while others
**    run (a filing's projects are read while the list of filings is).  A
**    backend that cannot stream two results at once on one connection
**    buffers the outer one or uses a cursor.
**  - Text from column_text stays valid until the next step, reset or
**    finalize of that statement; text given to bind_text stays valid until
**    the statement is reset.
**  - begin(RG_TX_WRITE) opens a write transaction; every filing is written in
**    its own.  begin(RG_TX_READ) opens a read of one consistent snapshot
**    (several queries see the same data while writers go on).
**  - lock(key) takes a lock on a key string for the rest of the current
**    transaction: two writers that lock the same key run one after the
**    other.  The common code locks the schema ("raingan:schema") while it
**    migrates and a version group while it chooses that group's current
**    filing; a writer takes a group's lock before it writes a row of the
**    group, so no two writers wait on each other in a cycle.  SQLite needs
**    nothing (BEGIN IMMEDIATE: one writer at a time); PostgreSQL takes
**    pg_advisory_xact_lock on a 64-bit hash of the key.
**  - retryable() says whether the last error may go away if the whole
**    transaction runs again (a serialization failure, a deadlock, a dropped
**    connection the backend has already reconnected): the common code rolls
**    back and runs it again, a few times, then reports the filing as failed
**    and the batch goes on (rg_store_last_error_transient).
**  - A "unique key" conflict of INSERT ... ON CONFLICT DO NOTHING is no
**    error: the statement just inserts nothing (RETURNING gives no row).
*/
#ifndef RG_STORE_BACKEND_H
#define RG_STORE_BACKEND_H

typedef struct rg_db rg_db;             /* one connection of a backend */
typedef struct rg_db_stmt rg_db_stmt;   /* one prepared statement on it */

enum { RG_DB_DONE = 0, RG_DB_ROW = 1 };  /* what step returns besides an error */
enum { RG_TX_READ = 0, RG_TX_WRITE = 1 };

typedef struct rg_store_backend {
	const char *name;              /* "sqlite", "postgresql": in messages and store/README.md */

	/* the dialect: the words portable SQL cannot share ({TOKEN} in the common SQL) */
	const char *id_type;           /* {ID}: an auto-numbered 64-bit primary key column */
	const char *byte_order;        /* {C}: after a text ORDER BY term, compare bytes (not a locale) */
	const char *strpos;            /* {STRPOS}(text, part): 1-based position of part, 0 when absent */
	const char *now;               /* {NOW}: the database's clock, whole seconds since the epoch */
	const char *skip_locked;       /* {SKIP_LOCKED}: after a SELECT of rows to claim, pass over those
	                                  another transaction is claiming (empty: one writer at a time) */

	/* Open the store the target names (a path, a connection string); readonly:
	** never create, migrate or write.  May print nothing. */
	int (*open)(rg_db **out, const char *target, int readonly);
	void (*close)(rg_db *db);

	/* Run one or more statements without parameters or results (migrations). */
	int (*exec)(rg_db *db, const char *sql);

	/* Whether a table exists (*exists 0 or 1); table NULL: whether the database
	** (PostgreSQL: its current schema) holds any table at all. */
	int (*table_exists)(rg_db *db, const char *table, int *exists);

	int (*prepare)(rg_db *db, const char *sql, rg_db_stmt **out);
	void (*finalize)(rg_db_stmt *st);     /* NULL allowed */
	void (*reset)(rg_db_stmt *st);        /* before the first step again, every parameter NULL */
	int (*bind_null)(rg_db_stmt *st, int i);
	int (*bind_int)(rg_db_stmt *st, int i, long long v);
	int (*bind_double)(rg_db_stmt *st, int i, double v);
	int (*bind_text)(rg_db_stmt *st, int i, const char *v);
	int (*step)(rg_db_stmt *st);          /* RG_DB_ROW, RG_DB_DONE or an error */
	int (*column_is_null)(rg_db_stmt *st, int i);   /* columns numbered from 0 */
	long long (*column_int)(rg_db_stmt *st, int i);
	double (*column_double)(rg_db_stmt *st, int i);
	const char *(*column_text)(rg_db_stmt *st, int i);   /* NULL for SQL NULL */

	int (*begin)(rg_db *db, int mode);    /* RG_TX_READ or RG_TX_WRITE */
	int (*commit)(rg_db *db);
	void (*rollback)(rg_db *db);          /* after an error: must not fail louder than it */
	int (*lock)(rg_db *db, const char *key);
	int (*retryable)(rg_db *db);
} rg_store_backend;

/* The backends this raingan has (sqlite.c, pg.c); store.c picks one by the target. */
/* Whether db (opened by be, to be written) may be made or used as a store: 0
** when it holds schema_version and filings (raingan's, made in one
** transaction) or nothing at all; RG_EFORMAT (said, without the store's name)
** when it holds another program's tables or views; else table_exists's error.
** Common code (migrate.c); a backend may call it before it changes anything
** (SQLite: before the switch to WAL). */
int rg_db_check_ours(const rg_store_backend *be, rg_db *db);

extern const rg_store_backend rg_store_sqlite;
extern const rg_store_backend rg_store_pg;

#endif
