/*
** queue.h - shared batches: the store's work queue (store/queue.h) filled
** from folders (`raingan queue add`) and emptied by the ingest pipeline of
** any number of workers on any number of machines (`raingan work`).
**
** A worker is the ingest pipeline (ingest.h: N parser threads, one writer)
** with the queue as its source of files: it claims a batch, ingests it,
** marks each file done or failed (with the next claim, in the same
** transaction), and claims again until nothing is left: no file waiting,
** and no other worker's claim running.  While only other workers' claims
** are left it waits, since their lease may run out (their worker died) and
** their files come back to the queue.
*/
#ifndef RG_INGEST_QUEUE_H
#define RG_INGEST_QUEUE_H

#include <stddef.h>
#include <stdio.h>

#include "ingest.h"
#include "store/queue.h"

#define RG_QUEUE_DEFAULT_LEASE 120   /* seconds a claim lasts unless renewed */

/* Queue the files of inputs (files, and folders walked as ingest walks them)
** and of more (one path a line; NULL: none), made absolute so that workers in
** another folder or on another machine (the same shared folder mounted at the
** same place) find them.  *files: the files found; *queued: those newly
** waiting; *unreadable: folders that could not be read and paths that do not
** exist (said on messages, not queued). */
int rg_queue_add_paths(rg_store *s, const char *const *inputs, size_t n_inputs, FILE *more, FILE *messages,
	size_t *files, size_t *queued, size_t *unreadable);

typedef struct rg_queue_worker rg_queue_worker;

/* A worker on store s (its one writer's connection): claims of batch files
** (at least 1) for lease seconds, renewed while it works. */
int rg_queue_worker_new(rg_queue_worker **out, rg_store *s, long long lease, size_t batch);

/* The worker as the pipeline's source of files (ingest.h, rg_ingest_job.source). */
const rg_ingest_source *rg_queue_worker_source(rg_queue_worker *w);

/* The end of the worker's part, however the job ended: the files it finished
** are marked, the rest it claimed go back to the queue at once (not after
** the lease).  0 or an error (the claims then run out with their lease). */
int rg_queue_worker_release(rg_queue_worker *w);

void rg_queue_worker_free(rg_queue_worker *w);

#endif
