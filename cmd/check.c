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
	"Print the findings of each filing: FILE: severity: message [code].\n",
	CLI_RULES | CLI_JOBS | CLI_LIMITS,
	"Exit status: 0 no error finding, 1 an error finding, 2 a file could not be read\n"
	"(or bad arguments).\n",
};

typedef struct {
	const rg_parser *parser;
	int errors;              /* files with an error finding (set by the workers) */
} job;

static int check_one(void *ctx, const char *file, rg_buf *out, rg_buf *err)
{
	job *j = ctx;
	rg_model *m;
	size_t k;
	int errors = 0;

	if (rg_parse_file(j->parser, file, &m)) {
		rg_buf_printf(err, "raingan: %s: %s\n", file, rg_error_message());
		return 1;
	}
	for (k = 0; k < m->n_findings; k++) {
		const rg_finding *f = &m->findings[k];
		rg_buf_printf(out, "%s: %s: %s [%s]\n", file, rg_severity_name(f->severity), f->message, f->code);
		errors |= f->severity == RG_SEV_ERROR;
	}
	if (errors)
		__atomic_add_fetch(&j->errors, 1, __ATOMIC_RELAXED);
	rg_model_free(m);
	return 0;
}

int cmd_check(int argc, char **argv)
{
	rg_parser *p;
	cli_opts o;
	job j = { NULL, 0 };
	int status, failed;

	if (!cli_files_begin(&check, argc, argv, &o, &p, &status))
		return status;
	j.parser = p;
	failed = cli_each_file(&o, check_one, &j);
	if (cli_files_end(&o, p, failed))
		return 2;
	return failed ? 2 : j.errors ? 1 : 0;
}
