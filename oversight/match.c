/*
** match.c - project identity across filings: the comparison key of a
** project name, the similarity of two keys, and the pairing of two lists
** of names (exact keys first, then similar ones, ambiguity reported).
** See match.h for the measure and the threshold.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "extract/thai.h"
#include "match.h"

/* ---- spelling variants ---------------------------------------------------- */

typedef struct {
	char *wrong, *right;
	size_t wrong_len;
} variant;

struct rg_spelling {
	variant *v;
	size_t n;
};

static int variant_longer_first(const void *x, const void *y)
{
	const variant *a = x, *b = y;
	if (a->wrong_len != b->wrong_len)
		return a->wrong_len < b->wrong_len ? 1 : -1;
	return strcmp(a->wrong, b->wrong);
}

void rg_spelling_free(rg_spelling *sp)
{
	size_t i;

	if (!sp)
		return;
	for (i = 0; i < sp->n; i++) {
		free(sp->v[i].wrong);
		free(sp->v[i].right);
	}
	free(sp->v);
	free(sp);
}

int rg_spelling_load(const char *path, rg_spelling **out)
{
	FILE *f;
	char line[1024];
	int lineno = 0, rc = RG_OK;
	rg_spelling *sp;
	size_t cap = 0;

	*out = NULL;
	if (!(f = fopen(path, "r")))
		return rg_error_set(RG_EIO, "%s: cannot read the spelling variants", path);
	if (!(sp = calloc(1, sizeof(*sp)))) {
		fclose(f);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	while (fgets(line, sizeof(line), f)) {
		char *tab, *end, *wrong = NULL, *right = NULL;

		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		tab = strchr(line, '\t');
		end = tab ? tab + 1 + strcspn(tab + 1, "\t") : NULL;
		if (!tab || tab == line || !*(tab + 1) || end == tab + 1) {
			rc = rg_error_set(RG_EFORMAT, "%s:%d: expected \"wrong<TAB>right\"", path, lineno);
			break;
		}
		*tab = 0;
		*end = 0;
		if (rg_thai_normalize(line, RG_NORM_ARABIC_DIGITS, &wrong) ||
		    rg_thai_normalize(tab + 1, RG_NORM_ARABIC_DIGITS, &right)) {
			free(wrong);
			rc = RG_ENOMEM;
			break;
		}
		if (sp->n == cap) {
			variant *v = realloc(sp->v, (cap ? cap * 2 : 32) * sizeof(*v));
			if (!v) {
				free(wrong);
				free(right);
				rc = rg_error_set(RG_ENOMEM, "out of memory");
				break;
			}
			sp->v = v;
			cap = cap ? cap * 2 : 32;
		}
		sp->v[sp->n].wrong = wrong;
		sp->v[sp->n].right = right;
		sp->v[sp->n].wrong_len = strlen(wrong);
		sp->n++;
	}
	fclose(f);
	if (rc) {
		rg_spelling_free(sp);
		return rc;
	}
	qsort(sp->v, sp->n, sizeof(*sp->v), variant_longer_first);
	*out = sp;
	return RG_OK;
}

/* ---- code point helpers ---------------------------------------------------- */

static unsigned cp_at(const char *s, size_t len, size_t i, int *n)
{
	unsigned cp;
	*n = rg_utf8_decode(s + i, len - i, &cp);
	return cp;
}

/* The code point that ends right before byte i (0 at the start). */
static unsigned cp_before(const char *s, size_t i)
{
	size_t j = i;
	unsigned cp;

	if (!i)
		return 0;
	do
		j--;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80);
	rg_utf8_decode(s + j, i - j, &cp);
	return cp;
}

/* Thai marks and following vowels that belong to the consonant before them:
** a match may not end right before one (หนองแก must not cut หนองแก้ว). */
static int thai_attaches_left(unsigned cp)
{
	return cp == 0x0E30 || cp == 0x0E31 || cp == 0x0E32 || cp == 0x0E33 ||
	       (cp >= 0x0E34 && cp <= 0x0E3A) || cp == 0x0E45 || (cp >= 0x0E47 && cp <= 0x0E4E);
}

/* Leading vowels belong to the consonant after them: a match may not start
** right after one (นา must not cut เนา). */
static int thai_leading_vowel(unsigned cp)
{
	return cp >= 0x0E40 && cp <= 0x0E44;
}

static int is_digit(unsigned cp)
{
	return cp >= '0' && cp <= '9';
}

/* Punctuation, quotes, brackets, symbols and spaces: not part of identity. */
static int is_noise(unsigned cp)
{
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
	return (cp >= 0x00A0 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7 ||
	       (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2190 && cp <= 0x2BFF) ||
	       (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) || cp == 0xFFFD ||
	       cp == 0x0E3F || cp == 0x0E4F || cp == 0x0E5A || cp == 0x0E5B;
}

/* ---- the key ---------------------------------------------------------------- */

/* Replace every occurrence of pat in b by rep (rep may be ""), whole Thai
** syllables only: not right after a leading vowel, not right before a mark. */
static void replace_all(rg_buf *b, const char *pat, const char *rep)
{
	size_t plen = strlen(pat), rlen = strlen(rep), i = 0;
	rg_buf out = RG_BUF_INIT;
	int changed = 0;

	if (!plen || !b->len)
		return;
	while (i < b->len) {
		const char *hit = strstr(b->ptr + i, pat);
		size_t at;
		int n;

		if (!hit)
			break;
		at = (size_t)(hit - b->ptr);
		if ((at > 0 && thai_leading_vowel(cp_before(b->ptr, at))) ||
		    (at + plen < b->len && thai_attaches_left(cp_at(b->ptr, b->len, at + plen, &n)))) {
			cp_at(b->ptr, b->len, at, &n);
			rg_buf_put(&out, b->ptr + i, at + (size_t)n - i);
			i = at + (size_t)n;
			continue;
		}
		rg_buf_put(&out, b->ptr + i, at - i);
		rg_buf_put(&out, rep, rlen);
		i = at + plen;
		changed = 1;
	}
	if (!changed) {
		rg_buf_free(&out);
		return;
	}
	rg_buf_put(&out, b->ptr + i, b->len - i);
	if (rg_buf_oom(&out)) {
		b->oom = 1;
		rg_buf_free(&out);
		return;
	}
	rg_buf_free(b);
	*b = out;
}

static void apply_spelling(rg_buf *b, const rg_spelling *sp)
{
	size_t i;

	if (!sp)
		return;
	for (i = 0; i < sp->n; i++)
		replace_all(b, sp->v[i].wrong, sp->v[i].right);
}

/* Drop a leading item number: "1.", "1.2.3", "(4)", "5)", "6 ", "-", "•". */
static size_t skip_item_number(const char *s, size_t len)
{
	size_t i = 0, j;
	int n;

	for (;;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i >= len)
			return i;
		unsigned cp = cp_at(s, len, i, &n);
		if (cp == '-' || cp == '*' || cp == 0x2022 || cp == 0x2013 || cp == 0x2014) {
			i += (size_t)n;
			continue;
		}
		j = i;
		if (s[j] == '(')
			j++;
		if (j >= len || !is_digit((unsigned char)s[j]))
			return i;
		while (j < len && (is_digit((unsigned char)s[j]) ||
		       (s[j] == '.' && j + 1 < len && is_digit((unsigned char)s[j + 1]))))
			j++;
		if (j < len && (s[j] == '.' || s[j] == ')'))
			j++;
		else if (j < len && s[j] != ' ')
			return i;       /* "5ส": a name, not a number */
		i = j;
	}
}

/* Blank out Buddhist Era years 2400-2699 standing alone (not inside a longer number). */
static void drop_be_years(rg_buf *b)
{
	size_t i;

	for (i = 0; i + 4 <= b->len; i++) {
		const char *p = b->ptr + i;
		if (!is_digit((unsigned char)p[0]) || (i > 0 && (is_digit((unsigned char)p[-1]) ||
		    ((p[-1] == '.' || p[-1] == ',') && i > 1 && is_digit((unsigned char)p[-2])))))
			continue;
		if (is_digit((unsigned char)p[1]) && is_digit((unsigned char)p[2]) &&
		    is_digit((unsigned char)p[3]) && (i + 4 == b->len || !is_digit((unsigned char)p[4]))) {
			int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
			if (y >= 2400 && y <= 2699 && !(i + 5 < b->len && (p[4] == '.' || p[4] == ',') &&
			    is_digit((unsigned char)p[5])))
				memset(b->ptr + i, ' ', 4);
		}
	}
}

/* Organization types, longest first, and the abbreviations of each. */
static const char *const org_type_words[] = {
	"องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนตำบล", "เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล",
	"เทศบาล", NULL
};
static const char *const org_abbreviations[] = { "อบจ", "อบต", "ทน", "ทม", "ทต", NULL };
static const char *const year_words[] = {
	"ประจำปีงบประมาณ", "ปีงบประมาณ", "ประจำปี", "พ.ศ.", "พ.ศ", NULL
};
static const char *const kind_words[] = { "โครงการ", "กิจกรรม", "มาตรการ", NULL };

/* Normalize a fragment the way the key's input is normalized. */
static char *norm_piece(const char *s)
{
	char *out = NULL;
	if (!s || !*s || rg_thai_normalize(s, RG_NORM_ARABIC_DIGITS, &out))
		return NULL;
	if (!*out) {
		free(out);
		return NULL;
	}
	return out;
}

static size_t cp_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* The place of an organization name: the name without its type (written out or abbreviated). */
static const char *place_of(const char *name)
{
	size_t i, l;

	for (i = 0; org_type_words[i]; i++) {
		l = strlen(org_type_words[i]);
		if (!strncmp(name, org_type_words[i], l))
			return name + l + (name[l] == ' ');
	}
	for (i = 0; org_abbreviations[i]; i++) {
		l = strlen(org_abbreviations[i]);
		if (!strncmp(name, org_abbreviations[i], l) && name[l] == '.')
			return name + l + 1 + (name[l + 1] == ' ');
	}
	return name;
}

static void drop_organization(rg_buf *b, const rg_match_org *org)
{
	char *name = org ? norm_piece(org->name) : NULL;
	char *district = org ? norm_piece(org->district) : NULL;
	char *province = org ? norm_piece(org->province) : NULL;
	const char *place = name ? place_of(name) : NULL;
	char pat[512];
	size_t i;

	if (name)
		replace_all(b, name, " ");
	if (place && cp_count(place) >= 3) {
		for (i = 0; org_abbreviations[i]; i++) {
			snprintf(pat, sizeof(pat), "%s.%s", org_abbreviations[i], place);
			replace_all(b, pat, " ");
			snprintf(pat, sizeof(pat), "%s. %s", org_abbreviations[i], place);
			replace_all(b, pat, " ");
			snprintf(pat, sizeof(pat), "%s %s", org_abbreviations[i], place);
			replace_all(b, pat, " ");
			snprintf(pat, sizeof(pat), "%s%s", org_abbreviations[i], place);
			replace_all(b, pat, " ");
		}
	}
	for (i = 0; org_type_words[i]; i++)
		replace_all(b, org_type_words[i], " ");
	for (i = 0; org_abbreviations[i]; i++) {
		snprintf(pat, sizeof(pat), "%s.", org_abbreviations[i]);
		replace_all(b, pat, " ");
	}
	if (district) {
		snprintf(pat, sizeof(pat), "อำเภอ%s", district);
		replace_all(b, pat, " ");
		snprintf(pat, sizeof(pat), "อำเภอ %s", district);
		replace_all(b, pat, " ");
	}
	if (province) {
		snprintf(pat, sizeof(pat), "จังหวัด%s", province);
		replace_all(b, pat, " ");
		snprintf(pat, sizeof(pat), "จังหวัด %s", province);
		replace_all(b, pat, " ");
	}
	/* the bare names last, and only names long enough not to be a syllable of another word */
	if (place && cp_count(place) >= 3)
		replace_all(b, place, " ");
	if (district && cp_count(district) >= 3)
		replace_all(b, district, " ");
	if (province && cp_count(province) >= 3)
		replace_all(b, province, " ");
	free(name);
	free(district);
	free(province);
}

int rg_project_key(const char *name, const rg_match_org *org, const rg_spelling *sp, char **out)
{
	rg_buf b = RG_BUF_INIT, k = RG_BUF_INIT;
	char *norm = NULL;
	size_t i, start;
	int n;

	*out = NULL;
	if (rg_thai_normalize(name, RG_NORM_ARABIC_DIGITS, &norm))
		return rg_error_set(RG_ENOMEM, "out of memory");
	for (i = 0; norm[i]; i++)
		if (norm[i] >= 'A' && norm[i] <= 'Z')
			norm[i] = (char)(norm[i] - 'A' + 'a');
	start = skip_item_number(norm, strlen(norm));
	rg_buf_puts(&b, norm + start);
	free(norm);
	apply_spelling(&b, sp);
	for (i = 0; year_words[i]; i++)
		replace_all(&b, year_words[i], " ");
	if (b.len)
		drop_be_years(&b);
	drop_organization(&b, org);

	/* keep letters and digits only */
	for (i = 0; i < b.len; i += (size_t)n) {
		unsigned cp = cp_at(b.ptr, b.len, i, &n);
		if (!is_noise(cp))
			rg_buf_put(&k, b.ptr + i, (size_t)n);
	}
	rg_buf_free(&b);
	rg_buf_cstr(&k);
	for (i = 0; kind_words[i] && k.len; i++) {
		size_t l = strlen(kind_words[i]);
		if (k.len > l && !strncmp(k.ptr, kind_words[i], l)) {
			memmove(k.ptr, k.ptr + l, k.len - l + 1);
			k.len -= l;
			break;
		}
	}
	if (rg_buf_oom(&k)) {
		rg_buf_free(&k);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	*out = k.len ? rg_buf_detach(&k) : strdup("");
	rg_buf_free(&k);
	return *out ? RG_OK : rg_error_set(RG_ENOMEM, "out of memory");
}

/* ---- similarity --------------------------------------------------------------- */

/* Decode s into code points (caller frees); *n their count. */
static unsigned *code_points(const char *s, size_t *n)
{
	size_t len = strlen(s), i, k = 0;
	unsigned *v = malloc((len + 1) * sizeof(*v));
	int step;

	if (!v)
		return NULL;
	for (i = 0; i < len; i += (size_t)step)
		v[k++] = cp_at(s, len, i, &step);
	*n = k;
	return v;
}

/* Whether the runs of digits of a and b are the same sequence. */
static int same_numbers(const unsigned *a, size_t na, const unsigned *b, size_t nb)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < na && !is_digit(a[i]))
			i++;
		while (j < nb && !is_digit(b[j]))
			j++;
		if (i == na || j == nb)
			return i == na && j == nb;
		while (i < na && j < nb && is_digit(a[i]) && is_digit(b[j]) && a[i] == b[j])
			i++, j++;
		if ((i < na && is_digit(a[i])) || (j < nb && is_digit(b[j])))
			return 0;
	}
}

/* The length of the longest common subsequence of a and b (row: nb + 1 cells). */
static size_t lcs_length(const unsigned *a, size_t na, const unsigned *b, size_t nb, size_t *row)
{
	size_t i, j;

	for (j = 0; j <= nb; j++)
		row[j] = 0;
	for (i = 1; i <= na; i++) {
		size_t diag = 0;
		for (j = 1; j <= nb; j++) {
			size_t up = row[j], best;
			if (a[i - 1] == b[j - 1])
				best = diag + 1;
			else
				best = up > row[j - 1] ? up : row[j - 1];
			diag = up;
			row[j] = best;
		}
	}
	return row[nb];
}

static double similarity_cp(const unsigned *a, size_t na, const unsigned *b, size_t nb, size_t *row)
{
	if (!na && !nb)
		return 1.0;
	if (!same_numbers(a, na, b, nb))
		return 0.0;
	return 2.0 * (double)lcs_length(a, na, b, nb, row) / (double)(na + nb);
}

double rg_key_similarity(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	unsigned *ca = code_points(a ? a : "", &na), *cb = code_points(b ? b : "", &nb);
	size_t *row = malloc((nb + 1) * sizeof(*row));
	double s = 0.0;

	if (ca && cb && row)
		s = similarity_cp(ca, na, cb, nb, row);
	free(ca);
	free(cb);
	free(row);
	return s;
}

/* ---- matching ------------------------------------------------------------------ */

typedef struct {
	const char *key;
	size_t index;
} keyed;

static int keyed_cmp(const void *x, const void *y)
{
	const keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

static int pair_cmp(const void *x, const void *y)
{
	const rg_match_pair *a = x, *b = y;
	return a->a < b->a ? -1 : a->a > b->a;
}

static int ambiguity_cmp(const void *x, const void *y)
{
	const rg_match_ambiguity *a = x, *b = y;
	if (a->side != b->side)
		return a->side - b->side;
	return a->index < b->index ? -1 : a->index > b->index;
}

void rg_match_result_free(rg_match_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_ambiguous; i++) {
		free(r->ambiguous[i].candidates);
		free(r->ambiguous[i].similarities);
	}
	free(r->ambiguous);
	free(r->pairs);
	free(r->only_a);
	free(r->only_b);
	memset(r, 0, sizeof(*r));
}

typedef struct {
	rg_match_result *r;
	size_t cap_pairs, cap_amb;
	int oom;
} builder;

static void add_pair(builder *bd, size_t a, size_t b, rg_match_how how, double sim)
{
	rg_match_result *r = bd->r;

	if (bd->oom)
		return;
	if (r->n_pairs == bd->cap_pairs) {
		size_t cap = bd->cap_pairs ? bd->cap_pairs * 2 : 32;
		rg_match_pair *p = realloc(r->pairs, cap * sizeof(*p));
		if (!p) {
			bd->oom = 1;
			return;
		}
		r->pairs = p;
		bd->cap_pairs = cap;
	}
	r->pairs[r->n_pairs].a = a;
	r->pairs[r->n_pairs].b = b;
	r->pairs[r->n_pairs].how = how;
	r->pairs[r->n_pairs].similarity = sim;
	r->n_pairs++;
}

/* An ambiguity of index on side, with n candidates (copied). */
static void add_ambiguity(builder *bd, int side, size_t index, const size_t *cand, const double *sims, size_t n)
{
	rg_match_result *r = bd->r;
	rg_match_ambiguity *a;

	if (bd->oom)
		return;
	if (r->n_ambiguous == bd->cap_amb) {
		size_t cap = bd->cap_amb ? bd->cap_amb * 2 : 8;
		rg_match_ambiguity *p = realloc(r->ambiguous, cap * sizeof(*p));
		if (!p) {
			bd->oom = 1;
			return;
		}
		r->ambiguous = p;
		bd->cap_amb = cap;
	}
	a = &r->ambiguous[r->n_ambiguous];
	a->side = side;
	a->index = index;
	a->n_candidates = n;
	a->candidates = malloc((n ? n : 1) * sizeof(*a->candidates));
	a->similarities = malloc((n ? n : 1) * sizeof(*a->similarities));
	if (!a->candidates || !a->similarities) {
		free(a->candidates);
		free(a->similarities);
		bd->oom = 1;
		return;
	}
	memcpy(a->candidates, cand, n * sizeof(*cand));
	memcpy(a->similarities, sims, n * sizeof(*sims));
	r->n_ambiguous++;
}

/* Candidates of one name among the free names of the other side: those within
** RG_MATCH_MARGIN of the best and at least RG_MATCH_THRESHOLD - RG_MATCH_MARGIN,
** best first.  sim(i) gives the similarity to the i-th free name. */
static size_t close_candidates(const double *row, size_t stride, size_t n, const size_t *ids,
	size_t *cand, double *sims)
{
	size_t i, k = 0, j;
	double best = 0.0;

	for (i = 0; i < n; i++)
		if (row[i * stride] > best)
			best = row[i * stride];
	for (i = 0; i < n; i++) {
		double s = row[i * stride];
		if (s >= RG_MATCH_THRESHOLD - RG_MATCH_MARGIN && s >= best - RG_MATCH_MARGIN) {
			for (j = k; j > 0 && sims[j - 1] < s; j--) {
				sims[j] = sims[j - 1];
				cand[j] = cand[j - 1];
			}
			sims[j] = s;
			cand[j] = ids[i];
			k++;
		}
	}
	return k;
}

int rg_match_names(const char *const *a, size_t na, const char *const *b, size_t nb,
	const rg_match_org *org, const rg_spelling *sp, rg_match_result *out)
{
	char **ka = calloc(na + 1, sizeof(*ka)), **kb = calloc(nb + 1, sizeof(*kb));
	keyed *all = malloc((na + nb + 1) * sizeof(*all));
	unsigned char *used_a = calloc(na + 1, 1), *used_b = calloc(nb + 1, 1);
	size_t *fa = malloc((na + 1) * sizeof(*fa)), *fb = malloc((nb + 1) * sizeof(*fb));
	size_t *cand = malloc((na + nb + 1) * sizeof(*cand)), *cand_b = malloc((na + 1) * sizeof(*cand_b));
	double *sims = malloc((na + nb + 1) * sizeof(*sims)), *sims_b = malloc((na + 1) * sizeof(*sims_b));
	double *m = NULL;
	unsigned **ca = NULL, **cbp = NULL;
	size_t *la = NULL, *lb = NULL, *row = NULL;
	size_t i, j, n_all = 0, nfa = 0, nfb = 0, maxlen = 0;
	builder bd;
	int rc = RG_OK;

	memset(out, 0, sizeof(*out));
	bd.r = out;
	bd.cap_pairs = bd.cap_amb = 0;
	bd.oom = 0;
	if (!ka || !kb || !all || !used_a || !used_b || !fa || !fb || !cand || !sims || !cand_b || !sims_b)
		goto oom;
	for (i = 0; i < na; i++)
		if ((rc = rg_project_key(a[i], org, sp, &ka[i])))
			goto done;
	for (i = 0; i < nb; i++)
		if ((rc = rg_project_key(b[i], org, sp, &kb[i])))
			goto done;

	/* 1. equal keys; the two sides are told apart by an index offset of na */
	for (i = 0; i < na; i++)
		all[n_all++] = (keyed){ ka[i], i };
	for (i = 0; i < nb; i++)
		all[n_all++] = (keyed){ kb[i], na + i };
	qsort(all, n_all, sizeof(*all), keyed_cmp);
	for (i = 0; i < n_all; i = j) {
		size_t cnt_a = 0, cnt_b = 0, k;
		for (j = i; j < n_all && !strcmp(all[j].key, all[i].key); j++) {
			if (all[j].index < na)
				cnt_a++;
			else
				cnt_b++;
		}
		if (!cnt_a || !cnt_b)
			continue;
		if (cnt_a == cnt_b) {       /* both sides sorted by index: pair in order */
			for (k = 0; k < cnt_a; k++) {
				size_t x = all[i + k].index, y = all[i + cnt_a + k].index - na;
				add_pair(&bd, x, y, RG_MATCH_EXACT, 1.0);
				used_a[x] = used_b[y] = 1;
			}
			continue;
		}
		for (k = i; k < j; k++) {   /* a name repeated on one side only: ambiguous */
			size_t c = 0, q;
			int side = all[k].index >= na;
			for (q = i; q < j; q++)
				if ((all[q].index >= na) != side) {
					cand[c] = all[q].index - (side ? 0 : na);
					sims[c++] = 1.0;
				}
			add_ambiguity(&bd, side, all[k].index - (side ? na : 0), cand, sims, c);
			if (side)
				used_b[all[k].index - na] = 1;
			else
				used_a[all[k].index] = 1;
		}
	}
	if (bd.oom)
		goto oom;

	/* 2. similar keys among the names left */
	for (i = 0; i < na; i++)
		if (!used_a[i])
			fa[nfa++] = i;
	for (i = 0; i < nb; i++)
		if (!used_b[i])
			fb[nfb++] = i;
	if (nfa && nfb) {
		if (!(m = calloc(nfa * nfb, sizeof(*m))) || !(ca = calloc(nfa, sizeof(*ca))) ||
		    !(cbp = calloc(nfb, sizeof(*cbp))) || !(la = calloc(nfa, sizeof(*la))) ||
		    !(lb = calloc(nfb, sizeof(*lb))))
			goto oom;
		for (i = 0; i < nfa; i++) {
			if (!(ca[i] = code_points(ka[fa[i]], &la[i])))
				goto oom;
			if (la[i] > maxlen)
				maxlen = la[i];
		}
		for (j = 0; j < nfb; j++) {
			if (!(cbp[j] = code_points(kb[fb[j]], &lb[j])))
				goto oom;
			if (lb[j] > maxlen)
				maxlen = lb[j];
		}
		if (!(row = malloc((maxlen + 1) * sizeof(*row))))
			goto oom;
		for (i = 0; i < nfa; i++)
			for (j = 0; j < nfb; j++) {
				size_t shorter = la[i] < lb[j] ? la[i] : lb[j];
				/* the common subsequence is at most the shorter key: skip what cannot come near */
				if (la[i] + lb[j] && 2.0 * (double)shorter / (double)(la[i] + lb[j]) <
				    RG_MATCH_THRESHOLD - RG_MATCH_MARGIN)
					continue;
				m[i * nfb + j] = similarity_cp(ca[i], la[i], cbp[j], lb[j], row);
			}
		for (i = 0; i < nfa; i++) {
			size_t best = 0, nc;
			for (j = 1; j < nfb; j++)
				if (m[i * nfb + j] > m[i * nfb + best])
					best = j;
			if (m[i * nfb + best] < RG_MATCH_THRESHOLD)
				continue;
			nc = close_candidates(&m[i * nfb], 1, nfb, fb, cand, sims);
			/* unique for a, and a the unique best of b too: a pair */
			if (nc == 1 && close_candidates(&m[best], nfb, nfa, fa, cand_b, sims_b) == 1 &&
			    cand_b[0] == fa[i]) {
				add_pair(&bd, fa[i], fb[best], RG_MATCH_SIMILAR, m[i * nfb + best]);
				used_a[fa[i]] = used_b[fb[best]] = 1;
				continue;
			}
			add_ambiguity(&bd, 0, fa[i], cand, sims, nc);
			used_a[fa[i]] = 1;
		}
		for (j = 0; j < nfb; j++) {
			size_t best = 0, nc;
			if (used_b[fb[j]])
				continue;
			for (i = 1; i < nfa; i++)
				if (m[i * nfb + j] > m[best * nfb + j])
					best = i;
			if (m[best * nfb + j] < RG_MATCH_THRESHOLD)
				continue;
			nc = close_candidates(&m[j], nfb, nfa, fa, cand, sims);
			add_ambiguity(&bd, 1, fb[j], cand, sims, nc);
			used_b[fb[j]] = 1;
		}
		if (bd.oom)
			goto oom;
	}

	/* 3. the rest has no partner */
	if (!(out->only_a = malloc((na + 1) * sizeof(size_t))) ||
	    !(out->only_b = malloc((nb + 1) * sizeof(size_t))))
		goto oom;
	for (i = 0; i < na; i++)
		if (!used_a[i])
			out->only_a[out->n_only_a++] = i;
	for (i = 0; i < nb; i++)
		if (!used_b[i])
			out->only_b[out->n_only_b++] = i;
	if (out->n_pairs)   /* qsort wants an array, even of none */
		qsort(out->pairs, out->n_pairs, sizeof(*out->pairs), pair_cmp);
	if (out->n_ambiguous)
		qsort(out->ambiguous, out->n_ambiguous, sizeof(*out->ambiguous), ambiguity_cmp);
	goto done;

oom:
	rc = rg_error_set(RG_ENOMEM, "out of memory");
done:
	if (ka)
		for (i = 0; i < na; i++)
			free(ka[i]);
	if (kb)
		for (i = 0; i < nb; i++)
			free(kb[i]);
	if (ca)
		for (i = 0; i < nfa; i++)
			free(ca[i]);
	if (cbp)
		for (i = 0; i < nfb; i++)
			free(cbp[i]);
	free(ka); free(kb); free(all); free(used_a); free(used_b); free(fa); free(fb);
	free(cand); free(sims); free(cand_b); free(sims_b); free(m); free(ca); free(cbp); free(la); free(lb); free(row);
	if (rc)
		rg_match_result_free(out);
	return rc;
}
