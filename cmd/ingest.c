/*
** ingest.c - `raingan ingest PATH...`: files and folders into the store
** (the pipeline is ingest/, the library).
*/
#include "cli.h"

static const cli_command ingest = {
	"ingest",
	"raingan ingest [options] PATH...\n",
	"Parse DOCX/ODT files into the store: folders are walked for *.docx and *.odt,\n"
	"a file named is always tried, `-` reads more paths from standard input, one a\n"
	"line.  A file whose SHA-256 is stored is skipped without parsing; a file that\n"
	"cannot be read is recorded (`raingan failures`) and the batch goes on.\n",
	CLI_DB | CLI_JOBS | CLI_JSON | CLI_RULES | CLI_LIMITS,
	"Exit status: 0 every file stored or skipped, 1 some files failed (listed by\n"
	"`raingan failures`), 2 the job failed (e.g. the store cannot be opened).\n",
};

int cmd_ingest(int argc, char **argv)
{
	cli_opts o;
	int r = cli_parse(&ingest, argc, argv, &o), status;

	if (!r && !o.n_args) {
		fprintf(stderr, "raingan: ingest: no PATH given (see --help)\n");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? 0 : 2;
	}
	status = cli_ingest(&o);
	cli_opts_free(&o);
	return status;
}
