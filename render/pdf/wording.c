/*
** wording.c - findings in Thai from rules/findings.th.tsv (see wording.h).
**
** The file is read once per report; its patterns are compiled with PCRE2
** (UTF, Unicode properties).  A template is expanded by one left-to-right
** scan: literal text (its Arabic digits follow the report's digits) and
** {NAME[:FORMAT]} placeholders looked up in the finding's args first, then
** in the named groups of the pattern that matched the message.
*/
#include "wording.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "numfmt.h"

typedef enum { W_TITLE, W_WORDING, W_EACH, W_TERM } line_kind;

typedef struct {
	line_kind kind;
	char *key;        /* the code; for a term its English */
	char *pattern;    /* "-", "*" or a pattern (wording, each) */
	pcre2_code *re;
	char *text;       /* title, template or the term's Thai */
	char *sep;        /* each: between the items */
} wline;

struct rg_wording {
	wline *lines;
	size_t n, cap;
	pcre2_match_data *md, *md_each;
};

/* Where a template's placeholders are looked up. */
typedef struct {
	const rg_finding *f;            /* args (may be NULL) */
	pcre2_match_data *md;           /* named groups of the match (may be NULL) */
	const char *subject;
} figures;

static void free_line(wline *l)
{
	free(l->key);
	free(l->pattern);
	free(l->text);
	free(l->sep);
	if (l->re)
		pcre2_code_free(l->re);
}

void rg_wording_free(rg_wording *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->n; i++)
		free_line(&w->lines[i]);
	free(w->lines);
	if (w->md)
		pcre2_match_data_free(w->md);
	if (w->md_each)
		pcre2_match_data_free(w->md_each);
	free(w);
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int add_line(rg_wording *w, const char *file, int lineno, char **f, int nf)
{
	wline l;

	memset(&l, 0, sizeof(l));
	if (!strcmp(f[0], "title") && nf == 3)
		l.kind = W_TITLE;
	else if (!strcmp(f[0], "wording") && nf == 4)
		l.kind = W_WORDING;
	else if (!strcmp(f[0], "each") && (nf == 5 || nf == 4))
		l.kind = W_EACH;
	else if (!strcmp(f[0], "term") && nf == 3)
		l.kind = W_TERM;
	else
		return rg_error_set(RG_EFORMAT, "%s:%d: expected title/wording/each/term with its fields "
			"separated by tabs", file, lineno);
	l.key = strdup(f[1]);
	if (l.kind == W_WORDING || l.kind == W_EACH) {
		l.pattern = strdup(f[2]);
		l.text = strdup(f[3]);
		/* between the items of an "each": the fifth field, else a comma and a space */
		l.sep = dup_or_null(nf == 5 && *f[4] ? f[4] : ", ");
	} else {
		l.text = strdup(f[2]);
	}
	if (!l.key || !l.text || ((l.kind == W_WORDING || l.kind == W_EACH) && (!l.pattern || !l.sep))) {
		free_line(&l);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	if (l.pattern && strcmp(l.pattern, "-") && strcmp(l.pattern, "*")) {
		int err;
		PCRE2_SIZE off;
		if (!(l.re = pcre2_compile((PCRE2_SPTR)l.pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
				&err, &off, NULL))) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(err, msg, sizeof(msg));
			free_line(&l);
			return rg_error_set(RG_EFORMAT, "%s:%d: the pattern does not compile: %s (at offset %zu)",
				file, lineno, (const char *)msg, (size_t)off);
		}
	}
	if (w->n == w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 128;
		wline *p = realloc(w->lines, ncap * sizeof(*p));
		if (!p) {
			free_line(&l);
			return rg_error_set(RG_ENOMEM, "out of memory");
		}
		w->lines = p;
		w->cap = ncap;
	}
	w->lines[w->n++] = l;
	return 0;
}

int rg_wording_load(rg_wording **out, const char *path)
{
	rg_wording *w;
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0, rc = 0;
	const char *base = strrchr(path, '/');

	*out = NULL;
	if (!(fp = fopen(path, "r")))
		return rg_error_set(RG_EIO, "%s: cannot read the wording of the findings", path);
	if (!(w = calloc(1, sizeof(*w)))) {
		fclose(fp);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	base = base ? base + 1 : path;
	while (!rc && (len = getline(&line, &cap, fp)) >= 0) {
		char *f[6] = { NULL }, *p = line;
		int nf = 0;
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		/* fields are separated by single tabs; a field may be empty only last (a separator) */
		while (nf < 6) {
			char *tab = strchr(p, '\t');
			f[nf++] = p;
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		rc = add_line(w, base, lineno, f, nf);
	}
	free(line);
	fclose(fp);
	if (!rc && (!(w->md = pcre2_match_data_create(32, NULL)) || !(w->md_each = pcre2_match_data_create(32, NULL))))
		rc = rg_error_set(RG_ENOMEM, "out of memory");
	if (rc) {
		rg_wording_free(w);
		return rc;
	}
	*out = w;
	return 0;
}

const char *rg_wording_title(const rg_wording *w, const char *code)
{
	size_t i;

	for (i = 0; code && i < w->n; i++)
		if (w->lines[i].kind == W_TITLE && !strcmp(w->lines[i].key, code))
			return w->lines[i].text;
	return NULL;
}

int rg_wording_knows(const rg_wording *w, const char *code)
{
	size_t i;

	if (!rg_wording_title(w, code))
		return 0;
	for (i = 0; i < w->n; i++)
		if (w->lines[i].kind == W_WORDING && !strcmp(w->lines[i].key, code) && !strcmp(w->lines[i].pattern, "*"))
			return 1;
	return 0;
}

/* ---- expansion ---- */

static void put_digits(rg_buf *out, const char *s, size_t n, int thai)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (thai && s[i] >= '0' && s[i] <= '9')
			rg_buf_put_utf8(out, 0x0E50u + (unsigned)(s[i] - '0'));
		else
			rg_buf_putc(out, s[i]);
	}
}

/* The value of figure name into val; 0 when the finding has no such figure. */
static int lookup(const figures *fg, const char *name, rg_buf *val)
{
	size_t i;

	rg_buf_clear(val);
	for (i = 0; fg->f && i < fg->f->n_args; i++) {
		if (!strcmp(fg->f->args[i].name, name)) {
			rg_buf_puts(val, fg->f->args[i].value);
			return 1;
		}
	}
	if (fg->md) {
		PCRE2_SIZE len;
		if (pcre2_substring_length_byname(fg->md, (PCRE2_SPTR)name, &len) == 0) {
			rg_buf_grow(val, len + 1);
			if (!rg_buf_oom(val) && pcre2_substring_copy_byname(fg->md, (PCRE2_SPTR)name,
					(PCRE2_UCHAR *)val->ptr, &(PCRE2_SIZE){ len + 1 }) == 0)
				val->len = len;
			return 1;
		}
	}
	return 0;
}

/* A term: exact, or a "#" term whose # stands for the digits of s. */
static int term(const rg_wording *w, const char *s, int thai, rg_buf *out)
{
	size_t i, n = strlen(s);

	for (i = 0; i < w->n; i++)
		if (w->lines[i].kind == W_TERM && !strcmp(w->lines[i].key, s)) {
			put_digits(out, w->lines[i].text, strlen(w->lines[i].text), thai);
			return 1;
		}
	for (i = 0; i < w->n; i++) {
		const char *k = w->lines[i].key, *hash, *th = w->lines[i].text, *th_hash;
		size_t pre, post, d;
		if (w->lines[i].kind != W_TERM || !(hash = strchr(k, '#')) || !(th_hash = strchr(th, '#')))
			continue;
		pre = (size_t)(hash - k);
		post = strlen(hash + 1);
		if (n <= pre + post || strncmp(s, k, pre) || strcmp(s + n - post, hash + 1))
			continue;
		for (d = pre; d < n - post && s[d] >= '0' && s[d] <= '9'; d++)
			;
		if (d != n - post)
			continue;
		put_digits(out, th, (size_t)(th_hash - th), thai);
		put_digits(out, s + pre, n - pre - post, thai);
		put_digits(out, th_hash + 1, strlen(th_hash + 1), thai);
		return 1;
	}
	return 0;
}

static int expand(const rg_wording *w, const char *code, const char *tmpl, const figures *fg, int thai,
	int need_all, rg_buf *out);

static void format_value(const rg_wording *w, const char *code, const char *fmt, const char *v, int thai,
	rg_buf *out)
{
	char num[96];

	if (!strcmp(fmt, "amount") || !strcmp(fmt, "count")) {
		char *end;
		double d = strtod(v, &end);
		if (end == v) {   /* not a number: as written */
			put_digits(out, v, strlen(v), thai);
			return;
		}
		if (!strcmp(fmt, "count") && fabs(d - round(d)) < 1e-9 && fabs(d) < 1e15)
			rg_fmt_int(num, sizeof(num), (long long)llround(d), thai);
		else
			rg_fmt_amount(num, sizeof(num), d, thai);
		rg_buf_puts(out, num);
	} else if (!strcmp(fmt, "each")) {
		size_t i, items = 0;
		for (i = 0; i < w->n; i++) {
			const wline *l = &w->lines[i];
			PCRE2_SIZE off = 0, vlen = strlen(v);
			if (l->kind != W_EACH || strcmp(l->key, code) || !l->re)
				continue;
			while (off <= vlen && pcre2_match(l->re, (PCRE2_SPTR)v, vlen, off, 0, w->md_each, NULL) > 0) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md_each);
				figures sub = { NULL, w->md_each, v };
				if (items++)
					rg_buf_puts(out, l->sep);
				expand(w, code, l->text, &sub, thai, 0, out);
				off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			}
			break;
		}
		if (!items)
			put_digits(out, v, strlen(v), thai);
	} else if (strcmp(fmt, "int") && term(w, v, thai, out)) {
		/* text: a term */
	} else {
		put_digits(out, v, strlen(v), thai);
	}
}

/* Expand tmpl into out.  With need_all, return 0 (out untouched) when a
** placeholder has no figure; otherwise a missing figure is left empty. */
static int expand(const rg_wording *w, const char *code, const char *tmpl, const figures *fg, int thai,
	int need_all, rg_buf *out)
{
	rg_buf val = RG_BUF_INIT;
	size_t start = out->len;
	const char *p = tmpl;

	while (*p) {
		const char *open = strchr(p, '{'), *close;
		char name[64], fmt[16];
		size_t nl;
		if (!open || !(close = strchr(open, '}'))) {
			put_digits(out, p, strlen(p), thai);
			break;
		}
		put_digits(out, p, (size_t)(open - p), thai);
		nl = (size_t)(close - open - 1);
		fmt[0] = '\0';
		{
			const char *colon = memchr(open + 1, ':', nl);
			size_t k = colon ? (size_t)(colon - open - 1) : nl;
			snprintf(name, sizeof(name), "%.*s", (int)k, open + 1);
			if (colon)
				snprintf(fmt, sizeof(fmt), "%.*s", (int)(close - colon - 1), colon + 1);
		}
		if (lookup(fg, name, &val)) {
			format_value(w, code, fmt[0] ? fmt : "text", rg_buf_cstr(&val), thai, out);
		} else if (need_all) {
			rg_buf_truncate(out, start);
			rg_buf_free(&val);
			return 0;
		}
		p = close + 1;
	}
	rg_buf_free(&val);
	return 1;
}

static int has_latin(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			return 1;
	return 0;
}

int rg_wording_render(const rg_wording *w, const rg_finding *f, int thai, rg_buf *out)
{
	const char *msg = f->message ? f->message : "", *dflt = NULL;
	size_t i, mlen = strlen(msg);

	for (i = 0; f->code && i < w->n; i++) {
		const wline *l = &w->lines[i];
		if (l->kind != W_WORDING || strcmp(l->key, f->code))
			continue;
		if (!strcmp(l->pattern, "*")) {
			if (!dflt)
				dflt = l->text;
		} else if (!strcmp(l->pattern, "-")) {
			figures fg = { f, NULL, msg };
			if (f->n_args && expand(w, f->code, l->text, &fg, thai, 1, out))
				return 1;
		} else if (pcre2_match(l->re, (PCRE2_SPTR)msg, mlen, 0, 0, w->md, NULL) > 0) {
			figures fg = { f, w->md, msg };
			return expand(w, f->code, l->text, &fg, thai, 0, out);
		}
	}
	/* a message already in Thai (no Latin letter) is its own wording */
	if (*msg && !has_latin(msg)) {
		put_digits(out, msg, mlen, thai);
		return 1;
	}
	if (dflt) {
		figures fg = { f, NULL, msg };
		expand(w, f->code, dflt, &fg, thai, 0, out);
		if (*msg) {
			rg_buf_puts(out, " (ข้อความต้นฉบับ: ");
			rg_buf_puts(out, msg);
			rg_buf_putc(out, ')');
		}
		return 0;
	}
	rg_buf_puts(out, msg);
	return 0;
}
