/*
** convert.c - Word 97-2003 .doc and RTF to DOCX with LibreOffice (see convert.h).
**
** A work directory per run holds in/NNNNNN.doc|rtf (the inputs, copied under
** names LibreOffice cannot misread), out/NNNNNN.docx and profile/ (the
** private LibreOffice profile).  LibreOffice is started on up to batch_size
** inputs at once:
**
**   soffice --headless ... -env:UserInstallation=file:///DIR/profile
**           --convert-to "docx:MS Word 2007 XML" --outdir DIR/out DIR/in/000001.doc ...
**
** in its own process group, its output read through a pipe.  It prints
** "convert SRC -> DST using filter : F" for each file after loading it, so
** every such line restarts the clock of the time limit.  When the limit
** passes (or LibreOffice dies), the process group is killed; the file being
** converted is the one after the last announced file, unless that one's
** output is not a whole zip yet (then it was being written).  That file
** fails, the files before it keep their outputs, and LibreOffice starts
** again on the files after it.  Each start settles at least one file, so a
** batch always ends.
*/
#include "convert.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "../core/error.h"
#include "../core/sha256.h"
#include "../core/strmap.h"

extern char **environ;

#define INSTALL_HINT "install LibreOffice (the Debian package libreoffice-writer-nogui) or set RAINGAN_SOFFICE"

typedef struct {
	rg_format format;
	char sha256[65];
	int rc;                  /* 0 converted, else the RG_E* code of the failure */
	char *message;           /* the failure, one line */
	int settled;
} item;

struct rg_converted {
	char dir[PATH_MAX];      /* "" when no work directory was made */
	item *items;
	size_t n, cap;
	rg_strmap index;         /* sha256 -> item */
	unsigned starts;
};

typedef struct {
	char soffice[PATH_MAX];  /* "" when there is none */
	const char *why_none;    /* then: why, for the message */
	unsigned timeout;
	unsigned batch;
	size_t max_size;
	const char *tmpdir;
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
} settings;

static const char *kind_name(rg_format f)
{
	return f == RG_FORMAT_RTF ? "an RTF file" : "a Word 97-2003 .doc file";
}

static const char *ext_of(rg_format f)
{
	return f == RG_FORMAT_RTF ? "rtf" : "doc";
}

/* ---- settings ----------------------------------------------------------------------- */

static int find_in_path(const char *name, char *out, size_t size)
{
	const char *path = getenv("PATH"), *p, *end;

	if (strchr(name, '/')) {
		if (access(name, X_OK))
			return -1;
		snprintf(out, size, "%s", name);
		return 0;
	}
	for (p = path ? path : "/usr/local/bin:/usr/bin:/bin"; *p; p = *end ? end + 1 : end) {
		char cand[PATH_MAX];
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		if (end == p)
			continue;
		if (snprintf(cand, sizeof(cand), "%.*s/%s", (int)(end - p), p, name) >= (int)sizeof(cand))
			continue;
		if (!access(cand, X_OK)) {
			snprintf(out, size, "%s", cand);
			return 0;
		}
	}
	return -1;
}

static void settings_init(settings *s, const rg_convert_options *opt, unsigned lim_timeout, size_t lim_size)
{
	const char *prog = opt && opt->soffice ? opt->soffice : getenv("RAINGAN_SOFFICE");
	const char *t = getenv("RAINGAN_CONVERT_TIMEOUT");

	memset(s, 0, sizeof(*s));
	if (prog && (!*prog || !strcmp(prog, "none"))) {
		s->why_none = "conversion is turned off (RAINGAN_SOFFICE=none)";
	} else if (prog) {
		if (find_in_path(prog, s->soffice, sizeof(s->soffice)))
			s->why_none = "the LibreOffice program named by RAINGAN_SOFFICE was not found";
	} else if (find_in_path("soffice", s->soffice, sizeof(s->soffice))
		   && find_in_path("libreoffice", s->soffice, sizeof(s->soffice))) {
		s->why_none = "LibreOffice is not installed here";
	}
	if (s->why_none)
		s->soffice[0] = '\0';
	s->timeout = opt && opt->timeout ? opt->timeout : lim_timeout;
	if (!s->timeout && t && atoi(t) > 0)
		s->timeout = (unsigned)atoi(t);
	if (!s->timeout)
		s->timeout = RG_DEFAULT_CONVERT_TIMEOUT;
	s->batch = opt && opt->batch_size ? opt->batch_size : RG_DEFAULT_CONVERT_BATCH;
	s->max_size = opt && opt->max_size ? opt->max_size : lim_size ? lim_size : RG_DEFAULT_MAX_PART_SIZE;
	s->tmpdir = opt && opt->tmpdir ? opt->tmpdir : getenv("TMPDIR");
	if (!s->tmpdir || !*s->tmpdir)
		s->tmpdir = "/tmp";
	if (opt) {
		s->progress = opt->progress;
		s->progress_ctx = opt->progress_ctx;
	}
}

/* ---- the work directory -------------------------------------------------------------- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_tree(const char *dir)
{
	if (dir[0])
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int make_workdir(rg_converted *c, const settings *s)
{
	char sub[PATH_MAX + 16];

	if (snprintf(c->dir, sizeof(c->dir), "%s/rg-convert-XXXXXX", s->tmpdir) >= (int)sizeof(c->dir) - 32
	    || !mkdtemp(c->dir)) {
		int e = errno;
		c->dir[0] = '\0';
		return rg_error_set(RG_EIO, "cannot make a work directory in %s for LibreOffice: %s", s->tmpdir,
			strerror(e));
	}
	snprintf(sub, sizeof(sub), "%s/in", c->dir);
	if (mkdir(sub, 0700))
		return rg_error_set(RG_EIO, "%s: %s", sub, strerror(errno));
	snprintf(sub, sizeof(sub), "%s/out", c->dir);
	if (mkdir(sub, 0700))
		return rg_error_set(RG_EIO, "%s: %s", sub, strerror(errno));
	return 0;
}

static void in_path(const rg_converted *c, size_t i, char *out, size_t size)
{
	snprintf(out, size, "%s/in/%06zu.%s", c->dir, i + 1, ext_of(c->items[i].format));
}

static void out_path(const rg_converted *c, size_t i, char *out, size_t size)
{
	snprintf(out, size, "%s/out/%06zu.docx", c->dir, i + 1);
}

static int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return rg_error_set(RG_EIO, "cannot write %s: %s", path, strerror(errno));
	ok = fwrite(data, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (!ok)
		return rg_error_set(RG_EIO, "cannot write %s", path);
	return 0;
}

/* ---- items ---------------------------------------------------------------------------- */

static void converted_init(rg_converted *c)
{
	memset(c, 0, sizeof(*c));
}

static void converted_fini(rg_converted *c)
{
	size_t i;

	remove_tree(c->dir);
	for (i = 0; i < c->n; i++)
		free(c->items[i].message);
	free(c->items);
	rg_strmap_free(&c->index);
}

static item *add_item(rg_converted *c, rg_format f, const char *sha)
{
	item *it;

	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 16;
		item *p = realloc(c->items, ncap * sizeof(*p));
		if (!p) {
			rg_error_set(RG_ENOMEM, "out of memory");
			return NULL;
		}
		c->items = p;
		c->cap = ncap;
	}
	it = &c->items[c->n];
	memset(it, 0, sizeof(*it));
	it->format = f;
	snprintf(it->sha256, sizeof(it->sha256), "%s", sha);
	if (rg_strmap_put(&c->index, sha, strlen(sha), (int)c->n))
		return NULL;
	c->n++;
	return it;
}

/* Settle an item as failed (the message is copied). */
static void fail_item(item *it, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail_item(item *it, int code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	free(it->message);
	it->message = strdup(msg);
	it->rc = code;
	it->settled = 1;
}

/* ---- running LibreOffice -------------------------------------------------------------- */

/* "file://" + the path with every byte outside the unreserved set %-escaped. */
static void file_url(const char *path, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t k = 0;

	k = (size_t)snprintf(out, size, "file://");
	for (; *path && k + 4 < size; path++) {
		unsigned char ch = (unsigned char)*path;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
		    || strchr("/-._~", ch)) {
			out[k++] = (char)ch;
		} else {
			out[k++] = '%';
			out[k++] = hex[ch >> 4];
			out[k++] = hex[ch & 15];
		}
	}
	out[k] = '\0';
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether out/NNNNNN.docx is a whole zip (a conversion killed while writing leaves a part). */
static int output_ok(const rg_converted *c, size_t i)
{
	char path[PATH_MAX + 32];
	struct stat st;
	zip_t *z;
	int err;

	out_path(c, i, path, sizeof(path));
	if (stat(path, &st) || st.st_size == 0)
		return 0;
	if (!(z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err)))
		return 0;
	zip_discard(z);
	return 1;
}

/* Start LibreOffice on items [from, to); its stdout and stderr go to *fd. */
static int spawn_soffice(rg_converted *c, const settings *s, size_t from, size_t to, pid_t *pid, int *fd)
{
	char profile[PATH_MAX + 64], url[3 * PATH_MAX + 64], opt_profile[3 * PATH_MAX + 96], outdir[PATH_MAX + 8];
	char **argv = NULL, **inputs = NULL;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, def;
	int fds[2], rc = 0, k = 0;
	size_t i, n = to - from;

	if (pipe2(fds, O_CLOEXEC))
		return rg_error_set(RG_EIO, "cannot start LibreOffice: %s", strerror(errno));
	argv = calloc(n + 16, sizeof(*argv));
	inputs = calloc(n + 1, sizeof(*inputs));
	if (!argv || !inputs) {
		rc = rg_error_set(RG_ENOMEM, "out of memory");
		goto done;
	}
	snprintf(profile, sizeof(profile), "%s/profile", c->dir);
	file_url(profile, url, sizeof(url));
	snprintf(opt_profile, sizeof(opt_profile), "-env:UserInstallation=%s", url);
	snprintf(outdir, sizeof(outdir), "%s/out", c->dir);
	argv[k++] = (char *)s->soffice;   /* posix_spawn does not write argv */
	argv[k++] = "--headless";
	argv[k++] = "--invisible";
	argv[k++] = "--nologo";
	argv[k++] = "--norestore";
	argv[k++] = "--nolockcheck";
	argv[k++] = "--nodefault";
	argv[k++] = opt_profile;
	argv[k++] = "--convert-to";
	argv[k++] = "docx:MS Word 2007 XML";
	argv[k++] = "--outdir";
	argv[k++] = outdir;
	for (i = 0; i < n; i++) {
		char path[PATH_MAX + 32];
		in_path(c, from + i, path, sizeof(path));
		if (!(inputs[i] = strdup(path))) {
			rc = rg_error_set(RG_ENOMEM, "out of memory");
			goto done;
		}
		argv[k++] = inputs[i];
	}
	argv[k] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGTERM);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setpgroup(&attr, 0);   /* its own group: a kill reaches soffice.bin too */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	errno = posix_spawn(pid, s->soffice, &fa, &attr, argv, environ);
	if (errno)
		rc = rg_error_set(RG_EIO, "cannot start LibreOffice (%s): %s", s->soffice, strerror(errno));
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (!rc)
		c->starts++;
done:
	close(fds[1]);
	if (rc)
		close(fds[0]);
	else
		*fd = fds[0];
	for (i = 0; inputs && i < n; i++)
		free(inputs[i]);
	free(inputs);
	free(argv);
	return rc;
}

/* A line of LibreOffice's output: the item a "convert SRC -> ..." line names, or -1. */
static long announced(const rg_converted *c, const char *line)
{
	const char *p;
	char prefix[PATH_MAX + 16];
	char *end;
	unsigned long k;

	if (strncmp(line, "convert ", 8))
		return -1;
	snprintf(prefix, sizeof(prefix), "%s/in/", c->dir);
	if (!(p = strstr(line, prefix)))
		return -1;
	k = strtoul(p + strlen(prefix), &end, 10);
	if (end == p + strlen(prefix) || *end != '.' || k < 1 || k > c->n)
		return -1;
	return (long)k - 1;
}

/*
** One LibreOffice start on the unsettled items from `from` to at most
** from + batch.  Returns the index after the last item it settled.
*/
static size_t run_once(rg_converted *c, const settings *s, size_t from, size_t to)
{
	rg_buf line = RG_BUF_INIT;
	pid_t pid = -1;
	int fd = -1, status = 0, exited = 0, eof = 0, timed_out = 0;
	long last = -1;
	double clock0 = now_s(), exit_time = 0;
	size_t i, culprit;

	if (spawn_soffice(c, s, from, to, &pid, &fd)) {
		for (i = from; i < to; i++)
			fail_item(&c->items[i], rg_error_code(), "%s: %s", kind_name(c->items[i].format),
				rg_error_message());
		return to;
	}
	while (!exited || !eof) {
		double left = s->timeout - (now_s() - clock0);
		struct pollfd pfd;
		int wait_ms = left <= 0 ? 0 : left > 0.2 ? 200 : (int)(left * 1000) + 1;

		if (left <= 0) {
			timed_out = 1;
			break;
		}
		if (exited && now_s() - exit_time > 2)
			break;   /* it ended; a helper it left holds the pipe */
		if (!eof) {
			pfd.fd = fd;
			pfd.events = POLLIN;
			if (poll(&pfd, 1, wait_ms) > 0) {
				char buf[4096];
				ssize_t got = read(fd, buf, sizeof(buf));
				if (got <= 0) {
					eof = 1;
				} else {
					ssize_t k;
					for (k = 0; k < got; k++) {
						if (buf[k] != '\n') {
							if (line.len < 65536)
								rg_buf_putc(&line, buf[k]);
							continue;
						}
						{
							long a = announced(c, rg_buf_cstr(&line));
							if (a >= (long)from && a < (long)to && a > last) {
								last = a;
								clock0 = now_s();   /* progress: the clock starts again */
							}
						}
						rg_buf_clear(&line);
					}
				}
			}
		} else {
			struct timespec ts = { 0, 50 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
		if (!exited && waitpid(pid, &status, WNOHANG) == pid) {
			exited = 1;
			exit_time = now_s();
		}
	}
	rg_buf_free(&line);
	if (!exited) {
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
	} else if (!eof) {
		kill(-pid, SIGKILL);   /* helpers of a finished run holding the pipe */
	}
	close(fd);
	if (!timed_out && WIFEXITED(status)) {
		for (i = from; i < to; i++) {
			if (output_ok(c, i))
				c->items[i].settled = 1;
			else
				fail_item(&c->items[i], RG_EFORMAT, "LibreOffice could not convert %s (damaged, or "
					"not a document it reads)", kind_name(c->items[i].format));
		}
		return to;
	}
	/* killed (time limit) or died: which file was it on? */
	if (last >= (long)from && !output_ok(c, (size_t)last))
		culprit = (size_t)last;
	else
		culprit = last >= (long)from ? (size_t)last + 1 : from;
	for (i = from; i < culprit && i < to; i++) {
		if (output_ok(c, i))
			c->items[i].settled = 1;
		else
			fail_item(&c->items[i], RG_EFORMAT, "LibreOffice could not convert %s (damaged, or "
				"not a document it reads)", kind_name(c->items[i].format));
	}
	if (culprit >= to)
		return to;
	if (timed_out)
		fail_item(&c->items[culprit], RG_ELIMIT, "LibreOffice took more than %u s to convert %s "
			"(the time limit: RAINGAN_CONVERT_TIMEOUT)", s->timeout, kind_name(c->items[culprit].format));
	else
		fail_item(&c->items[culprit], RG_EFORMAT, "LibreOffice stopped (%s %d) while converting %s",
			WIFSIGNALED(status) ? "signal" : "exit status",
			WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), kind_name(c->items[culprit].format));
	return culprit + 1;
}

/* Convert every unsettled item, batch by batch. */
static void run_all(rg_converted *c, const settings *s)
{
	size_t next = 0, done = 0, total = 0, i;

	for (i = 0; i < c->n; i++)
		total += !c->items[i].settled;
	while (next < c->n) {
		size_t to, after;
		while (next < c->n && c->items[next].settled)
			next++;
		if (next >= c->n)
			break;
		if (!s->soffice[0]) {
			fail_item(&c->items[next], RG_EFORMAT, "%s: reading it needs LibreOffice, and %s (%s)",
				kind_name(c->items[next].format), s->why_none, INSTALL_HINT);
			next++;
			done++;
			if (s->progress)
				s->progress(s->progress_ctx, done, total);
			continue;
		}
		/* a batch: consecutive unsettled items */
		for (to = next; to < c->n && to - next < s->batch && !c->items[to].settled; to++)
			;
		after = run_once(c, s, next, to);
		done += after - next;
		next = after;
		if (s->progress)
			s->progress(s->progress_ctx, done, total);
	}
}

/* ---- the batch API -------------------------------------------------------------------- */

static int read_whole(const char *path, size_t max, rg_buf *out, int *too_big)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	*too_big = 0;
	if (!f)
		return rg_error_set(RG_EIO, "cannot open: %s", strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (out->len + n > max) {
			*too_big = 1;
			break;
		}
		rg_buf_put(out, buf, n);
	}
	fclose(f);
	if (rg_buf_oom(out))
		return rg_error_set(RG_ENOMEM, "out of memory");
	return 0;
}

/* Whether a file starts like a legacy format (an OLE2 compound file or RTF). */
static int looks_legacy(const char *path)
{
	static const unsigned char ole[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	unsigned char head[8];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, head, sizeof(head));
	close(fd);
	return (n == 8 && !memcmp(head, ole, 8)) || (n >= 5 && !memcmp(head, "{\\rtf", 5));
}

/* Add one file: detected, hashed, copied into in/ (or settled as failed). */
static int add_file(rg_converted *c, const settings *s, const char *path)
{
	rg_buf data = RG_BUF_INIT;
	rg_format fmt = RG_FORMAT_UNKNOWN;
	char sha[65], in[PATH_MAX + 32];
	int too_big, rc, drc;
	item *it;

	if (!looks_legacy(path))
		return 0;
	if ((rc = read_whole(path, s->max_size, &data, &too_big)) || too_big) {
		rg_buf_free(&data);
		return rc == RG_ENOMEM ? rc : 0;   /* the reader will say what is wrong with it */
	}
	if ((rc = rg_sha256_buffer(data.ptr, data.len, sha))) {
		rg_buf_free(&data);
		return rc;
	}
	if (rg_strmap_get(&c->index, sha, strlen(sha)) >= 0) {
		rg_buf_free(&data);
		return 0;   /* the same bytes twice: converted once */
	}
	drc = rg_legacy_detect(data.ptr, data.len, &fmt);
	if (!drc && fmt == RG_FORMAT_UNKNOWN) {
		rg_buf_free(&data);
		return 0;
	}
	if (!(it = add_item(c, fmt, sha))) {
		rg_buf_free(&data);
		return RG_ENOMEM;
	}
	if (drc) {
		fail_item(it, drc, "%s", rg_error_message());
	} else {
		in_path(c, c->n - 1, in, sizeof(in));
		if ((rc = write_file(in, data.ptr, data.len))) {
			rg_buf_free(&data);
			return rc;
		}
	}
	rg_buf_free(&data);
	return 0;
}

int rg_convert_batch(const char *const *paths, size_t n, const rg_convert_options *opt, rg_converted **out)
{
	rg_converted *c;
	settings s;
	size_t i;
	int rc = 0;

	*out = NULL;
	settings_init(&s, opt, 0, 0);
	if (!(c = malloc(sizeof(*c))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	converted_init(c);
	for (i = 0; i < n && !rc; i++) {
		if (!c->dir[0] && looks_legacy(paths[i]))
			rc = make_workdir(c, &s);
		if (!rc && c->dir[0])
			rc = add_file(c, &s, paths[i]);
	}
	if (!rc)
		run_all(c, &s);
	if (rc) {
		converted_fini(c);
		free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void rg_converted_counts(const rg_converted *c, size_t *ok, size_t *failed)
{
	size_t i;

	*ok = *failed = 0;
	for (i = 0; c && i < c->n; i++) {
		if (c->items[i].rc)
			(*failed)++;
		else if (c->items[i].settled)
			(*ok)++;
	}
}

unsigned rg_converted_starts(const rg_converted *c)
{
	return c ? c->starts : 0;
}

void rg_converted_free(rg_converted *c)
{
	if (!c)
		return;
	converted_fini(c);
	free(c);
}

/* ---- the reader's way in ---------------------------------------------------------------- */

/* Load out/NNNNNN.docx of a settled item into docx (or give its error). */
static int take_result(const rg_converted *c, size_t i, size_t max, rg_buf *docx)
{
	const item *it = &c->items[i];
	char path[PATH_MAX + 32];
	int too_big, rc;

	if (it->rc)
		return rg_error_set(it->rc, "%s", it->message ? it->message : "the conversion failed");
	out_path(c, i, path, sizeof(path));
	if ((rc = read_whole(path, max, docx, &too_big)))
		return rg_error_set(rc, "the DOCX LibreOffice made of %s cannot be read: %s", kind_name(it->format),
			rg_error_message());
	if (too_big)
		return rg_error_set(RG_ELIMIT, "the DOCX LibreOffice made of %s is larger than %zu bytes "
			"(--max-part-size)", kind_name(it->format), max);
	return 0;
}

int rg_convert_bytes(const void *data, size_t len, rg_format format, const rg_limits *lim, rg_buf *docx)
{
	rg_converted c;
	settings s;
	char sha[65], in[PATH_MAX + 32];
	item *it;
	int rc;

	if (len > lim->max_part_size)
		return rg_error_set(RG_ELIMIT, "%s of %zu bytes, more than the limit of %zu (--max-part-size)",
			kind_name(format), len, lim->max_part_size);
	if (lim->converted || lim->no_convert) {
		if ((rc = rg_sha256_buffer(data, len, sha)))
			return rc;
	}
	if (lim->converted) {
		const rg_converted *pre = lim->converted;
		int i = rg_strmap_get(&pre->index, sha, strlen(sha));
		if (i >= 0 && pre->items[i].settled)
			return take_result(pre, (size_t)i, lim->max_part_size, docx);
	}
	if (lim->no_convert)
		return rg_error_set(RG_EFORMAT, "%s: reading it needs a conversion by LibreOffice, "
			"turned off here", kind_name(format));
	settings_init(&s, NULL, lim->convert_timeout, lim->max_part_size);
	if (!s.soffice[0])
		return rg_error_set(RG_EFORMAT, "%s: reading it needs LibreOffice, and %s (%s)", kind_name(format),
			s.why_none, INSTALL_HINT);
	converted_init(&c);
	if ((rc = make_workdir(&c, &s)) || (rc = rg_sha256_buffer(data, len, sha))) {
		converted_fini(&c);
		return rc;
	}
	if (!(it = add_item(&c, format, sha))) {
		converted_fini(&c);
		return RG_ENOMEM;
	}
	in_path(&c, 0, in, sizeof(in));
	if ((rc = write_file(in, data, len))) {
		converted_fini(&c);
		return rc;
	}
	run_all(&c, &s);
	rc = take_result(&c, 0, lim->max_part_size, docx);
	converted_fini(&c);
	return rc;
}
