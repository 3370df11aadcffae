/*
** cli.c - helpers shared by the subcommands (see cli.h).
*/
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/error.h"

const char cli_limit_help[] =
	"  --max-part-size BYTES   largest inflated XML part (default 256 MiB; K/M/G suffixes)\n"
	"  --max-ratio N           largest inflated/compressed ratio of a part over 1 MiB (default 500)\n"
	"  --max-table-cells N     largest table, rows x columns (default 1048576)\n"
	"  --max-nesting N         deepest nesting of tables and text boxes (default 32); XML\n"
	"                          elements may nest 64 + 32 per level deep, at most 1024\n";

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
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

int cli_limit_option(int argc, char **argv, int *i, rg_limits *lim)
{
	static const char *const names[] = { "--max-part-size", "--max-ratio", "--max-table-cells",
		"--max-nesting" };
	const char *arg = argv[*i], *value = NULL;
	size_t k, n, v;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		n = strlen(names[k]);
		if (!strncmp(arg, names[k], n) && (arg[n] == '\0' || arg[n] == '='))
			break;
	}
	if (k == sizeof(names) / sizeof(names[0]))
		return 0;
	if (arg[n] == '=')
		value = arg + n + 1;
	else if (*i + 1 < argc)
		value = argv[++*i];
	if (!value || parse_size(value, &v)) {
		fprintf(stderr, "raingan: %s needs a positive number\n", names[k]);
		return -1;
	}
	switch (k) {
	case 0: lim->max_part_size = v; break;
	case 1: lim->max_ratio = v > UINT_MAX ? UINT_MAX : (unsigned)v; break;
	case 2: lim->max_table_cells = v; break;
	default: lim->max_nesting = v > INT_MAX ? INT_MAX : (int)v; break;
	}
	return 1;
}

int cli_jobs_option(int argc, char **argv, int *i, int *threads)
{
	const char *v = NULL;
	char *end;
	long n;

	if (!strcmp(argv[*i], "-j") || !strcmp(argv[*i], "--jobs"))
		v = *i + 1 < argc ? argv[++*i] : NULL;
	else if (!strncmp(argv[*i], "-j", 2) && argv[*i][2])
		v = argv[*i] + 2;
	else if (!strncmp(argv[*i], "--jobs=", 7))
		v = argv[*i] + 7;
	else
		return 0;
	n = v ? strtol(v, &end, 10) : 0;
	if (!v || *end || n < 1 || n > 64) {
		fprintf(stderr, "raingan: -j needs a number of threads from 1 to 64\n");
		return -1;
	}
	*threads = (int)n;
	return 1;
}

const char *cli_default_rules_dir(void)
{
	static char dir[PATH_MAX + 32];
	static const char *const beside[] = { "/rules", "/../share/raingan/rules" };
	char exe[PATH_MAX];
	struct stat st;
	ssize_t n;
	char *slash;
	size_t k;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		for (k = 0; k < sizeof(beside) / sizeof(beside[0]); k++) {
			snprintf(dir, sizeof(dir), "%s%s", exe, beside[k]);
			if (!stat(dir, &st) && S_ISDIR(st.st_mode))
				return dir;
		}
	}
	return RG_SOURCE_RULES_DIR;
}

void cli_file_error(const char *file)
{
	fprintf(stderr, "raingan: %s: %s\n", file, rg_error_message());
}

int cli_stderr_is_tty(void)
{
	return isatty(STDERR_FILENO);
}

int cli_write_stdout(const char *data, size_t len)
{
	if (len && fwrite(data, 1, len, stdout) != len) {
		fprintf(stderr, "raingan: cannot write to standard output: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}
