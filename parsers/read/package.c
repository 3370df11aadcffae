/*
** package.c - zip package access with limits, and protected streaming XML
** parsing (see package.h).
*/
#include "package.h"

#include <errno.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "../core/error.h"
#include "../core/strmap.h"

#define CHUNK (64 * 1024)
#define RATIO_FLOOR ((zip_uint64_t)1 << 20)   /* small parts may compress as they like */

struct rg_package {
	zip_t *zip;
	const rg_limits *lim;
	rg_strmap backslashed;    /* "word/document.xml" -> index of an entry named "word\document.xml" */
};

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init_once(void)
{
	xmlInitParser();
}

void rg_xml_global_init(void)
{
	pthread_once(&xml_once, xml_init_once);
}

/* ---- what a file is when it is not a zip ------------------------------------- */

static int contains_utf16(const unsigned char *data, size_t len, const char *ascii)
{
	size_t n = strlen(ascii), i, k;

	for (i = 0; i + 2 * n <= len; i++) {
		for (k = 0; k < n; k++)
			if (data[i + 2 * k] != (unsigned char)ascii[k] || data[i + 2 * k + 1] != 0)
				break;
		if (k == n)
			return 1;
	}
	return 0;
}

/* A clear message for bytes that libzip could not open as a zip. */
static int not_a_zip(const unsigned char *data, size_t len, int zip_code)
{
	static const unsigned char ole[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

	if (len == 0)
		return rg_error_set(RG_EFORMAT, "empty file");
	if (len >= 8 && !memcmp(data, ole, 8)) {
		if (contains_utf16(data, len, "EncryptedPackage") || contains_utf16(data, len, "EncryptionInfo"))
			return rg_error_set(RG_EENCRYPTED,
				"password-protected: an encrypted Office document (OLE container), cannot be read");
		return rg_error_set(RG_EFORMAT,
			"an OLE compound file (Word 97-2003 .doc or an encrypted document), not DOCX or ODT");
	}
	if (len >= 5 && !memcmp(data, "{\\rtf", 5))
		return rg_error_set(RG_EFORMAT, "an RTF file, not DOCX or ODT");
	if (len >= 5 && !memcmp(data, "%PDF-", 5))
		return rg_error_set(RG_EFORMAT, "a PDF file, not DOCX or ODT");
	if (len >= 2 && data[0] == 'P' && data[1] == 'K')
		return rg_error_set(RG_EFORMAT, "a damaged or truncated zip package (%s)",
			zip_code == ZIP_ER_INCONS ? "inconsistent central directory" : "no end of central directory");
	if (len >= 5 && (!memcmp(data, "<?xml", 5) || data[0] == '<'))
		return rg_error_set(RG_EFORMAT, "a plain XML file, not a DOCX or ODT zip package");
	return rg_error_set(RG_EFORMAT, "not a zip package (DOCX and ODT files are zip archives)");
}

/* Read at most max bytes of the start of a file, for sniffing. */
static int sniff_file(const char *path, int zip_code)
{
	unsigned char *data;
	size_t len;
	FILE *f = fopen(path, "rb");
	int rc;

	if (!f)
		return rg_error_set(RG_EIO, "cannot open: %s", strerror(errno));
	data = malloc(1 << 20);
	if (!data) {
		fclose(f);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	len = fread(data, 1, 1 << 20, f);
	fclose(f);
	rc = not_a_zip(data, len, zip_code);
	free(data);
	return rc;
}

/* A part name as looked up: lower case, '\\' taken as '/'. */
static void fold_name(const char *name, char *out, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++) {
		char c = name[i] == '\\' ? '/' : name[i];
		out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[i] = '\0';
}

/* Some Windows tools write entry names with '\\': Word reads them as '/', so do we. */
static int index_backslashed(rg_package *pkg)
{
	zip_int64_t n = zip_get_num_entries(pkg->zip, 0), i;

	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(pkg->zip, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		char folded[1024];
		if (!name || !strchr(name, '\\') || strlen(name) >= sizeof(folded))
			continue;
		fold_name(name, folded, sizeof(folded));
		if (rg_strmap_get(&pkg->backslashed, folded, strlen(folded)) >= 0)
			continue;   /* the first of two entries of the same name wins, as for '/' names */
		if (rg_strmap_put(&pkg->backslashed, folded, strlen(folded), (int)i))
			return RG_ENOMEM;
	}
	return 0;
}

/* Wrap an open zip; it is discarded on failure. */
static int wrap(zip_t *z, const rg_limits *lim, rg_package **out)
{
	rg_package *pkg = calloc(1, sizeof(*pkg));

	if (!pkg) {
		zip_discard(z);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	pkg->zip = z;
	pkg->lim = lim;
	if (index_backslashed(pkg)) {
		rg_package_close(pkg);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	*out = pkg;
	return 0;
}

int rg_package_open_file(const char *path, const rg_limits *lim, rg_package **out)
{
	struct stat st;
	int zerr = 0;
	zip_t *z;

	*out = NULL;
	if (stat(path, &st))
		return rg_error_set(RG_EIO, "cannot open: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return rg_error_set(RG_EIO, "is a directory");
	if (st.st_size == 0)
		return rg_error_set(RG_EFORMAT, "empty file");
	z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z) {
		if (zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ || zerr == ZIP_ER_MEMORY) {
			zip_error_t ze;
			int rc;
			zip_error_init_with_code(&ze, zerr);
			rc = rg_error_set(zerr == ZIP_ER_MEMORY ? RG_ENOMEM : RG_EIO, "cannot open: %s",
				zip_error_strerror(&ze));
			zip_error_fini(&ze);
			return rc;
		}
		return sniff_file(path, zerr);
	}
	return wrap(z, lim, out);
}

int rg_package_open_memory(const void *data, size_t len, const rg_limits *lim, rg_package **out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	int code;

	*out = NULL;
	if (len == 0)
		return rg_error_set(RG_EFORMAT, "empty file");
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!z) {
		code = zip_error_code_zip(&ze);
		zip_source_free(src);
		zip_error_fini(&ze);
		return not_a_zip(data, len, code);
	}
	zip_error_fini(&ze);
	return wrap(z, lim, out);
}

void rg_package_close(rg_package *pkg)
{
	if (!pkg)
		return;
	zip_discard(pkg->zip);
	rg_strmap_free(&pkg->backslashed);
	free(pkg);
}

static zip_int64_t locate(rg_package *pkg, const char *name)
{
	zip_int64_t idx = zip_name_locate(pkg->zip, name, ZIP_FL_NOCASE);

	if (idx < 0 && pkg->backslashed.len) {
		char folded[1024];
		int i;
		fold_name(name, folded, sizeof(folded));
		if ((i = rg_strmap_get(&pkg->backslashed, folded, strlen(folded))) >= 0)
			idx = i;
	}
	return idx;
}

int rg_package_has(rg_package *pkg, const char *name)
{
	return locate(pkg, name) >= 0;
}

/* Open a part after checking what the central directory declares. */
static zip_file_t *open_part(rg_package *pkg, const char *name, zip_stat_t *st)
{
	zip_int64_t idx = locate(pkg, name);
	zip_file_t *zf;

	if (idx < 0) {
		rg_error_set(RG_ENOTFOUND, "%s: no such part", name);
		return NULL;
	}
	zip_stat_init(st);
	if (zip_stat_index(pkg->zip, (zip_uint64_t)idx, 0, st)) {
		rg_error_set(RG_EFORMAT, "%s: %s", name, zip_strerror(pkg->zip));
		return NULL;
	}
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE) {
		rg_error_set(RG_EENCRYPTED, "%s: the part is encrypted (a password-protected zip)", name);
		return NULL;
	}
	if ((st->valid & ZIP_STAT_SIZE) && st->size > pkg->lim->max_part_size) {
		rg_error_set(RG_ELIMIT, "%s: declares %llu bytes inflated, more than the limit of %zu "
			"(--max-part-size)", name, (unsigned long long)st->size, pkg->lim->max_part_size);
		return NULL;
	}
	zf = zip_fopen_index(pkg->zip, (zip_uint64_t)idx, 0);
	if (!zf)
		rg_error_set(RG_EFORMAT, "%s: cannot open the part: %s", name, zip_strerror(pkg->zip));
	return zf;
}

/* Read the next chunk of a part, enforcing the size and ratio limits. */
static zip_int64_t read_chunk(rg_package *pkg, const char *name, zip_file_t *zf, const zip_stat_t *st,
			      char *buf, zip_uint64_t *total)
{
	zip_int64_t n = zip_fread(zf, buf, CHUNK);

	if (n < 0) {
		rg_error_set(RG_EFORMAT, "%s: corrupt part: %s", name, zip_file_strerror(zf));
		return -1;
	}
	*total += (zip_uint64_t)n;
	if (*total > pkg->lim->max_part_size) {
		rg_error_set(RG_ELIMIT, "%s: inflates past the limit of %zu bytes (--max-part-size)",
			name, pkg->lim->max_part_size);
		return -1;
	}
	if (*total > RATIO_FLOOR && (st->valid & ZIP_STAT_COMP_SIZE)
	    && *total / (st->comp_size ? st->comp_size : 1) > pkg->lim->max_ratio) {
		rg_error_set(RG_ELIMIT, "%s: inflates more than %u times its compressed size (--max-ratio): "
			"a zip bomb?", name, pkg->lim->max_ratio);
		return -1;
	}
	return n;
}

int rg_package_read(rg_package *pkg, const char *name, size_t max, rg_buf *out)
{
	zip_uint64_t total = 0;
	zip_file_t *zf;
	zip_stat_t st;
	char *buf;
	zip_int64_t n;
	int rc = 0;

	if (!(zf = open_part(pkg, name, &st)))
		return rg_error_code();
	if (!(buf = malloc(CHUNK))) {
		zip_fclose(zf);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	while ((n = read_chunk(pkg, name, zf, &st, buf, &total)) > 0) {
		if (total > max) {
			rc = rg_error_set(RG_ELIMIT, "%s: larger than %zu bytes", name, max);
			break;
		}
		rg_buf_put(out, buf, (size_t)n);
	}
	if (n < 0)
		rc = rg_error_code();
	if (!rc && rg_buf_oom(out))
		rc = rg_error_set(RG_ENOMEM, "out of memory");
	free(buf);
	zip_fclose(zf);
	return rc;
}

/* Any of the needles in the bytes: one memchr (vectorized) pass per distinct first
** byte, comparing the needles that start with it at each hit; much cheaper than
** memmem per needle when those bytes are not frequent. */
static int find_any(const char *buf, size_t len, const char *const *needles, size_t n)
{
	unsigned char done[256];
	size_t i, k;

	memset(done, 0, sizeof(done));
	for (i = 0; i < n; i++) {
		unsigned char first = (unsigned char)needles[i][0];
		const char *p = buf, *end = buf + len;
		if (done[first])
			continue;
		done[first] = 1;
		while (p < end && (p = memchr(p, first, (size_t)(end - p)))) {
			for (k = i; k < n; k++) {
				size_t nl = strlen(needles[k]);
				if ((unsigned char)needles[k][0] == first && (size_t)(end - p) >= nl && !memcmp(p, needles[k], nl))
					return 1;
			}
			p++;
		}
	}
	return 0;
}

/*
** Parts known to hold none of a set of needles, or nothing of use, by what
** the central directory says of them (CRC-32, sizes): a batch of filings made
** from one template has the same styles.xml in every file, read once.
** A file lying about its CRC gains nothing it could not write plainly: the
** needles only decide whether a part is worth parsing for hidden text and
** list boxes.
*/
#define SEEN_MAX 256

typedef struct {
	const void *key;          /* what was found of it (a needle set, a verdict) */
	zip_uint64_t size, comp_size;
	zip_uint32_t crc;
} seen_part;

static seen_part seen[SEEN_MAX];
static size_t nseen, seen_next;
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;

static int seen_with(const void *key, const zip_stat_t *st)
{
	size_t i;
	int hit = 0;

	if (!(st->valid & ZIP_STAT_CRC) || !(st->valid & ZIP_STAT_SIZE) || !(st->valid & ZIP_STAT_COMP_SIZE))
		return 0;
	pthread_mutex_lock(&seen_lock);
	for (i = 0; i < nseen && !hit; i++)
		hit = seen[i].key == key && seen[i].crc == st->crc && seen[i].size == st->size
			&& seen[i].comp_size == st->comp_size;
	pthread_mutex_unlock(&seen_lock);
	return hit;
}

static void remember_with(const void *key, const zip_stat_t *st)
{
	if (!(st->valid & ZIP_STAT_CRC) || !(st->valid & ZIP_STAT_SIZE) || !(st->valid & ZIP_STAT_COMP_SIZE))
		return;
	pthread_mutex_lock(&seen_lock);
	seen[seen_next].key = key;
	seen[seen_next].crc = st->crc;
	seen[seen_next].size = st->size;
	seen[seen_next].comp_size = st->comp_size;
	seen_next = (seen_next + 1) % SEEN_MAX;
	if (nseen < SEEN_MAX)
		nseen++;
	pthread_mutex_unlock(&seen_lock);
}

static int part_stat(rg_package *pkg, const char *name, zip_stat_t *st)
{
	zip_int64_t idx = locate(pkg, name);

	zip_stat_init(st);
	return idx >= 0 && !zip_stat_index(pkg->zip, (zip_uint64_t)idx, 0, st);
}

int rg_package_seen(rg_package *pkg, const char *name, const void *key)
{
	zip_stat_t st;

	return part_stat(pkg, name, &st) && seen_with(key, &st);
}

void rg_package_remember(rg_package *pkg, const char *name, const void *key)
{
	zip_stat_t st;

	if (part_stat(pkg, name, &st))
		remember_with(key, &st);
}

int rg_package_contains(rg_package *pkg, const char *name, const char *const *needles, size_t n, int *found)
{
	zip_uint64_t total = 0;
	zip_file_t *zf;
	zip_stat_t st;
	size_t keep = 0, i, longest = 0, have = 0;
	zip_int64_t got;
	char *buf;
	int rc = 0;

	*found = 0;
	for (i = 0; i < n; i++)
		if (strlen(needles[i]) > longest)
			longest = strlen(needles[i]);
	if (!longest || longest > 256)
		return 0;
	if (rg_package_seen(pkg, name, needles))
		return 0;
	if (!(zf = open_part(pkg, name, &st)))
		return rg_error_code();
	/* each chunk goes after the last longest-1 bytes of the one before, so a match across chunks is seen */
	if (!(buf = malloc(CHUNK + longest))) {
		zip_fclose(zf);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	while ((got = read_chunk(pkg, name, zf, &st, buf + keep, &total)) > 0) {
		have = keep + (size_t)got;
		*found = find_any(buf, have, needles, n);
		if (*found)
			break;
		keep = have < longest - 1 ? have : longest - 1;
		memmove(buf, buf + have - keep, keep);
	}
	if (got < 0)
		rc = rg_error_code();
	free(buf);
	zip_fclose(zf);
	if (!rc && !*found)
		remember_with(needles, &st);
	return rc;
}

/* ---- protected SAX parsing ----------------------------------------------------- */

void rg_xml_stop(rg_xml_state *st, int code)
{
	if (!st->err)
		st->err = code;
	if (st->parser)
		xmlStopParser(st->parser);
}

static void on_xml_error(void *ctx, xmlErrorPtr error)
{
	rg_xml_state *st = ctx;
	char msg[256];
	size_t n;

	if (!error || error->level < XML_ERR_ERROR || st->err)
		return;
	snprintf(msg, sizeof(msg), "%s", error->message ? error->message : "malformed XML");
	msg[strcspn(msg, "\n")] = '\0';   /* libxml2 adds lines of detail: one line only */
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	rg_error_set(RG_EFORMAT, "malformed XML at line %d: %s", error->line, msg);
	st->err = RG_EFORMAT;
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext_id, const xmlChar *sys_id)
{
	rg_xml_state *st = ctx;

	(void)name;
	(void)ext_id;
	(void)sys_id;
	rg_error_set(RG_EFORMAT, "a DOCTYPE declaration is not allowed in a document part "
		"(entities and external references are refused)");
	rg_xml_stop(st, RG_EFORMAT);
}

static xmlEntityPtr on_entity(void *ctx, const xmlChar *name)
{
	(void)ctx;
	return xmlGetPredefinedEntity(name);   /* &lt; &amp; ... only */
}

void rg_xml_sax_init(xmlSAXHandler *sax)
{
	memset(sax, 0, sizeof(*sax));
	sax->initialized = XML_SAX2_MAGIC;
	sax->serror = on_xml_error;
	sax->internalSubset = on_doctype;
	sax->externalSubset = on_doctype;
	sax->getEntity = on_entity;
}

static xmlParserCtxtPtr new_parser(xmlSAXHandler *sax, void *ctx, const char *part)
{
	xmlParserCtxtPtr p;

	rg_xml_global_init();
	p = xmlCreatePushParserCtxt(sax, ctx, NULL, 0, part);
	if (!p) {
		rg_error_set(RG_ENOMEM, "out of memory");
		return NULL;
	}
	xmlCtxtUseOptions(p, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
	return p;
}

/* Finish a parse: our callbacks' error first, then libxml2's. */
static int end_parse(xmlParserCtxtPtr p, rg_xml_state *st, const char *part, int rc)
{
	if (!rc && !st->err && !p->wellFormed) {
		rg_error_set(RG_EFORMAT, "malformed XML");
		st->err = RG_EFORMAT;
	}
	if (!rc && st->err) {
		rc = st->err;
		if (rc == RG_EFORMAT && !strstr(rg_error_message(), part))
			rg_error_prefix("%s", part);
	}
	xmlFreeDoc(p->myDoc);
	p->myDoc = NULL;
	xmlFreeParserCtxt(p);
	st->parser = NULL;
	return rc;
}

int rg_package_parse_xml(rg_package *pkg, const char *name, xmlSAXHandler *sax, void *ctx)
{
	rg_xml_state *st = ctx;
	zip_uint64_t total = 0;
	xmlParserCtxtPtr p;
	zip_file_t *zf;
	zip_stat_t zst;
	zip_int64_t n;
	char *buf;
	int rc = 0;

	st->err = 0;
	st->part = name;
	if (!(zf = open_part(pkg, name, &zst)))
		return rg_error_code();
	buf = malloc(CHUNK);
	p = buf ? new_parser(sax, ctx, name) : NULL;
	if (!p) {
		free(buf);
		zip_fclose(zf);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	st->parser = p;
	for (;;) {
		n = read_chunk(pkg, name, zf, &zst, buf, &total);
		if (n < 0) {
			rc = rg_error_code();
			break;
		}
		if (n == 0 && total == 0) {
			rc = rg_error_set(RG_EFORMAT, "%s: the part is empty", name);
			break;
		}
		xmlParseChunk(p, buf, (int)n, n == 0);
		if (st->err || !p->wellFormed || n == 0)
			break;
	}
	free(buf);
	zip_fclose(zf);
	return end_parse(p, st, name, rc);
}

int rg_xml_parse_memory(const char *xml, size_t len, const char *part, xmlSAXHandler *sax, void *ctx)
{
	rg_xml_state *st = ctx;
	xmlParserCtxtPtr p;
	size_t off = 0, n;

	st->err = 0;
	st->part = part;
	if (!(p = new_parser(sax, ctx, part)))
		return RG_ENOMEM;
	st->parser = p;
	do {
		n = len - off > CHUNK ? CHUNK : len - off;
		xmlParseChunk(p, xml + off, (int)n, off + n == len);
		off += n;
	} while (off < len && !st->err && p->wellFormed);
	return end_parse(p, st, part, 0);
}

const char *rg_xml_attr(const xmlChar **attrs, int nattrs, const char *local, char *buf, size_t bufsize)
{
	int i;
	size_t n;

	for (i = 0; i < nattrs; i++) {
		if (strcmp((const char *)attrs[i * 5], local))
			continue;
		n = (size_t)(attrs[i * 5 + 4] - attrs[i * 5 + 3]);
		if (n >= bufsize)
			n = bufsize - 1;
		memcpy(buf, attrs[i * 5 + 3], n);
		buf[n] = '\0';
		return buf;
	}
	return NULL;
}
