/*
** parallel.h - run one job per file on several threads, results in order.
**
** Workers take the next file, do the job into their own buffers, and the
** calling thread writes the results file by file in the order given, so the
** output is the same bytes whatever the number of threads.  At most a window
** of results waits to be written, so memory does not grow with the batch.
*/
#ifndef RG_PARALLEL_H
#define RG_PARALLEL_H

#include "core/buf.h"

/* Do the work for item i: fill out (stdout text) and err (stderr text);
** return 0, or non-zero when the item failed.  Runs on a worker thread. */
typedef int (*cli_job_fn)(void *ctx, int i, rg_buf *out, rg_buf *err);

/* Run items 0..n-1 on `threads` threads (1: in the calling thread).  Writes
** each item's out to stdout and err to stderr in item order.  Returns the
** number of items that failed, or -1 when stdout could not be written. */
int cli_run_ordered(int n, int threads, cli_job_fn job, void *ctx);

/* The number of online CPUs (at least 1). */
int cli_cpu_count(void);

#endif
