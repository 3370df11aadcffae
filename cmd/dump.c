/*
** dump.c - `raingan dump FILE...`: print the document model of each file.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/error.h"
#include "parallel.h"
#include "read/convert.h"
#include "render.h"

typedef struct {
	rg_limits lim;
	int json;
	char **files;
	int nfiles;
} dump_args;

static void usage(FILE *f)
{
	fprintf(f, "usage: raingan dump [--format text|json] [-j N] [limits] FILE...\n"
		"Print the document model (paragraphs and tables, merged cells resolved) of each\n"
		"DOCX or ODT file.  JSON prints one object per file.  Files are read on N threads\n"
		"(default: the number of CPUs); the output is in the order given either way.\n\n%s",
		cli_limit_help);
}

static int dump_one(void *ctx, int i, rg_buf *out, rg_buf *err)
{
	dump_args *a = ctx;
	rg_doc *doc;

	if (rg_read_file(a->files[i], &a->lim, &doc)) {
		rg_buf_printf(err, "raingan: %s: %s\n", a->files[i], rg_error_message());
		return 1;
	}
	if (a->json) {
		rg_render_doc_json(out, doc, 1);
	} else {
		if (a->nfiles > 1)
			rg_buf_printf(out, "==> %s <==\n", a->files[i]);
		rg_render_doc_text(out, doc);
	}
	rg_doc_free(doc);
	if (rg_buf_oom(out)) {
		rg_buf_clear(out);
		rg_buf_printf(err, "raingan: %s: out of memory\n", a->files[i]);
		return 1;
	}
	return 0;
}

int cmd_dump(int argc, char **argv)
{
	dump_args a;
	int i, k, failed, threads = cli_cpu_count();

	memset(&a, 0, sizeof(a));
	rg_limits_default(&a.lim);
	if (!(a.files = calloc((size_t)argc, sizeof(*a.files)))) {
		fprintf(stderr, "raingan: out of memory\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			free(a.files);
			return 0;
		}
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			const char *f = argv[++i];
			if (!strcmp(f, "json") || !strcmp(f, "text")) {
				a.json = !strcmp(f, "json");
				continue;
			}
			fprintf(stderr, "raingan: dump: unknown format '%s' (text or json)\n", f);
			free(a.files);
			return 2;
		}
		if ((k = cli_jobs_option(argc, argv, &i, &threads)) < 0 || (k == 0 && (k = cli_limit_option(argc, argv, &i, &a.lim)) < 0)) {
			free(a.files);
			return 2;
		}
		if (k)
			continue;
		if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "raingan: dump: unknown option '%s'\n", argv[i]);
			usage(stderr);
			free(a.files);
			return 2;
		}
		a.files[a.nfiles++] = argv[i];
	}
	if (!a.nfiles) {
		usage(stderr);
		free(a.files);
		return 2;
	}
	/* every .doc/.rtf given converted in one LibreOffice start (convert.h) */
	rg_converted *conv = NULL;
	if (!rg_convert_batch((const char *const *)a.files, (size_t)a.nfiles, NULL, &conv))
		a.lim.converted = conv;
	failed = cli_run_ordered(a.nfiles, threads, dump_one, &a);
	rg_converted_free(conv);
	free(a.files);
	if (failed < 0 || fflush(stdout)) {
		fprintf(stderr, "raingan: cannot write to standard output\n");
		return 2;
	}
	return failed ? 1 : 0;
}
