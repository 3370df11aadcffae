/*
** cli.c - what several commands print the same way: errors, the report,
** a store's filings, and an ingest with its summary (see cli.h).
*/
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "ingest/ingest.h"
#include "ingest/pool.h"
#include "ingest/queue.h"

void cli_file_error(const char *file)
{
	fprintf(stderr, "raingan: %s: %s\n", file, rg_error_message());
}

void cli_error(void)
{
	fprintf(stderr, "raingan: %s\n", rg_error_message()[0] ? rg_error_message() : "failed");
}

int cli_write_stdout(const char *data, size_t len)
{
	if (len && fwrite(data, 1, len, stdout) != len) {
		fprintf(stderr, "raingan: cannot write to standard output: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- files in order -------------------------------------------------------------------- */

typedef struct {
	rg_buf out, err;
	int failed;
} printed;

typedef struct {
	const cli_opts *o;
	int (*one)(void *ctx, const char *file, rg_buf *out, rg_buf *err);
	void *ctx;
	int failed;
} each_file;

static void print_work(void *ctx, size_t i, void *slot)
{
	each_file *e = ctx;
	printed *p = slot;

	rg_buf_clear(&p->out);
	rg_buf_clear(&p->err);
	p->failed = e->one(e->ctx, e->o->args[i], &p->out, &p->err) != 0;
	if (rg_buf_oom(&p->out) || rg_buf_oom(&p->err)) {
		rg_buf_free(&p->out);
		rg_buf_free(&p->err);
		rg_buf_printf(&p->err, "raingan: %s: out of memory\n", e->o->args[i]);
		p->failed = 1;
	}
}

static int print_done(void *ctx, size_t i, void *slot)
{
	each_file *e = ctx;
	printed *p = slot;

	(void)i;
	e->failed += p->failed;
	if (p->err.len)
		fwrite(p->err.ptr, 1, p->err.len, stderr);
	return cli_write_stdout(p->out.ptr, p->out.len) ? -1 : 0;
}

static void print_fini(void *ctx, void *slot)
{
	printed *p = slot;

	(void)ctx;
	rg_buf_free(&p->out);
	rg_buf_free(&p->err);
}

int cli_each_file(const cli_opts *o, int (*one)(void *ctx, const char *file, rg_buf *out, rg_buf *err),
	void *ctx)
{
	each_file e = { o, one, ctx, 0 };
	/* one thread: all here; more: workers, and this thread prints (64 results may wait) */
	int rc = rg_pool_run((size_t)o->n_args, o->jobs > 1 ? o->jobs : 0, 64, sizeof(printed),
		print_work, print_done, print_fini, &e);

	if (rc == RG_ENOMEM)
		fprintf(stderr, "raingan: out of memory\n");
	return rc ? -1 : e.failed;
}

int cli_files_begin(const cli_command *c, int argc, char **argv, cli_opts *o, rg_parser **parser, int *status)
{
	int r = cli_parse(c, argc, argv, o);

	if (parser)
		*parser = NULL;
	if (!r && !o->n_args) {
		cli_help(c, stderr);
		r = -1;
	}
	if (!r && parser && rg_parser_new(parser, o->rules, &o->lim)) {
		fprintf(stderr, "raingan: cannot load the rules: %s\n", rg_error_message());
		r = -1;
	}
	if (!r)
		return 1;
	cli_opts_free(o);
	*status = r > 0 ? 0 : 2;
	return 0;
}

int cli_files_end(cli_opts *o, rg_parser *parser, int failed)
{
	rg_parser_free(parser);
	cli_opts_free(o);
	if (failed < 0 || fflush(stdout)) {
		fprintf(stderr, "raingan: cannot write to standard output\n");
		return -1;
	}
	return 0;
}

int cli_make_parent_dirs(const char *path)
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

int cli_write_report(cli_opts *o, rg_model *const *models, size_t n)
{
	o->report.selection = &o->select;
	if (cli_make_parent_dirs(o->output) ||
	    rg_report_write_pdf((const rg_model *const *)models, n, &o->report, o->output)) {
		fprintf(stderr, "raingan: report: %s\n", rg_error_message());
		return -1;
	}
	return 0;
}

rg_store *cli_open_store(const cli_opts *o, int flags)
{
	rg_store *s = NULL;

	if ((!(flags & RG_STORE_READONLY) && !strcmp(rg_store_backend_of(o->db), "sqlite") &&
	     cli_make_parent_dirs(o->db)) || rg_store_open(&s, o->db, flags)) {
		cli_error();
		return NULL;
	}
	return s;
}

int cli_load_store(const cli_opts *o, int flags, rg_model ***models, size_t *n)
{
	rg_store *s;
	int rc;

	*models = NULL;
	*n = 0;
	if (!(s = cli_open_store(o, flags)))
		return -1;
	/* one snapshot: an ingest writing at the same time is no problem */
	rc = rg_store_load_models(s, &o->select, models, n);
	if (rc)
		cli_error();
	rg_store_close(s);
	return rc ? -1 : 0;
}

/* ---- ingest ------------------------------------------------------------------------------ */

static void print_summary(const cli_opts *o, const rg_store *s, const rg_ingest_summary *sum)
{
	double rate = sum->seconds > 0 ? (double)sum->files / sum->seconds : 0;
	rg_buf b = RG_BUF_INIT;
	rg_json j;

	if (!o->json) {
		fprintf(stderr, "raingan: %zu files: %zu ingested, %zu skipped, %zu failed, %zu findings"
			" (%.2f s, %.1f files/s)\n", sum->files, sum->stored, sum->skipped, sum->failed,
			sum->findings, sum->seconds, rate);
		return;
	}
	rg_json_init(&j, &b, -1);
	rg_json_object_begin(&j);
	rg_json_key(&j, "db");
	rg_json_string(&j, rg_store_name(s));
	rg_json_key(&j, "files");
	rg_json_int(&j, (long long)sum->files);
	rg_json_key(&j, "ingested");
	rg_json_int(&j, (long long)sum->stored);
	rg_json_key(&j, "skipped");
	rg_json_int(&j, (long long)sum->skipped);
	rg_json_key(&j, "failed");
	rg_json_int(&j, (long long)sum->failed);
	rg_json_key(&j, "findings");
	rg_json_int(&j, (long long)sum->findings);
	rg_json_key(&j, "parsed");
	rg_json_int(&j, (long long)sum->parsed);
	rg_json_key(&j, "seconds");
	rg_json_amount(&j, sum->seconds);
	rg_json_key(&j, "files_per_second");
	rg_json_amount(&j, rate);
	rg_json_object_end(&j);
	rg_buf_putc(&b, '\n');
	if (!rg_buf_oom(&b))
		cli_write_stdout(b.ptr, b.len);
	rg_buf_free(&b);
}

int cli_ingest(const cli_opts *o)
{
	const char **inputs = calloc((size_t)o->n_args + 1, sizeof(*inputs));
	rg_ingest_summary sum;
	rg_ingest_job job;
	rg_parser *parser = NULL;
	rg_queue_worker *worker = NULL;
	rg_store *store = NULL;
	int i, rc, read_stdin = 0;

	if (!inputs) {
		fprintf(stderr, "raingan: out of memory\n");
		return 2;
	}
	memset(&job, 0, sizeof(job));
	for (i = 0; i < o->n_args; i++) {
		if (!strcmp(o->args[i], "-"))
			read_stdin = 1;
		else
			inputs[job.n_inputs++] = o->args[i];
	}
	if (!(store = cli_open_store(o, 0))) {
		free(inputs);
		return 2;
	}
	if (rg_parser_new(&parser, o->rules, &o->lim) ||
	    (o->work && rg_queue_worker_new(&worker, store, o->lease, (size_t)o->jobs * 16))) {
		fprintf(stderr, "raingan: %s%s\n", parser ? "" : "cannot load the rules: ", rg_error_message());
		rg_parser_free(parser);
		rg_store_close(store);
		free(inputs);
		return 2;
	}
	job.source = worker ? rg_queue_worker_source(worker) : NULL;
	job.inputs = inputs;
	job.more_paths = read_stdin ? stdin : NULL;
	job.jobs = o->jobs;
	job.parser = parser;
	job.store = store;
	job.messages = stderr;
	job.progress = isatty(STDERR_FILENO) ? stderr : NULL;
	rc = rg_ingest_run(&job, &sum);
	if (rc)
		fprintf(stderr, "raingan: ingest stopped: %s\n", rg_error_message());
	else
		print_summary(o, store, &sum);
	rg_queue_worker_free(worker);
	rg_parser_free(parser);
	rg_store_close(store);
	free(inputs);
	return rc ? 2 : (sum.failed || sum.unreadable_folders) ? 1 : 0;
}
