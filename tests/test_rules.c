/*
** test_rules.c - every rule file compiles; a bad rule is refused with its
** file and line; rules match what they are meant to.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "core/error.h"
#include "extract/rules.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

int main(void)
{
	rg_rules rules = { 0 };
	pcre2_match_data *md = pcre2_match_data_create(32, NULL);
	const rg_rule *r;
	char dir[] = "/tmp/rg_rules_XXXXXX", path[256], group[64];
	size_t i;
	int rc;

	/* the project's rules all compile */
	rc = rg_rules_load_dir(&rules, RG_SOURCE_RULES_DIR);
	if (rc)
		fprintf(stderr, "%s\n", rg_error_message());
	CHECK_INT(rc, 0);
	CHECK(rules.len > 50);
	for (i = 0; i < rules.len; i++)
		CHECK(rules.items[i].re != NULL);

	/* they mean what they say */
	r = rg_rules_first(&rules, "column", "งบประมาณ(บาท)", strlen("งบประมาณ(บาท)"), md);
	CHECK(r && !strcmp(r->label, "budget"));
	r = rg_rules_first(&rules, "column", "สถานะไม่สามารถดำเนินการได้", strlen("สถานะไม่สามารถดำเนินการได้"), md);
	CHECK(r && !strcmp(r->label, "status_not_possible"));
	r = rg_rules_first(&rules, "column", "ปี2566งบประมาณบาท", strlen("ปี2566งบประมาณบาท"), md);
	CHECK(r && !strcmp(r->label, "year"));
	CHECK(r && rg_rule_group(r, md, "year", group, sizeof(group)) && !strcmp(group, "2566"));
	r = rg_rules_first(&rules, "dimension", "มติที่ 2", strlen("มติที่ 2"), md);
	CHECK(r && rg_rule_group(r, md, "n", group, sizeof(group)) && !strcmp(group, "2"));
	r = rg_rules_first(&rules, "dimension", "มิตินี้ 3 ที่ดำเนินการ", strlen("มิตินี้ 3 ที่ดำเนินการ"), md);
	CHECK(r && rg_rule_group(r, md, "n", group, sizeof(group)) && !strcmp(group, "3"));
	r = rg_rules_first(&rules, "status", "สถานะ: ยังไม่ได้ ดำเนินการ (รองบประมาณ)",
		strlen("สถานะ: ยังไม่ได้ ดำเนินการ (รองบประมาณ)"), md);
	CHECK(r && !strcmp(r->label, "not_started"));
	r = rg_rules_first(&rules, "status", "สถานะ: ดำเนินการแล้ว", strlen("สถานะ: ดำเนินการแล้ว"), md);
	CHECK(r && !strcmp(r->label, "completed"));
	r = rg_rules_first(&rules, "kind", "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรม",
		strlen("แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรม"), md);
	CHECK(r && !strcmp(r->label, "action_plan"));
	r = rg_rules_first(&rules, "column", "ผลการดำเนินงานดำเนินการแล้ว", strlen("ผลการดำเนินงานดำเนินการแล้ว"), md);
	CHECK(r && !strcmp(r->label, "status_completed"));
	r = rg_rules_first(&rules, "column", "ผลการดำเนินงานยังไม่ดำเนินการ", strlen("ผลการดำเนินงานยังไม่ดำเนินการ"), md);
	CHECK(r && !strcmp(r->label, "status_not_started"));
	r = rg_rules_first(&rules, "status", "กำลังดำเนินการ", strlen("กำลังดำเนินการ"), md);
	CHECK(r && !strcmp(r->label, "in_progress"));
	r = rg_rules_first(&rules, "tick", "☐", strlen("☐"), md);
	CHECK(r == NULL);
	rg_rules_free(&rules);

	/* a pattern that does not compile is refused, naming file and line */
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/bad.rules", dir);
	write_file(path, "# a comment\nkind progress_report ^รายงาน\nkind other (unclosed\n");
	rc = rg_rules_load_dir(&rules, dir);
	CHECK_INT(rc, RG_EUSAGE);
	CHECK(strstr(rg_error_message(), "bad.rules:3") != NULL);
	rg_rules_free(&rules);

	/* a line without a pattern is refused too */
	write_file(path, "kind progress_report\n");
	rc = rg_rules_load_dir(&rules, dir);
	CHECK_INT(rc, RG_EUSAGE);
	CHECK(strstr(rg_error_message(), "bad.rules:1") != NULL);
	rg_rules_free(&rules);
	unlink(path);
	rmdir(dir);

	/* an empty directory is an error, not an empty rule set */
	CHECK(mkdtemp(strcpy(dir, "/tmp/rg_rules_XXXXXX")) != NULL);
	CHECK_INT(rg_rules_load_dir(&rules, dir), RG_EUSAGE);
	rg_rules_free(&rules);
	rmdir(dir);

	pcre2_match_data_free(md);
	return check_summary("test_rules");
}
