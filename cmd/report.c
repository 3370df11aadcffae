/*
** report.c - `raingan report FILE... -o out.pdf`: the consolidated PDF.
**
** Each FILE is model JSON (what `raingan parse` prints: one object, several,
** JSONL or an array) or a DOCX/ODT filing, told apart by content (a zip
** starts with "PK"); filings go through the extractor.  With --db the
** current filings of the store are reported (read in one snapshot, so an
** ingest writing at the same time is no problem).  The filters and the
** layout are those of rg_report_write_pdf() (render/report.h).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/error.h"
#include "extract/extract.h"
#include "model/model_load.h"
#include "read/reader.h"
#include "report.h"
#ifdef RG_HAVE_STORE
#include "store.h"
#endif

static const char help[] =
	"usage: raingan report [options] FILE... -o OUT.pdf\n"
	"       raingan report --db STORE.db [options] -o OUT.pdf\n"
	"\n"
	"Write the consolidated PDF report of filings.  Each FILE is model JSON\n"
	"(the output of `raingan parse`, \"-\" for standard input) or a DOCX/ODT filing;\n"
	"with --db, the current filings of the store (`raingan ingest`).\n"
	"\n"
	"options:\n"
	"  -o, --output FILE       the PDF to write (required)\n"
	"  --db FILE               read the filings from this store\n"
	"  --fiscal-year YEAR      only this fiscal year (BE, e.g. 2566; plans covering it)\n"
	"  --round 6|12            only progress reports of this round\n"
	"  --province NAME         only this province (without the word จังหวัด)\n"
	"  --org NAME              only organizations whose name contains NAME\n"
	"  --title TEXT            the cover title\n"
	"  --font FILE             regular TrueType font (default Laksaman.ttf)\n"
	"  --font-bold FILE        bold TrueType font (default Laksaman-Bold.ttf, or the\n"
	"                          --font file when only --font is given)\n"
	"  --digits thai|arabic    digits of numbers (default thai)\n"
	"  --rules DIR             the rule files for DOCX/ODT filings, and the report's\n"
	"                          findings.th.tsv and linebreak.th.tsv\n"
	"  -h, --help              this help\n"
	"\n"
	"Dates in the PDF come only from SOURCE_DATE_EPOCH; the same input gives the same bytes.\n";

/* The value of option argv[*i] ("--x V" or "--x=V"); NULL when it is not this option. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *bad)
{
	size_t n = strlen(name);
	const char *arg = argv[*i];

	if (strncmp(arg, name, n) || (arg[n] != '\0' && arg[n] != '='))
		return NULL;
	if (arg[n] == '=')
		return arg + n + 1;
	if (*i + 1 >= argc) {
		fprintf(stderr, "raingan report: %s needs a value\n", name);
		*bad = 1;
		return NULL;
	}
	return argv[++*i];
}

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

static int parse_year(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 2400 || v > 2700)
		return -1;
	*out = (int)v;
	return 0;
}

#ifdef RG_HAVE_STORE
static int keep(const rg_model *m, void *ctx)
{
	return rg_report_selects(ctx, m);
}
#endif

/* Add the current filings of a store that the options select; non-zero after
** printing why not. */
static int load_store(const char *db, const rg_report_options *opt, rg_model_list *list)
{
#ifdef RG_HAVE_STORE
	rg_model **models = NULL;
	rg_store *s;
	size_t n = 0, k;
	int rc;

	if (rg_store_open(&s, db, RG_STORE_READONLY)) {
		fprintf(stderr, "raingan: %s\n", rg_error_message());
		return 1;
	}
	rc = rg_store_load_selected(s, NULL, keep, (void *)opt, &models, &n);
	rg_store_close(s);
	if (rc) {
		fprintf(stderr, "raingan: %s\n", rg_error_message());
		return 1;
	}
	for (k = 0; k < n; k++) {
		if (rg_model_list_push(list, models[k])) {
			for (; k < n; k++)
				rg_model_free(models[k]);
			free(models);
			fprintf(stderr, "raingan: out of memory\n");
			return 1;
		}
	}
	free(models);   /* the list owns the models now */
	return 0;
#else
	(void)opt;
	(void)list;
	fprintf(stderr, "raingan: %s: this raingan was built without the store\n", db);
	return 1;
#endif
}

int cmd_report(int argc, char **argv)
{
	rg_report_options opt;
	rg_model_list list = RG_MODEL_LIST_INIT;
	rg_parser *parser = NULL;
	const char *out = NULL, *rules = NULL, *db = NULL, *v;
	const char **files;
	rg_limits lim;
	int i, nfiles = 0, bad = 0, status = 0, rc, font_given = 0, bold_given = 0;

	rg_report_options_default(&opt);
	rg_limits_default(&lim);
	if (!(files = calloc((size_t)argc + 1, sizeof(*files)))) {
		fprintf(stderr, "raingan report: out of memory\n");
		return 1;
	}
	for (i = 1; i < argc && !bad; i++) {
		const char *a = argv[i];
		int lr;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(help, stdout);
			free(files);
			return 0;
		}
		if (!strcmp(a, "-o")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "raingan report: -o needs a file\n");
				bad = 1;
			} else {
				out = argv[++i];
			}
		} else if ((v = opt_value(argc, argv, &i, "--output", &bad))) {
			out = v;
		} else if ((v = opt_value(argc, argv, &i, "--fiscal-year", &bad))) {
			if (parse_year(v, &opt.fiscal_year)) {
				fprintf(stderr, "raingan report: --fiscal-year wants a Buddhist Era year such as 2566\n");
				bad = 1;
			}
		} else if ((v = opt_value(argc, argv, &i, "--round", &bad))) {
			if (strcmp(v, "6") && strcmp(v, "12")) {
				fprintf(stderr, "raingan report: --round is 6 or 12\n");
				bad = 1;
			}
			opt.round_months = atoi(v);
		} else if ((v = opt_value(argc, argv, &i, "--province", &bad))) {
			/* accept "จังหวัดX" too */
			opt.province = !strncmp(v, "จังหวัด", strlen("จังหวัด")) ? v + strlen("จังหวัด") : v;
		} else if ((v = opt_value(argc, argv, &i, "--org", &bad))) {
			opt.org = v;
		} else if ((v = opt_value(argc, argv, &i, "--title", &bad))) {
			opt.title = v;
		} else if ((v = opt_value(argc, argv, &i, "--font-bold", &bad))) {
			opt.font_bold = v;
			bold_given = 1;
		} else if ((v = opt_value(argc, argv, &i, "--font", &bad))) {
			opt.font = v;
			font_given = 1;
		} else if ((v = opt_value(argc, argv, &i, "--digits", &bad))) {
			if (!strcmp(v, "thai"))
				opt.digits_thai = 1;
			else if (!strcmp(v, "arabic"))
				opt.digits_thai = 0;
			else {
				fprintf(stderr, "raingan report: --digits is thai or arabic\n");
				bad = 1;
			}
		} else if ((v = opt_value(argc, argv, &i, "--rules", &bad))) {
			rules = v;
		} else if ((v = opt_value(argc, argv, &i, "--db", &bad))) {
			db = v;
		} else if ((lr = cli_limit_option(argc, argv, &i, &lim)) != 0) {
			if (lr < 0)
				bad = 1;
		} else if (a[0] == '-' && a[1] != '\0') {
			if (!bad)
				fprintf(stderr, "raingan report: unknown option '%s'\n", a);
			bad = 1;
		} else {
			files[nfiles++] = a;
		}
	}
	/* one face given: use it for the headers too rather than mix two families */
	if (font_given && !bold_given)
		opt.font_bold = opt.font;
	/* the report's wording and line-break data live beside the parser's rules */
	opt.rules_dir = rules ? rules : cli_default_rules_dir();
	if (!bad && !out) {
		fprintf(stderr, "raingan report: -o OUT.pdf is required\n");
		bad = 1;
	}
	if (!bad && !nfiles && !db) {
		fprintf(stderr, "raingan report: no input FILE (or --db STORE)\n");
		bad = 1;
	}
	if (bad) {
		fprintf(stderr, "(raingan report --help for the options)\n");
		free(files);
		return 2;
	}

	for (i = 0; i < nfiles; i++) {
		if (is_zip(files[i])) {
			rg_model *m = NULL;
			if (!parser && rg_parser_new(&parser, rules ? rules : cli_default_rules_dir(), &lim)) {
				fprintf(stderr, "raingan report: cannot load the rules: %s\n", rg_error_message());
				status = 1;
				break;
			}
			if (rg_parse_file(parser, files[i], &m)) {
				cli_file_error(files[i]);
				status = 1;
				continue;
			}
			if (rg_model_list_push(&list, m)) {
				cli_file_error(files[i]);
				status = 1;
				break;
			}
		} else if (rg_model_load_file(&list, files[i])) {
			fprintf(stderr, "raingan: %s\n", rg_error_message());
			status = 1;
		}
	}
	if (parser)
		rg_parser_free(parser);
	if (db && !status && load_store(db, &opt, &list))
		status = 2;
	if (!status || list.n) {
		rc = rg_report_write_pdf((const rg_model *const *)list.items, list.n, &opt, out);
		if (rc) {
			fprintf(stderr, "raingan report: %s\n", rg_error_message());
			status = 1;
		}
	}
	rg_model_list_free(&list);
	free(files);
	return status;
}
