/*
** pool.c - the ordered thread pool (see pool.h).
**
** One lock and one condition: a worker claims the next item unless it is a
** whole window ahead of the consumer, works it without the lock, and marks
** its slot done; the consumer waits for the slot of the next item in
** order, takes it without the lock, and frees the slot.
*/
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"

#define MAX_THREADS 256

typedef struct {
	rg_pool_work_fn work;
	void *ctx;
	size_t n, window, slot_size;
	unsigned char *slots;     /* window slots; item i in slot i % window */
	unsigned char *done;      /* per slot: its item is worked */
	size_t next;              /* the next item to claim (under lock) */
	size_t taken;             /* items the consumer has taken (under lock) */
	int stop;                 /* under lock */
	pthread_mutex_t lock;
	pthread_cond_t changed;
} pool;

int rg_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

static void *slot_of(pool *p, size_t i)
{
	return p->slots + (i % p->window) * p->slot_size;
}

static void *worker(void *arg)
{
	pool *p = arg;
	size_t i;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->stop && p->next < p->n && p->next >= p->taken + p->window)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->stop || p->next >= p->n)
			break;
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		p->work(p->ctx, i, slot_of(p, i));
		pthread_mutex_lock(&p->lock);
		p->done[i % p->window] = 1;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* No threads: work and take each item in turn, in one slot. */
static int run_here(size_t n, size_t slot_size, rg_pool_work_fn work, rg_pool_done_fn done,
	rg_pool_fini_fn fini, void *ctx)
{
	void *slot = calloc(1, slot_size ? slot_size : 1);
	size_t i;
	int rc = 0;

	if (!slot)
		return rg_error_set(RG_ENOMEM, "out of memory");
	for (i = 0; i < n && !rc; i++) {
		work(ctx, i, slot);
		rc = done(ctx, i, slot);
	}
	if (fini)
		fini(ctx, slot);
	free(slot);
	return rc;
}

int rg_pool_run(size_t n, int threads, size_t window, size_t slot_size,
	rg_pool_work_fn work, rg_pool_done_fn done, rg_pool_fini_fn fini, void *ctx)
{
	pthread_t tids[MAX_THREADS];
	int started = 0, k, rc = 0;
	size_t i;
	pool p;

	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if ((size_t)threads > n)
		threads = (int)n;
	if (threads <= 0)
		return run_here(n, slot_size, work, done, fini, ctx);
	memset(&p, 0, sizeof(p));
	p.work = work;
	p.ctx = ctx;
	p.n = n;
	p.window = window < (size_t)threads ? (size_t)threads : window;
	p.slot_size = slot_size ? slot_size : 1;
	p.slots = calloc(p.window, p.slot_size);
	p.done = calloc(p.window, 1);
	if (!p.slots || !p.done) {
		free(p.slots);
		free(p.done);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	for (k = 0; k < threads; k++)
		if (!pthread_create(&tids[started], NULL, worker, &p))
			started++;
	if (!started) {   /* no thread to be had: the work is done here all the same */
		rc = run_here(n, slot_size, work, done, NULL, ctx);
	} else {
		pthread_mutex_lock(&p.lock);
		for (i = 0; i < n && !rc; i++) {
			while (!p.done[i % p.window])
				pthread_cond_wait(&p.changed, &p.lock);
			pthread_mutex_unlock(&p.lock);
			rc = done(ctx, i, slot_of(&p, i));
			pthread_mutex_lock(&p.lock);
			p.done[i % p.window] = 0;
			p.taken++;
			if (rc)
				p.stop = 1;
			pthread_cond_broadcast(&p.changed);
		}
		pthread_mutex_unlock(&p.lock);
	}
	for (k = 0; k < started; k++)
		pthread_join(tids[k], NULL);
	if (fini)
		for (i = 0; i < p.window; i++)
			fini(ctx, p.slots + i * p.slot_size);
	free(p.slots);
	free(p.done);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.changed);
	return rc;
}
