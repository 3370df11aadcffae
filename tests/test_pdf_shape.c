/*
** test_pdf_shape.c - the glyph choice of the Thai shaper for each hard case,
** the ToUnicode base of every presentation glyph, and number formatting.
**
** Expected glyphs were worked out by hand from libthai's Windows shape
** table: tone marks drop (U+F70A-F70E) or drop and shift left (U+F705-F709)
** without an upper vowel, shift left after ป ฝ ฟ ฬ (U+F701-F704, U+F710,
** U+F713-F717), ญ/ฐ lose their tail before a lower vowel (U+F70F, U+F700),
** lower vowels drop under ฎ/ฏ (U+F718-F71A), ำ is decomposed.
*/
#include <stdlib.h>

#include "check.h"
#include "core/buf.h"
#include "pdf/numfmt.h"
#include "pdf/thai_shape.h"

/* Shape s and return the code points as "U+XXXX U+XXXX ..." for readable failures. */
static const char *shape_cps(const char *s, int *changed)
{
	static char out[1024];
	rg_buf b = RG_BUF_INIT;
	size_t i = 0, o = 0;

	*changed = rg_thai_shape(s, strlen(s), &b);
	out[0] = '\0';
	while (i < b.len && o + 8 < sizeof(out)) {
		unsigned cp;
		i += (size_t)rg_utf8_decode(b.ptr + i, b.len - i, &cp);
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%04X", o ? " " : "", cp);
	}
	rg_buf_free(&b);
	return out;
}

static void expect(const char *text, const char *cps, int changed)
{
	int ch;
	const char *got = shape_cps(text, &ch);
	if (strcmp(got, cps))
		fprintf(stderr, "shaping '%s'\n", text);
	CHECK_STR(got, cps);
	CHECK_INT(ch, changed);
}

int main(void)
{
	char buf[64];
	unsigned cp;

	/* correct as typed: upper vowel under the tone, no overshoot consonant */
	expect("ที่ปรึกษา", "0E17 0E35 0E48 0E1B 0E23 0E36 0E01 0E29 0E32", 0);
	expect("กิ๊ก", "0E01 0E34 0E4A 0E01", 0);
	/* tone without upper vowel drops: ผู้ -> F70B, ญ่ -> F70A (ญ keeps its tail: no lower vowel) */
	expect("ผู้ใหญ่", "0E1C 0E39 F70B 0E43 0E2B 0E0D F70A", 1);
	/* after ป the dropped tone also shifts left */
	expect("ปู่", "0E1B 0E39 F705", 1);
	expect("ป่", "0E1B F705", 1);
	/* น้ำ: nikhahit, tone, sara aa */
	expect("น้ำ", "0E19 0E4D 0E49 0E32", 1);
	/* tail-less ญ and ฐ before a lower vowel */
	expect("ญุ", "F70F 0E38", 1);
	expect("ฐู", "F700 0E39", 1);
	/* lowered vowel under ฎ */
	expect("ฎุ", "0E0E F718", 1);
	/* upper vowel and tone shifted left after ป / ฝ */
	expect("ปี่", "0E1B F702 F713", 1);
	expect("ปิ่น", "0E1B F701 F713 0E19", 1);
	expect("ฝั่ง", "0E1D F710 F713 0E07", 1);
	expect("ฟ้า", "0E1F F706 0E32", 1);
	/* thanthakhat without upper vowel drops */
	expect("ยักษ์", "0E22 0E31 0E01 0E29 F70E", 1);
	/* mixed scripts: Latin and digits pass through, Thai is shaped in place */
	expect("E-Service ปี่", "0045 002D 0053 0065 0072 0076 0069 0063 0065 0020 0E1B F702 F713", 1);
	expect("", "", 0);

	/* ToUnicode: every presentation glyph gives back its base character */
	CHECK_INT(rg_thai_pua_base(0xF700), 0x0E10);
	CHECK_INT(rg_thai_pua_base(0xF70F), 0x0E0D);
	CHECK_INT(rg_thai_pua_base(0xF705), 0x0E48);
	CHECK_INT(rg_thai_pua_base(0xF70E), 0x0E4C);
	CHECK_INT(rg_thai_pua_base(0xF710), 0x0E31);
	CHECK_INT(rg_thai_pua_base(0xF711), 0x0E4D);
	CHECK_INT(rg_thai_pua_base(0xF712), 0x0E47);
	CHECK_INT(rg_thai_pua_base(0xF717), 0x0E4C);
	CHECK_INT(rg_thai_pua_base(0xF71A), 0x0E3A);
	CHECK_INT(rg_thai_pua_base(0xF71B), 0);
	CHECK_INT(rg_thai_pua_base(0x0E48), 0);
	for (cp = 0xF700; cp <= 0xF71A; cp++) {
		unsigned base = rg_thai_pua_base(cp);
		CHECK(base >= 0x0E01 && base <= 0x0E4E);
	}

	/* numbers */
	CHECK_STR(rg_fmt_amount(buf, sizeof(buf), 1456400, 0), "1,456,400.00");
	CHECK_STR(rg_fmt_amount(buf, sizeof(buf), 34000.5, 0), "34,000.50");
	CHECK_STR(rg_fmt_amount(buf, sizeof(buf), 999.999, 0), "1,000.00");
	CHECK_STR(rg_fmt_amount(buf, sizeof(buf), 0, 0), "0.00");
	CHECK_STR(rg_fmt_amount(buf, sizeof(buf), -1234.5, 0), "-1,234.50");
	CHECK_STR(rg_fmt_amount(buf, sizeof(buf), 100000, 1), "๑๐๐,๐๐๐.๐๐");
	CHECK_STR(rg_fmt_int(buf, sizeof(buf), 1234567, 0), "1,234,567");
	CHECK_STR(rg_fmt_int(buf, sizeof(buf), 56, 1), "๕๖");
	CHECK_STR(rg_fmt_percent(buf, sizeof(buf), 54.2857, 1), "๕๔.๒๙");
	CHECK_STR(rg_fmt_digits(buf, sizeof(buf), "มิติที่ 1.1", 1), "มิติที่ ๑.๑");
	return check_summary("test_pdf_shape");
}
