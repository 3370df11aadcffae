/*
** test_broken.c - the catalog of broken and hostile inputs (issue 6).
**
** Every input is built here, in memory or in a temporary directory: empty and
** random files, zips without a document part, truncated, with a huge declared
** size, zip bombs (2 GiB of spaces deflated > 1000:1, made by repeating one
** full-flushed deflate block, so building one needs a few MiB), 100,000
** levels of nesting, billion laughs, external entities pointing at
** /etc/passwd and at a secret file, invalid UTF-8, 10,000 columns, a gridSpan
** of 2^31, a vMerge that continues nothing, an ODF covered cell without a
** covering cell, spans past the table's width, the limit options (API and
** command line); and for issue 12 hostile OLE2 compound files, alternative
** chunks that refer to themselves or nest 100,000 elements deep, and a
** LibreOffice that hangs (a stand-in script) under the conversion time limit.  Each case runs in a child process with a time limit
** (SIGALRM) and its peak RSS (wait4) is checked against a bound; a case
** passes when it gives a clear error (naming the limit when one is hit) or a
** sane document model.  The table printed at the end gives outcome, time and
** peak memory of each case.
**
** Usage: test_broken [RAINGAN_EXE] [CASE...]  (the executable enables the
** command-line checks; naming cases runs only those).
*/
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <zlib.h>

#include "check.h"
#include "core/buf.h"
#include "core/error.h"
#include "extract/extract.h"
#include "model/model.h"
#include "read/doc.h"
#include "read/reader.h"
#include "model/model_json.h"
#include "render.h"

#ifndef RG_SOURCE_RULES_DIR
#define RG_SOURCE_RULES_DIR "rules"
#endif

/* The memory bound of one case (peak RSS of its process), larger under ASan. */
#if defined(__SANITIZE_ADDRESS__)
#define RG_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RG_UNDER_ASAN 1
#endif
#endif
#ifdef RG_UNDER_ASAN
#define MEM_BOUND_MIB 1024L
#define TIME_FACTOR 3
#else
#define MEM_BOUND_MIB 256L
#define TIME_FACTOR 1
#endif

static const char *raingan_exe;   /* argv[1]: enables the CLI checks */
static char tmpdir[256];

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static void die(const char *what)
{
	fprintf(stderr, "test_broken: %s: %s\n", what, strerror(errno));
	exit(99);
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		die("strdup");
	return p;
}

/* s repeated n times (caller frees) */
static char *repeat(const char *s, size_t n)
{
	size_t l = strlen(s), i;
	char *out = malloc(l * n + 1);

	if (!out)
		die("malloc");
	for (i = 0; i < n; i++)
		memcpy(out + i * l, s, l);
	out[l * n] = '\0';
	return out;
}

/* a + b + c (caller frees) */
static char *cat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *out = malloc(la + lb + lc + 1);

	if (!out)
		die("malloc");
	memcpy(out, a, la);
	memcpy(out + la, b, lb);
	memcpy(out + la + lb, c, lc + 1);
	return out;
}

static int valid_utf8(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len, k;
		unsigned cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + len > n)
			return 0;
		for (k = 1; k < len; k++) {
			unsigned char d = (unsigned char)s[i + k];
			if ((d & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (d & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))
		    || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;

static unsigned long long rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* ------------------------------------------------------------------ */
/* A minimal zip writer (so sizes and headers can be forged)           */

typedef struct {
	rg_buf data;   /* local headers and file data */
	rg_buf cd;     /* central directory */
	unsigned n;
} zw;

static void put16(rg_buf *b, unsigned v)
{
	char c[2] = { (char)(v & 0xFF), (char)((v >> 8) & 0xFF) };
	rg_buf_put(b, c, 2);
}

static void put32(rg_buf *b, unsigned long v)
{
	put16(b, (unsigned)(v & 0xFFFF));
	put16(b, (unsigned)((v >> 16) & 0xFFFF));
}

/* Add an entry whose (already compressed) bytes are given. */
static void zw_add_raw(zw *z, const char *name, const void *comp, size_t clen, unsigned long crc,
		       unsigned long usize, int method)
{
	size_t off = z->data.len, nlen = strlen(name);

	put32(&z->data, 0x04034b50);
	put16(&z->data, 20);
	put16(&z->data, 0);
	put16(&z->data, (unsigned)method);
	put16(&z->data, 0);
	put16(&z->data, 0x21);
	put32(&z->data, crc);
	put32(&z->data, (unsigned long)clen);
	put32(&z->data, usize);
	put16(&z->data, (unsigned)nlen);
	put16(&z->data, 0);
	rg_buf_put(&z->data, name, nlen);
	rg_buf_put(&z->data, comp, clen);

	put32(&z->cd, 0x02014b50);
	put16(&z->cd, 20);
	put16(&z->cd, 20);
	put16(&z->cd, 0);
	put16(&z->cd, (unsigned)method);
	put16(&z->cd, 0);
	put16(&z->cd, 0x21);
	put32(&z->cd, crc);
	put32(&z->cd, (unsigned long)clen);
	put32(&z->cd, usize);
	put16(&z->cd, (unsigned)nlen);
	put16(&z->cd, 0);
	put16(&z->cd, 0);
	put16(&z->cd, 0);
	put16(&z->cd, 0);
	put32(&z->cd, 0);
	put32(&z->cd, (unsigned long)off);
	rg_buf_put(&z->cd, name, nlen);
	z->n++;
}

/* Raw deflate of a whole buffer (caller frees *out). */
static size_t deflate_all(const void *data, size_t len, unsigned char **out)
{
	z_stream s;
	size_t cap = deflateBound(NULL, (uLong)len) + 64;

	memset(&s, 0, sizeof(s));
	if (!(*out = malloc(cap)) || deflateInit2(&s, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		die("deflate");
	s.next_in = (Bytef *)(uintptr_t)data;
	s.avail_in = (uInt)len;
	s.next_out = *out;
	s.avail_out = (uInt)cap;
	if (deflate(&s, Z_FINISH) != Z_STREAM_END)
		die("deflate");
	cap = s.total_out;
	deflateEnd(&s);
	return cap;
}

static void zw_add(zw *z, const char *name, const char *data, size_t len, int compress)
{
	unsigned long crc = crc32(0L, (const Bytef *)data, (uInt)len);
	unsigned char *comp;
	size_t clen;

	if (!compress) {
		zw_add_raw(z, name, data, len, crc, (unsigned long)len, 0);
		return;
	}
	clen = deflate_all(data, len, &comp);
	zw_add_raw(z, name, comp, clen, crc, (unsigned long)len, 8);
	free(comp);
}

/* The package bytes (caller frees out->ptr); z is consumed. */
static void zw_finish(zw *z, rg_buf *out)
{
	size_t cdoff = z->data.len;

	*out = z->data;
	rg_buf_put(out, z->cd.ptr, z->cd.len);
	put32(out, 0x06054b50);
	put16(out, 0);
	put16(out, 0);
	put16(out, z->n);
	put16(out, z->n);
	put32(out, (unsigned long)z->cd.len);
	put32(out, (unsigned long)cdoff);
	put16(out, 0);
	rg_buf_free(&z->cd);
	if (rg_buf_oom(out))
		die("out of memory");
}

/* Overwrite the uncompressed size of an entry in the central directory
** (and, when local is set, in its local header too). */
static void zip_patch_usize(rg_buf *zip, const char *name, unsigned long usize, int local)
{
	size_t i, nlen = strlen(name);
	unsigned char *p = (unsigned char *)zip->ptr;
	int done = 0;

	for (i = 0; i + 46 + nlen <= zip->len; i++) {
		if (p[i] == 'P' && p[i + 1] == 'K' && p[i + 2] == 1 && p[i + 3] == 2
		    && (size_t)(p[i + 28] | p[i + 29] << 8) == nlen && !memcmp(p + i + 46, name, nlen)) {
			unsigned long off = (unsigned long)p[i + 42] | (unsigned long)p[i + 43] << 8
				| (unsigned long)p[i + 44] << 16 | (unsigned long)p[i + 45] << 24;
			p[i + 24] = (unsigned char)(usize & 0xFF);
			p[i + 25] = (unsigned char)((usize >> 8) & 0xFF);
			p[i + 26] = (unsigned char)((usize >> 16) & 0xFF);
			p[i + 27] = (unsigned char)((usize >> 24) & 0xFF);
			if (local) {
				p[off + 22] = p[i + 24];
				p[off + 23] = p[i + 25];
				p[off + 24] = p[i + 26];
				p[off + 25] = p[i + 27];
			}
			done = 1;
		}
	}
	if (!done) {
		fprintf(stderr, "test_broken: no central entry %s to patch\n", name);
		exit(99);
	}
}

/* ------------------------------------------------------------------ */
/* DOCX and ODT packages                                               */

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define DOCX_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " W_NS "><w:body>"
#define DOCX_TAIL "</w:body></w:document>"
#define ODT_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.2\">" \
	"<office:body><office:text>"
#define ODT_TAIL "</office:text></office:body></office:document-content>"

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
	"wordprocessingml.document.main+xml\"/></Types>";
static const char root_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
	"Target=\"word/document.xml\"/></Relationships>";
static const char manifest[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
	"xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
	"<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
	"<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
	"</manifest:manifest>";

static void docx_begin(zw *z)
{
	memset(z, 0, sizeof(*z));
	zw_add(z, "[Content_Types].xml", content_types, strlen(content_types), 1);
	zw_add(z, "_rels/.rels", root_rels, strlen(root_rels), 1);
}

/* A DOCX whose word/document.xml is exactly xml. */
static rg_buf docx_raw(const char *xml, size_t len)
{
	rg_buf out;
	zw z;

	docx_begin(&z);
	zw_add(&z, "word/document.xml", xml, len, 1);
	zw_finish(&z, &out);
	return out;
}

/* A DOCX with body inside <w:body>. */
static rg_buf docx(const char *body)
{
	char *xml = cat3(DOCX_HEAD, body, DOCX_TAIL);
	rg_buf out = docx_raw(xml, strlen(xml));
	free(xml);
	return out;
}

static void odt_begin(zw *z)
{
	static const char mime[] = "application/vnd.oasis.opendocument.text";

	memset(z, 0, sizeof(*z));
	zw_add(z, "mimetype", mime, strlen(mime), 0);
	zw_add(z, "META-INF/manifest.xml", manifest, strlen(manifest), 1);
}

static rg_buf odt_raw(const char *xml, size_t len)
{
	rg_buf out;
	zw z;

	odt_begin(&z);
	zw_add(&z, "content.xml", xml, len, 1);
	zw_finish(&z, &out);
	return out;
}

static rg_buf odt(const char *text)
{
	char *xml = cat3(ODT_HEAD, text, ODT_TAIL);
	rg_buf out = odt_raw(xml, strlen(xml));
	free(xml);
	return out;
}

/* ------------------------------------------------------------------ */
/* Checking results                                                    */

static void print_outcome(const char *what, int rc, const rg_doc *doc)
{
	if (rc)
		printf("    %s -> %s: %s\n", what, rg_error_name(rc), rg_error_message());
	else
		printf("    %s -> read (%zu body blocks)\n", what, doc ? doc->body.len : 0);
	fflush(stdout);
}

/* An error with a one-line message; code 0 accepts any code; needle (if any) must be in it. */
static void expect_error(int rc, const rg_doc *doc, int code, const char *needle)
{
	const char *m = rg_error_message();

	CHECK(rc < 0);
	CHECK(doc == NULL);
	if (code)
		CHECK_INT(rc, code);
	CHECK(m[0] != '\0' && !strchr(m, '\n'));
	if (needle && !strstr(m, needle)) {
		fprintf(stderr, "    message \"%s\" does not name \"%s\"\n", m, needle);
		CHECK(strstr(m, needle) != NULL);
	}
}

static size_t walk_blocks(const rg_blocks *b, int depth, rg_buf *all);

static size_t walk_table(const rg_table *t, int depth, rg_buf *all)
{
	size_t bad = 0;
	int r, c;

	if (t->nrows < 0 || t->ncols < 0 || t->header_rows < 0 || t->header_rows > t->nrows)
		return 1;
	if (!t->cells && t->nrows && t->ncols)
		return 1;
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const rg_cell *cell = rg_table_cell(t, r, c);
			if (cell->text) {
				if (cell->colspan < 1 || cell->rowspan < 1 || cell->colspan > t->ncols - c
				    || cell->rowspan > t->nrows - r) {
					bad++;
				} else {
					/* the rest of its span: covered cells naming it */
					int i, j;
					for (i = 0; i < cell->rowspan; i++)
						for (j = 0; j < cell->colspan; j++) {
							const rg_cell *in = rg_table_cell(t, r + i, c + j);
							if ((i || j) && (in->text || in->cover_row != r || in->cover_col != c))
								bad++;
						}
				}
				if (!valid_utf8(cell->text, strlen(cell->text)))
					bad++;
				rg_buf_puts(all, cell->text);
				rg_buf_putc(all, '\n');
				bad += walk_blocks(&cell->body, depth + 1, all);
			} else {
				const rg_cell *o;
				if (cell->cover_row < 0 || cell->cover_row > r || cell->cover_col < 0
				    || cell->cover_col > c) {
					bad++;
					continue;
				}
				o = rg_table_cell(t, cell->cover_row, cell->cover_col);
				if (!o->text || cell->cover_row + o->rowspan <= r || cell->cover_col + o->colspan <= c)
					bad++;
			}
		}
	}
	return bad;
}

static size_t walk_blocks(const rg_blocks *b, int depth, rg_buf *all)
{
	size_t i, bad = 0;

	if (depth > 64)
		return 1;
	for (i = 0; i < b->len; i++) {
		const rg_block *blk = &b->items[i];
		if (blk->type == RG_BLOCK_PARAGRAPH && blk->text) {
			if (!valid_utf8(blk->text, strlen(blk->text)))
				bad++;
			rg_buf_puts(all, blk->text);
			rg_buf_putc(all, '\n');
		} else if (blk->type == RG_BLOCK_TABLE && blk->table) {
			bad += walk_table(blk->table, depth, all);
		} else {
			bad++;
		}
	}
	return bad;
}

/* A well-formed model: grids resolved, text valid UTF-8.  Returns all of its
** text (caller frees) for content checks. */
static char *check_doc(const rg_doc *doc)
{
	rg_buf all = RG_BUF_INIT;
	size_t bad;

	bad = walk_blocks(&doc->body, 0, &all) + walk_blocks(&doc->headers, 0, &all)
		+ walk_blocks(&doc->footers, 0, &all) + walk_blocks(&doc->footnotes, 0, &all)
		+ walk_blocks(&doc->textboxes, 0, &all);
	if (bad)
		fprintf(stderr, "    %zu broken places in the document model\n", bad);
	CHECK_INT(bad, 0);
	rg_buf_cstr(&all);
	if (rg_buf_oom(&all))
		die("out of memory");
	return all.ptr ? all.ptr : xstrdup("");
}

/* Extract and render: the model JSON (caller frees), after checking it is valid UTF-8. */
static char *extract_json(const rg_doc *doc)
{
	rg_limits lim;
	rg_parser *p = NULL;
	rg_model *m = NULL;
	rg_buf out = RG_BUF_INIT;
	int rc;

	rg_limits_default(&lim);
	rc = rg_parser_new(&p, RG_SOURCE_RULES_DIR, &lim);
	CHECK_INT(rc, 0);
	if (rc)
		return xstrdup("");
	rc = rg_extract(p, doc, &m);
	if (rc) {
		CHECK(rc < 0 && rg_error_message()[0]);
	} else {
		rg_model_write_json(&out, m, 1);
		CHECK(!rg_buf_oom(&out));
		CHECK(valid_utf8(out.ptr ? out.ptr : "", out.len));
	}
	rg_model_free(m);
	rg_parser_free(p);
	rg_buf_cstr(&out);
	return out.ptr ? out.ptr : xstrdup("");
}

/* Either a clear error or a sane model (also extracted end to end). */
static void expect_sane(int rc, rg_doc *doc)
{
	if (rc) {
		expect_error(rc, doc, 0, NULL);
		return;
	}
	CHECK(doc != NULL);
	if (doc) {
		free(check_doc(doc));
		free(extract_json(doc));
	}
}

static int read_mem(const char *what, const rg_buf *pkg, const rg_limits *lim, rg_doc **doc)
{
	int rc;

	rg_error_clear();
	rc = rg_read_memory(pkg->ptr, pkg->len, lim, doc);
	print_outcome(what, rc, *doc);
	return rc;
}

/* The first table of the body, or NULL. */
static const rg_table *first_table(const rg_doc *doc)
{
	size_t i;

	for (i = 0; doc && i < doc->body.len; i++)
		if (doc->body.items[i].type == RG_BLOCK_TABLE)
			return doc->body.items[i].table;
	return NULL;
}

/* Write bytes to tmpdir/name; returns the path (caller frees). */
static char *write_tmp(const char *name, const void *data, size_t len)
{
	char *path = malloc(strlen(tmpdir) + strlen(name) + 2);
	FILE *f;

	if (!path)
		die("malloc");
	sprintf(path, "%s/%s", tmpdir, name);
	if (!(f = fopen(path, "wb")) || (len && fwrite(data, 1, len, f) != len) || fclose(f))
		die(path);
	return path;
}

static char *slurp(const char *path)
{
	rg_buf b = RG_BUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return xstrdup("");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rg_buf_put(&b, chunk, n);
	fclose(f);
	rg_buf_cstr(&b);
	return b.ptr ? b.ptr : xstrdup("");
}

/* Run raingan with args (NULL-terminated); stdout and stderr are returned
** (caller frees); the exit status is returned, -1 when it did not exit. */
static int run_cli(const char *const *args, char **out, char **err)
{
	char outp[300], errp[300];
	const char *argv[32];
	int status, n = 0, fd;
	pid_t pid;

	snprintf(outp, sizeof(outp), "%s/cli.out", tmpdir);
	snprintf(errp, sizeof(errp), "%s/cli.err", tmpdir);
	argv[n++] = raingan_exe;
	while (*args && n < 31)
		argv[n++] = *args++;
	argv[n] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if ((fd = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 || dup2(fd, 1) < 0)
			_exit(126);
		close(fd);
		if ((fd = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 || dup2(fd, 2) < 0)
			_exit(126);
		close(fd);
		alarm(60 * TIME_FACTOR);
		execv(raingan_exe, (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid");
	*out = slurp(outp);
	*err = slurp(errp);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ------------------------------------------------------------------ */
/* The zip bomb: H + C x n + T, where C is one full-flushed deflate block of
** `chunk` spaces (a full flush ends byte-aligned with an empty history, so
** copies of it are a valid stream).                                    */

typedef struct {
	rg_buf comp;
	unsigned long crc;
	unsigned long long usize;
} bomb;

static void bomb_make(bomb *bm, const char *head, const char *fill, size_t chunk, size_t copies, const char *tail)
{
	unsigned char out[1 << 16];
	unsigned char *spaces, *cchunk = NULL;
	size_t clen = 0, fl = strlen(fill), i;
	unsigned long ccrc;
	z_stream s;
	int phase;

	memset(bm, 0, sizeof(*bm));
	if (!(spaces = malloc(chunk)))
		die("malloc");
	for (i = 0; i < chunk; i++)
		spaces[i] = (unsigned char)fill[i % fl];
	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		die("deflateInit2");
	for (phase = 0; phase < 3; phase++) {
		const unsigned char *in = phase == 0 ? (const unsigned char *)head
			: phase == 1 ? spaces : (const unsigned char *)tail;
		size_t inlen = phase == 0 ? strlen(head) : phase == 1 ? chunk : strlen(tail);
		int flush = phase == 2 ? Z_FINISH : Z_FULL_FLUSH, zr;
		rg_buf piece = RG_BUF_INIT;
		s.next_in = (Bytef *)(uintptr_t)in;
		s.avail_in = (uInt)inlen;
		do {
			s.next_out = out;
			s.avail_out = sizeof(out);
			zr = deflate(&s, flush);
			if (zr == Z_STREAM_ERROR)
				die("deflate");
			rg_buf_put(&piece, (const char *)out, sizeof(out) - s.avail_out);
		} while (s.avail_out == 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
		if (phase == 1) {
			cchunk = (unsigned char *)piece.ptr;
			clen = piece.len;
			for (i = 0; i < copies; i++)
				rg_buf_put(&bm->comp, (const char *)cchunk, clen);
		} else {
			rg_buf_put(&bm->comp, piece.ptr, piece.len);
			rg_buf_free(&piece);
		}
	}
	deflateEnd(&s);
	bm->crc = crc32(0L, (const Bytef *)head, (uInt)strlen(head));
	ccrc = crc32(0L, spaces, (uInt)chunk);
	for (i = 0; i < copies; i++)
		bm->crc = crc32_combine(bm->crc, ccrc, (z_off_t)chunk);
	bm->crc = crc32_combine(bm->crc, crc32(0L, (const Bytef *)tail, (uInt)strlen(tail)), (z_off_t)strlen(tail));
	bm->usize = strlen(head) + (unsigned long long)chunk * copies + strlen(tail);
	free(cchunk);
	free(spaces);
	if (rg_buf_oom(&bm->comp))
		die("out of memory");
}

/* A DOCX whose document.xml is the bomb (2 GiB + a little, declared honestly unless usize says). */
static rg_buf bomb_docx(const char *head, const char *fill, const char *tail, unsigned long long *usize)
{
	rg_buf out;
	bomb bm;
	zw z;

	bomb_make(&bm, head, fill, (size_t)16 << 20, 128, tail);   /* 2 GiB */
	printf("    bomb: %llu bytes deflated to %zu (ratio %.0f:1)\n", bm.usize, bm.comp.len,
		(double)bm.usize / (double)bm.comp.len);
	CHECK(bm.usize / bm.comp.len > 1000);
	docx_begin(&z);
	zw_add_raw(&z, "word/document.xml", bm.comp.ptr, bm.comp.len, bm.crc, (unsigned long)bm.usize, 8);
	zw_finish(&z, &out);
	rg_buf_free(&bm.comp);
	*usize = bm.usize;
	return out;
}

/* ------------------------------------------------------------------ */
/* The cases                                                           */

static void case_empty_file(void)
{
	rg_doc *doc = NULL;
	rg_buf empty = RG_BUF_INIT;
	char *path;
	int rc;

	rc = read_mem("memory, 0 bytes", &empty, NULL, &doc);
	expect_error(rc, doc, RG_EFORMAT, "empty");
	path = write_tmp("empty.docx", "", 0);
	rc = rg_read_file(path, NULL, &doc);
	print_outcome("file, 0 bytes", rc, doc);
	expect_error(rc, doc, RG_EFORMAT, "empty");
	rc = rg_read_docx_xml("", 0, NULL, &doc);
	print_outcome("document.xml, 0 bytes", rc, doc);
	expect_sane(rc, doc);
	rg_doc_free(doc);
	doc = NULL;
	rc = rg_read_odt_xml("", 0, NULL, &doc);
	print_outcome("content.xml, 0 bytes", rc, doc);
	expect_sane(rc, doc);
	rg_doc_free(doc);
	if (raingan_exe) {
		const char *args[] = { "dump", path, NULL };
		char *out, *err;
		int st = run_cli(args, &out, &err);
		printf("    raingan dump empty.docx -> exit %d: %s", st, err);
		CHECK(st == 1 && strstr(err, "empty"));
		free(out);
		free(err);
	}
	free(path);
}

static void case_random_bytes(void)
{
	size_t len = (size_t)1 << 20, i, k;
	rg_buf b = RG_BUF_INIT;
	rg_doc *doc = NULL;
	int rc, errors = 0;

	for (i = 0; i < len; i += 8) {
		unsigned long long r = rng();
		rg_buf_put(&b, (const char *)&r, 8);
	}
	rc = read_mem("1 MiB of random bytes", &b, NULL, &doc);
	expect_error(rc, doc, RG_EFORMAT, "not a zip");
	memcpy(b.ptr, "PK\003\004", 4);
	rc = read_mem("1 MiB of random bytes after PK\\3\\4", &b, NULL, &doc);
	expect_error(rc, doc, RG_EFORMAT, NULL);
	/* 300 short random inputs, also as XML parts */
	for (k = 0; k < 300; k++) {
		size_t n = 1 + (size_t)(rng() % 4096);
		rg_buf_truncate(&b, n);
		rc = rg_read_memory(b.ptr, n, NULL, &doc);
		expect_sane(rc, doc);
		rg_doc_free(doc);
		errors += rc != 0;
		rc = (k & 1) ? rg_read_odt_xml(b.ptr, n, NULL, &doc) : rg_read_docx_xml(b.ptr, n, NULL, &doc);
		if (rc)
			expect_error(rc, doc, 0, NULL);
		rg_doc_free(doc);
		doc = NULL;
	}
	printf("    300 short random inputs: %d refused\n", errors);
	CHECK_INT(errors, 300);
	rg_buf_free(&b);
}

static void case_zip_no_document(void)
{
	rg_doc *doc = NULL;
	rg_buf pkg;
	zw z;
	int rc;
	static const char rels_missing[] =
		"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
		"Target=\"word/missing.xml\"/></Relationships>";

	memset(&z, 0, sizeof(z));
	zw_add(&z, "hello.txt", "hello", 5, 0);
	zw_finish(&z, &pkg);
	rc = read_mem("zip with hello.txt only", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_EFORMAT, "document part");
	rg_buf_free(&pkg);

	memset(&z, 0, sizeof(z));
	zw_finish(&z, &pkg);
	rc = read_mem("zip with no entries", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_EFORMAT, NULL);
	rg_buf_free(&pkg);

	memset(&z, 0, sizeof(z));
	zw_add(&z, "[Content_Types].xml", content_types, strlen(content_types), 1);
	zw_add(&z, "_rels/.rels", rels_missing, strlen(rels_missing), 1);
	zw_finish(&z, &pkg);
	rc = read_mem("DOCX whose officeDocument target is missing", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_EFORMAT, "document part");
	rg_buf_free(&pkg);

	odt_begin(&z);
	zw_finish(&z, &pkg);
	rc = read_mem("ODT without content.xml", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_EFORMAT, "content.xml");
	rg_buf_free(&pkg);
}

static void case_truncated_zip(void)
{
	char *body = repeat("<w:p><w:r><w:t>ข้อความทดสอบ 123</w:t></w:r></w:p>", 200);
	rg_buf pkg = docx(body);
	rg_doc *doc = NULL;
	size_t cut, step, errors = 0, reads = 0;
	int rc;

	free(body);
	rc = read_mem("the whole package", &pkg, NULL, &doc);
	CHECK_INT(rc, 0);
	rg_doc_free(doc);
	doc = NULL;
	rc = rg_read_memory(pkg.ptr, pkg.len / 2, NULL, &doc);
	print_outcome("cut at half", rc, doc);
	expect_error(rc, doc, RG_EFORMAT, "truncated");
	step = pkg.len / 97 + 1;
	for (cut = 1; cut < pkg.len; cut += step) {
		rc = rg_read_memory(pkg.ptr, cut, NULL, &doc);
		expect_sane(rc, doc);
		rg_doc_free(doc);
		doc = NULL;
		if (rc)
			errors++;
		else
			reads++;
	}
	/* the end of central directory is 22 bytes: one byte less is no zip */
	rc = rg_read_memory(pkg.ptr, pkg.len - 1, NULL, &doc);
	print_outcome("cut 1 byte short", rc, doc);
	expect_error(rc, doc, RG_EFORMAT, NULL);
	printf("    %zu cut points: %zu refused, %zu read\n", errors + reads, errors, reads);
	CHECK_INT(reads, 0);
	rg_buf_free(&pkg);
}

static void case_huge_declared_size(void)
{
	rg_buf pkg = docx("<w:p><w:r><w:t>small</w:t></w:r></w:p>");
	rg_doc *doc = NULL;
	rg_limits lim;
	int rc;

	zip_patch_usize(&pkg, "word/document.xml", 0xFFFFFFF0ul, 0);
	rc = read_mem("document.xml declares 4 GiB (central directory)", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-part-size");
	zip_patch_usize(&pkg, "word/document.xml", 0xFFFFFFF0ul, 1);
	rc = read_mem("declares 4 GiB (central and local header)", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-part-size");
	/* with the limit out of the way the lie itself must not hurt */
	rg_limits_default(&lim);
	lim.max_part_size = (size_t)8 << 30;
	rc = read_mem("declares 4 GiB, --max-part-size 8G", &pkg, &lim, &doc);
	expect_sane(rc, doc);
	rg_doc_free(doc);
	rg_buf_free(&pkg);
}

static const char bomb_head[] = DOCX_HEAD "<w:p><w:r><w:t>bomb</w:t></w:r></w:p>";
static const char bomb_tail[] = "<w:p><w:r><w:t>end</w:t></w:r></w:p>" DOCX_TAIL;

static void case_zip_bomb(void)
{
	unsigned long long usize;
	rg_buf pkg = bomb_docx(bomb_head, " ", bomb_tail, &usize);
	rg_doc *doc = NULL;
	rg_limits lim;
	int rc;

	rc = read_mem("2 GiB of spaces between paragraphs, defaults", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-part-size");
	rg_limits_default(&lim);
	lim.max_part_size = (size_t)4 << 30;
	rc = read_mem("the same with --max-part-size 4G", &pkg, &lim, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-ratio");
	rg_buf_free(&pkg);
}

static void case_zip_bomb_lying_size(void)
{
	unsigned long long usize;
	rg_buf pkg = bomb_docx(bomb_head, " ", bomb_tail, &usize);
	rg_doc *doc = NULL;
	int rc;

	zip_patch_usize(&pkg, "word/document.xml", 100000ul, 1);
	rc = read_mem("2 GiB bomb declaring 100 kB, defaults", &pkg, NULL, &doc);
	expect_error(rc, doc, 0, NULL);
	rg_buf_free(&pkg);
}

static void case_zip_bomb_text(void)
{
	unsigned long long usize;
	rg_buf pkg = bomb_docx(DOCX_HEAD "<w:p><w:r><w:t xml:space=\"preserve\">", " ",
		"</w:t></w:r></w:p>" DOCX_TAIL, &usize);
	rg_doc *doc = NULL;
	rg_limits lim;
	int rc;

	/* 2 GiB of spaces inside one run of text, with the declared size hiding it */
	zip_patch_usize(&pkg, "word/document.xml", 100000ul, 1);
	rg_limits_default(&lim);
	lim.max_part_size = (size_t)64 << 20;
	rc = read_mem("2 GiB of spaces in one <w:t>, --max-part-size 64M", &pkg, &lim, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-part-size");
	/* with the defaults the text grows to the 256 MiB part limit: the
	** case's memory bound is max-part-size + 64 MiB */
	rc = read_mem("the same with the defaults", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-part-size");
	rg_buf_free(&pkg);
}

static void case_deep_nesting(void)
{
	const size_t levels = 100000;
	rg_doc *doc = NULL;
	char *open, *close, *mid, *all;
	rg_buf pkg;
	int rc;

	/* tables in tables */
	open = repeat("<w:tbl><w:tr><w:tc>", levels);
	close = repeat("<w:p/></w:tc></w:tr></w:tbl>", levels);
	mid = cat3(open, "<w:p><w:r><w:t>deep</w:t></w:r></w:p>", close);
	pkg = docx(mid);
	rc = read_mem("DOCX, 100,000 nested tables", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-nesting");
	rg_buf_free(&pkg);
	all = cat3(DOCX_HEAD, mid, DOCX_TAIL);
	rc = rg_read_docx_xml(all, strlen(all), NULL, &doc);
	print_outcome("document.xml alone, 100,000 nested tables", rc, doc);
	expect_error(rc, doc, RG_ELIMIT, "max-nesting");
	free(all);
	free(open);
	free(close);
	free(mid);

	/* plain elements (not containers of the model) */
	open = repeat("<w:sdt><w:sdtContent>", levels);
	close = repeat("</w:sdtContent></w:sdt>", levels);
	mid = cat3(open, "<w:p><w:r><w:t>deep</w:t></w:r></w:p>", close);
	pkg = docx(mid);
	rc = read_mem("DOCX, 100,000 nested w:sdt", &pkg, NULL, &doc);
	expect_sane(rc, doc);
	rg_doc_free(doc);
	doc = NULL;
	rg_buf_free(&pkg);
	free(open);
	free(close);
	free(mid);

	open = repeat("<x>", levels);
	close = repeat("</x>", levels);
	mid = cat3(open, "", close);
	pkg = docx(mid);
	rc = read_mem("DOCX, 100,000 nested unknown elements", &pkg, NULL, &doc);
	expect_sane(rc, doc);
	rg_doc_free(doc);
	doc = NULL;
	rg_buf_free(&pkg);
	free(open);
	free(close);
	free(mid);

	/* ODT */
	open = repeat("<table:table><table:table-column/><table:table-row><table:table-cell>", levels);
	close = repeat("</table:table-cell></table:table-row></table:table>", levels);
	mid = cat3(open, "<text:p>deep</text:p>", close);
	pkg = odt(mid);
	rc = read_mem("ODT, 100,000 nested tables", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-nesting");
	rg_buf_free(&pkg);
	free(open);
	free(close);
	free(mid);
	open = repeat("<text:span>", levels);
	close = repeat("</text:span>", levels);
	mid = cat3("<text:p>", open, "");
	all = cat3(mid, "deep", close);
	free(mid);
	mid = cat3(all, "</text:p>", "");
	pkg = odt(mid);
	rc = read_mem("ODT, 100,000 nested text:span", &pkg, NULL, &doc);
	expect_sane(rc, doc);
	rg_doc_free(doc);
	rg_buf_free(&pkg);
	free(all);
	free(open);
	free(close);
	free(mid);
}

static void case_billion_laughs(void)
{
	static const char lol[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
		"<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		"<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		"<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		"<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		"<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		"<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		"<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		"<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		"]>\n";
	char *xml;
	rg_buf pkg;
	rg_doc *doc = NULL;
	int rc;

	xml = cat3(lol, "<w:document " W_NS "><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", DOCX_TAIL);
	pkg = docx_raw(xml, strlen(xml));
	rc = read_mem("DOCX with billion laughs", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_EFORMAT, "DOCTYPE");
	rg_buf_free(&pkg);
	rc = rg_read_docx_xml(xml, strlen(xml), NULL, &doc);
	print_outcome("document.xml alone", rc, doc);
	expect_error(rc, doc, RG_EFORMAT, "DOCTYPE");
	free(xml);
	xml = cat3(lol, "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
		"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
		"<text:p>&lol9;</text:p>", ODT_TAIL);
	pkg = odt_raw(xml, strlen(xml));
	rc = read_mem("ODT with billion laughs", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_EFORMAT, "DOCTYPE");
	rg_buf_free(&pkg);
	free(xml);
	/* in a .rels part and in the manifest too */
	{
		zw z;
		char *rels = cat3(lol, "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
			"<Relationship Id=\"&lol9;\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
			"relationships/officeDocument\" Target=\"word/document.xml\"/>", "</Relationships>");
		static const char body[] = DOCX_HEAD "<w:p><w:r><w:t>x</w:t></w:r></w:p>" DOCX_TAIL;
		memset(&z, 0, sizeof(z));
		zw_add(&z, "_rels/.rels", rels, strlen(rels), 1);
		zw_add(&z, "word/document.xml", body, strlen(body), 1);
		zw_finish(&z, &pkg);
		rc = read_mem("billion laughs in _rels/.rels", &pkg, NULL, &doc);
		expect_error(rc, doc, RG_EFORMAT, "DOCTYPE");
		rg_buf_free(&pkg);
		free(rels);
	}
}

/* Nothing of the secret may show anywhere: model text, doc JSON, model JSON, CLI output. */
static void no_secret(const char *what, int rc, rg_doc *doc, const char *needle1, const char *needle2,
		      const char *file)
{
	print_outcome(what, rc, doc);
	if (!rc && doc) {
		char *text = check_doc(doc);
		char *json = extract_json(doc);
		rg_buf dj = RG_BUF_INIT;
		rg_render_doc_json(&dj, doc, 1);
		rg_buf_cstr(&dj);
		CHECK(!strstr(text, needle1) && !strstr(text, needle2));
		CHECK(!strstr(json, needle1) && !strstr(json, needle2));
		CHECK(dj.ptr && !strstr(dj.ptr, needle1) && !strstr(dj.ptr, needle2));
		free(text);
		free(json);
		rg_buf_free(&dj);
	} else {
		CHECK(!strstr(rg_error_message(), needle1) && !strstr(rg_error_message(), needle2));
	}
	if (raingan_exe && file) {
		const char *cmds[][5] = {
			{ "dump", "--format", "json", file, NULL },
			{ "dump", file, NULL, NULL, NULL },
			{ "parse", file, NULL, NULL, NULL },
			{ "check", file, NULL, NULL, NULL },
		};
		size_t k;
		for (k = 0; k < sizeof(cmds) / sizeof(cmds[0]); k++) {
			char *out, *err;
			int st = run_cli(cmds[k], &out, &err);
			CHECK(st >= 0 && st <= 2);
			CHECK(!strstr(out, needle1) && !strstr(out, needle2));
			CHECK(!strstr(err, needle1) && !strstr(err, needle2));
			if (strstr(out, needle1) || strstr(out, needle2) || strstr(err, needle1) || strstr(err, needle2))
				fprintf(stderr, "    raingan %s %s shows the secret\n", cmds[k][0], cmds[k][1]);
			free(out);
			free(err);
		}
	}
	rg_doc_free(doc);
}

static void case_external_entity(void)
{
	char passwd_line[256] = "root:x:0:0:", secret[128], *secret_path, url[512], *xml, *file;
	const char *targets[2];
	rg_doc *doc = NULL;
	rg_buf pkg;
	FILE *f;
	size_t t;
	int rc;

	/* the first line of /etc/passwd, and a secret file of our own */
	if ((f = fopen("/etc/passwd", "r"))) {
		if (fgets(passwd_line, sizeof(passwd_line), f))
			passwd_line[strcspn(passwd_line, "\n")] = '\0';
		fclose(f);
	}
	snprintf(secret, sizeof(secret), "SECRET-%ld-%d-do-not-leak", (long)time(NULL), (int)getpid());
	secret_path = write_tmp("secret.txt", secret, strlen(secret));
	targets[0] = "/etc/passwd";
	targets[1] = secret_path;
	printf("    needles: \"%s\" and \"%s\"\n", passwd_line, secret);
	for (t = 0; t < 2; t++) {
		const char *needle2 = t == 0 ? "root:x:0:0" : secret;
		char dtd[1024];
		snprintf(url, sizeof(url), "file://%s", targets[t]);
		/* general external entity in DOCX text */
		snprintf(dtd, sizeof(dtd), "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"%s\">]>", url);
		xml = cat3(dtd, "<w:document " W_NS "><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", DOCX_TAIL);
		pkg = docx_raw(xml, strlen(xml));
		file = write_tmp("xxe.docx", pkg.ptr, pkg.len);
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		no_secret(t ? "DOCX &xxe; -> secret file" : "DOCX &xxe; -> /etc/passwd", rc, doc,
			passwd_line, needle2, file);
		doc = NULL;
		rc = rg_read_docx_xml(xml, strlen(xml), NULL, &doc);
		no_secret("document.xml alone", rc, doc, passwd_line, needle2, NULL);
		doc = NULL;
		free(xml);
		free(file);
		rg_buf_free(&pkg);
		/* external DTD (parameter entities) */
		snprintf(dtd, sizeof(dtd), "<?xml version=\"1.0\"?><!DOCTYPE w:document SYSTEM \"%s\">", url);
		xml = cat3(dtd, "<w:document " W_NS "><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p>", DOCX_TAIL);
		pkg = docx_raw(xml, strlen(xml));
		file = write_tmp("xxe-dtd.docx", pkg.ptr, pkg.len);
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		no_secret("DOCX external DTD", rc, doc, passwd_line, needle2, file);
		doc = NULL;
		free(xml);
		free(file);
		rg_buf_free(&pkg);
		snprintf(dtd, sizeof(dtd), "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY %% p SYSTEM \"%s\"> %%p;]>", url);
		xml = cat3(dtd, "<w:document " W_NS "><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p>", DOCX_TAIL);
		pkg = docx_raw(xml, strlen(xml));
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		no_secret("DOCX parameter entity", rc, doc, passwd_line, needle2, NULL);
		doc = NULL;
		free(xml);
		rg_buf_free(&pkg);
		/* XInclude (must stay an unknown element) */
		snprintf(dtd, sizeof(dtd), "<w:p><w:r><w:t>a</w:t></w:r><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
			"href=\"%s\" parse=\"text\"/></w:p>", url);
		pkg = docx(dtd);
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		no_secret("DOCX xi:include", rc, doc, passwd_line, needle2, NULL);
		doc = NULL;
		rg_buf_free(&pkg);
		/* ODT */
		snprintf(dtd, sizeof(dtd), "<?xml version=\"1.0\"?><!DOCTYPE office:document-content "
			"[<!ENTITY xxe SYSTEM \"%s\">]>", url);
		xml = cat3(dtd, "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
			"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
			"<text:p>&xxe;</text:p>", ODT_TAIL);
		pkg = odt_raw(xml, strlen(xml));
		file = write_tmp("xxe.odt", pkg.ptr, pkg.len);
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		no_secret("ODT &xxe;", rc, doc, passwd_line, needle2, file);
		doc = NULL;
		rc = rg_read_odt_xml(xml, strlen(xml), NULL, &doc);
		no_secret("content.xml alone", rc, doc, passwd_line, needle2, NULL);
		doc = NULL;
		free(xml);
		free(file);
		rg_buf_free(&pkg);
		/* a relationship target pointing out of the package */
		{
			zw z;
			char rels[1024];
			static const char body[] = DOCX_HEAD "<w:p><w:r><w:t>x</w:t></w:r></w:p>" DOCX_TAIL;
			snprintf(rels, sizeof(rels), "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
				"openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
				"schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\""
				"../../../../../../..%s\"/></Relationships>", targets[t]);
			memset(&z, 0, sizeof(z));
			zw_add(&z, "_rels/.rels", rels, strlen(rels), 1);
			zw_add(&z, "word/document.xml", body, strlen(body), 1);
			zw_finish(&z, &pkg);
			rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
			no_secret("DOCX officeDocument target ../../..", rc, doc, passwd_line, needle2, NULL);
			doc = NULL;
			rg_buf_free(&pkg);
		}
	}
	unlink(secret_path);
	free(secret_path);
}

static void case_invalid_utf8(void)
{
	static const char *const bad[] = {
		"\xff\xfe", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe0\xb8", "\x80", "\xf8\x88\x80\x80\x80",
		"\xe0\xb8\xa1\xe0\xb8\141bc",
	};
	size_t i;
	int rc, errors = 0, reads = 0;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char body[256];
		rg_doc *doc = NULL;
		rg_buf pkg;
		snprintf(body, sizeof(body), "<w:p><w:r><w:t>ก่อน %s หลัง</w:t></w:r></w:p>", bad[i]);
		pkg = docx(body);
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		expect_sane(rc, doc);
		errors += rc != 0;
		reads += rc == 0;
		rg_doc_free(doc);
		doc = NULL;
		rg_buf_free(&pkg);
		snprintf(body, sizeof(body), "<text:p>ก่อน %s หลัง</text:p>", bad[i]);
		pkg = odt(body);
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		if (i == 0)
			print_outcome("ODT, bytes ff fe in text", rc, doc);
		expect_sane(rc, doc);
		errors += rc != 0;
		reads += rc == 0;
		rg_doc_free(doc);
		doc = NULL;
		rg_buf_free(&pkg);
		/* in an attribute, and as a whole XML part alone */
		snprintf(body, sizeof(body), "<w:p><w:r><w:sym w:font=\"%s\" w:char=\"F0FE\"/></w:r></w:p>", bad[i]);
		pkg = docx(body);
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		expect_sane(rc, doc);
		rg_doc_free(doc);
		rg_buf_free(&pkg);
	}
	printf("    %d packages with invalid UTF-8 in text: %d refused, %d read (text valid UTF-8)\n",
		errors + reads, errors, reads);
	/* Latin-1 declared: converted, so valid UTF-8 */
	{
		static const char latin[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><w:document " W_NS
			"><w:body><w:p><w:r><w:t>caf\xe9</w:t></w:r></w:p>" DOCX_TAIL;
		rg_buf pkg = docx_raw(latin, strlen(latin));
		rg_doc *doc = NULL;
		rc = read_mem("document.xml declared ISO-8859-1", &pkg, NULL, &doc);
		expect_sane(rc, doc);
		rg_doc_free(doc);
		rg_buf_free(&pkg);
	}
}

/* n cells, each with its number (so the part does not compress like a bomb) */
static char *numbered_cells(const char *fmt, size_t n)
{
	rg_buf b = RG_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		rg_buf_printf(&b, fmt, (rng() % 1000000) * 7 + i);
	rg_buf_cstr(&b);
	if (rg_buf_oom(&b))
		die("out of memory");
	return b.ptr;
}

static void case_table_10000_columns(void)
{
	char *grid = repeat("<w:gridCol w:w=\"10\"/>", 10000);
	char *row = numbered_cells("<w:tc><w:p><w:r><w:t>c%zu</w:t></w:r></w:p></w:tc>", 10000);
	char *a = cat3("<w:tbl><w:tblGrid>", grid, "</w:tblGrid><w:tr>");
	char *b = cat3(row, "</w:tr><w:tr>", row);
	char *body = cat3(a, b, "</w:tr></w:tbl>");
	rg_buf pkg = docx(body);
	rg_doc *doc = NULL;
	const rg_table *t;
	int rc;

	rc = read_mem("DOCX, 2 rows x 10,000 columns", &pkg, NULL, &doc);
	CHECK_INT(rc, 0);
	expect_sane(rc, doc);
	t = first_table(doc);
	CHECK(t && t->ncols == 10000 && t->nrows == 2);
	rg_doc_free(doc);
	doc = NULL;
	rg_buf_free(&pkg);
	free(grid);
	free(row);
	free(a);
	free(b);
	free(body);

	row = numbered_cells("<table:table-cell><text:p>c%zu</text:p></table:table-cell>", 10000);
	a = cat3("<table:table><table:table-column table:number-columns-repeated=\"10000\"/><table:table-row>", row,
		"</table:table-row>");
	body = cat3(a, "<table:table-row>", "");
	free(a);
	a = cat3(body, row, "</table:table-row></table:table>");
	pkg = odt(a);
	rc = read_mem("ODT, 2 rows x 10,000 columns", &pkg, NULL, &doc);
	CHECK_INT(rc, 0);
	expect_sane(rc, doc);
	t = first_table(doc);
	CHECK(t && t->ncols == 10000 && t->nrows == 2);
	rg_doc_free(doc);
	rg_buf_free(&pkg);
	free(row);
	free(a);
	free(body);
}

static void case_huge_spans(void)
{
	static const char *const vals[] = { "2147483648", "2147483647", "4294967296", "4294967295", "-1", "0",
		"-2147483648", "99999999999999999999", "1e9", "0x7fffffff", "" };
	size_t i;
	int rc;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		char body[1024];
		rg_doc *doc = NULL;
		rg_buf pkg;
		const rg_table *t;
		snprintf(body, sizeof(body), "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
			"<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"%s\"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc>"
			"<w:tc><w:p><w:r><w:t>after</w:t></w:r></w:p></w:tc></w:tr>"
			"<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>", vals[i]);
		pkg = docx(body);
		rg_error_clear();
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		if (i < 2 || rc)
			printf("    gridSpan %s ->", vals[i]);
		if (rc) {
			printf(" %s: %s\n", rg_error_name(rc), rg_error_message());
			expect_error(rc, doc, RG_ELIMIT, "max-table-cells");
		} else {
			char *text;
			t = first_table(doc);
			if (i < 2)
				printf(" read, %d x %d\n", t ? t->nrows : -1, t ? t->ncols : -1);
			expect_sane(rc, doc);
			CHECK(t && t->ncols <= 1024);
			text = check_doc(doc);
			CHECK(strstr(text, "wide") && strstr(text, "after"));   /* no text lost */
			free(text);
		}
		rg_doc_free(doc);
		doc = NULL;
		rg_buf_free(&pkg);

		snprintf(body, sizeof(body), "<table:table><table:table-column table:number-columns-repeated=\"2\"/>"
			"<table:table-row><table:table-cell table:number-columns-spanned=\"%s\" "
			"table:number-rows-spanned=\"%s\"><text:p>wide</text:p></table:table-cell>"
			"<table:table-cell><text:p>after</text:p></table:table-cell></table:table-row>"
			"<table:table-row><table:table-cell/><table:table-cell/></table:table-row></table:table>", vals[i], vals[i]);
		pkg = odt(body);
		rg_error_clear();
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		if (rc) {
			printf("    ODT spans %s -> %s: %s\n", vals[i], rg_error_name(rc), rg_error_message());
			expect_error(rc, doc, RG_ELIMIT, "max-table-cells");
		} else {
			char *text;
			expect_sane(rc, doc);
			t = first_table(doc);
			CHECK(t && t->ncols <= 1024 && t->nrows <= 1024);
			text = check_doc(doc);
			CHECK(strstr(text, "wide") && strstr(text, "after"));
			free(text);
		}
		rg_doc_free(doc);
		doc = NULL;
		rg_buf_free(&pkg);

		/* repeats: a clear limit error or a sane table, never 2^31 cells */
		snprintf(body, sizeof(body), "<table:table><table:table-column table:number-columns-repeated=\"%s\"/>"
			"<table:table-row table:number-rows-repeated=\"%s\"><table:table-cell "
			"table:number-columns-repeated=\"%s\"><text:p>r</text:p></table:table-cell>"
			"<table:covered-table-cell table:number-columns-repeated=\"%s\"/></table:table-row></table:table>",
			vals[i], vals[i], vals[i], vals[i]);
		pkg = odt(body);
		rg_error_clear();
		rc = rg_read_memory(pkg.ptr, pkg.len, NULL, &doc);
		if (i < 2 || rc)
			printf("    ODT repeats %s -> %s%s%s\n", vals[i], rc ? rg_error_name(rc) : "read",
				rc ? ": " : "", rc ? rg_error_message() : "");
		if (rc)
			expect_error(rc, doc, RG_ELIMIT, "max-table-cells");
		else
			expect_sane(rc, doc);
		rg_doc_free(doc);
		rg_buf_free(&pkg);
	}
}

static void case_vmerge_continues_nothing(void)
{
	rg_buf pkg = docx("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
		"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>orphan</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>span</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:tcPr><w:vMerge w:val=\"continue\"/></w:tcPr><w:p><w:r><w:t>under-span</w:t></w:r></w:p></w:tc></w:tr>"
		"</w:tbl>"
		"<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"continue\"/></w:tcPr><w:p><w:r><w:t>alone</w:t></w:r></w:p>"
		"</w:tc></w:tr></w:tbl>");
	rg_doc *doc = NULL;
	const rg_table *t;
	char *text;
	int rc;

	rc = read_mem("vMerge continue in the first row, under a span, alone", &pkg, NULL, &doc);
	CHECK_INT(rc, 0);
	expect_sane(rc, doc);
	t = first_table(doc);
	CHECK(t && t->nrows == 3 && t->ncols == 2);
	if (doc) {
		text = check_doc(doc);
		/* the continuing cell's text is kept (or the cell stands alone) */
		CHECK(strstr(text, "orphan") != NULL);
		CHECK(strstr(text, "alone") != NULL);
		CHECK(strstr(text, "under-span") != NULL);
		if (!strstr(text, "orphan") || !strstr(text, "alone") || !strstr(text, "under-span"))
			fprintf(stderr, "    text lost; the model has: %s\n", text);
		free(text);
	}
	rg_doc_free(doc);
	doc = NULL;
	rg_buf_free(&pkg);

	/* a continuation wider or narrower than the cell it continues (found by
	** fuzz_xml): the merge must stay a rectangle, no cell inside another */
	pkg = docx("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>top</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p>"
		"</w:tc></w:tr></w:tbl>"
		"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>X</w:t></w:r></w:p></w:tc></w:tr>"
		"</w:tbl>");
	rc = read_mem("vMerge continue wider / narrower than the cell above", &pkg, NULL, &doc);
	CHECK_INT(rc, 0);
	expect_sane(rc, doc);
	if (doc) {
		text = check_doc(doc);
		CHECK(strstr(text, "top") && strstr(text, "wide") && strstr(text, "A") && strstr(text, "X"));
		free(text);
	}
	rg_doc_free(doc);
	rg_buf_free(&pkg);
}

static void case_odf_covered_without_covering(void)
{
	rg_buf pkg = odt("<table:table><table:table-column table:number-columns-repeated=\"3\"/>"
		"<table:table-row><table:covered-table-cell><text:p>hidden</text:p></table:covered-table-cell>"
		"<table:table-cell><text:p>a</text:p></table:table-cell>"
		"<table:covered-table-cell/></table:table-row>"
		"<table:table-row><table:covered-table-cell table:number-columns-repeated=\"3\"/></table:table-row>"
		"<table:table-row><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row>"
		"</table:table>"
		"<table:table><table:table-row><table:covered-table-cell/></table:table-row></table:table>");
	rg_doc *doc = NULL;
	const rg_table *t;
	char *text;
	int rc;

	rc = read_mem("ODT covered cells without a covering cell", &pkg, NULL, &doc);
	CHECK_INT(rc, 0);
	expect_sane(rc, doc);
	t = first_table(doc);
	CHECK(t && t->ncols == 3 && t->nrows == 3);
	if (doc) {
		text = check_doc(doc);
		CHECK(strstr(text, "a\n") && strstr(text, "b\n"));
		free(text);
	}
	rg_doc_free(doc);
	rg_buf_free(&pkg);
}

static void case_span_past_width(void)
{
	rg_buf pkg = docx("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
		"<w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:tcPr><w:gridSpan w:val=\"5\"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:p><w:r><w:t>extra</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>last</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:p/></w:tc></w:tr></w:tbl>");
	rg_doc *doc = NULL;
	char *text;
	int rc;

	rc = read_mem("DOCX gridSpan 5 in a 2-column grid, vMerge restart in the last row", &pkg, NULL, &doc);
	CHECK_INT(rc, 0);
	expect_sane(rc, doc);
	if (doc) {
		text = check_doc(doc);
		CHECK(strstr(text, "wide") && strstr(text, "extra") && strstr(text, "last"));
		free(text);
	}
	rg_doc_free(doc);
	doc = NULL;
	rg_buf_free(&pkg);

	pkg = odt("<table:table><table:table-column table:number-columns-repeated=\"2\"/>"
		"<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell>"
		"<table:table-cell table:number-columns-spanned=\"5\" table:number-rows-spanned=\"9\">"
		"<text:p>wide</text:p></table:table-cell><table:covered-table-cell/>"
		"<table:table-cell><text:p>extra</text:p></table:table-cell></table:table-row>"
		"<table:table-row><table:table-cell table:number-rows-spanned=\"7\"><text:p>down</text:p>"
		"</table:table-cell></table:table-row></table:table>");
	rc = read_mem("ODT column span 5 and row span 9 in a 2 x 2 table", &pkg, NULL, &doc);
	CHECK_INT(rc, 0);
	expect_sane(rc, doc);
	if (doc) {
		text = check_doc(doc);
		CHECK(strstr(text, "wide") && strstr(text, "extra") && strstr(text, "down"));
		free(text);
	}
	rg_doc_free(doc);
	rg_buf_free(&pkg);
}

/* A 4 x 5 table (20 cells) */
static char *table_20_cells(void)
{
	char *row = repeat("<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>", 5);
	char *tr = cat3("<w:tr>", row, "</w:tr>");
	char *rows = repeat(tr, 4);
	char *tbl = cat3("<w:tbl>", rows, "</w:tbl>");

	free(row);
	free(tr);
	free(rows);
	return tbl;
}

static char *nested_3(void)
{
	return xstrdup("<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p>"
		"</w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>");
}

static void case_limit_options(void)
{
	char *tbl = table_20_cells(), *nest = nested_3(), *big = repeat("<w:p><w:r><w:t>abcdefgh</w:t></w:r></w:p>", 200);
	char *rnd = malloc((1 << 21) + 1);
	rg_buf p_cells = docx(tbl), p_nest = docx(nest), p_big = docx(big), p_ratio;
	rg_doc *doc = NULL;
	rg_limits lim;
	size_t i;
	unsigned ratio = 0;
	char half_ratio[32];
	int rc;

	if (!rnd)
		die("malloc");
	/* 2 MiB of text compressing some 20-60:1 (spaces and a few random digits) */
	for (i = 0; i < (1u << 21); i++)
		rnd[i] = (rng() % 64) ? ' ' : (char)('0' + rng() % 10);
	rnd[1 << 21] = '\0';
	{
		char *body = cat3("<w:p><w:r><w:t xml:space=\"preserve\">", rnd, "</w:t></w:r></w:p>");
		unsigned char *comp;
		size_t clen = deflate_all(body, strlen(body), &comp);
		ratio = (unsigned)(strlen(body) / clen);
		printf("    the 2 MiB part deflates %u:1\n", ratio);
		CHECK(ratio >= 4 && ratio < RG_DEFAULT_MAX_RATIO);
		snprintf(half_ratio, sizeof(half_ratio), "%u", ratio / 2);
		p_ratio = docx(body);
		free(comp);
		free(body);
	}

	rg_limits_default(&lim);
	rc = read_mem("20-cell table, defaults", &p_cells, &lim, &doc);
	CHECK_INT(rc, 0);
	rg_doc_free(doc);
	doc = NULL;
	lim.max_table_cells = 10;
	rc = read_mem("20-cell table, max_table_cells 10", &p_cells, &lim, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-table-cells");
	lim.max_table_cells = 20;
	rc = read_mem("20-cell table, max_table_cells 20", &p_cells, &lim, &doc);
	CHECK_INT(rc, 0);
	rg_doc_free(doc);
	doc = NULL;

	rg_limits_default(&lim);
	lim.max_nesting = 2;
	rc = read_mem("3 nested tables, max_nesting 2", &p_nest, &lim, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-nesting");
	lim.max_nesting = 3;
	rc = read_mem("3 nested tables, max_nesting 3", &p_nest, &lim, &doc);
	CHECK_INT(rc, 0);
	rg_doc_free(doc);
	doc = NULL;

	rg_limits_default(&lim);
	lim.max_part_size = 1024;
	rc = read_mem("8 kB document.xml, max_part_size 1024", &p_big, &lim, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-part-size");

	rg_limits_default(&lim);
	rc = read_mem("2 MiB part, defaults", &p_ratio, &lim, &doc);
	CHECK_INT(rc, 0);
	rg_doc_free(doc);
	doc = NULL;
	lim.max_ratio = ratio / 2;
	rc = read_mem("2 MiB part, max_ratio at half its ratio", &p_ratio, &lim, &doc);
	expect_error(rc, doc, RG_ELIMIT, "max-ratio");

	if (raingan_exe) {
		char *f_cells = write_tmp("cells.docx", p_cells.ptr, p_cells.len);
		char *f_nest = write_tmp("nest.docx", p_nest.ptr, p_nest.len);
		char *f_big = write_tmp("big.docx", p_big.ptr, p_big.len);
		char *f_ratio = write_tmp("ratio.docx", p_ratio.ptr, p_ratio.len);
		struct {
			const char *args[6];
			int status;
			const char *needle;
		} runs[] = {
			{ { "dump", f_cells, NULL }, 0, NULL },
			{ { "dump", "--max-table-cells", "10", f_cells, NULL }, 1, "max-table-cells" },
			{ { "dump", "--max-table-cells=10", "--format", "json", f_cells, NULL }, 1, "max-table-cells" },
			{ { "parse", "--max-table-cells", "10", f_cells, NULL }, 1, "max-table-cells" },
			{ { "dump", "--max-nesting", "2", f_nest, NULL }, 1, "max-nesting" },
			{ { "parse", "--max-nesting=2", f_nest, NULL }, 1, "max-nesting" },
			{ { "dump", "--max-part-size", "1K", f_big, NULL }, 1, "max-part-size" },
			{ { "parse", "--max-part-size", "1K", f_big, NULL }, 1, "max-part-size" },
			{ { "dump", "--max-ratio", half_ratio, f_ratio, NULL }, 1, "max-ratio" },
			{ { "parse", "--max-ratio", half_ratio, f_ratio, NULL }, 1, "max-ratio" },
			{ { "dump", "--max-ratio", "0", f_ratio, NULL }, 2, "max-ratio" },
			{ { "dump", "--max-table-cells", "ten", f_ratio, NULL }, 2, "max-table-cells" },
		};
		size_t k;
		for (k = 0; k < sizeof(runs) / sizeof(runs[0]); k++) {
			char *out, *err;
			int st = run_cli(runs[k].args, &out, &err);
			int ok = runs[k].needle ? (st != 0 && strstr(err, runs[k].needle) != NULL) : st == 0;
			printf("    raingan %s %s %s -> exit %d: %.*s\n", runs[k].args[0], runs[k].args[1],
				runs[k].args[2] ? runs[k].args[2] : "", st, (int)strcspn(err, "\n"), err);
			CHECK(ok);
			if (runs[k].needle && st != runs[k].status)
				printf("    (exit %d, expected %d)\n", st, runs[k].status);
			free(out);
			free(err);
		}
		free(f_cells);
		free(f_nest);
		free(f_big);
		free(f_ratio);
	}
	free(tbl);
	free(nest);
	free(big);
	free(rnd);
	rg_buf_free(&p_cells);
	rg_buf_free(&p_nest);
	rg_buf_free(&p_big);
	rg_buf_free(&p_ratio);
}

/* ------------------------------------------------------------------ */
/* Running the cases                                                   */

/* ------------------------------------------------------------------ */
/* Issue 12: legacy files, alternative chunks, conversion               */

/* OLE2 compound files that lie: sector numbers past the file, FAT and DIFAT
** chains that loop, huge sector shifts, directory entries with wild sizes,
** and random bytes after the signature.  Each is refused cleanly, or
** detected as a Word document (then refused because conversion is off). */
static void case_ole_hostile(void)
{
	static const unsigned char magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	rg_limits lim;
	size_t i, k;
	int rc, refused = 0;

	rg_limits_default(&lim);
	lim.no_convert = 1;
	for (i = 0; i < 400; i++) {
		size_t len = 512 * (2 + (size_t)(rng() % 40));
		unsigned char *p = malloc(len);
		rg_doc *doc = NULL;
		if (!p)
			die("malloc");
		for (k = 0; k < len; k++)
			p[k] = (unsigned char)rng();
		memcpy(p, magic, 8);
		if (i % 2) {   /* a plausible header, so the walk goes deep */
			p[0x1C] = 0xFE;
			p[0x1D] = 0xFF;
			p[0x1E] = i % 4 == 1 ? 9 : 12;
			p[0x1F] = 0;
			memset(p + 0x30, (int)(i % 3), 4);          /* directory in sector 0..2 */
			memset(p + 0x4C, 0, 4);                     /* FAT in sector 0: entries that loop */
		}
		if (i % 5 == 0 && len > 1024) {                 /* a directory naming WordDocument */
			static const char name[] = "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";
			size_t e = 512 + 128 * (rng() % 4);
			memcpy(p + e, name, sizeof(name) - 1);
			p[e + 0x40] = 26;
			p[e + 0x41] = 0;
			p[e + 0x42] = 2;
		}
		rg_error_clear();
		rc = rg_read_memory(p, len, &lim, &doc);
		expect_error(rc, doc, 0, NULL);
		refused += rc == RG_EFORMAT || rc == RG_EENCRYPTED;
		rg_doc_free(doc);
		free(p);
	}
	printf("    400 hostile OLE2 files -> %d refused as not convertible (format/encrypted), the rest\n"
	       "    detected and refused because conversion is off\n", refused);
}

static rg_buf docx_with_chunk(const char *body, const char *target, const char *type, const char *data, size_t len,
			      int compress)
{
	static const char rel_head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
		"xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
	char *xml = cat3(DOCX_HEAD, body, DOCX_TAIL), rels[1024], ct[1024];
	rg_buf out;
	zw z;

	snprintf(rels, sizeof(rels), "%s<Relationship Id=\"rIdA\" Type=\"http://schemas.openxmlformats.org/"
		"officeDocument/2006/relationships/aFChunk\" Target=\"%s\"/></Relationships>", rel_head, target);
	snprintf(ct, sizeof(ct), "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
		"content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
		"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
		"wordprocessingml.document.main+xml\"/><Override PartName=\"/word/%s\" ContentType=\"%s\"/></Types>", target, type);
	memset(&z, 0, sizeof(z));
	zw_add(&z, "[Content_Types].xml", ct, strlen(ct), 1);
	zw_add(&z, "_rels/.rels", root_rels, strlen(root_rels), 1);
	zw_add(&z, "word/document.xml", xml, strlen(xml), 1);
	zw_add(&z, "word/_rels/document.xml.rels", rels, strlen(rels), 1);
	if (data) {
		char *name = cat3("word/", target, "");
		zw_add(&z, name, data, len, compress);
		free(name);
	}
	zw_finish(&z, &out);
	free(xml);
	return out;
}

/* Alternative chunks that attack: the document naming itself as its chunk (twice
** per level: 2^depth reads if nothing stopped it), 100,000 nested HTML
** elements, HTML spans of 2^31, a web archive without its boundary. */
static void case_altchunk_hostile(void)
{
	const char *two = "<w:p><w:r><w:t>a</w:t></w:r></w:p><w:altChunk xmlns:r=\"http://schemas.openxmlformats.org/"
		"officeDocument/2006/relationships\" r:id=\"rIdA\"/><w:altChunk xmlns:r=\"http://schemas.openxmlformats.org/"
		"officeDocument/2006/relationships\" r:id=\"rIdA\"/>";
	const char *one = "<w:p><w:r><w:t>a</w:t></w:r></w:p><w:altChunk xmlns:r=\"http://schemas.openxmlformats.org/"
		"officeDocument/2006/relationships\" r:id=\"rIdA\"/><w:p><w:r><w:t>b</w:t></w:r></w:p>";
	char *deep_open = repeat("<div>", 100000), *deep_close = repeat("</div>", 100000);
	char *deep = cat3(deep_open, "ลึก", deep_close);
	const char *spans = "<html><body><table><tr><td colspan=\"2147483648\" rowspan=\"99999999999\">ก</td>"
		"<td rowspan=\"-5\">ข</td></tr><tr><td>ค</td></tr></table></body></html>";
	const char *mht = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"B\"\n\nno parts at all";
	rg_buf pkg;
	rg_doc *doc = NULL;
	int rc;

	pkg = docx_with_chunk(two, "document.xml",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", NULL, 0, 1);
	rc = read_mem("a document naming itself as its chunk, twice", &pkg, NULL, &doc);
	expect_error(rc, doc, RG_ELIMIT, NULL);
	rg_buf_free(&pkg);

	pkg = docx_with_chunk(one, "deep.html", "text/html", deep, strlen(deep), 0);
	rc = read_mem("an HTML chunk of 100,000 nested elements", &pkg, NULL, &doc);
	expect_sane(rc, doc);
	if (!rc)   /* the chunk is not read (libxml2 stops at 256 levels): the document says so */
		CHECK(doc->nwarnings == 1 && strstr(doc->warnings[0].message, "deep.html"));
	rg_doc_free(doc);
	doc = NULL;
	rg_buf_free(&pkg);

	pkg = docx_with_chunk(one, "spans.html", "text/html", spans, strlen(spans), 1);
	rc = read_mem("an HTML chunk with spans of 2^31", &pkg, NULL, &doc);
	expect_sane(rc, doc);
	if (!rc) {
		char *text = check_doc(doc);
		CHECK(strstr(text, "ก") && strstr(text, "ค"));
		free(text);
	}
	rg_doc_free(doc);
	doc = NULL;
	rg_buf_free(&pkg);

	pkg = docx_with_chunk(one, "x.mht", "message/rfc822", mht, strlen(mht), 1);
	rc = read_mem("a web archive chunk without its parts", &pkg, NULL, &doc);
	CHECK_INT(rc, 0);
	if (!rc) {
		CHECK(doc->nwarnings == 1 && strstr(doc->warnings[0].message, "x.mht"));
		CHECK(doc->body.len == 2);
	}
	rg_doc_free(doc);
	rg_buf_free(&pkg);
	free(deep_open);
	free(deep_close);
	free(deep);
}

static int count_lines(const char *s, const char *needle)
{
	int n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* LibreOffice hanging on a file (a stand-in that sleeps): the time limit kills it,
** the command prints one line for that file and reads the others. */
static void case_conversion_hang(void)
{
	static const char script[] = "#!/bin/sh\n"
		"out=\nwhile [ $# -gt 0 ]; do case \"$1\" in --outdir) out=$2; shift 2 ;; --convert-to) shift 2 ;;\n"
		"-*) shift ;; *) f=$1; shift; if grep -q HANG \"$f\"; then sleep 100; fi\n"
		"b=$(basename \"$f\"); echo \"convert $f -> $out/${b%.*}.docx using filter : x\"; cp \"$FAKE_DOCX\" \"$out/${b%.*}.docx\" ;;\n"
		"esac; done\n";
	rg_buf good = docx("<w:p><w:r><w:t>converted</w:t></w:r></w:p>");
	char *prog = write_tmp("soffice", script, strlen(script));
	char *docx_path = write_tmp("good.docx", good.ptr, good.len);
	char *hang = write_tmp("hang.rtf", "{\\rtf1 HANG}", 12);
	char *ok = write_tmp("ok.rtf", "{\\rtf1 fine}", 12);
	const char *args[] = { "dump", hang, ok, docx_path, NULL };
	char *out = NULL, *err = NULL;
	struct timespec t0, t1;
	int status;

	if (!raingan_exe) {
		printf("    (no raingan executable given: the command-line check is skipped)\n");
		return;
	}
	chmod(prog, 0755);
	setenv("RAINGAN_SOFFICE", prog, 1);
	setenv("RAINGAN_CONVERT_TIMEOUT", "2", 1);
	setenv("FAKE_DOCX", docx_path, 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	status = run_cli(args, &out, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("    raingan dump hang.rtf ok.rtf x.docx -> exit %d in %.1f s; stderr: %s", status,
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, err);
	CHECK_INT(status, 1);
	CHECK(strstr(err, hang) && strstr(err, "took more than 2 s") && strchr(err, '\n') == strrchr(err, '\n'));
	CHECK_INT(count_lines(out, "converted"), 2);
	CHECK(t1.tv_sec - t0.tv_sec < 40);
	unsetenv("RAINGAN_SOFFICE");
	unsetenv("RAINGAN_CONVERT_TIMEOUT");
	free(out);
	free(err);
	rg_buf_free(&good);
	free(prog);
	free(docx_path);
	free(hang);
	free(ok);
}

typedef struct {
	const char *name;
	void (*fn)(void);
	int seconds;        /* time limit of the case (x3 under ASan) */
	long mem_mib;       /* peak RSS bound when not MEM_BOUND_MIB */
} bcase;

static const bcase cases[] = {
	{ "empty_file", case_empty_file, 20, 0 },
	{ "random_bytes", case_random_bytes, 30, 0 },
	{ "zip_no_document", case_zip_no_document, 10, 0 },
	{ "truncated_zip", case_truncated_zip, 20, 0 },
	{ "huge_declared_size", case_huge_declared_size, 10, 0 },
	{ "zip_bomb", case_zip_bomb, 60, 0 },
	{ "zip_bomb_lying_size", case_zip_bomb_lying_size, 60, 0 },
	{ "zip_bomb_text", case_zip_bomb_text, 60, 256 + 64 },
	{ "deep_nesting_100000", case_deep_nesting, 30, 0 },
	{ "billion_laughs", case_billion_laughs, 10, 0 },
	{ "external_entity_passwd", case_external_entity, 60, 0 },
	{ "invalid_utf8", case_invalid_utf8, 30, 0 },
	{ "table_10000_columns", case_table_10000_columns, 30, 0 },
	{ "gridspan_2_31", case_huge_spans, 30, 0 },
	{ "vmerge_continues_nothing", case_vmerge_continues_nothing, 10, 0 },
	{ "odf_covered_without_covering", case_odf_covered_without_covering, 10, 0 },
	{ "span_past_width", case_span_past_width, 10, 0 },
	{ "limit_options", case_limit_options, 60, 0 },
	{ "ole_hostile", case_ole_hostile, 60, 0 },
	{ "altchunk_hostile", case_altchunk_hostile, 60, 0 },
	{ "conversion_hang", case_conversion_hang, 60, 0 },
};

static int selected(int argc, char **argv, int first, const char *name)
{
	int i;

	if (first >= argc)
		return 1;
	for (i = first; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;
	int first = 1, failed = 0, ran = 0;
	char summary[64][160];
	const char *base = getenv("TMPDIR");

	if (argc > 1 && strchr(argv[1], '/')) {
		raingan_exe = argv[1];
		first = 2;
		if (access(raingan_exe, X_OK)) {
			fprintf(stderr, "test_broken: %s is not executable\n", raingan_exe);
			return 1;
		}
	}
	snprintf(tmpdir, sizeof(tmpdir), "%s/rg-broken-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir))
		die("mkdtemp");
	printf("memory bound per case: %ld MiB peak RSS%s; cases in %s\n", MEM_BOUND_MIB,
		TIME_FACTOR > 1 ? " (ASan build, times x3)" : "", tmpdir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const bcase *c = &cases[i];
		struct timespec t0, t1;
		struct rusage ru;
		int status;
		double secs;
		long peak_mib, bound = c->mem_mib > MEM_BOUND_MIB ? c->mem_mib : MEM_BOUND_MIB;
		const char *outcome;
		pid_t pid;

		if (!selected(argc, argv, first, c->name))
			continue;
		printf("== %s\n", c->name);
		fflush(NULL);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			check_passed = check_failed = 0;   /* the case's own counts */
			signal(SIGALRM, SIG_DFL);
			alarm((unsigned)(c->seconds * TIME_FACTOR));
			c->fn();
			fflush(NULL);
			exit(check_failed ? 1 : 0);   /* exit(): LeakSanitizer checks the case */
		}
		memset(&ru, 0, sizeof(ru));
		while (wait4(pid, &status, 0, &ru) < 0)
			if (errno != EINTR)
				die("wait4");
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		peak_mib = ru.ru_maxrss / 1024;
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
			outcome = "TIMEOUT";
		else if (WIFSIGNALED(status))
			outcome = "CRASH";
		else if (WEXITSTATUS(status))
			outcome = "FAIL";
		else if (peak_mib > bound)
			outcome = "MEMORY";
		else
			outcome = "ok";
		if (strcmp(outcome, "ok")) {
			failed++;
			check_failed++;
			fprintf(stderr, "test_broken: %s: %s (status 0x%x)\n", c->name, outcome, (unsigned)status);
		} else {
			check_passed++;
		}
		if (ran < 64)
			snprintf(summary[ran], sizeof(summary[ran]), "%-30s %-8s %7.2f s %6ld MiB %6ld MiB", c->name,
				outcome, secs, peak_mib, bound);
		ran++;
	}
	printf("\n%-30s %-8s %9s %10s %10s\n", "case", "outcome", "time", "peak RSS", "bound");
	for (i = 0; i < (size_t)ran && i < 64; i++)
		printf("%s\n", summary[i]);
	rmdir(tmpdir);
	{
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (strstr(tmpdir, "rg-broken-"))
			(void)!system(cmd);
	}
	return check_summary("test_broken");
}
