/*
** main.c - the `raingan` command: picks the command and hands it argv.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "dump", cmd_dump, "print the document model of DOCX/ODT files (text or --format json)" },
	{ "parse", cmd_parse, "extract the normalized model (JSON) of each filing" },
	{ "check", cmd_check, "print the findings of each filing; exit 1 on an error finding" },
	{ "ingest", cmd_ingest, "parse files and folders in parallel into the store" },
	{ "failures", cmd_failures, "list the files the store could not ingest" },
	{ "export", cmd_export, "write organizations, filings, projects, findings as CSV, JSONL or XLSX" },
	{ "report", cmd_report, "write the consolidated PDF report" },
	{ "run", cmd_run, "the nightly job: ingest, then write the report" },
	{ "orgs", cmd_orgs, "the register of organizations: import it, list the filings it cannot place" },
	{ "missing", cmd_missing, "the organizations with no current report of a fiscal year and round" },
	{ "follow", cmd_follow, "an organization's projects across its plan and rounds, and what changed" },
	{ "queue", cmd_queue, "a shared batch: queue add PATH..., queue status, queue clear" },
	{ "work", cmd_work, "ingest the files of the store's queue until it is empty (any number of machines)" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: raingan COMMAND [options] [FILE...]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n`raingan COMMAND --help` describes a command's options.\n\n%s", cli_exit_table);
}

int main(int argc, char **argv)
{
	size_t i;

	cli_set_program(argv[0]);
	cli_signals_init();
	/* libzip converts zip times with mktime(), which rereads TZ each time and,
	** when TZ is unset, frees and copies the default name again: name the
	** default once here, so worker threads never rewrite libc's copy */
	if (!getenv("TZ"))
		setenv("TZ", ":/etc/localtime", 1);
	tzset();
	if (argc < 2) {
		usage(stderr);
		return CLI_EXIT_FAILED;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return cli_end_stdout(0);
	}
	if (!strcmp(argv[1], "--version")) {
		printf("raingan 0.1.0\n");
		return cli_end_stdout(0);
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return cli_end_stdout(commands[i].run(argc - 1, argv + 1));
	cli_say("unknown command '%s' (see raingan --help)", argv[1]);
	return CLI_EXIT_FAILED;
}
