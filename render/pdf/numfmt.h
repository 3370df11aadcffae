/*
** numfmt.h - numbers as Thai government documents print them.
**
** Amounts: thousands separators and two decimals (1,456,400.00); counts as
** plain integers; percentages with two decimals.  With thai_digits the
** Arabic digits become ๐-๙ (the default of the report, --digits thai).
*/
#ifndef RG_NUMFMT_H
#define RG_NUMFMT_H

#include <stddef.h>

/* Each writes a NUL-terminated string into out (at least 64 bytes) and returns out. */
char *rg_fmt_amount(char *out, size_t size, double v, int thai_digits);
char *rg_fmt_int(char *out, size_t size, long long v, int thai_digits);
char *rg_fmt_percent(char *out, size_t size, double v, int thai_digits);

/* Copy s into out, Arabic digits replaced by Thai digits when thai_digits. */
char *rg_fmt_digits(char *out, size_t size, const char *s, int thai_digits);

#endif
