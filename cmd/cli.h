/*
** cli.h - what the commands of `raingan` share: the one option parser
** (options.c), its options, and a few ways to print (cli.c).
**
** cmd/ parses arguments and prints; the work is in the libraries (read,
** extract, ingest, store, render).  One file per command.
*/
#ifndef RG_CLI_H
#define RG_CLI_H

#include <signal.h>
#include <stdio.h>

#include "core/buf.h"
#include "extract/extract.h"
#include "model/filter.h"
#include "read/reader.h"
#include "report.h"
#include "store.h"

/* Each command: argv[0] is the command's name; returns the exit status. */
int cmd_dump(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_failures(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_orgs(int argc, char **argv);
int cmd_missing(int argc, char **argv);
int cmd_follow(int argc, char **argv);
int cmd_queue(int argc, char **argv);
int cmd_work(int argc, char **argv);

/* ---- options ---------------------------------------------------------------------- */

/* The groups of options a command takes (options.c lists the options of each). */
enum {
	CLI_JOBS = 1 << 0,       /* -j N */
	CLI_LIMITS = 1 << 1,     /* --max-part-size ... (the reader's limits) */
	CLI_RULES = 1 << 2,      /* --rules DIR */
	CLI_DB = 1 << 3,         /* --db STORE */
	CLI_JSON = 1 << 4,       /* --json */
	CLI_OUTPUT = 1 << 5,     /* -o FILE */
	CLI_SELECT = 1 << 6,     /* --fiscal-year --round --province --org --kind: the filing filter */
	CLI_LAYOUT = 1 << 7,     /* --title --font --font-bold --digits: the PDF */
	CLI_DUMP = 1 << 8,       /* dump's --format text|json */
	CLI_JSONL = 1 << 9,      /* parse's --jsonl */
	CLI_EXPORT = 1 << 10,    /* export's --format csv|jsonl|xlsx --table --bom --history */
	CLI_TIMEOUT = 1 << 11,   /* --max-seconds: the time limit of one file in a worker */
	CLI_LIST = 1 << 12,      /* --format text|csv|json --bom: a list (missing, orgs unmatched) */
	CLI_REGISTER = 1 << 13,  /* orgs import's --replace */
	CLI_UPDATE = 1 << 14,    /* follow's --update */
	CLI_SPLIT = 1 << 15,     /* report's --split-by province */
	CLI_LEASE = 1 << 16      /* work's --lease SECONDS */
};

/* --format of a list (CLI_LIST) */
enum { CLI_LIST_TEXT = 0, CLI_LIST_CSV, CLI_LIST_JSON };

/* ---- exit statuses: one table for every command (README, every --help) -------------------- */

enum {
	CLI_EXIT_OK = 0,         /* done */
	CLI_EXIT_PARTIAL = 1,    /* done, but some inputs failed or nothing matched */
	CLI_EXIT_FAILED = 2      /* the job itself failed: bad arguments, the store, the output */
};
#define CLI_EXIT_SIGNAL(sig) (128 + (sig))   /* interrupted: 130 SIGINT, 143 SIGTERM */

/* The table as --help prints it. */
extern const char cli_exit_table[];

typedef struct {
	const char *name;        /* "ingest" */
	const char *usage;       /* the first line(s) of --help, after "usage: " */
	const char *about;       /* what it does (ends with a newline) */
	unsigned groups;         /* CLI_* */
	const char *footer;      /* after the options, before the exit statuses (what 1 means here), or NULL */
} cli_command;

typedef struct {
	int jobs;                /* worker processes; default: the number of CPUs */
	double max_seconds;      /* the time limit of one file (CLI_DEFAULT_MAX_SECONDS) */
	rg_limits lim;
	const char *rules;       /* default: cli_default_rules_dir() */
	const char *db;          /* default: RG_STORE_DEFAULT_DB */
	int db_given;            /* --db was given (report reads a store only then) */
	int json, jsonl, dump_json;
	const char *output;
	rg_filing_filter select;
	rg_report_options report;   /* the layout; report.selection is set by who writes it */
	int font_given, bold_given;
	rg_export_format export_format;
	const char *table;
	int bom;
	int xlsx;                /* export --format xlsx */
	int list_format;         /* CLI_LIST_* */
	int replace, update;     /* orgs import --replace, follow --update */
	const char *split_by;    /* report --split-by province */
	long long lease;         /* work: seconds a claim of the queue lasts (0: the default) */
	int work;                /* cli_ingest takes its files from the store's queue (work) */
	char **args;             /* the operands, in order ("-" among them) */
	int n_args;
	struct rg_converted *converted;  /* .doc/.rtf operands converted ahead (cli_files_begin) */
} cli_opts;

#define CLI_DEFAULT_MAX_SECONDS 60.0

/* Parse argv (argv[0] the command's name) for command c into o; -o is checked
** here, before any work (its folder exists and can be written).  Numbers may
** be written in Thai digits (๒๕๖๖).  Returns 0, 1 after printing --help (exit
** 0), or -1 after printing an error (exit 2).  Free with cli_opts_free. */
int cli_parse(const cli_command *c, int argc, char **argv, cli_opts *o);
void cli_opts_free(cli_opts *o);

/* Print c's --help (usage, about, its options with their defaults, footer). */
void cli_help(const cli_command *c, FILE *f);

/* The rules folder when --rules is not given: <program dir>/../share/raingan/rules,
** where `cmake --install` puts them and the build tree mirrors them. */
const char *cli_default_rules_dir(void);

/* Remember argv[0] (the program's folder is found from /proc/self/exe, else from it). */
void cli_set_program(const char *argv0);

/* ---- signals ------------------------------------------------------------------------------ */

/* Install the SIGINT / SIGTERM handlers (main, once).  By default a signal ends
** the command at once: the temporary output files are removed (core/output.h),
** the progress line cleared, and the status is 130 / 143. */
void cli_signals_init(void);

/* While on, a signal only sets cli_stop, for a job that stops between two
** files (ingest); a second signal ends the command at once. */
void cli_signals_graceful(int on);

/* The signal that asked the job to stop; 0: none. */
extern volatile sig_atomic_t cli_stop;

/* ---- printing ---------------------------------------------------------------------- */

/* Every line raingan writes on stderr starts with "raingan: ": "raingan: FILE:
** what is wrong", "raingan: STORE: ...", "raingan: -o needs ...". */
void cli_say(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* "raingan: FILE: message" on stderr, from the current thread's error. */
void cli_file_error(const char *file);

/* "raingan: message" on stderr, from the current thread's error. */
void cli_error(void);

/* The end of every command (main): what it printed on stdout is flushed; a
** write error (a full disk, a closed pipe) is said and makes a status of 0 or
** 1 into 2 -- a lost summary is a failed job. */
int cli_end_stdout(int status);

/* "s" for a count that is not 1: "1 filing", "2 filings". */
const char *cli_plural(size_t n);

/* Write a buffer to stdout; -1 on a write error (reported). */
int cli_write_stdout(const char *data, size_t len);

/* A line on the terminal (stderr) about what is being done, replaced by the
** next and cleared by cli_status(NULL); nothing when stderr is no terminal. */
void cli_status(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* The start of a command of FILE operands (dump, parse, check): its options, at
** least one FILE (else its help on stderr), and the parser of o->rules when
** parser is not NULL.  Returns 1 to go on; 0 when the command is done, with
** its exit status in *status (0 after --help, 2 after an error, said). */
int cli_files_begin(const cli_command *c, int argc, char **argv, cli_opts *o, rg_parser **parser, int *status);

/* Its end: frees o and parser; -1 when standard output could not be written (said). */
int cli_files_end(cli_opts *o, rg_parser *parser, int failed);

/* What one(ctx, file, out, err) says of a file. */
enum { CLI_FILE_OK = 0, CLI_FILE_FAILED = 1, CLI_FILE_FLAGGED = 2 /* read, with an error finding */ };

/* Run one for every operand in o->jobs worker processes (ingest/workers.h: a
** crash or a file past --max-seconds costs that file, said as its error),
** and print each file's out (stdout) and err (stderr) in the order given.
** Returns the number of files that failed, or -1 when standard output could
** not be written or no worker could be started (said); *flagged (may be NULL)
** counts the files one flagged. */
int cli_each_file(const cli_opts *o, int (*one)(void *ctx, const char *file, rg_buf *out, rg_buf *err),
	void *ctx, int *flagged);

/* The consolidated report of models (already selected by o->select) to
** o->output, through a temporary file renamed when complete (core/output.h);
** "-" is standard output.  Says what it does on a terminal and prints one
** summary line.  CLI_EXIT_OK, CLI_EXIT_PARTIAL when there is nothing to
** report (no file written), or CLI_EXIT_FAILED after printing why. */
int cli_write_report(cli_opts *o, rg_model *const *models, size_t n);

/* Open o->db (flags as for rg_store_open); NULL after printing why.  An SQLite
** store is made in a folder that exists, never in a new one (a mistyped --db
** must not start an empty store): its folder is not created. */
rg_store *cli_open_store(const cli_opts *o, int flags);

/* Load the filings o->select takes from an open store; 0, or -1 after printing why. */
int cli_load_models(const cli_opts *o, rg_store *s, rg_model ***models, size_t *n);

/* Open o->db for reading and load the filings o->select takes; 0, or -1 after
** printing why.  flags as for rg_store_open. */
int cli_load_store(const cli_opts *o, int flags, rg_model ***models, size_t *n);

/* A list (list.c): text (the caller appends lines to b and counts n), CSV or
** JSON of the columns cols (NULL-terminated; bit i of numeric: column i is a
** JSON number).  write ends it and writes it to target ("-"/NULL: stdout). */
typedef struct {
	rg_buf b;
	int format;
	const char *const *cols;
	unsigned numeric;
	size_t n;
} cli_list;

void cli_list_begin(cli_list *l, int format, int bom, const char *const *cols, unsigned numeric);
void cli_list_row(cli_list *l, const char *const *values);
int cli_list_write(cli_list *l, const char *target);

/* The organizations missing a report of the round a report covers (split.c). */
typedef struct {
	rg_report_missing *items;
	size_t n, cap;
	int year, round;         /* 0: no round (no progress report in the store) */
} cli_missing;

void cli_missing_free(cli_missing *l);

/* cli_load_models of the open store s, and the organizations missing a report of
** the selection's round (or the store's latest) set in o->report; free miss after
** the report.  0, or -1 after saying why. */
int cli_load_report(cli_opts *o, rg_store *s, rg_model ***models, size_t *n, cli_missing *miss);

/* `raingan report --split-by province -o DIR`: one PDF a province and DIR/national.pdf. */
int cli_report_split(cli_opts *o);

/* `raingan export --format xlsx` (xlsx.c): 0, or -1 after saying why. */
int cli_export_xlsx(rg_store *s, const cli_opts *o);

/* The ingest of `ingest`, `run` and `work` (o->work: the files of the store's
** queue after the operands): the exit status (0 all stored or skipped, 1 some
** files failed or there was no file to read, 2 the job failed, 130/143
** interrupted), with its summary printed.  *store (may be NULL) keeps the
** store open for the caller when the status is 0 or 1. */
int cli_ingest(const cli_opts *o, rg_store **store);

#endif
