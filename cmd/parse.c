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
	"per file, or one per line with --jsonl.  Files are parsed on N threads; the\n"
	"output is in the order given either way.\n",
	CLI_JSONL | CLI_RULES | CLI_JOBS | CLI_LIMITS,
	"Exit status: 0 every file parsed, 1 some could not be, 2 bad arguments or rules.\n",
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
		return 1;
	}
	rg_model_write_json(out, m, j->o->jsonl ? -1 : 1);
	rg_model_free(m);
	return 0;
}

int cmd_parse(int argc, char **argv)
{
	rg_parser *p = NULL;
	cli_opts o;
	job j;
	int r = cli_parse(&parse, argc, argv, &o), failed;

	if (!r && !o.n_args) {
		cli_help(&parse, stderr);
		r = -1;
	}
	if (!r && rg_parser_new(&p, o.rules, &o.lim)) {
		fprintf(stderr, "raingan: cannot load the rules: %s\n", rg_error_message());
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? 0 : 2;
	}
	j.o = &o;
	j.parser = p;
	failed = cli_each_file(&o, parse_one, &j);
	rg_parser_free(p);
	cli_opts_free(&o);
	if (failed < 0 || fflush(stdout)) {
		fprintf(stderr, "raingan: cannot write to standard output\n");
		return 2;
	}
	return failed ? 1 : 0;
}
