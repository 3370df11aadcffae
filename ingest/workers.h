/*
** workers.h - work on files in worker processes, so that a crash or a hang
** costs one file, not the batch (as Apache Tika parses in a child process
** it can restart).
**
** `raingan ingest`, `run`, `dump`, `parse` and `check` hand each file to
** one of N long-lived worker processes (fork of the caller: the parser and
** its compiled rules are shared, nothing is loaded again).  A worker gets an
** item number over a socket, does the work, and sends back the result as
** bytes (for ingest: the model, model/model_wire.h, read back field for
** field; for dump, parse and check: what they print).  The calling process stays
** single-threaded: it supervises with poll(), gives each item a deadline,
** and takes the results back in order, so at most `window` results wait,
** whatever the number of items, and the order of the output never depends
** on the number of workers.
**
** A worker that dies on an item (SIGSEGV, abort, the kernel's OOM killer)
** or runs past the deadline (killed with SIGKILL) costs that item: done()
** is called with its fault ("crashed (signal 11: Segmentation fault)",
** "timed out after 60 s"), a new worker is forked, and the batch goes on.
** Workers ignore SIGINT and SIGTERM (the caller decides when to stop: see
** `stop`) and die with the caller (PR_SET_PDEATHSIG).
*/
#ifndef RG_WORKERS_H
#define RG_WORKERS_H

#include <signal.h>
#include <stddef.h>

#include "core/buf.h"

/* Item i in a worker process: append its result to out (the caller's own
** bytes, read back by done()).  May crash or hang: that is what workers are for. */
typedef void (*rg_workers_work_fn)(void *ctx, size_t i, rg_buf *out);

/* Item i's result in the calling process, in order: its bytes (fault_code
** 0), or what went wrong (fault_code RG_ECRASH or RG_ELIMIT for a timeout,
** fault the words for it; data empty).  A non-zero return stops the run
** and is returned. */
typedef int (*rg_workers_done_fn)(void *ctx, size_t i, const char *data, size_t len,
	int fault_code, const char *fault);

typedef struct {
	int jobs;                       /* worker processes, 1 or more (no more than items) */
	double timeout;                 /* seconds an item may take in a worker; 0: no limit */
	size_t window;                  /* results that may wait for their turn (0: 4 x jobs) */
	volatile sig_atomic_t *stop;    /* when it becomes non-zero no item is started or taken any
	                                   more (the one in done() finishes); NULL: never */
	rg_workers_work_fn work;
	rg_workers_done_fn done;
	/* The item's name (its file) for the fault-injection hook of test builds; may be NULL. */
	const char *(*name)(void *ctx, size_t i);
	void *ctx;
} rg_workers;

/* Run items 0..n-1.  *taken: how many done() took (n unless stopped).  Returns
** 0, done()'s non-zero return, or RG_E* when workers cannot be started (the
** message set); the workers are gone when it returns. */
int rg_workers_run(const rg_workers *w, size_t n, size_t *taken);

/* The number of CPUs (1 to 256): the default number of workers. */
int rg_cpu_count(void);

#endif
