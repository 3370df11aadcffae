/*
** report.c - `raingan report`: the consolidated PDF (not written yet).
*/
#include <stdio.h>
#include "cli.h"

int cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "raingan: report is not available yet\n");
	return 2;
}
