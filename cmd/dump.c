/*
** dump.c - `raingan dump FILE...`: the document model of each file.
*/
#include <string.h>

#include "cli.h"
#include "core/error.h"
#include "render.h"

static const cli_command dump = {
	"dump",
	"raingan dump [--format text|json] [-j N] [limits] FILE...\n",
	"Print the document model (paragraphs and tables, merged cells resolved) of each\n"
	"DOCX or ODT file.  JSON prints one object per file.  Files are read by N worker\n"
	"processes (a crash or a hang costs that file only); the output is in the order\n"
	"given either way.\n",
	CLI_DUMP | CLI_JOBS | CLI_LIMITS | CLI_TIMEOUT,
	"1: some files could not be read (each said on stderr).\n",
};

static int dump_one(void *ctx, const char *file, rg_buf *out, rg_buf *err)
{
	const cli_opts *o = ctx;
	rg_doc *doc;

	if (rg_read_file(file, &o->lim, &doc)) {
		rg_buf_printf(err, "raingan: %s: %s\n", file, rg_error_message());
		return CLI_FILE_FAILED;
	}
	if (o->dump_json) {
		rg_render_doc_json(out, doc, 1);
	} else {
		if (o->n_args > 1)
			rg_buf_printf(out, "==> %s <==\n", file);
		rg_render_doc_text(out, doc);
	}
	rg_doc_free(doc);
	return CLI_FILE_OK;
}

int cmd_dump(int argc, char **argv)
{
	cli_opts o;
	int status, failed;

	if (!cli_files_begin(&dump, argc, argv, &o, NULL, &status))
		return status;
	failed = cli_each_file(&o, dump_one, &o, NULL);
	if (cli_files_end(&o, NULL, failed))
		return CLI_EXIT_FAILED;
	return failed ? CLI_EXIT_PARTIAL : CLI_EXIT_OK;
}
