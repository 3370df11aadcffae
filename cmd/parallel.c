/*
** parallel.c - ordered parallel jobs (see parallel.h).
*/
#include "parallel.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

#define WINDOW 64   /* results that may wait to be written */

typedef struct {
	rg_buf out, err;
	int rc;
	int done;
} result;

typedef struct {
	cli_job_fn job;
	void *ctx;
	int n;
	int next;              /* the next item to take */
	int written;           /* items written so far */
	result *slots;         /* WINDOW slots, item i in slot i % WINDOW */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	int stop;
} pool;

int cli_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

static void *worker(void *arg)
{
	pool *p = arg;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		int i;
		result *r;

		while (!p->stop && p->next < p->n && p->next >= p->written + WINDOW)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->stop || p->next >= p->n)
			break;
		i = p->next++;
		r = &p->slots[i % WINDOW];
		pthread_mutex_unlock(&p->lock);
		r->rc = p->job(p->ctx, i, &r->out, &r->err);
		pthread_mutex_lock(&p->lock);
		r->done = 1;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Write one result; -1 when stdout fails. */
static int flush_result(result *r)
{
	int rc = 0;

	if (r->err.len)
		fwrite(r->err.ptr, 1, r->err.len, stderr);
	if (!rg_buf_oom(&r->out) && cli_write_stdout(r->out.ptr, r->out.len))
		rc = -1;
	rg_buf_clear(&r->out);
	rg_buf_clear(&r->err);
	return rc;
}

static int run_here(int n, cli_job_fn job, void *ctx)
{
	result r = { RG_BUF_INIT, RG_BUF_INIT, 0, 0 };
	int i, failed = 0, broken = 0;

	for (i = 0; i < n && !broken; i++) {
		failed += job(ctx, i, &r.out, &r.err) != 0;
		broken = flush_result(&r) < 0;
	}
	rg_buf_free(&r.out);
	rg_buf_free(&r.err);
	return broken ? -1 : failed;
}

int cli_run_ordered(int n, int threads, cli_job_fn job, void *ctx)
{
	pthread_t tids[64];
	int failed = 0, started = 0, i, broken = 0;
	pool p;

	if (threads > 64)
		threads = 64;
	if (threads > n)
		threads = n;
	if (threads <= 1)
		return run_here(n, job, ctx);
	p.job = job;
	p.ctx = ctx;
	p.n = n;
	p.next = p.written = 0;
	p.stop = 0;
	if (!(p.slots = calloc(WINDOW, sizeof(*p.slots))))
		return -1;
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	for (i = 0; i < threads; i++)
		if (!pthread_create(&tids[started], NULL, worker, &p))
			started++;
	if (!started) {
		free(p.slots);
		pthread_mutex_destroy(&p.lock);
		pthread_cond_destroy(&p.changed);
		return run_here(n, job, ctx);
	}
	pthread_mutex_lock(&p.lock);
	while (p.written < n) {
		result *r = &p.slots[p.written % WINDOW];
		while (!r->done)
			pthread_cond_wait(&p.changed, &p.lock);
		pthread_mutex_unlock(&p.lock);
		failed += r->rc != 0;
		if (flush_result(r) < 0) {
			broken = 1;
			pthread_mutex_lock(&p.lock);
			p.stop = 1;
			pthread_cond_broadcast(&p.changed);
			break;
		}
		pthread_mutex_lock(&p.lock);
		r->done = 0;
		p.written++;
		pthread_cond_broadcast(&p.changed);
	}
	pthread_mutex_unlock(&p.lock);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	for (i = 0; i < WINDOW; i++) {
		rg_buf_free(&p.slots[i].out);
		rg_buf_free(&p.slots[i].err);
	}
	free(p.slots);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.changed);
	return broken ? -1 : failed;
}
