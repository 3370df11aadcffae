/*
** pool.h - the ordered thread pool: items 0..n-1 are worked on by N threads
** and handed back, in order, to the calling thread.
**
** `raingan dump`, `parse` and `check` use it to print in the order given;
** ingest uses it to store in path order with one writer.  A worker works an
** item into a slot of a window of slots; the calling thread takes slot i
** when item i is done, so at most `window` results wait, whatever the
** number of items, and the output does not depend on the number of threads.
*/
#ifndef RG_POOL_H
#define RG_POOL_H

#include <stddef.h>

/* Work item i into slot (a zeroed or finished slot of slot_size bytes).  Runs
** on a worker thread, several at once: it may touch only its slot and what
** is read-only to all. */
typedef void (*rg_pool_work_fn)(void *ctx, size_t i, void *slot);

/* Take the result of item i, on the calling thread, in order; leave the slot
** ready for another item (its memory may be kept for reuse).  A non-zero
** return stops the pool: no new item is started and it is returned. */
typedef int (*rg_pool_done_fn)(void *ctx, size_t i, void *slot);

/* Free what a slot holds, at the end (every slot once, finished or not). */
typedef void (*rg_pool_fini_fn)(void *ctx, void *slot);

/* Run items 0..n-1 on `threads` worker threads while the calling thread takes
** the results (0: all on the calling thread, no thread started, one slot).
** window is the number of slots (at least threads).  Returns 0, the first
** non-zero return of done, or RG_ENOMEM. */
int rg_pool_run(size_t n, int threads, size_t window, size_t slot_size,
	rg_pool_work_fn work, rg_pool_done_fn done, rg_pool_fini_fn fini, void *ctx);

/* The number of online CPUs (at least 1): the default number of threads. */
int rg_cpu_count(void);

#endif
