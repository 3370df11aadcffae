/*
** cli.c - what several commands do the same way: messages, signals, files
** in worker processes, the report, a store's filings, and an ingest with its
** summary (see cli.h).
*/
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "core/output.h"
#include "read/convert.h"
#include "ingest/ingest.h"
#include "ingest/progress.h"
#include "ingest/queue.h"
#include "ingest/workers.h"

const char cli_exit_table[] =
	"Exit status (the same for every command):\n"
	"  0        done\n"
	"  1        done, but some inputs failed or nothing matched\n"
	"  2        the job itself failed (bad arguments, the store, the output)\n"
	"  130/143  interrupted (SIGINT / SIGTERM)\n";

/* ---- messages ------------------------------------------------------------------------------ */

static int status_shown;   /* cli_status() drew a line on the terminal */

void cli_say(const char *fmt, ...)
{
	va_list ap;

	if (status_shown) {
		fputs("\r\033[K", stderr);
		status_shown = 0;
	}
	fputs("raingan: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_file_error(const char *file)
{
	cli_say("%s: %s", file, rg_error_message());
}

void cli_error(void)
{
	cli_say("%s", rg_error_message()[0] ? rg_error_message() : "failed");
}

int cli_write_stdout(const char *data, size_t len)
{
	if (len && fwrite(data, 1, len, stdout) != len) {
		cli_say("cannot write to standard output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

const char *cli_plural(size_t n)
{
	return n == 1 ? "" : "s";
}

int cli_end_stdout(int status)
{
	int failed = fflush(stdout) != 0 || ferror(stdout), err = errno;

	if (!failed || status >= CLI_EXIT_FAILED)
		return status;   /* a job that failed has said why */
	cli_say("cannot write to standard output: %s", err ? strerror(err) : "a write error");
	return CLI_EXIT_FAILED;
}

void cli_status(const char *fmt, ...)
{
	va_list ap;

	if (!isatty(STDERR_FILENO))
		return;
	fputs("\r\033[K", stderr);
	status_shown = 0;
	if (fmt) {
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		status_shown = 1;
	}
	fflush(stderr);
}

/* ---- signals ------------------------------------------------------------------------------- */

volatile sig_atomic_t cli_stop;
static volatile sig_atomic_t graceful;
static int stderr_tty;

/* Only async-signal-safe calls: a flag, or unlink + write + _exit. */
static void on_signal(int sig)
{
	static const char clear[] = "\r\033[K", said[] = "raingan: interrupted\n";

	if (graceful && !cli_stop) {
		cli_stop = sig;
		return;
	}
	rg_output_remove_temps();
	if (stderr_tty && write(STDERR_FILENO, clear, sizeof(clear) - 1) < 0)
		_exit(CLI_EXIT_SIGNAL(sig));
	if (write(STDERR_FILENO, said, sizeof(said) - 1) < 0)
		_exit(CLI_EXIT_SIGNAL(sig));
	_exit(CLI_EXIT_SIGNAL(sig));
}

void cli_signals_init(void)
{
	struct sigaction sa;

	stderr_tty = isatty(STDERR_FILENO);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;   /* the store's reads and writes go on; poll() still wakes up */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

void cli_signals_graceful(int on)
{
	graceful = on;
}

/* ---- files in order, in worker processes ---------------------------------------------------- */

typedef struct {
	const cli_opts *o;
	int (*one)(void *ctx, const char *file, rg_buf *out, rg_buf *err);
	void *ctx;
	int failed, flagged, write_failed;
} each_file;

/* In a worker: the reply is one byte of CLI_FILE_*, the length of err (8 bytes), err, out. */
static void print_work(void *ctx, size_t i, rg_buf *reply)
{
	each_file *e = ctx;
	const char *file = e->o->args[i];
	rg_buf out = RG_BUF_INIT, err = RG_BUF_INIT;
	uint64_t n;
	int st = e->one(e->ctx, file, &out, &err);

	if (rg_buf_oom(&out) || rg_buf_oom(&err)) {
		rg_buf_free(&out);
		rg_buf_free(&err);
		rg_buf_printf(&err, "raingan: %s: out of memory\n", file);
		st = CLI_FILE_FAILED;
	}
	rg_buf_putc(reply, (char)st);
	n = err.len;
	rg_buf_put(reply, (const char *)&n, sizeof(n));
	rg_buf_put(reply, err.ptr ? err.ptr : "", err.len);
	rg_buf_put(reply, out.ptr ? out.ptr : "", out.len);
	rg_buf_free(&out);
	rg_buf_free(&err);
}

static int print_done(void *ctx, size_t i, const char *data, size_t len, int fault_code, const char *fault)
{
	each_file *e = ctx;
	uint64_t n;

	if (fault_code || len < 1 + sizeof(n)) {
		cli_say("%s: %s", e->o->args[i], fault ? fault : "the worker's reply is cut short");
		e->failed++;
		return 0;
	}
	memcpy(&n, data + 1, sizeof(n));
	if (n > len - 1 - sizeof(n))
		n = len - 1 - sizeof(n);
	e->failed += data[0] == CLI_FILE_FAILED;
	e->flagged += data[0] == CLI_FILE_FLAGGED;
	if (n)
		fwrite(data + 1 + sizeof(n), 1, (size_t)n, stderr);
	if (cli_write_stdout(data + 1 + sizeof(n) + n, len - 1 - sizeof(n) - (size_t)n)) {
		e->write_failed = 1;
		return -1;
	}
	return 0;
}

static const char *operand(void *ctx, size_t i)
{
	each_file *e = ctx;

	return e->o->args[i];
}

int cli_each_file(const cli_opts *o, int (*one)(void *ctx, const char *file, rg_buf *out, rg_buf *err),
	void *ctx, int *flagged)
{
	each_file e = { o, one, ctx, 0, 0, 0 };
	rg_workers w;
	size_t taken;
	int rc;

	memset(&w, 0, sizeof(w));
	w.jobs = o->jobs;
	w.timeout = o->max_seconds;
	w.window = 64;   /* replies that may wait for their turn to be printed */
	w.work = print_work;
	w.done = print_done;
	w.name = operand;
	w.ctx = &e;
	rc = rg_workers_run(&w, (size_t)o->n_args, &taken);
	if (rc && !e.write_failed)
		cli_error();
	if (flagged)
		*flagged = e.flagged;
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
	/* every .doc/.rtf given is converted in one LibreOffice start (read/convert.h);
	** a file that cannot be converted keeps its error for when it is read */
	if (!r && !rg_convert_batch((const char *const *)o->args, (size_t)o->n_args, NULL, &o->converted))
		o->lim.converted = o->converted;
	if (!r && parser && rg_parser_new(parser, o->rules, &o->lim)) {
		cli_say("cannot load the rules: %s", rg_error_message());
		r = -1;
	}
	if (!r)
		return 1;
	cli_opts_free(o);
	*status = r > 0 ? CLI_EXIT_OK : CLI_EXIT_FAILED;
	return 0;
}

int cli_files_end(cli_opts *o, rg_parser *parser, int failed)
{
	rg_parser_free(parser);
	cli_opts_free(o);
	if (failed < 0)
		return -1;
	if (fflush(stdout)) {
		cli_say("cannot write to standard output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- the report ------------------------------------------------------------------------------ */

int cli_write_report(cli_opts *o, rg_model *const *models, size_t n)
{
	double t0 = rg_now();
	rg_output *out = NULL;
	const char *path;
	struct stat st;
	int rc;

	if (!n) {
		if (strcmp(o->output, "-") && !access(o->output, F_OK))
			cli_say("nothing to report: no filing matches the selection (%s is left as it was)", o->output);
		else
			cli_say("nothing to report: no filing matches the selection (no report written)");
		return CLI_EXIT_PARTIAL;
	}
	o->report.selection = &o->select;
	cli_status("writing the report of %zu filing%s ...", n, cli_plural(n));
	if (rg_output_begin(&out, o->output) || !(path = rg_output_path(out))) {
		rg_output_abort(out);
		cli_error();
		return CLI_EXIT_FAILED;
	}
	/* the renderer writes a temporary file; it is renamed over the target when whole */
	if ((rc = rg_report_write_pdf((const rg_model *const *)models, n, &o->report, path))) {
		rg_output_abort(out);
		/* the renderer names the temporary file nowhere: the message names the target */
		if (rc == RG_EIO && !strncmp(rg_error_message(), "cannot write the PDF", 20))
			cli_say("%s: %s", o->output, rg_error_message());
		else
			cli_error();
		return CLI_EXIT_FAILED;
	}
	if (rg_output_commit(out)) {
		cli_error();
		return CLI_EXIT_FAILED;
	}
	cli_status(NULL);
	if (strcmp(o->output, "-") && !stat(o->output, &st))
		cli_say("wrote %s: %zu filing%s, %.1f KiB (%.2f s)", o->output, n, cli_plural(n), (double)st.st_size / 1024,
			rg_now() - t0);
	else
		cli_say("wrote the report of %zu filing%s (%.2f s)", n, cli_plural(n), rg_now() - t0);
	return CLI_EXIT_OK;
}

/* ---- the store ------------------------------------------------------------------------------- */

rg_store *cli_open_store(const cli_opts *o, int flags)
{
	rg_store *s = NULL;

	if (rg_store_open(&s, o->db, flags)) {
		cli_error();
		return NULL;
	}
	/* a writer derives findings across filings: project names matched with the spelling variants */
	if (!(flags & RG_STORE_READONLY) && rg_store_set_rules(s, o->rules)) {
		cli_error();
		rg_store_close(s);
		return NULL;
	}
	if (rg_store_created(s))   /* a mistyped file or database name says so at once */
		cli_say("%s: a new store", rg_store_name(s));
	return s;
}

int cli_load_models(const cli_opts *o, rg_store *s, rg_model ***models, size_t *n)
{
	int rc;

	cli_status("reading the filings of %s ...", rg_store_name(s));
	/* one snapshot: an ingest writing at the same time is no problem */
	rc = rg_store_load_models(s, &o->select, models, n);
	cli_status(NULL);
	if (rc)
		cli_error();
	return rc ? -1 : 0;
}

int cli_load_store(const cli_opts *o, int flags, rg_model ***models, size_t *n)
{
	rg_store *s;
	int rc;

	*models = NULL;
	*n = 0;
	if (!(s = cli_open_store(o, flags)))
		return -1;
	rc = cli_load_models(o, s, models, n);
	rg_store_close(s);
	return rc;
}

/* ---- ingest ------------------------------------------------------------------------------ */

/* ".docx, .odt": what a folder walk takes. */
static void readable_extensions(rg_buf *b)
{
	const char *const *ext;

	for (ext = rg_read_extensions(); *ext; ext++)
		rg_buf_printf(b, "%s%s", ext == rg_read_extensions() ? "" : ", ", *ext);
}

static void print_summary(const cli_opts *o, const rg_store *s, const rg_ingest_summary *sum)
{
	double rate = sum->seconds > 0 ? (double)(sum->files - sum->not_started) / sum->seconds : 0;
	rg_buf b = RG_BUF_INIT;
	rg_json j;

	if (sum->other_files) {
		readable_extensions(&b);
		cli_say("%zu other file%s in the folders %s not read (the reader takes %s)", sum->other_files,
			cli_plural(sum->other_files), sum->other_files == 1 ? "was" : "were", rg_buf_cstr(&b));
		rg_buf_clear(&b);
	}
	if (!o->json) {
		cli_say("%zu file%s: %zu ingested, %zu skipped, %zu failed, %zu finding%s (%.2f s, %.1f files/s)",
			sum->files, cli_plural(sum->files), sum->stored, sum->skipped, sum->failed, sum->findings,
			cli_plural(sum->findings), sum->seconds, rate);
		rg_buf_free(&b);
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
	rg_json_key(&j, "other_files");
	rg_json_int(&j, (long long)sum->other_files);
	rg_json_key(&j, "interrupted");
	rg_json_bool(&j, sum->interrupted);
	rg_json_key(&j, "not_started");
	rg_json_int(&j, (long long)sum->not_started);
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

int cli_ingest(const cli_opts *o, rg_store **keep)
{
	const char **inputs = calloc((size_t)o->n_args + 1, sizeof(*inputs));
	rg_ingest_summary sum;
	rg_ingest_job job;
	rg_parser *parser = NULL;
	rg_queue_worker *worker = NULL;
	rg_store *store = NULL;
	rg_buf exts = RG_BUF_INIT;
	int i, rc, status, read_stdin = 0;

	if (keep)
		*keep = NULL;
	if (!inputs) {
		cli_say("out of memory");
		return CLI_EXIT_FAILED;
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
		return CLI_EXIT_FAILED;
	}
	if (rg_parser_new(&parser, o->rules, &o->lim)) {
		cli_say("cannot load the rules: %s", rg_error_message());
		rg_store_close(store);
		free(inputs);
		return CLI_EXIT_FAILED;
	}
	if (o->work && rg_queue_worker_new(&worker, store, o->lease, (size_t)o->jobs * 16)) {
		cli_say("%s", rg_error_message());
		rg_parser_free(parser);
		rg_store_close(store);
		free(inputs);
		return CLI_EXIT_FAILED;
	}
	job.source = worker ? rg_queue_worker_source(worker) : NULL;
	job.inputs = inputs;
	job.more_paths = read_stdin ? stdin : NULL;
	job.jobs = o->jobs;
	job.timeout = o->max_seconds;
	job.stop = &cli_stop;
	job.parser = parser;
	job.store = store;
	job.messages = stderr;
	job.progress = isatty(STDERR_FILENO) ? stderr : NULL;
	/* Ctrl-C and SIGTERM stop between two files: what is stored stays, a rerun does the rest */
	cli_signals_graceful(1);
	rc = rg_ingest_run(&job, &sum);
	/* a worker's unfinished claims go back to the queue now, not after their lease */
	if (worker && rg_queue_worker_release(worker) && !rc)
		cli_say("%s (its files go back to the queue when their lease runs out)", rg_error_message());
	cli_signals_graceful(0);
	if (rc) {
		cli_say("ingest stopped: %s", rg_error_message());
		status = CLI_EXIT_FAILED;
	} else if (sum.interrupted) {
		if (o->json)
			print_summary(o, store, &sum);
		cli_say("interrupted: %zu stored, %zu not started (%zu skipped, %zu failed; run it again for the rest)",
			sum.stored, sum.not_started, sum.skipped, sum.failed);
		status = CLI_EXIT_SIGNAL(cli_stop ? cli_stop : SIGINT);
	} else {
		print_summary(o, store, &sum);
		status = sum.failed || sum.unreadable_folders ? CLI_EXIT_PARTIAL : CLI_EXIT_OK;
		if (!sum.files && o->work && !o->n_args) {
			/* a worker that comes when the others have emptied the queue has done its part */
			cli_say("no file waiting in the queue (see raingan queue status)");
		} else if (!sum.files) {
			readable_extensions(&exts);
			cli_say("no file to read in what was given (folders are searched for %s)", rg_buf_cstr(&exts));
			status = CLI_EXIT_PARTIAL;
		}
	}
	rg_buf_free(&exts);
	rg_queue_worker_free(worker);
	rg_parser_free(parser);
	if (keep && status <= CLI_EXIT_PARTIAL)
		*keep = store;
	else
		rg_store_close(store);
	free(inputs);
	return status;
}
