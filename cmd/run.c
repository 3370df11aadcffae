/*
** run.c - `raingan run PATH... -o REPORT.pdf`: the nightly job, ingest then
** the consolidated report of the store's current filings.
*/
#include "cli.h"

static const cli_command run = {
	"run",
	"raingan run [options] PATH... -o REPORT.pdf\n",
	"The nightly job: ingest PATH... into the store (as `raingan ingest`), then\n"
	"write the consolidated report of its current filings (as `raingan report --db`;\n"
	"with --split-by province, -o is a folder: one PDF a province and national.pdf).\n"
	"-o is checked first (its folder must exist); the report is written whole or\n"
	"not at all (a temporary file renamed when complete).  Ctrl-C during the\n"
	"ingest stops between two files and writes no report.\n",
	CLI_DB | CLI_JOBS | CLI_JSON | CLI_RULES | CLI_LIMITS | CLI_TIMEOUT | CLI_OUTPUT | CLI_SELECT | CLI_LAYOUT |
	CLI_SPLIT,
	"1: some files failed or none was found (the report covers the store), or no\n"
	"filing matches the selection (no report written).\n",
};

int cmd_run(int argc, char **argv)
{
	rg_model **models = NULL;
	rg_store *store = NULL;
	size_t n = 0;
	cli_missing miss = { NULL, 0, 0, 0, 0 };
	cli_opts o;
	int r = cli_parse(&run, argc, argv, &o), status, written;

	if (!r && !o.n_args) {
		cli_say("no PATH given (see raingan run --help)");
		r = -1;
	}
	if (!r && !o.output) {
		cli_say("-o REPORT.pdf is required (see raingan run --help)");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? CLI_EXIT_OK : CLI_EXIT_FAILED;
	}
	status = cli_ingest(&o, &store);
	if (store) {
		/* files that failed are listed by `raingan failures`; the report covers the rest,
		** read from the connection the ingest wrote with (checked once, tidied at close) */
		o.select.no_strays = 1;
		if (o.split_by) {   /* national scale: one PDF a province and the summary (split.c) */
			rg_store_close(store);
			store = NULL;
			if (cli_report_split(&o))
				status = CLI_EXIT_FAILED;
		} else if (cli_load_report(&o, store, &models, &n, &miss)) {
			status = CLI_EXIT_FAILED;
		} else if ((written = cli_write_report(&o, models, n)) != CLI_EXIT_OK) {
			status = written > status ? written : status;
		}
		rg_store_free_models(models, n);
		cli_missing_free(&miss);
		rg_store_close(store);
	}
	cli_opts_free(&o);
	return status;
}
