/*
** workers.c - files worked on in worker processes (see workers.h).
**
** One socket pair per worker: the caller sends an item number (8 bytes),
** the worker answers with a frame (8 bytes of length, then the bytes).  A
** worker holds at most two items, the one it works on and the next, so it
** never waits for the caller between two files; the caller reads every
** socket without blocking and keeps the replies in a window of slots until
** their turn.  The deadline of an item runs from when the worker starts it
** (as far as the caller can see: when it was sent to an idle worker, or
** when the reply before it ended) until the first byte of its reply.
**
** Fork is safe here because the caller is single-threaded: a worker starts
** as a copy of it (the parser, the rules, the digests the store holds), and
** closes every descriptor but its socket (the store's among them).
*/
#include "workers.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "core/error.h"

#define MAX_WORKERS 256
#define EXIT_NOMEM 71        /* a worker's exit status when it cannot hold a reply */

typedef struct {
	pid_t pid;               /* 0: none */
	int fd;                  /* the caller's end of the socket, -1: none */
	size_t items[2];         /* sent, in order: items[0] is being worked on */
	int n_items;
	double started;          /* when items[0] began */
	int replying;            /* bytes of items[0]'s reply have come: its work is done */
	rg_buf in;               /* reply bytes read and not yet taken */
} worker;

typedef struct {
	int ready;
	int fault_code;
	char fault[160];
	rg_buf data;
} result;

typedef struct {
	const rg_workers *w;
	size_t n, window, next, taken;
	worker *workers;
	int n_workers;
	result *results;         /* item i in results[i % window] */
	size_t *requeued;        /* items sent to a worker that died before starting them */
	size_t n_requeued;
	pid_t parent;
} run;

int rg_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : (int)n;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the worker process ------------------------------------------------------------ */

#ifdef RG_FAULT_INJECTION
/* Test builds only (tests/workers.cmake builds raingan-faults from the same
** sources with RG_FAULT_INJECTION): a file whose name holds one of these
** words makes its worker crash, abort or spin, as a bug of the parser would.
** The raingan program has no such switch. */
static void inject_fault(const char *name)
{
	volatile unsigned long spin = 0;

	if (!name)
		return;
	if (strstr(name, "rg-fault-segv"))
		raise(SIGSEGV);
	if (strstr(name, "rg-fault-abort"))
		abort();
	if (strstr(name, "rg-fault-spin"))
		for (;;)
			spin++;
}
#endif

static int read_full(int fd, void *p, size_t len)
{
	char *c = p;

	while (len) {
		ssize_t k = read(fd, c, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k;
		len -= (size_t)k;
	}
	return 0;
}

static int write_full(int fd, const void *p, size_t len)
{
	const char *c = p;

	while (len) {
		ssize_t k = write(fd, c, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k;
		len -= (size_t)k;
	}
	return 0;
}

/* Keep only the standard streams and fd: the store's descriptors and the
** other workers' sockets are not this process's to touch. */
static void close_others(int fd)
{
	if (fd > 3)
		close_range(3, (unsigned)fd - 1, 0);
	close_range((unsigned)fd + 1, ~0U, 0);
}

static void worker_main(const run *r, int fd, const sigset_t *mask)
{
	const rg_workers *w = r->w;
	rg_buf out = RG_BUF_INIT;
	uint64_t item, len;

	/* the caller decides when the batch stops; a worker dies with it */
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGPIPE, SIG_DFL);
	sigprocmask(SIG_SETMASK, mask, NULL);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != r->parent)
		_exit(0);
	close_others(fd);
	for (;;) {
		if (read_full(fd, &item, sizeof(item)))
			_exit(0);   /* the caller closed the socket: the batch is over */
		rg_buf_clear(&out);
		rg_buf_put(&out, "\0\0\0\0\0\0\0\0", 8);   /* the length, filled in below */
#ifdef RG_FAULT_INJECTION
		inject_fault(w->name ? w->name(w->ctx, (size_t)item) : NULL);
#endif
		w->work(w->ctx, (size_t)item, &out);
		if (rg_buf_oom(&out))
			_exit(EXIT_NOMEM);
		len = out.len - 8;
		memcpy(out.ptr, &len, sizeof(len));
		if (write_full(fd, out.ptr, out.len))
			_exit(0);
	}
}

/* ---- the caller: starting, feeding and reading workers -------------------------------- */

static int start_worker(run *r, worker *wk)
{
	sigset_t stop_signals, old_mask;
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return rg_error_set(RG_EIO, "cannot start a worker process: %s", strerror(errno));
	fflush(NULL);   /* no buffered output is written twice */
	/* the caller's SIGINT/SIGTERM handler must never run in a worker: held until
	** the worker ignores them */
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop_signals, &old_mask);
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		worker_main(r, sv[1], &old_mask);
		_exit(0);
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return rg_error_set(RG_EIO, "cannot start a worker process: %s", strerror(errno));
	}
	close(sv[1]);
	wk->pid = pid;
	wk->fd = sv[0];
	wk->n_items = 0;
	wk->replying = 0;
	rg_buf_clear(&wk->in);
	return 0;
}

/* End a worker: closed, killed when force, reaped; its wait status returned. */
static int stop_worker(worker *wk, int force)
{
	int status = 0;

	if (wk->fd >= 0)
		close(wk->fd);
	wk->fd = -1;
	if (wk->pid > 0) {
		if (force)
			kill(wk->pid, SIGKILL);
		while (waitpid(wk->pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	wk->pid = 0;
	return status;
}

static void set_fault(run *r, size_t item, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void set_fault(run *r, size_t item, int code, const char *fmt, ...)
{
	result *res = &r->results[item % r->window];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->fault, sizeof(res->fault), fmt, ap);
	va_end(ap);
	res->fault_code = code;
	rg_buf_clear(&res->data);
	res->ready = 1;
}

/* The worker died or was killed: its item in work gets the fault, the next one
** goes to another worker, and a new worker takes its place. */
static int replace_worker(run *r, worker *wk, int timed_out)
{
	int status = stop_worker(wk, timed_out);

	if (wk->n_items > 0) {
		size_t item = wk->items[0];
		if (timed_out)
			set_fault(r, item, RG_ELIMIT, "timed out after %g s", r->w->timeout);
		else if (WIFSIGNALED(status))
			set_fault(r, item, RG_ECRASH, "crashed (signal %d: %s)", WTERMSIG(status),
				strsignal(WTERMSIG(status)));
		else if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NOMEM)
			set_fault(r, item, RG_ENOMEM, "out of memory");
		else
			set_fault(r, item, RG_ECRASH, "crashed (exit status %d)", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	if (wk->n_items > 1)
		r->requeued[r->n_requeued++] = wk->items[1];
	wk->n_items = 0;
	return start_worker(r, wk);
}

/* Take the complete replies in wk->in. */
static void take_replies(run *r, worker *wk)
{
	uint64_t len;

	while (wk->in.len >= 8 && wk->n_items > 0) {
		memcpy(&len, wk->in.ptr, 8);
		if (wk->in.len - 8 < len)
			break;
		result *res = &r->results[wk->items[0] % r->window];
		rg_buf_clear(&res->data);
		rg_buf_put(&res->data, wk->in.ptr + 8, (size_t)len);
		res->fault_code = rg_buf_oom(&res->data) ? RG_ENOMEM : 0;
		snprintf(res->fault, sizeof(res->fault), "%s", res->fault_code ? "out of memory" : "");
		res->ready = 1;
		memmove(wk->in.ptr, wk->in.ptr + 8 + len, wk->in.len - 8 - (size_t)len);
		wk->in.len -= 8 + (size_t)len;
		wk->items[0] = wk->items[1];
		wk->n_items--;
		wk->started = now();
		wk->replying = wk->in.len > 0;
	}
}

/* Read what the worker sent; a worker that closed its end (it died) is replaced. */
static int drain(run *r, worker *wk)
{
	char chunk[65536];
	ssize_t k;

	for (;;) {
		k = recv(wk->fd, chunk, sizeof(chunk), MSG_DONTWAIT);
		if (k > 0) {
			rg_buf_put(&wk->in, chunk, (size_t)k);
			if (rg_buf_oom(&wk->in))
				return rg_error_set(RG_ENOMEM, "out of memory");
			if (wk->n_items > 0)
				wk->replying = 1;
			take_replies(r, wk);
			continue;
		}
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		return replace_worker(r, wk, 0);   /* end of file or an error: the worker is gone */
	}
}

static int send_item(run *r, worker *wk, size_t item)
{
	uint64_t v = item;

	if (!wk->n_items) {
		wk->started = now();
		wk->replying = 0;
	}
	wk->items[wk->n_items++] = item;
	if (send(wk->fd, &v, sizeof(v), MSG_NOSIGNAL) != (ssize_t)sizeof(v)) {
		/* it died idle (killed from outside): the item never started */
		wk->n_items--;
		r->requeued[r->n_requeued++] = item;
		return replace_worker(r, wk, 0);
	}
	return 0;
}

/* The next item to send, if the window has room for it. */
static int next_item(run *r, size_t *item)
{
	size_t k, best = 0;

	if (r->n_requeued) {   /* the oldest first: the consumer waits for it */
		for (k = 1; k < r->n_requeued; k++)
			if (r->requeued[k] < r->requeued[best])
				best = k;
		*item = r->requeued[best];
		r->requeued[best] = r->requeued[--r->n_requeued];
		return 1;
	}
	if (r->next >= r->n || r->next >= r->taken + r->window)
		return 0;
	*item = r->next++;
	return 1;
}

static int feed(run *r)
{
	size_t item;
	int k, rc = 0, depth;

	/* first one item each, then a second: work spreads over every worker */
	for (depth = 1; depth <= 2 && !rc; depth++)
		for (k = 0; k < r->n_workers && !rc; k++)
			if (r->workers[k].n_items < depth) {
				if (!next_item(r, &item))
					return 0;
				rc = send_item(r, &r->workers[k], item);
			}
	return rc;
}

/* Wait for replies (at most until the next deadline, not at all when block is 0);
** read them, and replace the workers that died or ran out of time. */
static int wait_replies(run *r, int block)
{
	struct pollfd fds[MAX_WORKERS];
	double t = now(), limit = r->w->timeout, wait = -1;
	int k, ms, rc = 0;

	for (k = 0; k < r->n_workers; k++) {
		worker *wk = &r->workers[k];
		fds[k].fd = wk->fd;
		fds[k].events = POLLIN;
		fds[k].revents = 0;
		if (limit > 0 && wk->n_items > 0 && !wk->replying) {
			double left = wk->started + limit - t;
			if (wait < 0 || left < wait)
				wait = left < 0 ? 0 : left;
		}
	}
	ms = !block ? 0 : wait < 0 ? -1 : (int)(wait * 1000) + 1;
	if (poll(fds, (nfds_t)r->n_workers, ms) < 0)
		return errno == EINTR ? 0 : rg_error_set(RG_EIO, "poll: %s", strerror(errno));
	for (k = 0; k < r->n_workers && !rc; k++)
		if (fds[k].revents)
			rc = drain(r, &r->workers[k]);
	if (limit > 0) {
		t = now();
		for (k = 0; k < r->n_workers && !rc; k++) {
			worker *wk = &r->workers[k];
			if (wk->n_items > 0 && !wk->replying && t - wk->started >= limit)
				rc = replace_worker(r, wk, 1);
		}
	}
	return rc;
}

int rg_workers_run(const rg_workers *w, size_t n, size_t *taken)
{
	run r;
	int k, rc = 0;
	size_t i;

	*taken = 0;
	if (!n)
		return 0;
	memset(&r, 0, sizeof(r));
	r.w = w;
	r.n = n;
	r.parent = getpid();
	r.n_workers = w->jobs < 1 ? 1 : w->jobs > MAX_WORKERS ? MAX_WORKERS : w->jobs;
	if ((size_t)r.n_workers > n)
		r.n_workers = (int)n;
	r.window = w->window ? w->window : (size_t)r.n_workers * 4;
	if (r.window < (size_t)r.n_workers * 2)
		r.window = (size_t)r.n_workers * 2;   /* room for both items of every worker */
	r.workers = calloc((size_t)r.n_workers, sizeof(*r.workers));
	r.results = calloc(r.window, sizeof(*r.results));
	r.requeued = calloc((size_t)r.n_workers, sizeof(*r.requeued));
	if (!r.workers || !r.results || !r.requeued) {
		rc = rg_error_set(RG_ENOMEM, "out of memory");
		goto out;
	}
	for (k = 0; k < r.n_workers; k++)
		r.workers[k].fd = -1;
	for (k = 0; k < r.n_workers && !rc; k++)
		rc = start_worker(&r, &r.workers[k]);
	while (!rc && r.taken < n && !(w->stop && *w->stop)) {
		result *res = &r.results[r.taken % r.window];
		if ((rc = feed(&r)))
			break;
		/* read whatever is there before the next result is taken, so no worker waits */
		if ((rc = wait_replies(&r, !res->ready)))
			break;
		if (!res->ready || (w->stop && *w->stop))
			continue;
		rc = w->done(w->ctx, r.taken, res->data.ptr ? res->data.ptr : "", res->data.len, res->fault_code,
			res->fault_code ? res->fault : NULL);
		res->ready = 0;
		r.taken++;
	}
out:
	for (k = 0; r.workers && k < r.n_workers; k++) {
		stop_worker(&r.workers[k], r.workers[k].n_items > 0);
		rg_buf_free(&r.workers[k].in);
	}
	for (i = 0; r.results && i < r.window; i++)
		rg_buf_free(&r.results[i].data);
	free(r.workers);
	free(r.results);
	free(r.requeued);
	*taken = r.taken;
	return rc;
}
