/*
** ingest.c - the ingest pipeline (see ingest.h).
**
** A worker's job on one file: open it, map its bytes, hash them, and unless
** the store holds that digest, parse those same bytes (parse.h) -- a file is
** read once, and its hash and its model come from the same bytes.  The
** writer (the calling thread) takes the results in path order from the
** pool's window and stores each in its own transaction; a file that fails
** is recorded in the store's failures and the batch goes on.  A store error
** stops the job; one the backend calls transient (retried, still failing:
** a dropped connection) costs that file only.
*/
#include "ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "core/error.h"
#include "core/sha256.h"
#include "parse.h"
#include "paths.h"
#include "pool.h"
#include "progress.h"

enum { SLOT_FAILED = 0, SLOT_PARSED, SLOT_SKIPPED };

/* One file's way from a worker to the writer. */
typedef struct {
	int state;                  /* SLOT_* */
	rg_model *model;
	char sha256[65];            /* "" when the file could not be read */
	long long size, mtime;
	double parse_ms;
	int parsed;                 /* the parser was called */
	int code;
	char message[512];
} slot;

typedef struct {
	const rg_ingest_job *job;
	rg_paths paths;
	unsigned char *known;       /* sorted 32-byte digests already stored: read-only */
	size_t n_known;
	int stale_failures;         /* the store lists failures: a skipped file may clear its own */
	rg_ingest_summary *sum;
	rg_progress progress;
} batch;

/* ---- a worker ------------------------------------------------------------------ */

static void slot_fail(slot *sl, int code, const char *message)
{
	sl->state = SLOT_FAILED;
	sl->code = code ? code : RG_ERROR;
	snprintf(sl->message, sizeof(sl->message), "%s", message && *message ? message : "cannot read the file");
}

static int hex_nibble(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Whether the digest (lowercase hex) is in the sorted list read from the store. */
static int cmp_digest(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

static int is_known(const batch *b, const char *hex)
{
	unsigned char d[32];
	int i, hi, lo;

	if (!b->n_known)
		return 0;
	for (i = 0; i < 32; i++) {
		hi = hex_nibble(hex[2 * i]);
		lo = hi < 0 ? -1 : hex_nibble(hex[2 * i + 1]);
		if (lo < 0)
			return 0;
		d[i] = (unsigned char)(hi << 4 | lo);
	}
	return bsearch(d, b->known, b->n_known, 32, cmp_digest) != NULL;
}

/* The file's bytes, mapped once (an empty file has none). */
typedef struct {
	void *data;
	size_t len;
} mapped;

static int map_file(const char *path, mapped *f, slot *sl)
{
	struct stat st;
	int fd;

	f->data = NULL;
	f->len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st)) {
		rg_error_set(RG_EIO, "cannot open: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	sl->size = (long long)st.st_size;
	sl->mtime = (long long)st.st_mtime;
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return rg_error_set(RG_EIO, S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
	}
	if (st.st_size > 0) {
		f->data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (f->data == MAP_FAILED) {
			f->data = NULL;
			rg_error_set(RG_EIO, "cannot read: %s", strerror(errno));
			close(fd);
			return -1;
		}
		f->len = (size_t)st.st_size;
	}
	close(fd);
	return 0;
}

static void work(void *ctx, size_t i, void *p)
{
	const batch *b = ctx;
	const char *path = b->paths.items[i];
	slot *sl = p;
	mapped f;

	memset(sl, 0, sizeof(*sl));
	if (map_file(path, &f, sl)) {
		slot_fail(sl, rg_error_code(), rg_error_message());
		return;
	}
	if (rg_sha256_buffer(f.data ? f.data : "", f.len, sl->sha256)) {
		sl->sha256[0] = '\0';
		slot_fail(sl, rg_error_code(), rg_error_message());
	} else if (is_known(b, sl->sha256)) {
		sl->state = SLOT_SKIPPED;
	} else {
		sl->parsed = 1;
		if (rg_ingest_parse(b->job->parser, path, f.data ? f.data : "", f.len, sl->sha256, &sl->model,
			&sl->parse_ms))
			slot_fail(sl, rg_error_code(), rg_error_message());
		else
			sl->state = SLOT_PARSED;
	}
	if (f.data)
		munmap(f.data, f.len);
}

/* ---- the writer ------------------------------------------------------------------ */

static void report_failure(batch *b, const char *path, const char *message)
{
	if (b->job->messages)
		rg_progress_print(&b->progress, b->job->messages, "raingan: %s: %s\n", path, message);
}

/* Record a file's failure in the store; a store error is the job's. */
static int record_failure(batch *b, const rg_store_source *src, slot *sl)
{
	b->sum->failed++;
	report_failure(b, src->path, sl->message);
	return rg_store_put_failure(b->job->store, src, sl->sha256[0] ? sl->sha256 : NULL, sl->code, sl->message);
}

static int done(void *ctx, size_t i, void *p)
{
	batch *b = ctx;
	slot *sl = p;
	rg_store *store = b->job->store;
	rg_store_source src = { b->paths.items[i], sl->size, sl->mtime, sl->parse_ms };
	int inserted = 0, rc = 0;

	b->sum->parsed += (size_t)sl->parsed;
	switch (sl->state) {
	case SLOT_PARSED:
		rc = rg_store_put_filing(store, sl->model, &src, &inserted);
		if (!rc && inserted) {
			b->sum->stored++;
			b->sum->findings += sl->model->n_findings;
		} else if (!rc) {
			b->sum->skipped++;   /* the same bytes under another name, stored earlier */
		} else if (rg_store_last_error_transient(store)) {
			/* the store could not take this one (retried): it fails, the batch goes on */
			slot_fail(sl, rc, rg_error_message());
			rc = record_failure(b, &src, sl);
		}
		break;
	case SLOT_SKIPPED:
		b->sum->skipped++;
		/* a path that failed before and now holds stored bytes is no longer a failure */
		if (b->stale_failures)
			rc = rg_store_clear_failure(store, src.path);
		break;
	default:
		rc = record_failure(b, &src, sl);
		break;
	}
	if (!rc && b->job->source)
		rc = b->job->source->finished(b->job->source->ctx, src.path, sl->state == SLOT_FAILED, sl->message);
	rg_model_free(sl->model);
	sl->model = NULL;
	rg_progress_step(&b->progress);
	return rc;
}

static void fini(void *ctx, void *p)
{
	slot *sl = p;

	(void)ctx;
	rg_model_free(sl->model);
	sl->model = NULL;
}

/* ---- the batch ------------------------------------------------------------------- */

static int collect(batch *b)
{
	const rg_ingest_job *job = b->job;
	size_t i;
	int rc = 0;

	b->paths.messages = job->messages;
	for (i = 0; i < job->n_inputs && !rc; i++)
		rc = rg_paths_add(&b->paths, job->inputs[i]);
	if (!rc && job->more_paths)
		rc = rg_paths_add_lines(&b->paths, job->more_paths);
	rg_paths_sort(&b->paths);
	return rc;
}

static int run_paths(batch *b)
{
	int jobs = b->job->jobs;

	return rg_pool_run(b->paths.len, jobs, (size_t)(jobs > 0 ? jobs : 1) * 4, sizeof(slot), work, done, fini, b);
}

/* The next files of the job's source, in place of the last. */
static int next_paths(batch *b)
{
	size_t left = 0;
	int rc;

	rg_paths_free(&b->paths);
	if ((rc = b->job->source->next(b->job->source->ctx, &b->paths, &left)))
		return rc;
	rg_paths_sort(&b->paths);
	b->sum->files += b->paths.len;
	b->progress.total = b->progress.done + b->paths.len + left;
	return 0;
}

int rg_ingest_run(const rg_ingest_job *job, rg_ingest_summary *sum)
{
	long long n_failures = 0;
	double start = rg_now();
	batch b;
	int rc;

	memset(sum, 0, sizeof(*sum));
	memset(&b, 0, sizeof(b));
	b.job = job;
	b.sum = sum;
	rc = collect(&b);
	sum->files = b.paths.len;
	sum->unreadable_folders = b.paths.unreadable;
	if (!rc)
		rc = rg_store_known_digests(job->store, &b.known, &b.n_known);
	if (!rc)
		rc = rg_store_count_failures(job->store, &n_failures);
	b.stale_failures = n_failures > 0;
	if (!rc) {
		rg_progress_start(&b.progress, job->progress, b.paths.len);
		rc = run_paths(&b);
		while (!rc && job->source && !(rc = next_paths(&b)) && b.paths.len)
			rc = run_paths(&b);
		rg_progress_end(&b.progress);
	}
	sum->seconds = rg_now() - start;
	free(b.known);
	rg_paths_free(&b.paths);
	return rc;
}
