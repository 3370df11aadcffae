/*
** report.c - `raingan report FILE... -o out.pdf`: the consolidated PDF.
**
** Each FILE is model JSON (what `raingan parse` prints: one object, several,
** JSONL or an array) or a filing, told apart by content (JSON starts with
** '{' or '['; a PDF is refused as what it is); filings go through the
** extractor, which finds their format.  With --db the
** current filings of the store are reported, read in one snapshot.  The
** selection is model/filter.h: in C for files, in SQL for a store.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	"or the latest); --db and FILEs together: each filing once (by its SHA-256).\n"
	"-o is checked first (its folder must exist); OUT.pdf is\n"
	"written whole or not at all (a temporary file renamed when complete: on a full\n"
	"disk the old report stays); -o - writes the PDF to standard output.\n"
	"--split-by province (with --db): -o is a folder that exists, one PDF a\n"
	"province and national.pdf, the summary, renamed into place together at the\n"
	"end (an interrupted or failed split leaves the old set as it was).\n",
	CLI_OUTPUT | CLI_DB | CLI_SELECT | CLI_LAYOUT | CLI_RULES | CLI_LIMITS | CLI_SPLIT,
	"Dates in the PDF come only from SOURCE_DATE_EPOCH; the same input gives the same bytes.\n"
	"1: an input could not be read (the report covers the rest), or no filing\n"
	"matches the selection (no report written).\n",
};

typedef enum { INPUT_JSON, INPUT_PDF, INPUT_OTHER } input_kind;

/* What a FILE holds, from its first bytes: model JSON, a PDF (say so, not
** "invalid JSON"), or anything else, which goes to the parser (DOCX, ODT). */
static input_kind input_of(const char *path)
{
	unsigned char head[64];
	size_t n, k = 0;
	FILE *fp;

	if (!strcmp(path, "-") || !(fp = fopen(path, "rb")))
		return INPUT_JSON;   /* standard input is JSON; a file that cannot be opened says so there */
	n = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	if (n >= 5 && !memcmp(head, "%PDF-", 5))
		return INPUT_PDF;
	if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
		k = 3;   /* a byte-order mark */
	while (k < n && (head[k] == ' ' || head[k] == '\t' || head[k] == '\r' || head[k] == '\n'))
		k++;
	return k == n || head[k] == '{' || head[k] == '[' ? INPUT_JSON : INPUT_OTHER;
}

/* The models of the FILE operands; 0, or 1 when one could not be read (said). */
static int load_files(const cli_opts *o, rg_model_list *list)
{
	rg_parser *parser = NULL;
	int i, status = 0;

	for (i = 0; i < o->n_args; i++) {
		const char *file = o->args[i];
		input_kind kind = input_of(file);
		if (o->n_args > 1)
			cli_status("reading %d/%d: %s", i + 1, o->n_args, file);
		if (kind == INPUT_PDF) {
			cli_say("%s: a PDF, not a filing (DOCX/ODT) or model JSON (`raingan parse` output)", file);
			status = 1;
		} else if (kind == INPUT_OTHER) {
			rg_model *m = NULL;
			if (!parser && rg_parser_new(&parser, o->rules, &o->lim)) {
				cli_say("cannot load the rules: %s", rg_error_message());
				status = 1;
				break;
			}
			if (rg_parse_file(parser, file, &m)) {
				cli_say("%s: not a filing (DOCX/ODT) or model JSON: %s", file, rg_error_message());
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
	cli_status(NULL);
	rg_parser_free(parser);
	return status;
}

/* Each filing once: a model whose file (SHA-256) came before, from the store or
** from another FILE, is dropped, so no total counts a filing twice; the number
** dropped is said. */
static void drop_repeats(rg_model_list *list)
{
	size_t k, j, n = 0, dropped = 0;

	for (k = 0; k < list->n; k++) {
		const char *sha = list->items[k]->sha256;
		for (j = 0; sha && *sha && j < n; j++)
			if (list->items[j]->sha256 && !strcasecmp(list->items[j]->sha256, sha))
				break;
		if (sha && *sha && j < n) {
			rg_model_free(list->items[k]);
			dropped++;
		} else {
			list->items[n++] = list->items[k];
		}
	}
	list->n = n;
	if (dropped)
		cli_say("%zu of the inputs %s a filing given before (the same file, by SHA-256): each is reported once",
			dropped, dropped == 1 ? "repeats" : "repeat");
}

/* Keep the models the selection takes (files: in C; a store's were taken in SQL). */
static void select_models(const cli_opts *o, rg_model_list *list)
{
	rg_filing_filter any = o->select;
	size_t k, n = 0, strays = 0;

	any.no_strays = 0;
	for (k = 0; k < list->n; k++) {
		if (rg_filing_filter_matches(&o->select, list->items[k])) {
			list->items[n++] = list->items[k];
		} else {
			/* left out for naming no organization and being no report: said, not silent */
			strays += rg_filing_filter_matches(&any, list->items[k]);
			rg_model_free(list->items[k]);
		}
	}
	list->n = n;
	if (strays)
		cli_say("%zu of the inputs %s no report and %s no organization: left out of the report", strays,
			strays == 1 ? "is" : "are", strays == 1 ? "names" : "name");
}

int cmd_report(int argc, char **argv)
{
	rg_model_list list = RG_MODEL_LIST_INIT;
	rg_model **stored = NULL;
	size_t n_stored = 0, k;
	cli_missing miss = { NULL, 0, 0, 0, 0 };
	cli_opts o;
	int r = cli_parse(&report, argc, argv, &o), status, written;

	if (!r && !o.output) {
		cli_say("-o OUT.pdf is required (see raingan report --help)");
		r = -1;
	}
	if (!r && !o.n_args && !o.db_given) {
		cli_say("no input FILE (or --db STORE) (see raingan report --help)");
		r = -1;
	}
	if (!r && o.split_by && (o.n_args || !o.db_given)) {
		cli_say("--split-by reads a store: --db STORE, no FILE (see raingan report --help)");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? CLI_EXIT_OK : CLI_EXIT_FAILED;
	}
	/* a document that is no report and names no organization has no place here */
	o.select.no_strays = 1;
	if (o.split_by) {
		status = cli_report_split(&o) ? CLI_EXIT_FAILED : CLI_EXIT_OK;
		cli_opts_free(&o);
		return status;
	}
	status = load_files(&o, &list) ? CLI_EXIT_PARTIAL : CLI_EXIT_OK;
	select_models(&o, &list);
	if (o.db_given) {
		/* the store's filings first: a FILE that repeats one of them is dropped */
		rg_model_list files = list;
		rg_store *store = cli_open_store(&o, RG_STORE_READONLY);
		list = (rg_model_list)RG_MODEL_LIST_INIT;
		size_t kept = 0, older = 0;
		if (!store || cli_load_report(&o, store, &stored, &n_stored, &miss))
			status = CLI_EXIT_FAILED;
		/* a FILE the store holds as a version it superseded is not reported beside the
		** current one: the store decides which version of a filing counts */
		for (k = 0; k < files.n && status != CLI_EXIT_FAILED; k++) {
			const char *sha = files.items[k]->sha256;
			int found = 0, current = 0;
			size_t j;
			for (j = 0; sha && j < n_stored && !current; j++)
				current = stored[j]->sha256 && !strcasecmp(stored[j]->sha256, sha);
			if (sha && *sha && !current && strlen(sha) < 80) {
				char low[80];
				for (j = 0; sha[j]; j++)
					low[j] = (char)tolower((unsigned char)sha[j]);
				low[j] = '\0';
				if (rg_store_has_sha256(store, low, &found)) {
					cli_error();
					status = CLI_EXIT_FAILED;
				}
			}
			if (found && !current) {
				rg_model_free(files.items[k]);
				older++;
			} else {
				files.items[kept++] = files.items[k];
			}
		}
		for (; k < files.n; k++)
			files.items[kept++] = files.items[k];
		files.n = kept;
		if (older)
			cli_say("%zu of the inputs %s a version the store holds as superseded: the store's current one is reported",
				older, older == 1 ? "is" : "are");
		rg_store_close(store);
		for (k = 0; k < n_stored && status != CLI_EXIT_FAILED; k++)
			if (rg_model_list_push(&list, stored[k])) {
				stored[k] = NULL;
				cli_error();
				status = CLI_EXIT_FAILED;
			} else {
				stored[k] = NULL;   /* the list owns it */
			}
		rg_store_free_models(stored, n_stored);
		for (k = 0; k < files.n && status != CLI_EXIT_FAILED; k++)
			if (rg_model_list_push(&list, files.items[k])) {
				cli_error();
				status = CLI_EXIT_FAILED;
			} else {
				files.items[k] = NULL;
			}
		for (; k < files.n; k++)
			rg_model_free(files.items[k]);
		files.n = 0;
		rg_model_list_free(&files);
	}
	if (o.n_args)   /* a store's filings are distinct already: only FILEs can repeat one */
		drop_repeats(&list);
	/* an input that failed still leaves a report of the others */
	if (status != CLI_EXIT_FAILED && (!status || list.n)) {
		written = cli_write_report(&o, list.items, list.n);
		status = written > status ? written : status;
	}
	rg_model_list_free(&list);
	cli_missing_free(&miss);
	cli_opts_free(&o);
	return status;
}
