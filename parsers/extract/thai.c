/*
** thai.c - Thai text normalization and digit conversion (see thai.h).
*/
#include "thai.h"

#include "../core/error.h"

#include <stdlib.h>
#include <string.h>

#define CP_NIKHAHIT 0x0E4D
#define CP_SARA_AA 0x0E32
#define CP_SARA_AM 0x0E33
#define CP_SARA_E 0x0E40
#define CP_SARA_AE 0x0E41

int rg_thai_digit(unsigned cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0x0E50 && cp <= 0x0E59)
		return (int)(cp - 0x0E50);
	return -1;
}

int rg_thai_is_invisible(unsigned cp)
{
	switch (cp) {
	case 0x00AD: case 0x200B: case 0x200C: case 0x200D:
	case 0x200E: case 0x200F: case 0x2060: case 0xFEFF:
		return 1;
	}
	return 0;
}

int rg_thai_is_newline(unsigned cp)
{
	return cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
		cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

int rg_thai_is_space(unsigned cp)
{
	return cp == ' ' || cp == '\t' || rg_thai_is_newline(cp) || cp == 0xA0 ||
		(cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
		cp == 0x3000 || cp == 0x1680;
}

static int is_tone_mark(unsigned cp)
{
	return cp >= 0x0E48 && cp <= 0x0E4B;
}

/* Marks written above or below a consonant; typing one twice shows nothing. */
static int is_thai_mark(unsigned cp)
{
	return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
}

/* The next code point at *i that is not invisible; 0 at the end. */
static int next_visible(const char *s, size_t n, size_t *i, unsigned *cp)
{
	while (*i < n) {
		unsigned c;
		*i += (size_t)rg_utf8_decode(s + *i, n - *i, &c);
		if (!rg_thai_is_invisible(c)) {
			*cp = c;
			return 1;
		}
	}
	return 0;
}

/*
** The length of the character at s[i] when it comes out of normalization
** unchanged (printable ASCII, or a Thai character that no rule touches), with
** its code point in *cp; 0 when it needs the full treatment.
*/
static size_t plain_length(const char *str, size_t n, size_t i, unsigned prev, unsigned flags, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str + i;
	unsigned c;

	if (s[0] > 0x20 && s[0] < 0x7F) {
		*cp = s[0];
		return 1;
	}
	if (s[0] != 0xE0 || i + 2 >= n || (s[1] != 0xB8 && s[1] != 0xB9) || (s[2] & 0xC0) != 0x80)
		return 0;
	c = ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	if (c < 0x0E01 || c > 0x0E5B || c == CP_NIKHAHIT
	    || (rg_thai_digit(c) >= 0 && (flags & RG_NORM_ARABIC_DIGITS)) || (is_thai_mark(c) && c == prev))
		return 0;
	/* sara e is plain unless another one (or something invisible) may follow */
	if (c == CP_SARA_E && i + 3 < n && (s[3] >= 0xC2 && !(s[3] == 0xE0 && i + 5 < n && s[4] == 0xB8)))
		return 0;
	if (c == CP_SARA_E && i + 5 < n && s[3] == 0xE0 && s[4] == 0xB9 && s[5] == 0x80)
		return 0;
	*cp = c;
	return 3;
}

void rg_thai_normalize_append(rg_buf *out, const char *s, size_t n, unsigned flags)
{
	size_t i = 0, first = out->len, run_start = 0, run_len = 0, plen;
	unsigned cp, prev = 0;
	int pending = 0; /* separator owed before the next character: 1 space, 2 newline */

	if (!s)
		return;
	while (i < n) {
		unsigned emit[2];
		int k, nemit = 0;

		/* most text comes out as it went in: copy such runs whole */
		if ((plen = plain_length(s, n, i, prev, flags, &cp))) {
			if (!run_len) {
				if (pending && out->len > first && !(flags & RG_NORM_NO_SPACES && pending == 1))
					rg_buf_putc(out, pending == 2 ? '\n' : ' ');
				pending = 0;
				run_start = i;
			}
			run_len += plen;
			i += plen;
			prev = cp;
			continue;
		}
		if (run_len) {
			rg_buf_put(out, s + run_start, run_len);
			run_len = 0;
		}
		if (s[i] == ' ') {   /* the common separator, without decoding */
			if (!pending)
				pending = 1;
			prev = 0;
			i++;
			continue;
		}
		if (!next_visible(s, n, &i, &cp))
			break;

		if (rg_thai_is_space(cp) || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
			if ((flags & RG_NORM_KEEP_NEWLINES) && rg_thai_is_newline(cp))
				pending = 2;
			else if (!pending)
				pending = 1;
			prev = 0;
			continue;
		}
		if (cp == CP_NIKHAHIT) {
			size_t j = i, k2;
			unsigned c2, c3;
			if (next_visible(s, n, &j, &c2)) {
				if (c2 == CP_SARA_AA) {
					cp = CP_SARA_AM;
					i = j;
				} else if (is_tone_mark(c2)) {
					k2 = j;
					if (next_visible(s, n, &k2, &c3) && c3 == CP_SARA_AA) {
						emit[nemit++] = c2;
						cp = CP_SARA_AM;
						i = k2;
					}
				}
			}
		} else if (cp == CP_SARA_E) {
			size_t j = i;
			unsigned c2;
			if (next_visible(s, n, &j, &c2) && c2 == CP_SARA_E) {
				cp = CP_SARA_AE;
				i = j;
			}
		}
		emit[nemit++] = cp;
		if (nemit == 1 && is_thai_mark(cp) && cp == prev)
			continue;
		if (pending && out->len > first && !(flags & RG_NORM_NO_SPACES && pending == 1))
			rg_buf_putc(out, pending == 2 ? '\n' : ' ');
		pending = 0;
		for (k = 0; k < nemit; k++) {
			int d = rg_thai_digit(emit[k]);
			if (d >= 0 && (flags & RG_NORM_ARABIC_DIGITS))
				rg_buf_putc(out, (char)('0' + d));
			else
				rg_buf_put_utf8(out, emit[k]);
		}
		prev = cp;
	}
	if (run_len)
		rg_buf_put(out, s + run_start, run_len);
}

static int detach(rg_buf *b, char **out)
{
	*out = rg_buf_detach(b);
	if (!*out)
		return rg_error_set(RG_ENOMEM, "out of memory normalizing text");
	return RG_OK;
}

int rg_thai_normalize(const char *text, unsigned flags, char **out)
{
	rg_buf b = RG_BUF_INIT;

	if (text)
		rg_thai_normalize_append(&b, text, strlen(text), flags);
	return detach(&b, out);
}

/* Copy text, mapping each digit through to_thai (1) or to ASCII (0). */
static int convert_digits(const char *text, int to_thai, char **out)
{
	rg_buf b = RG_BUF_INIT;
	size_t i = 0, n = text ? strlen(text) : 0;

	while (i < n) {
		unsigned cp;
		int d;
		i += (size_t)rg_utf8_decode(text + i, n - i, &cp);
		d = rg_thai_digit(cp);
		if (d >= 0)
			cp = to_thai ? 0x0E50u + (unsigned)d : '0' + (unsigned)d;
		rg_buf_put_utf8(&b, cp);
	}
	return detach(&b, out);
}

int rg_thai_digits_to_arabic(const char *text, char **out)
{
	return convert_digits(text, 0, out);
}

int rg_arabic_digits_to_thai(const char *text, char **out)
{
	return convert_digits(text, 1, out);
}
