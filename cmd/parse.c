/*
** parse.c - `raingan parse FILE...` (the normalized model as JSON) and
** `raingan check FILE...` (the findings, readably).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/error.h"
#include "extract/extract.h"
#include "parallel.h"
#include "read/convert.h"
#include "render.h"

typedef struct {
	rg_limits lim;
	const char *rules;
	int jsonl;
	char **files;
	int nfiles;
	int threads;
	int check;
	const rg_parser *parser;
	int errors;            /* check: files with an error finding (set by the workers) */
} parse_args;

static void usage(FILE *f, const char *cmd)
{
	if (!strcmp(cmd, "check"))
		fprintf(f, "usage: raingan check [--rules DIR] [-j N] [limits] FILE...\n"
			"Print the findings of each filing (file, severity, message); exit 1 if any\n"
			"finding is an error, 2 if a file cannot be read.\n\n%s", cli_limit_help);
	else
		fprintf(f, "usage: raingan parse [--jsonl] [--rules DIR] [-j N] [limits] FILE...\n"
			"Print the normalized model (../shared/MODEL.md) of each filing as JSON: one\n"
			"object per file, or one per line with --jsonl.  Files are parsed on N threads\n"
			"(default: the number of CPUs); the output is in the order given either way.\n\n%s",
			cli_limit_help);
}

/* 0 ok, 1 help printed, 2 usage error */
static int parse_options(int argc, char **argv, parse_args *a)
{
	int i, k;

	memset(a, 0, sizeof(*a));
	rg_limits_default(&a->lim);
	a->threads = cli_cpu_count();
	a->files = calloc((size_t)argc, sizeof(*a->files));
	if (!a->files)
		return 2;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout, argv[0]);
			return 1;
		}
		if (!strcmp(argv[i], "--jsonl")) {
			a->jsonl = 1;
			continue;
		}
		if (!strcmp(argv[i], "--rules") && i + 1 < argc) {
			a->rules = argv[++i];
			continue;
		}
		if ((k = cli_jobs_option(argc, argv, &i, &a->threads)) < 0
		    || (k == 0 && (k = cli_limit_option(argc, argv, &i, &a->lim)) < 0))
			return 2;
		if (k)
			continue;
		if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "raingan: %s: unknown option '%s'\n", argv[0], argv[i]);
			usage(stderr, argv[0]);
			return 2;
		}
		a->files[a->nfiles++] = argv[i];
	}
	if (!a->nfiles) {
		usage(stderr, argv[0]);
		return 2;
	}
	return 0;
}

static int parse_one(void *ctx, int i, rg_buf *out, rg_buf *err)
{
	parse_args *a = ctx;
	rg_model *m;
	size_t k;
	int errors = 0;

	if (rg_parse_file(a->parser, a->files[i], &m)) {
		rg_buf_printf(err, "raingan: %s: %s\n", a->files[i], rg_error_message());
		return 1;
	}
	if (a->check) {
		for (k = 0; k < m->n_findings; k++) {
			const rg_finding *f = &m->findings[k];
			rg_buf_printf(out, "%s: %s: %s [%s]\n", a->files[i], rg_severity_name(f->severity),
				f->message, f->code);
			errors |= f->severity == RG_SEV_ERROR;
		}
		if (errors)
			__atomic_add_fetch(&a->errors, 1, __ATOMIC_RELAXED);
	} else {
		rg_render_model_json(out, m, a->jsonl ? -1 : 1);
	}
	rg_model_free(m);
	if (rg_buf_oom(out)) {
		rg_buf_clear(out);
		rg_buf_printf(err, "raingan: %s: out of memory\n", a->files[i]);
		return 1;
	}
	return 0;
}

static int run(int argc, char **argv, int check)
{
	parse_args a;
	rg_parser *p = NULL;
	int rc, failed;

	if ((rc = parse_options(argc, argv, &a))) {
		free(a.files);
		return rc == 1 ? 0 : 2;
	}
	/* every .doc/.rtf given converted in one LibreOffice start (convert.h) */
	rg_converted *conv = NULL;
	if (!rg_convert_batch((const char *const *)a.files, (size_t)a.nfiles, NULL, &conv))
		a.lim.converted = conv;
	if (rg_parser_new(&p, a.rules ? a.rules : cli_default_rules_dir(), &a.lim)) {
		rg_converted_free(conv);
		fprintf(stderr, "raingan: %s\n", rg_error_message());
		free(a.files);
		return 2;
	}
	a.parser = p;
	a.check = check;
	failed = cli_run_ordered(a.nfiles, a.threads, parse_one, &a);
	rg_parser_free(p);
	rg_converted_free(conv);
	free(a.files);
	if (failed < 0 || fflush(stdout)) {
		fprintf(stderr, "raingan: cannot write to standard output\n");
		return 2;
	}
	if (check)
		return failed ? 2 : a.errors ? 1 : 0;
	return failed ? 1 : 0;
}

int cmd_parse(int argc, char **argv)
{
	return run(argc, argv, 0);
}

int cmd_check(int argc, char **argv)
{
	return run(argc, argv, 1);
}
