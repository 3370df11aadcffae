/*
** register.c - reading the register CSV and checking its rows (register.h).
*/
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/error.h"
#include "extract/thai.h"
#include "register.h"

enum { C_CODE, C_NAME, C_TYPE, C_DISTRICT, C_PROVINCE, N_COLS };
static const char *const col_names[N_COLS] = { "code", "name", "type", "district", "province" };

/* ---- CSV records ---------------------------------------------------------------------- */

typedef struct {
	FILE *f;
	rg_buf field;            /* the fields of the record, each NUL-terminated */
	size_t *starts;          /* offset of each field in field */
	size_t n, cap;
	int bad_quote;           /* a quoted field was not closed properly */
	int eof;
} csv;

static int add_start(csv *c)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		size_t *p = realloc(c->starts, cap * sizeof(*p));
		if (!p)
			return RG_ENOMEM;
		c->starts = p;
		c->cap = cap;
	}
	c->starts[c->n++] = c->field.len;
	return 0;
}

/* Read one record (RFC 4180, LF or CRLF); 1 when read, 0 at the end, < 0 on an error. */
static int next_record(csv *c)
{
	int ch, quoted = 0, after_quote = 0, any = 0;

	rg_buf_clear(&c->field);
	c->n = 0;
	c->bad_quote = 0;
	if (c->eof || add_start(c))
		return c->eof ? 0 : RG_ENOMEM;
	for (;;) {
		ch = getc(c->f);
		if (ch == EOF) {
			if (ferror(c->f))
				return RG_EIO;
			c->eof = 1;
			if (quoted)
				c->bad_quote = 1;
			if (!any)
				return 0;
			break;
		}
		any = 1;
		if (quoted) {
			if (ch != '"') {
				rg_buf_putc(&c->field, (char)ch);
				continue;
			}
			ch = getc(c->f);
			if (ch == '"') {
				rg_buf_putc(&c->field, '"');
				continue;
			}
			quoted = 0;
			after_quote = 1;
			if (ch == EOF) {
				c->eof = 1;
				break;
			}
		}
		if (ch == '\r') {
			int nx = getc(c->f);
			if (nx != '\n' && nx != EOF)
				ungetc(nx, c->f);
			break;
		}
		if (ch == '\n')
			break;
		if (ch == ',') {
			rg_buf_putc(&c->field, '\0');
			after_quote = 0;
			if (add_start(c))
				return RG_ENOMEM;
			continue;
		}
		if (ch == '"' && !after_quote && c->field.len == c->starts[c->n - 1]) {
			quoted = 1;
			continue;
		}
		if (after_quote)
			c->bad_quote = 1;   /* text after a closing quote */
		rg_buf_putc(&c->field, (char)ch);
	}
	rg_buf_putc(&c->field, '\0');
	return rg_buf_oom(&c->field) ? RG_ENOMEM : 1;
}

static const char *field(csv *c, size_t i)
{
	return i < c->n ? c->field.ptr + c->starts[i] : "";
}

/* ---- rows -------------------------------------------------------------------------------- */

static int valid_utf8(const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		unsigned cp;
		int len = rg_utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && !(n - i >= 3 && !memcmp(s + i, "\xEF\xBF\xBD", 3)))
			return 0;
		i += (size_t)len;
	}
	return 1;
}

/* Trimmed, spaces collapsed, Thai digits as Arabic with digits (code) or as written. */
static char *clean(const char *s, int arabic)
{
	char *norm = NULL, *out = NULL;

	if (rg_thai_normalize(s, 0, &norm))
		return NULL;
	if (!arabic)
		return norm;
	rg_thai_digits_to_arabic(norm, &out);
	free(norm);
	return out;
}

static const struct {
	const char *name;
	rg_org_type type;
} types[] = {
	{ "pao", RG_ORG_PAO }, { "sao", RG_ORG_SAO }, { "city_municipality", RG_ORG_CITY },
	{ "town_municipality", RG_ORG_TOWN }, { "subdistrict_municipality", RG_ORG_SUBDISTRICT }, { "other", RG_ORG_OTHER },
};

/* A row already read, for the duplicates. */
typedef struct {
	char *code;
	char key[RG_ORG_TEXT * 4 + 16];
	size_t row;
} seen;

typedef struct {
	seen *v;
	size_t n, cap;
} seen_set;

static const seen *find_seen(const seen_set *s, const char *code, const char *key)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if ((code && !strcmp(s->v[i].code, code)) || (key && !strcmp(s->v[i].key, key)))
			return &s->v[i];
	return NULL;
}

/* Check one data row; 1 and *e filled when good, 0 after sink->bad, < 0 on an error. */
static int check_row(csv *c, const int *at, size_t row, const rg_register_sink *sink, seen_set *done,
	rg_register_entry *e, char **code_out, char **name_out)
{
	char *v[N_COLS] = { NULL }, msg[512], place[RG_ORG_TEXT], keytext[RG_ORG_TEXT * 4 + 16];
	rg_org_type named = RG_ORG_OTHER, type = RG_ORG_OTHER;
	const seen *dup;
	rg_model m;
	size_t k;
	int bad_col = -1, rc = 0;

	for (k = 0; k < N_COLS; k++) {
		const char *raw = at[k] >= 0 ? field(c, (size_t)at[k]) : "";
		if (!valid_utf8(raw)) {
			snprintf(msg, sizeof(msg), "not UTF-8 text (save the file as CSV UTF-8)");
			bad_col = (int)k;
			goto bad;
		}
		if (!(v[k] = clean(raw, k == C_CODE))) {
			rc = RG_ENOMEM;
			goto done;
		}
	}
	if (c->bad_quote) {
		snprintf(msg, sizeof(msg), "a quoted field is not closed, or text follows its closing quote");
		goto bad;
	}
	if (!*v[C_CODE] || strlen(v[C_CODE]) >= RG_REGISTER_CODE) {
		snprintf(msg, sizeof(msg), *v[C_CODE] ? "longer than %d bytes" : "empty", RG_REGISTER_CODE - 1);
		bad_col = C_CODE;
		goto bad;
	}
	if (!*v[C_NAME]) {
		snprintf(msg, sizeof(msg), "empty");
		bad_col = C_NAME;
		goto bad;
	}
	named = rg_org_split_name(v[C_NAME], place, sizeof(place));
	if (!*v[C_TYPE]) {
		if (named == RG_ORG_OTHER) {
			snprintf(msg, sizeof(msg), "blank, and the name '%s' starts with no type word (อบต., เทศบาลตำบล ...):"
				" give the type", v[C_NAME]);
			bad_col = C_TYPE;
			goto bad;
		}
		type = named;
	} else {
		for (k = 0; k < sizeof(types) / sizeof(types[0]); k++)
			if (!strcasecmp(v[C_TYPE], types[k].name))
				break;
		if (k == sizeof(types) / sizeof(types[0])) {
			snprintf(msg, sizeof(msg), "'%s' is not a type (pao, sao, city_municipality, town_municipality,"
				" subdistrict_municipality, other, or blank)", v[C_TYPE]);
			bad_col = C_TYPE;
			goto bad;
		}
		type = types[k].type;
		if (named != RG_ORG_OTHER && named != type) {
			snprintf(msg, sizeof(msg), "'%s', but the name '%s' says %s", v[C_TYPE], v[C_NAME],
				rg_org_type_name(named));
			bad_col = C_TYPE;
			goto bad;
		}
	}
	if (!*place) {
		snprintf(msg, sizeof(msg), "'%s' is a type word without a name", v[C_NAME]);
		bad_col = C_NAME;
		goto bad;
	}
	if (!*v[C_DISTRICT] && type != RG_ORG_PAO) {
		snprintf(msg, sizeof(msg), "empty (every organization but an อบจ. needs its district)");
		bad_col = C_DISTRICT;
		goto bad;
	}
	if (!*v[C_PROVINCE]) {
		snprintf(msg, sizeof(msg), "empty");
		bad_col = C_PROVINCE;
		goto bad;
	}
	/* the key, as a filing naming this organization would get it */
	memset(&m, 0, sizeof(m));
	m.org_name = v[C_NAME];
	m.org_type = type;
	m.district = v[C_DISTRICT];
	m.province = v[C_PROVINCE];
	rg_org_key_of(&m, &e->key);
	snprintf(keytext, sizeof(keytext), "%s|%s|%s|%s", rg_org_type_name(e->key.type), e->key.place,
		e->key.district, e->key.province);
	if ((dup = find_seen(done, v[C_CODE], NULL))) {
		snprintf(msg, sizeof(msg), "'%s' is the code of row %zu already", v[C_CODE], dup->row);
		bad_col = C_CODE;
		goto bad;
	}
	if ((dup = find_seen(done, NULL, keytext))) {
		snprintf(msg, sizeof(msg), "the same organization as row %zu (code %s): type, name, district and"
			" province agree", dup->row, dup->code);
		bad_col = C_NAME;
		goto bad;
	}
	if (done->n == done->cap) {
		size_t cap = done->cap ? done->cap * 2 : 256;
		seen *p = realloc(done->v, cap * sizeof(*p));
		if (!p) {
			rc = RG_ENOMEM;
			goto done;
		}
		done->v = p;
		done->cap = cap;
	}
	if (!(done->v[done->n].code = strdup(v[C_CODE]))) {
		rc = RG_ENOMEM;
		goto done;
	}
	snprintf(done->v[done->n].key, sizeof(done->v[done->n].key), "%s", keytext);
	done->v[done->n++].row = row;
	/* the full name when the register gives the place alone */
	if (named == RG_ORG_OTHER && type != RG_ORG_OTHER) {
		char full[RG_ORG_TEXT * 2];
		rg_org_full_name(&e->key, full, sizeof(full));
		free(v[C_NAME]);
		if (!(v[C_NAME] = strdup(full))) {
			rc = RG_ENOMEM;
			goto done;
		}
	}
	*code_out = v[C_CODE];
	*name_out = v[C_NAME];
	v[C_CODE] = v[C_NAME] = NULL;
	e->code = *code_out;
	e->name = *name_out;
	rc = 1;
	goto done;
bad:
	sink->bad(sink->ctx, row, bad_col >= 0 ? col_names[bad_col] : NULL, msg);
done:
	for (k = 0; k < N_COLS; k++)
		free(v[k]);
	return rc;
}

/* The columns of the header; RG_EFORMAT when a required one is missing. */
static int read_header(csv *c, const char *path, int *at)
{
	size_t i, k;

	for (k = 0; k < N_COLS; k++)
		at[k] = -1;
	for (i = 0; i < c->n; i++) {
		char *name = clean(field(c, i), 0);
		if (!name)
			return rg_error_set(RG_ENOMEM, "out of memory");
		for (k = 0; k < N_COLS; k++)
			if (at[k] < 0 && !strcasecmp(name, col_names[k]))
				at[k] = (int)i;
		free(name);
	}
	for (k = 0; k < N_COLS; k++)
		if (at[k] < 0 && k != C_TYPE)
			return rg_error_set(RG_EFORMAT, "%s: row 1: the header has no column '%s' (a register has the"
				" columns code,name,type,district,province)", path, col_names[k]);
	return 0;
}

/* Whether most lines holding other than ASCII are not UTF-8: a file in another
** encoding (a register saved in Thai Windows encoding, TIS-620), refused whole in
** one line rather than every row refused; a stray bad line stays a refused row.
** Lines of ASCII alone (the header, Excel's ",,,," rows) say nothing either way. */
static int other_encoding(char *p, size_t len, const char *path)
{
	char *end, *stop = p + len;
	size_t line = 0, lines = 0, bad = 0, first_bad = 0;

	for (; p < stop; p = end + 1) {
		size_t n, k;
		char save;
		int ascii = 1;
		if (!(end = memchr(p, '\n', (size_t)(stop - p))))
			end = stop;
		n = (size_t)(end - p);
		line++;
		for (k = 0; k < n && ascii; k++)
			ascii = (unsigned char)p[k] < 0x80 && p[k] != '\0';
		if (ascii)
			continue;
		lines++;
		save = p[n];
		p[n] = '\0';
		if (memchr(p, '\0', n) || !valid_utf8(p)) {
			bad++;
			first_bad = first_bad ? first_bad : line;
		}
		p[n] = save;
	}
	if (bad && bad * 2 >= lines)
		return rg_error_set(RG_EFORMAT, "%s: %zu of the %zu lines with non-ASCII text (the first: line %zu) are not"
			" UTF-8: save the register as \"CSV UTF-8\" (a Thai Windows file is TIS-620); nothing was imported",
			path, bad, lines, first_bad);
	return 0;
}

int rg_register_read_csv(FILE *in, const char *path, const rg_register_sink *sink)
{
	csv c;
	seen_set done = { NULL, 0, 0 };
	rg_buf all = RG_BUF_INIT;
	char chunk[65536];
	const unsigned char *head;
	int at[N_COLS], rc;
	size_t row = 0, i, n, skip = 0;
	FILE *f;

	/* read once (a pipe cannot be read twice), checked whole, then parsed from memory */
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		rg_buf_put(&all, chunk, n);
	if (ferror(in)) {
		rg_buf_free(&all);
		return rg_error_set(RG_EIO, "%s: cannot read: %s", path, strerror(errno));
	}
	if (rg_buf_oom(&all))
		return rg_error_set(RG_ENOMEM, "out of memory");
	head = (const unsigned char *)rg_buf_cstr(&all);
	if (all.len >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) {
		rg_buf_free(&all);
		return rg_error_set(RG_EFORMAT, "%s: UTF-16 text: save the register as CSV UTF-8", path);
	}
	if (all.len >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
		skip = 3;   /* a UTF-8 byte-order mark */
	if ((rc = other_encoding(all.ptr + skip, all.len - skip, path))) {
		rg_buf_free(&all);
		return rc;
	}
	if (all.len == skip) {
		rg_buf_free(&all);
		return rg_error_set(RG_EFORMAT, "%s: empty: a register starts with the header code,name,type,district,province",
			path);
	}
	if (!(f = fmemopen(all.ptr + skip, all.len - skip, "rb"))) {
		rg_buf_free(&all);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	memset(&c, 0, sizeof(c));
	c.f = f;
	rc = next_record(&c);
	if (rc == 0)
		rc = rg_error_set(RG_EFORMAT, "%s: empty: a register starts with the header code,name,type,district,province",
			path);
	else if (rc == RG_EIO)
		rc = rg_error_set(RG_EIO, "%s: cannot read: %s", path, strerror(errno));
	else if (rc == RG_ENOMEM)
		rc = rg_error_set(RG_ENOMEM, "out of memory");
	else
		rc = read_header(&c, path, at);
	row = 1;
	while (!rc) {
		rg_register_entry e;
		char *code = NULL, *name = NULL;
		int r = next_record(&c);
		if (r == 0)
			break;
		if (r < 0) {
			rc = r == RG_EIO ? rg_error_set(RG_EIO, "%s: cannot read: %s", path, strerror(errno))
				: rg_error_set(RG_ENOMEM, "out of memory");
			break;
		}
		row++;
		if (c.n == 1 && !c.field.ptr[0])
			continue;   /* an empty line */
		memset(&e, 0, sizeof(e));
		r = check_row(&c, at, row, sink, &done, &e, &code, &name);
		if (r < 0)
			rc = rg_error_set(RG_ENOMEM, "out of memory");
		else if (r > 0)
			rc = sink->good(sink->ctx, row, &e);
		free(code);
		free(name);
	}
	for (i = 0; i < done.n; i++)
		free(done.v[i].code);
	free(done.v);
	free(c.starts);
	rg_buf_free(&c.field);
	fclose(f);
	rg_buf_free(&all);
	return rc;
}
