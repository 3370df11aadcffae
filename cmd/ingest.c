/*
** ingest.c - the store commands: `raingan ingest` (walk, hash, skip what is
** stored, parse on N threads, one writer), `failures`, `export`, and `run`
** (ingest, then the consolidated PDF from the store).
**
** The pipeline: the sorted list of paths is handed out in order to the
** workers, which stat, hash and parse a file into a slot of a ring of
** 4 x jobs slots; the main thread is the only writer and stores the slots
** in path order, each filing in its own transaction.  A worker waits when it
** is a whole ring ahead of the writer, so memory holds at most one ring of
** models whatever the batch size, and the store gets the same rows in the
** same order on every run (and after a kill -9 and a rerun).
*/
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "core/sha256.h"
#include "extract/extract.h"

#ifdef RG_HAVE_STORE
#include "store.h"
#endif

#if defined(__has_include)
#if __has_include("report.h")
#include "report.h"
#define RG_HAVE_REPORT 1
#endif
#endif

#ifndef RG_HAVE_STORE

static int no_store(const char *name)
{
	fprintf(stderr, "raingan: %s: this raingan was built without the store\n", name);
	return 2;
}

int cmd_ingest(int argc, char **argv) { (void)argc; return no_store(argv[0]); }
int cmd_failures(int argc, char **argv) { (void)argc; return no_store(argv[0]); }
int cmd_export(int argc, char **argv) { (void)argc; return no_store(argv[0]); }
int cmd_run(int argc, char **argv) { (void)argc; return no_store(argv[0]); }

#else

/* ==== paths: arguments, stdin, folder walks ============================ */

typedef struct {
	char **items;
	size_t len, cap;
	size_t walk_errors;      /* folders that could not be read */
} path_list;

static int paths_add(path_list *l, const char *path)
{
	char **items;

	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		if (!(items = realloc(l->items, l->cap * sizeof(*items))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		l->items = items;
	}
	if (!(l->items[l->len] = strdup(path)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	l->len++;
	return 0;
}

static void paths_free(path_list *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		free(l->items[i]);
	free(l->items);
}

/* A folder walk takes .docx and .odt files (any case); a named file is always tried. */
static int has_doc_ext(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && (!strcasecmp(dot, ".docx") || !strcasecmp(dot, ".odt"));
}

/* Hidden files and Word's "~$" lock files are not filings. */
static int skip_name(const char *name)
{
	return name[0] == '.' || (name[0] == '~' && name[1] == '$');
}

static int walk(path_list *l, const char *dir);

/* One entry of a folder: recurse into folders (not through symlinks), take documents. */
static int walk_entry(path_list *l, const char *path, const char *name)
{
	struct stat st;

	if (lstat(path, &st))
		return 0;   /* vanished while walking */
	if (S_ISDIR(st.st_mode))
		return walk(l, path);
	if (!has_doc_ext(name))
		return 0;
	if (S_ISLNK(st.st_mode) && (stat(path, &st) || !S_ISREG(st.st_mode)))
		return 0;
	return S_ISREG(st.st_mode) ? paths_add(l, path) : 0;
}

static int walk(path_list *l, const char *dir)
{
	rg_buf path = RG_BUF_INIT;
	struct dirent *e;
	DIR *d;
	int rc = 0;

	if (!(d = opendir(dir))) {
		fprintf(stderr, "raingan: %s: cannot read the folder: %s\n", dir, strerror(errno));
		l->walk_errors++;
		return 0;
	}
	while (!rc && (e = readdir(d))) {
		if (skip_name(e->d_name))
			continue;
		rg_buf_clear(&path);
		rg_buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		rc = rg_buf_oom(&path) ? rg_error_set(RG_ENOMEM, "out of memory")
			: walk_entry(l, rg_buf_cstr(&path), e->d_name);
	}
	closedir(d);
	rg_buf_free(&path);
	return rc;
}

/* A command-line (or stdin) path: a folder is walked, anything else is tried as a file. */
static int add_input(path_list *l, const char *path)
{
	struct stat st;

	if (!stat(path, &st) && S_ISDIR(st.st_mode))
		return walk(l, path);
	return paths_add(l, path);   /* a missing file fails later, with its error recorded */
}

static int add_stdin(path_list *l)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	while (!rc && (n = getline(&line, &cap, stdin)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n > 0)
			rc = add_input(l, line);
	}
	free(line);
	return rc;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted and without repeats: the order of the store does not depend on the walk. */
static void paths_sort(path_list *l)
{
	size_t i, j = 0;

	if (!l->len)
		return;
	qsort(l->items, l->len, sizeof(*l->items), cmp_path);
	for (i = 1; i < l->len; i++) {
		if (!strcmp(l->items[i], l->items[j]))
			free(l->items[i]);
		else
			l->items[++j] = l->items[i];
	}
	l->len = j + 1;
}

/* ==== options ============================================================ */

typedef struct {
	const char *db;
	const char *rules;
	const char *output;      /* run: the PDF */
	int jobs;
	int json;
	int read_stdin;
	rg_limits lim;
	char **inputs;           /* the PATH arguments, in argv */
	int n_inputs;
	struct {                 /* run: what selects and shapes the report (as `raingan report`) */
		int fiscal_year, round_months, digits_thai;   /* digits_thai: -1 = the default */
		const char *province, *org, *title, *font, *font_bold;
	} report;
} ingest_opts;

static const char ingest_help[] =
	"usage: raingan ingest [options] PATH...\n"
	"Parse DOCX/ODT files (folders are walked for *.docx and *.odt; `-` reads\n"
	"paths from standard input, one a line) into the store.  Files already\n"
	"stored (same SHA-256) are skipped without parsing.\n\n"
	"  --db FILE               the store (default " RG_STORE_DEFAULT_DB ")\n"
	"  -j, --jobs N            parsing threads (default: the number of cores)\n"
	"  --json                  print a machine-readable summary on standard output\n"
	"  --rules DIR             the rule files (default: beside the program)\n";

static const char exit_help[] =
	"\nExit status: 0 every file stored or skipped, 1 some files failed (listed by\n"
	"`raingan failures`), 2 the job failed (e.g. the store cannot be opened%s).\n";

static const char run_help[] =
	"usage: raingan run [options] PATH... -o REPORT.pdf\n"
	"The nightly job: ingest PATH... into the store, then write the consolidated\n"
	"report of the current filings.  Options as for `raingan ingest`, plus\n"
	"  -o, --output FILE       the PDF to write\n"
	"  --fiscal-year YEAR, --round 6|12, --province NAME, --org NAME, --title TEXT,\n"
	"  --font FILE, --font-bold FILE, --digits thai|arabic\n"
	"                          select and shape the report as for `raingan report`\n";

static int default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* The value of an option "--name VALUE" or "--name=VALUE". */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

static int parse_jobs(const char *v, int *jobs)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*end || n < 1 || n > 256) {
		fprintf(stderr, "raingan: -j needs a number of threads from 1 to 256\n");
		return -1;
	}
	*jobs = (int)n;
	return 0;
}

/* A number option within [lo, hi]; -1 after printing an error. */
static int parse_int_option(const char *name, const char *v, int lo, int hi, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*end || n < lo || n > hi) {
		fprintf(stderr, "raingan: run: %s needs a number from %d to %d\n", name, lo, hi);
		return -1;
	}
	*out = (int)n;
	return 0;
}

/* The report options of `run`: 1 consumed, 0 not one, -1 error (printed). */
static int run_report_option(int argc, char **argv, int *i, ingest_opts *o)
{
	const char *v;

	if ((v = option_value(argc, argv, i, "--fiscal-year")))
		return parse_int_option("--fiscal-year", v, 2400, 2700, &o->report.fiscal_year) ? -1 : 1;
	if ((v = option_value(argc, argv, i, "--round"))) {
		if (strcmp(v, "6") && strcmp(v, "12")) {
			fprintf(stderr, "raingan: run: --round is 6 or 12\n");
			return -1;
		}
		o->report.round_months = atoi(v);
		return 1;
	}
	if ((v = option_value(argc, argv, i, "--digits"))) {
		if (strcmp(v, "thai") && strcmp(v, "arabic")) {
			fprintf(stderr, "raingan: run: --digits is thai or arabic\n");
			return -1;
		}
		o->report.digits_thai = !strcmp(v, "thai");
		return 1;
	}
	if ((v = option_value(argc, argv, i, "--province")))
		o->report.province = v;
	else if ((v = option_value(argc, argv, i, "--org")))
		o->report.org = v;
	else if ((v = option_value(argc, argv, i, "--title")))
		o->report.title = v;
	else if ((v = option_value(argc, argv, i, "--font-bold")))
		o->report.font_bold = v;
	else if ((v = option_value(argc, argv, i, "--font")))
		o->report.font = v;
	else
		return 0;
	return 1;
}

/* One option of ingest/run: 1 consumed, 0 not an option, -1 error (printed). */
static int ingest_option(int argc, char **argv, int *i, ingest_opts *o, int is_run)
{
	const char *v;
	int r;

	if ((r = cli_limit_option(argc, argv, i, &o->lim)))
		return r;
	if (is_run && (r = run_report_option(argc, argv, i, o)))
		return r;
	if ((v = option_value(argc, argv, i, "--db")))
		o->db = v;
	else if ((v = option_value(argc, argv, i, "--rules")))
		o->rules = v;
	else if ((v = option_value(argc, argv, i, "-j")) || (v = option_value(argc, argv, i, "--jobs")))
		return parse_jobs(v, &o->jobs) ? -1 : 1;
	else if (!strncmp(argv[*i], "-j", 2) && argv[*i][2])
		return parse_jobs(argv[*i] + 2, &o->jobs) ? -1 : 1;
	else if (is_run && ((v = option_value(argc, argv, i, "-o")) || (v = option_value(argc, argv, i, "--output"))))
		o->output = v;
	else if (!strcmp(argv[*i], "--json"))
		o->json = 1;
	else
		return 0;
	return 1;
}

/* Returns 0, 1 after --help (exit 0), or -1 after an error (exit 2). */
static int parse_ingest_args(int argc, char **argv, ingest_opts *o, int is_run)
{
	int i, r, only_paths = 0;

	memset(o, 0, sizeof(*o));
	o->db = RG_STORE_DEFAULT_DB;
	o->jobs = default_jobs();
	o->report.digits_thai = -1;
	rg_limits_default(&o->lim);
	if (!(o->inputs = calloc((size_t)argc, sizeof(*o->inputs))))
		return -1;
	for (i = 1; i < argc; i++) {
		if (!only_paths && (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))) {
			fputs(is_run ? run_help : ingest_help, stdout);
			fputs(cli_limit_help, stdout);
			printf(exit_help, is_run ? " or the report cannot be written" : "");
			return 1;
		}
		if (!only_paths && !strcmp(argv[i], "--")) {
			only_paths = 1;
			continue;
		}
		if (!only_paths && argv[i][0] == '-' && argv[i][1]) {
			if ((r = ingest_option(argc, argv, &i, o, is_run)) < 0)
				return -1;
			if (r == 0) {
				fprintf(stderr, "raingan: %s: unknown option '%s' (see --help)\n", argv[0], argv[i]);
				return -1;
			}
			continue;
		}
		if (!strcmp(argv[i], "-"))
			o->read_stdin = 1;
		else
			o->inputs[o->n_inputs++] = argv[i];
	}
	if (!o->n_inputs && !o->read_stdin) {
		fprintf(stderr, "raingan: %s: no PATH given (see --help)\n", argv[0]);
		return -1;
	}
	if (is_run && !o->output) {
		fprintf(stderr, "raingan: run: -o REPORT.pdf is required\n");
		return -1;
	}
	return 0;
}

/* ==== the pipeline ======================================================= */

enum { SLOT_EMPTY = 0, SLOT_PARSED, SLOT_SKIPPED, SLOT_FAILED };

/* One file's way from a worker to the writer. */
typedef struct {
	int state;               /* SLOT_*; set under the pipeline lock */
	rg_model *model;
	char sha256[65];         /* "" when the file could not be read */
	long long size, mtime;
	double parse_ms;
	int parsed;              /* the parser was called */
	int code;
	char message[512];
} slot;

typedef struct {
	const rg_parser *parser;         /* read-only, shared by the workers */
	char **paths;
	size_t n;
	const unsigned char *known;      /* sorted 32-byte digests already stored, read-only */
	size_t n_known;
	slot *ring;
	size_t window;
	size_t next_claim, next_write;   /* under mu */
	int stop;                        /* under mu */
	pthread_mutex_t mu;
	pthread_cond_t space, done;
} pipeline;

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_digest(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

static int hex_nibble(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Whether the digest (lowercase hex) is in the sorted list read from the store. */
static int is_known(const pipeline *pl, const char *hex)
{
	unsigned char d[32];
	int i, hi, lo;

	for (i = 0; i < 32; i++) {
		hi = hex_nibble(hex[2 * i]);
		lo = hi < 0 ? -1 : hex_nibble(hex[2 * i + 1]);
		if (lo < 0)
			return 0;
		d[i] = (unsigned char)(hi << 4 | lo);
	}
	return pl->n_known && bsearch(d, pl->known, pl->n_known, 32, cmp_digest) != NULL;
}

static void slot_fail(slot *sl, int code, const char *message)
{
	sl->state = SLOT_FAILED;
	sl->code = code ? code : RG_ERROR;
	snprintf(sl->message, sizeof(sl->message), "%s", message);
}

/* The parse itself: the model, or the error of this thread. */
static void parse_into(const pipeline *pl, const char *path, slot *sl)
{
	double t0 = now_seconds();
	rg_model *m = NULL;
	int rc;

	rg_error_clear();
	sl->parsed = 1;
	rc = rg_parse_file(pl->parser, path, &m);
	sl->parse_ms = (now_seconds() - t0) * 1000.0;
	if (rc || !m) {
		rg_model_free(m);
		slot_fail(sl, rc, rg_error_message()[0] ? rg_error_message() : "cannot parse the file");
		return;
	}
	if (m->sha256 && strcmp(m->sha256, sl->sha256)) {
		rg_model_free(m);
		slot_fail(sl, RG_EIO, "the file changed while it was read");
		return;
	}
	if (!m->sha256 && rg_model_set_str(&m->sha256, sl->sha256)) {
		rg_model_free(m);
		slot_fail(sl, RG_ENOMEM, "out of memory");
		return;
	}
	sl->model = m;
	sl->state = SLOT_PARSED;
}

/* A worker's whole job on one file (no lock held: the slot is its own). */
static void process(const pipeline *pl, const char *path, slot *sl)
{
	struct stat st;

	memset(sl, 0, sizeof(*sl));
	if (stat(path, &st)) {
		rg_error_set(RG_EIO, "cannot open: %s", strerror(errno));
		slot_fail(sl, RG_EIO, rg_error_message());
		return;
	}
	sl->size = (long long)st.st_size;
	sl->mtime = (long long)st.st_mtime;
	if (!S_ISREG(st.st_mode)) {
		slot_fail(sl, RG_EIO, "not a regular file");
		return;
	}
	if (rg_sha256_file(path, sl->sha256)) {
		sl->sha256[0] = '\0';
		slot_fail(sl, rg_error_code(), rg_error_message());
		return;
	}
	if (is_known(pl, sl->sha256)) {
		sl->state = SLOT_SKIPPED;
		return;
	}
	parse_into(pl, path, sl);
}

/* Claim the next index, waiting while the ring is full; n when there is nothing left. */
static size_t claim(pipeline *pl)
{
	size_t i;

	pthread_mutex_lock(&pl->mu);
	while (!pl->stop && pl->next_claim < pl->n && pl->next_claim >= pl->next_write + pl->window)
		pthread_cond_wait(&pl->space, &pl->mu);
	i = pl->stop ? pl->n : pl->next_claim;
	if (i < pl->n)
		pl->next_claim++;
	pthread_mutex_unlock(&pl->mu);
	return i;
}

static void *worker(void *arg)
{
	pipeline *pl = arg;
	slot result;
	size_t i;

	while ((i = claim(pl)) < pl->n) {
		process(pl, pl->paths[i], &result);
		pthread_mutex_lock(&pl->mu);
		pl->ring[i % pl->window] = result;
		pthread_cond_broadcast(&pl->done);
		pthread_mutex_unlock(&pl->mu);
	}
	return NULL;
}

/* ==== the writer ========================================================== */

typedef struct {
	size_t total, done, ingested, skipped, failed, findings;
	size_t parsed;           /* files that went through the parser (the rest were skipped by hash) */
	double start, last_draw;
	int tty;
	int stale_failures;      /* the store lists failures: a skipped file may clear its own */
} progress;

static void format_eta(char *out, size_t size, double seconds)
{
	long s = (long)(seconds + 0.5);

	if (s >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(out, size, "%ld:%02ld", s / 60, s % 60);
}

/* done/total, a bar, files/s and ETA, redrawn in place at most 10 times a second. */
static void progress_draw(progress *p, int force)
{
	double t = now_seconds(), elapsed = t - p->start, rate;
	char bar[31], eta[32];
	size_t fill, k;

	if (!p->tty || (!force && t - p->last_draw < 0.1))
		return;
	p->last_draw = t;
	rate = elapsed > 0 ? (double)p->done / elapsed : 0;
	fill = p->total ? p->done * 30 / p->total : 30;
	for (k = 0; k < 30; k++)
		bar[k] = k < fill ? '#' : '.';
	bar[30] = '\0';
	format_eta(eta, sizeof(eta), rate > 0 ? (double)(p->total - p->done) / rate : 0);
	fprintf(stderr, "\r\033[K%zu/%zu [%s] %.0f files/s ETA %s", p->done, p->total, bar, rate, eta);
	fflush(stderr);
}

static void progress_clear(progress *p)
{
	if (p->tty)
		fputs("\r\033[K", stderr);
}

/* A file's error on stderr, above the bar. */
static void report_failure(progress *p, const char *path, const char *message)
{
	progress_clear(p);
	fprintf(stderr, "raingan: %s: %s\n", path, message);
	progress_draw(p, 1);
}

/* Store one slot; a store error is the job's failure (returns it). */
static int write_slot(rg_store *store, const char *path, slot *sl, progress *p)
{
	rg_store_source src = { path, sl->size, sl->mtime, sl->parse_ms };
	int inserted = 0, rc = 0;

	p->parsed += (size_t)sl->parsed;
	switch (sl->state) {
	case SLOT_PARSED:
		rc = rg_store_put_filing(store, sl->model, &src, &inserted);
		if (!rc && inserted) {
			p->ingested++;
			p->findings += sl->model->n_findings;
		} else if (!rc) {
			p->skipped++;   /* the same bytes under another name earlier in this batch */
		}
		break;
	case SLOT_SKIPPED:
		p->skipped++;
		/* a path that failed before and now holds stored bytes is no longer a failure */
		if (p->stale_failures)
			rc = rg_store_clear_failure(store, path);
		break;
	default:
		p->failed++;
		report_failure(p, path, sl->message);
		rc = rg_store_put_failure(store, &src, sl->sha256[0] ? sl->sha256 : NULL, sl->code, sl->message);
		break;
	}
	rg_model_free(sl->model);
	sl->model = NULL;
	p->done++;
	progress_draw(p, 0);
	return rc;
}

/* Wait for slot i, store it, free its place in the ring. */
static int write_next(pipeline *pl, rg_store *store, size_t i, progress *p)
{
	slot *sl = &pl->ring[i % pl->window];
	int rc;

	pthread_mutex_lock(&pl->mu);
	while (sl->state == SLOT_EMPTY)
		pthread_cond_wait(&pl->done, &pl->mu);
	pthread_mutex_unlock(&pl->mu);
	rc = write_slot(store, pl->paths[i], sl, p);
	pthread_mutex_lock(&pl->mu);
	sl->state = SLOT_EMPTY;
	pl->next_write++;
	pthread_cond_broadcast(&pl->space);
	pthread_mutex_unlock(&pl->mu);
	return rc;
}

/* Stop the workers after a store error and free what they left in the ring. */
static void pipeline_stop(pipeline *pl)
{
	pthread_mutex_lock(&pl->mu);
	pl->stop = 1;
	pthread_cond_broadcast(&pl->space);
	pthread_mutex_unlock(&pl->mu);
}

static void pipeline_drain(pipeline *pl)
{
	size_t k;

	for (k = 0; k < pl->window; k++) {
		rg_model_free(pl->ring[k].model);
		pl->ring[k].model = NULL;
	}
}

/* Parse on `jobs` threads, store on this one. */
static int run_pipeline(pipeline *pl, rg_store *store, int jobs, progress *p)
{
	pthread_t *threads;
	int started = 0, rc = 0, k;
	size_t i;

	pl->window = (size_t)jobs * 4;
	pl->ring = calloc(pl->window, sizeof(*pl->ring));
	threads = calloc((size_t)jobs, sizeof(*threads));
	if (!pl->ring || !threads) {
		free(pl->ring);
		free(threads);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->space, NULL);
	pthread_cond_init(&pl->done, NULL);
	/* (main() names the time zone before any thread starts: libzip's mktime) */
	for (k = 0; k < jobs && !rc; k++) {
		if (pthread_create(&threads[k], NULL, worker, pl))
			rc = rg_error_set(RG_ERROR, "cannot start a parsing thread");
		else
			started++;
	}
	for (i = 0; i < pl->n && !rc; i++)
		rc = write_next(pl, store, i, p);
	if (rc)
		pipeline_stop(pl);
	for (k = 0; k < started; k++)
		pthread_join(threads[k], NULL);
	pipeline_drain(pl);
	pthread_cond_destroy(&pl->done);
	pthread_cond_destroy(&pl->space);
	pthread_mutex_destroy(&pl->mu);
	free(threads);
	free(pl->ring);
	return rc;
}

/* ==== ingest ============================================================== */

static void print_summary(const ingest_opts *o, const progress *p, double seconds)
{
	double rate = seconds > 0 ? (double)p->total / seconds : 0;
	rg_buf b = RG_BUF_INIT;
	rg_json j;

	if (!o->json) {
		fprintf(stderr, "raingan: %zu files: %zu ingested, %zu skipped, %zu failed, %zu findings"
			" (%.2f s, %.1f files/s)\n", p->total, p->ingested, p->skipped, p->failed,
			p->findings, seconds, rate);
		return;
	}
	rg_json_init(&j, &b, -1);
	rg_json_object_begin(&j);
	rg_json_key(&j, "db");
	rg_json_string(&j, o->db);
	rg_json_key(&j, "files");
	rg_json_int(&j, (long long)p->total);
	rg_json_key(&j, "ingested");
	rg_json_int(&j, (long long)p->ingested);
	rg_json_key(&j, "skipped");
	rg_json_int(&j, (long long)p->skipped);
	rg_json_key(&j, "failed");
	rg_json_int(&j, (long long)p->failed);
	rg_json_key(&j, "findings");
	rg_json_int(&j, (long long)p->findings);
	rg_json_key(&j, "parsed");
	rg_json_int(&j, (long long)p->parsed);
	rg_json_key(&j, "seconds");
	rg_json_amount(&j, seconds);
	rg_json_key(&j, "files_per_second");
	rg_json_amount(&j, rate);
	rg_json_object_end(&j);
	rg_buf_putc(&b, '\n');
	if (!rg_buf_oom(&b))
		cli_write_stdout(b.ptr, b.len);
	rg_buf_free(&b);
}

static int collect_paths(const ingest_opts *o, path_list *paths)
{
	int i;

	for (i = 0; i < o->n_inputs; i++)
		if (add_input(paths, o->inputs[i]))
			return RG_ENOMEM;
	if (o->read_stdin && add_stdin(paths))
		return RG_ENOMEM;
	paths_sort(paths);
	return 0;
}

/* mkdir -p of the folder that will hold path (the nightly job writes out/raingan.db, out/report.pdf). */
static int make_parent_dirs(const char *path)
{
	char *dir = strdup(path), *p;
	int rc = 0;

	if (!dir)
		return rg_error_set(RG_ENOMEM, "out of memory");
	for (p = dir + 1; *p && !rc; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0777) && errno != EEXIST)
			rc = rg_error_set(RG_EIO, "%s: cannot create the folder: %s", dir, strerror(errno));
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Open the store and the parser; on failure the message is printed. */
static int open_job(const ingest_opts *o, rg_store **store, rg_parser **parser)
{
	*parser = NULL;
	*store = NULL;
	if (make_parent_dirs(o->db) || rg_store_open(store, o->db, 0)) {
		fprintf(stderr, "raingan: %s\n", rg_error_message());
		return -1;
	}
	if (rg_parser_new(parser, o->rules ? o->rules : cli_default_rules_dir(), &o->lim)) {
		fprintf(stderr, "raingan: cannot load the rules: %s\n", rg_error_message());
		rg_store_close(*store);
		*store = NULL;
		return -1;
	}
	return 0;
}

/* The whole ingest; returns the exit status (0, 1 some files failed, 2 the job failed). */
static int do_ingest(const ingest_opts *o)
{
	path_list paths = { NULL, 0, 0, 0 };
	pipeline pl;
	progress p;
	rg_store *store = NULL;
	rg_parser *parser = NULL;
	unsigned char *known = NULL;
	size_t n_known = 0;
	long long n_failures = 0;
	int rc;

	memset(&pl, 0, sizeof(pl));
	memset(&p, 0, sizeof(p));
	if (collect_paths(o, &paths) || open_job(o, &store, &parser)) {
		if (rg_error_code() == RG_ENOMEM)
			fprintf(stderr, "raingan: out of memory\n");
		paths_free(&paths);
		return 2;
	}
	rc = rg_store_known_digests(store, &known, &n_known);
	if (!rc)
		rc = rg_store_count_failures(store, &n_failures);
	p.stale_failures = n_failures > 0;
	p.total = paths.len;
	p.tty = cli_stderr_is_tty();
	p.start = now_seconds();
	pl.parser = parser;
	pl.paths = paths.items;
	pl.n = paths.len;
	pl.known = known;
	pl.n_known = n_known;
	if (!rc)
		rc = run_pipeline(&pl, store, o->jobs, &p);
	progress_clear(&p);
	if (rc)
		fprintf(stderr, "raingan: ingest stopped: %s\n", rg_error_message());
	else
		print_summary(o, &p, now_seconds() - p.start);
	free(known);
	rg_parser_free(parser);
	rg_store_close(store);
	paths_free(&paths);
	return rc ? 2 : (p.failed || paths.walk_errors) ? 1 : 0;
}

int cmd_ingest(int argc, char **argv)
{
	ingest_opts o;
	int r = parse_ingest_args(argc, argv, &o, 0), status;

	if (r) {
		free(o.inputs);
		return r > 0 ? 0 : 2;
	}
	status = do_ingest(&o);
	free(o.inputs);
	return status;
}

/* ==== failures ============================================================ */

static int print_failure(const rg_store_failure *f, void *ctx)
{
	rg_buf *b = ctx;
	rg_json j;

	if (b) {   /* --json: one object a line */
		rg_buf_clear(b);
		rg_json_init(&j, b, -1);
		rg_json_object_begin(&j);
		rg_json_key(&j, "path");
		rg_json_string(&j, f->path);
		rg_json_key(&j, "sha256");
		rg_json_string(&j, f->sha256);
		rg_json_key(&j, "size");
		rg_json_int(&j, f->size);
		rg_json_key(&j, "code");
		rg_json_string(&j, f->code);
		rg_json_key(&j, "message");
		rg_json_string(&j, f->message);
		rg_json_object_end(&j);
		rg_buf_putc(b, '\n');
		return rg_buf_oom(b) ? rg_error_set(RG_ENOMEM, "out of memory") : cli_write_stdout(b->ptr, b->len);
	}
	printf("%s\t%s\t%s\n", f->path, f->code ? f->code : "", f->message ? f->message : "");
	return 0;
}

static const char failures_help[] =
	"usage: raingan failures [--db FILE] [--json]\n"
	"List the files that could not be ingested: path, error kind and message\n"
	"(tab-separated, ordered by path; --json: one JSON object a line).\n";

/* Options shared by failures and export: --db; returns 1 when consumed. */
static int db_option(int argc, char **argv, int *i, const char **db)
{
	const char *v = option_value(argc, argv, i, "--db");

	if (v)
		*db = v;
	return v != NULL;
}

int cmd_failures(int argc, char **argv)
{
	const char *db = RG_STORE_DEFAULT_DB;
	rg_buf b = RG_BUF_INIT;
	rg_store *store;
	int i, json = 0, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(failures_help, stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!db_option(argc, argv, &i, &db)) {
			fprintf(stderr, "raingan: failures: unknown argument '%s'\n", argv[i]);
			return 2;
		}
	}
	if (rg_store_open(&store, db, RG_STORE_READONLY)) {
		fprintf(stderr, "raingan: %s\n", rg_error_message());
		return 2;
	}
	rc = rg_store_each_failure(store, print_failure, json ? &b : NULL);
	if (rc && rg_error_message()[0])
		fprintf(stderr, "raingan: %s\n", rg_error_message());
	rg_buf_free(&b);
	rg_store_close(store);
	if (!rc && fflush(stdout))
		rc = -1;
	return rc ? 2 : 0;
}

/* ==== export ============================================================== */

static const char export_help[] =
	"usage: raingan export [--format csv|jsonl] [--table organizations|filings|projects]\n"
	"                      [--bom] [--history] [--db FILE] [-o FILE]\n"
	"Write the store.  With --table: that table, one row a record (CSV with a\n"
	"header row, or one JSON object a line).  Without it: CSV writes the filings\n"
	"table; JSONL writes each current filing as one line of model JSON (as\n"
	"`raingan parse` prints it; --history adds the superseded versions).\n"
	"  --bom      start the CSV with a UTF-8 byte-order mark (for Excel)\n";

typedef struct {
	const char *db, *table, *output;
	rg_export_format format;
	int bom, history;
} export_opts;

/* 1 consumed, -1 error. */
static int export_option(int argc, char **argv, int *i, export_opts *o)
{
	const char *v;

	if (db_option(argc, argv, i, &o->db))
		return 1;
	if ((v = option_value(argc, argv, i, "--format"))) {
		if (!strcmp(v, "csv"))
			o->format = RG_EXPORT_CSV;
		else if (!strcmp(v, "jsonl"))
			o->format = RG_EXPORT_JSONL;
		else {
			fprintf(stderr, "raingan: export: --format is csv or jsonl\n");
			return -1;
		}
	} else if ((v = option_value(argc, argv, i, "--table"))) {
		o->table = v;
	} else if ((v = option_value(argc, argv, i, "-o")) || (v = option_value(argc, argv, i, "--output"))) {
		o->output = v;
	} else if (!strcmp(argv[*i], "--bom")) {
		o->bom = 1;
	} else if (!strcmp(argv[*i], "--history")) {
		o->history = 1;
	} else {
		fprintf(stderr, "raingan: export: unknown argument '%s' (see --help)\n", argv[*i]);
		return -1;
	}
	return 1;
}

static int export_to(rg_store *store, const export_opts *o, FILE *out)
{
	rg_store_filter f;

	if (o->table || o->format == RG_EXPORT_CSV)
		return rg_store_export_table(store, o->table ? o->table : "filings", o->format, o->bom, out);
	rg_store_filter_init(&f);
	f.include_history = o->history;
	return rg_store_export_models(store, &f, out);
}

int cmd_export(int argc, char **argv)
{
	export_opts o = { RG_STORE_DEFAULT_DB, NULL, NULL, RG_EXPORT_CSV, 0, 0 };
	rg_store *store;
	FILE *out = stdout;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(export_help, stdout);
			return 0;
		}
		if (export_option(argc, argv, &i, &o) < 0)
			return 2;
	}
	if (rg_store_open(&store, o.db, RG_STORE_READONLY)) {
		fprintf(stderr, "raingan: %s\n", rg_error_message());
		return 2;
	}
	if (o.output && !(out = fopen(o.output, "wb"))) {
		fprintf(stderr, "raingan: %s: cannot write: %s\n", o.output, strerror(errno));
		rg_store_close(store);
		return 2;
	}
	rc = export_to(store, &o, out);
	if (rc)
		fprintf(stderr, "raingan: export: %s\n", rg_error_message());
	if (out != stdout && fclose(out) && !rc) {
		fprintf(stderr, "raingan: %s: cannot write: %s\n", o.output, strerror(errno));
		rc = -1;
	}
	rg_store_close(store);
	return rc ? 2 : 0;
}

/* ==== run: ingest, then the report ========================================= */

#ifdef RG_HAVE_REPORT
/* run's report options over the defaults. */
static void report_options(const ingest_opts *o, rg_report_options *opt)
{
	rg_report_options_default(opt);
	opt->fiscal_year = o->report.fiscal_year;
	opt->round_months = o->report.round_months;
	if (o->report.digits_thai >= 0)
		opt->digits_thai = o->report.digits_thai;
	if (o->report.province)   /* "จังหวัดX" is accepted for X, as by `raingan report` */
		opt->province = !strncmp(o->report.province, "จังหวัด", strlen("จังหวัด"))
			? o->report.province + strlen("จังหวัด") : o->report.province;
	if (o->report.org)
		opt->org = o->report.org;
	if (o->report.title)
		opt->title = o->report.title;
	if (o->report.font)
		opt->font = o->report.font;
	if (o->report.font_bold)
		opt->font_bold = o->report.font_bold;
	else if (o->report.font)   /* one face given: the headers use it too */
		opt->font_bold = o->report.font;
}

static int report_keeps(const rg_model *m, void *ctx)
{
	return rg_report_selects(ctx, m);
}

/* The consolidated report of the current filings; 0 or an error (printed). */
static int write_report(const ingest_opts *o)
{
	rg_report_options opt;
	rg_model **models = NULL;
	rg_store *store;
	size_t n = 0;
	int rc;

	/* read-write, though it only reads: closing the last connection then tidies the WAL away */
	if (rg_store_open(&store, o->db, 0) || make_parent_dirs(o->output)) {
		fprintf(stderr, "raingan: %s\n", rg_error_message());
		rg_store_close(store);
		return -1;
	}
	report_options(o, &opt);
	rc = rg_store_load_selected(store, NULL, report_keeps, &opt, &models, &n);
	rg_store_close(store);
	if (!rc) {
		rc = rg_report_write_pdf((const rg_model *const *)models, n, &opt, o->output);
	}
	if (rc)
		fprintf(stderr, "raingan: report: %s\n", rg_error_message());
	else
		fprintf(stderr, "raingan: wrote %s (%zu filings)\n", o->output, n);
	rg_store_free_models(models, n);
	return rc;
}
#else
static int write_report(const ingest_opts *o)
{
	fprintf(stderr, "raingan: run: the PDF report is not available in this build;"
		" %s was not written (the store %s is up to date)\n", o->output, o->db);
	return -1;
}
#endif

int cmd_run(int argc, char **argv)
{
	ingest_opts o;
	int r = parse_ingest_args(argc, argv, &o, 1), status;

	if (r) {
		free(o.inputs);
		return r > 0 ? 0 : 2;
	}
	status = do_ingest(&o);
	free(o.inputs);
	if (status == 2)
		return 2;
	/* files that failed are listed by `raingan failures`; the report covers the rest */
	return write_report(&o) ? 2 : status;
}

#endif /* RG_HAVE_STORE */
