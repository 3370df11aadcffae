/*
** report.h - the consolidated PDF report (issue 4), the public API.
**
** rg_report_write_pdf() is what `raingan report` and the nightly
** `raingan run` call: the same filters, the same layout, the same bytes
** for the same input and SOURCE_DATE_EPOCH.
**
** Content: a cover (period, number of filings and organizations, data
** date); a summary over all organizations grouped by province with province
** subtotals and a grand total; then one section per filing: results by
** dimension, project status with the implementation level, disbursement by
** dimension with charts, the project list (the action-plan and integrity
** variants for those kinds), and the findings.  The outline has one entry
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

#include "model/model.h"

#define RG_LEVEL_HIGH 50.0      /* มาก from this percentage */
#define RG_LEVEL_MEDIUM 25.0    /* ปานกลาง from this percentage; below: น้อย */

#define RG_DEFAULT_FONT "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"
#define RG_DEFAULT_FONT_BOLD "/usr/share/fonts/truetype/tlwg/Laksaman-Bold.ttf"

typedef struct {
	const char *font;           /* regular TrueType face (RG_DEFAULT_FONT) */
	const char *font_bold;      /* bold face for headers (RG_DEFAULT_FONT_BOLD) */
	int digits_thai;            /* 1: ๐-๙ (default), 0: 0-9 */
	int fiscal_year;            /* BE; 0 = all.  An action plan matches when the year is in its period */
	int round_months;           /* 6 or 12; 0 = all */
	const char *province;       /* exact province name; NULL = all */
	const char *org;            /* organization: exact name or a part of it; NULL = all */
	const char *title;          /* cover title; NULL = the standard title */
	const char *rules_dir;      /* the rules directory (the parser's): the Thai wording of the
	                            ** findings (findings.th.tsv) and the words kept whole on a
	                            ** line (linebreak.th.tsv); default: the source tree's rules/ */
} rg_report_options;

void rg_report_options_default(rg_report_options *opt);

/* Whether a filing passes the options' filters (the report applies exactly this);
** a document of kind "other" that names no organization never does. */
int rg_report_selects(const rg_report_options *opt, const rg_model *m);

/* Write the consolidated report of models[0..n) (those the filters select) to out_path.
** Returns 0, or RG_E* after rg_error_set (RG_ENOTFOUND when the filters select nothing,
** RG_EFORMAT for a font that cannot draw Thai or a data file of rules_dir that does not
** read, RG_EIO when a data file is missing or the PDF cannot be written). */
int rg_report_write_pdf(const rg_model *const *models, size_t n, const rg_report_options *opt,
	const char *out_path);

/* The level word for an implementation percentage: "มาก", "ปานกลาง" or "น้อย". */
const char *rg_report_level(double percent);

#endif
