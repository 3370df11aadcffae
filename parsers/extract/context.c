/*
** context.c - the extraction context of one document: its lines, normalized
** once and joined by NUL so that each rule searches them all in one pass; a
** memo of rule results for texts that repeat; each cell's normalized text.
*/
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "extract_int.h"
#include "thai.h"
#include "values.h"

int ex_fail(ctx *x, int code)
{
	if (!x->err)
		x->err = code;
	return x->err;
}

/*
** rg_rules_first, remembered per document.  On a hit the matching rule is
** run once more so that x->md holds its groups.
*/
const rg_rule *ex_first_rule(ctx *x, const char *category, const char *s, size_t len)
{
	char small[512], *key = small;
	size_t clen = strlen(category), klen = clen + 1 + len;
	const rg_rule *r;
	int idx;

	/* long texts (project names) rarely repeat: matching them costs less than remembering */
	if (len > 48)
		return rg_rules_first(x->rules, category, s, len, x->md);
	if (klen > sizeof(small) && !(key = malloc(klen))) {
		ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		return NULL;
	}
	memcpy(key, category, clen);
	key[clen] = '\x1f';
	memcpy(key + clen + 1, s, len);
	idx = rg_strmap_get(&x->first_rule, key, klen);
	if (idx >= 0) {
		r = &x->rules->items[idx];
		if (r->has_groups)
			rg_rule_match(r, s, len, x->md);
	} else if (idx == -2) {
		r = NULL;
	} else {
		r = rg_rules_first(x->rules, category, s, len, x->md);
		if (rg_strmap_put(&x->first_rule, key, klen, r ? (int)(r - x->rules->items) : -2))
			ex_fail(x, RG_ENOMEM);
	}
	if (key != small)
		free(key);
	return r;
}

char *ex_norm(ctx *x, const char *s, unsigned flags)
{
	char *out = NULL;

	if (rg_thai_normalize(s ? s : "", flags | RG_NORM_ARABIC_DIGITS, &out)) {
		ex_fail(x, RG_ENOMEM);
		return NULL;
	}
	return out;
}

/* Normalized text without any space: for headers split by narrow cells. */
char *ex_squeeze(ctx *x, const char *s)
{
	return ex_norm(x, s, RG_NORM_NO_SPACES);
}

/* Add a line (normalized); returns its index, or -1 when empty or on error. */
static int add_line(ctx *x, const char *text)
{
	size_t start = x->text.len, *p;

	if (!text || !*text || x->err)
		return -1;
	rg_thai_normalize_append(&x->text, text, strlen(text), RG_NORM_ARABIC_DIGITS);
	if (x->text.len == start)
		return -1;   /* nothing visible */
	rg_buf_putc(&x->text, '\0');
	if (x->nlines + 1 >= x->caplines) {
		size_t cap = x->caplines ? x->caplines * 2 : 256;
		if (!(p = realloc(x->starts, cap * sizeof(*p)))) {
			ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
			return -1;
		}
		x->starts = p;
		x->caplines = cap;
	}
	if (rg_buf_oom(&x->text)) {
		ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
		return -1;
	}
	x->starts[x->nlines++] = start;
	x->starts[x->nlines] = x->text.len;
	return (int)x->nlines - 1;
}

/* Line i (valid until the extraction ends). */
const char *ex_line_text(const ctx *x, size_t i)
{
	return x->text.ptr + x->starts[i];
}

static size_t ptr_slot(const ctx *x, const char *p)
{
	size_t i = (size_t)(((uintptr_t)p * 0x9E3779B97F4A7C15ull) >> 20) & (x->cell_cap - 1);

	while (x->cell_keys[i] && x->cell_keys[i] != p)
		i = (i + 1) & (x->cell_cap - 1);
	return i;
}

/* Remember that the cell text at p normalizes to line `line`. */
static void remember_cell(ctx *x, const char *p, int line)
{
	size_t i;

	if (line < 0 || x->err)
		return;
	if ((x->cell_len + 1) * 2 > x->cell_cap) {
		size_t cap = x->cell_cap ? x->cell_cap * 2 : 1024, k;
		const char **keys = calloc(cap, sizeof(*keys));
		int *lines = calloc(cap, sizeof(*lines));
		const char **old_keys = x->cell_keys;
		int *old_lines = x->cell_lines;
		size_t old_cap = x->cell_cap;

		if (!keys || !lines) {
			free(keys);
			free(lines);
			ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
			return;
		}
		x->cell_keys = keys;
		x->cell_lines = lines;
		x->cell_cap = cap;
		for (k = 0; k < old_cap; k++) {
			if (old_keys[k]) {
				size_t j = ptr_slot(x, old_keys[k]);
				keys[j] = old_keys[k];
				lines[j] = old_lines[k];
			}
		}
		free(old_keys);
		free(old_lines);
	}
	i = ptr_slot(x, p);
	if (!x->cell_keys[i])
		x->cell_len++;
	x->cell_keys[i] = p;
	x->cell_lines[i] = line;
}

/* A cell's text, normalized (borrowed: valid until the end of the extraction). */
const char *ex_cell_norm(ctx *x, const char *raw)
{
	char *n, **p;

	if (!raw || !*raw)
		return "";
	if (x->cell_cap) {
		size_t i = ptr_slot(x, raw);
		if (x->cell_keys[i])
			return ex_line_text(x, (size_t)x->cell_lines[i]);
	}
	/* not seen as a line (it normalized to nothing, or came from elsewhere) */
	if (!(n = ex_norm(x, raw, 0)))
		return "";
	if (x->nextra == x->capextra) {
		size_t cap = x->capextra ? x->capextra * 2 : 16;
		if (!(p = realloc(x->extra, cap * sizeof(*p)))) {
			free(n);
			ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
			return "";
		}
		x->extra = p;
		x->capextra = cap;
	}
	x->extra[x->nextra++] = n;
	return n;
}



void ex_collect_lines(ctx *x, const rg_blocks *list)
{
	size_t i;
	int r, c;

	for (i = 0; i < list->len; i++) {
		const rg_block *b = &list->items[i];
		if (b->type == RG_BLOCK_PARAGRAPH) {
			add_line(x, b->text);
			continue;
		}
		for (r = 0; r < b->table->nrows; r++) {
			for (c = 0; c < b->table->ncols; c++) {
				const rg_cell *cell = rg_table_cell(b->table, r, c);
				if (cell->text)
					remember_cell(x, cell->text, add_line(x, cell->text));
				if (cell->body.len)
					ex_collect_lines(x, &cell->body);
			}
		}
	}
}

char *ex_dup_or_fail(ctx *x, const char *s)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		ex_fail(x, rg_error_set(RG_ENOMEM, "out of memory"));
	return d;
}

/* The line that holds byte offset off of the joined text. */
static size_t line_of(const ctx *x, size_t off)
{
	size_t lo = 0, hi = x->nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (x->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
** Call fn for every match of rule r in the document's lines, in order,
** with the line it is on; stops when fn returns non-zero (returned).
*/
int ex_each_match(ctx *x, const rg_rule *r, int (*fn)(ctx *x, const rg_rule *r, size_t line, void *arg),
		      void *arg)
{
	const char *t = x->text.ptr;
	size_t len = x->text.len, off = 0;
	int stop;

	while (t && off < len && pcre2_match(r->re, (PCRE2_SPTR)t, len, off, PCRE2_NO_UTF_CHECK, x->md, NULL) >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
		size_t start = ov[0], end = ov[1];

		if (start < len && t[start] != '\0' && (stop = fn(x, r, line_of(x, start), arg)))
			return stop;
		if (end > start)
			off = end;
		else   /* an empty match: step over one whole character */
			for (off = start + 1; off < len && ((unsigned char)t[off] & 0xC0) == 0x80; off++)
				;
	}
	return 0;
}

void ex_context_free(ctx *x)
{
	size_t i;

	rg_strmap_free(&x->first_rule);
	rg_buf_free(&x->text);
	free(x->starts);
	free(x->cell_keys);
	free(x->cell_lines);
	for (i = 0; i < x->nextra; i++)
		free(x->extra[i]);
	free(x->extra);
	free(x->ptables);
}
