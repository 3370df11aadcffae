/*
** json.c - streaming JSON writer (see json.h).
*/
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void rg_json_init(rg_json *j, rg_buf *out, int indent)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->indent = indent;
}

static void newline(rg_json *j)
{
	static const char spaces[] = "                                                                ";
	size_t n;

	if (j->indent < 0)
		return;
	rg_buf_putc(j->out, '\n');
	for (n = (size_t)(j->depth * j->indent); n > 0; ) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		rg_buf_put(j->out, spaces, k);
		n -= k;
	}
}

/* Separator before a value (or a key): a comma and a newline as needed. */
static void before_value(rg_json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (j->count[j->depth - 1] > 0)
			rg_buf_putc(j->out, ',');
		newline(j);
	}
	if (j->depth > 0)
		j->count[j->depth - 1]++;
}

static void open(rg_json *j, char c)
{
	before_value(j);
	rg_buf_putc(j->out, c);
	if (j->depth < RG_JSON_MAX_DEPTH)
		j->count[j->depth] = 0;
	j->depth++;
}

static void close(rg_json *j, char c)
{
	int had = j->depth <= RG_JSON_MAX_DEPTH && j->count[j->depth - 1] > 0;

	j->depth--;
	if (had)
		newline(j);
	rg_buf_putc(j->out, c);
}

void rg_json_object_begin(rg_json *j) { open(j, '{'); }
void rg_json_object_end(rg_json *j) { close(j, '}'); }
void rg_json_array_begin(rg_json *j) { open(j, '['); }
void rg_json_array_end(rg_json *j) { close(j, ']'); }

void rg_json_key(rg_json *j, const char *key)
{
	before_value(j);
	rg_json_quote(j->out, key, strlen(key));
	rg_buf_puts(j->out, j->indent < 0 ? ":" : ": ");
	j->after_key = 1;
}

void rg_json_quote(rg_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, run = 0;

	rg_buf_putc(out, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		int len;

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			run++;
			i++;
			continue;
		}
		if (c == 0xE0 && i + 2 < n && ((unsigned char)s[i + 1] & 0xFE) == 0xB8
		    && ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
			run += 3;   /* a Thai character: the common case, no decoding */
			i += 3;
			continue;
		}
		if (c >= 0x80) {
			/* valid UTF-8 stays in the run; only a bad byte breaks it */
			len = rg_utf8_decode(s + i, n - i, &cp);
			if (!(cp == 0xFFFD && len == 1)) {
				run += (size_t)len;
				i += (size_t)len;
				continue;
			}
		}
		rg_buf_put(out, s + i - run, run);
		run = 0;
		switch (c) {
		case '"': rg_buf_puts(out, "\\\""); break;
		case '\\': rg_buf_puts(out, "\\\\"); break;
		case '\n': rg_buf_puts(out, "\\n"); break;
		case '\t': rg_buf_puts(out, "\\t"); break;
		case '\r': rg_buf_puts(out, "\\r"); break;
		default:
			if (c < 0x20) {
				char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
				rg_buf_put(out, e, 6);
			} else {
				rg_buf_puts(out, "\xEF\xBF\xBD");   /* an invalid byte */
			}
		}
		i++;
	}
	rg_buf_put(out, s + i - run, run);
	rg_buf_putc(out, '"');
}

void rg_json_string_n(rg_json *j, const char *s, size_t n)
{
	before_value(j);
	rg_json_quote(j->out, s, n);
}

void rg_json_string(rg_json *j, const char *s)
{
	if (!s) {
		rg_json_null(j);
		return;
	}
	rg_json_string_n(j, s, strlen(s));
}

void rg_json_int(rg_json *j, long long v)
{
	char digits[24];
	int i = (int)sizeof(digits);
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

	before_value(j);
	do {
		digits[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		digits[--i] = '-';
	rg_buf_put(j->out, digits + i, sizeof(digits) - (size_t)i);
}

void rg_json_amount(rg_json *j, double v)
{
	before_value(j);
	if (!isfinite(v))
		rg_buf_puts(j->out, "null");
	else
		rg_buf_printf(j->out, "%.2f", v);
}

void rg_json_double(rg_json *j, double v)
{
	char s[32];

	before_value(j);
	if (!isfinite(v)) {
		rg_buf_puts(j->out, "null");
		return;
	}
	snprintf(s, sizeof(s), "%.15g", v);
	rg_buf_puts(j->out, s);
}

void rg_json_bool(rg_json *j, int v)
{
	before_value(j);
	rg_buf_puts(j->out, v ? "true" : "false");
}

void rg_json_null(rg_json *j)
{
	before_value(j);
	rg_buf_puts(j->out, "null");
}
