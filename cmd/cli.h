/*
** cli.h - what the commands of `raingan` share: the one option parser
** (options.c), its options, and a few ways to print (cli.c).
**
** cmd/ parses arguments and prints; the work is in the libraries (read,
** extract, ingest, store, render).  One file per command.
*/
#ifndef RG_CLI_H
#define RG_CLI_H

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
	CLI_EXPORT = 1 << 10,    /* export's --format csv|jsonl --table --bom --history */
	CLI_LEASE = 1 << 11      /* work's --lease SECONDS */
};

typedef struct {
	const char *name;        /* "ingest" */
	const char *usage;       /* the first line(s) of --help, after "usage: " */
	const char *about;       /* what it does (ends with a newline) */
	unsigned groups;         /* CLI_* */
	const char *footer;      /* after the options (exit status ...), or NULL */
} cli_command;

typedef struct {
	int jobs;                /* default: the number of CPUs */
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
	long long lease;         /* work: seconds a claim of the queue lasts (0: the default) */
	int work;                /* cli_ingest takes its files from the store's queue (work) */
	char **args;             /* the operands, in order ("-" among them) */
	int n_args;
} cli_opts;

/* Parse argv (argv[0] the command's name) for command c into o.  Returns 0,
** 1 after printing --help (exit 0), or -1 after printing an error (exit 2).
** Free with cli_opts_free. */
int cli_parse(const cli_command *c, int argc, char **argv, cli_opts *o);
void cli_opts_free(cli_opts *o);

/* Print c's --help (usage, about, its options with their defaults, footer). */
void cli_help(const cli_command *c, FILE *f);

/* The rules folder when --rules is not given: <program dir>/../share/raingan/rules,
** where `cmake --install` puts them and the build tree mirrors them. */
const char *cli_default_rules_dir(void);

/* Remember argv[0] (the program's folder is found from /proc/self/exe, else from it). */
void cli_set_program(const char *argv0);

/* ---- printing ---------------------------------------------------------------------- */

/* "raingan: FILE: message" on stderr, from the current thread's error. */
void cli_file_error(const char *file);

/* "raingan: message" on stderr, from the current thread's error. */
void cli_error(void);

/* Write a buffer to stdout; -1 on a write error (reported). */
int cli_write_stdout(const char *data, size_t len);

/* Make the folders that will hold path (mkdir -p of its parent): the nightly
** job writes out/raingan.db and out/report.pdf. */
int cli_make_parent_dirs(const char *path);

/* The start of a command of FILE operands (dump, parse, check): its options, at
** least one FILE (else its help on stderr), and the parser of o->rules when
** parser is not NULL.  Returns 1 to go on; 0 when the command is done, with
** its exit status in *status (0 after --help, 2 after an error, said). */
int cli_files_begin(const cli_command *c, int argc, char **argv, cli_opts *o, rg_parser **parser, int *status);

/* Its end: frees o and parser; -1 when standard output could not be written (said). */
int cli_files_end(cli_opts *o, rg_parser *parser, int failed);

/* Run one(ctx, file, out, err) for every operand on o->jobs threads, and print
** each file's out (stdout) and err (stderr) in the order given.  one returns
** 0, or non-zero when the file failed.  Returns the number of files that
** failed, or -1 when standard output could not be written (said). */
int cli_each_file(const cli_opts *o, int (*one)(void *ctx, const char *file, rg_buf *out, rg_buf *err),
	void *ctx);

/* The consolidated report of models (already selected by o->select) to
** o->output; 0, or -1 after printing why. */
int cli_write_report(cli_opts *o, rg_model *const *models, size_t n);

/* Open o->db (flags as for rg_store_open; a new SQLite store gets its folders made);
** NULL after printing why. */
rg_store *cli_open_store(const cli_opts *o, int flags);

/* Open o->db for reading and load the filings o->select takes; 0, or -1 after
** printing why.  flags as for rg_store_open. */
int cli_load_store(const cli_opts *o, int flags, rg_model ***models, size_t *n);

/* The ingest of `ingest`, `run` and `work` (o->work: the files of the store's
** queue after the operands): the exit status (0 all stored or skipped,
** 1 some files failed, 2 the job failed), with its summary printed. */
int cli_ingest(const cli_opts *o);

#endif
