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
	"with --split-by province, -o is a folder: one PDF a province and national.pdf).\n",
	CLI_DB | CLI_JOBS | CLI_JSON | CLI_RULES | CLI_LIMITS | CLI_OUTPUT | CLI_SELECT | CLI_LAYOUT | CLI_SPLIT,
	"Exit status: 0 every file stored or skipped and the report written, 1 some\n"
	"files failed (the report covers the rest), 2 the job failed (e.g. the store\n"
	"cannot be opened or the report cannot be written).\n",
};

int cmd_run(int argc, char **argv)
{
	rg_model **models = NULL;
	size_t n = 0;
	cli_missing miss = { NULL, 0, 0, 0, 0 };
	cli_opts o;
	int r = cli_parse(&run, argc, argv, &o), status;

	if (!r && !o.n_args) {
		fprintf(stderr, "raingan: run: no PATH given (see --help)\n");
		r = -1;
	}
	if (!r && !o.output) {
		fprintf(stderr, "raingan: run: -o REPORT.pdf is required\n");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? 0 : 2;
	}
	status = cli_ingest(&o);
	if (status != 2) {
		/* files that failed are listed by `raingan failures`; the report covers the rest.
		** Read-write, though it only reads: closing the last connection tidies the WAL away. */
		o.select.no_strays = 1;
		if (o.split_by)   /* national scale: one PDF a province and the summary (split.c) */
			status = cli_report_split(&o) ? 2 : status;
		else if (cli_load_report(&o, 0, &models, &n, &miss) || cli_write_report(&o, models, n))
			status = 2;
		else
			fprintf(stderr, "raingan: wrote %s (%zu filings)\n", o.output, n);
		rg_store_free_models(models, n);
		cli_missing_free(&miss);
	}
	cli_opts_free(&o);
	return status;
}
