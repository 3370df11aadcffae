/*
** values.h - reading values out of Thai report text: amounts in baht,
** percentages, counts, years, Buddhist Era dates and item numbers.
**
** All functions take NUL-terminated UTF-8 (NULL reads as ""), accept Thai
** digits ๐..๙ and ASCII digits alike, ignore invisible characters (ZWSP,
** soft hyphen, ...; see rg_thai_is_invisible) wherever they sit, treat any
** Unicode space as a space, and never allocate.  They are generic value
** rules: nothing here knows a particular report.  Parsers return 1 when they
** found a value and 0 when not; invalid UTF-8 simply does not match.
*/
#ifndef RG_VALUES_H
#define RG_VALUES_H

#include <stddef.h>

/* Why a reading is doubtful (bits of rg_number.doubtful). */
enum {
	RG_DOUBT_DOT_GROUPING = 0x001,  /* "๓๐.๐๐๐": a dot before exactly 3 digits read as a thousands separator */
	RG_DOUBT_DOTS = 0x002,          /* "12.345.00": several dots; the last one before 1-2 digits is the decimal point */
	RG_DOUBT_GROUPING = 0x004,      /* "1,00,000", "1,5": commas not in groups of three; commas ignored */
	RG_DOUBT_DECIMALS = 0x008,      /* "1.2345": an amount with more than 3 decimals, read as decimals */
	RG_DOUBT_LEADING_ZEROS = 0x010, /* "๐๐๐.", "00,500": integer part of several digits starting with 0 */
	RG_DOUBT_SEPARATORS = 0x020,    /* "1,.5", "30.000,00": adjacent separators or a comma after a dot */
	RG_DOUBT_SPACED = 0x040,        /* "๕๐,๐ ๐๐.๐๐": pieces joined across spaces */
	RG_DOUBT_SEVERAL = 0x080,       /* several numbers in the text and no marker said which one */
	RG_DOUBT_SIGN = 0x100,          /* "-500": a minus sign right before the number; ignored */
	RG_DOUBT_TOO_LONG = 0x200,      /* over 15 integer digits or 63 characters: not read, set = 0 */
	RG_DOUBT_OVER_100 = 0x400       /* a percentage above 100 (kept) */
};

/* A number read from text. */
typedef struct {
	int set;            /* 1 when a value was read; 0: absent (value 0) */
	double value;       /* never negative */
	unsigned doubtful;  /* 0, or RG_DOUBT_* bits saying why the reading is uncertain */
	size_t start, end;  /* byte range of the number in the text (also when only doubtful) */
} rg_number;

/* A one-line English reason for the lowest bit set in doubtful ("" for 0),
** for finding messages.  A static string. */
const char *rg_doubt_reason(unsigned doubtful);

/*
** Amount in baht from a cell or a phrase.  Returns out->set.
**   - No digit at all ("", "-", "–", "—", "ไม่มี", "ไม่ใช้งบประมาณ") -> absent.
**     Check rg_is_no_budget_text() separately for the no-budget flag.
**   - "0.00", "0" -> 0, present.
**   - Digits may be Thai or ASCII; ',' groups thousands; '.' before 1-2
**     digits is the decimal point: "๑๐๐,๐๐๐.๐๐", "1,456,400.00", "๕๐,๐๐๐".
**   - "185,000.-" (the dash-after-dot style) and a final full stop are exact.
**   - The number may sit among words: "ใช้งบประมาณ ๗๐,๐๐๐", "20,000 บาท".
**     With several numbers the one followed by "บาท" wins, else the first
**     with a ',' or '.', else the first; unless "บาท" picked exactly one,
**     RG_DOUBT_SEVERAL is set.
**   - Spaces inside a number are joined only when the pieces complete a
**     well-formed number ("๕๐,๐ ๐๐.๐๐" -> 50000, RG_DOUBT_SPACED); "2566
**     100,000" stays two numbers.  Line breaks always separate numbers.
**   - Doubtful readings keep the best reading (see RG_DOUBT_*):
**     "๓๐.๐๐๐" -> 30000, "๐๐๐." -> 0, "1,00,000" -> 100000,
**     "12.345.00" -> 12345, "30.000,00" -> 30000.
**   - No negative amounts: budgets and spending are never negative in these
**     reports, and a leading "-" is usually a list dash.  "-500" reads 500
**     with RG_DOUBT_SIGN; parentheses "(1,000.00)" are an aside, not a sign:
**     1000, not doubtful.
**   - More than 15 integer digits (past exact doubles): set = 0 with
**     RG_DOUBT_TOO_LONG, so absurd digit strings cannot overflow.
*/
int rg_parse_amount(const char *text, rg_number *out);

/* Whether UTF-8 text holds a Thai consonant (ก..ฮ): "๑๑๐,๐๐๐" has none, a
** header cell or an amount written with words ("ใช้งบประมาณ ๗๐,๐๐๐") has. */
int rg_has_thai_letters(const char *s);

/*
** 1 when the text says no budget is used: ไม่ใช้งบประมาณ, the typo
** ไม่ใช่งบประมาณ, or ไม่ได้ใช้งบประมาณ, found anywhere in the text with any
** spaces or invisible characters inside ("ไม่ใช้ งบประ มาณ").
*/
int rg_is_no_budget_text(const char *text);

/*
** Percentage: "๕๔.๒๙", "54.29 %", "ร้อยละ ๓๓.๙๓" -> 54.29 ...  Here a dot is
** always the decimal point.  A number followed by '%' or preceded by
** "ร้อยละ" wins over others; else the first (RG_DOUBT_SEVERAL when there
** are several).  Values over 100 are kept with RG_DOUBT_OVER_100.
** Returns out->set.
*/
int rg_parse_percent(const char *text, rg_number *out);

/*
** A count: the first number in the text, "๕๖ โครงการ" -> 56, "1,234" -> 1234,
** "๑๒." -> 12.  Returns 1 and sets *value; returns 0 when there is no number
** or the first number is not a plain integer (has a fraction, is doubtful or
** too long).
*/
int rg_parse_int(const char *text, long long *value);

/*
** A year as Buddhist Era: "พ.ศ. ๒๕๖๗" -> 2567, "ปีงบประมาณ ๒๕๖๗" -> 2567.
** A stand-alone 4-digit number counts: 2400..2999 is BE, 1900..2399 is CE
** and gets +543 ("2023" -> 2566, "ค.ศ. 2023" -> 2566); two digits count only
** right after พ.ศ. ("พ.ศ. ๖๖" -> 2566).  A year right after พ.ศ./ค.ศ. wins
** over others; else the first BE year, else the first CE year.  Digits that
** belong to a larger number ("12,566", "2566.5", "25661") are not years.
*/
int rg_parse_year(const char *text, int *be_year);

/* A year range "พ.ศ. ๒๕๖๖ - ๒๕๗๐", "๒๕๖๖–๒๕๗๐", "2566 ถึง 2570": the first
** year followed by a dash (- – — ‑) or ถึง and a second year not before it
** (two digits after the dash mean 25xx).  Years as in rg_parse_year(). */
int rg_parse_year_range(const char *text, int *from, int *to);

/* A calendar date or month, Buddhist Era.  day is 0 for a month-year. */
typedef struct {
	int year, month, day;
	size_t start, end;  /* byte range of the date in the text */
} rg_date;

/*
** The first valid date in the text: day, month, year in that order, as in
** "๒๐ มีนาคม ๒๕๖๖", "20 มีนาคม 2566", "๒๐ มี.ค. ๖๖", "วันที่ ๒๐ เดือน มีนาคม
** พ.ศ. ๒๕๖๖", "๑๓ ตุลาคม พ.ศ.๒๕๕๙".
**   - Months: the 12 full names (also the misspelling กรกฏาคม and
**     กุมภาพันธ without the final mark) and the abbreviations ม.ค. ก.พ. มี.ค.
**     เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค., with or without spaces
**     after the dots and with the last dot optional.  An abbreviation right
**     after a Thai letter or a dot ("อ.ส.ค.") is not a month.
**   - Spaces between parts are optional; เดือน may stand before the month,
**     พ.ศ. or ค.ศ. before the year.
**   - Year: 4 digits 2400..2999 BE, 1900..2399 CE (+543), or "ค.ศ." + 4
**     digits (+543); 2 digits mean 25xx (BE).
**   - The day must exist in that month (leap years counted in CE = BE-543);
**     an impossible date is skipped and the search goes on.
** Returns 1 and fills *out, else 0.
*/
int rg_parse_date(const char *text, rg_date *out);

/*
** The first month followed by a year, e.g. "ตุลาคม ๒๕๖๕" or "ต.ค. ๖๖";
** day = 0.  For a period "ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖" call it again on
** text + out->end.  Same month and year rules as rg_parse_date().
*/
int rg_parse_month_year(const char *text, rg_date *out);

/* "2566-03-20", or "2566-03" when day is 0, into buf (at least 11 bytes). */
void rg_date_format(const rg_date *date, char *buf, size_t size);

/* Room for any item number rg_parse_seq() and rg_split_seq() return. */
#define RG_SEQ_MAX 32

/*
** An item number that is the whole cell: "๑.๑.๒" -> "1.1.2", "๑." -> "1",
** "(๑)" -> "1", "1)" -> "1", " 12 " -> "12".  The number is 1-3 digits per
** level, not starting with 0, levels joined by single dots, at most
** RG_SEQ_MAX-1 characters; an optional final dot, or parentheses around it
** or one closing parenthesis after it.  Anything else ("2566", "100,000",
** "0.00", "1.1a") is not an item number.  seq gets ASCII digits and dots.
** Returns 1 or 0 (seq is then "").  size should be RG_SEQ_MAX.
*/
int rg_parse_seq(const char *cell, char *seq, size_t size);

/* Flags of rg_split_seq(). */
enum {
	/* Also take a bare number followed by a space ("๕ วิธีดำเนินการ"):
	** only where a cell is known to start with its number, because
	** "๕๖ โครงการ" is a count, not an item. */
	RG_SEQ_BARE = 1
};

/*
** Split a numbering prefix off a name: "๑.มาตรการ..." -> "1", "มาตรการ...";
** "๑.๑ โครงการ..." -> "1.1", "โครงการ..."; "1) กิจกรรม" -> "1", "กิจกรรม";
** "(๒) ..." -> "2".  A prefix is an item number (as in rg_parse_seq) that
** ends in a dot or ')', or has two or more levels; it must not be followed by
** a digit, ',' or '.'.  So "๒๕๖๖ ..." (a year), "100,000", "5ส" and
** "๕๖ โครงการ" have no prefix (the last one unless RG_SEQ_BARE).  Note
** "2.5 ล้าน" reads as item 2.5: a name starting with a decimal is taken as
** numbered.  *rest points into name after the prefix and following spaces;
** without a prefix it is the name after leading spaces and seq is "".
** Returns 1 when a prefix was found.
*/
int rg_split_seq(const char *name, unsigned flags, char *seq, size_t size, const char **rest);

#endif
