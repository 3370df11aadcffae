/*
** queue.c - shared batches (queue.h): paths into the store's queue, and the
** queue as a source of files for the ingest pipeline.
*/
#include "queue.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/error.h"
#include "progress.h"

/* ---- queue add ------------------------------------------------------------------------------ */

/* path made absolute (the current folder in front; a leading "./" dropped). */
static int absolute(const char *path, rg_buf *out)
{
	char cwd[4096];

	rg_buf_clear(out);
	if (path[0] != '/') {
		if (!getcwd(cwd, sizeof(cwd)))
			return rg_error_set(RG_EIO, "cannot tell the current folder: %s", strerror(errno));
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		rg_buf_printf(out, "%s%s", cwd, strcmp(cwd, "/") ? "/" : "");
		if (!strcmp(path, "."))
			path = "";
	}
	rg_buf_puts(out, path);
	while (out->len > 1 && out->ptr[out->len - 1] == '/')
		rg_buf_truncate(out, out->len - 1);
	return rg_buf_oom(out) ? rg_error_set(RG_ENOMEM, "out of memory") : 0;
}

/* A path that does not exist is said now and not queued: a worker would only fail on it. */
static int add_one(rg_paths *l, rg_buf *abs, const char *path, size_t *missing)
{
	struct stat st;
	int rc = absolute(path, abs);

	if (rc)
		return rc;
	if (stat(rg_buf_cstr(abs), &st)) {
		if (l->messages)
			fprintf(l->messages, "raingan: %s: cannot queue it: %s\n", path, strerror(errno));
		(*missing)++;
		return 0;
	}
	return rg_paths_add(l, rg_buf_cstr(abs));
}

int rg_queue_add_paths(rg_store *s, const char *const *inputs, size_t n_inputs, FILE *more, FILE *messages,
	size_t *files, size_t *queued, size_t *unreadable)
{
	rg_paths l;
	rg_buf abs = RG_BUF_INIT;
	char *line = NULL;
	size_t i, cap = 0, missing = 0;
	ssize_t n;
	int rc = 0;

	memset(&l, 0, sizeof(l));
	l.messages = messages;
	*files = *queued = *unreadable = 0;
	for (i = 0; i < n_inputs && !rc; i++)
		rc = add_one(&l, &abs, inputs[i], &missing);
	while (!rc && more && (n = getline(&line, &cap, more)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n > 0)
			rc = add_one(&l, &abs, line, &missing);
	}
	free(line);
	rg_buf_free(&abs);
	if (!rc)
		rc = rg_paths_sort(&l);
	*files = l.len;
	*unreadable = l.unreadable + missing;
	if (!rc && l.len)
		rc = rg_store_queue_add(s, (const char *const *)l.items, l.len, queued);
	rg_paths_free(&l);
	return rc;
}

/* ---- the worker --------------------------------------------------------------------------------- */

struct rg_queue_worker {
	rg_store *store;
	char name[320];                 /* host:pid */
	long long lease;
	size_t batch;
	rg_queue_item *items;           /* the current claim, sorted by path */
	size_t n_items;
	rg_queue_mark *marks;           /* what became of them: recorded with the next claim */
	size_t n_marks;
	double renewed;                 /* when the lease was last set (monotonic seconds) */
	double counted;                 /* when the queue was last counted */
	size_t left;                    /* files waiting then */
	rg_ingest_source source;
};

static void free_marks(rg_queue_worker *w)
{
	size_t i;

	for (i = 0; i < w->n_marks; i++)
		free((char *)w->marks[i].message);
	w->n_marks = 0;
}

static void sleep_seconds(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

/* How long to wait before looking again when only other workers' claims are left: a
** count of the queue each time (cheap), and no worker lingers long after the last. */
static double poll_seconds(const rg_queue_worker *w)
{
	double p = (double)w->lease / 40;

	return p < 0.05 ? 0.05 : p > 0.1 ? 0.1 : p;
}

static int next(void *ctx, rg_paths *paths, size_t *left)
{
	rg_queue_worker *w = ctx;
	rg_queue_counts c;
	size_t i;
	int rc;

	*left = 0;
	for (;;) {
		rg_store_queue_free_items(w->items, w->n_items);
		w->items = NULL;
		w->n_items = 0;
		/* the marks of the last claim go with this one, in its transaction */
		if ((rc = rg_store_queue_claim(w->store, w->name, w->lease, w->batch, w->marks, w->n_marks,
			&w->items, &w->n_items)))
			return rc;
		free_marks(w);
		w->renewed = rg_now();
		if (w->n_items) {
			for (i = 0; i < w->n_items && !rc; i++)
				rc = rg_paths_add(paths, w->items[i].path);
			/* the queue counted at most once a second (a scan of it); in between, less what this
			** worker claimed */
			if (!rc && rg_now() - w->counted >= 1 && !(rc = rg_store_queue_counts(w->store, &c))) {
				w->counted = rg_now();
				w->left = (size_t)(c.queued + c.expired);
			} else {
				w->left = w->left > w->n_items ? w->left - w->n_items : 0;
			}
			*left = w->left;
			return rc;
		}
		if ((rc = rg_store_queue_counts(w->store, &c)))
			return rc;
		w->counted = rg_now();
		w->left = (size_t)(c.queued + c.expired);
		if (!c.queued && !c.expired && !c.claimed)
			return 0;   /* the queue is empty: done */
		/* files waiting that another claim is taking now, or other workers' claims that
		** may run out (their worker died): look again shortly */
		sleep_seconds(c.queued + c.expired ? 0.05 : poll_seconds(w));
	}
}

static int cmp_path(const void *key, const void *item)
{
	return strcmp(key, ((const rg_queue_item *)item)->path);
}

static int finished(void *ctx, const char *path, int failed, const char *message)
{
	rg_queue_worker *w = ctx;
	rg_queue_item *it = bsearch(path, w->items, w->n_items, sizeof(*w->items), cmp_path);
	rg_queue_mark *m;
	int rc;

	if (!it)
		return 0;   /* not of the queue (a file named on the command line) */
	m = &w->marks[w->n_marks];
	m->id = it->id;
	m->failed = failed;
	m->message = NULL;
	if (failed && message && !(m->message = strdup(message)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	w->n_marks++;
	/* a long batch keeps its claim: the lease is renewed a third of the way through */
	if ((double)w->lease / 3 < rg_now() - w->renewed) {
		if ((rc = rg_store_queue_renew(w->store, w->name, w->lease)))
			return rc;
		w->renewed = rg_now();
	}
	return 0;
}

int rg_queue_worker_new(rg_queue_worker **out, rg_store *s, long long lease, size_t batch)
{
	rg_queue_worker *w;
	char host[256];

	*out = NULL;
	if (batch < 1)
		batch = 1;
	if (!(w = calloc(1, sizeof(*w))) || !(w->marks = calloc(batch, sizeof(*w->marks)))) {
		free(w);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(w->name, sizeof(w->name), "%s:%ld", host, (long)getpid());
	w->store = s;
	w->lease = lease > 0 ? lease : RG_QUEUE_DEFAULT_LEASE;
	w->batch = batch;
	w->counted = -1e9;
	w->source.next = next;
	w->source.finished = finished;
	w->source.ctx = w;
	*out = w;
	return 0;
}

const rg_ingest_source *rg_queue_worker_source(rg_queue_worker *w)
{
	return &w->source;
}

int rg_queue_worker_release(rg_queue_worker *w)
{
	int rc;

	if (!w)
		return 0;
	rc = rg_store_queue_release(w->store, w->name, w->marks, w->n_marks);
	free_marks(w);
	rg_store_queue_free_items(w->items, w->n_items);
	w->items = NULL;
	w->n_items = 0;
	return rc;
}

void rg_queue_worker_free(rg_queue_worker *w)
{
	if (!w)
		return;
	free_marks(w);
	free(w->marks);
	rg_store_queue_free_items(w->items, w->n_items);
	free(w);
}
