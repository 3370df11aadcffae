/*
** linebreak.c - Thai line breaking with libthai and words kept whole (see linebreak.h).
**
** How words are kept whole: after libthai has found the word boundaries,
** every place where an entry of the dictionary (rules/linebreak.th.tsv and
** the names of the run) occurs in the text is found with one hash probe per
** character (entries are filed by their first two code points); each
** occurrence gives a span (a term or name; an abbreviation and the word after
** it; a prefix and its number; a number and its unit) and the boundaries
** strictly inside a span are dropped.  The text is only searched when it
** needs wrapping, so that short cells cost nothing.
*/
#include "linebreak.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <thai/thbrk.h>
#include <thai/thwbrk.h>

#include "core/buf.h"
#include "core/error.h"

#define LB_BUCKETS 4096

typedef struct {
	char *s;
	size_t len;
	int kind;              /* RG_LB_* */
	int next;              /* next entry of the hash chain, -1 = none */
} lb_entry;

/* A break after a space is preferred when its line is at least this share of the width. */
#define RG_SPACE_NEAR 0.8

struct rg_linebreak {
	ThBrk *brk;
	wchar_t *wtext;        /* the text as wide characters for th_brk_wc_* */
	size_t *woff;          /* byte offset of each wide character (and the end) */
	int *wpos;
	size_t wcap;
	size_t *pos;
	size_t npos, cap_pos;
	rg_line *lines;
	size_t nlines, cap_lines;
	int *inside;           /* scratch: > 0 at a byte offset strictly inside a kept span */
	size_t cap_inside;
	lb_entry *dict;        /* words kept whole */
	size_t ndict, cap_dict;
	int bucket[LB_BUCKETS];   /* first entry of each hash chain, -1 = none */
};

int rg_linebreak_new(rg_linebreak **out)
{
	rg_linebreak *lb = calloc(1, sizeof(*lb));

	*out = NULL;
	if (!lb)
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (!(lb->brk = th_brk_new(NULL))) {
		free(lb);
		return rg_error_set(RG_ERROR, "libthai: cannot load the word-break dictionary");
	}
	memset(lb->bucket, 0xFF, sizeof(lb->bucket));   /* all -1 */
	*out = lb;
	return 0;
}

void rg_linebreak_free(rg_linebreak *lb)
{
	if (!lb)
		return;
	th_brk_delete(lb->brk);
	free(lb->wtext);
	free(lb->woff);
	free(lb->wpos);
	free(lb->pos);
	free(lb->lines);
	free(lb->inside);
	while (lb->ndict)
		free(lb->dict[--lb->ndict].s);
	free(lb->dict);
	free(lb);
}


static int is_space(unsigned cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0; }

static int add_pos(rg_linebreak *lb, size_t p)
{
	if (rg_array_grow((void **)&lb->pos, &lb->cap_pos, lb->npos + 1, sizeof(size_t)))
		return RG_ENOMEM;
	lb->pos[lb->npos++] = p;
	return 0;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Thai marks and ำ never start a cluster. */
static int is_mark(unsigned cp)
{
	return cp == 0x0E31 || cp == 0x0E33 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
}

static int is_thai_char(unsigned cp) { return cp >= 0x0E01 && cp <= 0x0E4F; }

static int no_break_after(unsigned cp)
{
	return cp == '(' || cp == '[' || cp == '{' || cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018;
}

static int no_break_before(unsigned cp)
{
	return cp == ')' || cp == ']' || cp == '}' || cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 ||
		cp == ',' || cp == '.' || cp == ':' || cp == ';' || cp == '!' || cp == '?' || cp == '%' ||
		cp == 0x0E46 /* ๆ */ || cp == 0x0E2F /* ฯ */;
}

static int is_leading_vowel(unsigned cp) { return cp >= 0x0E40 && cp <= 0x0E44; }

size_t rg_cluster_next(const char *s, size_t n, size_t i)
{
	unsigned cp;
	int lead;

	if (i >= n)
		return n;
	i += (size_t)rg_utf8_decode(s + i, n - i, &cp);
	lead = is_leading_vowel(cp);
	while (i < n) {
		int l = rg_utf8_decode(s + i, n - i, &cp);
		if (is_mark(cp) || lead) {
			lead = lead && is_leading_vowel(cp);
			i += (size_t)l;
			continue;
		}
		break;
	}
	return i;
}

/* ---- the words kept whole ---- */

static unsigned cp_at(const char *s, size_t n, size_t i, size_t *next)
{
	unsigned cp = 0;
	if (i >= n) {
		*next = n;
		return 0;
	}
	*next = i + (size_t)rg_utf8_decode(s + i, n - i, &cp);
	return cp;
}

static unsigned hash2(unsigned a, unsigned b) { return (a * 2654435761u ^ b * 40503u) & (LB_BUCKETS - 1); }

/* The entry of this kind and text, or -1. */
static int find_entry(const rg_linebreak *lb, const char *s, size_t n, int kind)
{
	size_t nx, nx2;
	unsigned a = cp_at(s, n, 0, &nx), b = cp_at(s, n, nx, &nx2);
	int e;

	for (e = lb->bucket[hash2(a, b)]; e >= 0; e = lb->dict[e].next)
		if (lb->dict[e].kind == kind && lb->dict[e].len == n && !memcmp(lb->dict[e].s, s, n))
			return e;
	return -1;
}

int rg_linebreak_add(rg_linebreak *lb, int kind, const char *s, size_t n)
{
	size_t nx, nx2;
	unsigned a, b, h;
	lb_entry *e;

	while (n && (*s == ' '))
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	if (!n || find_entry(lb, s, n, kind) >= 0)
		return 0;
	if (rg_array_grow((void **)&lb->dict, &lb->cap_dict, lb->ndict + 1, sizeof(*lb->dict)))
		return RG_ENOMEM;
	a = cp_at(s, n, 0, &nx);
	b = cp_at(s, n, nx, &nx2);
	h = hash2(a, b);
	e = &lb->dict[lb->ndict];
	if (!(e->s = malloc(n + 1)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	memcpy(e->s, s, n);
	e->s[n] = '\0';
	e->len = n;
	e->kind = kind;
	e->next = lb->bucket[h];
	lb->bucket[h] = (int)lb->ndict++;
	return 0;
}

int rg_linebreak_add_org(rg_linebreak *lb, const char *name)
{
	size_t n = name ? strlen(name) : 0, best = 0, i;

	if (!n)
		return 0;
	/* the longest organization type that starts the name; the rest is its place */
	for (i = 0; i < lb->ndict; i++) {
		const lb_entry *e = &lb->dict[i];
		if (e->kind == RG_LB_ORG_PREFIX && e->len > best && e->len < n && !memcmp(name, e->s, e->len))
			best = e->len;
	}
	return best ? rg_linebreak_add(lb, RG_LB_NAME, name + best, n - best) : 0;
}

int rg_linebreak_load(rg_linebreak *lb, const char *path)
{
	static const struct { const char *word; int kind; } kinds[] = {
		{ "term", RG_LB_TERM }, { "org_prefix", RG_LB_ORG_PREFIX }, { "abbrev", RG_LB_ABBREV },
		{ "prefix", RG_LB_PREFIX }, { "unit", RG_LB_UNIT },
	};
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, k;
	ssize_t len;
	int lineno = 0, rc = 0;
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (!fp)
		return rg_error_set(RG_EIO, "%s: cannot read the words kept whole on a line", path);
	while (!rc && (len = getline(&line, &cap, fp)) >= 0) {
		char *tab;
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		if (!(tab = strchr(line, '\t')) || !tab[1]) {
			rc = rg_error_set(RG_EFORMAT, "%s:%d: expected KIND<tab>TEXT", base, lineno);
			break;
		}
		*tab = '\0';
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]) && strcmp(kinds[k].word, line); k++)
			;
		if (k == sizeof(kinds) / sizeof(kinds[0]))
			rc = rg_error_set(RG_EFORMAT, "%s:%d: unknown kind '%s' (term, org_prefix, abbrev, prefix, unit)",
				base, lineno, line);
		else
			rc = rg_linebreak_add(lb, kinds[k].kind, tab + 1, strlen(tab + 1));
	}
	free(line);
	fclose(fp);
	return rc;
}

static int is_digit_cp(unsigned cp) { return (cp >= '0' && cp <= '9') || (cp >= 0x0E50 && cp <= 0x0E59); }

/* Inside a number: a separator between two digits (1,234.50  ๒๕๖๖–๒๕๗๐  ๑/๒). */
static int is_number_sep(unsigned cp) { return cp == ',' || cp == '.' || cp == '-' || cp == 0x2013 || cp == '/'; }

/* The end of the number that starts at i (i itself when none). */
static size_t number_end(const char *s, size_t n, size_t i)
{
	size_t end = i, j = i, nx;
	unsigned cp;

	while (j < n) {
		cp = cp_at(s, n, j, &nx);
		if (is_digit_cp(cp)) {
			end = j = nx;
		} else if (end > i && is_number_sep(cp)) {
			size_t nx2;
			if (!is_digit_cp(cp_at(s, n, nx, &nx2)))
				break;
			j = nx;
		} else {
			break;
		}
	}
	return end;
}

/* The start of the number that ends at i (i itself when none). */
static size_t number_start(const char *s, size_t i)
{
	size_t start = i, j = i;

	while (j > 0) {
		size_t b = j - 1, nx;
		unsigned cp;
		while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
			b--;
		cp = cp_at(s, j, b, &nx);
		if (is_digit_cp(cp))
			start = j = b;
		else if (start < i && is_number_sep(cp) && b > 0)
			j = b;
		else
			break;
	}
	return start;
}

/* Whether a word may start at i: the text's start, after a space or an
** opening bracket, or at a libthai boundary (the sorted candidates). */
static int word_start(const rg_linebreak *lb, const char *s, size_t i)
{
	size_t lo = 0, hi = lb->npos;
	unsigned char c;

	if (i == 0)
		return 1;
	c = (unsigned char)s[i - 1];
	if (c == ' ' || c == '(' || c == '"' || c == '\t')
		return 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (lb->pos[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < lb->npos && lb->pos[lo] == i;
}

/* The end of the word or name that starts at j: the longest term or name
** there, else the next break candidate, else the end of the text. */
static size_t word_end(const rg_linebreak *lb, const char *s, size_t n, size_t j)
{
	size_t nx, nx2, best = 0, k;
	unsigned a = cp_at(s, n, j, &nx), b = cp_at(s, n, nx, &nx2);
	int e;

	for (e = lb->bucket[hash2(a, b)]; e >= 0; e = lb->dict[e].next) {
		const lb_entry *d = &lb->dict[e];
		if ((d->kind == RG_LB_TERM || d->kind == RG_LB_NAME) && d->len > best && j + d->len <= n &&
		    !memcmp(s + j, d->s, d->len))
			best = d->len;
	}
	if (best)
		return j + best;
	for (k = 0; k < lb->npos; k++)
		if (lb->pos[k] > j)
			return lb->pos[k];
	return n;
}

static void span(rg_linebreak *lb, size_t a, size_t b)
{
	if (b > a + 1) {
		lb->inside[a + 1]++;
		lb->inside[b]--;
	}
}

static size_t skip_spaces(const char *s, size_t n, size_t j)
{
	while (j < n && s[j] == ' ')
		j++;
	return j;
}

/* One occurrence of entry d at i: mark the span it keeps whole. */
static void occurrence(rg_linebreak *lb, const lb_entry *d, const char *s, size_t n, size_t i)
{
	size_t end = i + d->len, j, nx;

	switch (d->kind) {
	case RG_LB_TERM:
	case RG_LB_NAME:
		span(lb, i, end);
		break;
	case RG_LB_ABBREV:
		j = skip_spaces(s, n, end);
		if (word_start(lb, s, i) && j < n && is_thai_char(cp_at(s, n, j, &nx)))
			span(lb, i, word_end(lb, s, n, j));
		break;
	case RG_LB_PREFIX:
		j = skip_spaces(s, n, end);
		if (word_start(lb, s, i) && j < n && is_digit_cp(cp_at(s, n, j, &nx)))
			span(lb, i, number_end(s, n, j));
		break;
	case RG_LB_UNIT:
		j = i;
		while (j > 0 && s[j - 1] == ' ')
			j--;
		if (number_start(s, j) < j)
			span(lb, number_start(s, j), end);
		break;
	default:
		break;
	}
}

/* Mark every span of the text (lb->inside as +1/-1 steps; lb->pos sorted). */
static void mark_spans(rg_linebreak *lb, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t nx, nx2;
		unsigned a = cp_at(s, n, i, &nx), b = cp_at(s, n, nx, &nx2);
		int pass, e;
		/* entries of two or more code points, then those of one */
		for (pass = 0; pass < 2; pass++) {
			for (e = lb->bucket[hash2(a, pass ? 0 : b)]; e >= 0; e = lb->dict[e].next) {
				const lb_entry *d = &lb->dict[e];
				size_t end = i + d->len, nx3;
				if (end > n || memcmp(s + i, d->s, d->len))
					continue;
				if (end < n && is_mark(cp_at(s, n, end, &nx3)))
					continue;   /* it ends inside a cluster: another word */
				occurrence(lb, d, s, n, i);
			}
		}
		i = nx;
	}
}

int rg_linebreak_find(rg_linebreak *lb, const char *s, size_t n, const size_t **pos, size_t *count)
{
	size_t i, nw = 0, k, out;
	int nb, thai = 0, prev_space = 0;

	lb->npos = 0;
	*pos = NULL;
	*count = 0;
	if (n + 1 > lb->wcap) {
		/* the three per-character arrays grow together */
		size_t cap = lb->wcap;
		void *w, *o, *p;
		if (rg_array_grow((void **)&lb->wtext, &cap, n + 1, sizeof(wchar_t)))
			return RG_ENOMEM;
		w = lb->wtext;
		if (!(o = realloc(lb->woff, cap * sizeof(size_t))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		lb->woff = o;
		if (!(p = realloc(lb->wpos, cap * sizeof(int))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		lb->wpos = p;
		lb->wtext = w;
		lb->wcap = cap;
	}

	for (i = 0; i < n;) {
		unsigned cp;
		int l = rg_utf8_decode(s + i, n - i, &cp);
		if (cp >= 0x0E00 && cp <= 0x0E7F)
			thai = 1;
		/* after a run of spaces: a break */
		if (prev_space && !is_space(cp) && i > 0 && add_pos(lb, i))
			return RG_ENOMEM;
		prev_space = is_space(cp);
		lb->woff[nw] = i;
		lb->wtext[nw++] = (wchar_t)cp;
		i += (size_t)l;
	}
	lb->woff[nw] = n;
	lb->wtext[nw] = 0;

	if (thai) {
		nb = th_brk_wc_find_breaks(lb->brk, (const thwchar_t *)lb->wtext, lb->wpos, nw);
		for (k = 0; k < (size_t)(nb > 0 ? nb : 0); k++) {
			size_t w = (size_t)lb->wpos[k];
			if (w == 0 || w >= nw)
				continue;
			/* no break before a space (the break comes after it) or before a mark */
			if (is_space((unsigned)lb->wtext[w]) || is_mark((unsigned)lb->wtext[w]))
				continue;
			/* libthai is for Thai: between two non-Thai characters only spaces break
			** ("E-Service", "1,234.00"), and brackets and quotes stay with their text */
			if (!is_thai_char((unsigned)lb->wtext[w - 1]) && !is_thai_char((unsigned)lb->wtext[w]))
				continue;
			if (no_break_after((unsigned)lb->wtext[w - 1]) || no_break_before((unsigned)lb->wtext[w]))
				continue;
			if (add_pos(lb, lb->woff[w]))
				return RG_ENOMEM;
		}
	}
	qsort(lb->pos, lb->npos, sizeof(size_t), cmp_size);

	/* drop duplicates, then the breaks strictly inside a span kept whole */
	out = 0;
	for (k = 0; k < lb->npos; k++)
		if (!out || lb->pos[out - 1] != lb->pos[k])
			lb->pos[out++] = lb->pos[k];
	lb->npos = out;
	if (lb->npos && lb->ndict) {
		if (rg_array_grow((void **)&lb->inside, &lb->cap_inside, n + 1, sizeof(int)))
			return RG_ENOMEM;
		memset(lb->inside, 0, (n + 1) * sizeof(int));
		mark_spans(lb, s, n);
		for (k = 1; k <= n; k++)
			lb->inside[k] += lb->inside[k - 1];
		out = 0;
		for (k = 0; k < lb->npos; k++)
			if (lb->inside[lb->pos[k]] <= 0)
				lb->pos[out++] = lb->pos[k];
		lb->npos = out;
	}
	*pos = lb->pos;
	*count = lb->npos;
	return 0;
}

static int add_line(rg_linebreak *lb, const char *s, size_t a, size_t b)
{
	/* trim spaces at both ends */
	while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n'))
		b--;
	if (rg_array_grow((void **)&lb->lines, &lb->cap_lines, lb->nlines + 1, sizeof(rg_line)))
		return RG_ENOMEM;
	lb->lines[lb->nlines].start = a;
	lb->lines[lb->nlines].end = b;
	lb->nlines++;
	return 0;
}

static double trimmed_width(const char *s, size_t a, size_t b, rg_measure_fn measure, void *ctx)
{
	while (a < b && s[a] == ' ')
		a++;
	while (b > a && s[b - 1] == ' ')
		b--;
	return b > a ? measure(ctx, s + a, b - a) : 0;
}

int rg_linebreak_wrap(rg_linebreak *lb, const char *s, size_t n, double width,
	rg_measure_fn measure, void *ctx, const rg_line **lines, size_t *count)
{
	const size_t *pos;
	size_t np, k, start = 0, last_ok;
	int rc;

	lb->nlines = 0;
	*lines = NULL;
	*count = 0;
	if (n == 0 || measure(ctx, s, n) <= width) {
		if ((rc = add_line(lb, s, 0, n)))
			return rc;
		goto done;
	}
	if ((rc = rg_linebreak_find(lb, s, n, &pos, &np)))
		return rc;
	k = 0;
	while (start < n) {
		size_t end;
		size_t at_space = start;
		last_ok = start;
		/* the furthest break that still fits (measuring the line from start) */
		while (k < np && pos[k] <= start)
			k++;
		{
			size_t j = k;
			while (j < np && trimmed_width(s, start, pos[j], measure, ctx) <= width) {
				last_ok = pos[j];
				if (s[pos[j] - 1] == ' ')
					at_space = pos[j];
				j++;
			}
			if (j == np && trimmed_width(s, start, n, measure, ctx) <= width)
				last_ok = n;
		}
		/* a break after a space reads better than one between two words:
		** take it when the line stays nearly as full */
		if (last_ok != n && at_space > start && at_space != last_ok &&
		    trimmed_width(s, start, at_space, measure, ctx) >= RG_SPACE_NEAR * width)
			last_ok = at_space;
		if (last_ok == start) {
			/* the next word alone is too wide: cut it at cluster boundaries */
			size_t next = k < np ? pos[k] : n, c = start, fit = start;
			while (c < next) {
				size_t nx = rg_cluster_next(s, n, c);
				if (fit > start && trimmed_width(s, start, nx, measure, ctx) > width)
					break;
				fit = nx;
				c = nx;
			}
			end = fit;
		} else {
			end = last_ok;
		}
		if ((rc = add_line(lb, s, start, end)))
			return rc;
		start = end;
		while (start < n && s[start] == ' ')
			start++;
	}
done:
	*lines = lb->lines;
	*count = lb->nlines;
	return 0;
}
