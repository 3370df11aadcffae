/*
** sqlite.c - the SQLite backend: a store in one file (the default).
**
** Connection settings: WAL, so readers (report, export) never block the
** writer and see one consistent snapshot; synchronous NORMAL, so a crash of
** the process (kill -9) loses nothing committed and only a power loss may
** lose the last transactions; a busy timeout of 30 s on every connection,
** so a second writer waits instead of failing, and SQLITE_PROTOCOL, a read
** transaction that could not begin for 10 s, is waited out the same way
** (settled()).  A read-only opener uses
** SQLITE_OPEN_READONLY and never creates, migrates or writes.
**
** One writer at a time: a write transaction is BEGIN IMMEDIATE, which
** takes the database's write lock at once, so lock() has nothing to do.
**
** Opening checks what --db names before SQLite sees it: a store to read
** must exist (SQLite's "unable to open database file" says nothing of what
** to do), a new store is made only in a folder that exists (a mistyped
** path must not start an empty store), and a store that exists is checked
** with PRAGMA quick_check and refused when damaged, untouched.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "backend.h"
#include "core/buf.h"
#include "core/error.h"

/* How long a connection waits for another process's lock (ingest writing while report reads). */
#define BUSY_TIMEOUT_MS 30000
/* Runs again of a call that lost the race to begin a WAL read transaction (settled()). */
#define PROTOCOL_RETRIES 5

struct rg_db {
	sqlite3 *h;
	int last_rc;              /* extended result code of the last error */
};

struct rg_db_stmt {
	rg_db *db;
	sqlite3_stmt *st;
	int stepped;              /* stepped since the last reset: a read transaction is held */
};

/* Whether a call is to be made again: SQLITE_PROTOCOL is a race to begin a WAL read
** transaction lost for about 10 s of SQLite's own retries (another process stopped
** inside the WAL-index, by Ctrl-Z or a debugger, or heavy contention); the call has
** done nothing, so it is run again a few times, as a busy wait would
** (https://www.sqlite.org/rescode.html#protocol). */
static int settled(int rc, int *tries)
{
	return (rc & 0xff) == SQLITE_PROTOCOL && (*tries)++ < PROTOCOL_RETRIES;
}

/* Record the connection's last error; RG_EIO for the file's own troubles. */
static int fail(rg_db *db, int rc)
{
	int base = rc & 0xff;

	db->last_rc = rc;
	return rg_error_set(base == SQLITE_IOERR || base == SQLITE_CANTOPEN || base == SQLITE_FULL
		? RG_EIO : base == SQLITE_NOMEM ? RG_ENOMEM : RG_ERROR, "%s", sqlite3_errmsg(db->h));
}

static int check(rg_db *db, int rc)
{
	return rc == SQLITE_OK ? 0 : fail(db, rc);
}

static void db_close(rg_db *db)
{
	if (!db)
		return;
	/* the common code finalizes every statement first, so close cannot be busy */
	(void)sqlite3_close(db->h);
	free(db);
}

static int db_exec(rg_db *db, const char *sql)
{
	int rc, tries = 0;

	/* again only when nothing was begun (BEGIN, the PRAGMAs of opening) */
	while (settled(rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL), &tries) && sqlite3_get_autocommit(db->h))
		;
	return check(db, rc);
}

/* sqlite3_prepare_v2, run again after a lost WAL race: preparing may read the schema. */
static int prepare_raw(rg_db *db, const char *sql, sqlite3_stmt **st)
{
	int rc, tries = 0;

	while (settled(rc = sqlite3_prepare_v2(db->h, sql, -1, st, NULL), &tries))
		;
	return rc;
}

/* sqlite3_step of a statement not yet stepped, run again after a lost WAL race. */
static int first_step(sqlite3_stmt *st)
{
	int rc, tries = 0;

	while (settled(rc = sqlite3_step(st), &tries))
		(void)sqlite3_reset(st);   /* keeps the bindings */
	return rc;
}

/* What is wrong with path before SQLite opens it, or 0.  *exists: a file is there. */
static int check_path(const char *path, int readonly, int *exists)
{
	struct stat st;
	const char *slash = strrchr(path, '/');
	char *dir;
	int rc = 0;

	*exists = !stat(path, &st);
	if (*exists && S_ISDIR(st.st_mode))
		return rg_error_set(RG_EUSAGE, "is a folder, not a store (name the store file)");
	if (*exists && S_ISREG(st.st_mode) && st.st_size > 0) {
		/* SQLite takes a file shorter than its header for an empty database and
		** overwrites it: a file that does not start as SQLite's is refused */
		static const char magic[16] = "SQLite format 3";
		char head[16];
		FILE *f = fopen(path, "rb");
		size_t n = f ? fread(head, 1, sizeof(head), f) : 0;
		if (f)
			fclose(f);
		if (n == sizeof(head) ? memcmp(head, magic, sizeof(magic)) : 1)
			return rg_error_set(RG_EFORMAT, "not a store: the file is not an SQLite database");
	}
	if (*exists)
		return 0;
	if (errno != ENOENT)
		return rg_error_set(RG_EIO, "cannot open the store: %s", strerror(errno));
	if (readonly)
		return rg_error_set(RG_EIO, "no store here: ingest first (raingan ingest --db %s PATH...), "
			"or check the --db path", path);
	if (!slash || slash == path)
		return 0;
	if (!(dir = strndup(path, (size_t)(slash - path))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		rc = rg_error_set(RG_EIO, "the folder %s does not exist, and a new store is made only in a folder that "
			"does (a mistyped --db must not start an empty store): check the path, or create it first", dir);
	free(dir);
	return rc;
}

/* PRAGMA quick_check: the b-trees, their pages and records (not the indexes'
** agreement with their tables, which integrity_check adds at many times the
** cost).  0 when the store is whole; else a refusal that says what to do.
** Reads are checked too: a damaged page a query happens not to touch would
** otherwise give a report or an export with filings missing, in silence. */
static int quick_check(rg_db *db, const char *path, int readonly)
{
	sqlite3_stmt *st = NULL;
	const char *first = NULL;
	char what[200] = "";
	int rc = prepare_raw(db, "PRAGMA quick_check(1)", &st), ok = 0;

	if (rc == SQLITE_OK && (rc = first_step(st)) == SQLITE_ROW) {
		first = (const char *)sqlite3_column_text(st, 0);
		ok = first && !strcmp(first, "ok");
		snprintf(what, sizeof(what), "%s", first ? first : "");
		rc = SQLITE_OK;
		for (char *c = what; *c; c++)   /* SQLite's report may span lines: the message is one */
			if (*c == '\n' || *c == '\r')
				*c = ' ';
	}
	sqlite3_finalize(st);
	if (ok)
		return 0;
	if ((rc & 0xff) == SQLITE_NOTADB) {
		db->last_rc = rc;
		return rg_error_set(RG_EFORMAT, "not a store: %s", sqlite3_errstr(rc));
	}
	if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_CORRUPT)
		return fail(db, rc);
	db->last_rc = SQLITE_CORRUPT;
	return rg_error_set(RG_EFORMAT, "the store is damaged (quick_check: %s) and was not %s: "
		"set it aside and restore a backup, or ingest the filings again into a new store "
		"(sqlite3 %s .recover may save what it holds)", what[0] ? what : sqlite3_errstr(rc),
		readonly ? "read" : "written to", path);
}

/* rg_db_check_ours in one snapshot: a store that another writer is making at this
** moment is seen whole or not at all, never half made as "tables of another program"
** (three writers starting on one new store did see that). */
static int check_ours(rg_db *db)
{
	int rc = db_exec(db, "BEGIN");

	if (!rc)
		rc = rg_db_check_ours(&rg_store_sqlite, db);
	if (!rc)
		rc = db_exec(db, "COMMIT");
	else if (!sqlite3_get_autocommit(db->h))
		(void)sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);   /* the first error is reported */
	return rc;
}

/* WAL and synchronous NORMAL (the header comment).  The switch to WAL needs the file
** to itself, and when writers start together on one new store SQLite may answer
** SQLITE_BUSY at once, without the busy wait (the switch upgrades a read lock, and
** waiting could deadlock); it is made again, 20 ms apart, for as long as a busy
** lock is waited for (seen about once in 300 new stores with 6 writers each). */
static int set_wal(rg_db *db)
{
	int rc, waited = 0;

	while (((rc = sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) & 0xff) == SQLITE_BUSY &&
	       waited < BUSY_TIMEOUT_MS)
		waited += sqlite3_sleep(20);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	return check(db, rc);
}

static int db_open(rg_db **out, const char *path, int readonly)
{
	int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	rg_db *db;
	int rc, exists;

	*out = NULL;
	if ((rc = check_path(path, readonly, &exists)))
		return rc;
	if (!(db = calloc(1, sizeof(*db))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	if ((rc = sqlite3_open_v2(path, &db->h, flags, NULL)) != SQLITE_OK) {
		rc = db->h ? fail(db, rc) : rg_error_set(RG_ENOMEM, "out of memory");
		rg_error_prefix("cannot open the store");
		db_close(db);
		return rc;
	}
	sqlite3_extended_result_codes(db->h, 1);
	rc = check(db, sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS));
	/* before anything is read or written: a damaged store is left as it is */
	if (!rc && exists)
		rc = quick_check(db, path, readonly);
	/* another program's database is left as it is: not even switched to WAL */
	if (!rc && !readonly && exists)
		rc = check_ours(db);
	if (!rc && !readonly)
		rc = set_wal(db);
	if (rc) {
		db_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

static int table_exists(rg_db *db, const char *table, int *exists)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare_raw(db, table ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1"
		: "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') LIMIT 1", &st);

	if (rc == SQLITE_OK && table)
		rc = sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = first_step(st);
	*exists = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	else
		rc = fail(db, rc);
	sqlite3_finalize(st);
	return rc;
}

/* The common SQL numbers its parameters $1, $2 ...: SQLite's own spelling is ?1, ?2
** ($1 would be a named parameter numbered by first use).  Quoted text is left alone. */
static int rewrite_params(const char *sql, rg_buf *out)
{
	char quote = 0;
	const char *p;

	for (p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			rg_buf_putc(out, '?');
			continue;
		}
		rg_buf_putc(out, *p);
	}
	return rg_buf_oom(out) ? rg_error_set(RG_ENOMEM, "out of memory") : 0;
}

static int prepare(rg_db *db, const char *sql, rg_db_stmt **out)
{
	rg_buf text = RG_BUF_INIT;
	rg_db_stmt *s;
	int rc;

	*out = NULL;
	if ((rc = rewrite_params(sql, &text))) {
		rg_buf_free(&text);
		return rc;
	}
	if (!(s = calloc(1, sizeof(*s)))) {
		rg_buf_free(&text);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	s->db = db;
	rc = prepare_raw(db, rg_buf_cstr(&text), &s->st);
	rg_buf_free(&text);
	if (rc != SQLITE_OK) {
		rc = fail(db, rc);
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

static void finalize(rg_db_stmt *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->st);
	free(s);
}

static void reset(rg_db_stmt *s)
{
	/* reset's return repeats the last step's error, reported then */
	(void)sqlite3_reset(s->st);
	(void)sqlite3_clear_bindings(s->st);
	s->stepped = 0;
}

static int bind_null(rg_db_stmt *s, int i)
{
	return check(s->db, sqlite3_bind_null(s->st, i));
}

static int bind_int(rg_db_stmt *s, int i, long long v)
{
	return check(s->db, sqlite3_bind_int64(s->st, i, v));
}

static int bind_double(rg_db_stmt *s, int i, double v)
{
	return check(s->db, sqlite3_bind_double(s->st, i, v));
}

static int bind_text(rg_db_stmt *s, int i, const char *v)
{
	return check(s->db, v ? sqlite3_bind_text(s->st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s->st, i));
}

static int step(rg_db_stmt *s)
{
	/* a statement that has returned a row holds its read transaction: no race left */
	int rc = s->stepped ? sqlite3_step(s->st) : first_step(s->st);

	s->stepped = 1;
	if (rc == SQLITE_ROW)
		return RG_DB_ROW;
	if (rc == SQLITE_DONE)
		return RG_DB_DONE;
	return fail(s->db, rc);
}

static int column_is_null(rg_db_stmt *s, int i)
{
	return sqlite3_column_type(s->st, i) == SQLITE_NULL;
}

static long long column_int(rg_db_stmt *s, int i)
{
	return sqlite3_column_int64(s->st, i);
}

static double column_double(rg_db_stmt *s, int i)
{
	return sqlite3_column_double(s->st, i);
}

static const char *column_text(rg_db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->st, i);
}

static int begin(rg_db *db, int mode)
{
	/* IMMEDIATE takes the write lock now: what the transaction reads cannot go stale */
	return db_exec(db, mode == RG_TX_WRITE ? "BEGIN IMMEDIATE" : "BEGIN");
}

static int commit(rg_db *db)
{
	return db_exec(db, "COMMIT");
}

static void rollback(rg_db *db)
{
	/* the first error is the one reported */
	if (!sqlite3_get_autocommit(db->h))
		(void)sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

static int lock(rg_db *db, const char *key)
{
	(void)db;
	(void)key;
	return 0;   /* BEGIN IMMEDIATE already holds the only write lock */
}

static int retryable(rg_db *db)
{
	/* plain SQLITE_BUSY has waited the busy timeout already; a stale WAL snapshot
	** of a read that became a write is the one that a new transaction cures, and
	** a WAL race still lost after settled()'s runs may be won by a later one */
	return db->last_rc == SQLITE_BUSY_SNAPSHOT || db->last_rc == SQLITE_PROTOCOL;
}

const rg_store_backend rg_store_sqlite = {
	"sqlite",
	"INTEGER PRIMARY KEY",   /* an alias of the 64-bit rowid: the next id is max + 1 */
	"",                      /* SQLite compares text by its bytes (BINARY) */
	"instr",
	"CAST(strftime('%s', 'now') AS INTEGER)",
	"",                      /* BEGIN IMMEDIATE: one writer at a time, nothing to pass over */
	db_open,
	db_close,
	db_exec,
	table_exists,
	prepare,
	finalize,
	reset,
	bind_null,
	bind_int,
	bind_double,
	bind_text,
	step,
	column_is_null,
	column_int,
	column_double,
	column_text,
	begin,
	commit,
	rollback,
	lock,
	retryable,
};
