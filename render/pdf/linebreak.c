/*
** linebreak.c - Thai line breaking with libthai and a compound list (see linebreak.h).
**
** How compounds are kept whole: after libthai has found the word boundaries,
** every occurrence of a word of rg_linebreak_compounds[] in the text is looked
** up (plain substring search) and the boundaries strictly inside it are
** dropped.  The list is data: add a word when a report shows it split.
*/
#include "linebreak.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <thai/thbrk.h>
#include <thai/thwbrk.h>

#include "core/buf.h"
#include "core/error.h"

const char *const rg_linebreak_compounds[] = {
	"ดำเนินการ", "ดำเนินงาน", "หน่วยงาน", "ค่านิยม", "งบประมาณ", "ประชาสัมพันธ์",
	"ผู้บริหาร", "ผู้รับผิดชอบ", "ผู้ใหญ่", "ที่ปรึกษา", "เจ้าหน้าที่", "ข้าราชการ",
	"ประชาชน", "คุณธรรม", "จริยธรรม", "ธรรมาภิบาล", "โปร่งใส", "ทุจริต", "ประจำปี",
	"ป้องกัน", "ปฏิบัติ", "ยุทธศาสตร์", "แผนงาน", "โครงการ", "กิจกรรม", "มาตรการ",
	"ข้อบัญญัติ", "เทศบัญญัติ", "เบิกจ่าย", "แล้วเสร็จ", "ส่วนตำบล", "ส่วนจังหวัด",
	"เทศบาล", "บุคลากร", "สุจริต", "ผลประโยชน์", "ทับซ้อน",
	NULL
};

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
	rg_line *comp;         /* occurrences of compounds in the current text */
	size_t ncomp, cap_comp;
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
	free(lb->comp);
	free(lb);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *np;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 64;
	while (ncap < need)
		ncap *= 2;
	if (!(np = realloc(*p, ncap * size)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	*p = np;
	*cap = ncap;
	return 0;
}

static int is_space(unsigned cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0; }

static int add_pos(rg_linebreak *lb, size_t p)
{
	if (grow((void **)&lb->pos, &lb->cap_pos, lb->npos + 1, sizeof(size_t)))
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
		if (grow((void **)&lb->wtext, &cap, n + 1, sizeof(wchar_t)))
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

	/* Drop duplicates and the breaks inside a compound word: find each
	** compound's occurrences once (linear in the text), then filter. */
	lb->ncomp = 0;
	if (lb->npos) {
		size_t c;
		for (c = 0; rg_linebreak_compounds[c]; c++) {
			const char *w = rg_linebreak_compounds[c], *hit;
			size_t wl = strlen(w), from = 0;
			while (from + wl <= n && (hit = memmem(s + from, n - from, w, wl)) != NULL) {
				size_t at = (size_t)(hit - s);
				if (grow((void **)&lb->comp, &lb->cap_comp, lb->ncomp + 1, sizeof(*lb->comp)))
					return RG_ENOMEM;
				lb->comp[lb->ncomp].start = at;
				lb->comp[lb->ncomp].end = at + wl;
				lb->ncomp++;
				from = at + 1;
			}
		}
	}
	out = 0;
	for (k = 0; k < lb->npos; k++) {
		size_t p = lb->pos[k], c;
		int inside = 0;
		if (out && lb->pos[out - 1] == p)
			continue;
		for (c = 0; c < lb->ncomp && !inside; c++)
			inside = lb->comp[c].start < p && p < lb->comp[c].end;
		if (!inside)
			lb->pos[out++] = p;
	}
	lb->npos = out;
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
	if (grow((void **)&lb->lines, &lb->cap_lines, lb->nlines + 1, sizeof(rg_line)))
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
		last_ok = start;
		/* the furthest break that still fits (measuring the line from start) */
		while (k < np && pos[k] <= start)
			k++;
		{
			size_t j = k;
			while (j < np && trimmed_width(s, start, pos[j], measure, ctx) <= width) {
				last_ok = pos[j];
				j++;
			}
			if (j == np && trimmed_width(s, start, n, measure, ctx) <= width)
				last_ok = n;
		}
		if (last_ok == start) {
			/* the next word alone is too wide: cut it at cluster boundaries */
			size_t word_end = k < np ? pos[k] : n, c = start, fit = start;
			while (c < word_end) {
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
