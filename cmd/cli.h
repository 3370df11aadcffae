/*
** cli.h - what the subcommands of `raingan` share: their entry points,
** the reader-limit options, and how to report a file's error.
*/
#ifndef RG_CLI_H
#define RG_CLI_H

#include <stdio.h>
#include "read/reader.h"

/* Each subcommand: argv[0] is the subcommand's name; returns the exit status. */
int cmd_dump(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_failures(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_run(int argc, char **argv);

/* If argv[*i] is a reader-limit option (--max-part-size N, --max-ratio N,
** --max-table-cells N, --max-nesting N), consume it (and its value) into lim
** and return 1; 0 when it is not one; -1 after printing an error. */
int cli_limit_option(int argc, char **argv, int *i, rg_limits *lim);
extern const char cli_limit_help[];

/* If argv[*i] is -j N / --jobs N, consume it into *threads and return 1; 0
** when it is not; -1 after printing an error. */
int cli_jobs_option(int argc, char **argv, int *i, int *threads);

/* The rules directory: --rules DIR if given, else beside the program, else the source tree. */
const char *cli_default_rules_dir(void);

/* "raingan: FILE: message" on stderr, from the current thread's error. */
void cli_file_error(const char *file);

/* Whether stderr is a terminal (progress is shown only then). */
int cli_stderr_is_tty(void);

/* Write a buffer to stdout; -1 on a write error (reported). */
int cli_write_stdout(const char *data, size_t len);

#endif
