/*
** thai.h - Thai text normalization for matching, and Thai <-> Arabic digits.
**
** Report text arrives with invisible characters, odd spaces and the usual
** Thai mistypings (nikhahit + sara aa for sara am, two sara e for sara ae).
** rg_thai_normalize() maps all of these to one spelling so that rules and
** name comparisons see the same text.  It deliberately does not use Unicode
** normalization: NFKC decomposes sara am (U+0E33) into U+0E4D U+0E32, the
** very mistyping we want to undo.
**
** Everything here is pure: no global mutable state, safe from many threads.
*/
#ifndef RG_THAI_H
#define RG_THAI_H

#include <stddef.h>

#include "../core/buf.h"

/* Flags of rg_thai_normalize(). */
enum {
	/* Keep line breaks: collapse spaces within each line, end each line
	** with one '\n'; empty lines are dropped.  Without it every line
	** break is a space. */
	RG_NORM_KEEP_NEWLINES = 1,
	/* Also turn Thai digits U+0E50..U+0E59 into ASCII 0-9. */
	RG_NORM_ARABIC_DIGITS = 2,
	/* Drop the spaces instead of collapsing them (for column headers, where
	** narrow cells break words: "ดำเนิน การ" -> "ดำเนินการ"). */
	RG_NORM_NO_SPACES = 4
};

/*
** Normalize UTF-8 text for matching, appending the result to out (a sticky
** oom in out is the only failure).  In order:
**   - invalid UTF-8 bytes become U+FFFD;
**   - invisible characters are dropped: U+200B ZWSP, U+200C ZWNJ, U+200D ZWJ,
**     U+2060 word joiner, U+FEFF BOM, U+00AD soft hyphen, U+200E/U+200F
**     direction marks (rg_thai_is_invisible);
**   - U+0E4D U+0E32 (nikhahit, sara aa) becomes U+0E33 sara am, also with a
**     tone mark between them: U+0E4D U+0E48 U+0E32 -> U+0E48 U+0E33;
**   - U+0E40 U+0E40 (sara e twice) becomes U+0E41 sara ae;
**   - a Thai above/below mark repeated right after itself is dropped (ก้้ -> ก้);
**   - every space (rg_thai_is_space: tab, NBSP, U+2000..U+200A, U+202F,
**     U+205F, U+3000, U+1680, line breaks) and other control character
**     becomes a space; runs collapse to one; both ends are trimmed.
** Invisible characters are dropped first, so ํ<ZWSP>า is still fixed.
*/
void rg_thai_normalize_append(rg_buf *out, const char *text, size_t len, unsigned flags);

/* The same into a new string (caller frees).  NULL text is "".
** Returns RG_OK, or RG_ENOMEM with *out = NULL. */
int rg_thai_normalize(const char *text, unsigned flags, char **out);

/* Thai digits ๐..๙ -> 0..9, everything else unchanged ("๑๒๓,๔๐๐.๒๕" ->
** "123,400.25"); invalid bytes become U+FFFD.  Caller frees *out. */
int rg_thai_digits_to_arabic(const char *text, char **out);

/* The inverse, ASCII 0..9 -> ๐..๙ ("3/12" -> "๓/๑๒"), for the renderer. */
int rg_arabic_digits_to_thai(const char *text, char **out);

/* The value 0..9 of an ASCII or Thai digit code point, else -1. */
int rg_thai_digit(unsigned cp);

/* 1 for the invisible characters that normalization drops. */
int rg_thai_is_invisible(unsigned cp);

/* 1 for any space or line break (see rg_thai_normalize_append). */
int rg_thai_is_space(unsigned cp);

/* 1 for line breaks only: \n \r \v \f U+0085 U+2028 U+2029. */
int rg_thai_is_newline(unsigned cp);

#endif
