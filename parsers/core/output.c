/*
** output.c - output files written to a temporary file and renamed (see output.h).
**
** The temporary file is made beside the target (mkstemp in the same folder),
** so the rename is atomic: a reader sees the old file or the new one, never
** a part.  Before the rename the data is flushed and fsync'ed, so a write
** error the kernel reports late (a full disk under delayed allocation) is
** still caught and the target kept.  A target that exists and is not a
** regular file (/dev/null, a FIFO, a terminal) cannot be replaced: it is
** written straight, as standard output is.  The temporary file's name holds
** the machine and the process, so the next write of the same target removes
** one a killed process left.
*/
#include "output.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "buf.h"
#include "error.h"

/* The temporary files a signal handler removes: paths written before the flag is set.
** Enough for a report split by province (77 provinces, one without, the national
** summary), whose files are all committed together at the end. */
#define MAX_TEMPS 128
static char temp_paths[MAX_TEMPS][PATH_MAX];
static volatile sig_atomic_t temp_used[MAX_TEMPS];

struct rg_output {
	char *target;      /* as given */
	char *final;       /* what is replaced: the target, or the file its symlink names */
	char *temp;        /* the temporary file, or NULL */
	FILE *fp;          /* the stream: the temporary file, or a direct one */
	int direct;        /* standard output or a device: written straight; temp only for a path writer */
	int slot;          /* in temp_paths, or -1 */
};

static int register_temp(const char *path)
{
	int k;

	if (strlen(path) >= PATH_MAX)
		return -1;
	for (k = 0; k < MAX_TEMPS; k++) {
		if (!temp_used[k]) {
			memcpy(temp_paths[k], path, strlen(path) + 1);
			temp_used[k] = 1;
			return k;
		}
	}
	return -1;
}

static void unregister_temp(rg_output *o)
{
	if (o->slot >= 0)
		temp_used[o->slot] = 0;
	o->slot = -1;
}

void rg_output_remove_temps(void)
{
	int k;

	for (k = 0; k < MAX_TEMPS; k++)
		if (temp_used[k]) {
			(void)unlink(temp_paths[k]);
			temp_used[k] = 0;
		}
}

/* The folder of a path ("." when it names none); caller frees. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	rg_buf b = RG_BUF_INIT;

	if (!slash)
		rg_buf_puts(&b, ".");
	else if (slash == path)
		rg_buf_puts(&b, "/");
	else
		rg_buf_put(&b, path, (size_t)(slash - path));
	if (rg_buf_oom(&b)) {
		rg_buf_free(&b);
		return NULL;
	}
	return rg_buf_detach(&b);
}

static int is_direct(const char *target)
{
	struct stat st;

	return !strcmp(target, "-") || (!stat(target, &st) && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
}

int rg_output_check(const char *target)
{
	struct stat st;
	char *dir;
	int rc = 0;

	if (!*target)
		return rg_error_set(RG_EUSAGE, "the output file name is empty");
	if (is_direct(target))
		return 0;
	if (target[strlen(target) - 1] == '/' || (!stat(target, &st) && S_ISDIR(st.st_mode)))
		return rg_error_set(RG_EUSAGE, "%s: is a folder (name the file to write)", target);
	if (!(dir = folder_of(target)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (stat(dir, &st))
		rc = rg_error_set(RG_EIO, errno == ENOENT ? "%s: the folder %s does not exist (create it first)"
			: "%s: cannot use the folder %s: %s", target, dir, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		rc = rg_error_set(RG_EIO, "%s: %s is not a folder", target, dir);
	else if (access(dir, W_OK | X_OK))
		rc = rg_error_set(RG_EIO, "%s: cannot write in the folder %s: %s", target, dir, strerror(errno));
	free(dir);
	return rc;
}

/* The temporary files of base in dir that a process of this machine left when it
** was killed (kill -9, a crash: no handler ran): ".BASE.raingan-HOST-PID.XXXXXX"
** whose PID is gone.  Another machine's (a shared folder) are never touched. */
static void remove_stale_temps(const char *dir, const char *base, const char *host)
{
	rg_buf prefix = RG_BUF_INIT, path = RG_BUF_INIT;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return;
	rg_buf_printf(&prefix, ".%s.raingan-%s-", base, host);
	while (!rg_buf_oom(&prefix) && (e = readdir(d))) {
		const char *p = e->d_name + prefix.len, *q;
		long pid = 0;
		size_t k;
		if (strncmp(e->d_name, prefix.ptr, prefix.len) || *p < '1' || *p > '9')
			continue;
		/* exactly PREFIX + PID (digits, no sign, no leading 0) + "." + mkstemp's 6 characters */
		for (q = p; *q >= '0' && *q <= '9' && q - p < 9; q++)
			pid = pid * 10 + (*q - '0');
		for (k = 0; *q == '.' && q[1 + k] && k < 7; k++)
			if (!isalnum((unsigned char)q[1 + k]))
				break;
		if (*q != '.' || k != 6 || q[7] != '\0')
			continue;
		if (!kill((pid_t)pid, 0) || errno != ESRCH)
			continue;   /* its process lives (or is not ours to ask) */
		rg_buf_clear(&path);
		rg_buf_printf(&path, "%s/%s", dir, e->d_name);
		if (!rg_buf_oom(&path))
			(void)unlink(path.ptr);
	}
	closedir(d);
	rg_buf_free(&prefix);
	rg_buf_free(&path);
}

/* A temporary file in folder dir for base; its path in *temp, the open descriptor returned (-1: error set). */
static int make_temp(const char *dir, const char *base, char **temp)
{
	rg_buf b = RG_BUF_INIT;
	char host[64];
	int fd;

	*temp = NULL;
	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	for (char *h = host; *h; h++)
		if (*h == '/' || *h == '.' || *h == '-')
			*h = '_';
	remove_stale_temps(dir, base, host);
	rg_buf_printf(&b, "%s/.%s.raingan-%s-%ld.XXXXXX", dir, base, host, (long)getpid());
	if (rg_buf_oom(&b)) {
		rg_buf_free(&b);
		rg_error_set(RG_ENOMEM, "out of memory");
		return -1;
	}
	*temp = rg_buf_detach(&b);
	if ((fd = mkostemp(*temp, O_CLOEXEC)) < 0) {
		free(*temp);
		*temp = NULL;
		rg_error_set(RG_EIO, "cannot create a file in %s: %s", dir, strerror(errno));
	}
	return fd;
}

static void output_free(rg_output *o)
{
	unregister_temp(o);
	free(o->target);
	free(o->final);
	free(o->temp);
	free(o);
}


/* A write error on target, in the words every command uses ("-": standard output). */
static int write_error(const char *target)
{
	if (!strcmp(target, "-"))
		return rg_error_set(RG_EIO, "cannot write to standard output: %s", strerror(errno));
	return rg_error_set(RG_EIO, "%s: cannot write: %s", target, strerror(errno));
}

int rg_output_begin(rg_output **out, const char *target)
{
	struct stat st;
	rg_output *o;
	char *dir = NULL;
	const char *base;
	mode_t mode, mask;
	int fd, rc;

	*out = NULL;
	if ((rc = rg_output_check(target)))
		return rc;
	if (!(o = calloc(1, sizeof(*o))) || !(o->target = strdup(target))) {
		free(o);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	o->slot = -1;
	if (is_direct(target)) {
		o->direct = 1;
		if (!strcmp(target, "-")) {
			o->fp = stdout;
		} else if (!(o->fp = fopen(target, "wb"))) {
			rc = write_error(target);
			output_free(o);
			return rc;
		}
		*out = o;
		return 0;
	}
	/* a symlink stays a symlink: the file it names is replaced */
	o->final = !lstat(target, &st) && S_ISLNK(st.st_mode) ? realpath(target, NULL) : NULL;
	if (!o->final && !(o->final = strdup(target))) {
		output_free(o);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	if (!(dir = folder_of(o->final))) {
		output_free(o);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	base = strrchr(o->final, '/') ? strrchr(o->final, '/') + 1 : o->final;
	if ((fd = make_temp(dir, base, &o->temp)) < 0) {
		rg_error_prefix("%s", target);
		free(dir);
		output_free(o);
		return RG_EIO;
	}
	free(dir);
	o->slot = register_temp(o->temp);
	/* the permissions a new file gets (or the old file's), not mkstemp's 0600 */
	if (!stat(o->final, &st)) {
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (fchmod(fd, mode) || !(o->fp = fdopen(fd, "wb"))) {
		rc = write_error(target);
		close(fd);
		unlink(o->temp);
		output_free(o);
		return rc;
	}
	*out = o;
	return 0;
}

FILE *rg_output_stream(rg_output *o)
{
	return o->fp;
}

const char *rg_output_target(const rg_output *o)
{
	return o->target;
}

const char *rg_output_path(rg_output *o)
{
	const char *dir;
	int fd;

	if (o->temp)
		return o->temp;
	/* written straight: a writer by name writes a temporary file, copied out at commit */
	dir = getenv("TMPDIR");
	if ((fd = make_temp(dir && *dir ? dir : "/tmp", "raingan", &o->temp)) < 0) {
		rg_error_prefix("%s", o->target);
		return NULL;
	}
	close(fd);
	o->slot = register_temp(o->temp);
	return o->temp;
}

/* Copy the temporary file to the direct stream. */
static int copy_out(rg_output *o)
{
	char chunk[65536];
	FILE *in = fopen(o->temp, "rb");
	size_t n;
	int rc = 0;

	if (!in)
		return rg_error_set(RG_EIO, "%s: cannot read back %s: %s", o->target, o->temp, strerror(errno));
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (fwrite(chunk, 1, n, o->fp) != n)
			rc = write_error(o->target);
	if (!rc && ferror(in))
		rc = rg_error_set(RG_EIO, "%s: cannot read back %s: %s", o->target, o->temp, strerror(errno));
	fclose(in);
	return rc;
}

static int commit_direct(rg_output *o)
{
	int rc = o->temp ? copy_out(o) : 0;

	if (o->temp) {
		unlink(o->temp);
		unregister_temp(o);
	}
	if (fflush(o->fp) && !rc)
		rc = write_error(o->target);
	if (o->fp != stdout && fclose(o->fp) && !rc)
		rc = write_error(o->target);
	output_free(o);
	return rc;
}

int rg_output_commit(rg_output *o)
{
	char *dir;
	int rc = 0, fd;

	if (o->direct)
		return commit_direct(o);
	/* the data on the disk before the name: a late ENOSPC or EIO shows here */
	if (fflush(o->fp) || ferror(o->fp) || fsync(fileno(o->fp)))
		rc = rg_error_set(RG_EIO, "%s: cannot write: %s", o->target, strerror(errno ? errno : EIO));
	if (fclose(o->fp) && !rc)
		rc = write_error(o->target);
	o->fp = NULL;
	if (!rc && rename(o->temp, o->final))
		rc = rg_error_set(RG_EIO, "%s: cannot replace it: %s", o->target, strerror(errno));
	if (rc) {
		unlink(o->temp);
		output_free(o);
		return rc;
	}
	unregister_temp(o);
	/* the new name on the disk too (a power loss after this keeps the new file) */
	if ((dir = folder_of(o->final))) {
		if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
			(void)fsync(fd);
			close(fd);
		}
		free(dir);
	}
	output_free(o);
	return 0;
}

void rg_output_abort(rg_output *o)
{
	if (!o)
		return;
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	else if (o->fp)
		fflush(o->fp);
	if (o->temp)
		unlink(o->temp);
	output_free(o);
}
