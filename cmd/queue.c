/*
** queue.c - `raingan queue add|status|clear`: the store's queue of a shared
** batch, which `raingan work` empties (ingest/queue.h, store/queue.h).
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "ingest/queue.h"

static const cli_command queue = {
	"queue",
	"raingan queue add [--db STORE] PATH...|-\n"
	"       raingan queue status [--db STORE] [--json]\n"
	"       raingan queue clear [--db STORE]\n",
	"The work queue of a shared batch, kept in the store.\n"
	"  add     queue files and folders (walked as ingest walks them; `-` reads more paths from standard input), as absolute paths:\n"
	"          the workers must see the shared folder at the same path.  A file\n"
	"          already waiting is left; one done or failed is queued again.\n"
	"  status  how many files are queued, claimed (and by how many workers),\n"
	"          claimed past their lease (to be taken again), done and failed.\n"
	"  clear   remove the files that are done or failed.\n"
	"Then run `raingan work --db STORE` on any number of machines.\n",
	CLI_DB | CLI_JSON,
	"1: (add) a folder could not be read, or a path does not exist (not queued).\n",
};

static int add(const cli_opts *o, rg_store *s)
{
	size_t files = 0, queued = 0, unreadable = 0;
	int i, k = 0, read_stdin = 0;
	const char **inputs = calloc((size_t)o->n_args, sizeof(*inputs));
	rg_buf b = RG_BUF_INIT;

	if (!inputs) {
		cli_say("out of memory");
		return CLI_EXIT_FAILED;
	}
	for (i = 1; i < o->n_args; i++) {
		if (!strcmp(o->args[i], "-"))
			read_stdin = 1;
		else
			inputs[k++] = o->args[i];
	}
	if (rg_queue_add_paths(s, inputs, (size_t)k, read_stdin ? stdin : NULL, stderr, &files, &queued, &unreadable)) {
		cli_error();
		free(inputs);
		return CLI_EXIT_FAILED;
	}
	free(inputs);
	if (o->json) {
		rg_buf_printf(&b, "{\"db\":");
		rg_json_quote(&b, rg_store_name(s), strlen(rg_store_name(s)));
		rg_buf_printf(&b, ",\"files\":%zu,\"queued\":%zu,\"unreadable_folders\":%zu}\n", files, queued, unreadable);
		if (rg_buf_oom(&b) || cli_write_stdout(b.ptr, b.len)) {
			rg_buf_free(&b);
			return CLI_EXIT_FAILED;
		}
		rg_buf_free(&b);
	} else {
		cli_say("%zu file%s: %zu queued, %zu waiting already", files, cli_plural(files), queued, files - queued);
	}
	return unreadable ? CLI_EXIT_PARTIAL : CLI_EXIT_OK;
}

static int status(const cli_opts *o, rg_store *s)
{
	rg_queue_counts c;
	long long total;

	if (rg_store_queue_counts(s, &c)) {
		cli_error();
		return CLI_EXIT_FAILED;
	}
	total = c.queued + c.claimed + c.expired + c.done + c.failed;
	if (o->json)
		printf("{\"queued\":%lld,\"claimed\":%lld,\"expired\":%lld,\"done\":%lld,\"failed\":%lld,"
			"\"workers\":%lld,\"total\":%lld}\n", c.queued, c.claimed, c.expired, c.done, c.failed, c.workers, total);
	else
		printf("%lld files: %lld queued, %lld claimed (%lld worker%s), %lld past their lease, %lld done, %lld failed\n",
			total, c.queued, c.claimed, c.workers, c.workers == 1 ? "" : "s", c.expired, c.done, c.failed);
	if (fflush(stdout)) {
		cli_say("cannot write to standard output: %s", strerror(errno));
		return CLI_EXIT_FAILED;
	}
	return CLI_EXIT_OK;
}

static int clear(rg_store *s)
{
	long long removed = 0;

	if (rg_store_queue_clear(s, &removed)) {
		cli_error();
		return CLI_EXIT_FAILED;
	}
	cli_say("removed %lld finished files from the queue", removed);
	return CLI_EXIT_OK;
}

int cmd_queue(int argc, char **argv)
{
	const char *what;
	rg_store *s;
	cli_opts o;
	int r = cli_parse(&queue, argc, argv, &o), status_code;

	what = !r && o.n_args ? o.args[0] : "";
	if (!r && strcmp(what, "add") && strcmp(what, "status") && strcmp(what, "clear")) {
		cli_say("queue: %s%s%s (add, status or clear; see --help)",
			*what ? "unknown action '" : "no action given", what, *what ? "'" : "");
		r = -1;
	}
	if (!r && !strcmp(what, "add") && o.n_args < 2) {
		cli_say("queue add: no PATH given (see --help)");
		r = -1;
	}
	if (!r && strcmp(what, "add") && o.n_args > 1) {
		cli_say("queue %s: unknown argument '%s'", what, o.args[1]);
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? CLI_EXIT_OK : CLI_EXIT_FAILED;
	}
	/* status only reads; add and clear write (and create or migrate the store) */
	if (!(s = cli_open_store(&o, strcmp(what, "status") ? 0 : RG_STORE_READONLY))) {
		cli_opts_free(&o);
		return CLI_EXIT_FAILED;
	}
	status_code = !strcmp(what, "add") ? add(&o, s) : !strcmp(what, "status") ? status(&o, s) : clear(s);
	rg_store_close(s);
	cli_opts_free(&o);
	return status_code;
}
