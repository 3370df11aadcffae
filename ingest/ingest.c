/*
** ingest.c - the ingest pipeline (see ingest.h).
**
** A worker's job on one file (in a worker process, workers.h): open it,
** map its bytes, hash them, and unless the store holds that digest, parse
** those same bytes (parse.h) -- a file is read once, and its hash and its
** model come from the same bytes.  The reply is the slot below followed by
** the model as flat bytes (model/model_wire.h: JSON would cost a fifth of
** the CPU of an ingest; these bytes about 1 %).  The writer
** (this process) takes the replies in path order and stores each filing in
** its own transaction; a file that fails, crashes its worker or runs past
** the time limit is recorded in the store's failures and the batch goes
** on.  A store error stops the job; one the backend calls transient
** (retried, still failing: a dropped connection) costs that file only.
*/
#include "ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "core/error.h"
#include "core/sha256.h"
#include "extract/extract.h"
#include "model/model_wire.h"
#include "parse.h"
#include "paths.h"
#include "progress.h"
#include "read/convert.h"
#include "workers.h"

enum { SLOT_FAILED = 0, SLOT_PARSED, SLOT_SKIPPED };

/* One file's way from a worker to the writer: the head of the worker's reply
** (the model's bytes follow it when state is SLOT_PARSED). */
typedef struct {
	int state;                  /* SLOT_* */
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

/* In a worker process: file i read, hashed, skipped or parsed; the reply is the
** slot, then the model's bytes. */
static void work(void *ctx, size_t i, rg_buf *out)
{
	const batch *b = ctx;
	const char *path = b->paths.items[i];
	rg_model *model = NULL;
	slot sl;
	mapped f;

	memset(&sl, 0, sizeof(sl));
	if (map_file(path, &f, &sl)) {
		slot_fail(&sl, rg_error_code(), rg_error_message());
		rg_buf_put(out, (const char *)&sl, sizeof(sl));
		return;
	}
	if (rg_sha256_buffer(f.data ? f.data : "", f.len, sl.sha256)) {
		sl.sha256[0] = '\0';
		slot_fail(&sl, rg_error_code(), rg_error_message());
	} else if (is_known(b, sl.sha256)) {
		sl.state = SLOT_SKIPPED;
	} else {
		sl.parsed = 1;
		if (rg_ingest_parse(b->job->parser, path, f.data ? f.data : "", f.len, sl.sha256, &model,
			&sl.parse_ms))
			slot_fail(&sl, rg_error_code(), rg_error_message());
		else
			sl.state = SLOT_PARSED;
	}
	if (f.data)
		munmap(f.data, f.len);
	rg_buf_put(out, (const char *)&sl, sizeof(sl));
	if (model)
		rg_model_wire_write(out, model);
	rg_model_free(model);
}

static const char *item_name(void *ctx, size_t i)
{
	const batch *b = ctx;

	return b->paths.items[i];
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

/* The worker's reply as a slot and a model; a fault (its worker crashed or ran
** out of time) is the file's failure. */
static void read_reply(const char *path, const char *data, size_t len, int fault_code, const char *fault,
	slot *sl, rg_model **model)
{
	struct stat st;

	memset(sl, 0, sizeof(*sl));
	*model = NULL;
	if (fault_code) {
		if (!stat(path, &st)) {
			sl->size = (long long)st.st_size;
			sl->mtime = (long long)st.st_mtime;
		}
		sl->parsed = 1;
		slot_fail(sl, fault_code, fault);
		return;
	}
	if (len < sizeof(*sl)) {
		slot_fail(sl, RG_ERROR, "the worker's reply is cut short");
		return;
	}
	memcpy(sl, data, sizeof(*sl));
	if (sl->state != SLOT_PARSED)
		return;
	if (rg_model_wire_read(data + sizeof(*sl), len - sizeof(*sl), model))
		slot_fail(sl, rg_error_code(), rg_error_message());
}

static int done(void *ctx, size_t i, const char *data, size_t len, int fault_code, const char *fault)
{
	batch *b = ctx;
	rg_store *store = b->job->store;
	rg_model *model;
	slot sl;
	int inserted = 0, rc = 0;

	read_reply(b->paths.items[i], data, len, fault_code, fault, &sl, &model);
	rg_store_source src = { b->paths.items[i], sl.size, sl.mtime, sl.parse_ms };
	b->sum->parsed += (size_t)sl.parsed;
	switch (sl.state) {
	case SLOT_PARSED:
		rc = rg_store_put_filing(store, model, &src, &inserted);
		if (!rc && inserted) {
			b->sum->stored++;
			b->sum->findings += model->n_findings;
		} else if (!rc) {
			b->sum->skipped++;   /* the same bytes under another name, stored earlier */
		} else if (rg_store_last_error_transient(store)) {
			/* the store could not take this one (retried): it fails, the batch goes on */
			slot_fail(&sl, rc, rg_error_message());
			rc = record_failure(b, &src, &sl);
		}
		break;
	case SLOT_SKIPPED:
		b->sum->skipped++;
		/* a path that failed before and now holds stored bytes is no longer a failure */
		if (b->stale_failures)
			rc = rg_store_clear_failure(store, src.path);
		break;
	default:
		rc = record_failure(b, &src, &sl);
		break;
	}
	if (!rc && b->job->source)
		rc = b->job->source->finished(b->job->source->ctx, src.path, sl.state == SLOT_FAILED, sl.message);
	rg_model_free(model);
	rg_progress_step(&b->progress);
	return rc;
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
	return rc ? rc : rg_paths_sort(&b->paths);
}

/* Whether a path is named like a legacy file (.doc, .rtf): those are converted ahead. */
static int legacy_name(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && !strchr(dot, '/') && (!strcasecmp(dot, ".doc") || !strcasecmp(dot, ".rtf"));
}

/*
** The batch's .doc/.rtf files that the store does not hold yet, converted
** before the workers start, in one LibreOffice start per batch of files
** (read/convert.h) rather than one a file.  Only their hash is read here;
** a file that fails to convert keeps its error for when its worker reads it.
*/
static int convert_legacy(batch *b, rg_converted **out)
{
	const char **todo = NULL;
	size_t i, n = 0;
	char hex[65];
	int rc = 0;

	*out = NULL;
	for (i = 0; i < b->paths.len; i++) {
		const char *path = b->paths.items[i];
		if (!legacy_name(path) || rg_sha256_file(path, hex) || is_known(b, hex))
			continue;
		if (!todo && !(todo = calloc(b->paths.len, sizeof(*todo))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		todo[n++] = path;
	}
	rg_error_clear();
	if (n)
		rc = rg_convert_batch(todo, n, NULL, out);
	free(todo);
	return rc;
}

/* The batch's paths through the worker processes, its new .doc/.rtf files
** converted ahead; *taken: how many the writer took (all unless stopped). */
static int run_paths(batch *b, size_t *taken)
{
	const rg_ingest_job *job = b->job;
	rg_converted *converted = NULL;
	rg_workers w;
	int rc;

	*taken = 0;
	if (job->stop && *job->stop)
		return 0;
	if (convert_legacy(b, &converted))
		rg_error_clear();   /* no work directory: each legacy file converts on its own */
	rg_parser_use_converted(job->parser, converted);
	memset(&w, 0, sizeof(w));
	w.jobs = job->jobs;
	w.timeout = job->timeout;
	w.stop = job->stop;
	w.work = work;
	w.done = done;
	w.name = item_name;
	w.ctx = b;
	rc = rg_workers_run(&w, b->paths.len, taken);
	rg_parser_use_converted(job->parser, NULL);
	rg_converted_free(converted);
	return rc;
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
	sum->other_files = b.paths.other_files;
	if (!rc)
		rc = rg_store_known_digests(job->store, &b.known, &b.n_known);
	if (!rc)
		rc = rg_store_count_failures(job->store, &n_failures);
	b.stale_failures = n_failures > 0;
	if (!rc) {
		size_t taken = 0;

		rg_progress_start(&b.progress, job->progress, b.paths.len);
		rc = run_paths(&b, &taken);
		/* a source (the shared queue) gives more files, a batch at a time, until it is done */
		while (!rc && taken == b.paths.len && job->source && !(rc = next_paths(&b)) && b.paths.len)
			rc = run_paths(&b, &taken);
		rg_progress_end(&b.progress);
		if (!rc && taken < b.paths.len) {
			sum->interrupted = 1;
			sum->not_started = b.paths.len - taken;
		}
	}
	sum->seconds = rg_now() - start;
	free(b.known);
	rg_paths_free(&b.paths);
	return rc;
}
