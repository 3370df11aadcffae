/*
** output.c - an output written whole or not at all (see cli.h, cli_output):
** a temporary file beside the target, renamed over it when complete; "-"
** is standard output.  The one way the commands of issue 11 (missing,
** orgs, export --format xlsx, report --split-by) write their files.
*/
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

int cli_output_begin(cli_output *o, const char *target, int stream)
{
	int fd;

	memset(o, 0, sizeof(*o));
	o->target = target;
	o->to_stdout = !target || !strcmp(target, "-");
	if (o->to_stdout && stream) {
		o->fp = stdout;
		return 0;
	}
	if (!o->to_stdout && cli_make_parent_dirs(target)) {
		cli_error();
		return -1;
	}
	/* beside the target (one file system: the rename is atomic), or in /tmp for standard output */
	if (!(o->tmp = malloc((o->to_stdout ? 32 : strlen(target)) + 16))) {
		fprintf(stderr, "raingan: out of memory\n");
		return -1;
	}
	if (o->to_stdout)
		strcpy(o->tmp, "/tmp/raingan-out-XXXXXX");
	else
		sprintf(o->tmp, "%s.tmp-XXXXXX", target);
	if ((fd = mkstemp(o->tmp)) < 0) {
		fprintf(stderr, "raingan: %s: cannot write: %s\n", o->to_stdout ? "/tmp" : target, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	o->path = o->tmp;
	{   /* mkstemp makes it private: the target gets the mode a new file would */
		mode_t um = umask(0);
		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	if (stream) {
		if (!(o->fp = fdopen(fd, "wb"))) {
			close(fd);
			cli_output_abort(o);
			return -1;
		}
	} else {
		close(fd);
	}
	return 0;
}

/* Copy a finished temporary file to standard output. */
static int copy_to_stdout(const char *path)
{
	char buf[65536];
	FILE *in = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!in)
		return -1;
	while (!rc && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		rc = cli_write_stdout(buf, n);
	if (ferror(in))
		rc = -1;
	fclose(in);
	return rc || fflush(stdout) ? -1 : 0;
}

int cli_output_commit(cli_output *o)
{
	int rc = 0;

	if (o->fp && o->fp != stdout && fclose(o->fp))
		rc = -1;
	if (o->fp == stdout && fflush(stdout))
		rc = -1;
	o->fp = NULL;
	if (!rc && o->tmp && o->to_stdout)
		rc = copy_to_stdout(o->tmp);
	else if (!rc && o->tmp && rename(o->tmp, o->target))
		rc = -1;
	if (rc) {
		fprintf(stderr, "raingan: %s: cannot write: %s\n", o->to_stdout ? "standard output" : o->target,
			strerror(errno));
		cli_output_abort(o);
		return -1;
	}
	if (o->tmp && o->to_stdout)
		unlink(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	return 0;
}

void cli_output_abort(cli_output *o)
{
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	o->fp = NULL;
	if (o->tmp) {
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
	}
}
