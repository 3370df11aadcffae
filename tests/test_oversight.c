/*
** test_oversight.c - the comparisons of oversight/follow.h on small models
** written here by hand (a plan, a previous round, a report), and the
** register CSV reader of oversight/register.h on files written here.
*/
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "follow.h"
#include "register.h"

static rg_model *report(int year, int round)
{
	rg_model *m = rg_model_new();

	rg_model_set_str(&m->org_name, "องค์การบริหารส่วนตำบลบ้านใหม่");
	rg_model_set_str(&m->district, "สันทราย");
	rg_model_set_str(&m->province, "เชียงใหม่");
	m->kind = RG_KIND_PROGRESS_REPORT;
	m->fiscal_year = year;
	m->round_months = round;
	return m;
}

static rg_project *add(rg_model *m, const char *name, rg_status st, double budget, double disbursed)
{
	rg_project *p = rg_model_add_project(m);

	rg_model_set_str(&p->name, name);
	p->status = st;
	if (budget >= 0) {
		p->budget.set = 1;
		p->budget.value = budget;
	}
	if (disbursed >= 0) {
		p->disbursed.set = 1;
		p->disbursed.value = disbursed;
	}
	return p;
}

static void year_amount(rg_project *p, int year, double v)
{
	p->budget_by_year = realloc(p->budget_by_year, (p->n_budget_by_year + 1) * sizeof(*p->budget_by_year));
	p->budget_by_year[p->n_budget_by_year].year = year;
	p->budget_by_year[p->n_budget_by_year].amount.set = v >= 0;
	p->budget_by_year[p->n_budget_by_year].amount.value = v;
	p->n_budget_by_year++;
}

/* The codes of the findings of cur against prev and plan, space-separated, with the project's name index. */
static char *codes(const rg_model *plan, const rg_model *prev, const rg_model *cur)
{
	rg_model *out = rg_model_new();
	static char buf[1024];
	size_t i;

	buf[0] = '\0';
	CHECK_INT(rg_follow_findings(plan, prev, cur, NULL, out), 0);
	for (i = 0; i < out->n_findings; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s", i ? " " : "", out->findings[i].code);
	rg_model_free(out);
	return buf;
}

static void test_ranks(void)
{
	CHECK(rg_follow_status_rank(RG_STATUS_COMPLETED) > rg_follow_status_rank(RG_STATUS_IN_PROGRESS));
	CHECK(rg_follow_status_rank(RG_STATUS_IN_PROGRESS) > rg_follow_status_rank(RG_STATUS_PENDING_REPORT));
	CHECK_INT(rg_follow_status_rank(RG_STATUS_NOT_POSSIBLE), rg_follow_status_rank(RG_STATUS_NOT_STARTED));
	CHECK_INT(rg_follow_status_rank(RG_STATUS_NONE), 0);
}

/* Within a year: each kind of change once; nothing on the unchanged and the improved. */
static void test_rounds(void)
{
	rg_model *a = report(2567, 6), *b = report(2567, 12);

	add(a, "โครงการอบรมคุณธรรมจริยธรรมพนักงานส่วนตำบล", RG_STATUS_COMPLETED, 10000, 5000);
	add(a, "โครงการป้องกันผลประโยชน์ทับซ้อน", RG_STATUS_IN_PROGRESS, 20000, 8000);
	add(a, "มาตรการเผยแพร่ข้อมูลข่าวสาร", RG_STATUS_IN_PROGRESS, -1, -1);
	add(a, "กิจกรรมประกวดคำขวัญต่อต้านการทุจริต", RG_STATUS_PENDING_REPORT, 0, 0);
	add(b, "๑. โครงการ อบรมคุณธรรม จริยธรรม พนักงานส่วนตำบล", RG_STATUS_PENDING_REPORT, 10000, 5000);
	add(b, "โครงการป้องกันผลประโยชน์ทับซ้อน", RG_STATUS_COMPLETED, 20000, 6000);
	add(b, "มาตรการเผยแพร่ข้อมูลข่าวสาร", RG_STATUS_COMPLETED, -1, -1);
	CHECK_STR(codes(NULL, a, b), "status_regressed disbursed_fell project_dropped");
	/* the same two reports the other way round: the improvement is no finding */
	CHECK_STR(codes(NULL, b, a), "status_regressed status_regressed");
	/* a report against itself: nothing */
	CHECK_STR(codes(NULL, a, a), "");
	/* across fiscal years, status and money start again: only what is gone counts */
	b->fiscal_year = 2568;
	b->round_months = 6;
	a->round_months = 12;
	CHECK_STR(codes(NULL, a, b), "project_dropped");
	rg_model_free(a);
	rg_model_free(b);
}

static void test_plan(void)
{
	rg_model *plan = rg_model_new(), *r = report(2567, 6), *prev = report(2566, 12);
	rg_project *p;

	plan->kind = RG_KIND_ACTION_PLAN;
	plan->plan_from = 2566;
	plan->plan_to = 2570;
	rg_model_set_str(&plan->org_name, "องค์การบริหารส่วนตำบลบ้านใหม่");
	p = add(plan, "โครงการป้องกันผลประโยชน์ทับซ้อน", 0, -1, -1);   /* every year 20,000 */
	year_amount(p, 2566, 20000);
	year_amount(p, 2567, 20000);
	p = add(plan, "กิจกรรมพ่อแม่ดีเด่น", 0, -1, -1);                  /* 2566 and 2568 only */
	year_amount(p, 2566, 5000);
	year_amount(p, 2567, -1);
	year_amount(p, 2568, 5000);
	p = add(plan, "มาตรการ No Gift Policy", 0, -1, -1);              /* no amount in any year: all years */
	p->no_budget = 1;
	p = add(plan, "โครงการจัดทำมาตรฐานการให้บริการประชาชน", 0, -1, -1);
	p->no_budget = 1;
	CHECK(rg_follow_planned(&plan->projects[0], 2567));
	CHECK(!rg_follow_planned(&plan->projects[1], 2567));
	CHECK(rg_follow_planned(&plan->projects[1], 2568));
	CHECK(rg_follow_planned(&plan->projects[2], 2570));
	{
		double v = -1;
		CHECK(rg_follow_plan_budget(&plan->projects[2], 2567, &v));
		CHECK_NUM(v, 0);
		CHECK(!rg_follow_plan_budget(&plan->projects[1], 2567, &v));
	}
	add(r, "โครงการป้องกันผลประโยชน์ทับซ้อน", RG_STATUS_COMPLETED, 25000, 0);   /* budget changed */
	add(r, "กิจกรรมพ่อแม่ดีเด่น", RG_STATUS_COMPLETED, 5000, 0);               /* not for 2567 */
	p = add(r, "มาตรการ \"No Gift Policy\"", RG_STATUS_COMPLETED, -1, -1);     /* no budget both: same */
	p->no_budget = 1;
	add(r, "โครงการใหม่ที่ไม่อยู่ในแผน", RG_STATUS_COMPLETED, 0, 0);
	CHECK_STR(codes(plan, NULL, r),
		"budget_changed reported_not_planned planned_not_reported reported_not_planned");
	/* across years, what the new year's plan does not plan has ended; what it plans was dropped */
	add(prev, "กิจกรรมพ่อแม่ดีเด่น", RG_STATUS_COMPLETED, 5000, 5000);
	add(prev, "โครงการจัดทำมาตรฐานการให้บริการประชาชน", RG_STATUS_COMPLETED, 0, 0);
	add(prev, "โครงการที่จบไปแล้วในปีก่อน", RG_STATUS_COMPLETED, 0, 0);
	CHECK_STR(codes(plan, prev, r),
		"project_dropped budget_changed reported_not_planned planned_not_reported reported_not_planned");
	rg_model_free(plan);
	rg_model_free(r);
	rg_model_free(prev);
}

/* Two names of one report that the other report's one name could both be. */
static void test_ambiguous(void)
{
	rg_model *a = report(2567, 6), *b = report(2567, 12), *out = rg_model_new();
	size_t i;
	int found = 0;

	add(a, "โครงการอบรมคุณธรรมจริยธรรม", RG_STATUS_COMPLETED, -1, -1);
	add(a, "โครงการอบรมคุณธรรมจริยธรรม", RG_STATUS_IN_PROGRESS, -1, -1);
	add(b, "โครงการอบรมคุณธรรมจริยธรรม", RG_STATUS_NOT_STARTED, -1, -1);
	CHECK_INT(rg_follow_findings(NULL, a, b, NULL, out), 0);
	for (i = 0; i < out->n_findings; i++) {
		const rg_finding *f = &out->findings[i];
		CHECK(strcmp(f->code, "status_regressed"));   /* never compared */
		if (!strcmp(f->code, "project_match_ambiguous")) {
			found++;
			CHECK(strstr(f->message, "could be any of 2 projects of the previous round") != NULL);
		}
	}
	CHECK_INT(found, 1);
	rg_model_free(a);
	rg_model_free(b);
	rg_model_free(out);
}

/* ---- the register reader ---- */

typedef struct {
	char good[2048], bad[2048];
} collected;

static int on_good(void *ctx, size_t row, const rg_register_entry *e)
{
	collected *c = ctx;

	snprintf(c->good + strlen(c->good), sizeof(c->good) - strlen(c->good), "%zu:%s:%s:%s:%s:%s:%s;", row, e->code,
		e->name, rg_org_type_name(e->key.type), e->key.place, e->key.district, e->key.province);
	return 0;
}

static void on_bad(void *ctx, size_t row, const char *column, const char *message)
{
	collected *c = ctx;

	(void)message;
	snprintf(c->bad + strlen(c->bad), sizeof(c->bad) - strlen(c->bad), "%zu:%s;", row, column ? column : "-");
}

static int read_text(const char *text, collected *c)
{
	char path[] = "/tmp/rg-register-XXXXXX";
	int fd = mkstemp(path), rc;
	rg_register_sink sink = { on_good, on_bad, c };
	FILE *f;

	memset(c, 0, sizeof(*c));
	if (fd < 0)
		return -100;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return -100;
	}
	close(fd);
	f = fopen(path, "rb");
	rc = rg_register_read_csv(f, path, &sink);
	fclose(f);
	unlink(path);
	return rc;
}

static void test_register(void)
{
	collected c;

	/* BOM, CRLF, columns in another order, an extra column, quotes, Thai digits, อำเภอ/จังหวัด words */
	CHECK_INT(read_text("\xEF\xBB\xBFprovince,District,name,note,code,type\r\n"
		"จังหวัดเชียงใหม่,อำเภอสันทราย,อบต.บ้านใหม่,\"a, b\",๕๐๑๒๓,\r\n"
		"เชียงใหม่,ฝาง,\"องค์การบริหารส่วนตำบล บ้านใหม่\",,50456,sao\r\n"
		"เชียงใหม่,,องค์การบริหารส่วนจังหวัดเชียงใหม่,,50001,\r\n", &c), 0);
	CHECK_STR(c.good, "2:50123:อบต.บ้านใหม่:sao:บ้านใหม่:สันทราย:เชียงใหม่;"
		"3:50456:องค์การบริหารส่วนตำบล บ้านใหม่:sao:บ้านใหม่:ฝาง:เชียงใหม่;"
		"4:50001:องค์การบริหารส่วนจังหวัดเชียงใหม่:pao:เชียงใหม่::เชียงใหม่;");
	CHECK_STR(c.bad, "");
	/* every kind of bad row, named by row and column; a blank line counts as a row */
	CHECK_INT(read_text("code,name,type,district,province\n"
		"1,อบต.ก,,อ1,จ1\n"
		"2,ก,,อ1,จ1\n"                  /* no type word, no type */
		"3,อบต.ข,city,อ1,จ1\n"          /* not a type */
		"\n"
		"1,อบต.ค,,อ1,จ1\n"              /* the code of row 2 */
		"5,องค์การบริหารส่วนตำบลก,,อำเภออ1,จ1\n"   /* the organization of row 2 */
		"6,ทต.ง,sao,อ1,จ1\n"            /* type against the name */
		"7,อบต.จ,,,จ1\n"                /* no district */
		"8,อบต.ฉ,,อ1,\n"                /* no province */
		"9,\"อบต.ช\"x,,อ1,จ1\n"         /* text after the quote */
		"10,\xff\xfe,,อ1,จ1\n"          /* not UTF-8 */
		"11,อบต.,,อ1,จ1\n"              /* a type word alone */
		"12,เมืองพัทยา,other,บางละมุง,ชลบุรี\n", &c), 0);
	CHECK_STR(c.good, "2:1:อบต.ก:sao:ก:อ1:จ1;14:12:เมืองพัทยา:other:เมืองพัทยา:บางละมุง:ชลบุรี;");
	CHECK_STR(c.bad, "3:type;4:type;6:code;7:name;8:type;9:district;10:province;11:-;12:name;13:name;");
	/* no register */
	CHECK_INT(read_text("code,name,district\n1,อบต.ก,อ1\n", &c), RG_EFORMAT);
	CHECK(strstr(rg_error_message(), "no column 'province'") != NULL);
	CHECK_INT(read_text("", &c), RG_EFORMAT);
	CHECK_INT(read_text("\xFF\xFE" "c\0o\0", &c), RG_EFORMAT);
	CHECK(strstr(rg_error_message(), "UTF-16") != NULL);
	/* from a pipe (orgs import <(...)), which cannot be read twice */
	{
		static const char text[] = "code,name,type,district,province\n1,อบต.ก,,อ1,จ1\n";
		rg_register_sink sink = { on_good, on_bad, &c };
		int fds[2];
		FILE *f;
		memset(&c, 0, sizeof(c));
		CHECK_INT(pipe(fds), 0);
		CHECK_INT((int)write(fds[1], text, strlen(text)), (int)strlen(text));
		close(fds[1]);
		f = fdopen(fds[0], "rb");
		CHECK_INT(rg_register_read_csv(f, "a pipe", &sink), 0);
		fclose(f);
		CHECK_STR(c.good, "2:1:อบต.ก:sao:ก:อ1:จ1;");
	}
	/* a register saved in TIS-620 (Thai Windows): refused whole in one error, nothing imported */
	CHECK_INT(read_text("code,name,type,district,province\n"
		"1,\xcd\xba\xb5.\xa1,,\xcd" "1,\xa8" "1\n"        /* อบต.ก,,อ1,จ1 in TIS-620 */
		"2,\xcd\xba\xb5.\xa2,,\xcd" "1,\xa8" "1\n", &c), RG_EFORMAT);
	CHECK(strstr(rg_error_message(), "2 of the 2 lines with non-ASCII text (the first: line 2) are not UTF-8") != NULL);
	CHECK_STR(c.good, "");
	CHECK_STR(c.bad, "");
}

int main(void)
{
	test_ranks();
	test_rounds();
	test_plan();
	test_ambiguous();
	test_register();
	return check_summary("test_oversight");
}
