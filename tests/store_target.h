/*
** store_target.h - the stores of a store test, on either backend: the one
** suite runs on SQLite (no argument: files in a temporary folder) and on
** PostgreSQL (argv[1]: a libpq connection string of a server, such as
** "service=raingan_test" of tests/store/pg_server.sh; each store is a new
** database of it).  The tests look at a store's rows with the backend's own
** client (sqlite3, libpq), not with raingan.
*/
#ifndef RG_TEST_STORE_TARGET_H
#define RG_TEST_STORE_TARGET_H

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sqlite3.h>

static struct {
	const char *server;          /* the PostgreSQL connection string; NULL: SQLite */
	char prefix[16];             /* of the test's database names */
	char dir[64];                /* SQLite: the temporary folder */
	char names[64][128];         /* the stores made so far, and their targets */
	char targets[64][512];
	int n;
} st_run;

static inline int st_is_pg(void)
{
	return st_run.server != NULL;
}

static void st_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;   /* "database ... does not exist, skipping" */
}

/* Run one statement on a PostgreSQL database (NULL: the server's own); 0 when it worked. */
static inline int st_pg_exec(const char *dbname, const char *sql)
{
	char conninfo[512];
	PGconn *c;
	PGresult *r;
	int ok;

	snprintf(conninfo, sizeof(conninfo), "%s%s%s", st_run.server, dbname ? " dbname=" : "", dbname ? dbname : "");
	c = PQconnectdb(conninfo);
	PQsetNoticeProcessor(c, st_quiet, NULL);
	r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
	ok = r && (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK);
	if (!ok)
		fprintf(stderr, "store_target: %s: %s", sql, r ? PQresultErrorMessage(r) : PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	return ok ? 0 : -1;
}

/* Start: argv[1] names a PostgreSQL server, else SQLite files; prefix tells this test's databases apart. */
static inline int st_init(int argc, char **argv, const char *prefix)
{
	snprintf(st_run.prefix, sizeof(st_run.prefix), "%s", prefix);
	if (argc > 1 && strcmp(argv[1], "sqlite")) {
		st_run.server = argv[1];
		printf("store tests on PostgreSQL (%s)\n", argv[1]);
		return 0;
	}
	snprintf(st_run.dir, sizeof(st_run.dir), "/tmp/rg-%s-XXXXXX", prefix);
	if (!mkdtemp(st_run.dir)) {
		perror("mkdtemp");
		return -1;
	}
	printf("store tests on SQLite (%s)\n", st_run.dir);
	return 0;
}

/* The database name of a store name: the prefix, then letters, digits and _. */
static inline void st_dbname(const char *name, char *out, size_t size)
{
	size_t k = (size_t)snprintf(out, size, "%s_", st_run.prefix);

	for (; *name && k + 1 < size; name++)
		out[k++] = isalnum((unsigned char)*name) ? (char)tolower((unsigned char)*name) : '_';
	out[k] = '\0';
}

/* The target of a store that does not exist. */
static inline const char *st_missing(const char *name)
{
	static char out[512];
	char db[128];

	if (!st_is_pg()) {
		snprintf(out, sizeof(out), "%s/%s", st_run.dir, name);
		return out;
	}
	st_dbname(name, db, sizeof(db));
	snprintf(out, sizeof(out), "%s dbname=%s", st_run.server, db);
	return out;
}

/* The target of the store called name: new and empty the first time it is asked for. */
static inline const char *st_store(const char *name)
{
	char db[128], sql[300];
	int i;

	for (i = 0; i < st_run.n; i++)
		if (!strcmp(st_run.names[i], name))
			return st_run.targets[i];
	if (st_run.n == 64) {
		fprintf(stderr, "store_target: too many stores\n");
		exit(1);
	}
	snprintf(st_run.names[st_run.n], sizeof(st_run.names[0]), "%s", name);
	if (st_is_pg()) {
		st_dbname(name, db, sizeof(db));
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", db);
		st_pg_exec(NULL, sql);
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", db);
		if (st_pg_exec(NULL, sql))
			exit(1);
	}
	snprintf(st_run.targets[st_run.n], sizeof(st_run.targets[0]), "%s", st_missing(name));
	return st_run.targets[st_run.n++];
}

/* One value of a query (its first row and column) as text, in a static buffer ("" when none). */
static inline const char *st_text(const char *target, const char *sql)
{
	static char out[2048];

	out[0] = '\0';
	if (st_is_pg()) {
		PGconn *c = PQconnectdb(target);
		PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
		if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
			snprintf(out, sizeof(out), "%s", PQgetvalue(r, 0, 0));
		else if (!r || PQresultStatus(r) != PGRES_TUPLES_OK)
			fprintf(stderr, "store_target: %s: %s", sql, r ? PQresultErrorMessage(r) : PQerrorMessage(c));
		PQclear(r);
		PQfinish(c);
	} else {
		sqlite3 *h;
		sqlite3_stmt *st;
		if (sqlite3_open(target, &h) == SQLITE_OK && sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
				snprintf(out, sizeof(out), "%s", (const char *)sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
		}
		sqlite3_close(h);
	}
	return out;
}

/* One integer of a query (-1 when there is none; a boolean is 1 or 0). */
static inline long long st_int(const char *target, const char *sql)
{
	const char *v = st_text(target, sql);

	if (!*v)
		return -1;
	if (!strcmp(v, "t") || !strcmp(v, "f"))
		return *v == 't';
	return strtoll(v, NULL, 10);
}

/* Every value of the first column of a query, joined with sep (in a static buffer). */
static inline const char *st_list(const char *target, const char *sql, const char *sep)
{
	static char out[4096];
	size_t k = 0;

	out[0] = '\0';
	if (st_is_pg()) {
		PGconn *c = PQconnectdb(target);
		PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
		int i;
		for (i = 0; r && PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); i++)
			k += (size_t)snprintf(out + k, k < sizeof(out) ? sizeof(out) - k : 0, "%s%s", i ? sep : "",
				PQgetvalue(r, i, 0));
		PQclear(r);
		PQfinish(c);
	} else {
		sqlite3 *h;
		sqlite3_stmt *st;
		int i = 0;
		if (sqlite3_open(target, &h) == SQLITE_OK && sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
			while (sqlite3_step(st) == SQLITE_ROW && k < sizeof(out))
				k += (size_t)snprintf(out + k, sizeof(out) - k, "%s%s", i++ ? sep : "",
					sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
			sqlite3_finalize(st);
		}
		sqlite3_close(h);
	}
	return out;
}

/* Run SQL (one or more statements) on a store; 0 when it worked. */
static inline int st_exec(const char *target, const char *sql)
{
	if (st_is_pg()) {
		PGconn *c = PQconnectdb(target);
		PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
		int ok = r && (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK);
		if (!ok)
			fprintf(stderr, "store_target: %s", r ? PQresultErrorMessage(r) : PQerrorMessage(c));
		PQclear(r);
		PQfinish(c);
		return ok ? 0 : -1;
	} else {
		sqlite3 *h;
		char *err = NULL;
		int rc = sqlite3_open(target, &h) == SQLITE_OK ? sqlite3_exec(h, sql, NULL, NULL, &err) : SQLITE_ERROR;
		if (rc != SQLITE_OK)
			fprintf(stderr, "store_target: %s\n", err ? err : sqlite3_errmsg(h));
		sqlite3_free(err);
		sqlite3_close(h);
		return rc == SQLITE_OK ? 0 : -1;
	}
}

/* The end: the SQLite folder goes (PostgreSQL's databases go with the throwaway server). */
static inline void st_cleanup(void)
{
	char cmd[128];

	if (st_is_pg())
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", st_run.dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", st_run.dir);
}

#endif
