/*
** report.h - the consolidated PDF report (issue 4), the public API.
**
** rg_report_write_pdf() is what `raingan report` and the nightly
** `raingan run` call: the same layout, the same bytes for the same input
** and SOURCE_DATE_EPOCH.  It reports the models it is given: the caller
** selects them (model/filter.h, in C for files and in SQL for a store).
**
** Content: a cover (period, number of filings and organizations, data
** date); a summary over all organizations grouped by province with province
** subtotals and a grand total (with the regressions and the projects planned
** but not reported, issue 11); then one section per filing: results by
** dimension, project status with the implementation level, disbursement by
** dimension with charts, the project list (the action-plan and integrity
** variants for those kinds), and the findings; after an organization's
** filings, its follow-up (its findings across filings and a chart of the
** status of its projects by round); after a province's, the page of its
** organizations missing a report (opt->missing).  The outline has one entry
** per province and, under it, one per organization.
**
** Implementation level (ระดับการนำแผนไปปฏิบัติ): percent = completed rows /
** base * 100, where base is the stated "minimum_projects" (โครงการขั้นต่ำที่
** ป.ป.ช. กำหนด) when the filing states it, else the number of project rows;
** capped at 100.  มาก >= 50, ปานกลาง >= 25, น้อย below 25 (RG_LEVEL_* below).
*/
#ifndef RG_REPORT_H
#define RG_REPORT_H

#include <stddef.h>

#include "model/filter.h"
#include "model/model.h"

#define RG_LEVEL_HIGH 50.0      /* มาก from this percentage */
#define RG_LEVEL_MEDIUM 25.0    /* ปานกลาง from this percentage; below: น้อย */

#define RG_DEFAULT_FONT "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"
#define RG_DEFAULT_FONT_BOLD "/usr/share/fonts/truetype/tlwg/Laksaman-Bold.ttf"

/* An organization with no current progress report of the round the report
** covers (the store's rg_store_each_missing: the register, or without one the
** organizations seen in filings). */
typedef struct {
	const char *code;           /* the register code; NULL without a register */
	const char *name;
	const char *district;       /* "" for an อบจ. */
	const char *province;       /* normalized (model/org.h) */
	int last_year, last_round;  /* its latest current progress report, 0 when none */
} rg_report_missing;

typedef struct {
	const char *font;           /* regular TrueType face (RG_DEFAULT_FONT) */
	const char *font_bold;      /* bold face for headers (RG_DEFAULT_FONT_BOLD) */
	int digits_thai;            /* 1: ๐-๙ (default), 0: 0-9 */
	const rg_filing_filter *selection;   /* what selected the models: the cover names its
	                               period, province and organization; NULL = all filings */
	const char *title;          /* cover title; NULL = the standard title */
	const char *rules_dir;      /* the rules directory (the parser's): the Thai wording of the
	                            ** findings (findings.th.tsv) and the words kept whole on a
	                            ** line (linebreak.th.tsv); required */
	/* the organizations missing a report of missing_year / missing_round (issue 11): a page
	** per province (the consolidated report), a table of counts (the summary); NULL: none */
	const rg_report_missing *missing;
	size_t n_missing;
	int missing_year, missing_round;
} rg_report_options;

void rg_report_options_default(rg_report_options *opt);

/* Write the consolidated report of models[0..n) to out_path.
** Returns 0, or RG_E* after rg_error_set (RG_ENOTFOUND when there is no model,
** RG_EFORMAT for a font that cannot draw Thai or a data file of rules_dir that does not
** read, RG_EIO when a data file is missing or the PDF cannot be written). */
int rg_report_write_pdf(const rg_model *const *models, size_t n, const rg_report_options *opt,
	const char *out_path);

/* What the national summary keeps of a filing: its organization, period and
** figures, without its projects (report --split-by province writes one PDF a
** province from the models, then the summary from these, so that no more
** than one province's models are held at a time). */
typedef struct rg_report_digest rg_report_digest;

/* 0, or RG_ENOMEM. */
int rg_report_digest_new(const rg_model *m, rg_report_digest **out);
void rg_report_digest_free(rg_report_digest *d);

/* The cover, the charts over all filings, the summary table by province and,
** with opt->missing, the counts of missing filings by province: the report
** without its per-filing sections.  Errors as rg_report_write_pdf. */
int rg_report_write_summary_pdf(rg_report_digest *const *d, size_t n, const rg_report_options *opt,
	const char *out_path);

/* The level word for an implementation percentage: "มาก", "ปานกลาง" or "น้อย". */
const char *rg_report_level(double percent);

#endif
