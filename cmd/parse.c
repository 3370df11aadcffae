/*
** parse.c - `raingan parse FILE...`: the normalized model of each filing as
** JSON (docs/MODEL.md).
*/
#include <string.h>

#include "cli.h"
#include "core/error.h"
#include "extract/extract.h"
#include "model/model_json.h"

static const cli_command parse = {
	"parse",
	"raingan parse [--jsonl] [--rules DIR] [-j N] [limits] FILE...\n",
	"Print the normalized model (docs/MODEL.md) of each filing as JSON: one object\n"
	"per file, or one per line with --jsonl.  Files are parsed by N worker processes\n"
	"(a crash or a hang costs that file only); the output is in the order given\n"
	"either way.\n",
	CLI_JSONL | CLI_RULES | CLI_JOBS | CLI_LIMITS | CLI_TIMEOUT,
	"1: some files could not be parsed (each said on stderr).\n",
};

typedef struct {
	const cli_opts *o;
	const rg_parser *parser;
} job;

static int parse_one(void *ctx, const char *file, rg_buf *out, rg_buf *err)
{
	const job *j = ctx;
	rg_model *m;

	if (rg_parse_file(j->parser, file, &m)) {
		rg_buf_printf(err, "raingan: %s: %s\n", file, rg_error_message());
		return CLI_FILE_FAILED;
	}
	rg_model_write_json(out, m, j->o->jsonl ? -1 : 1);
	rg_model_free(m);
	return CLI_FILE_OK;
}

int cmd_parse(int argc, char **argv)
{
	rg_parser *p;
	cli_opts o;
	job j;
	int status, failed;

	if (!cli_files_begin(&parse, argc, argv, &o, &p, &status))
		return status;
	j.o = &o;
	j.parser = p;
	failed = cli_each_file(&o, parse_one, &j, NULL);
	if (cli_files_end(&o, p, failed))
		return CLI_EXIT_FAILED;
	return failed ? CLI_EXIT_PARTIAL : CLI_EXIT_OK;
}
