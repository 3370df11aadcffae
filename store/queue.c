/*
** queue.c - the shared work queue (queue.h): the same portable SQL on every
** backend, with {NOW} (the database's clock) and {SKIP_LOCKED} (PostgreSQL's
** FOR UPDATE SKIP LOCKED; nothing on SQLite, where BEGIN IMMEDIATE lets one
** claim run at a time).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "queue.h"
#include "store_int.h"

static const char add_sql[] =
	"INSERT INTO queue (path, state, added_at) VALUES ($1, 'queued', {NOW})"
	" ON CONFLICT (path) DO UPDATE SET state = 'queued', worker = NULL, lease_until = NULL, attempts = 0,"
	" added_at = excluded.added_at, finished_at = NULL, message = NULL"
	" WHERE queue.state IN ('done', 'failed')";
static const char waiting_sql[] = "SELECT count(*) FROM queue WHERE state = 'queued'";
static const char mark_sql[] =
	"UPDATE queue SET state = $2, finished_at = {NOW}, message = $3"
	" WHERE id = $1 AND worker = $4 AND state = 'claimed'";
/* a file whose claims all ran out: given up, and listed among the failures */
static const char give_up_failure_sql[] =
	"INSERT INTO failures (path, sha256, size, mtime, code, message)"
	" SELECT path, NULL, NULL, NULL, 'error', $1 FROM queue"
	" WHERE state = 'claimed' AND lease_until < {NOW} AND attempts >= $2"
	" ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,"
	" mtime = excluded.mtime, code = excluded.code, message = excluded.message";
static const char give_up_sql[] =
	"UPDATE queue SET state = 'failed', finished_at = {NOW}, message = $1"
	" WHERE state = 'claimed' AND lease_until < {NOW} AND attempts >= $2";
static const char claim_sql[] =
	"UPDATE queue SET state = 'claimed', worker = $1, lease_until = {NOW} + $2, attempts = attempts + 1"
	" WHERE id IN (SELECT id FROM queue WHERE state = 'queued' OR (state = 'claimed' AND lease_until < {NOW})"
	" ORDER BY id LIMIT $3 {SKIP_LOCKED})"
	" RETURNING id, path";
/* a worker stopped on purpose gives its files back; the claim does not count */
static const char release_sql[] =
	"UPDATE queue SET state = 'queued', worker = NULL, lease_until = NULL,"
	" attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END"
	" WHERE worker = $1 AND state = 'claimed'";
static const char renew_sql[] =
	"UPDATE queue SET lease_until = {NOW} + $2 WHERE worker = $1 AND state = 'claimed'";
static const char counts_sql[] =
	"SELECT coalesce(sum(CASE WHEN state = 'queued' THEN 1 ELSE 0 END), 0),"
	" coalesce(sum(CASE WHEN state = 'claimed' AND lease_until >= {NOW} THEN 1 ELSE 0 END), 0),"
	" coalesce(sum(CASE WHEN state = 'claimed' AND lease_until < {NOW} THEN 1 ELSE 0 END), 0),"
	" coalesce(sum(CASE WHEN state = 'done' THEN 1 ELSE 0 END), 0),"
	" coalesce(sum(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0),"
	" count(DISTINCT CASE WHEN state = 'claimed' AND lease_until >= {NOW} THEN worker END)"
	" FROM queue";
static const char finished_sql[] = "SELECT count(*) FROM queue WHERE state IN ('done', 'failed')";
static const char clear_sql[] = "DELETE FROM queue WHERE state IN ('done', 'failed')";

/* One number from a query without parameters. */
static int one_number(rg_store *s, const char *sql, long long *out)
{
	rg_db_stmt *st = NULL;
	int rc, found = 0;

	*out = 0;
	if ((rc = rg_sql_prepare(s, sql, &st)))
		return rc;
	if ((rc = rg_sql_row(s, st, &found)))
		rg_store_fail(s, "cannot read the queue");
	else if (found)
		*out = s->be->column_int(st, 0);
	rg_sql_finalize(s, st);
	return rc;
}

/* ---- add -------------------------------------------------------------------------------- */

typedef struct {
	const char *const *paths;
	size_t n;
	long long queued;
} add_job;

static int add_body(rg_store *s, void *ctx)
{
	add_job *j = ctx;
	rg_db_stmt *st = NULL;
	long long before = 0, after = 0;
	size_t i;
	int rc;

	if ((rc = one_number(s, waiting_sql, &before)) || (rc = rg_sql_prepare(s, add_sql, &st)))
		return rc;
	for (i = 0; i < j->n && !rc; i++) {
		s->be->reset(st);
		if ((rc = s->be->bind_text(st, 1, j->paths[i])) || (rc = rg_sql_done(s, st)))
			rg_store_fail(s, "cannot queue a file");
	}
	rg_sql_finalize(s, st);
	if (!rc && !(rc = one_number(s, waiting_sql, &after)))
		j->queued = after - before;
	return rc;
}

int rg_store_queue_add(rg_store *s, const char *const *paths, size_t n, size_t *queued)
{
	add_job j = { paths, n, 0 };
	int rc = rg_store_in_write(s, add_body, &j);

	*queued = rc || j.queued < 0 ? 0 : (size_t)j.queued;
	return rc;
}

/* ---- claim ------------------------------------------------------------------------------- */

typedef struct {
	const char *worker;
	long long lease;
	size_t max;
	const rg_queue_mark *marks;
	size_t n_marks;
	rg_queue_item *items;
	size_t n;
} claim_job;

void rg_store_queue_free_items(rg_queue_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(items[i].path);
	free(items);
}

static int mark_all(rg_store *s, claim_job *j)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	size_t i;
	int rc;

	if (!j->n_marks)
		return 0;
	if ((rc = rg_sql_prepare(s, mark_sql, &st)))
		return rc;
	for (i = 0; i < j->n_marks && !rc; i++) {
		const rg_queue_mark *m = &j->marks[i];
		be->reset(st);
		if ((rc = be->bind_int(st, 1, m->id)) || (rc = be->bind_text(st, 2, m->failed ? "failed" : "done")) ||
		    (rc = rg_bind_text(s, st, 3, m->failed ? (m->message ? m->message : "failed") : NULL)) ||
		    (rc = be->bind_text(st, 4, j->worker)) || (rc = rg_sql_done(s, st)))
			rg_store_fail(s, "cannot mark a queued file");
	}
	rg_sql_finalize(s, st);
	return rc;
}

static int give_up(rg_store *s)
{
	const char *sql[2] = { give_up_failure_sql, give_up_sql };
	rg_db_stmt *st = NULL;
	char why[160];
	int k, rc = 0;

	snprintf(why, sizeof(why), "claimed %d times and never finished (each worker died or was cut off"
		" before it ended): given up", RG_QUEUE_MAX_CLAIMS);
	for (k = 0; k < 2 && !rc; k++) {
		if ((rc = rg_sql_prepare(s, sql[k], &st)))
			return rc;
		if ((rc = s->be->bind_text(st, 1, why)) || (rc = s->be->bind_int(st, 2, RG_QUEUE_MAX_CLAIMS)) ||
		    (rc = rg_sql_done(s, st)))
			rg_store_fail(s, "cannot give up a file");
		rg_sql_finalize(s, st);
	}
	return rc;
}

static int cmp_item(const void *a, const void *b)
{
	return strcmp(((const rg_queue_item *)a)->path, ((const rg_queue_item *)b)->path);
}

static int claim_body(rg_store *s, void *ctx)
{
	const rg_store_backend *be = s->be;
	claim_job *j = ctx;
	rg_db_stmt *st = NULL;
	rg_queue_item *items = NULL;
	size_t n = 0;
	int rc;

	rg_store_queue_free_items(j->items, j->n);   /* of an attempt that was rolled back */
	j->items = NULL;
	j->n = 0;
	if ((rc = mark_all(s, j)) || (rc = give_up(s)))
		return rc;
	if (!j->max)
		return 0;
	if (!(items = calloc(j->max, sizeof(*items))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	if ((rc = rg_sql_prepare(s, claim_sql, &st))) {
		free(items);
		return rc;
	}
	if ((rc = be->bind_text(st, 1, j->worker)) || (rc = be->bind_int(st, 2, j->lease)) ||
	    (rc = be->bind_int(st, 3, (long long)j->max))) {
		rg_store_fail(s, "cannot claim files");
	} else {
		while (n < j->max && (rc = be->step(st)) == RG_DB_ROW) {
			items[n].id = be->column_int(st, 0);
			if (!(items[n].path = strdup(be->column_text(st, 1) ? be->column_text(st, 1) : ""))) {
				rc = rg_error_set(RG_ENOMEM, "out of memory");
				break;
			}
			n++;
		}
		if (rc < 0 && rc != RG_ENOMEM)
			rg_store_fail(s, "cannot claim files");
		else if (rc == RG_DB_ROW)   /* more rows than asked for cannot be: read to the end */
			while ((rc = be->step(st)) == RG_DB_ROW)
				;
		if (rc > 0)
			rc = 0;
	}
	rg_sql_finalize(s, st);
	if (rc) {
		rg_store_queue_free_items(items, n);
		return rc < 0 ? rc : RG_ERROR;
	}
	qsort(items, n, sizeof(*items), cmp_item);   /* the pipeline's order */
	j->items = items;
	j->n = n;
	return 0;
}

int rg_store_queue_claim(rg_store *s, const char *worker, long long lease, size_t max,
	const rg_queue_mark *marks, size_t n_marks, rg_queue_item **items, size_t *n)
{
	claim_job j = { worker, lease, max, marks, n_marks, NULL, 0 };
	int rc = rg_store_in_write(s, claim_body, &j);

	if (rc) {
		rg_store_queue_free_items(j.items, j.n);
		j.items = NULL;
		j.n = 0;
	}
	*items = j.items;
	*n = j.n;
	return rc;
}

static int release_body(rg_store *s, void *ctx)
{
	claim_job *j = ctx;
	rg_db_stmt *st = NULL;
	int rc;

	if ((rc = mark_all(s, j)) || (rc = rg_sql_prepare(s, release_sql, &st)))
		return rc;
	if ((rc = s->be->bind_text(st, 1, j->worker)) || (rc = rg_sql_done(s, st)))
		rg_store_fail(s, "cannot give claimed files back to the queue");
	rg_sql_finalize(s, st);
	return rc;
}

int rg_store_queue_release(rg_store *s, const char *worker, const rg_queue_mark *marks, size_t n_marks)
{
	claim_job j = { worker, 0, 0, marks, n_marks, NULL, 0 };

	return rg_store_in_write(s, release_body, &j);
}

/* ---- the rest ----------------------------------------------------------------------------- */

typedef struct {
	const char *worker;
	long long lease;
} renew_job;

static int renew_body(rg_store *s, void *ctx)
{
	renew_job *j = ctx;
	rg_db_stmt *st = NULL;
	int rc;

	if ((rc = rg_sql_prepare(s, renew_sql, &st)))
		return rc;
	if ((rc = s->be->bind_text(st, 1, j->worker)) || (rc = s->be->bind_int(st, 2, j->lease)) ||
	    (rc = rg_sql_done(s, st)))
		rg_store_fail(s, "cannot renew the lease");
	rg_sql_finalize(s, st);
	return rc;
}

int rg_store_queue_renew(rg_store *s, const char *worker, long long lease)
{
	renew_job j = { worker, lease };

	return rg_store_in_write(s, renew_body, &j);
}

int rg_store_queue_counts(rg_store *s, rg_queue_counts *c)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL;
	int rc, found = 0;

	memset(c, 0, sizeof(*c));
	if ((rc = rg_sql_prepare(s, counts_sql, &st)))
		return rc;
	if ((rc = rg_sql_row(s, st, &found))) {
		rg_store_fail(s, "cannot read the queue");
	} else if (found) {
		c->queued = be->column_int(st, 0);
		c->claimed = be->column_int(st, 1);
		c->expired = be->column_int(st, 2);
		c->done = be->column_int(st, 3);
		c->failed = be->column_int(st, 4);
		c->workers = be->column_int(st, 5);
	}
	rg_sql_finalize(s, st);
	return rc;
}

static int clear_body(rg_store *s, void *ctx)
{
	int rc;

	if ((rc = one_number(s, finished_sql, ctx)))
		return rc;
	return rg_sql_exec(s, clear_sql);
}

int rg_store_queue_clear(rg_store *s, long long *removed)
{
	*removed = 0;
	return rg_store_in_write(s, clear_body, removed);
}
