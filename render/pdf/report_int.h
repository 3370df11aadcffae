/*
** report_int.h - what the parts of the report share (report.c: the document,
** sections.c: one filing's tables and charts, report_text.c: wording and
** number helpers).  Private to render/pdf/.
*/
#ifndef RG_REPORT_INT_H
#define RG_REPORT_INT_H

#include <stddef.h>

#include <thai/thailib.h>

#include "layout.h"
#include "report.h"
#include "stats.h"
#include "wording.h"

#define TABLE_SIZE 11.0
#define HEAD_SIZE 15.0

/* One selected filing and its figures. */
typedef struct {
	const rg_model *m;
	rg_filing_stats st;
	thchar_t *prov_key, *org_key;   /* TIS-620 sort keys (th_strcoll: Thai dictionary order) */
} entry;

/* The report being written. */
typedef struct {
	rg_layout l;
	const rg_report_options *opt;
	int thai;                       /* Thai digits */
	rg_wording *wording;            /* the Thai wording of the findings */
	int sections;                   /* 0: the summary only (rg_report_write_summary_pdf) */
} report;

/* Status words of the tables, indexed by rg_status (RG_STATUS_NONE: ไม่ระบุสถานะ). */
extern const char *const rpt_status_label[RG_STATUS_COUNT];

char *rpt_num(char *out, size_t size, long long v, int thai);
/* "2566-03-20" (BE) -> "๒๐ มีนาคม ๒๕๖๖" */
void rpt_thai_date(char *out, size_t size, const char *iso_be, int thai);
/* The filing's kind and period: short for the summary, full for its section. */
void rpt_filing_label(char *out, size_t size, const rg_model *m, int thai, int full);
void rpt_heading(report *r, const char *text, double size);
/* A table's title (its digits as the report's), kept with its first rows, "(ต่อ)" on later pages. */
void rpt_table_title(report *r, rg_table *t, const char *text);
/* "มิติที่ ๑"; 0 -> "ไม่ระบุมิติ" */
const char *rpt_dim_label(char *out, size_t size, int d, int thai);
/* An amount, "ไม่ใช้งบประมาณ" or "–". */
void rpt_amount_cell(char *out, size_t size, rg_amount a, int no_budget, int thai);

/* Bars per dimension and the status shares, at the cursor (sections.c). */
void rpt_charts(report *r, const rg_filing_stats *st);
/* One filing's section, on a new page (sections.c). */
void rpt_section(report *r, const entry *e);

/* The follow-up of the organization of e[0..n) (its filings, sorted): its findings across
** filings and the status of its projects by round; nothing when there is nothing to follow
** (followup.c).  Returns 1 when drawn. */
int rpt_followup(report *r, const entry *e, size_t n);

/* The page of the organizations of province (a model's, or NULL) missing a report (followup.c). */
void rpt_missing_page(report *r, const char *province);

/* Whether text, normalized (org.h), is norm. */
int rpt_same_norm(const char *text, const char *norm);

/* Whether e[0..n) holds a filing of the province norm (normalized, org.h). */
int rpt_has_province(const entry *e, size_t n, const char *norm);

/* The table of missing reports by province, for the summary (followup.c). */
void rpt_missing_counts(report *r);

#endif
