/*
** check.c - `raingan check FILE...`: the findings of each filing, readably.
*/
#include <string.h>

#include "cli.h"
#include "core/error.h"
#include "extract/extract.h"

static const cli_command check = {
	"check",
	"raingan check [--rules DIR] [-j N] [limits] FILE...\n",
	"Print the findings of each filing: FILE: severity: message [code].  Files are\n"
	"parsed by N worker processes (a crash or a hang costs that file only).\n",
	CLI_RULES | CLI_JOBS | CLI_LIMITS | CLI_TIMEOUT,
	"1: a filing has an error finding, or a file could not be read (said on stderr).\n",
};

typedef struct {
	const rg_parser *parser;
} job;

static int check_one(void *ctx, const char *file, rg_buf *out, rg_buf *err)
{
	job *j = ctx;
	rg_model *m;
	size_t k;
	int errors = 0;

	if (rg_parse_file(j->parser, file, &m)) {
		rg_buf_printf(err, "raingan: %s: %s\n", file, rg_error_message());
		return CLI_FILE_FAILED;
	}
	for (k = 0; k < m->n_findings; k++) {
		const rg_finding *f = &m->findings[k];
		rg_buf_printf(out, "%s: %s: %s [%s]\n", file, rg_severity_name(f->severity), f->message, f->code);
		errors |= f->severity == RG_SEV_ERROR;
	}
	rg_model_free(m);
	return errors ? CLI_FILE_FLAGGED : CLI_FILE_OK;
}

int cmd_check(int argc, char **argv)
{
	rg_parser *p;
	cli_opts o;
	job j = { NULL };
	int status, failed, flagged = 0;

	if (!cli_files_begin(&check, argc, argv, &o, &p, &status))
		return status;
	j.parser = p;
	failed = cli_each_file(&o, check_one, &j, &flagged);
	if (cli_files_end(&o, p, failed))
		return CLI_EXIT_FAILED;
	return failed || flagged ? CLI_EXIT_PARTIAL : CLI_EXIT_OK;
}
