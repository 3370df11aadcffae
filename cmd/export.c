/*
** export.c - `raingan export`: the store as CSV or JSONL.
*/
#include <string.h>

#include "cli.h"
#include "core/error.h"
#include "core/output.h"

static const cli_command export = {
	"export",
	"raingan export [--format csv|jsonl] [--table organizations|filings|projects|findings|register]\n"
	"                      [--bom] [--history] [--db STORE] [-o FILE]\n"
	"       raingan export --format xlsx -o FILE.xlsx [--fiscal-year Y --round R] [--db STORE]\n",
	"Write the store.  With --table: that table, one row a record (CSV with a\n"
	"header row, or one JSON object a line).  Without it: CSV writes the filings\n"
	"table; JSONL writes each current filing as one line of model JSON (as\n"
	"`raingan parse` prints it; --history adds the superseded versions).  The same\n"
	"filings give the same bytes, whatever the order they were ingested in.\n"
	"--format xlsx writes one workbook: a sheet each for the organizations, filings,\n"
	"projects, findings (with their Thai wording) and the organizations missing a\n"
	"report of the latest round (or of --fiscal-year and --round).  -o FILE is\n"
	"written whole or not at all (a temporary file renamed when complete: on a\n"
	"full disk the old FILE stays); without -o, or with -o -, standard output.\n",
	CLI_EXPORT | CLI_DB | CLI_OUTPUT | CLI_SELECT | CLI_RULES,
	NULL,
};

static int export_to(rg_store *store, const cli_opts *o, FILE *out)
{
	if (o->table || o->export_format == RG_EXPORT_CSV)
		return rg_store_export_table(store, o->table ? o->table : "filings", o->export_format, o->bom, out);
	return rg_store_export_models(store, &o->select, out);
}

int cmd_export(int argc, char **argv)
{
	rg_output *out = NULL;
	rg_store *store;
	cli_opts o;
	int r = cli_parse(&export, argc, argv, &o), rc;

	if (!r && o.n_args) {
		cli_say("unknown argument '%s' (see raingan export --help)", o.args[0]);
		r = -1;
	}
	/* the selection is for the workbook's sheet of missing reports (and the model JSON) */
	if (!r && !o.xlsx && (o.select.fiscal_year || o.select.round_months || o.select.province || o.select.org ||
	    o.select.kinds) && (o.table || o.export_format == RG_EXPORT_CSV)) {
		cli_say("--fiscal-year, --round, --province, --org and --kind select the filings"
			" of --format jsonl and the missing sheet of --format xlsx, not a table (see raingan export --help)");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? CLI_EXIT_OK : CLI_EXIT_FAILED;
	}
	if (!(store = cli_open_store(&o, RG_STORE_READONLY))) {
		cli_opts_free(&o);
		return CLI_EXIT_FAILED;
	}
	if (o.xlsx) {   /* every table in one workbook, written whole (xlsx.c) */
		rc = cli_export_xlsx(store, &o);
		rg_store_close(store);
		cli_opts_free(&o);
		return rc ? CLI_EXIT_FAILED : CLI_EXIT_OK;
	}
	if (rg_output_begin(&out, o.output ? o.output : "-")) {
		cli_error();
		rg_store_close(store);
		cli_opts_free(&o);
		return CLI_EXIT_FAILED;
	}
	rc = export_to(store, &o, rg_output_stream(out));
	if (rc) {
		/* the store's error, or the stream's (a full disk): the old file stays */
		rg_output_abort(out);
		if (o.output && strcmp(o.output, "-"))
			cli_say("%s: not written: %s", o.output, rg_error_message());
		else if (!strncmp(rg_error_message(), "cannot write the export: ", 25))   /* the one wording */
			cli_say("cannot write to standard output: %s", rg_error_message() + 25);
		else
			cli_error();
	} else if ((rc = rg_output_commit(out))) {
		cli_error();
	}
	rg_store_close(store);
	cli_opts_free(&o);
	return rc ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}
