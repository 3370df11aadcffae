/*
** store_int.h - what the files of the store share: the connection with its
** cached statements, and small helpers that turn SQLite errors into RG_E*.
*/
#ifndef RG_STORE_INT_H
#define RG_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

/* The statements the ingest writer runs for every filing, prepared once. */
enum {
	ST_HAS_SHA, ST_ORG_UPSERT, ST_ORG_ID, ST_FILING_INSERT, ST_SUPERSEDE,
	ST_PROJECT, ST_YEAR, ST_STATED, ST_FINDING, ST_FAILURE_PUT, ST_FAILURE_DEL,
	ST_COUNT
};

struct rg_store {
	sqlite3 *db;
	char *path;
	int readonly;
	sqlite3_stmt *st[ST_COUNT];
};

/* Record an SQLite error of s->db: "what: sqlite message"; returns RG_ERROR (RG_EIO for I/O). */
int rg_store_sql_error(rg_store *s, const char *what);

/* Run SQL without results. */
int rg_store_exec(rg_store *s, const char *sql);

/* Prepare a statement (the caller finalizes it). */
int rg_store_prepare(rg_store *s, const char *sql, sqlite3_stmt **out);

/* A cached statement, reset and with its bindings cleared. */
int rg_store_stmt(rg_store *s, int which, sqlite3_stmt **out);

/* Bind helpers: NULL / 0 / unset become SQL NULL.  Return SQLITE_OK or an error code. */
int rg_bind_text(sqlite3_stmt *st, int i, const char *v);
int rg_bind_int_or_null(sqlite3_stmt *st, int i, long long v);
int rg_bind_amount(sqlite3_stmt *st, int i, int set, double v);

#endif
