/*
** numfmt.c - amounts, counts and percentages for the report (see numfmt.h).
*/
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

char *rg_fmt_digits(char *out, size_t size, const char *s, int thai_digits)
{
	size_t o = 0;

	if (!size)
		return out;
	for (; *s && o + 1 < size; s++) {
		if (thai_digits && *s >= '0' && *s <= '9') {
			/* U+0E50 + d in UTF-8: E0 B9 90+d */
			if (o + 4 > size)
				break;
			out[o++] = (char)0xE0;
			out[o++] = (char)0xB9;
			out[o++] = (char)(0x90 + (*s - '0'));
		} else {
			out[o++] = *s;
		}
	}
	out[o] = '\0';
	return out;
}

/* Insert thousands separators into the integer digits of a plain number string. */
static void group(char *dst, size_t size, const char *src)
{
	const char *dot = strchr(src, '.');
	size_t intlen = dot ? (size_t)(dot - src) : strlen(src), i, o = 0;
	size_t start = (src[0] == '-') ? 1 : 0;

	if (start && o + 1 < size)
		dst[o++] = '-';
	for (i = start; i < intlen && o + 2 < size; i++) {
		dst[o++] = src[i];
		if (i + 1 < intlen && (intlen - i - 1) % 3 == 0)
			dst[o++] = ',';
	}
	if (dot)
		for (i = intlen; src[i] && o + 1 < size; i++)
			dst[o++] = src[i];
	dst[o] = '\0';
}

char *rg_fmt_amount(char *out, size_t size, double v, int thai_digits)
{
	char plain[64], grouped[96];

	if (!isfinite(v))
		v = 0;
	snprintf(plain, sizeof(plain), "%.2f", v);
	if (!strcmp(plain, "-0.00"))
		strcpy(plain, "0.00");
	group(grouped, sizeof(grouped), plain);
	return rg_fmt_digits(out, size, grouped, thai_digits);
}

char *rg_fmt_int(char *out, size_t size, long long v, int thai_digits)
{
	char plain[32], grouped[48];

	snprintf(plain, sizeof(plain), "%lld", v);
	group(grouped, sizeof(grouped), plain);
	return rg_fmt_digits(out, size, grouped, thai_digits);
}

char *rg_fmt_percent(char *out, size_t size, double v, int thai_digits)
{
	char plain[64];

	if (!isfinite(v))
		v = 0;
	snprintf(plain, sizeof(plain), "%.2f", v);
	return rg_fmt_digits(out, size, plain, thai_digits);
}
