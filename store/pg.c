/*
** pg.c - the PostgreSQL backend (libpq): one store shared by many machines.
**
** Connecting.  --db is a postgresql:// URI or a libpq "key=value" string,
** given to libpq as it is, so PGHOST, PGPASSWORD, ~/.pgpass and service
** files work as for psql; client_encoding is UTF8 and, unless the string
** sets one, connect_timeout 10 s.  A password written into --db is refused:
** it would show in the process list and in the shell's history, and libpq
** finds it in PGPASSWORD, ~/.pgpass or a service file.  The database must be
** UTF8, so that COLLATE "C" orders text by its bytes, as SQLite does.
** Server notices are not printed.  A writer's session has synchronous_commit
** off: the SQLite store's promise (synchronous NORMAL), not more: a crash of
** the server never leaves half a filing, but may lose the last commits of
** the moment before it, which the next run (or the queue) makes again.
**
** Transactions.  A write is BEGIN ISOLATION LEVEL READ COMMITTED: each
** statement sees what was committed before it began, so a writer that has
** waited for a version group's lock sees what the last holder wrote.
** lock(key) is pg_advisory_xact_lock on a 64-bit FNV-1a hash of the key (a
** collision only makes two groups wait for each other).  A read is
** REPEATABLE READ READ ONLY: one snapshot for every query of it.
**
** Round trips.  In a write transaction, BEGIN, the locks, COMMIT and the
** statements without rows (INSERT, UPDATE, DELETE without RETURNING) are
** sent in libpq's pipeline mode without waiting for their results, which
** are read, the first error reported, when a query with rows needs the
** connection or at the commit: a filing's dozens of rows cost a handful of
** round trips, not one each.  A run of the same plain INSERT (VALUES of
** parameters only: a filing's projects, stated totals, findings) is sent
** as INSERTs of 64, 32, 16 ... rows, each of these shapes prepared once.
**
** Results.  A query outside a transaction streams (single-row mode: the
** export of every project in flat memory).  The first query of a read
** transaction runs through a cursor fetched FETCH_ROWS at a time, so the
** queries of each filing can run while it is open.  Any other result is
** read whole (one filing's rows).  A streaming query that must give up the
** connection to another has the rest of its rows read first.
**
** Errors.  A serialization failure (40001) and a deadlock (40P01) are
** retryable; so is a lost connection once it is back: retryable()
** reconnects, trying for RECONNECT_SECONDS, and statements are prepared
** again on the new connection.  A statement outside a transaction that
** finds its connection lost before any row came back is run again on a new
** one (those are reads and idempotent writes: a failure recorded or cleared).
** Messages are one line: the server's primary message and its detail.
*/
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libpq-fe.h>

#include "backend.h"
#include "core/buf.h"
#include "core/error.h"

#define CONNECT_TIMEOUT "10"       /* seconds, unless --db says */
#define RECONNECT_SECONDS 30       /* how long a lost connection is tried again */
#define FETCH_ROWS 256             /* rows a cursor fetch brings */
#define MAX_PENDING 256            /* pipelined commands before their results are read */
#define MAX_BATCH_ROWS 64          /* rows of one multi-row INSERT */
#define MIN_SERVER 100000          /* PostgreSQL 10: identity columns, SKIP LOCKED */

/* A statement prepared on the connection, by its text. */
typedef struct {
	char *sql;
	char name[16];
	int sent;                  /* prepared in the pipeline: not known to have worked yet */
} prepared;

/* The plain INSERT rows waiting to be sent as one statement. */
typedef struct {
	rg_db_stmt *st;            /* whose rows these are; NULL: none */
	rg_buf values;             /* the parameters, each NUL-terminated; NULL as "\1" */
	int rows;
} batch;

struct rg_db {
	PGconn *conn;
	char *target;              /* to connect again (no password in it) */
	int readonly;
	unsigned generation;       /* connections made: statements of an older one are prepared again */
	int in_tx, tx_mode;
	unsigned tx_count;         /* transactions begun: a cursor lives in one */
	int pipeline;              /* in libpq's pipeline mode */
	int pending;               /* commands sent in it whose results are not read yet */
	rg_db_stmt *streaming;     /* the query whose rows are coming in single-row mode */
	int open;                  /* queries with rows not read to their end */
	char sqlstate[6];          /* of the last error */
	int lost;                  /* the last error lost the connection */
	prepared *cache;
	size_t n_cache, cap_cache;
	unsigned next_name, next_cursor;
	batch pending_rows;
};

enum { ST_IDLE, ST_STREAM, ST_ROWS, ST_CURSOR, ST_DONE };

struct rg_db_stmt {
	rg_db *db;
	char *sql;
	int returns_rows;          /* a query, or RETURNING */
	int plain_insert;          /* INSERT INTO t (...) VALUES ($1, ..., $n): rows may be sent together */
	size_t values_at;          /* where "VALUES (" ends in sql, for a plain insert */
	int n_params;
	const char **values;
	char (*numbers)[32];
	char name[16];             /* the prepared statement on the connection of generation gen */
	unsigned gen;
	int state;                 /* ST_* */
	unsigned exec_gen;         /* the connection its rows come from */
	PGresult *res;             /* the rows being read */
	int row, n_rows;
	PGresult **rest;           /* a stream's rows read ahead when another needed the connection */
	size_t n_rest, i_rest, cap_rest;
	PGresult *rest_error;      /* how that stream ended, when it failed */
	char cursor[24];
	unsigned cursor_tx;
	int cursor_more;           /* the last fetch was full: there may be more */
};

static void quiet_notices(void *arg, const char *message)
{
	(void)arg;
	(void)message;   /* "relation ... already exists, skipping" is no news */
}

/* ---- errors ----------------------------------------------------------------------------- */

/* s as one line: every run of white space one space, none at the ends. */
static void one_line(rg_buf *out, const char *s)
{
	int space = 0;

	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = out->len > 0;
			continue;
		}
		if (space)
			rg_buf_putc(out, ' ');
		space = 0;
		rg_buf_putc(out, *s);
	}
}

static int is_lost_state(const char *state)
{
	/* connection exceptions (08...), and the server shutting down or starting */
	return !strncmp(state, "08", 2) || !strcmp(state, "57P01") || !strcmp(state, "57P02") ||
		!strcmp(state, "57P03");
}

/* Record the error of r (NULL: the connection's) and return its code. */
static int fail(rg_db *db, const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : NULL;
	rg_buf msg = RG_BUF_INIT;
	int code;

	snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", state ? state : "");
	db->lost = !db->conn || PQstatus(db->conn) == CONNECTION_BAD || is_lost_state(db->sqlstate);
	if (db->lost)
		rg_buf_puts(&msg, "lost the connection to the server: ");
	if (primary) {
		one_line(&msg, primary);
		if (detail) {
			rg_buf_puts(&msg, " (");
			one_line(&msg, detail);
			rg_buf_putc(&msg, ')');
		}
	} else {
		one_line(&msg, r && *PQresultErrorMessage(r) ? PQresultErrorMessage(r)
			: db->conn ? PQerrorMessage(db->conn) : "no connection");
	}
	/* a full disk is the machine's trouble, as SQLite's SQLITE_FULL */
	code = db->lost || !strcmp(db->sqlstate, "53100") ? RG_EIO
		: !strcmp(db->sqlstate, "53200") ? RG_ENOMEM : RG_ERROR;
	code = rg_buf_oom(&msg) ? rg_error_set(RG_ENOMEM, "out of memory") : rg_error_set(code, "%s", rg_buf_cstr(&msg));
	rg_buf_free(&msg);
	return code;
}

/* A result that must be r's status: 0, or the error recorded (r is cleared). */
static int check(rg_db *db, PGresult *r, ExecStatusType want)
{
	int rc = 0;

	if (!r || PQresultStatus(r) != want)
		rc = fail(db, r);
	PQclear(r);
	return rc;
}

/* ---- connecting ---------------------------------------------------------------------------- */

/* Whether libpq's reason for refusing target can be shown: every quoted word in it
** is a key of target (a word followed by '=', or a URI parameter's name), never a
** value, which may be a password under a misspelt key. */
static int reason_quotes_keys_only(const char *err, const char *target)
{
	const char *q = err, *end, *at;

	while ((q = strchr(q, '"')) && (end = strchr(q + 1, '"'))) {
		size_t n = (size_t)(end - q - 1);
		int key = 0;
		for (at = target; n && *at; at++) {
			if (strncmp(at, q + 1, n))
				continue;
			if ((at == target || strchr(" \t?&", at[-1])) && at[n] == '=') {
				key = 1;
				break;
			}
		}
		if (!key)
			return 0;
		q = end + 1;
	}
	return 1;
}

/* Refuse a password written into the target (see the top of this file). */
static int check_target(const char *target)
{
	PQconninfoOption *opts, *o;
	char *err = NULL;
	int rc = 0;

	if (!(opts = PQconninfoParse(target, &err))) {
		/* libpq's reason may quote the string, which may hold a password: say it only when
		** it quotes keys alone */
		if (err && reason_quotes_keys_only(err, target))
			rc = rg_error_set(RG_EUSAGE, "not a valid connection string: %.*s", (int)strcspn(err, "\n"), err);
		else
			rc = rg_error_set(RG_EUSAGE, "not a valid connection string");
		PQfreemem(err);
		return rc;
	}
	for (o = opts; o->keyword; o++) {
		if (!strcmp(o->keyword, "password") && o->val && *o->val)
			rc = rg_error_set(RG_EUSAGE, "a password in --db would show in the process list: give it in"
				" PGPASSWORD, ~/.pgpass or a service file, and leave it out of --db");
		/* a dbname that is itself a connection string (libpq expands it) */
		else if (!rc && !strcmp(o->keyword, "dbname") && o->val && strcmp(o->val, target) &&
			 (strchr(o->val, '=') || strstr(o->val, "://")))
			rc = check_target(o->val);
	}
	PQconninfoFree(opts);
	return rc;
}

/* Connect once; the session's settings made.  *conn NULL on failure (error set). */
/* libpq's connection error may quote a value of the target ("invalid integer value
** "..." for connection option "port"" when user:secret was read as host:port).  A
** quoted text is kept when it is no part of the target, or is its host, port
** (digits), user or database as libpq read them; any other is shown as ***. */
static void scrub_quoted(const char *target, const char *msg, rg_buf *out)
{
	static const char *const shown[] = { "host", "hostaddr", "port", "user", "dbname", NULL };
	PQconninfoOption *opts = PQconninfoParse(target, NULL), *o;
	const char *q;

	while ((q = strchr(msg, '"'))) {
		const char *end = strchr(q + 1, '"');
		size_t n;
		int keep = 0;
		if (!end)
			break;
		n = (size_t)(end - q - 1);
		rg_buf_put(out, msg, (size_t)(q - msg) + 1);
		if (!n || !memmem(target, strlen(target), q + 1, n))
			keep = 1;
		for (o = opts; o && o->keyword && !keep; o++) {
			size_t k;
			for (k = 0; shown[k] && strcmp(shown[k], o->keyword); k++)
				;
			if (!shown[k] || !o->val || strlen(o->val) != n || strncmp(o->val, q + 1, n))
				continue;
			keep = strcmp(o->keyword, "port") ? !strpbrk(o->val, "=@") : strspn(o->val, "0123456789,") == n;
		}
		if (keep)
			rg_buf_put(out, q + 1, n);
		else
			rg_buf_puts(out, "***");
		rg_buf_putc(out, '"');
		msg = end + 1;
	}
	rg_buf_puts(out, msg);
	if (opts)
		PQconninfoFree(opts);
}

static int connect_once(rg_db *db, PGconn **out)
{
	static const char *const keywords[] = { "connect_timeout", "dbname", "client_encoding",
		"fallback_application_name", NULL };
	const char *values[] = { CONNECT_TIMEOUT, db->target, "UTF8", "raingan", NULL };
	const char *encoding;
	PGconn *conn;
	int rc = 0;

	*out = NULL;
	/* the target's own settings come after connect_timeout (may change it), before the rest */
	if (!(conn = PQconnectdbParams(keywords, values, 1)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	PQsetNoticeProcessor(conn, quiet_notices, NULL);
	if (PQstatus(conn) != CONNECTION_OK) {
		rg_buf msg = RG_BUF_INIT, safe = RG_BUF_INIT;
		one_line(&msg, PQerrorMessage(conn));
		scrub_quoted(db->target, rg_buf_cstr(&msg), &safe);
		rc = rg_error_set(RG_EIO, "cannot connect: %s", rg_buf_cstr(&safe));
		rg_buf_free(&msg);
		rg_buf_free(&safe);
	} else if (PQserverVersion(conn) < MIN_SERVER) {
		rc = rg_error_set(RG_ERROR, "the server is PostgreSQL %d.%d: raingan needs 10 or later",
			PQserverVersion(conn) / 10000, PQserverVersion(conn) / 100 % 100);
	} else if ((encoding = PQparameterStatus(conn, "server_encoding")) && strcmp(encoding, "UTF8")) {
		rc = rg_error_set(RG_ERROR, "the database's encoding is %s: raingan needs a UTF8 database"
			" (CREATE DATABASE ... ENCODING 'UTF8')", encoding);
	} else {
		/* shortest exact text of a double (the default from PostgreSQL 12 on) */
		PGresult *r = PQexec(conn, db->readonly ? "SET extra_float_digits = 3;"
			" SET default_transaction_read_only = on" : "SET extra_float_digits = 3; SET synchronous_commit = off");
		if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
			rg_buf msg = RG_BUF_INIT;
			one_line(&msg, r ? PQresultErrorMessage(r) : PQerrorMessage(conn));
			rc = rg_error_set(RG_ERROR, "cannot set up the session: %s", rg_buf_cstr(&msg));
			rg_buf_free(&msg);
		}
		PQclear(r);
	}
	if (rc) {
		PQfinish(conn);
		return rc;
	}
	*out = conn;
	return 0;
}

static void forget_connection(rg_db *db)
{
	size_t i;

	if (db->conn)
		PQfinish(db->conn);
	db->conn = NULL;
	for (i = 0; i < db->n_cache; i++)
		free(db->cache[i].sql);
	db->n_cache = 0;
	db->generation++;
	db->in_tx = db->pipeline = db->pending = db->open = 0;
	db->streaming = NULL;
	rg_buf_clear(&db->pending_rows.values);
	db->pending_rows.st = NULL;
	db->pending_rows.rows = 0;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* After a lost connection: connect again, trying for RECONNECT_SECONDS. */
static int reconnect(rg_db *db)
{
	double deadline = now_seconds() + RECONNECT_SECONDS, pause = 0.1;
	struct timespec ts;
	PGconn *conn;

	forget_connection(db);
	for (;;) {
		if (!connect_once(db, &conn)) {
			db->conn = conn;
			db->lost = 0;
			db->sqlstate[0] = '\0';
			return 0;
		}
		if (now_seconds() + pause > deadline) {
			rg_error_prefix("lost the connection to the server and could not connect again for %d s",
				RECONNECT_SECONDS);
			return RG_EIO;
		}
		ts.tv_sec = (time_t)pause;
		ts.tv_nsec = (long)((pause - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
		pause = pause * 2 > 2 ? 2 : pause * 2;
	}
}

static void db_close(rg_db *db)
{
	if (!db)
		return;
	forget_connection(db);
	free(db->cache);
	rg_buf_free(&db->pending_rows.values);
	free(db->target);
	free(db);
}

static int db_open(rg_db **out, const char *target, int readonly)
{
	rg_db *db;
	int rc;

	*out = NULL;
	if ((rc = check_target(target)))
		return rc;
	if (!(db = calloc(1, sizeof(*db))) || !(db->target = strdup(target))) {
		free(db);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	db->readonly = readonly;
	if ((rc = connect_once(db, &db->conn))) {
		db_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

/* ---- the connection's queue of work ------------------------------------------------------------ */

static int flush_rows(rg_db *db);

/* After the pipeline's results: statements prepared in it are known to exist, or
** (after an error, when they may not) forgotten, to be prepared again under new names. */
static void settle_prepared(rg_db *db, int ok)
{
	size_t i, k = 0;

	for (i = 0; i < db->n_cache; i++) {
		if (db->cache[i].sent && !ok) {
			free(db->cache[i].sql);
			continue;
		}
		db->cache[i].sent = 0;
		db->cache[k++] = db->cache[i];
	}
	db->n_cache = k;
}

/* Read every result of the pipeline (the first error is recorded when report is
** set) and leave pipeline mode. */
static int settle_pipeline(rg_db *db, int report)
{
	PGresult *r;
	int rc = 0, synced = 0;

	if (!db->pipeline)
		return 0;
	if (PQpipelineSync(db->conn) != 1) {
		rc = report ? fail(db, NULL) : RG_ERROR;
		synced = 1;
	}
	while (!synced) {
		if (!(r = PQgetResult(db->conn))) {
			if (PQstatus(db->conn) == CONNECTION_BAD) {
				if (!rc)
					rc = report ? fail(db, NULL) : RG_ERROR;
				break;
			}
			continue;   /* the end of one command's results */
		}
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC)
			synced = 1;
		else if (PQresultStatus(r) == PGRES_FATAL_ERROR && !rc)
			rc = report ? fail(db, r) : RG_ERROR;
		PQclear(r);
	}
	db->pending = 0;
	db->pipeline = 0;
	if (PQstatus(db->conn) == CONNECTION_OK && PQexitPipelineMode(db->conn) != 1 && !rc)
		rc = report ? fail(db, NULL) : RG_ERROR;
	settle_prepared(db, rc == 0);
	return rc;
}

static int append_rest(rg_db_stmt *st, PGresult *r)
{
	PGresult **p;

	if (st->n_rest == st->cap_rest) {
		size_t cap = st->cap_rest ? st->cap_rest * 2 : 64;
		if (!(p = realloc(st->rest, cap * sizeof(*p)))) {
			PQclear(r);
			return rg_error_set(RG_ENOMEM, "out of memory");
		}
		st->rest = p;
		st->cap_rest = cap;
	}
	st->rest[st->n_rest++] = r;
	return 0;
}

/* Read the rest of the streaming query's rows into it, freeing the connection. */
static int read_ahead(rg_db *db)
{
	rg_db_stmt *st = db->streaming;
	PGresult *r;
	int rc = 0;

	if (!st)
		return 0;
	db->streaming = NULL;
	while ((r = PQgetResult(db->conn))) {
		ExecStatusType s = PQresultStatus(r);
		if (s == PGRES_SINGLE_TUPLE && !rc && !st->rest_error) {
			if ((rc = append_rest(st, r)))
				continue;
		} else if (s == PGRES_FATAL_ERROR && !st->rest_error) {
			st->rest_error = r;   /* the stream's reader meets it after its rows */
		} else {
			PQclear(r);
		}
	}
	if (!st->rest && (st->rest = calloc(1, sizeof(*st->rest))))   /* read ahead, even when no row was left */
		st->cap_rest = 1;
	return rc ? rc : st->rest ? 0 : rg_error_set(RG_ENOMEM, "out of memory");
}

/* Make the connection free for a synchronous command: no stream, no pipeline. */
static int take_connection(rg_db *db)
{
	int rc;

	if (!db->conn)
		return rg_error_set(RG_EIO, "lost the connection to the server");
	if ((rc = flush_rows(db)) || (rc = read_ahead(db)))
		return rc;
	return settle_pipeline(db, 1);
}

/* Send a command into the pipeline (entered when needed); its result is read later. */
static int enter_pipeline(rg_db *db)
{
	int rc;

	if (!db->conn)
		return rg_error_set(RG_EIO, "lost the connection to the server");
	if ((rc = read_ahead(db)))
		return rc;
	if (!db->pipeline) {
		if (PQenterPipelineMode(db->conn) != 1)
			return fail(db, NULL);
		db->pipeline = 1;
	}
	return 0;
}

static int sent(rg_db *db, int ok)
{
	if (!ok)
		return fail(db, NULL);
	if (++db->pending >= MAX_PENDING)
		return settle_pipeline(db, 1);
	return 0;
}

static int send_simple(rg_db *db, const char *sql)
{
	int rc = enter_pipeline(db);

	return rc ? rc : sent(db, PQsendQueryParams(db->conn, sql, 0, NULL, NULL, NULL, NULL, 0));
}

/* ---- statements ------------------------------------------------------------------------------ */

static int word_at(const char *p, const char *word)
{
	size_t n = strlen(word);

	return !strncasecmp(p, word, n) && !isalnum((unsigned char)p[n]) && p[n] != '_';
}

/* One pass over sql outside its quotes: the highest $n, and whether the word RETURNING is there. */
static void scan_sql(const char *sql, int *n_params, int *returning)
{
	char quote = 0;
	const char *p;
	int k;

	*n_params = *returning = 0;
	for (p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '$' && isdigit((unsigned char)p[1])) {
			k = atoi(p + 1);
			if (k > *n_params)
				*n_params = k;
		} else if ((p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) && word_at(p, "RETURNING")) {
			*returning = 1;
		}
	}
}

/* INSERT INTO name (columns) VALUES ($1, $2, ..., $n) and nothing after: where the
** VALUES list starts (at its "("), or 0. */
static size_t plain_insert_values(const char *sql, int n_params)
{
	const char *p = sql, *values;
	int k;

	while (isspace((unsigned char)*p))
		p++;
	if (!word_at(p, "INSERT") || !n_params)
		return 0;
	if (!(values = strstr(p, " VALUES (")) || strchr(p, '\'') || strstr(p, " SELECT"))
		return 0;
	p = values + 8;
	for (k = 1; k <= n_params; k++) {
		char want[16];
		while (*p == ' ' || *p == '(' || (*p == ',' && k > 1))
			p++;
		snprintf(want, sizeof(want), "$%d", k);
		if (strncmp(p, want, strlen(want)) || isdigit((unsigned char)p[strlen(want)]))
			return 0;
		p += strlen(want);
	}
	while (*p == ' ')
		p++;
	if (*p != ')')
		return 0;
	for (p++; *p; p++)
		if (!isspace((unsigned char)*p) && *p != ';')
			return 0;
	return (size_t)(values + 8 - sql);
}

/* The name of sql prepared on this connection (once per connection and text): in the
** pipeline when one is open (its result comes with the pipeline's), else now. */
static int prepared_name(rg_db *db, const char *sql, char name[16])
{
	prepared *c;
	size_t i;
	int rc;

	for (i = 0; i < db->n_cache; i++)
		if (!strcmp(db->cache[i].sql, sql)) {
			memcpy(name, db->cache[i].name, 16);
			return 0;
		}
	if (!db->pipeline && (rc = take_connection(db)))
		return rc;
	if (db->n_cache == db->cap_cache) {
		size_t cap = db->cap_cache ? db->cap_cache * 2 : 32;
		if (!(c = realloc(db->cache, cap * sizeof(*c))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		db->cache = c;
		db->cap_cache = cap;
	}
	c = &db->cache[db->n_cache];
	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "rg%u", ++db->next_name);
	if (!(c->sql = strdup(sql)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (db->pipeline) {
		c->sent = 1;
		rc = sent(db, PQsendPrepare(db->conn, c->name, sql, 0, NULL));
	} else {
		rc = check(db, PQprepare(db->conn, c->name, sql, 0, NULL), PGRES_COMMAND_OK);
		if (rc && db->lost && !db->in_tx) {
			/* outside a transaction nothing is lost with the connection: prepare on a new one */
			free(c->sql);
			if (reconnect(db))
				return rc;
			c = &db->cache[0];
			memset(c, 0, sizeof(*c));
			snprintf(c->name, sizeof(c->name), "rg%u", ++db->next_name);
			if (!(c->sql = strdup(sql)))
				return rg_error_set(RG_ENOMEM, "out of memory");
			rc = check(db, PQprepare(db->conn, c->name, sql, 0, NULL), PGRES_COMMAND_OK);
		}
	}
	if (rc) {
		free(c->sql);
		return rc;
	}
	db->n_cache++;
	memcpy(name, c->name, 16);
	return 0;
}

/* The statement prepared on this connection. */
static int ensure_prepared(rg_db_stmt *st)
{
	int rc;

	if (st->gen == st->db->generation && st->name[0])
		return 0;
	if ((rc = prepared_name(st->db, st->sql, st->name)))
		return rc;
	st->gen = st->db->generation;
	return 0;
}

static int prepare(rg_db *db, const char *sql, rg_db_stmt **out)
{
	rg_db_stmt *st;
	const char *p = sql;
	int rc, returning;

	*out = NULL;
	if (!(st = calloc(1, sizeof(*st))) || !(st->sql = strdup(sql))) {
		free(st);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	st->db = db;
	scan_sql(sql, &st->n_params, &returning);
	while (isspace((unsigned char)*p))
		p++;
	st->returns_rows = !(word_at(p, "INSERT") || word_at(p, "UPDATE") || word_at(p, "DELETE")) || returning;
	st->values_at = st->returns_rows ? 0 : plain_insert_values(sql, st->n_params);
	st->plain_insert = st->values_at > 0;
	if (st->n_params && (!(st->values = calloc((size_t)st->n_params, sizeof(*st->values))) ||
	    !(st->numbers = calloc((size_t)st->n_params, sizeof(*st->numbers))))) {
		rc = rg_error_set(RG_ENOMEM, "out of memory");
	} else {
		rc = ensure_prepared(st);
	}
	if (rc) {
		free(st->values);
		free(st->numbers);
		free(st->sql);
		free(st);
		return rc;
	}
	*out = st;
	return 0;
}

static void clear_results(rg_db_stmt *st)
{
	size_t i;

	PQclear(st->res);
	st->res = NULL;
	for (i = st->i_rest; i < st->n_rest; i++)
		PQclear(st->rest[i]);
	free(st->rest);
	st->rest = NULL;
	st->n_rest = st->i_rest = st->cap_rest = 0;
	PQclear(st->rest_error);
	st->rest_error = NULL;
	st->row = st->n_rows = 0;
}

/* The query has given its last row (or stopped): the connection is free of it. */
static void finish(rg_db_stmt *st)
{
	rg_db *db = st->db;

	if (st->state == ST_STREAM || st->state == ST_ROWS || st->state == ST_CURSOR) {
		if (st->exec_gen == db->generation && db->open > 0)
			db->open--;
		if (db->streaming == st) {
			PGresult *r;
			/* the rest of the stream is read and dropped (a reader that stopped early) */
			while ((r = PQgetResult(db->conn)))
				PQclear(r);
			db->streaming = NULL;
		}
	}
	st->state = ST_DONE;
}

static void reset(rg_db_stmt *st)
{
	rg_db *db;
	char sql[40];

	if (!st)
		return;
	db = st->db;
	if (st->state == ST_CURSOR && st->exec_gen == db->generation && db->in_tx && st->cursor_tx == db->tx_count &&
	    PQtransactionStatus(db->conn) == PQTRANS_INTRANS && !take_connection(db)) {
		snprintf(sql, sizeof(sql), "CLOSE %s", st->cursor);
		PQclear(PQexec(db->conn, sql));
	}
	finish(st);
	clear_results(st);
	st->state = ST_IDLE;
	if (st->n_params)
		memset(st->values, 0, (size_t)st->n_params * sizeof(*st->values));
}

static void finalize(rg_db_stmt *st)
{
	if (!st)
		return;
	if (st->db->pending_rows.st == st)
		(void)flush_rows(st->db);   /* its rows go; an error shows at the next statement or commit */
	reset(st);
	free(st->values);
	free(st->numbers);
	free(st->sql);
	free(st);
}

static int bad_index(rg_db_stmt *st, int i)
{
	if (i >= 1 && i <= st->n_params)
		return 0;
	return rg_error_set(RG_ERROR, "parameter $%d out of range (the statement has %d)", i, st->n_params);
}

static int bind_null(rg_db_stmt *st, int i)
{
	if (bad_index(st, i))
		return RG_ERROR;
	st->values[i - 1] = NULL;
	return 0;
}

static int bind_int(rg_db_stmt *st, int i, long long v)
{
	if (bad_index(st, i))
		return RG_ERROR;
	snprintf(st->numbers[i - 1], sizeof(st->numbers[i - 1]), "%lld", v);
	st->values[i - 1] = st->numbers[i - 1];
	return 0;
}

static int bind_double(rg_db_stmt *st, int i, double v)
{
	if (bad_index(st, i))
		return RG_ERROR;
	snprintf(st->numbers[i - 1], sizeof(st->numbers[i - 1]), "%.17g", v);   /* exact */
	st->values[i - 1] = st->numbers[i - 1];
	return 0;
}

static int bind_text(rg_db_stmt *st, int i, const char *v)
{
	if (bad_index(st, i))
		return RG_ERROR;
	st->values[i - 1] = v;
	return 0;
}

/* ---- many rows of one INSERT --------------------------------------------------------------------- */

/* Send the waiting rows of a plain INSERT into the pipeline, as INSERTs of 64, 32, 16 ...
** rows: statements of a few shapes, each prepared once. */
static int flush_rows(rg_db *db)
{
	batch *b = &db->pending_rows;
	rg_db_stmt *st = b->st;
	const char **values = NULL;
	rg_buf sql = RG_BUF_INIT;
	char name[16];
	const char *p;
	int rc = 0, k, r, n, done, chunk;

	if (!st)
		return 0;
	b->st = NULL;
	n = b->rows * st->n_params;
	if (rg_buf_oom(&b->values) || !(values = calloc((size_t)n, sizeof(*values))))
		rc = rg_error_set(RG_ENOMEM, "out of memory");
	for (k = 0, p = b->values.ptr; !rc && k < n; k++, p += strlen(p) + 1)
		values[k] = *p++ == 'N' ? NULL : p;
	for (done = 0; !rc && done < b->rows; done += chunk) {
		for (chunk = MAX_BATCH_ROWS; chunk > b->rows - done; chunk /= 2)
			;
		rg_buf_clear(&sql);
		rg_buf_put(&sql, st->sql, st->values_at);
		for (r = 0; r < chunk; r++) {
			rg_buf_puts(&sql, r ? ", (" : "(");
			for (k = 1; k <= st->n_params; k++)
				rg_buf_printf(&sql, "%s$%d", k > 1 ? ", " : "", r * st->n_params + k);
			rg_buf_putc(&sql, ')');
		}
		if (rg_buf_oom(&sql))
			rc = rg_error_set(RG_ENOMEM, "out of memory");
		if (!rc && !(rc = enter_pipeline(db)) && !(rc = prepared_name(db, rg_buf_cstr(&sql), name)) &&
		    !(rc = enter_pipeline(db)))
			rc = sent(db, PQsendQueryPrepared(db->conn, name, chunk * st->n_params,
				values + done * st->n_params, NULL, NULL, 0));
	}
	free(values);
	rg_buf_free(&sql);
	rg_buf_clear(&b->values);
	b->rows = 0;
	return rc;
}

/* One row of a plain INSERT: kept to go with the next rows of the same statement. */
static int add_row(rg_db_stmt *st)
{
	rg_db *db = st->db;
	batch *b = &db->pending_rows;
	int k, rc;

	if (b->st != st && (rc = flush_rows(db)))
		return rc;
	b->st = st;
	for (k = 0; k < st->n_params; k++) {
		/* each value tagged: 'N' for NULL, 'V' before a text */
		if (!st->values[k]) {
			rg_buf_put(&b->values, "N", 2);
		} else {
			rg_buf_putc(&b->values, 'V');
			rg_buf_put(&b->values, st->values[k], strlen(st->values[k]) + 1);
		}
	}
	if (++b->rows >= MAX_BATCH_ROWS || rg_buf_oom(&b->values))
		return flush_rows(db);
	return 0;
}

/* ---- stepping ------------------------------------------------------------------------------------ */

static int next_stream(rg_db_stmt *st)
{
	rg_db *db = st->db;
	PGresult *r;
	int rc;

	if (st->rest) {   /* read ahead when the connection was needed */
		PQclear(st->res);
		st->res = NULL;
		if (st->i_rest < st->n_rest) {
			st->res = st->rest[st->i_rest++];
			st->row = 0;
			return RG_DB_ROW;
		}
		rc = st->rest_error ? fail(db, st->rest_error) : RG_DB_DONE;
		finish(st);
		return rc;
	}
	if (st->exec_gen != db->generation || db->streaming != st) {
		finish(st);
		return rg_error_set(RG_EIO, "lost the connection to the server while reading");
	}
	PQclear(st->res);
	st->res = NULL;
	r = PQgetResult(db->conn);
	if (r && PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
		st->res = r;
		st->row = 0;
		return RG_DB_ROW;
	}
	rc = !r || PQresultStatus(r) == PGRES_TUPLES_OK ? RG_DB_DONE : fail(db, r);
	PQclear(r);
	finish(st);
	return rc;
}

static int fetch(rg_db_stmt *st)
{
	rg_db *db = st->db;
	char sql[64];
	PGresult *r;
	int rc;

	if (st->exec_gen != db->generation || st->cursor_tx != db->tx_count)
		return rg_error_set(RG_EIO, "lost the connection to the server while reading");
	if ((rc = take_connection(db)))
		return rc;
	snprintf(sql, sizeof(sql), "FETCH FORWARD %d FROM %s", FETCH_ROWS, st->cursor);
	r = PQexec(db->conn, sql);
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
		rc = fail(db, r);
		PQclear(r);
		return rc;
	}
	PQclear(st->res);
	st->res = r;
	st->row = -1;
	st->n_rows = PQntuples(r);
	st->cursor_more = st->n_rows == FETCH_ROWS;
	return 0;
}

static int next_row(rg_db_stmt *st)
{
	int rc;

	if (++st->row < st->n_rows)
		return RG_DB_ROW;
	if (st->state == ST_CURSOR && st->cursor_more) {
		if ((rc = fetch(st))) {
			finish(st);
			return rc;
		}
		if (++st->row < st->n_rows)
			return RG_DB_ROW;
	}
	finish(st);
	return RG_DB_DONE;
}

/* The first step of a query: how its rows come depends on where it runs (top of file). */
static int start_query(rg_db_stmt *st)
{
	rg_db *db = st->db;
	rg_buf sql = RG_BUF_INIT;
	PGresult *r;
	int rc;

	if ((rc = ensure_prepared(st)) || (rc = take_connection(db)))
		return rc;
	st->exec_gen = db->generation;
	if (!db->in_tx) {
		if (!PQsendQueryPrepared(db->conn, st->name, st->n_params, st->values, NULL, NULL, 0))
			return fail(db, NULL);
		PQsetSingleRowMode(db->conn);
		st->state = ST_STREAM;
		db->streaming = st;
		db->open++;
		return next_stream(st);
	}
	if (db->tx_mode == RG_TX_READ && db->open == 0) {
		snprintf(st->cursor, sizeof(st->cursor), "rgc%u", ++db->next_cursor);
		rg_buf_printf(&sql, "DECLARE %s NO SCROLL CURSOR FOR %s", st->cursor, st->sql);
		if (rg_buf_oom(&sql)) {
			rg_buf_free(&sql);
			return rg_error_set(RG_ENOMEM, "out of memory");
		}
		rc = check(db, PQexecParams(db->conn, rg_buf_cstr(&sql), st->n_params, NULL, st->values, NULL, NULL, 0),
			PGRES_COMMAND_OK);
		rg_buf_free(&sql);
		if (rc)
			return rc;
		st->cursor_tx = db->tx_count;
		st->state = ST_CURSOR;
		db->open++;
		if ((rc = fetch(st))) {
			finish(st);
			return rc;
		}
		return next_row(st);
	}
	r = PQexecPrepared(db->conn, st->name, st->n_params, st->values, NULL, NULL, 0);
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
		rc = fail(db, r);
		PQclear(r);
		return rc;
	}
	st->res = r;
	st->row = -1;
	st->n_rows = PQntuples(r);
	st->state = ST_ROWS;
	db->open++;
	return next_row(st);
}

/* The run of a statement without rows. */
static int start_command(rg_db_stmt *st)
{
	rg_db *db = st->db;
	int rc;

	if ((rc = ensure_prepared(st)))
		return rc;
	st->state = ST_DONE;
	if (db->in_tx && db->tx_mode == RG_TX_WRITE) {
		if (st->plain_insert)
			return (rc = add_row(st)) ? rc : RG_DB_DONE;
		if ((rc = flush_rows(db)) || (rc = enter_pipeline(db)) ||
		    (rc = sent(db, PQsendQueryPrepared(db->conn, st->name, st->n_params, st->values, NULL, NULL, 0))))
			return rc;
		return RG_DB_DONE;
	}
	if ((rc = take_connection(db)))
		return rc;
	return check(db, PQexecPrepared(db->conn, st->name, st->n_params, st->values, NULL, NULL, 0),
		PGRES_COMMAND_OK);
}

static int step(rg_db_stmt *st)
{
	rg_db *db = st->db;
	int rc;

	switch (st->state) {
	case ST_STREAM:
		return next_stream(st);
	case ST_ROWS:
	case ST_CURSOR:
		return next_row(st);
	case ST_DONE:
		return RG_DB_DONE;
	default:
		break;
	}
	rc = st->returns_rows ? start_query(st) : start_command(st);
	/* outside a transaction, a connection lost before any row came is tried again once */
	if (rc < 0 && db->lost && !db->in_tx && (st->state == ST_IDLE || st->state == ST_DONE) &&
	    !st->res && !st->rest) {
		if (reconnect(db))
			return rc;
		st->state = ST_IDLE;
		rc = st->returns_rows ? start_query(st) : start_command(st);
	}
	return rc;
}

/* ---- columns ------------------------------------------------------------------------------------- */

static int column_is_null(rg_db_stmt *st, int i)
{
	return !st->res || PQgetisnull(st->res, st->row, i);
}

static const char *column_text(rg_db_stmt *st, int i)
{
	return column_is_null(st, i) ? NULL : PQgetvalue(st->res, st->row, i);
}

static long long column_int(rg_db_stmt *st, int i)
{
	const char *v = column_text(st, i);

	if (!v)
		return 0;
	if (v[0] == 't' && !v[1])   /* a boolean */
		return 1;
	return strtoll(v, NULL, 10);
}

static double column_double(rg_db_stmt *st, int i)
{
	const char *v = column_text(st, i);

	return v ? strtod(v, NULL) : 0.0;
}

/* ---- the rest of the interface ------------------------------------------------------------------- */

static int db_exec(rg_db *db, const char *sql)
{
	int rc;

	if ((rc = take_connection(db)))
		return rc;
	return check(db, PQexec(db->conn, sql), PGRES_COMMAND_OK);
}

static int table_exists(rg_db *db, const char *table, int *exists)
{
	const char *values[1] = { table };
	PGresult *r;
	int rc;

	*exists = 0;
	if ((rc = take_connection(db)))
		return rc;
	r = table ? PQexecParams(db->conn, "SELECT to_regclass($1) IS NOT NULL", 1, NULL, values, NULL, NULL, 0)
		: PQexec(db->conn, "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			" WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p', 'f'))");
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
		rc = fail(db, r);
	} else {
		*exists = PQntuples(r) == 1 && !strcmp(PQgetvalue(r, 0, 0), "t");
	}
	PQclear(r);
	return rc;
}

static int begin(rg_db *db, int mode)
{
	int rc;

	db->sqlstate[0] = '\0';
	db->lost = 0;
	if (mode == RG_TX_WRITE) {
		/* READ COMMITTED whatever the server's default: see the top of this file */
		rc = send_simple(db, "BEGIN ISOLATION LEVEL READ COMMITTED");
	} else {
		rc = take_connection(db);
		if (!rc)
			rc = check(db, PQexec(db->conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"), PGRES_COMMAND_OK);
		if (rc && db->lost && !reconnect(db))   /* nothing was done yet: on a new connection */
			rc = check(db, PQexec(db->conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"), PGRES_COMMAND_OK);
	}
	if (rc)
		return rc;
	db->in_tx = 1;
	db->tx_mode = mode;
	db->tx_count++;
	return 0;
}

static int commit(rg_db *db)
{
	PGresult *r;
	int rc;

	if ((rc = flush_rows(db)))
		return rc;
	if (db->pipeline) {
		/* with the rest of the pipeline: one round trip */
		if ((rc = send_simple(db, "COMMIT")) || (rc = settle_pipeline(db, 1)))
			return rc;
	} else {
		if ((rc = take_connection(db)))
			return rc;
		r = PQexec(db->conn, "COMMIT");
		if (r && PQresultStatus(r) == PGRES_COMMAND_OK && !strcmp(PQcmdStatus(r), "ROLLBACK")) {
			PQclear(r);
			return rg_error_set(RG_ERROR, "the transaction was rolled back");
		}
		if ((rc = check(db, r, PGRES_COMMAND_OK)))
			return rc;
	}
	if (PQtransactionStatus(db->conn) != PQTRANS_IDLE)
		return rg_error_set(RG_ERROR, "the transaction was not committed");
	db->in_tx = 0;
	return 0;
}

static void rollback(rg_db *db)
{
	rg_buf_clear(&db->pending_rows.values);   /* rows not sent need not be */
	db->pending_rows.st = NULL;
	db->pending_rows.rows = 0;
	db->in_tx = 0;
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		db->pipeline = db->pending = 0;   /* a new connection starts afresh (reconnect) */
		db->streaming = NULL;
		return;
	}
	if (db->streaming) {
		PGresult *r;
		while ((r = PQgetResult(db->conn)))
			PQclear(r);
		db->streaming->state = ST_DONE;
		db->streaming = NULL;
	}
	(void)settle_pipeline(db, 0);   /* the first error is the one reported */
	if (PQtransactionStatus(db->conn) != PQTRANS_IDLE)
		PQclear(PQexec(db->conn, "ROLLBACK"));
}

/* FNV-1a, 64 bits: the same number for the same key on every machine. */
static long long key_hash(const char *key)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *key; key++) {
		h ^= (unsigned char)*key;
		h *= 1099511628211ULL;
	}
	return (long long)h;
}

static int lock(rg_db *db, const char *key)
{
	char number[32];
	const char *values[1] = { number };
	int rc;

	snprintf(number, sizeof(number), "%lld", key_hash(key));
	if (db->in_tx && db->tx_mode == RG_TX_WRITE) {
		if ((rc = flush_rows(db)) || (rc = enter_pipeline(db)))
			return rc;
		return sent(db, PQsendQueryParams(db->conn, "SELECT pg_advisory_xact_lock($1::bigint)", 1, NULL, values,
			NULL, NULL, 0));
	}
	if ((rc = take_connection(db)))
		return rc;
	return check(db, PQexecParams(db->conn, "SELECT pg_advisory_xact_lock($1::bigint)", 1, NULL, values, NULL,
		NULL, 0), PGRES_TUPLES_OK);
}

static int retryable(rg_db *db)
{
	if (!strcmp(db->sqlstate, "40001") || !strcmp(db->sqlstate, "40P01"))
		return 1;
	return db->lost && !reconnect(db);
}

const rg_store_backend rg_store_pg = {
	"postgresql",
	"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	"COLLATE \"C\"",
	"strpos",
	"CAST(extract(epoch FROM now()) AS BIGINT)",
	"FOR UPDATE SKIP LOCKED",
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
