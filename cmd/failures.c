/*
** failures.c - `raingan failures`: the files the store could not ingest.
*/
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"

static const cli_command failures = {
	"failures",
	"raingan failures [--db STORE] [--json]\n",
	"List the files that could not be ingested: path, error kind and message\n"
	"(tab-separated, ordered by path; --json: one JSON object a line).\n",
	CLI_DB | CLI_JSON,
	"0 also when there is no failure to list.\n",
};

static int print_failure(const rg_store_failure *f, void *ctx)
{
	rg_buf *b = ctx;
	rg_json j;

	if (!b) {
		printf("%s\t%s\t%s\n", f->path, f->code ? f->code : "", f->message ? f->message : "");
		return 0;
	}
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

int cmd_failures(int argc, char **argv)
{
	rg_buf b = RG_BUF_INIT;
	rg_store *store;
	cli_opts o;
	int r = cli_parse(&failures, argc, argv, &o), rc;

	if (!r && o.n_args) {
		cli_say("unknown argument '%s' (see raingan failures --help)", o.args[0]);
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? CLI_EXIT_OK : CLI_EXIT_FAILED;
	}
	if (!(store = cli_open_store(&o, RG_STORE_READONLY))) {
		cli_opts_free(&o);
		return CLI_EXIT_FAILED;
	}
	rc = rg_store_each_failure(store, print_failure, o.json ? &b : NULL);
	if (rc && rg_error_message()[0])
		cli_error();
	rg_buf_free(&b);
	rg_store_close(store);
	cli_opts_free(&o);
	if (!rc && fflush(stdout)) {
		cli_say("cannot write to standard output: %s", strerror(errno));
		rc = -1;
	}
	return rc ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}
