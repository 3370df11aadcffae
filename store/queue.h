/*
** queue.h - the shared work queue of a store: the files of a batch, which
** workers on any number of machines take in turns (`raingan queue add`,
** `raingan work`; ingest/queue.h feeds them to the ingest pipeline).
**
** A file is queued once, by its path.  A worker claims a few at a time for
** a lease (seconds of the database's clock): no other worker takes them
** before it ends.  The worker marks each one done or failed, and may renew
** its lease while it works.  A claim whose lease ran out (its worker died,
** or was cut off) is claimed again by the next worker; a file claimed
** RG_QUEUE_MAX_CLAIMS times and never finished is given up: marked failed
** and listed among the store's failures.  Concurrent claims pass over each
** other's rows (PostgreSQL's FOR UPDATE SKIP LOCKED; on SQLite one write
** transaction runs at a time), so no file is claimed twice at once.
**
** Every function follows core/error.h and runs its writes in one
** transaction, retried on a transient error (backend.h).
*/
#ifndef RG_STORE_QUEUE_H
#define RG_STORE_QUEUE_H

#include <stddef.h>

#include "store.h"

#define RG_QUEUE_MAX_CLAIMS 3   /* claims of a file before it is given up */

/* A claimed file. */
typedef struct {
	long long id;
	char *path;
} rg_queue_item;

/* What a worker did with a claimed file. */
typedef struct {
	long long id;
	int failed;                 /* 0: done (stored or skipped) */
	const char *message;        /* why it failed, or NULL */
} rg_queue_mark;

/* The queue's files by state. */
typedef struct {
	long long queued;           /* waiting to be claimed */
	long long claimed;          /* claimed, lease running */
	long long expired;          /* claimed, lease run out: to be claimed again */
	long long done, failed;
	long long workers;          /* distinct workers holding a running lease */
} rg_queue_counts;

/* Queue paths (stored as given: make them absolute first).  A path already
** queued or claimed is left as it is; one done or failed is queued again (its
** file may have changed: a worker skips it by its SHA-256 when it has not).
** *queued: the number of paths newly waiting. */
int rg_store_queue_add(rg_store *s, const char *const *paths, size_t n, size_t *queued);

/* In one transaction: record marks (those of a claim still held by worker),
** give up files claimed RG_QUEUE_MAX_CLAIMS times whose lease ran out, and
** claim up to max files (queued, or whose lease ran out) for worker ("host:pid")
** for lease seconds, in the order they were queued.  *items (sorted by path,
** free with rg_store_queue_free_items) may be empty: nothing to claim now. */
int rg_store_queue_claim(rg_store *s, const char *worker, long long lease, size_t max,
	const rg_queue_mark *marks, size_t n_marks, rg_queue_item **items, size_t *n);
void rg_store_queue_free_items(rg_queue_item *items, size_t n);

/* In one transaction: record marks, and give every other file worker holds
** back to the queue (queued again, the claim not counted): a worker stopped
** on purpose (Ctrl-C) leaves nothing to wait for a lease. */
int rg_store_queue_release(rg_store *s, const char *worker, const rg_queue_mark *marks, size_t n_marks);

/* Extend the lease of every file worker holds to lease seconds from now. */
int rg_store_queue_renew(rg_store *s, const char *worker, long long lease);

int rg_store_queue_counts(rg_store *s, rg_queue_counts *c);

/* Remove the finished files (done or failed); *removed: how many. */
int rg_store_queue_clear(rg_store *s, long long *removed);

#endif
