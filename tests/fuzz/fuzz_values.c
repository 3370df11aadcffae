/*
** fuzz_values.c - libFuzzer harness of the value parsers and Thai text
** functions (parsers/extract/values.h, thai.h): the input bytes become one
** NUL-terminated string given to every parser (amounts, percentages, counts,
** years, year ranges, dates, months, item numbers, normalization, digit
** conversion).  Results are checked against the documented contracts (byte
** ranges inside the text, values never negative, dates in range).  Seeds are
** cell texts of the fixtures (make_seeds.sh).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "extract/thai.h"
#include "extract/values.h"

#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_number(const rg_number *n, size_t len)
{
	FUZZ_ASSERT(n->value >= 0);
	FUZZ_ASSERT(n->start <= n->end && n->end <= len);
	FUZZ_ASSERT(n->set || n->value == 0);
	(void)rg_doubt_reason(n->doubtful);
}

static void check_date(const rg_date *d, size_t len, int with_day)
{
	char buf[16];

	FUZZ_ASSERT(d->start <= d->end && d->end <= len);
	FUZZ_ASSERT(d->month >= 1 && d->month <= 12);
	FUZZ_ASSERT(d->year >= 2400 && d->year <= 3000);
	FUZZ_ASSERT(with_day ? d->day >= 1 && d->day <= 31 : d->day == 0);
	rg_date_format(d, buf, sizeof(buf));
	FUZZ_ASSERT(strlen(buf) <= 10);
}

static void check_seq(const char *seq)
{
	const char *p;

	FUZZ_ASSERT(strlen(seq) < RG_SEQ_MAX);
	for (p = seq; *p; p++)
		FUZZ_ASSERT((*p >= '0' && *p <= '9') || *p == '.');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *out = NULL, seq[RG_SEQ_MAX];
	const char *rest;
	rg_number num;
	rg_date date;
	long long count;
	int year, from, to;
	size_t len;
	unsigned flags;
	rg_buf buf = RG_BUF_INIT;

	if (size > 4096)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	len = strlen(text);   /* the parsers see the text up to the first NUL */

	memset(&num, 0xAB, sizeof(num));
	if (rg_parse_amount(text, &num))
		FUZZ_ASSERT(num.set == 1);
	check_number(&num, len);
	memset(&num, 0xAB, sizeof(num));
	if (rg_parse_percent(text, &num))
		FUZZ_ASSERT(num.set == 1);
	check_number(&num, len);
	(void)rg_is_no_budget_text(text);
	if (rg_parse_int(text, &count))
		FUZZ_ASSERT(count >= 0);
	if (rg_parse_year(text, &year))
		FUZZ_ASSERT(year >= 2400 && year <= 3000);
	if (rg_parse_year_range(text, &from, &to))
		FUZZ_ASSERT(from <= to && from >= 2400);
	if (rg_parse_date(text, &date))
		check_date(&date, len, 1);
	if (rg_parse_month_year(text, &date)) {
		check_date(&date, len, 0);
		if (rg_parse_month_year(text + date.end, &date))
			check_date(&date, len, 0);
	}
	if (rg_parse_seq(text, seq, sizeof(seq)))
		FUZZ_ASSERT(seq[0]);
	else
		FUZZ_ASSERT(!seq[0]);
	check_seq(seq);
	for (flags = 0; flags <= RG_SEQ_BARE; flags++) {
		rest = NULL;
		if (rg_split_seq(text, flags, seq, sizeof(seq), &rest))
			FUZZ_ASSERT(seq[0]);
		check_seq(seq);
		FUZZ_ASSERT(rest && rest >= text && rest <= text + len);
	}

	for (flags = 0; flags < 4; flags++) {
		if (rg_thai_normalize(text, flags, &out) == 0) {
			FUZZ_ASSERT(out != NULL);
			/* normalization is idempotent */
			{
				char *again = NULL;
				if (rg_thai_normalize(out, flags, &again) == 0) {
					FUZZ_ASSERT(!strcmp(out, again));
					free(again);
				}
			}
			free(out);
			out = NULL;
		}
	}
	rg_thai_normalize_append(&buf, (const char *)data, size, RG_NORM_KEEP_NEWLINES);
	rg_buf_free(&buf);
	if (rg_thai_digits_to_arabic(text, &out) == 0) {
		free(out);
		out = NULL;
	}
	if (rg_arabic_digits_to_thai(text, &out) == 0)
		free(out);
	free(text);
	return 0;
}
