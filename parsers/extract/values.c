/*
** values.c - amounts, percentages, counts, years, dates and item numbers
** read from Thai report text (see values.h for the rules).
**
** Everything scans the UTF-8 text in place, one code point at a time,
** skipping invisible characters, so no function allocates or keeps state.
*/
#include "values.h"

#include "thai.h"
#include "../core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- scanning the text ---------------------------------------------- */

/* The code point at i, skipping invisible ones; *next is just after it.
** 0 at the end of the text (the text is NUL-terminated, so 0 is free). */
static unsigned cp_at(const char *s, size_t n, size_t i, size_t *next)
{
	unsigned cp;

	while (i < n) {
		size_t len = (size_t)rg_utf8_decode(s + i, n - i, &cp);
		if (!rg_thai_is_invisible(cp)) {
			*next = i + len;
			return cp;
		}
		i += len;
	}
	*next = n;
	return 0;
}

/* Position of the next visible code point at or after i. */
static size_t visible_at(const char *s, size_t n, size_t i)
{
	unsigned cp;

	while (i < n) {
		size_t len = (size_t)rg_utf8_decode(s + i, n - i, &cp);
		if (!rg_thai_is_invisible(cp))
			break;
		i += len;
	}
	return i < n ? i : n;
}

static int is_hspace(unsigned cp)
{
	return rg_thai_is_space(cp) && !rg_thai_is_newline(cp);
}

/* Skip spaces but not line breaks; returns a visible position. */
static size_t skip_hspace(const char *s, size_t n, size_t i)
{
	size_t next;

	while (is_hspace(cp_at(s, n, i, &next)))
		i = next;
	return visible_at(s, n, i);
}

static size_t skip_space(const char *s, size_t n, size_t i)
{
	size_t next;
	unsigned cp;

	while ((cp = cp_at(s, n, i, &next)) != 0 && rg_thai_is_space(cp))
		i = next;
	return visible_at(s, n, i);
}

int rg_has_thai_letters(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if (p[0] == 0xE0 && p[1] == 0xB8 && p[2] >= 0x81 && p[2] <= 0xAE)   /* ก..ฮ */
			return 1;
	return 0;
}

/* Thai consonants, vowels and marks: a word goes on. */
static int is_thai_letter(unsigned cp)
{
	return cp >= 0x0E01 && cp <= 0x0E4E;
}

static int is_dash(unsigned cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2012 ||
		cp == 0x2013 || cp == 0x2014 || cp == 0x2212;
}

enum {
	LOOSE_DOT = 1,   /* spaces may follow a '.', and the pattern's last '.' is optional */
	LOOSE_SPACE = 2  /* spaces may stand between any two characters */
};

/* Match the literal pat at i (invisible characters never count).  Sets
** *end and returns 1 on a match; *dot_missing (optional) tells whether an
** optional last dot was absent. */
static int match_at(const char *s, size_t n, size_t i, const char *pat, unsigned how,
	size_t *end, int *dot_missing)
{
	size_t p = 0, pn = strlen(pat), next;

	if (dot_missing)
		*dot_missing = 0;
	while (p < pn) {
		unsigned pc, c;
		size_t pl = (size_t)rg_utf8_decode(pat + p, pn - p, &pc);

		c = cp_at(s, n, i, &next);
		if ((how & LOOSE_SPACE) && p > 0) {
			while (c && rg_thai_is_space(c)) {
				i = next;
				c = cp_at(s, n, i, &next);
			}
		}
		if (c != pc) {
			if ((how & LOOSE_DOT) && pc == '.' && p + pl == pn) {
				if (dot_missing)
					*dot_missing = 1;
				break;
			}
			return 0;
		}
		i = next;
		p += pl;
		if ((how & LOOSE_DOT) && pc == '.' && p < pn)
			i = skip_hspace(s, n, i);
	}
	*end = i;
	return 1;
}

/* ---- number tokens ----------------------------------------------------- */

#define TOKEN_CAP 64
#define MAX_INT_DIGITS 15   /* every integer up to 15 digits is exact in a double */

/* One number as written: ASCII digits, ',' and '.' (Thai digits mapped). */
typedef struct {
	size_t start, end;       /* byte range in the text */
	char raw[TOKEN_CAP];
	size_t len;
	int too_long;            /* a piece longer than raw can hold */
	int spaced;              /* pieces joined across spaces */
} num_token;

static int is_sep(char c)
{
	return c == ',' || c == '.';
}

/*
** Whether t[0..len) can begin a well-formed number: comma groups (the
** first 1-3 digits, the others 3), then optionally '.' and up to 2 decimals.
** *complete says nothing is missing (no open group, no lone separator).
*/
static int number_shape(const char *t, size_t len, int *complete)
{
	size_t i, group = 0, commas = 0, decimals = 0;
	int dot = 0;

	*complete = 0;
	if (!len || t[0] < '0' || t[0] > '9')
		return 0;
	for (i = 0; i < len; i++) {
		char c = t[i];
		if (c >= '0' && c <= '9') {
			if (dot) {
				if (++decimals > 2)
					return 0;
			} else if (++group > 3 && commas) {
				return 0;
			}
		} else if (c == ',') {
			if (dot || group == 0 || (commas ? group != 3 : group > 3))
				return 0;
			commas++;
			group = 0;
		} else {
			if (dot || group == 0 || (commas && group != 3))
				return 0;
			dot = 1;
		}
	}
	*complete = !is_sep(t[len - 1]) && !(commas && !dot && group != 3) &&
		!(dot && decimals != 2);
	return 1;
}

/* Does t[0..len) need more to be a whole number?  (Malformed: no.) */
static int number_incomplete(const char *t, size_t len)
{
	int complete;
	return number_shape(t, len, &complete) && !complete;
}

/*
** Read the number starting with the digit at i.  The number goes on over
** digits, ',' and '.'; over spaces only while the pieces so far are an
** unfinished number that the next piece continues well-formed ("๕๐,๐ ๐๐.๐๐")
** and the joined whole comes out complete.  A final ',' is punctuation and
** not part of it; a final '.' stays (the caller decides), and a '-' after it
** ("185,000.-") is taken into the range.
*/
static void read_token(const char *s, size_t n, size_t i, num_token *t)
{
	char span[TOKEN_CAP];       /* the text as digits, separators and ' ' */
	size_t ends[TOKEN_CAP];     /* byte end of each span character */
	size_t m = 0, next, first_end, last, p;
	unsigned c;

	memset(t, 0, sizeof(*t));
	t->start = visible_at(s, n, i);
	for (;;) {
		int d;
		char ch;

		c = cp_at(s, n, i, &next);
		d = rg_thai_digit(c);
		if (d >= 0)
			ch = (char)('0' + d);
		else if (c == ',' || c == '.')
			ch = (char)c;
		else if (is_hspace(c))
			ch = ' ';
		else
			break;
		if (ch == ' ' && m && span[m - 1] == ' ') {
			i = next;
			continue;
		}
		if (m == TOKEN_CAP - 1) {
			if (memchr(span, ' ', m)) {
				/* a later piece does not fit: leave it to be read on its own */
				while (span[m - 1] != ' ')
					m--;
				break;
			}
			if (ch == ' ')
				break;
			t->too_long = 1;   /* one overlong piece: swallow it whole */
			ends[m - 1] = next;
			i = next;
			continue;
		}
		span[m] = ch;
		ends[m] = next;
		m++;
		i = next;
	}
	while (m && span[m - 1] == ' ')
		m--;

	/* The first piece, then the pieces it is joined with. */
	for (first_end = 0; first_end < m && span[first_end] != ' '; first_end++)
		;
	memcpy(t->raw, span, first_end);
	t->len = first_end;
	last = first_end;   /* span index just after the token */
	p = first_end;
	while (!t->too_long && p < m && number_incomplete(t->raw, t->len)) {
		size_t q = p + 1, e = q, len = t->len;
		char joined[TOKEN_CAP];
		int complete;

		while (e < m && span[e] != ' ')
			e++;
		memcpy(joined, t->raw, len);
		memcpy(joined + len, span + q, e - q);
		if (!number_shape(joined, len + (e - q), &complete))
			break;
		memcpy(t->raw, joined, len + (e - q));
		t->len = len + (e - q);
		t->spaced = 1;
		last = e;
		p = e;
	}
	if (t->spaced && number_incomplete(t->raw, t->len)) {
		/* the joined pieces never made a whole number: keep only the first */
		t->len = first_end;
		t->spaced = 0;
		last = first_end;
	}
	while (t->len > 1 && t->raw[t->len - 1] == ',') {
		t->len--;
		last--;
	}
	t->raw[t->len] = '\0';
	t->end = ends[last - 1];
	if (t->len && t->raw[t->len - 1] == '.' && is_dash(cp_at(s, n, t->end, &next)))
		t->end = next;
}

/* Is the token digits only (a final dot allowed)?  Stores the value. */
static int token_digits(const num_token *t, long long *value, int *ndigits)
{
	size_t len = t->len, i;
	long long v = 0;

	if (t->too_long || t->spaced)
		return 0;
	if (len && t->raw[len - 1] == '.')
		len--;
	if (!len || len > MAX_INT_DIGITS)
		return 0;
	for (i = 0; i < len; i++) {
		if (t->raw[i] < '0' || t->raw[i] > '9')
			return 0;
		v = v * 10 + (t->raw[i] - '0');
	}
	*value = v;
	*ndigits = (int)len;
	return 1;
}

/*
** The value of a token.  dot_may_group: amounts, where a dot before exactly
** three digits is a mistyped thousands separator; percentages keep every
** dot a decimal point.
*/
static void token_value(const num_token *t, int dot_may_group, rg_number *out)
{
	const char *r = t->raw;
	size_t len = t->len, i, ndots = 0, ncommas = 0, last_dot = 0, last_comma = 0;
	size_t int_end, int_digits = 0, frac_digits = 0, group = 0, groups = 0;
	long long ip = 0, frac = 0, scale = 1;
	int has_dec = 0, bad_groups = 0;
	unsigned doubt = t->spaced ? RG_DOUBT_SPACED : 0;

	memset(out, 0, sizeof(*out));
	out->start = t->start;
	out->end = t->end;
	if (t->too_long) {
		out->doubtful = RG_DOUBT_TOO_LONG;
		return;
	}
	if (len && r[len - 1] == '.')
		len--;   /* "185,000.-" or a full stop */
	for (i = 0; i < len; i++) {
		if (r[i] == '.') {
			ndots++;
			last_dot = i;
		} else if (r[i] == ',') {
			ncommas++;
			last_comma = i;
		}
		if (i && is_sep(r[i]) && is_sep(r[i - 1]))
			doubt |= RG_DOUBT_SEPARATORS;
	}

	/* Which separator, if any, is the decimal point. */
	int_end = len;
	if (ndots && ncommas && last_comma > last_dot) {
		/* "30.000,00": dots group thousands, the comma may be a decimal comma */
		doubt |= RG_DOUBT_SEPARATORS;
		if (len - last_comma - 1 <= 2) {
			int_end = last_comma;
			has_dec = 1;
		}
	} else if (ndots) {
		size_t after = len - last_dot - 1;
		if (after <= 2) {
			has_dec = 1;
			if (ndots > 1)
				doubt |= RG_DOUBT_DOTS;
		} else if (after == 3 && dot_may_group) {
			doubt |= ndots > 1 ? RG_DOUBT_DOTS : RG_DOUBT_DOT_GROUPING;
		} else {
			has_dec = 1;
			if (ndots > 1)
				doubt |= RG_DOUBT_DOTS;
			if (dot_may_group)
				doubt |= RG_DOUBT_DECIMALS;
		}
		if (has_dec)
			int_end = last_dot;
	}

	/* The integer part: digits, and the sizes of its separator groups. */
	for (i = 0; i < int_end; i++) {
		if (is_sep(r[i])) {
			if (groups == 0 ? (group < 1 || group > 3) : group != 3)
				bad_groups = 1;
			groups++;
			group = 0;
			continue;
		}
		if (++int_digits > MAX_INT_DIGITS) {
			out->doubtful = doubt | RG_DOUBT_TOO_LONG;
			return;
		}
		ip = ip * 10 + (r[i] - '0');
		group++;
	}
	if (groups && group != 3)
		bad_groups = 1;
	if (bad_groups && ncommas)
		doubt |= RG_DOUBT_GROUPING;
	if (int_digits > 1 && r[0] == '0')
		doubt |= RG_DOUBT_LEADING_ZEROS;

	/* The fraction; digits past what a double resolves are dropped. */
	for (i = int_end + 1; has_dec && i < len; i++) {
		if (r[i] < '0' || r[i] > '9' || ++frac_digits > MAX_INT_DIGITS)
			continue;
		frac = frac * 10 + (r[i] - '0');
		scale *= 10;
	}
	out->set = 1;
	out->value = (double)ip + (double)frac / (double)scale;
	out->doubtful = doubt;
}

/* Does "บาท" (or another word) follow position i after spaces? */
static int word_follows(const char *s, size_t n, size_t i, const char *word)
{
	size_t end;
	return match_at(s, n, skip_hspace(s, n, i), word, 0, &end, NULL);
}

/* A minus sign standing right before a number, not a dash between words. */
static int is_sign(unsigned prev, unsigned prev2)
{
	return (prev == '-' || prev == 0x2212) &&
		(prev2 == 0 || rg_thai_is_space(prev2) || prev2 == '(');
}

/* ---- amounts and percentages ------------------------------------------ */

const char *rg_doubt_reason(unsigned doubtful)
{
	static const char *const reasons[] = {
		"a dot before three digits read as a thousands separator",
		"several dots in one number",
		"thousands separators not in groups of three",
		"more than three decimals",
		"leading zeros",
		"misplaced separators",
		"a number split by spaces",
		"several numbers in the text",
		"a minus sign ignored",
		"too many digits",
		"a percentage over 100"
	};
	size_t bit;

	for (bit = 0; bit < sizeof(reasons) / sizeof(reasons[0]); bit++)
		if (doubtful & (1u << bit))
			return reasons[bit];
	return "";
}

int rg_parse_amount(const char *text, rg_number *out)
{
	const char *s = text ? text : "";
	size_t n = strlen(s), i = 0, next;
	unsigned prev = 0, prev2 = 0;
	int best_rank = 0, ntokens = 0, nbaht = 0;
	rg_number best;

	memset(out, 0, sizeof(*out));
	memset(&best, 0, sizeof(best));
	while (i < n) {
		unsigned c = cp_at(s, n, i, &next);
		num_token t;
		rg_number r;
		int rank;

		if (!c)
			break;
		if (rg_thai_digit(c) < 0) {
			prev2 = prev;
			prev = c;
			i = next;
			continue;
		}
		read_token(s, n, i, &t);
		token_value(&t, 1, &r);
		if (is_sign(prev, prev2))
			r.doubtful |= RG_DOUBT_SIGN;
		ntokens++;
		if (word_follows(s, n, t.end, "บาท")) {
			rank = 3;
			nbaht++;
		} else {
			rank = strchr(t.raw, ',') || strchr(t.raw, '.') ? 2 : 1;
		}
		if (rank > best_rank) {
			best = r;
			best_rank = rank;
		}
		i = t.end;
		prev = prev2 = '0';
	}
	if (!ntokens)
		return 0;
	*out = best;
	if (ntokens > 1 && !(best_rank == 3 && nbaht == 1))
		out->doubtful |= RG_DOUBT_SEVERAL;
	return out->set;
}

int rg_is_no_budget_text(const char *text)
{
	static const char *const phrases[] = {
		"ไม่ใช้งบประมาณ", "ไม่ใช่งบประมาณ", "ไม่ได้ใช้งบประมาณ"
	};
	const char *s = text ? text : "";
	size_t n = strlen(s), i = 0, next, end, k;

	while (i < n) {
		if (cp_at(s, n, i, &next) == 0x0E44)   /* every phrase starts with ไ */
			for (k = 0; k < sizeof(phrases) / sizeof(phrases[0]); k++)
				if (match_at(s, n, i, phrases[k], LOOSE_SPACE, &end, NULL))
					return 1;
		i = next;
	}
	return 0;
}

int rg_parse_percent(const char *text, rg_number *out)
{
	const char *s = text ? text : "";
	size_t n = strlen(s), i = 0, next, end, marked_at = SIZE_MAX;
	int best_rank = 0, ntokens = 0;
	rg_number best;

	memset(out, 0, sizeof(*out));
	memset(&best, 0, sizeof(best));
	while (i < n) {
		unsigned c = cp_at(s, n, i, &next);
		num_token t;
		rg_number r;
		int rank;

		if (!c)
			break;
		if (rg_thai_digit(c) < 0) {
			if (match_at(s, n, i, "ร้อยละ", 0, &end, NULL)) {
				marked_at = skip_hspace(s, n, end);
				i = end;
			} else {
				i = next;
			}
			continue;
		}
		read_token(s, n, i, &t);
		token_value(&t, 0, &r);
		ntokens++;
		rank = t.start == marked_at || word_follows(s, n, t.end, "%") ||
			word_follows(s, n, t.end, "\xEF\xBC\x85") /* U+FF05 fullwidth % */ ? 2 : 1;
		if (rank > best_rank) {
			best = r;
			best_rank = rank;
		}
		i = t.end;
	}
	if (!ntokens)
		return 0;
	*out = best;
	if (ntokens > 1 && best_rank == 1)
		out->doubtful |= RG_DOUBT_SEVERAL;
	if (out->set && out->value > 100.0)
		out->doubtful |= RG_DOUBT_OVER_100;
	return out->set;
}

int rg_parse_int(const char *text, long long *value)
{
	const char *s = text ? text : "";
	size_t n = strlen(s), i = 0, next;

	while (i < n) {
		unsigned c = cp_at(s, n, i, &next);
		num_token t;
		rg_number r;
		const char *dot;

		if (!c)
			break;
		if (rg_thai_digit(c) < 0) {
			i = next;
			continue;
		}
		read_token(s, n, i, &t);
		dot = strchr(t.raw, '.');
		if (dot && dot[1])
			return 0;   /* "5.5", and "1.000" which might mean 1 or 1000 */
		token_value(&t, 0, &r);
		if (!r.set || r.doubtful)
			return 0;
		*value = (long long)r.value;
		return 1;
	}
	return 0;
}

/* ---- years ------------------------------------------------------------- */

enum { ERA_NONE, ERA_BE, ERA_CE };

/* An era marker พ.ศ. / ค.ศ. at i: its kind, and *end after it and spaces. */
static int era_at(const char *s, size_t n, size_t i, size_t *end)
{
	size_t e;

	if (match_at(s, n, i, "พ.ศ.", LOOSE_DOT, &e, NULL)) {
		*end = skip_hspace(s, n, e);
		return ERA_BE;
	}
	if (match_at(s, n, i, "ค.ศ.", LOOSE_DOT, &e, NULL)) {
		*end = skip_hspace(s, n, e);
		return ERA_CE;
	}
	return ERA_NONE;
}

/* The Buddhist Era year a token stands for, or 0.  two_digits: 25xx allowed. */
static int year_of(const num_token *t, int era, int two_digits)
{
	long long v;
	int nd;

	if (!token_digits(t, &v, &nd))
		return 0;
	if (nd == 4) {
		if (era != ERA_CE && v >= 2400 && v <= 2999)
			return (int)v;
		if (v >= 1900 && v < 2400)
			return (int)v + 543;
		return 0;
	}
	if (nd == 2 && two_digits && era != ERA_CE)
		return 2500 + (int)v;
	return 0;
}

int rg_parse_year(const char *text, int *be_year)
{
	const char *s = text ? text : "";
	size_t n = strlen(s), i = 0, next, marked_at = SIZE_MAX;
	int era = ERA_NONE, first_be = 0, first_ce = 0;

	while (i < n) {
		unsigned c = cp_at(s, n, i, &next);
		num_token t;
		size_t end;
		int kind, y;

		if (!c)
			break;
		if (rg_thai_digit(c) < 0) {
			if ((kind = era_at(s, n, i, &end)) != ERA_NONE) {
				era = kind;
				marked_at = end;
				i = end;
			} else {
				i = next;
			}
			continue;
		}
		read_token(s, n, i, &t);
		if (t.start == marked_at) {
			if ((y = year_of(&t, era, era == ERA_BE)) != 0) {
				*be_year = y;
				return 1;
			}
		} else if ((y = year_of(&t, ERA_NONE, 0)) != 0) {
			long long written = 0;
			int nd;
			token_digits(&t, &written, &nd);
			if (written == y) {
				if (!first_be)
					first_be = y;
			} else if (!first_ce) {
				first_ce = y;   /* written in CE, y has the +543 */
			}
		}
		i = t.end;
	}
	if (first_be || first_ce) {
		*be_year = first_be ? first_be : first_ce;
		return 1;
	}
	return 0;
}

int rg_parse_year_range(const char *text, int *from, int *to)
{
	const char *s = text ? text : "";
	size_t n = strlen(s), i = 0, next, marked_at = SIZE_MAX;
	int era = ERA_NONE;

	while (i < n) {
		unsigned c = cp_at(s, n, i, &next);
		num_token t, t2;
		size_t end, j;
		int kind, y1, y2, era2;

		if (!c)
			break;
		if (rg_thai_digit(c) < 0) {
			if ((kind = era_at(s, n, i, &end)) != ERA_NONE) {
				era = kind;
				marked_at = end;
				i = end;
			} else {
				i = next;
			}
			continue;
		}
		read_token(s, n, i, &t);
		i = t.end;
		y1 = t.start == marked_at ? year_of(&t, era, era == ERA_BE) : year_of(&t, ERA_NONE, 0);
		if (!y1)
			continue;
		j = skip_hspace(s, n, t.end);
		if (is_dash(cp_at(s, n, j, &next)))
			j = next;
		else if (match_at(s, n, j, "ถึง", 0, &end, NULL))
			j = end;
		else
			continue;
		j = skip_hspace(s, n, j);
		era2 = era_at(s, n, j, &end);
		if (era2 != ERA_NONE)
			j = end;
		if (rg_thai_digit(cp_at(s, n, j, &next)) < 0)
			continue;
		read_token(s, n, j, &t2);
		y2 = year_of(&t2, era2, era2 != ERA_CE);
		if (y2 && y2 >= y1) {
			*from = y1;
			*to = y2;
			return 1;
		}
	}
	return 0;
}

/* ---- dates ------------------------------------------------------------- */

static const struct {
	const char *name;
	int month;
	int abbreviation;
} month_names[] = {
	{ "มกราคม", 1, 0 }, { "กุมภาพันธ์", 2, 0 }, { "กุมภาพันธ", 2, 0 },
	{ "มีนาคม", 3, 0 }, { "เมษายน", 4, 0 }, { "พฤษภาคม", 5, 0 },
	{ "มิถุนายน", 6, 0 }, { "กรกฎาคม", 7, 0 }, { "กรกฏาคม", 7, 0 },
	{ "สิงหาคม", 8, 0 }, { "กันยายน", 9, 0 }, { "ตุลาคม", 10, 0 },
	{ "พฤศจิกายน", 11, 0 }, { "ธันวาคม", 12, 0 },
	{ "ม.ค.", 1, 1 }, { "ก.พ.", 2, 1 }, { "มี.ค.", 3, 1 }, { "เม.ย.", 4, 1 },
	{ "พ.ค.", 5, 1 }, { "มิ.ย.", 6, 1 }, { "ก.ค.", 7, 1 }, { "ส.ค.", 8, 1 },
	{ "ก.ย.", 9, 1 }, { "ต.ค.", 10, 1 }, { "พ.ย.", 11, 1 }, { "ธ.ค.", 12, 1 }
};

/* A month name at i (prev: the code point before it, 0 when none or when
** เดือน introduced it); returns 1..12 and *end, else 0. */
static int month_at(const char *s, size_t n, size_t i, unsigned prev, size_t *end)
{
	size_t k, e, next;
	int dot_missing;

	for (k = 0; k < sizeof(month_names) / sizeof(month_names[0]); k++) {
		if (!month_names[k].abbreviation) {
			if (match_at(s, n, i, month_names[k].name, 0, end, NULL))
				return month_names[k].month;
			continue;
		}
		/* "อ.ส.ค." is an organization, not August */
		if (prev == '.' || is_thai_letter(prev))
			continue;
		if (!match_at(s, n, i, month_names[k].name, LOOSE_DOT, &e, &dot_missing))
			continue;
		if (dot_missing && is_thai_letter(cp_at(s, n, e, &next)))
			continue;   /* "ก.คณะ": a word goes on */
		*end = e;
		return month_names[k].month;
	}
	return 0;
}

static int days_in_month(int month, int be_year)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int ce = be_year - 543;

	if (month == 2 && ((ce % 4 == 0 && ce % 100 != 0) || ce % 400 == 0))
		return 29;
	return days[month - 1];
}

/* After a month ending at i: spaces, an optional era, a year.  Returns the
** BE year and *end, else 0. */
static int year_after_month(const char *s, size_t n, size_t i, size_t *end)
{
	size_t j = skip_hspace(s, n, i), e, next;
	int era = era_at(s, n, j, &e), y;
	num_token t;

	if (era != ERA_NONE)
		j = e;
	if (rg_thai_digit(cp_at(s, n, j, &next)) < 0)
		return 0;
	read_token(s, n, j, &t);
	y = year_of(&t, era, 1);
	if (y) {
		*end = t.end;
		/* the token keeps a full stop "๒๕๖๖." - leave it out of the date */
		if (t.len && t.raw[t.len - 1] == '.')
			*end = t.end - 1;
	}
	return y;
}

int rg_parse_date(const char *text, rg_date *out)
{
	const char *s = text ? text : "";
	size_t n = strlen(s), i = 0, next;

	while (i < n) {
		unsigned c = cp_at(s, n, i, &next);
		num_token t;
		long long day;
		int nd, month, year;
		size_t j, e, end;
		unsigned before_month;

		if (!c)
			break;
		if (rg_thai_digit(c) < 0) {
			i = next;
			continue;
		}
		read_token(s, n, i, &t);
		i = t.end;
		if (!token_digits(&t, &day, &nd) || nd > 2 || day < 1 ||
				t.raw[t.len - 1] == '.')
			continue;
		j = skip_hspace(s, n, t.end);
		before_month = ' ';
		if (match_at(s, n, j, "เดือน", 0, &e, NULL)) {
			j = skip_hspace(s, n, e);
			before_month = 0;
		}
		if (!(month = month_at(s, n, j, before_month, &e)))
			continue;
		if (!(year = year_after_month(s, n, e, &end)))
			continue;
		if (day > days_in_month(month, year))
			continue;
		out->year = year;
		out->month = month;
		out->day = (int)day;
		out->start = t.start;
		out->end = end;
		return 1;
	}
	return 0;
}

int rg_parse_month_year(const char *text, rg_date *out)
{
	const char *s = text ? text : "";
	size_t n = strlen(s), i = 0, next, e, end, after_word = SIZE_MAX;
	unsigned prev = 0;

	while (i < n) {
		unsigned c = cp_at(s, n, i, &next);
		int month, year;

		if (!c)
			break;
		if (match_at(s, n, i, "เดือน", 0, &e, NULL))
			after_word = skip_hspace(s, n, e);   /* "เดือนต.ค.": เดือน ends in a letter */
		if (visible_at(s, n, i) == after_word)
			prev = 0;
		if ((month = month_at(s, n, i, prev, &e)) != 0 &&
				(year = year_after_month(s, n, e, &end)) != 0) {
			out->year = year;
			out->month = month;
			out->day = 0;
			out->start = visible_at(s, n, i);
			out->end = end;
			return 1;
		}
		prev = c;
		i = next;
	}
	return 0;
}

void rg_date_format(const rg_date *date, char *buf, size_t size)
{
	if (!size)
		return;
	if (date->day)
		snprintf(buf, size, "%04d-%02d-%02d", date->year, date->month, date->day);
	else
		snprintf(buf, size, "%04d-%02d", date->year, date->month);
}

/* ---- item numbers ------------------------------------------------------ */

/*
** Levels of 1-3 digits, none starting with 0, joined by dots, at i.  A dot
** joins only when a digit follows it.  Writes "1.1.2" to seq; returns 1 and
** *end (after the last digit) and *levels, else 0.
*/
static int read_levels(const char *s, size_t n, size_t i, char *seq, size_t size,
	size_t *end, int *levels)
{
	size_t len = 0, next, after;
	int d;

	*levels = 0;
	if (size < 2)
		return 0;
	for (;;) {
		int ndigits = 0;

		if ((d = rg_thai_digit(cp_at(s, n, i, &next))) <= 0)
			return 0;   /* no digit, or a level starting with 0 */
		while ((d = rg_thai_digit(cp_at(s, n, i, &next))) >= 0) {
			if (++ndigits > 3 || len + 2 > size)
				return 0;
			seq[len++] = (char)('0' + d);
			i = next;
		}
		(*levels)++;
		if (cp_at(s, n, i, &next) == '.' && rg_thai_digit(cp_at(s, n, next, &after)) >= 0) {
			if (len + 2 > size)
				return 0;
			seq[len++] = '.';
			i = next;
			continue;
		}
		break;
	}
	seq[len] = '\0';
	*end = i;
	return 1;
}

int rg_parse_seq(const char *cell, char *seq, size_t size)
{
	const char *s = cell ? cell : "";
	size_t n = strlen(s), i, next;
	int levels, paren = 0;

	if (size)
		seq[0] = '\0';
	i = skip_space(s, n, 0);
	if (cp_at(s, n, i, &next) == '(') {
		paren = 1;
		i = skip_hspace(s, n, next);
	}
	if (!read_levels(s, n, i, seq, size, &i, &levels))
		goto no;
	if (cp_at(s, n, i, &next) == '.')
		i = next;
	if (paren)
		i = skip_hspace(s, n, i);
	if (cp_at(s, n, i, &next) == ')')
		i = next;
	else if (paren)
		goto no;
	if (cp_at(s, n, skip_space(s, n, i), &next) != 0)
		goto no;
	return 1;
no:
	if (size)
		seq[0] = '\0';
	return 0;
}

int rg_split_seq(const char *name, unsigned flags, char *seq, size_t size, const char **rest)
{
	const char *s = name ? name : "";
	size_t n = strlen(s), start, i, next;
	int levels, paren = 0, ended = 0;
	unsigned c;

	if (size)
		seq[0] = '\0';
	start = i = skip_space(s, n, 0);
	*rest = s + start;
	if (cp_at(s, n, i, &next) == '(') {
		paren = 1;
		i = next;
	}
	if (!read_levels(s, n, i, seq, size, &i, &levels))
		goto no;
	c = cp_at(s, n, i, &next);
	if (paren) {
		if (c != ')')
			goto no;
		i = next;
		ended = 1;
	} else if (c == ')' || c == '.') {
		i = next;
		ended = 1;
	} else if (levels >= 2 || ((flags & RG_SEQ_BARE) && is_hspace(c))) {
		ended = 1;
	}
	if (!ended)
		goto no;
	c = cp_at(s, n, i, &next);
	if (rg_thai_digit(c) >= 0 || c == ',' || c == '.')
		goto no;
	*rest = s + skip_space(s, n, i);
	return 1;
no:
	if (size)
		seq[0] = '\0';
	return 0;
}
