/*
** export.c - `raingan export`: the store as CSV or JSONL.
*/
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "core/error.h"

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
	"report of the latest round (or of --fiscal-year and --round).\n",
	CLI_EXPORT | CLI_DB | CLI_OUTPUT | CLI_SELECT | CLI_RULES,
	"Exit status: 0 written, 2 the store cannot be read or the output written.\n",
};

static int export_to(rg_store *store, const cli_opts *o, FILE *out)
{
	if (o->table || o->export_format == RG_EXPORT_CSV)
		return rg_store_export_table(store, o->table ? o->table : "filings", o->export_format, o->bom, out);
	return rg_store_export_models(store, &o->select, out);
}

int cmd_export(int argc, char **argv)
{
	rg_store *store;
	FILE *out = stdout;
	cli_opts o;
	int r = cli_parse(&export, argc, argv, &o), rc;

	if (!r && o.n_args) {
		fprintf(stderr, "raingan: export: unknown argument '%s' (see --help)\n", o.args[0]);
		r = -1;
	}
	/* the selection is for the workbook's sheet of missing reports (and the model JSON) */
	if (!r && !o.xlsx && (o.select.fiscal_year || o.select.round_months || o.select.province || o.select.org ||
	    o.select.kinds) && (o.table || o.export_format == RG_EXPORT_CSV)) {
		fprintf(stderr, "raingan: export: --fiscal-year, --round, --province, --org and --kind select the filings"
			" of --format jsonl and the missing sheet of --format xlsx, not a table (see --help)\n");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? 0 : 2;
	}
	if (!(store = cli_open_store(&o, RG_STORE_READONLY))) {
		cli_opts_free(&o);
		return 2;
	}
	if (o.xlsx) {   /* every table in one workbook, written whole (xlsx.c) */
		rc = cli_export_xlsx(store, &o);
		rg_store_close(store);
		cli_opts_free(&o);
		return rc ? 2 : 0;
	}
	if (o.output && !(out = fopen(o.output, "wb"))) {
		fprintf(stderr, "raingan: %s: cannot write: %s\n", o.output, strerror(errno));
		rg_store_close(store);
		cli_opts_free(&o);
		return 2;
	}
	rc = export_to(store, &o, out);
	if (rc)
		fprintf(stderr, "raingan: export: %s\n", rg_error_message());
	if (out != stdout && fclose(out) && !rc) {
		fprintf(stderr, "raingan: %s: cannot write: %s\n", o.output, strerror(errno));
		rc = -1;
	}
	rg_store_close(store);
	cli_opts_free(&o);
	return rc ? 2 : 0;
}
