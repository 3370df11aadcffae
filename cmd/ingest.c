/*
** ingest.c - `raingan ingest PATH...`: files and folders into the store
** (the pipeline is ingest/, the library).
*/
#include "cli.h"

static const cli_command ingest = {
	"ingest",
	"raingan ingest [options] PATH...\n",
	"Parse filings into the store: folders are walked for the formats the reader\n"
	"takes (.docx .docm .dotx .dotm .odt .ott .fodt, and .doc .rtf through\n"
	"LibreOffice; other files are counted and said), a file named is always tried, `-` reads\n"
	"more paths from standard input, one a line.  A file whose SHA-256 is stored is\n"
	"skipped without parsing; a file that cannot be read, crashes its worker or\n"
	"runs past --max-seconds is recorded (`raingan failures`) and the batch goes\n"
	"on.  Ctrl-C or SIGTERM stops between two files (\"interrupted: N stored, M not\n"
	"started\"); run it again for the rest.  The store must be in a folder that\n"
	"exists (none is made), and a damaged store is refused.\n",
	CLI_DB | CLI_JOBS | CLI_JSON | CLI_RULES | CLI_LIMITS | CLI_TIMEOUT,
	"1: some files failed (listed by `raingan failures`), or no file was found.\n",
};

int cmd_ingest(int argc, char **argv)
{
	cli_opts o;
	int r = cli_parse(&ingest, argc, argv, &o), status;

	if (!r && !o.n_args) {
		cli_say("no PATH given (see raingan ingest --help)");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? CLI_EXIT_OK : CLI_EXIT_FAILED;
	}
	status = cli_ingest(&o, NULL);
	cli_opts_free(&o);
	return status;
}
