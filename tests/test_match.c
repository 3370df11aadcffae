/*
** test_match.c - project identity across filings (oversight/match.h): the
** comparison key, pairs of names that must and must not match, ambiguity,
** and the spelling-variant data file.  Every name and expectation is
** written by hand from how typists retype a plan between rounds.
*/
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "match.h"

static rg_spelling *spelling;

static const rg_match_org bantai = { "องค์การบริหารส่วนตำบลบ้านใหม่", "สันทราย", "เชียงใหม่" };
static const rg_match_org maerim = { "เทศบาลตำบลแม่ริม", "แม่ริม", "เชียงใหม่" };

static double sim(const char *x, const char *y, const rg_match_org *org)
{
	char *kx = NULL, *ky = NULL;
	double s = -1;

	if (!rg_project_key(x, org, spelling, &kx) && !rg_project_key(y, org, spelling, &ky))
		s = rg_key_similarity(kx, ky);
	free(kx);
	free(ky);
	return s;
}

#define KEY(name, org, expected) do { \
	char *key_ = NULL; \
	CHECK_INT(rg_project_key((name), (org), spelling, &key_), RG_OK); \
	CHECK_STR(key_, (expected)); \
	free(key_); \
} while (0)

/* One name against one name, through the whole matcher. */
static rg_match_how match_one(const char *x, const char *y, const rg_match_org *org)
{
	rg_match_result r;
	rg_match_how how = 0;

	if (rg_match_names(&x, 1, &y, 1, org, spelling, &r))
		return 0;
	if (r.n_pairs == 1)
		how = r.pairs[0].how;
	rg_match_result_free(&r);
	return how;
}

#define MUST_MATCH(x, y, org, how) do { \
	rg_match_how got_ = match_one((x), (y), (org)); \
	if (got_ != (how)) fprintf(stderr, "    similarity %.3f\n", sim((x), (y), (org))); \
	CHECK_INT(got_, (how)); \
} while (0)

#define MUST_NOT_MATCH(x, y, org) do { \
	rg_match_how got_ = match_one((x), (y), (org)); \
	if (got_) fprintf(stderr, "    similarity %.3f\n", sim((x), (y), (org))); \
	CHECK_INT(got_, 0); \
} while (0)

static void test_key(void)
{
	/* numbering, quotes, spaces, the kind word */
	KEY("1.2 โครงการ \"ท้องถิ่นใสสะอาด\"", NULL, "ท้องถิ่นใสสะอาด");
	KEY("(๓) กิจกรรม “ท้องถิ่น ใสสะอาด”", NULL, "ท้องถิ่นใสสะอาด");
	KEY("- มาตรการ ท้องถิ่นใสสะอาด.", NULL, "ท้องถิ่นใสสะอาด");
	/* a number that is part of the name stays */
	KEY("กิจกรรม 5ส ในสำนักงาน", NULL, "5สในสำนักงาน");
	KEY("อบรมรุ่นที่ 2", NULL, "อบรมรุ่นที่2");
	/* the fiscal year in any wording, Thai or Arabic digits */
	KEY("โครงการอบรมคุณธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", NULL, "อบรมคุณธรรม");
	KEY("โครงการอบรมคุณธรรม ประจำปี 2567", NULL, "อบรมคุณธรรม");
	/* an amount is not a year */
	KEY("จัดซื้อวัสดุ 2,566 บาท", NULL, "จัดซื้อวัสดุ2566บาท");
	/* the organization, written out, abbreviated, with or without a space */
	KEY("โครงการประชาสัมพันธ์ผลงานขององค์การบริหารส่วนตำบลบ้านใหม่", &bantai, "ประชาสัมพันธ์ผลงานของ");
	KEY("โครงการประชาสัมพันธ์ผลงานของ อบต.บ้านใหม่", &bantai, "ประชาสัมพันธ์ผลงานของ");
	KEY("โครงการประชาสัมพันธ์ผลงานของ อบต. บ้านใหม่", &bantai, "ประชาสัมพันธ์ผลงานของ");
	KEY("โครงการประชาสัมพันธ์ผลงานของ อบต.", &bantai, "ประชาสัมพันธ์ผลงานของ");
	KEY("โครงการพัฒนาเด็กเล็ก ทต.แม่ริม อำเภอแม่ริม จังหวัดเชียงใหม่", &maerim, "พัฒนาเด็กเล็ก");
	/* a place that is the start of a longer word is not cut out of it */
	{
		const rg_match_org kae = { "องค์การบริหารส่วนตำบลหนองแก", NULL, NULL };
		KEY("โครงการอนุรักษ์หนองแก้ว", &kae, "อนุรักษ์หนองแก้ว");
	}
	/* Thai mistypings (nikhahit + sara aa) and spelling variants of the data file */
	KEY("โครงการจัดท\xe0\xb9\x8d\xe0\xb8\xb2แผน", NULL, "จัดทำแผน");
	KEY("มาตรการป้องกันการคอรัปชั่น", NULL, "ป้องกันการคอร์รัปชัน");
	KEY("อบรมกฏหมายและระเบียบปฎิบัติ", NULL, "อบรมกฎหมายและระเบียบปฏิบัติ");
	/* only the kind word: keep it, an empty key would match anything empty */
	KEY("โครงการ", NULL, "โครงการ");
	KEY("", NULL, "");
	KEY(NULL, NULL, "");
}

static void test_similarity(void)
{
	CHECK_NUM(rg_key_similarity("", ""), 1.0);
	CHECK_NUM(rg_key_similarity("abcd", "abcd"), 1.0);
	CHECK_NUM(rg_key_similarity("abcd", "abce"), 0.75);       /* LCS 3: 6 / 8 */
	CHECK_NUM(rg_key_similarity("abcd", "abxcd"), 8.0 / 9.0);  /* one added letter costs one */
	CHECK_NUM(rg_key_similarity("abcd", ""), 0.0);
	/* numbers identify: one digit apart is not similar at all */
	CHECK_NUM(rg_key_similarity("อบรมรุ่นที่1", "อบรมรุ่นที่2"), 0.0);
	CHECK_NUM(rg_key_similarity("อบรม12", "อบรม1"), 0.0);
	CHECK_NUM(rg_key_similarity("อบรม1ครั้ง2", "อบรม1ครั้ง2"), 1.0);
	/* code points, not bytes: one Thai letter changed in four */
	CHECK_NUM(rg_key_similarity("กขคง", "กขคจ"), 0.75);
}

static void test_pairs(void)
{
	/* retypings of one project: must match */
	MUST_MATCH("1. โครงการส่งเสริมคุณธรรมและจริยธรรมของพนักงาน",
		"๑.โครงการส่งเสริมคุณธรรมและจริยธรรมของพนักงาน", NULL, RG_MATCH_EXACT);
	MUST_MATCH("โครงการ \"ท้องถิ่นใสสะอาด\"", "โครงการ “ท้องถิ่นใสสะอาด”", NULL, RG_MATCH_EXACT);
	MUST_MATCH("โครงการอบรม คุณธรรม จริยธรรม", "โครงการอบรมคุณธรรมจริยธรรม", NULL, RG_MATCH_EXACT);
	MUST_MATCH("โครงการประชาสัมพันธ์การดำเนินงานขององค์การบริหารส่วนตำบลบ้านใหม่",
		"โครงการประชาสัมพันธ์การดำเนินงานของ อบต.บ้านใหม่", &bantai, RG_MATCH_EXACT);
	MUST_MATCH("โครงการอบรมคุณธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", "โครงการอบรมคุณธรรม ประจำปี 2567",
		NULL, RG_MATCH_EXACT);
	MUST_MATCH("มาตรการป้องกันการคอรัปชั่น", "มาตรการป้องกันการคอร์รัปชัน", NULL, RG_MATCH_EXACT);
	MUST_MATCH("กิจกรรมเผยแพร่ข้อมูลข่าวสาร", "โครงการเผยแพร่ข้อมูลข่าวสาร", NULL, RG_MATCH_EXACT);
	MUST_MATCH("โครงการพัฒนาศูนย์พัฒนาเด็กเล็กเทศบาลตำบลแม่ริม", "โครงการพัฒนาศูนย์พัฒนาเด็กเล็ก ทต. แม่ริม",
		&maerim, RG_MATCH_EXACT);
	MUST_MATCH("โครงการฝึกอบรมให้ความรู้ด้านระเบียบกฎหมายท้องถิ่นแก่ผู้บริหารและสมาชิกสภา",
		"โครงการอบรมให้ความรู้ด้านระเบียบกฎหมายท้องถิ่นแก่ผู้บริหารและสมาชิกสภาท้องถิ่น",
		NULL, RG_MATCH_SIMILAR);
	MUST_MATCH("โครงการปลูกต้นไม้เพื่อเพิ่มพื้นที่สีเขียว ลดภาวะโลกร้อน",
		"โครงการปลูกต้นไม่เพื่อเพิ่มพื้นที่สีเขียวลดภาวะโลกร้อน", NULL, RG_MATCH_SIMILAR);
	MUST_MATCH("มาตรการจัดให้มีช่องทางที่ประชาชนเข้าถึงข้อมูลข่าวสารของเทศบาล",
		"มาตรการจัดให้มีช่องทางให้ประชาชนเข้าถึงข้อมูลข่าวสารของเทศบาล", &maerim, RG_MATCH_SIMILAR);
	MUST_MATCH("กิจกรรมการเผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้างทางเว็บไซด์",
		"กิจกรรมเผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้างทางเว็บไซต์", NULL, RG_MATCH_SIMILAR);
	MUST_MATCH("โครงการอบรมคุณธรรมจริยธรรมแก่พนักงาน", "โครงการอบรมคุณธรรมและจริยธรรมแก่พนักงาน",
		NULL, RG_MATCH_SIMILAR);
	MUST_MATCH("โครงการส่งเสริมการมีส่วนร่วมของประชาชนในการป้องกันการทุจริต",
		"โครงการส่งเสริมการมีส่วนร่วมของภาคประชาชนในการป้องกันการทุจริต", NULL, RG_MATCH_SIMILAR);
	MUST_MATCH("โครงการบริหารจัดการความเสี่ยงการทุจริต", "โครงการบริหารความเสี่ยงการทุจริต",
		NULL, RG_MATCH_SIMILAR);

	/* different projects: must not match, however alike their wording */
	MUST_NOT_MATCH("โครงการส่งเสริมคุณธรรมจริยธรรมสำหรับผู้บริหาร",
		"โครงการส่งเสริมคุณธรรมจริยธรรมสำหรับพนักงานจ้าง", NULL);
	MUST_NOT_MATCH("โครงการอบรมเชิงปฏิบัติการรุ่นที่ 1", "โครงการอบรมเชิงปฏิบัติการรุ่นที่ 2", NULL);
	MUST_NOT_MATCH("มาตรการตรวจสอบการใช้ดุลยพินิจ", "มาตรการตรวจสอบการใช้จ่ายงบประมาณ", NULL);
	MUST_NOT_MATCH("โครงการจัดซื้อจัดจ้างอย่างโปร่งใส", "โครงการจัดเก็บภาษีอย่างโปร่งใส", NULL);
	MUST_NOT_MATCH("กิจกรรมประกาศเจตจำนงสุจริตของผู้บริหาร",
		"กิจกรรมประกาศนโยบายต่อต้านการทุจริตของผู้บริหาร", NULL);
	MUST_NOT_MATCH("โครงการเฝ้าระวังการทุจริตโดยภาคประชาชน", "โครงการเฝ้าระวังยาเสพติดโดยภาคประชาชน", NULL);
	MUST_NOT_MATCH("โครงการอบรมคุณธรรม", "โครงการอบรมคุณธรรมจริยธรรมและการป้องกันการทุจริตสำหรับพนักงาน", NULL);
	MUST_NOT_MATCH("กิจกรรมการมีส่วนร่วมของประชาชนในการตรวจสอบการจัดซื้อจัดจ้าง",
		"กิจกรรมการมีส่วนร่วมของประชาชนในการตรวจสอบการรับฟังความคิดเห็น", NULL);
	MUST_NOT_MATCH("มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของพนักงาน",
		"มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของผู้บริหาร", NULL);
	MUST_NOT_MATCH("โครงการอบรมให้ความรู้แก่เด็กและเยาวชน", "โครงการอบรมให้ความรู้แก่ผู้สูงอายุ", NULL);
	MUST_NOT_MATCH("มาตรการป้องกันการรับสินบน", "มาตรการป้องกันการเรียกรับสินบน", NULL);
	MUST_NOT_MATCH("โครงการประชุมประชาคมหมู่บ้าน", "โครงการประชุมประชาคมตำบล", NULL);
	MUST_NOT_MATCH("โครงการ", "กิจกรรม", NULL);
}

static void test_lists(void)
{
	/* a 6-month and a 12-month list: renumbered, one retyped, one dropped, one new */
	const char *r6[] = {
		"1. โครงการอบรมคุณธรรมจริยธรรม ประจำปี 2566",
		"2. มาตรการป้องกันผลประโยชน์ทับซ้อน",
		"3. กิจกรรมเผยแพร่ข้อมูลข่าวสารทางเว็บไซด์ของ อบต.บ้านใหม่",
		"4. โครงการจัดทำคู่มือการปฏิบัติงาน",
	};
	const char *r12[] = {
		"1. มาตรการป้องกันผลประโยชน์ทับซ้อน",
		"2. โครงการอบรมคุณธรรมจริยธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
		"3. กิจกรรมการเผยแพร่ข้อมูลข่าวสารทางเว็บไซต์ขององค์การบริหารส่วนตำบลบ้านใหม่",
		"4. โครงการปลูกป่าชุมชน",
	};
	rg_match_result r;

	CHECK_INT(rg_match_names(r6, 4, r12, 4, &bantai, spelling, &r), RG_OK);
	CHECK_INT(r.n_pairs, 3);
	if (r.n_pairs == 3) {
		CHECK_INT(r.pairs[0].a, 0);
		CHECK_INT(r.pairs[0].b, 1);
		CHECK_INT(r.pairs[0].how, RG_MATCH_EXACT);
		CHECK_INT(r.pairs[1].a, 1);
		CHECK_INT(r.pairs[1].b, 0);
		CHECK_INT(r.pairs[2].a, 2);
		CHECK_INT(r.pairs[2].b, 2);
		CHECK_INT(r.pairs[2].how, RG_MATCH_SIMILAR);
		CHECK(r.pairs[2].similarity >= RG_MATCH_THRESHOLD && r.pairs[2].similarity < 1.0);
	}
	CHECK_INT(r.n_only_a, 1);
	CHECK_INT(r.n_only_a ? r.only_a[0] : 99, 3);
	CHECK_INT(r.n_only_b, 1);
	CHECK_INT(r.n_only_b ? r.only_b[0] : 99, 3);
	CHECK_INT(r.n_ambiguous, 0);
	rg_match_result_free(&r);

	/* one name, two near retypings on the other side: ambiguous, not paired */
	{
		const char *a[] = { "โครงการอบรมให้ความรู้ด้านคุณธรรมจริยธรรมแก่พนักงานส่วนตำบลและพนักงานจ้าง" };
		const char *b[] = {
			"โครงการอบรมให้ความรู้ด้านคุณธรรมจริยธรรมแก่พนักงานส่วนตำบลและลูกจ้าง",
			"โครงการอบรมให้ความรู้ด้านคุณธรรมจริยธรรมแก่พนักงานส่วนตำบลและพนักงานครู",
		};
		CHECK(sim(a[0], b[0], NULL) >= RG_MATCH_THRESHOLD && sim(a[0], b[1], NULL) >= RG_MATCH_THRESHOLD);
		CHECK(fabs(sim(a[0], b[0], NULL) - sim(a[0], b[1], NULL)) < RG_MATCH_MARGIN);
		CHECK_INT(rg_match_names(a, 1, b, 2, NULL, spelling, &r), RG_OK);
		CHECK_INT(r.n_pairs, 0);
		CHECK_INT(r.n_only_a, 0);
		/* the name of the first list, and the two of the second list, which are
		** not silently "new" either: each could be its partner */
		CHECK_INT(r.n_ambiguous, 3);
		if (r.n_ambiguous == 3) {
			CHECK_INT(r.ambiguous[0].side, 0);
			CHECK_INT(r.ambiguous[0].index, 0);
			CHECK_INT(r.ambiguous[0].n_candidates, 2);
			CHECK_INT(r.ambiguous[1].side, 1);
			CHECK_INT(r.ambiguous[1].index, 0);
			CHECK_INT(r.ambiguous[2].index, 1);
			CHECK_INT(r.ambiguous[2].n_candidates, 1);
		}
		CHECK_INT(r.n_only_b, 0);
		rg_match_result_free(&r);
	}

	/* a name listed twice on one side and once on the other: ambiguous */
	{
		const char *a[] = { "กิจกรรมรณรงค์ต่อต้านการทุจริต", "โครงการอื่น", "กิจกรรมรณรงค์ต่อต้านการทุจริต" };
		const char *b[] = { "กิจกรรม รณรงค์ต่อต้านการทุจริต", "โครงการอื่น" };
		CHECK_INT(rg_match_names(a, 3, b, 2, NULL, spelling, &r), RG_OK);
		CHECK_INT(r.n_pairs, 1);
		CHECK_INT(r.n_ambiguous, 3);
		CHECK_INT(r.n_only_a + r.n_only_b, 0);
		rg_match_result_free(&r);
	}

	/* the same name twice on both sides: paired in order */
	{
		const char *a[] = { "กิจกรรมประชุม", "กิจกรรมประชุม" };
		const char *b[] = { "กิจกรรม ประชุม", "กิจกรรมประชุม" };
		CHECK_INT(rg_match_names(a, 2, b, 2, NULL, spelling, &r), RG_OK);
		CHECK_INT(r.n_pairs, 2);
		CHECK_INT(r.n_pairs == 2 ? (int)(r.pairs[0].b * 10 + r.pairs[1].b) : -1, 1);
		rg_match_result_free(&r);
	}

	/* empty lists */
	CHECK_INT(rg_match_names(NULL, 0, r12, 4, NULL, spelling, &r), RG_OK);
	CHECK_INT(r.n_only_b, 4);
	CHECK_INT(r.n_pairs + r.n_only_a + r.n_ambiguous, 0);
	rg_match_result_free(&r);
}

static void test_spelling_file(void)
{
	char path[] = "/tmp/rg_spelling_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	rg_spelling *sp = NULL;

	CHECK(f != NULL);
	if (!f)
		return;
	fputs("# comment\n\nผิด\tถูก\nไม่มีแท็บ\n", f);
	fclose(f);
	CHECK_INT(rg_spelling_load(path, &sp), RG_EFORMAT);
	CHECK(strstr(rg_error_message(), ":4:") != NULL);
	CHECK(sp == NULL);
	remove(path);
	CHECK_INT(rg_spelling_load("/nonexistent/spelling.tsv", &sp), RG_EIO);
}

int main(void)
{
	if (rg_spelling_load(RG_SOURCE_RULES_DIR "/spelling.tsv", &spelling)) {
		fprintf(stderr, "%s\n", rg_error_message());
		return 1;
	}
	test_key();
	test_similarity();
	test_pairs();
	test_lists();
	test_spelling_file();
	rg_spelling_free(spelling);
	return check_summary("test_match");
}
