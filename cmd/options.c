/*
** options.c - the one option parser of `raingan`: every option once, with
** its value's check and its help line; a command names the groups it takes.
** "--opt VALUE" and "--opt=VALUE" both work, "-j4" and "-j 4" too; "--"
** ends the options; "-" is an operand (standard input).  A number may be
** written in Thai digits (--fiscal-year ๒๕๖๖, -j ๔).
*/
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/error.h"
#include "core/output.h"
#include "ingest/workers.h"
#include "read/convert.h"

typedef int (*setter)(cli_opts *o, const char *v, const char *cmd);

typedef struct {
	const char *name;        /* "--fiscal-year" */
	const char *alias;       /* "-o", or NULL */
	const char *arg;         /* "YEAR"; NULL for a flag */
	unsigned group;
	const char *help;        /* may hold one %s: the default rules folder */
	setter set;
} option;

/* An option's value refused: one line, with where to look. */
static int bad(const char *cmd, const char *fmt, const char *what)
{
	char msg[256];

	snprintf(msg, sizeof(msg), fmt, what);
	cli_say("%s (see raingan %s --help)", msg, cmd);
	return -1;
}

/* ---- values ---------------------------------------------------------------------------- */

/* v with Thai digits (U+0E50..U+0E59, E0 B9 90..99 in UTF-8) made ASCII, into out. */
static const char *ascii_digits(const char *v, char *out, size_t size)
{
	size_t n = 0;

	while (*v && n + 1 < size) {
		const unsigned char *u = (const unsigned char *)v;
		if (u[0] == 0xE0 && u[1] == 0xB9 && u[2] >= 0x90 && u[2] <= 0x99) {
			out[n++] = (char)('0' + (u[2] - 0x90));
			v += 3;
		} else {
			out[n++] = *v++;
		}
	}
	out[n] = '\0';
	return *v ? "" : out;   /* too long to be a number: refused */
}

static int number(const char *v, long lo, long hi, long *out)
{
	char buf[64], *end;
	long n;

	v = ascii_digits(v, buf, sizeof(buf));
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

static int set_jobs(cli_opts *o, const char *v, const char *cmd)
{
	long n;

	if (number(v, 1, 256, &n))
		return bad(cmd, "%s needs a number of worker processes from 1 to 256", "-j");
	o->jobs = (int)n;
	return 0;
}

/* A size with an optional K/M/G suffix. */
static int size_value(const char *s, size_t *out)
{
	char buf[64], *end;
	unsigned long long v;

	s = ascii_digits(s, buf, sizeof(buf));
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end || v == 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int set_part_size(cli_opts *o, const char *v, const char *cmd)
{
	return size_value(v, &o->lim.max_part_size) ? bad(cmd, "%s needs a positive number", "--max-part-size") : 0;
}

static int set_ratio(cli_opts *o, const char *v, const char *cmd)
{
	size_t n;

	if (size_value(v, &n))
		return bad(cmd, "%s needs a positive number", "--max-ratio");
	o->lim.max_ratio = n > UINT_MAX ? UINT_MAX : (unsigned)n;
	return 0;
}

static int set_cells(cli_opts *o, const char *v, const char *cmd)
{
	return size_value(v, &o->lim.max_table_cells) ? bad(cmd, "%s needs a positive number", "--max-table-cells") : 0;
}

static int set_nesting(cli_opts *o, const char *v, const char *cmd)
{
	size_t n;

	if (size_value(v, &n))
		return bad(cmd, "%s needs a positive number", "--max-nesting");
	o->lim.max_nesting = n > INT_MAX ? INT_MAX : (int)n;
	return 0;
}

static int set_max_seconds(cli_opts *o, const char *v, const char *cmd)
{
	char buf[64], *end;
	double d;

	v = ascii_digits(v, buf, sizeof(buf));
	errno = 0;
	d = strtod(v, &end);
	if (errno || end == v || *end || !(d > 0) || d > 86400)
		return bad(cmd, "%s needs a number of seconds (more than 0, at most 86400)", "--max-seconds");
	o->max_seconds = d;
	return 0;
}

static int set_rules(cli_opts *o, const char *v, const char *cmd)
{
	(void)cmd;
	o->rules = v;
	return 0;
}

static int set_db(cli_opts *o, const char *v, const char *cmd)
{
	(void)cmd;
	o->db = v;
	o->db_given = 1;
	return 0;
}

static int set_json(cli_opts *o, const char *v, const char *cmd)
{
	(void)v;
	(void)cmd;
	o->json = 1;
	return 0;
}

static int set_output(cli_opts *o, const char *v, const char *cmd)
{
	(void)cmd;
	o->output = v;
	return 0;
}

static int set_fiscal_year(cli_opts *o, const char *v, const char *cmd)
{
	long n;

	if (number(v, 2400, 2700, &n))
		return bad(cmd, "%s wants a Buddhist Era year such as 2566", "--fiscal-year");
	o->select.fiscal_year = (int)n;
	return 0;
}

static int set_round(cli_opts *o, const char *v, const char *cmd)
{
	long n;

	if (number(v, 6, 12, &n) || (n != 6 && n != 12))
		return bad(cmd, "%s is 6 or 12", "--round");
	o->select.round_months = (int)n;
	return 0;
}

static int set_province(cli_opts *o, const char *v, const char *cmd)
{
	(void)cmd;
	o->select.province = rg_filter_province(v);   /* "จังหวัดแพร่" is แพร่ */
	return 0;
}

static int set_org(cli_opts *o, const char *v, const char *cmd)
{
	(void)cmd;
	o->select.org = v;
	return 0;
}

static int set_kind(cli_opts *o, const char *v, const char *cmd)
{
	rg_doc_kind k = rg_doc_kind_from_name(v);

	if (strcmp(rg_doc_kind_name(k), v))
		return bad(cmd, "%s is progress_report, action_plan, integrity_report or other", "--kind");
	o->select.kinds |= RG_FILTER_KIND(k);
	return 0;
}

static int set_title(cli_opts *o, const char *v, const char *cmd)
{
	(void)cmd;
	o->report.title = v;
	return 0;
}

static int set_font(cli_opts *o, const char *v, const char *cmd)
{
	(void)cmd;
	o->report.font = v;
	o->font_given = 1;
	return 0;
}

static int set_font_bold(cli_opts *o, const char *v, const char *cmd)
{
	(void)cmd;
	o->report.font_bold = v;
	o->bold_given = 1;
	return 0;
}

static int set_digits(cli_opts *o, const char *v, const char *cmd)
{
	if (strcmp(v, "thai") && strcmp(v, "arabic"))
		return bad(cmd, "%s is thai or arabic", "--digits");
	o->report.digits_thai = !strcmp(v, "thai");
	return 0;
}

static int set_dump_format(cli_opts *o, const char *v, const char *cmd)
{
	if (strcmp(v, "text") && strcmp(v, "json"))
		return bad(cmd, "unknown format '%s' (text or json)", v);
	o->dump_json = !strcmp(v, "json");
	return 0;
}

static int set_jsonl(cli_opts *o, const char *v, const char *cmd)
{
	(void)v;
	(void)cmd;
	o->jsonl = 1;
	return 0;
}

static int set_export_format(cli_opts *o, const char *v, const char *cmd)
{
	if (!strcmp(v, "xlsx")) {
		o->xlsx = 1;
		return 0;
	}
	if (strcmp(v, "csv") && strcmp(v, "jsonl"))
		return bad(cmd, "%s is csv, jsonl or xlsx", "--format");
	o->export_format = strcmp(v, "csv") ? RG_EXPORT_JSONL : RG_EXPORT_CSV;
	return 0;
}

static int set_list_format(cli_opts *o, const char *v, const char *cmd)
{
	if (strcmp(v, "text") && strcmp(v, "csv") && strcmp(v, "json"))
		return bad(cmd, "%s is text, csv or json", "--format");
	o->list_format = !strcmp(v, "csv") ? CLI_LIST_CSV : !strcmp(v, "json") ? CLI_LIST_JSON : CLI_LIST_TEXT;
	return 0;
}

static int set_list_json(cli_opts *o, const char *v, const char *cmd)
{
	(void)v;
	(void)cmd;
	o->list_format = CLI_LIST_JSON;
	return 0;
}

static int set_replace(cli_opts *o, const char *v, const char *cmd)
{
	(void)v;
	(void)cmd;
	o->replace = 1;
	return 0;
}

static int set_update(cli_opts *o, const char *v, const char *cmd)
{
	(void)v;
	(void)cmd;
	o->update = 1;
	return 0;
}

static int set_split_by(cli_opts *o, const char *v, const char *cmd)
{
	if (strcmp(v, "province"))
		return bad(cmd, "%s takes province", "--split-by");
	o->split_by = v;
	return 0;
}

static int set_table(cli_opts *o, const char *v, const char *cmd)
{
	if (strcmp(v, "organizations") && strcmp(v, "filings") && strcmp(v, "projects") && strcmp(v, "findings") &&
	    strcmp(v, "register"))
		return bad(cmd, "unknown table '%s' (organizations, filings, projects, findings or register)", v);
	o->table = v;
	return 0;
}

static int set_bom(cli_opts *o, const char *v, const char *cmd)
{
	(void)v;
	(void)cmd;
	o->bom = 1;
	return 0;
}

static int set_history(cli_opts *o, const char *v, const char *cmd)
{
	(void)v;
	(void)cmd;
	o->select.history = 1;
	return 0;
}

static int set_lease(cli_opts *o, const char *v, const char *cmd)
{
	long n;

	if (number(v, 1, 86400, &n))
		return bad(cmd, "%s needs a number of seconds from 1 to 86400", "--lease");
	o->lease = n;
	return 0;
}

/* ---- the table ----------------------------------------------------------------------------- */

static const option options[] = {
	{ "--format", NULL, "text|json", CLI_DUMP, "text (default) or JSON, one object per file", set_dump_format },
	{ "--jsonl", NULL, NULL, CLI_JSONL, "one JSON object a line", set_jsonl },
	{ "--db", NULL, "STORE", CLI_DB,
	  "the store: an SQLite file, or a PostgreSQL connection string\n"
	  "(postgresql://... or \"host=... dbname=...\"; its password from\n"
	  "PGPASSWORD or ~/.pgpass, never here; default " RG_STORE_DEFAULT_DB ")", set_db },
	{ "--format", NULL, "csv|jsonl|xlsx", CLI_EXPORT,
	  "CSV (default), JSON lines, or an Excel workbook of every table (needs -o)", set_export_format },
	{ "--format", NULL, "text|csv|json", CLI_LIST, "text (default), CSV or JSON", set_list_format },
	{ "--json", NULL, NULL, CLI_LIST, "the same as --format json", set_list_json },
	{ "--bom", NULL, NULL, CLI_LIST, "start the CSV with a UTF-8 byte-order mark (for Excel)", set_bom },
	{ "--replace", NULL, NULL, CLI_REGISTER, "drop the registered organizations the file does not list", set_replace },
	{ "--update", NULL, NULL, CLI_UPDATE,
	  "link the organizations to the register and derive every finding across\nfilings again", set_update },
	{ "--split-by", NULL, "province", CLI_SPLIT,
	  "-o is a folder: one PDF per province and the national summary", set_split_by },
	{ "--table", NULL, "TABLE", CLI_EXPORT, "organizations, filings, projects, findings or register", set_table },
	{ "--bom", NULL, NULL, CLI_EXPORT, "start the CSV with a UTF-8 byte-order mark (for Excel)", set_bom },
	{ "--history", NULL, NULL, CLI_EXPORT, "the model export: also the superseded versions", set_history },
	{ "--output", "-o", "FILE", CLI_OUTPUT, "the file to write", set_output },
	{ "--fiscal-year", NULL, "YEAR", CLI_SELECT,
	  "only this fiscal year (BE, e.g. 2566; and plans covering it)", set_fiscal_year },
	{ "--round", NULL, "6|12", CLI_SELECT, "only progress reports of this round", set_round },
	{ "--province", NULL, "NAME", CLI_SELECT, "only this province (with or without the word จังหวัด)", set_province },
	{ "--org", NULL, "NAME", CLI_SELECT,
	  "only organizations whose name contains NAME (อบต. ... abbreviations work)", set_org },
	{ "--kind", NULL, "KIND", CLI_SELECT,
	  "only this kind: progress_report, action_plan, integrity_report, other (may repeat)", set_kind },
	{ "--title", NULL, "TEXT", CLI_LAYOUT, "the cover title", set_title },
	{ "--font", NULL, "FILE", CLI_LAYOUT, "regular TrueType font (default Laksaman.ttf)", set_font },
	{ "--font-bold", NULL, "FILE", CLI_LAYOUT,
	  "bold TrueType font (default Laksaman-Bold.ttf, or the --font file\nwhen only --font is given)",
	  set_font_bold },
	{ "--digits", NULL, "thai|arabic", CLI_LAYOUT, "digits of numbers (default thai)", set_digits },
	{ "--jobs", "-j", "N", CLI_JOBS, "worker processes (default: the number of CPUs)", set_jobs },
	{ "--max-seconds", NULL, "S", CLI_TIMEOUT,
	  "longest time to read one file (default 60); a file past it, or one\n"
	  "that crashes its worker, is recorded as failed and the rest go on", set_max_seconds },
	{ "--json", NULL, NULL, CLI_JSON, "print a machine-readable summary (one JSON object) on standard output", set_json },
	{ "--lease", NULL, "SECONDS", CLI_LEASE,
	  "how long a claim of the queue lasts unless renewed: a worker that\ndies leaves its files for another after it (default 120)", set_lease },
	{ "--rules", NULL, "DIR", CLI_RULES, "the rule files (default %s)", set_rules },
	{ "--max-part-size", NULL, "BYTES", CLI_LIMITS,
	  "largest inflated XML part (default 256 MiB; K/M/G suffixes)", set_part_size },
	{ "--max-ratio", NULL, "N", CLI_LIMITS,
	  "largest inflated/compressed ratio of a part over 1 MiB (default 500)", set_ratio },
	{ "--max-table-cells", NULL, "N", CLI_LIMITS, "largest table, rows x columns (default 1048576)", set_cells },
	{ "--max-nesting", NULL, "N", CLI_LIMITS,
	  "deepest nesting of tables and text boxes (default 32); XML elements\n"
	  "may nest 64 + 32 per level deep, at most 1024", set_nesting },
};
#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

/* ---- the default rules folder ---------------------------------------------------------------- */

static const char *program = "raingan";

void cli_set_program(const char *argv0)
{
	if (argv0)
		program = argv0;
}

const char *cli_default_rules_dir(void)
{
	static char dir[PATH_MAX + 64];
	char exe[PATH_MAX];
	const char *slash;
	ssize_t n;

	if (dir[0])
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
	} else {
		snprintf(exe, sizeof(exe), "%s", program);
	}
	slash = strrchr(exe, '/');
	snprintf(dir, sizeof(dir), "%.*s/..", slash ? (int)(slash - exe) : 1, slash ? exe : ".");
	/* named as --help and errors show it: the prefix without "bin/.." */
	if (realpath(dir, exe))
		snprintf(dir, sizeof(dir), "%s/share/raingan/rules", exe);
	else
		snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/share/raingan/rules");
	return dir;
}

/* ---- help ---------------------------------------------------------------------------------- */

void cli_help(const cli_command *c, FILE *f)
{
	char left[48], text[512];
	const char *line, *nl;
	size_t k;

	fprintf(f, "usage: %s\n%s", c->usage, c->about);
	if (c->groups)
		fputs("\noptions:\n", f);
	for (k = 0; k < N_OPTIONS; k++) {
		const option *op = &options[k];
		if (!(op->group & c->groups))
			continue;
		snprintf(left, sizeof(left), "%s%s%s%s%s", op->alias ? op->alias : "", op->alias ? ", " : "",
			op->name, op->arg ? " " : "", op->arg ? op->arg : "");
		snprintf(text, sizeof(text), op->help, cli_default_rules_dir());
		for (line = text; line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			fprintf(f, "  %-24s%.*s\n", line == text ? left : "", nl ? (int)(nl - line) : (int)strlen(line), line);
		}
	}
	fputs("  -h, --help              this help\n", f);
	if (c->footer)
		fprintf(f, "\n%s", c->footer);
	fprintf(f, "\n%s", cli_exit_table);
}

/* ---- parsing ------------------------------------------------------------------------------- */

/* The option of the command that arg names; *value set when it is attached ("=V", "-j4"). */
static const option *find(const cli_command *c, const char *arg, const char **value)
{
	size_t k, n;

	*value = NULL;
	for (k = 0; k < N_OPTIONS; k++) {
		const option *op = &options[k];
		if (!(op->group & c->groups))
			continue;
		n = strlen(op->name);
		if (!strncmp(arg, op->name, n) && (arg[n] == '\0' || (arg[n] == '=' && op->arg))) {
			*value = arg[n] ? arg + n + 1 : NULL;
			return op;
		}
		if (op->alias && !strcmp(arg, op->alias))
			return op;
		if (op->alias && op->arg && !strncmp(arg, op->alias, strlen(op->alias))) {
			*value = arg + strlen(op->alias);
			return op;
		}
	}
	return NULL;
}

static void defaults(cli_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->jobs = rg_cpu_count();
	o->max_seconds = CLI_DEFAULT_MAX_SECONDS;
	rg_limits_default(&o->lim);
	o->rules = cli_default_rules_dir();
	o->db = RG_STORE_DEFAULT_DB;
	rg_filing_filter_init(&o->select);
	rg_report_options_default(&o->report);
	o->export_format = RG_EXPORT_CSV;
}

int cli_parse(const cli_command *c, int argc, char **argv, cli_opts *o)
{
	const option *op;
	const char *value;
	int i, only_operands = 0;

	defaults(o);
	if (!(o->args = calloc((size_t)argc + 1, sizeof(*o->args)))) {
		cli_say("out of memory");
		return -1;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_operands || a[0] != '-' || !a[1]) {
			if (!a[0]) {   /* "" (an unset shell variable): no file, no folder */
				cli_say("an empty argument where a file or folder was expected (an unset variable?)");
				return -1;
			}
			o->args[o->n_args++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_operands = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			cli_help(c, stdout);
			return 1;
		}
		if (!(op = find(c, a, &value))) {
			cli_say("unknown option '%s' (see raingan %s --help)", a, c->name);
			return -1;
		}
		if (op->arg && !value) {
			if (i + 1 >= argc) {
				cli_say("%s needs a value (%s; see raingan %s --help)", op->name, op->arg, c->name);
				return -1;
			}
			value = argv[++i];
		}
		/* "--db $STORE" with STORE unset: an empty value would mean "everything" to a
		** filter and a throwaway store to SQLite */
		if (op->arg && !*value) {
			cli_say("%s needs a value, and it is empty (an unset variable?)", op->name);
			return -1;
		}
		if (op->set(o, value, c->name))
			return -1;
	}
	/* one face given: the headers use it too rather than mix two families */
	if (o->font_given && !o->bold_given)
		o->report.font_bold = o->report.font;
	/* the report's data files (findings' wording, words kept whole) live with the rules */
	o->report.rules_dir = o->rules;
	/* before any work: a missing folder fails now, not after an hour of ingest */
	if (o->output && o->split_by) {
		struct stat st;
		const char *why = NULL;
		if (stat(o->output, &st))
			why = strerror(errno);
		else if (!S_ISDIR(st.st_mode))
			why = "not a folder";
		else if (access(o->output, W_OK | X_OK))
			why = strerror(errno);
		if (why) {
			cli_say("%s: --split-by writes into a folder that exists and can be written: %s", o->output, why);
			return -1;
		}
	} else if (o->output && rg_output_check(o->output)) {
		cli_error();
		return -1;
	}
	return 0;
}

void cli_opts_free(cli_opts *o)
{
	rg_converted_free(o->converted);
	o->converted = NULL;
	o->lim.converted = NULL;
	free(o->args);
	o->args = NULL;
	o->n_args = 0;
}
