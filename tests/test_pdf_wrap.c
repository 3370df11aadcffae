/*
** test_pdf_wrap.c - line breaking (render/pdf/linebreak.c): no break inside a
** word of the report phrases below at any column width that can hold the
** word, compounds kept whole, numbers whole, never a line starting with a
** Thai mark, and the cluster fallback for words wider than the column.
*/
#include <stdlib.h>

#include "check.h"
#include "core/buf.h"
#include "pdf/canvas.h"
#include "pdf/linebreak.h"
#include "report.h"

/* A phrase and the words in it that a line break must never cut. */
static const struct {
	const char *text;
	const char *words[6];
} phrases[] = {
	{ "อยู่ระหว่างดำเนินการ", { "ดำเนินการ", "ระหว่าง" } },
	{ "ดำเนินการแล้วเสร็จ", { "ดำเนินการ", "แล้วเสร็จ" } },
	{ "ไม่สามารถดำเนินการได้", { "ดำเนินการ", "สามารถ" } },
	{ "หน่วยงานรับผิดชอบ", { "หน่วยงาน", "รับผิดชอบ" } },
	{ "โครงการเสริมสร้างค่านิยมต่อต้านการทุจริต", { "โครงการ", "ค่านิยม", "ต่อต้าน", "ทุจริต" } },
	{ "งบประมาณที่ได้รับจัดสรรตามข้อบัญญัติ", { "งบประมาณ", "ข้อบัญญัติ", "จัดสรร" } },
	{ "การดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต", { "ดำเนินงาน", "ปฏิบัติ", "ป้องกัน", "ทุจริต" } },
	{ "ผู้บริหารและสมาชิกสภาท้องถิ่น", { "ผู้บริหาร", "สมาชิก", "ท้องถิ่น" } },
	{ "เจ้าหน้าที่ผู้รับผิดชอบโครงการ", { "เจ้าหน้าที่", "ผู้รับผิดชอบ", "โครงการ" } },
	{ "ส่งเสริมคุณธรรมและความโปร่งใสในหน่วยงาน", { "ส่งเสริม", "คุณธรรม", "โปร่งใส", "หน่วยงาน" } },
	{ "ที่ปรึกษาผู้ใหญ่บ้านและกำนัน", { "ที่ปรึกษา", "ผู้ใหญ่", "กำนัน" } },
	{ "มาตรการป้องกันผลประโยชน์ทับซ้อน", { "มาตรการ", "ผลประโยชน์", "ทับซ้อน" } },
	{ "การเบิกจ่ายงบประมาณประจำปี", { "เบิกจ่าย", "งบประมาณ", "ประจำปี" } },
	{ "องค์การบริหารส่วนตำบลหนองขอน", { "องค์การ", "บริหาร", "ส่วนตำบล" } },
	{ "เทศบาลเมืองวารินชำราบ", { "เทศบาล", "เมือง" } },
	{ "กิจกรรมประชาสัมพันธ์ข้อมูลข่าวสาร", { "กิจกรรม", "ประชาสัมพันธ์", "ข้อมูล", "ข่าวสาร" } },
	{ "งบประมาณ ๑,๒๓๔,๕๖๗.๘๙ บาท", { "งบประมาณ", "๑,๒๓๔,๕๖๗.๘๙" } },
	{ "ระบบอิเล็กทรอนิกส์ (E-Service) ของหน่วยงาน", { "(E-Service)", "หน่วยงาน" } },
};

static int is_mark(unsigned cp)
{
	return cp == 0x0E31 || cp == 0x0E33 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
}

/* A width model for the logic tests: one unit per code point that is not a mark. */
static double cells(void *ctx, const char *s, size_t n)
{
	size_t i = 0;
	double w = 0;
	(void)ctx;
	while (i < n) {
		unsigned cp;
		i += (size_t)rg_utf8_decode(s + i, n - i, &cp);
		w += !is_mark(cp);
	}
	return w;
}

typedef struct {
	rg_canvas *c;
} canvas_ctx;

static double real_width(void *ctx, const char *s, size_t n)
{
	return rg_canvas_width(((canvas_ctx *)ctx)->c, RG_FACE_REGULAR, 11, s, n);
}

static int bad_breaks;

/* Wrap text at width and check every line boundary. */
static void check_wrap(rg_linebreak *lb, size_t k, double width, rg_measure_fn fn, void *ctx)
{
	const char *s = phrases[k].text;
	size_t n = strlen(s), i, w;
	const rg_line *lines;
	size_t nl;
	rg_buf joined = RG_BUF_INIT;

	CHECK_INT(rg_linebreak_wrap(lb, s, n, width, fn, ctx, &lines, &nl), 0);
	for (i = 0; i < nl; i++) {
		unsigned cp;
		rg_buf_put(&joined, s + lines[i].start, lines[i].end - lines[i].start);
		if (lines[i].end > lines[i].start) {
			rg_utf8_decode(s + lines[i].start, n - lines[i].start, &cp);
			CHECK(!is_mark(cp));
		}
		/* a line boundary may not fall strictly inside a protected word */
		if (i + 1 < nl) {
			size_t cut = lines[i + 1].start;
			for (w = 0; w < 6 && phrases[k].words[w]; w++) {
				const char *word = phrases[k].words[w], *hit = s;
				size_t wl = strlen(word);
				while ((hit = strstr(hit, word)) != NULL) {
					size_t at = (size_t)(hit - s);
					if (at < cut && cut < at + wl) {
						bad_breaks++;
						fprintf(stderr, "width %.0f: '%s' broken in '%s' (line %zu ends '%.*s')\n",
							width, word, s, i, (int)(lines[i].end - lines[i].start), s + lines[i].start);
					}
					hit++;
				}
			}
		}
	}
	/* nothing lost but spaces */
	{
		rg_buf nospace = RG_BUF_INIT;
		for (i = 0; i < n; i++)
			if (s[i] != ' ')
				rg_buf_putc(&nospace, s[i]);
		for (i = 0, w = 0; i < joined.len; i++)
			if (joined.ptr[i] != ' ')
				joined.ptr[w++] = joined.ptr[i];
		rg_buf_truncate(&joined, w);
		CHECK_STR(rg_buf_cstr(&joined), rg_buf_cstr(&nospace));
		rg_buf_free(&nospace);
	}
	rg_buf_free(&joined);
}

/* The widest protected word of phrase k under fn, or the widest piece
** between two breaks when wider (a term of the data file can be longer than
** the words listed here: "องค์การบริหารส่วนตำบล"). */
static double widest_word(rg_linebreak *lb, size_t k, rg_measure_fn fn, void *ctx)
{
	const char *s = phrases[k].text;
	const size_t *pos;
	size_t w, np, from = 0, n = strlen(s);
	double max = 0;
	for (w = 0; w < 6 && phrases[k].words[w]; w++) {
		double x = fn(ctx, phrases[k].words[w], strlen(phrases[k].words[w]));
		if (x > max)
			max = x;
	}
	if (rg_linebreak_find(lb, s, n, &pos, &np) == 0) {
		for (w = 0; w <= np; w++) {
			size_t to = w < np ? pos[w] : n, a = from, b = to;
			double x;
			while (a < b && s[a] == ' ')
				a++;
			while (b > a && s[b - 1] == ' ')
				b--;
			x = b > a ? fn(ctx, s + a, b - a) : 0;
			if (x > max)
				max = x;
			from = to;
		}
	}
	return max;
}

int main(void)
{
	rg_linebreak *lb;
	rg_canvas *c = NULL;
	canvas_ctx cc;
	const size_t *pos;
	size_t np, k, i;
	double width;

	CHECK_INT(rg_linebreak_new(&lb), 0);
	CHECK_INT(rg_linebreak_load(lb, RG_SOURCE_RULES_DIR "/" RG_LINEBREAK_FILE), 0);

	/* the terms of the data file themselves: libthai would split some, the list keeps them */
	{
		FILE *fp = fopen(RG_SOURCE_RULES_DIR "/" RG_LINEBREAK_FILE, "r");
		char line[512];
		int terms = 0;
		CHECK(fp != NULL);
		while (fp && fgets(line, sizeof(line), fp)) {
			const char *w = line + 5;
			line[strcspn(line, "\r\n")] = '\0';
			if (strncmp(line, "term\t", 5))
				continue;
			terms++;
			CHECK_INT(rg_linebreak_find(lb, w, strlen(w), &pos, &np), 0);
			if (np)
				fprintf(stderr, "term '%s' has %zu inner breaks\n", w, np);
			CHECK_INT(np, 0);
		}
		if (fp)
			fclose(fp);
		CHECK(terms >= 40);
	}
	/* but there are breaks between words */
	{
		const char *s = "อยู่ระหว่างดำเนินการ";
		CHECK_INT(rg_linebreak_find(lb, s, strlen(s), &pos, &np), 0);
		CHECK(np >= 1);
		for (i = 0; i < np; i++)
			CHECK(pos[i] == strlen("อยู่") || pos[i] == strlen("อยู่ระหว่าง"));
	}

	/* every phrase at every width that can hold its widest word */
	for (k = 0; k < sizeof(phrases) / sizeof(phrases[0]); k++) {
		double total = cells(NULL, phrases[k].text, strlen(phrases[k].text));
		for (width = widest_word(lb, k, cells, NULL); width <= total; width += 1)
			check_wrap(lb, k, width, cells, NULL);
	}
	/* the same with the real font metrics (Laksaman 11 pt), in 2 pt steps */
	if (rg_canvas_new(&c, RG_DEFAULT_FONT, RG_DEFAULT_FONT_BOLD) == 0) {
		cc.c = c;
		for (k = 0; k < sizeof(phrases) / sizeof(phrases[0]); k++) {
			double total = real_width(&cc, phrases[k].text, strlen(phrases[k].text));
			for (width = widest_word(lb, k, real_width, &cc); width <= total + 2; width += 2)
				check_wrap(lb, k, width, real_width, &cc);
		}
		rg_canvas_free(c);
	} else {
		printf("test_pdf_wrap: font %s not available, real-metrics part skipped\n", RG_DEFAULT_FONT);
	}
	CHECK_INT(bad_breaks, 0);

	/* a word wider than the column falls back to cluster boundaries */
	{
		const char *s = "ประชาสัมพันธ์";
		const rg_line *lines;
		size_t nl;
		CHECK_INT(rg_linebreak_wrap(lb, s, strlen(s), 3, cells, NULL, &lines, &nl), 0);
		CHECK(nl >= 3);
		for (i = 0; i < nl; i++) {
			unsigned cp;
			rg_utf8_decode(s + lines[i].start, strlen(s) - lines[i].start, &cp);
			CHECK(!is_mark(cp));
			CHECK(lines[i].end > lines[i].start);
		}
		/* width below one cluster: one cluster per line, never an empty line */
		CHECK_INT(rg_linebreak_wrap(lb, "น้ำ", strlen("น้ำ"), 0.5, cells, NULL, &lines, &nl), 0);
		CHECK_INT(nl, 1);
		CHECK_INT(lines[0].end, strlen("น้ำ"));
	}
	/* what the run and the data file keep whole (issue 13) */
	{
		static const struct {
			const char *text, *whole;
		} kept[] = {
			{ "องค์การบริหารส่วนตำบลชุมแพ", "ชุมแพ" },
			{ "ประชุมที่ชุมแพ วันนี้", "ชุมแพ" },
			{ "โครงการของอบต.ชุมแพ", "อบต.ชุมแพ" },
			{ "ตามประกาศ ทม. บางเตย เรื่อง", "ทม. บางเตย" },
			{ "ตามพระราชบัญญัติ พ.ศ. ๒๕๔๐ และ", "พ.ศ. ๒๕๔๐" },
			{ "ตามพระราชบัญญัติ พ.ศ.2540 และ", "พ.ศ.2540" },
			{ "งบประมาณ ๑๐,๐๐๐.๐๐ บาท ต่อปี", "๑๐,๐๐๐.๐๐ บาท" },
			{ "ร้อยละ ๕๐ ของโครงการ", "ร้อยละ ๕๐" },
			{ "จำนวน 12 เดือน เต็ม", "12 เดือน" },
			{ "สนองพระราชดำริพระมหากษัตริย์", "พระมหากษัตริย์" },
		};
		CHECK_INT(rg_linebreak_add_org(lb, "องค์การบริหารส่วนตำบลชุมแพ"), 0);
		CHECK_INT(rg_linebreak_add(lb, RG_LB_NAME, "บางเตย", strlen("บางเตย")), 0);
		for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
			const char *s = kept[i].text, *at = strstr(s, kept[i].whole);
			size_t a = (size_t)(at - s), b = a + strlen(kept[i].whole), j;
			CHECK_INT(rg_linebreak_find(lb, s, strlen(s), &pos, &np), 0);
			for (j = 0; j < np; j++) {
				if (pos[j] > a && pos[j] < b)
					fprintf(stderr, "'%s' broken at byte %zu in '%s'\n", kept[i].whole, pos[j], s);
				CHECK(!(pos[j] > a && pos[j] < b));
			}
			CHECK(np >= 1);   /* it still breaks elsewhere */
		}
		/* without the run's names libthai splits the place: the test can fail */
		{
			rg_linebreak *bare;
			const char *s = "ประชุมที่ชุมแพ วันนี้";
			size_t a = strlen("ประชุมที่"), b = a + strlen("ชุมแพ"), j;
			int inside = 0;
			CHECK_INT(rg_linebreak_new(&bare), 0);
			CHECK_INT(rg_linebreak_find(bare, s, strlen(s), &pos, &np), 0);
			for (j = 0; j < np; j++)
				inside |= pos[j] > a && pos[j] < b;
			CHECK(inside);
			rg_linebreak_free(bare);
		}
	}
	/* a break after a space is taken when its line is nearly as full */
	{
		const char *s = "โครงการส่งเสริม ให้ความรู้แก่ประชาชน";
		const rg_line *lines;
		size_t nl;
		double first = cells(NULL, "โครงการส่งเสริม", strlen("โครงการส่งเสริม"));
		CHECK_INT(rg_linebreak_wrap(lb, s, strlen(s), first + 3, cells, NULL, &lines, &nl), 0);
		CHECK(nl >= 2);
		CHECK_INT(lines[0].end, strlen("โครงการส่งเสริม"));
		/* but not a space far back: the line is filled */
		CHECK_INT(rg_linebreak_wrap(lb, s, strlen(s), first * 2, cells, NULL, &lines, &nl), 0);
		CHECK(lines[0].end > strlen("โครงการส่งเสริม ให้"));
	}
	/* cluster boundaries */
	{
		const char *s = "ที่ปรึกษา";
		CHECK_INT(rg_cluster_next(s, strlen(s), 0), strlen("ที่"));
		CHECK_INT(rg_cluster_next("เก่ง", strlen("เก่ง"), 0), strlen("เก่"));
		CHECK_INT(rg_cluster_next("น้ำ", strlen("น้ำ"), 0), strlen("น้ำ"));
	}
	rg_linebreak_free(lb);
	return check_summary("test_pdf_wrap");
}
