/*
** ingest.c - the store commands: ingest, failures, export, run (not written yet).
*/
#include <stdio.h>
#include "cli.h"

static int not_yet(const char *name)
{
	fprintf(stderr, "raingan: %s is not available yet\n", name);
	return 2;
}

int cmd_ingest(int argc, char **argv) { (void)argc; return not_yet(argv[0]); }
int cmd_failures(int argc, char **argv) { (void)argc; return not_yet(argv[0]); }
int cmd_export(int argc, char **argv) { (void)argc; return not_yet(argv[0]); }
int cmd_run(int argc, char **argv) { (void)argc; return not_yet(argv[0]); }
