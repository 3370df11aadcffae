/*
** sections.c - one filing's section: results by dimension, status and level,
** disbursement, charts, the project list (progress report, action plan or
** integrity variant) and the findings (see report.h for the content).
*/
#include <stdio.h>
#include <string.h>

#include "charts.h"
#include "core/error.h"
#include "numfmt.h"
#include "report_int.h"

/* The height of "N. ข้อสังเกต..." with "ไม่พบข้อสังเกต" under it. */
#define NO_FINDINGS_H ((HEAD_SIZE - 2) * RG_LEADING + 2 + TABLE_SIZE * RG_LEADING + 2)

/* What the last table of a section keeps below it: the findings' heading and
** "ไม่พบข้อสังเกต" when there are none (they must not make a page alone); a
** findings table keeps its own title with its rows. */
static double findings_keep(const entry *e)
{
	return e->m->n_findings ? 0 : NO_FINDINGS_H;
}

static void table_by_dimension(report *r, const entry *e)
{
	static const rg_column cols[] = {
		{ "มิติ", 1.2, RG_ALIGN_LEFT, RG_COL_NOWRAP },
		{ "โครงการตามแผน", 1.0, RG_ALIGN_RIGHT, 0 },
		{ "ดำเนินการแล้วเสร็จ", 1.1, RG_ALIGN_RIGHT, 0 },
		{ "งบประมาณตามแผน (บาท)", 1.6, RG_ALIGN_RIGHT, 0 },
		{ "งบประมาณตามข้อบัญญัติ/เทศบัญญัติ (บาท)", 1.8, RG_ALIGN_RIGHT, RG_COL_DROP_EMPTY },
		{ "ใช้จริง (บาท)", 1.6, RG_ALIGN_RIGHT, 0 },
		{ "ร้อยละโครงการ", 1.0, RG_ALIGN_RIGHT, 0 },
		{ "ร้อยละงบประมาณ", 1.0, RG_ALIGN_RIGHT, 0 },
	};
	rg_table t;
	char c[8][64];
	int d;

	rg_table_begin(&t, &r->l, cols, 8, TABLE_SIZE);
	rpt_table_title(r, &t, "1. ผลการนำแผนไปปฏิบัติ จำแนกตามมิติ");
	for (d = 1; d <= 5; d++) {
		const rg_dim_stats *s = d == 5 ? &e->st.dim[0] : &e->st.dim[d];
		const char *cells[8];
		if (d == 5 && !s->projects)
			continue;
		cells[0] = rpt_dim_label(c[0], sizeof(c[0]), d == 5 ? 0 : d, r->thai);
		cells[1] = rpt_num(c[1], sizeof(c[1]), (long long)s->projects, r->thai);
		cells[2] = rpt_num(c[2], sizeof(c[2]), (long long)s->completed, r->thai);
		cells[3] = rg_fmt_amount(c[3], sizeof(c[3]), s->budget, r->thai);
		cells[4] = "–";
		cells[5] = rg_fmt_amount(c[5], sizeof(c[5]), s->disbursed, r->thai);
		cells[6] = rg_fmt_percent(c[6], sizeof(c[6]), rg_pct((double)s->completed, (double)s->projects), r->thai);
		cells[7] = rg_fmt_percent(c[7], sizeof(c[7]), rg_pct(s->disbursed, s->budget), r->thai);
		rg_table_row(&t, cells, RG_ROW_NORMAL);
	}
	{
		const rg_dim_stats *s = &e->st.total;
		const char *cells[8];
		cells[0] = "รวม";
		cells[1] = rpt_num(c[1], sizeof(c[1]), (long long)s->projects, r->thai);
		cells[2] = rpt_num(c[2], sizeof(c[2]), (long long)s->completed, r->thai);
		cells[3] = rg_fmt_amount(c[3], sizeof(c[3]), s->budget, r->thai);
		cells[4] = "–";
		cells[5] = rg_fmt_amount(c[5], sizeof(c[5]), s->disbursed, r->thai);
		cells[6] = rg_fmt_percent(c[6], sizeof(c[6]), rg_pct((double)s->completed, (double)s->projects), r->thai);
		cells[7] = rg_fmt_percent(c[7], sizeof(c[7]), rg_pct(s->disbursed, s->budget), r->thai);
		rg_table_row(&t, cells, RG_ROW_BOLD | RG_ROW_SHADE | RG_ROW_KEEP_PREV);
	}
	rg_table_end(&t);
}

/* A stated count as a cell: "–" when the filing does not state it. */
static const char *stated_cell(char *out, size_t size, const rg_model *m, const char *key, int thai, int percent)
{
	const rg_stated *st = rg_model_get_stated(m, key);

	if (!st)
		return "–";
	return percent ? rg_fmt_percent(out, size, st->value, thai) : rpt_num(out, size, (long long)st->value, thai);
}

static void table_status(report *r, const entry *e)
{
	static const rg_column cols[] = {
		{ "ที่มา", 1.4, RG_ALIGN_LEFT, RG_COL_NOWRAP },
		{ "ทั้งหมด", 0.9, RG_ALIGN_RIGHT, 0 },
		{ "รอรายงาน", 0.9, RG_ALIGN_RIGHT, 0 },
		{ "อยู่ระหว่างดำเนินการ", 1.1, RG_ALIGN_RIGHT, 0 },
		{ "ดำเนินการแล้วเสร็จ", 1.1, RG_ALIGN_RIGHT, 0 },
		{ "ไม่สามารถดำเนินการได้", 1.2, RG_ALIGN_RIGHT, 0 },
		{ "ยังไม่ได้ดำเนินการ", 1.1, RG_ALIGN_RIGHT, 0 },
		{ "ไม่ระบุสถานะ", 0.9, RG_ALIGN_RIGHT, 0 },
		{ "ผลการนำแผนไปปฏิบัติ (ร้อยละ)", 1.3, RG_ALIGN_RIGHT, 0 },
		{ "ระดับการนำแผนไปปฏิบัติ", 1.2, RG_ALIGN_CENTER, RG_COL_NOWRAP },
	};
	/* the stated keys of the columns, as MODEL.md's examples name them */
	static const char *const keys[] = { "projects_total", "pending_report", "in_progress", "completed",
		"not_possible", "not_started" };
	const rg_model *m = e->m;
	rg_table t;
	char c[10][64], note[256];
	const char *cells[10];
	const rg_stated *pct;
	size_t k;
	int any = 0;

	rg_table_begin(&t, &r->l, cols, 10, TABLE_SIZE);
	rpt_table_title(r, &t, "2. สถานะโครงการ/กิจกรรม/มาตรการ");
	cells[0] = "นับจากรายการ";
	cells[1] = rpt_num(c[1], sizeof(c[1]), (long long)e->st.total.projects, r->thai);
	for (k = 1; k < RG_STATUS_COUNT; k++)
		cells[k + 1] = rpt_num(c[k + 1], sizeof(c[k + 1]), (long long)e->st.status[k], r->thai);
	cells[7] = rpt_num(c[7], sizeof(c[7]), (long long)e->st.status[RG_STATUS_NONE], r->thai);
	cells[8] = rg_fmt_percent(c[8], sizeof(c[8]), e->st.impl_percent, r->thai);
	cells[9] = rg_report_level(e->st.impl_percent);
	rg_table_row(&t, cells, RG_ROW_NORMAL);
	/* what the filing itself states, when it states any of it: differences show at a glance */
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		any |= rg_model_get_stated(m, keys[k]) != NULL;
	pct = rg_model_get_stated(m, "implementation_percent");
	if (any || pct) {
		cells[0] = "ตามที่รายงานระบุ";
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			cells[k + 1] = stated_cell(c[k + 1], sizeof(c[k + 1]), m, keys[k], r->thai, 0);
		cells[7] = "–";
		cells[8] = stated_cell(c[8], sizeof(c[8]), m, "implementation_percent", r->thai, 1);
		cells[9] = pct ? rg_report_level(pct->value) : "–";
		rg_table_row(&t, cells, RG_ROW_NORMAL);
	}
	rg_table_end_keep(&t, 10 * RG_LEADING + 4);   /* the note below stays with it */
	if (e->st.impl_from_minimum)
		snprintf(note, sizeof(note), "ร้อยละคิดจากโครงการขั้นต่ำที่ ป.ป.ช. กำหนด %s โครงการ",
			rpt_num(c[0], sizeof(c[0]), (long long)e->st.impl_base, r->thai));
	else
		snprintf(note, sizeof(note), "ร้อยละคิดจากจำนวนโครงการทั้งหมด (รายงานไม่ระบุโครงการขั้นต่ำ)");
	rg_layout_paragraph(&r->l, note, RG_FACE_REGULAR, 10, 0);
	rg_layout_space(&r->l, 4);
}

static void table_disbursement(report *r, const entry *e)
{
	static const rg_column cols[] = {
		{ "มิติ", 1.2, RG_ALIGN_LEFT, RG_COL_NOWRAP },
		{ "งบประมาณตามแผน (บาท)", 1.6, RG_ALIGN_RIGHT, 0 },
		{ "เบิกจ่าย (บาท)", 1.6, RG_ALIGN_RIGHT, 0 },
		{ "คงเหลือ (บาท)", 1.6, RG_ALIGN_RIGHT, 0 },
		{ "ร้อยละการเบิกจ่าย", 1.0, RG_ALIGN_RIGHT, 0 },
	};
	rg_table t;
	char c[5][64];
	int d;

	rg_table_begin(&t, &r->l, cols, 5, TABLE_SIZE);
	rpt_table_title(r, &t, "3. การเบิกจ่ายงบประมาณ จำแนกตามมิติ");
	for (d = 1; d <= 5; d++) {
		const rg_dim_stats *s = d == 5 ? &e->st.total : &e->st.dim[d];
		const char *cells[5];
		cells[0] = d == 5 ? "รวม" : rpt_dim_label(c[0], sizeof(c[0]), d, r->thai);
		cells[1] = rg_fmt_amount(c[1], sizeof(c[1]), s->budget, r->thai);
		cells[2] = rg_fmt_amount(c[2], sizeof(c[2]), s->disbursed, r->thai);
		cells[3] = rg_fmt_amount(c[3], sizeof(c[3]), s->budget - s->disbursed, r->thai);
		cells[4] = rg_fmt_percent(c[4], sizeof(c[4]), rg_pct(s->disbursed, s->budget), r->thai);
		rg_table_row(&t, cells, d == 5 ? RG_ROW_BOLD | RG_ROW_SHADE | RG_ROW_KEEP_PREV : RG_ROW_NORMAL);
	}
	rg_table_end(&t);
}

void rpt_charts(report *r, const rg_filing_stats *st)
{
	static const rg_series planned = { "โครงการตามแผน", 0.62, 0.74, 0.90 };
	static const rg_series done = { "ดำเนินการแล้วเสร็จ", 0.16, 0.38, 0.66 };
	static const rg_series budget = { "งบประมาณตามแผน", 0.98, 0.78, 0.45 };
	static const rg_series spent = { "เบิกจ่าย", 0.80, 0.40, 0.10 };
	static const rg_series status[RG_STATUS_COUNT] = {
		{ "ไม่ระบุสถานะ", 0.95, 0.95, 0.95 },
		{ "รอรายงาน", 0.70, 0.70, 0.70 },
		{ "อยู่ระหว่างดำเนินการ", 0.98, 0.70, 0.25 },
		{ "ดำเนินการแล้วเสร็จ", 0.30, 0.65, 0.35 },
		{ "ไม่สามารถดำเนินการได้", 0.85, 0.30, 0.30 },
		{ "ยังไม่ได้ดำเนินการ", 0.55, 0.60, 0.85 },
	};
	/* the status chart lists the real statuses first, "no status" last */
	static const int order[RG_STATUS_COUNT] = { 1, 2, 3, 4, 5, 0 };
	rg_layout *l = &r->l;
	const char *cats[4];
	char names[4][32];
	double a[4], b[4], sv[RG_STATUS_COUNT];
	rg_series ss[RG_STATUS_COUNT];
	double h = 170, w = (l->page_w - 2 * l->margin - 40) / 3, top;
	int d, k;

	rg_layout_need(l, h + 10);
	if (l->error)
		return;
	top = l->y;
	for (d = 0; d < 4; d++) {
		cats[d] = rpt_dim_label(names[d], sizeof(names[d]), d + 1, r->thai);
		a[d] = (double)st->dim[d + 1].projects;
		b[d] = (double)st->dim[d + 1].completed;
	}
	rg_chart_bars(l, l->margin, top, w, h, "โครงการตามแผนและที่แล้วเสร็จ", cats, 4, a, b, &planned, &done, 0);
	for (d = 0; d < 4; d++) {
		a[d] = st->dim[d + 1].budget;
		b[d] = st->dim[d + 1].disbursed;
	}
	rg_chart_bars(l, l->margin + w + 20, top, w, h, "งบประมาณและการเบิกจ่าย", cats, 4, a, b, &budget, &spent, 1);
	for (k = 0; k < RG_STATUS_COUNT; k++) {
		ss[k] = status[order[k]];
		sv[k] = (double)st->status[order[k]];
	}
	rg_chart_shares(l, l->margin + 2 * (w + 20), top, w, h, "สัดส่วนสถานะโครงการ", ss, sv, RG_STATUS_COUNT);
	l->y = top - h - 10;
}

static void table_projects(report *r, const entry *e, const char *title)
{
	static const rg_column cols[] = {
		{ "ลำดับ", 0.55, RG_ALIGN_CENTER, RG_COL_NOWRAP },
		{ "ชื่อโครงการ/กิจกรรม/มาตรการ", 4.6, RG_ALIGN_LEFT, 0 },
		{ "มิติ", 0.5, RG_ALIGN_CENTER, RG_COL_NOWRAP },
		{ "งบประมาณ (บาท)", 1.25, RG_ALIGN_RIGHT, 0 },
		{ "เบิกจ่าย (บาท)", 1.15, RG_ALIGN_RIGHT, 0 },
		{ "สถานะ", 1.35, RG_ALIGN_LEFT, RG_COL_NOWRAP },
		{ "หน่วยงานรับผิดชอบ", 1.5, RG_ALIGN_LEFT, RG_COL_DROP_EMPTY },
	};
	const rg_model *m = e->m;
	rg_table t;
	char c[5][96];
	size_t i;

	rg_table_begin(&t, &r->l, cols, 7, TABLE_SIZE);
	rpt_table_title(r, &t, title);
	for (i = 0; i < m->n_projects; i++) {
		const rg_project *p = &m->projects[i];
		const char *cells[7];
		char dim[8];
		snprintf(dim, sizeof(dim), "%d", p->dimension);
		cells[0] = rg_fmt_digits(c[0], sizeof(c[0]), p->seq ? p->seq : "", r->thai);
		cells[1] = p->name ? p->name : "";
		cells[2] = p->dimension ? rg_fmt_digits(c[1], sizeof(c[1]), dim, r->thai) : "–";
		rpt_amount_cell(c[2], sizeof(c[2]), p->budget, p->no_budget, r->thai);
		cells[3] = c[2];
		rpt_amount_cell(c[3], sizeof(c[3]), p->disbursed, 0, r->thai);
		cells[4] = c[3];
		cells[5] = p->status ? rpt_status_label[p->status] : "–";
		cells[6] = p->responsible ? p->responsible : "";
		rg_table_row(&t, cells, RG_ROW_NORMAL);
	}
	rg_table_end_keep(&t, findings_keep(e));
}

static void table_plan(report *r, const entry *e)
{
	rg_column cols[16];
	const rg_model *m = e->m;
	int ny = e->st.nyears > 5 ? 5 : e->st.nyears, y, d;
	char head[5][48], c[12][96];
	size_t nc, i;
	rg_table t;

	/* counts and budgets per dimension */
	nc = 0;
	cols[nc++] = (rg_column){ "มิติ", 1.1, RG_ALIGN_LEFT, RG_COL_NOWRAP };
	cols[nc++] = (rg_column){ "โครงการ", 0.8, RG_ALIGN_RIGHT, 0 };
	cols[nc++] = (rg_column){ "กิจกรรม", 0.8, RG_ALIGN_RIGHT, 0 };
	cols[nc++] = (rg_column){ "มาตรการ", 0.8, RG_ALIGN_RIGHT, 0 };
	cols[nc++] = (rg_column){ "รวม", 0.7, RG_ALIGN_RIGHT, 0 };
	cols[nc++] = (rg_column){ "งบประมาณรวมทุกปี (บาท)", 1.6, RG_ALIGN_RIGHT, 0 };
	rg_table_begin(&t, &r->l, cols, nc, TABLE_SIZE);
	rpt_table_title(r, &t, "1. โครงการ/กิจกรรม/มาตรการ และงบประมาณตามแผน จำแนกตามมิติ");
	for (d = 1; d <= 5; d++) {
		const rg_dim_stats *s = d == 5 ? &e->st.total : &e->st.dim[d];
		const char *cells[6];
		cells[0] = d == 5 ? "รวม" : rpt_dim_label(c[0], sizeof(c[0]), d, r->thai);
		cells[1] = rpt_num(c[1], sizeof(c[1]), (long long)s->kinds[RG_ITEM_PROJECT], r->thai);
		cells[2] = rpt_num(c[2], sizeof(c[2]), (long long)s->kinds[RG_ITEM_ACTIVITY], r->thai);
		cells[3] = rpt_num(c[3], sizeof(c[3]), (long long)s->kinds[RG_ITEM_MEASURE], r->thai);
		cells[4] = rpt_num(c[4], sizeof(c[4]), (long long)s->projects, r->thai);
		cells[5] = rg_fmt_amount(c[5], sizeof(c[5]), s->budget, r->thai);
		rg_table_row(&t, cells, d == 5 ? RG_ROW_BOLD | RG_ROW_SHADE | RG_ROW_KEEP_PREV : RG_ROW_NORMAL);
	}
	rg_table_end(&t);

	/* the list with one column per plan year */
	nc = 0;
	cols[nc++] = (rg_column){ "ลำดับ", 0.6, RG_ALIGN_CENTER, RG_COL_NOWRAP };
	cols[nc++] = (rg_column){ "ชื่อโครงการ/กิจกรรม/มาตรการ", ny ? 4.0 : 5.0, RG_ALIGN_LEFT, 0 };
	cols[nc++] = (rg_column){ "มิติ", 0.45, RG_ALIGN_CENTER, RG_COL_NOWRAP };
	for (y = 0; y < ny; y++) {
		char plain[48];
		snprintf(plain, sizeof(plain), "พ.ศ. %d (บาท)", e->st.year_from + y);
		rg_fmt_digits(head[y], sizeof(head[y]), plain, r->thai);
		cols[nc++] = (rg_column){ head[y], 1.05, RG_ALIGN_RIGHT, 0 };
	}
	if (!ny)
		cols[nc++] = (rg_column){ "งบประมาณ (บาท)", 1.3, RG_ALIGN_RIGHT, 0 };
	cols[nc++] = (rg_column){ "หน่วยงานรับผิดชอบ", 1.3, RG_ALIGN_LEFT, RG_COL_DROP_EMPTY };
	rg_table_begin(&t, &r->l, cols, nc, TABLE_SIZE);
	rpt_table_title(r, &t, "2. รายการโครงการ/กิจกรรม/มาตรการ และงบประมาณรายปี");
	for (i = 0; i < m->n_projects; i++) {
		const rg_project *p = &m->projects[i];
		const char *cells[16];
		size_t k = 0, j;
		char dim[8];
		snprintf(dim, sizeof(dim), "%d", p->dimension);
		cells[k++] = rg_fmt_digits(c[0], sizeof(c[0]), p->seq ? p->seq : "", r->thai);
		cells[k++] = p->name ? p->name : "";
		cells[k++] = p->dimension ? rg_fmt_digits(c[1], sizeof(c[1]), dim, r->thai) : "–";
		for (y = 0; y < ny; y++) {
			rg_amount a = { 0, 0 };
			for (j = 0; p->budget_by_year && j < p->n_budget_by_year; j++)
				if (p->budget_by_year[j].year == e->st.year_from + y)
					a = p->budget_by_year[j].amount;
			rpt_amount_cell(c[2 + y], sizeof(c[2 + y]), a, p->no_budget, r->thai);
			if (!a.set && p->no_budget)
				snprintf(c[2 + y], sizeof(c[2 + y]), "–");
			cells[k++] = c[2 + y];
		}
		if (!ny) {
			rpt_amount_cell(c[2], sizeof(c[2]), p->budget, p->no_budget, r->thai);
			cells[k++] = c[2];
		}
		cells[k++] = p->responsible ? p->responsible : "";
		rg_table_row(&t, cells, RG_ROW_NORMAL);
	}
	if (ny) {
		const char *cells[16];
		size_t k = 0;
		cells[k++] = "";
		cells[k++] = "รวม";
		cells[k++] = "";
		for (y = 0; y < ny; y++)
			cells[k++] = rg_fmt_amount(c[2 + y], sizeof(c[2 + y]), e->st.year_budget[y], r->thai);
		cells[k++] = "";
		rg_table_row(&t, cells, RG_ROW_BOLD | RG_ROW_SHADE | RG_ROW_KEEP_PREV);
	}
	rg_table_end_keep(&t, findings_keep(e));
}

static void table_integrity(report *r, const entry *e)
{
	static const rg_column cols[] = {
		{ "ลำดับ", 0.6, RG_ALIGN_CENTER, RG_COL_NOWRAP },
		{ "มาตรการ/กิจกรรม", 5.0, RG_ALIGN_LEFT, 0 },
		{ "งบประมาณ (บาท)", 1.3, RG_ALIGN_RIGHT, 0 },
		{ "สถานะ", 1.4, RG_ALIGN_LEFT, RG_COL_NOWRAP },
		{ "หน่วยงานรับผิดชอบ", 2.0, RG_ALIGN_LEFT, RG_COL_DROP_EMPTY },
	};
	const rg_model *m = e->m;
	rg_table t;
	char c[3][96];
	size_t i;

	rg_table_begin(&t, &r->l, cols, 5, TABLE_SIZE);
	rpt_table_title(r, &t, "1. มาตรการส่งเสริมคุณธรรมและความโปร่งใส");
	for (i = 0; i < m->n_projects; i++) {
		const rg_project *p = &m->projects[i];
		const char *cells[5];
		cells[0] = rg_fmt_digits(c[0], sizeof(c[0]), p->seq ? p->seq : "", r->thai);
		cells[1] = p->name ? p->name : "";
		rpt_amount_cell(c[1], sizeof(c[1]), p->budget, p->no_budget, r->thai);
		cells[2] = c[1];
		cells[3] = p->status ? rpt_status_label[p->status] : "–";
		cells[4] = p->responsible ? p->responsible : "";
		rg_table_row(&t, cells, RG_ROW_NORMAL);
	}
	rg_table_end_keep(&t, findings_keep(e));
}

static void table_findings(report *r, const entry *e, const char *title)
{
	static const rg_column cols[] = {
		{ "ที่", 0.5, RG_ALIGN_CENTER, RG_COL_NOWRAP },
		{ "ระดับ", 0.8, RG_ALIGN_LEFT, RG_COL_NOWRAP },
		{ "ประเภท", 2.3, RG_ALIGN_LEFT, 0 },
		{ "รายละเอียด", 7.4, RG_ALIGN_LEFT, 0 },
	};
	static const char *const sev[] = { "ข้อมูล", "เตือน", "ผิดพลาด" };
	const rg_model *m = e->m;
	rg_buf detail = RG_BUF_INIT;
	rg_table t;
	char c[32];
	size_t i;

	if (!m->n_findings) {
		char buf[512];
		rg_layout_need(&r->l, NO_FINDINGS_H);
		rg_layout_paragraph(&r->l, rg_fmt_digits(buf, sizeof(buf), title, r->thai), RG_FACE_BOLD, HEAD_SIZE - 2, 0);
		rg_layout_space(&r->l, 2);
		rg_layout_paragraph(&r->l, "ไม่พบข้อสังเกต", RG_FACE_REGULAR, TABLE_SIZE, 0);
		return;
	}
	rg_table_begin(&t, &r->l, cols, 4, TABLE_SIZE);
	rpt_table_title(r, &t, title);
	for (i = 0; i < m->n_findings; i++) {
		const rg_finding *f = &m->findings[i];
		const char *name = rg_wording_title(r->wording, f->code);
		const char *cells[4];
		rg_buf_clear(&detail);
		rg_wording_render(r->wording, f, r->thai, &detail);
		if (rg_buf_oom(&detail)) {
			r->l.error = rg_error_set(RG_ENOMEM, "out of memory");
			break;
		}
		cells[0] = rpt_num(c, sizeof(c), (long long)(i + 1), r->thai);
		cells[1] = sev[(unsigned)f->severity < 3 ? f->severity : 0];
		cells[2] = name ? name : "ข้อสังเกตอื่น";
		cells[3] = rg_buf_cstr(&detail);
		rg_table_row(&t, cells, RG_ROW_NORMAL);
	}
	rg_buf_free(&detail);
	rg_table_end(&t);
}

void rpt_section(report *r, const entry *e)
{
	rg_layout *l = &r->l;
	const rg_model *m = e->m;
	char buf[1024], label[512], date[96];

	rg_layout_new_page(l);
	rg_layout_paragraph(l, m->org_name ? m->org_name : "(ไม่ระบุชื่อองค์กร)", RG_FACE_BOLD, HEAD_SIZE + 3, 0);
	rpt_filing_label(label, sizeof(label), m, r->thai, 1);
	rg_layout_paragraph(l, label, RG_FACE_BOLD, 13, 0);
	/* one line: place, data date, source */
	buf[0] = '\0';
	if (m->district)
		snprintf(buf, sizeof(buf), "อำเภอ%s ", m->district);
	if (m->province)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "จังหวัด%s", m->province);
	if (m->as_of[0]) {
		rpt_thai_date(date, sizeof(date), m->as_of, r->thai);
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%sข้อมูล ณ วันที่ %s", buf[0] ? "   " : "", date);
	}
	if (m->file)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%sแหล่งข้อมูล: %s", buf[0] ? "   " : "", m->file);
	if (buf[0])
		rg_layout_paragraph(l, buf, RG_FACE_REGULAR, 11, 0);
	rg_layout_space(l, 4);

	switch (m->kind) {
	case RG_KIND_ACTION_PLAN:
		table_plan(r, e);
		table_findings(r, e, "3. ข้อสังเกตจากการตรวจสอบข้อมูล");
		break;
	case RG_KIND_INTEGRITY_REPORT:
		table_integrity(r, e);
		table_findings(r, e, "2. ข้อสังเกตจากการตรวจสอบข้อมูล");
		break;
	default:
		table_by_dimension(r, e);
		table_status(r, e);
		table_disbursement(r, e);
		rpt_charts(r, &e->st);
		table_projects(r, e, "4. รายการโครงการ/กิจกรรม/มาตรการ");
		table_findings(r, e, "5. ข้อสังเกตจากการตรวจสอบข้อมูล");
		break;
	}
}
