/*
** dump.c - `raingan dump FILE...`: print the document model of each file.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/error.h"
#include "render.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: raingan dump [--format text|json] [limits] FILE...\n"
		"Print the document model (paragraphs and tables, merged cells resolved) of each\n"
		"DOCX or ODT file.  JSON prints one object per file.\n\n%s", cli_limit_help);
}

int cmd_dump(int argc, char **argv)
{
	rg_limits lim;
	int json = 0, failed = 0, nfiles = 0, i, k;
	char **files = calloc((size_t)argc, sizeof(*files));

	if (!files) {
		fprintf(stderr, "raingan: out of memory\n");
		return 2;
	}

	rg_limits_default(&lim);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			free(files);
			return 0;
		}
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			const char *f = argv[++i];
			if (!strcmp(f, "json"))
				json = 1;
			else if (!strcmp(f, "text"))
				json = 0;
			else {
				fprintf(stderr, "raingan: dump: unknown format '%s' (text or json)\n", f);
				free(files);
				return 2;
			}
			continue;
		}
		if ((k = cli_limit_option(argc, argv, &i, &lim)) < 0) {
			free(files);
			return 2;
		}
		if (k)
			continue;
		if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "raingan: dump: unknown option '%s'\n", argv[i]);
			usage(stderr);
			free(files);
			return 2;
		}
		files[nfiles++] = argv[i];
	}
	if (!nfiles) {
		usage(stderr);
		free(files);
		return 2;
	}
	for (i = 0; i < nfiles; i++) {
		rg_buf out = RG_BUF_INIT;
		rg_doc *doc;

		if (rg_read_file(files[i], &lim, &doc)) {
			cli_file_error(files[i]);
			failed++;
			continue;
		}
		if (json)
			rg_render_doc_json(&out, doc, 1);
		else {
			if (nfiles > 1)
				rg_buf_printf(&out, "==> %s <==\n", files[i]);
			rg_render_doc_text(&out, doc);
		}
		rg_doc_free(doc);
		if (rg_buf_oom(&out)) {
			fprintf(stderr, "raingan: %s: out of memory\n", files[i]);
			failed++;
		} else if (cli_write_stdout(out.ptr, out.len)) {
			rg_buf_free(&out);
			free(files);
			return 2;
		}
		rg_buf_free(&out);
	}
	free(files);
	if (fflush(stdout)) {
		fprintf(stderr, "raingan: cannot write to standard output\n");
		return 2;
	}
	return failed ? 1 : 0;
}
