/*
** test_values.c - unit tests of Thai normalization (extract/thai.h) and the
** value parsers (extract/values.h).  Every expected value is written by hand.
*/
#include "check.h"

#include "core/error.h"
#include "extract/thai.h"
#include "extract/values.h"

#include <stdlib.h>
#include <string.h>

/* After a group of checks on one input, name the input when any failed. */
#define FOR_INPUT(text, before) do { \
	if (check_failed > (before)) fprintf(stderr, "    ^ for input \"%s\"\n", shown(text)); \
} while (0)

static const char *shown(const char *text)
{
	return text ? text : "(null)";
}

#define NORM(text, flags, expected) do { \
	char *norm_out_ = NULL; \
	int before_ = check_failed; \
	CHECK_INT(rg_thai_normalize((text), (flags), &norm_out_), RG_OK); \
	CHECK_STR(norm_out_, (expected)); \
	free(norm_out_); \
	FOR_INPUT(text, before_); \
} while (0)

#define AMOUNT(text, set_, value_, doubt_) do { \
	rg_number amount_; \
	int before_ = check_failed; \
	CHECK_INT(rg_parse_amount((text), &amount_), (set_)); \
	CHECK_INT(amount_.set, (set_)); \
	CHECK_NUM(amount_.value, (value_)); \
	CHECK_INT(amount_.doubtful, (doubt_)); \
	FOR_INPUT(text, before_); \
} while (0)

#define PERCENT(text, set_, value_, doubt_) do { \
	rg_number percent_; \
	int before_ = check_failed; \
	CHECK_INT(rg_parse_percent((text), &percent_), (set_)); \
	CHECK_NUM(percent_.value, (value_)); \
	CHECK_INT(percent_.doubtful, (doubt_)); \
	FOR_INPUT(text, before_); \
} while (0)

#define INTEGER(text, found_, value_) do { \
	long long int_ = -1; \
	int before_ = check_failed; \
	CHECK_INT(rg_parse_int((text), &int_), (found_)); \
	if (found_) CHECK_INT(int_, (value_)); \
	FOR_INPUT(text, before_); \
} while (0)

#define YEAR(text, expected) do { \
	int year_ = 0, found_ = rg_parse_year((text), &year_); \
	int before_ = check_failed; \
	CHECK_INT(found_ ? year_ : 0, (expected)); \
	FOR_INPUT(text, before_); \
} while (0)

#define YEARS(text, from_, to_) do { \
	int from = 0, to = 0, found_ = rg_parse_year_range((text), &from, &to); \
	int before_ = check_failed; \
	CHECK_INT(found_, (from_) != 0); \
	CHECK_INT(found_ ? from : 0, (from_)); \
	CHECK_INT(found_ ? to : 0, (to_)); \
	FOR_INPUT(text, before_); \
} while (0)

/* expected is "YYYY-MM-DD", or NULL for no date. */
#define DATE(text, expected) do { \
	rg_date date_; \
	char date_buf_[16]; \
	int before_ = check_failed; \
	int found_ = rg_parse_date((text), &date_); \
	if (found_) rg_date_format(&date_, date_buf_, sizeof(date_buf_)); \
	CHECK_STR(found_ ? date_buf_ : NULL, (expected)); \
	FOR_INPUT(text, before_); \
} while (0)

#define MONTH(text, expected) do { \
	rg_date month_; \
	char month_buf_[16]; \
	int before_ = check_failed; \
	int found_ = rg_parse_month_year((text), &month_); \
	if (found_) rg_date_format(&month_, month_buf_, sizeof(month_buf_)); \
	CHECK_STR(found_ ? month_buf_ : NULL, (expected)); \
	FOR_INPUT(text, before_); \
} while (0)

/* expected NULL: not an item number. */
#define SEQ(text, expected) do { \
	char seq_[RG_SEQ_MAX]; \
	int before_ = check_failed; \
	int found_ = rg_parse_seq((text), seq_, sizeof(seq_)); \
	CHECK_INT(found_, (expected) != NULL); \
	CHECK_STR(found_ ? seq_ : NULL, (expected)); \
	if (!found_) CHECK_STR(seq_, ""); \
	FOR_INPUT(text, before_); \
} while (0)

/* expected_seq NULL: no prefix, and rest is the name after leading spaces. */
#define SPLIT(text, flags, expected_seq, expected_rest) do { \
	char split_seq_[RG_SEQ_MAX]; \
	const char *split_rest_ = NULL; \
	int before_ = check_failed; \
	int found_ = rg_split_seq((text), (flags), split_seq_, sizeof(split_seq_), &split_rest_); \
	CHECK_INT(found_, (expected_seq) != NULL); \
	CHECK_STR(found_ ? split_seq_ : NULL, (expected_seq)); \
	CHECK_STR(split_rest_, (expected_rest)); \
	FOR_INPUT(text, before_); \
} while (0)

static void test_normalize(void)
{
	rg_buf b = RG_BUF_INIT;

	/* empty and blank */
	NORM("", 0, "");
	NORM(NULL, 0, "");
	NORM("   ", 0, "");
	NORM(" \t\n\r\n ", 0, "");
	NORM(" \t\n\r\n ", RG_NORM_KEEP_NEWLINES, "");

	/* invisible characters go */
	NORM("ก\u200Bข\u200Cค\u200Dง\u2060จ\uFEFFฉ\u00ADช", 0, "กขคงจฉช");
	NORM("\uFEFFโครงการ", 0, "โครงการ");
	NORM("ก\u200Eข\u200F", 0, "กข");

	/* nikhahit + sara aa -> sara am */
	NORM("น\u0E4D\u0E32", 0, "น\u0E33");
	NORM("ดําเนินการ", 0, "ดำเนินการ");           /* typed with U+0E4D U+0E32 */
	NORM("ต\u0E4D\u0E48\u0E32", 0, "ต\u0E48\u0E33"); /* tone between: ํ่า -> ่ำ */
	NORM("ต\u0E48\u0E4D\u0E32", 0, "ต\u0E48\u0E33"); /* tone first */
	NORM("ท\u0E4D\u200B\u0E32", 0, "ท\u0E33");      /* ZWSP inside the pair */
	NORM("ทำ", 0, "ทำ");                            /* already right */
	NORM("ก\u0E4D", 0, "ก\u0E4D");                  /* lone nikhahit stays */
	NORM("ก\u0E4D\u0E48x", 0, "ก\u0E4D\u0E48x");    /* no sara aa: unchanged */

	/* sara e twice -> sara ae */
	NORM("\u0E40\u0E40ผน", 0, "\u0E41ผน");
	NORM("เเผนปฏิบัติการ", 0, "แผนปฏิบัติการ");
	NORM("\u0E40\u0E40\u0E40", 0, "\u0E41\u0E40");
	NORM("\u0E40\u200B\u0E40ผน", 0, "แผน");

	/* a mark typed twice shows once */
	NORM("ก\u0E49\u0E49", 0, "ก\u0E49");
	NORM("ก\u0E34\u0E34ข", 0, "ก\u0E34ข");

	/* spaces of every kind become one space; ends trimmed */
	NORM("ก\u00A0\u2003ข\u202F\u3000ค\tง\nจ", 0, "ก ข ค ง จ");
	NORM("  ก  ข  ", 0, "ก ข");
	NORM("ก\u2000\u2001\u2002\u2004\u2005\u2006\u2007\u2008\u2009\u200Aข", 0, "ก ข");
	NORM("a\x01" "b\x7F" "c", 0, "a b c");
	NORM("ก \u200B ข", 0, "ก ข");

	/* keeping lines */
	NORM(" บรรทัด  ๑ \n\n  บรรทัด\u00A0 ๒\r\n", RG_NORM_KEEP_NEWLINES, "บรรทัด ๑\nบรรทัด ๒");
	NORM("a\r\nb", RG_NORM_KEEP_NEWLINES, "a\nb");
	/* column headers: spaces dropped, not collapsed (narrow cells break words) */
	NORM("ดำเนิน การแล้ว\nเสร็จ", RG_NORM_NO_SPACES, "ดำเนินการแล้วเสร็จ");
	NORM(" ปี ๒๕๖๖ งบประมาณ ", RG_NORM_NO_SPACES | RG_NORM_ARABIC_DIGITS, "ปี2566งบประมาณ");
	NORM("a\nb", RG_NORM_NO_SPACES | RG_NORM_KEEP_NEWLINES, "a\nb");
	NORM("a \n b\u2028c", RG_NORM_KEEP_NEWLINES, "a\nb\nc");
	NORM("a\r\nb", 0, "a b");
	NORM("\n\na\n", RG_NORM_KEEP_NEWLINES, "a");

	/* digits on request */
	NORM("๑๒๓,๔๐๐.๒๕ บาท", RG_NORM_ARABIC_DIGITS, "123,400.25 บาท");
	NORM("๑๒๓", 0, "๑๒๓");
	NORM("รอบ  ๖\u200B เดือน", RG_NORM_ARABIC_DIGITS | RG_NORM_KEEP_NEWLINES, "รอบ 6 เดือน");

	/* invalid UTF-8 becomes U+FFFD */
	NORM("ก\xFFข", 0, "ก\uFFFDข");
	NORM("ก\xE0\xB8", 0, "ก\uFFFD\uFFFD");
	NORM("\xC0\x80", 0, "\uFFFD\uFFFD");
	NORM("\xED\xA0\x80", 0, "\uFFFD\uFFFD\uFFFD"); /* a UTF-16 surrogate */

	/* appending continues a buffer without a leading space */
	rg_buf_puts(&b, "X");
	rg_thai_normalize_append(&b, "  y  z ", 7, 0);
	CHECK_STR(rg_buf_cstr(&b), "Xy z");
	rg_thai_normalize_append(&b, "ก\u0E4D", strlen("ก\u0E4D") - 1, 0); /* length cuts a sequence */
	CHECK_STR(rg_buf_cstr(&b), "Xy zก\uFFFD\uFFFD");
	rg_buf_free(&b);
}

static void test_digits(void)
{
	char *out = NULL;

	CHECK_INT(rg_thai_digits_to_arabic("๑๒๓,๔๐๐.๒๕ บาท", &out), RG_OK);
	CHECK_STR(out, "123,400.25 บาท");
	free(out);
	CHECK_INT(rg_thai_digits_to_arabic("๐๑๒๓๔๕๖๗๘๙", &out), RG_OK);
	CHECK_STR(out, "0123456789");
	free(out);
	CHECK_INT(rg_arabic_digits_to_thai("0123456789", &out), RG_OK);
	CHECK_STR(out, "๐๑๒๓๔๕๖๗๘๙");
	free(out);
	CHECK_INT(rg_arabic_digits_to_thai("หน้า 3/12", &out), RG_OK);
	CHECK_STR(out, "หน้า ๓/๑๒");
	free(out);
	CHECK_INT(rg_arabic_digits_to_thai("", &out), RG_OK);
	CHECK_STR(out, "");
	free(out);
	CHECK_INT(rg_thai_digits_to_arabic(NULL, &out), RG_OK);
	CHECK_STR(out, "");
	free(out);
	CHECK_INT(rg_thai_digits_to_arabic("๑\xFF๒", &out), RG_OK);
	CHECK_STR(out, "1\uFFFD2");
	free(out);

	CHECK_INT(rg_thai_digit('7'), 7);
	CHECK_INT(rg_thai_digit(0x0E59), 9);
	CHECK_INT(rg_thai_digit(0x0E50), 0);
	CHECK_INT(rg_thai_digit('a'), -1);
	CHECK_INT(rg_thai_digit(0x0E4F), -1);
	CHECK_INT(rg_thai_digit(0x0E5A), -1);
}

static void test_amounts(void)
{
	rg_number a;
	char longest[400];

	/* plain forms */
	AMOUNT("๑๐๐,๐๐๐.๐๐", 1, 100000.0, 0);
	AMOUNT("100,000.00", 1, 100000.0, 0);
	AMOUNT("๕๐,๐๐๐", 1, 50000.0, 0);
	AMOUNT("1,456,400.00", 1, 1456400.0, 0);
	AMOUNT("185,000.-", 1, 185000.0, 0);
	AMOUNT("185,000.–", 1, 185000.0, 0);
	AMOUNT("20,000 บาท", 1, 20000.0, 0);
	AMOUNT("ใช้งบประมาณ ๗๐,๐๐๐", 1, 70000.0, 0);
	AMOUNT("ใช้งบประมาณ๗๐,๐๐๐บาท", 1, 70000.0, 0);
	AMOUNT("100000", 1, 100000.0, 0);
	AMOUNT("๒๐,๐๐๐.", 1, 20000.0, 0);
	AMOUNT("34,000.50", 1, 34000.5, 0);
	AMOUNT("1,234.5", 1, 1234.5, 0);
	AMOUNT("  ๑๓๐,๐๐๐  ", 1, 130000.0, 0);
	AMOUNT("๑๐๐,\u200B๐๐๐", 1, 100000.0, 0);        /* invisible character inside */
	AMOUNT("(1,000.00)", 1, 1000.0, 0);              /* parentheses are no sign */
	AMOUNT("20,000, 30", 1, 20000.0, RG_DOUBT_SEVERAL);

	/* absent */
	AMOUNT("-", 0, 0.0, 0);
	AMOUNT("–", 0, 0.0, 0);
	AMOUNT("—", 0, 0.0, 0);
	AMOUNT(" - ", 0, 0.0, 0);
	AMOUNT("", 0, 0.0, 0);
	AMOUNT("   ", 0, 0.0, 0);
	AMOUNT(NULL, 0, 0.0, 0);
	AMOUNT("ไม่มี", 0, 0.0, 0);
	AMOUNT("ไม่ใช้งบประมาณ", 0, 0.0, 0);
	AMOUNT("\xFF\xFE", 0, 0.0, 0);

	/* zero is a value */
	AMOUNT("0.00", 1, 0.0, 0);
	AMOUNT("๐.๐๐", 1, 0.0, 0);
	AMOUNT("0", 1, 0.0, 0);

	/* several numbers */
	AMOUNT("2566 100,000", 1, 100000.0, RG_DOUBT_SEVERAL);
	AMOUNT("ปี ๒๕๖๖ จำนวน ๒๐,๐๐๐ บาท", 1, 20000.0, 0);
	AMOUNT("20,000 บาท ปี 2566", 1, 20000.0, 0);
	AMOUNT("๑๐,๐๐๐ บาท ๒๐,๐๐๐ บาท", 1, 10000.0, RG_DOUBT_SEVERAL);
	AMOUNT("100-200", 1, 100.0, RG_DOUBT_SEVERAL);
	AMOUNT("๑๐๐,๐๐๐\n๕๐,๐๐๐", 1, 100000.0, RG_DOUBT_SEVERAL); /* lines never join */

	/* spaces inside a number */
	AMOUNT("๕๐,๐ ๐๐.๐๐", 1, 50000.0, RG_DOUBT_SPACED);
	AMOUNT("๕๐, ๐๐๐", 1, 50000.0, RG_DOUBT_SPACED);
	AMOUNT("1,0 00,0 00", 1, 1000000.0, RG_DOUBT_SPACED);
	AMOUNT("๕๐,๐๐๐. ๐๐", 1, 50000.0, RG_DOUBT_SPACED);
	AMOUNT("20,000 5", 1, 20000.0, RG_DOUBT_SEVERAL);
	AMOUNT("ใช้งบ ๒๐,๐๐๐. ๓ โครงการ", 1, 20000.0, RG_DOUBT_SEVERAL); /* 20,000.3 is no whole number */
	AMOUNT("50,0\u00A000", 1, 50000.0, RG_DOUBT_SPACED);

	/* doubtful: best reading kept */
	AMOUNT("๓๐.๐๐๐", 1, 30000.0, RG_DOUBT_DOT_GROUPING);
	AMOUNT("๐๐๐.", 1, 0.0, RG_DOUBT_LEADING_ZEROS);
	AMOUNT("1,00,000", 1, 100000.0, RG_DOUBT_GROUPING);
	AMOUNT("12.345.00", 1, 12345.0, RG_DOUBT_DOTS);
	AMOUNT("1.000.000", 1, 1000000.0, RG_DOUBT_DOTS);
	AMOUNT("30.000,00", 1, 30000.0, RG_DOUBT_SEPARATORS);
	AMOUNT("1,5", 1, 15.0, RG_DOUBT_GROUPING);
	AMOUNT("1.2345", 1, 1.2345, RG_DOUBT_DECIMALS);
	AMOUNT("1,,000", 1, 1000.0, RG_DOUBT_SEPARATORS | RG_DOUBT_GROUPING);
	AMOUNT("00,500", 1, 500.0, RG_DOUBT_LEADING_ZEROS);
	AMOUNT("-500", 1, 500.0, RG_DOUBT_SIGN);
	AMOUNT("−500", 1, 500.0, RG_DOUBT_SIGN);          /* U+2212 minus */
	AMOUNT("(-500)", 1, 500.0, RG_DOUBT_SIGN);
	AMOUNT("ก-500", 1, 500.0, 0);                     /* a hyphen after a word */

	/* overlong digit strings: no overflow */
	AMOUNT("999999999999999", 1, 999999999999999.0, 0);
	AMOUNT("1234567890123456", 0, 0.0, RG_DOUBT_TOO_LONG);
	AMOUNT("12345678901234567890.00", 0, 0.0, RG_DOUBT_TOO_LONG);
	AMOUNT("0.000000000000000000001", 1, 0.0, RG_DOUBT_DECIMALS);
	memset(longest, '9', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = '\0';
	AMOUNT(longest, 0, 0.0, RG_DOUBT_TOO_LONG);
	for (size_t i = 0; i + 2 < sizeof(longest); i += 2) {
		longest[i] = '1';
		longest[i + 1] = ' ';
	}
	AMOUNT(longest, 1, 1.0, RG_DOUBT_SEVERAL);
	for (size_t i = 0; i + 1 < sizeof(longest); i++)
		longest[i] = i % 4 == 3 ? ',' : '1';
	AMOUNT(longest, 0, 0.0, RG_DOUBT_TOO_LONG);

	/* where it was found */
	rg_parse_amount("ใช้งบประมาณ ๗๐,๐๐๐ บาท", &a);
	CHECK_INT(a.start, strlen("ใช้งบประมาณ "));
	CHECK_INT(a.end, strlen("ใช้งบประมาณ ๗๐,๐๐๐"));
	rg_parse_amount("185,000.- บาท", &a);
	CHECK_INT(a.start, 0);
	CHECK_INT(a.end, 9);
	rg_parse_amount("ยอด 20,000, ต่อไป", &a);
	CHECK_INT(a.start, strlen("ยอด "));
	CHECK_INT(a.end, strlen("ยอด 20,000"));
	rg_parse_amount("๕๐,๐ ๐๐.๐๐ บาท", &a);
	CHECK_INT(a.end, strlen("๕๐,๐ ๐๐.๐๐"));

	/* reasons */
	CHECK_STR(rg_doubt_reason(0), "");
	CHECK(strlen(rg_doubt_reason(RG_DOUBT_DOT_GROUPING)) > 0);
	CHECK_STR(rg_doubt_reason(RG_DOUBT_SEVERAL | RG_DOUBT_SPACED), rg_doubt_reason(RG_DOUBT_SPACED));
	CHECK(strlen(rg_doubt_reason(RG_DOUBT_OVER_100)) > 0);
	CHECK_STR(rg_doubt_reason(0x80000000u), "");
}

static void test_no_budget(void)
{
	CHECK_INT(rg_is_no_budget_text("ไม่ใช้งบประมาณ"), 1);
	CHECK_INT(rg_is_no_budget_text("ไม่ใช่ งบประมาณ"), 1);
	CHECK_INT(rg_is_no_budget_text("ไม่ใช่งบประมาณ"), 1);
	CHECK_INT(rg_is_no_budget_text("ไม่ใช้ งบประ มาณ"), 1);
	CHECK_INT(rg_is_no_budget_text("(ไม่ใช้งบประมาณ)"), 1);
	CHECK_INT(rg_is_no_budget_text("ไม่ได้ใช้งบประมาณ"), 1);
	CHECK_INT(rg_is_no_budget_text("ไม่ใช้\u200Bงบประมาณ"), 1);
	CHECK_INT(rg_is_no_budget_text("ไม่\u00A0ใช้งบ\nประมาณ"), 1);
	CHECK_INT(rg_is_no_budget_text("โครงการนี้ ไม่ใช้งบประมาณ ดำเนินการเอง"), 1);
	CHECK_INT(rg_is_no_budget_text("ใช้งบประมาณ"), 0);
	CHECK_INT(rg_is_no_budget_text("งบประมาณ ๒๐,๐๐๐"), 0);
	CHECK_INT(rg_is_no_budget_text("ไม่มี"), 0);
	CHECK_INT(rg_is_no_budget_text("ไม่ใช้งบ"), 0);
	CHECK_INT(rg_is_no_budget_text(""), 0);
	CHECK_INT(rg_is_no_budget_text(NULL), 0);
	CHECK_INT(rg_is_no_budget_text("\xFF\xFF"), 0);
}

static void test_percent(void)
{
	rg_number p;

	PERCENT("๕๔.๒๙", 1, 54.29, 0);
	PERCENT("54.29 %", 1, 54.29, 0);
	PERCENT("54.29%", 1, 54.29, 0);
	PERCENT("ร้อยละ ๓๓.๙๓", 1, 33.93, 0);
	PERCENT("ร้อยละ๑๐๐", 1, 100.0, 0);
	PERCENT("๑๙ โครงการ คิดเป็นร้อยละ ๓๓.๙๓", 1, 33.93, 0);
	PERCENT("19 จาก 56 (33.93%)", 1, 33.93, 0);
	PERCENT("33.333", 1, 33.333, 0);
	PERCENT("0", 1, 0.0, 0);
	PERCENT("120%", 1, 120.0, RG_DOUBT_OVER_100);
	PERCENT("12 34", 1, 12.0, RG_DOUBT_SEVERAL);
	PERCENT("", 0, 0.0, 0);
	PERCENT(NULL, 0, 0.0, 0);
	PERCENT("-", 0, 0.0, 0);
	PERCENT("ร้อยละ", 0, 0.0, 0);
	rg_parse_percent("คิดเป็น 54.29 %", &p);
	CHECK_INT(p.start, strlen("คิดเป็น "));
	CHECK_INT(p.end, strlen("คิดเป็น 54.29"));
}

static void test_integers(void)
{
	INTEGER("๕๖ โครงการ", 1, 56);
	INTEGER("จำนวน ๕๖ โครงการ", 1, 56);
	INTEGER("1,234", 1, 1234);
	INTEGER("๑๒.", 1, 12);
	INTEGER("จำนวน ๐ โครงการ", 1, 0);
	INTEGER("5.5", 0, 0);
	INTEGER("1.000", 0, 0);
	INTEGER("1,00,000", 0, 0);
	INTEGER("", 0, 0);
	INTEGER(NULL, 0, 0);
	INTEGER("abc", 0, 0);
	INTEGER("99999999999999999999", 0, 0);
	INTEGER("999999999999999", 1, 999999999999999LL);

	YEAR("พ.ศ. ๒๕๖๗", 2567);
	YEAR("ปีงบประมาณ พ.ศ. ๒๕๖๗", 2567);
	YEAR("ปีงบประมาณ ๒๕๖๗", 2567);
	YEAR("พ.ศ.๒๕๕๙", 2559);
	YEAR("พ. ศ. 2566", 2566);
	YEAR("2023", 2566);
	YEAR("ค.ศ. 2023", 2566);
	YEAR("พ.ศ. ๖๖", 2566);
	YEAR("ปี ๒๕๖๖.", 2566);
	YEAR("๖๖", 0);
	YEAR("12,566", 0);
	YEAR("25661", 0);
	YEAR("2566.5", 0);
	YEAR("ปี 1999", 2542);
	YEAR("คำสั่งที่ ๕๕/๒๕๖๔", 2564);
	YEAR("ปี 2023 และ พ.ศ. 2566", 2566);
	YEAR("ปี 2023 และ 2567", 2567);
	YEAR("ค.ศ. 2566", 0);   /* no CE year that big */
	YEAR("1800", 0);
	YEAR("3000", 0);
	YEAR("", 0);
	YEAR(NULL, 0);

	YEARS("พ.ศ. ๒๕๖๖ - ๒๕๗๐", 2566, 2570);
	YEARS("แผนปฏิบัติการ พ.ศ. ๒๕๖๖–๒๕๗๐", 2566, 2570);
	YEARS("2566 ถึง 2570", 2566, 2570);
	YEARS("(พ.ศ.๒๕๖๑-๒๕๖๔)", 2561, 2564);
	YEARS("๒๕๖๖-๗๐", 2566, 2570);
	YEARS("พ.ศ. ๒๕๖๖ - พ.ศ. ๒๕๗๐", 2566, 2570);
	YEARS("๒๕๗๐ - ๒๕๖๖", 0, 0);
	YEARS("2566", 0, 0);
	YEARS("๑๐ - ๒๐", 0, 0);
	YEARS("", 0, 0);
}

static void test_dates(void)
{
	static const char *const full[12] = {
		"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
		"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"
	};
	static const char *const abbreviated[12] = {
		"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
		"ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."
	};
	rg_date d;
	char text[128], expected[16], buf[16];
	const char *period;
	int m;

	DATE("๒๐ มีนาคม ๒๕๖๖", "2566-03-20");
	DATE("20 มีนาคม 2566", "2566-03-20");
	DATE("ข้อมูล ณ วันที่ 20 มีนาคม 2566", "2566-03-20");
	DATE("๒๐ มี.ค. ๖๖", "2566-03-20");
	DATE("๒๐ มี. ค. ๖๖", "2566-03-20");
	DATE("๒๐ มี.ค ๖๖", "2566-03-20");
	DATE("๒๐ มี.ค.๖๖", "2566-03-20");
	DATE("วันที่ ๒๐ เดือน มีนาคม พ.ศ. ๒๕๖๖", "2566-03-20");
	DATE("วันที่ ๒๐ เดือนมี.ค. ๖๖", "2566-03-20");
	DATE("๑๓ ตุลาคม พ.ศ.๒๕๕๙", "2559-10-13");
	DATE("๔กุมภาพันธ์๒๕๖๔", "2564-02-04");
	DATE("๒๓ กรกฏาคม ๒๕๖๑", "2561-07-23");   /* common misspelling */
	DATE("20 มีนาคม 2023", "2566-03-20");     /* CE year */
	DATE("20 มีนาคม ค.ศ. 2023", "2566-03-20");
	DATE("1 ม.ค. 2024", "2567-01-01");
	DATE("๐๑ ตุลาคม ๒๕๖๖", "2566-10-01");
	DATE("ผลการดำเนินงาน (๑ ตุลาคม ๒๕๖๖ - ๓๐ กันยายน ๒๕๖๗)", "2566-10-01");

	/* impossible days */
	DATE("๓๒ มีนาคม ๒๕๖๖", NULL);
	DATE("๓๑ เมษายน ๒๕๖๖", NULL);
	DATE("๐ มีนาคม ๒๕๖๖", NULL);
	DATE("๒๙ กุมภาพันธ์ ๒๕๖๗", "2567-02-29");  /* 2024 is a leap year */
	DATE("๒๙ กุมภาพันธ์ ๒๕๖๖", NULL);          /* 2023 is not */
	DATE("๒๙ ก.พ. ๒๕๔๓", "2543-02-29");        /* 2000: leap (divisible by 400) */
	DATE("๒๙ ก.พ. ๒๔๔๓", NULL);                /* 1900: not leap */
	DATE("๓๒ มีนาคม ๒๕๖๖ และ ๑ เมษายน ๒๕๖๖", "2566-04-01");

	/* not dates */
	DATE("", NULL);
	DATE(NULL, NULL);
	DATE("๕ ธันวาคม ของทุกปี", NULL);
	DATE("๑๒๓ มีนาคม ๒๕๖๖", NULL);
	DATE("1.20 มีนาคม 2566", NULL);
	DATE("๒๐ มีนาคม ๒๕๖๖๑", NULL);
	DATE("๒๐ มีนาคม 1500", NULL);
	DATE("๒๐ อ.ส.ค. ๖๖", NULL);
	DATE("มีนาคม ๒๕๖๖", NULL);
	DATE("\xFF\xFE", NULL);

	/* every month, full and abbreviated */
	for (m = 0; m < 12; m++) {
		snprintf(expected, sizeof(expected), "2566-%02d-01", m + 1);
		snprintf(text, sizeof(text), "๑ %s ๒๕๖๖", full[m]);
		DATE(text, expected);
		snprintf(text, sizeof(text), "๑ %s ๖๖", abbreviated[m]);
		DATE(text, expected);
		snprintf(text, sizeof(text), "1%s2566", full[m]);
		DATE(text, expected);
	}
	DATE("๑ กุมภาพันธ ๒๕๖๖", "2566-02-01");

	/* where it was found */
	CHECK_INT(rg_parse_date("ณ วันที่ ๒๐ มีนาคม ๒๕๖๖. ต่อ", &d), 1);
	CHECK_INT(d.start, strlen("ณ วันที่ "));
	CHECK_INT(d.end, strlen("ณ วันที่ ๒๐ มีนาคม ๒๕๖๖"));
	CHECK_INT(d.year, 2566);
	CHECK_INT(d.month, 3);
	CHECK_INT(d.day, 20);

	/* month and year */
	MONTH("ตุลาคม ๒๕๖๕", "2565-10");
	MONTH("ต.ค. ๖๖", "2566-10");
	MONTH("ส.ค. ๖๖", "2566-08");
	MONTH("อ.ส.ค. ๖๖", NULL);
	MONTH("เดือนตุลาคม พ.ศ. ๒๕๖๕", "2565-10");
	MONTH("ตุลาคม 2022", "2565-10");
	MONTH("เดือนต.ค. ๖๖", "2566-10");
	MONTH("เดือน ก.ย. ๖๗", "2567-09");
	MONTH("ภายในก.ย. ๖๗", NULL);
	MONTH("(ตุลาคม- มีนาคม) ๑๐", NULL);
	MONTH("ภายในเดือนเมษายน", NULL);
	MONTH("", NULL);
	MONTH(NULL, NULL);
	MONTH("๒๐ มีนาคม ๒๕๖๖", "2566-03");

	period = "ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖";
	CHECK_INT(rg_parse_month_year(period, &d), 1);
	CHECK_INT(d.year, 2565);
	CHECK_INT(d.month, 10);
	CHECK_INT(d.day, 0);
	CHECK_INT(d.start, 0);
	CHECK_INT(d.end, strlen("ตุลาคม ๒๕๖๕"));
	CHECK_INT(rg_parse_month_year(period + d.end, &d), 1);
	CHECK_INT(d.year, 2566);
	CHECK_INT(d.month, 3);

	period = "(รอบ ๖ เดือนตุลาคม ๒๕๖๓-มีนาคม ๒๕๖๔)";
	CHECK_INT(rg_parse_month_year(period, &d), 1);
	CHECK_INT(d.year, 2563);
	CHECK_INT(d.month, 10);
	CHECK_INT(d.start, strlen("(รอบ ๖ เดือน"));
	CHECK_INT(rg_parse_month_year(period + d.end, &d), 1);
	CHECK_INT(d.year, 2564);
	CHECK_INT(d.month, 3);

	period = "ต.ค. ๖๖ - ก.ย. ๖๗";
	CHECK_INT(rg_parse_month_year(period, &d), 1);
	CHECK_INT(d.month, 10);
	CHECK_INT(d.year, 2566);
	CHECK_INT(rg_parse_month_year(period + d.end, &d), 1);
	CHECK_INT(d.month, 9);
	CHECK_INT(d.year, 2567);

	/* formatting */
	d.year = 2566;
	d.month = 3;
	d.day = 20;
	rg_date_format(&d, buf, sizeof(buf));
	CHECK_STR(buf, "2566-03-20");
	d.day = 0;
	rg_date_format(&d, buf, sizeof(buf));
	CHECK_STR(buf, "2566-03");
	rg_date_format(&d, buf, 5);
	CHECK_STR(buf, "2566");
}

static void test_seq(void)
{
	char small[4];
	const char *rest;

	SEQ("๑.๑.๒", "1.1.2");
	SEQ("๑.", "1");
	SEQ("(๑)", "1");
	SEQ("1)", "1");
	SEQ(" 12 ", "12");
	SEQ("๑", "1");
	SEQ("1.1.", "1.1");
	SEQ("(๑.๒)", "1.2");
	SEQ("( 3 )", "3");
	SEQ("๑๒๓", "123");
	SEQ("2566", NULL);
	SEQ("100,000", NULL);
	SEQ("0.00", NULL);
	SEQ("0", NULL);
	SEQ("1.05", NULL);
	SEQ("1.1a", NULL);
	SEQ("", NULL);
	SEQ(NULL, NULL);
	SEQ("(1", NULL);
	SEQ("1))", NULL);
	SEQ("-", NULL);
	SEQ("๑.มาตรการ", NULL);
	SEQ("1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1", "1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1");
	SEQ("1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1", NULL);   /* 33 characters */
	CHECK_INT(rg_parse_seq("12.3", small, sizeof(small)), 0);
	CHECK_INT(rg_parse_seq("1.2", small, sizeof(small)), 1);
	CHECK_STR(small, "1.2");

	SPLIT("๑.มาตรการจัดทำแผน", 0, "1", "มาตรการจัดทำแผน");
	SPLIT("๑.๑ โครงการอบรม", 0, "1.1", "โครงการอบรม");
	SPLIT("1) กิจกรรม", 0, "1", "กิจกรรม");
	SPLIT("1)กิจกรรม", 0, "1", "กิจกรรม");
	SPLIT("(๒) โครงการ", 0, "2", "โครงการ");
	SPLIT("  ๓. กิจกรรม", 0, "3", "กิจกรรม");
	SPLIT("๑.๑.๒ กิจกรรม", 0, "1.1.2", "กิจกรรม");
	SPLIT("๑.๑. กิจกรรม", 0, "1.1", "กิจกรรม");
	SPLIT("๑.๑โครงการ", 0, "1.1", "โครงการ");
	SPLIT("๑.", 0, "1", "");
	SPLIT("๒๕๖๖ ปีงบประมาณ", 0, NULL, "๒๕๖๖ ปีงบประมาณ");
	SPLIT("100,000", 0, NULL, "100,000");
	SPLIT("5ส", 0, NULL, "5ส");
	SPLIT("๕๖ โครงการ", 0, NULL, "๕๖ โครงการ");
	SPLIT("๕๖ โครงการ", RG_SEQ_BARE, "56", "โครงการ");
	SPLIT("๕ วิธีดำเนินการ", RG_SEQ_BARE, "5", "วิธีดำเนินการ");
	SPLIT("๕ส", RG_SEQ_BARE, NULL, "๕ส");
	SPLIT("๒๕๖๖ ปี", RG_SEQ_BARE, NULL, "๒๕๖๖ ปี");
	SPLIT(" โครงการ ๑", 0, NULL, "โครงการ ๑");
	SPLIT("1.2566 x", 0, NULL, "1.2566 x");
	SPLIT("1.1.2566", 0, NULL, "1.1.2566");
	SPLIT("๑๒๓๔. x", 0, NULL, "๑๒๓๔. x");
	SPLIT("0. x", 0, NULL, "0. x");
	SPLIT("1.. x", 0, NULL, "1.. x");
	SPLIT("(1 x", 0, NULL, "(1 x");
	SPLIT("", 0, NULL, "");
	SPLIT(NULL, 0, NULL, "");
	SPLIT("\u200B๑.\u00A0มาตรการ", 0, "1", "มาตรการ");

	/* rest points into the name itself */
	{
		const char *name = "๑. มาตรการ";
		char seq[RG_SEQ_MAX];
		CHECK_INT(rg_split_seq(name, 0, seq, sizeof(seq), &rest), 1);
		CHECK(rest == name + strlen("๑. "));
	}
}

int main(void)
{
	test_normalize();
	test_digits();
	test_amounts();
	test_no_budget();
	test_percent();
	test_integers();
	test_dates();
	test_seq();
	return check_summary("test_values");
}
