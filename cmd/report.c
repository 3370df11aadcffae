/*
** report.c - `raingan report FILE... -o out.pdf`: the consolidated PDF.
**
** Each FILE is model JSON (what `raingan parse` prints: one object, several,
** JSONL or an array) or a DOCX/ODT filing, told apart by content (a zip
** starts with "PK"); filings go through the extractor.  With --db the
** current filings of the store are reported, read in one snapshot.  The
** selection is model/filter.h: in C for files, in SQL for a store.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/error.h"
#include "extract/extract.h"
#include "model/model_load.h"

static const cli_command report = {
	"report",
	"raingan report [options] FILE... -o OUT.pdf\n"
	"       raingan report --db STORE [options] -o OUT.pdf\n",
	"\n"
	"Write the consolidated PDF report of filings.  Each FILE is model JSON\n"
	"(the output of `raingan parse`, \"-\" for standard input) or a DOCX/ODT filing;\n"
	"with --db, the current filings of the store (`raingan ingest`), and a page per\n"
	"province of the organizations missing a report of the round (the selection's,\n"
	"or the latest).  --split-by province (with --db): -o is a folder, one PDF a\n"
	"province and national.pdf, the summary.\n",
	CLI_OUTPUT | CLI_DB | CLI_SELECT | CLI_LAYOUT | CLI_RULES | CLI_LIMITS | CLI_SPLIT,
	"Dates in the PDF come only from SOURCE_DATE_EPOCH; the same input gives the same bytes.\n"
	"Exit status: 0 written, 1 an input could not be read or nothing to report,\n"
	"2 bad arguments or the store cannot be read.\n",
};

static int is_zip(const char *path)
{
	FILE *fp;
	char magic[2] = { 0, 0 };

	if (!strcmp(path, "-") || !(fp = fopen(path, "rb")))
		return 0;
	if (fread(magic, 1, 2, fp) != 2)
		magic[0] = 0;
	fclose(fp);
	return magic[0] == 'P' && magic[1] == 'K';
}

/* The models of the FILE operands; 0, or 1 when one could not be read (said). */
static int load_files(const cli_opts *o, rg_model_list *list)
{
	rg_parser *parser = NULL;
	int i, status = 0;

	for (i = 0; i < o->n_args; i++) {
		const char *file = o->args[i];
		if (is_zip(file)) {
			rg_model *m = NULL;
			if (!parser && rg_parser_new(&parser, o->rules, &o->lim)) {
				fprintf(stderr, "raingan: report: cannot load the rules: %s\n", rg_error_message());
				status = 1;
				break;
			}
			if (rg_parse_file(parser, file, &m)) {
				cli_file_error(file);
				status = 1;
			} else if (rg_model_list_push(list, m)) {
				cli_file_error(file);
				status = 1;
				break;
			}
		} else if (rg_model_load_file(list, file)) {
			cli_error();
			status = 1;
		}
	}
	rg_parser_free(parser);
	return status;
}

/* Keep the models the selection takes (files: in C; a store's were taken in SQL). */
static void select_models(const cli_opts *o, rg_model_list *list)
{
	size_t k, n = 0;

	for (k = 0; k < list->n; k++) {
		if (rg_filing_filter_matches(&o->select, list->items[k]))
			list->items[n++] = list->items[k];
		else
			rg_model_free(list->items[k]);
	}
	list->n = n;
}

int cmd_report(int argc, char **argv)
{
	rg_model_list list = RG_MODEL_LIST_INIT;
	rg_model **stored = NULL;
	size_t n_stored = 0, k;
	cli_missing miss = { NULL, 0, 0, 0, 0 };
	cli_opts o;
	int r = cli_parse(&report, argc, argv, &o), status;
	if (!r && !o.output) {
		fprintf(stderr, "raingan: report: -o OUT.pdf is required (see --help)\n");
		r = -1;
	}
	if (!r && !o.n_args && !o.db_given) {
		fprintf(stderr, "raingan: report: no input FILE (or --db STORE) (see --help)\n");
		r = -1;
	}
	if (!r && o.split_by && (o.n_args || !o.db_given)) {
		fprintf(stderr, "raingan: report: --split-by reads a store: --db STORE, no FILE (see --help)\n");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? 0 : 2;
	}
	/* a document that is no report and names no organization has no place here */
	o.select.no_strays = 1;
	if (o.split_by) {
		status = cli_report_split(&o) ? 2 : 0;
		cli_opts_free(&o);
		return status;
	}
	status = load_files(&o, &list);
	select_models(&o, &list);
	if (o.db_given && !status) {
		if (cli_load_report(&o, RG_STORE_READONLY, &stored, &n_stored, &miss))
			status = 2;
		for (k = 0; k < n_stored && !status; k++)
			if (rg_model_list_push(&list, stored[k])) {
				stored[k] = NULL;
				cli_error();
				status = 2;
			} else {
				stored[k] = NULL;   /* the list owns it */
			}
		rg_store_free_models(stored, n_stored);
	}
	if ((!status || list.n) && cli_write_report(&o, list.items, list.n))
		status = status ? status : 1;
	rg_model_list_free(&list);
	cli_missing_free(&miss);
	cli_opts_free(&o);
	return status;
}
