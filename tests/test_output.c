/*
** test_output.c - writing an output file safely (core/output.h): the target
** appears only whole, an abort or a failed write leaves the old file and no
** temporary one, a symlink's file is replaced (the link stays), a folder or
** a missing folder is refused before any writing, and the temporary files a
** signal handler removes are the open ones.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "check.h"
#include "core/error.h"
#include "core/output.h"

static char dir[256];

static const char *in_dir(const char *name)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static char *slurp(const char *path)
{
	static char data[4096];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (!fp)
		return NULL;
	n = fread(data, 1, sizeof(data) - 1, fp);
	data[n] = '\0';
	fclose(fp);
	return data;
}

static int entries(void)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

int main(void)
{
	char target[512], link_path[512];
	rg_output *o = NULL;
	const char *tmp;

	snprintf(dir, sizeof(dir), "%s/rg-test-output-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(target, sizeof(target), "%s", in_dir("out.csv"));
	write_file(target, "old");

	/* the stream: nothing under the target's name until commit */
	CHECK_INT(rg_output_begin(&o, target), 0);
	fputs("new", rg_output_stream(o));
	CHECK_STR(slurp(target), "old");
	CHECK_INT(entries(), 2);
	CHECK_INT(rg_output_commit(o), 0);
	CHECK_STR(slurp(target), "new");
	CHECK_INT(entries(), 1);

	/* abort: the old file stays, the temporary one goes */
	CHECK_INT(rg_output_begin(&o, target), 0);
	fputs("half", rg_output_stream(o));
	rg_output_abort(o);
	CHECK_STR(slurp(target), "new");
	CHECK_INT(entries(), 1);

	/* a writer by name (the PDF renderer) writes the temporary path */
	CHECK_INT(rg_output_begin(&o, target), 0);
	CHECK((tmp = rg_output_path(o)) != NULL && strcmp(tmp, target));
	write_file(tmp, "by name");
	CHECK_INT(rg_output_commit(o), 0);
	CHECK_STR(slurp(target), "by name");
	CHECK_INT(entries(), 1);

	/* a signal handler removes what is still open */
	CHECK_INT(rg_output_begin(&o, target), 0);
	CHECK_INT(entries(), 2);
	rg_output_remove_temps();
	CHECK_INT(entries(), 1);
	rg_output_abort(o);

	/* a symlink stays a link: the file it names is replaced */
	snprintf(link_path, sizeof(link_path), "%s", in_dir("link.csv"));
	CHECK_INT(symlink("out.csv", link_path), 0);
	CHECK_INT(rg_output_begin(&o, link_path), 0);
	fputs("through the link", rg_output_stream(o));
	CHECK_INT(rg_output_commit(o), 0);
	{
		struct stat st;
		CHECK(!lstat(link_path, &st) && S_ISLNK(st.st_mode));
	}
	CHECK_STR(slurp(target), "through the link");

	/* refused before any writing */
	CHECK_INT(rg_output_check(dir), RG_EUSAGE);
	CHECK_INT(rg_output_check(in_dir("missing/x.pdf")), RG_EIO);
	CHECK(strstr(rg_error_message(), "does not exist") != NULL);
	CHECK_INT(rg_output_begin(&o, in_dir("missing/x.pdf")), RG_EIO);
	CHECK(o == NULL);
	CHECK_INT(rg_output_check("-"), 0);
	CHECK_INT(rg_output_check("/dev/null"), 0);
	CHECK_INT(entries(), 2);

	unlink(link_path);
	unlink(target);
	rmdir(dir);
	return check_summary("test_output");
}
