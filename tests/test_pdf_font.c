/*
** test_pdf_font.c - the font check: Laksaman (regular and bold) passes; a
** font without Thai, a file that is no font, a missing file are refused
** with a clear message, and rg_report_write_pdf refuses them too.
*/
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "core/error.h"
#include "model/model_load.h"
#include "pdf/font_check.h"
#include "report.h"

#define NO_THAI "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

int main(void)
{
	rg_model_list l = RG_MODEL_LIST_INIT;
	rg_report_options opt;
	const char *out = "test_pdf_font.pdf";

	CHECK_INT(rg_font_check(RG_DEFAULT_FONT), 0);
	CHECK_INT(rg_font_check(RG_DEFAULT_FONT_BOLD), 0);

	CHECK_INT(rg_font_check("/nonexistent/font.ttf"), RG_EIO);
	CHECK(strstr(rg_error_message(), "/nonexistent/font.ttf") != NULL);

	/* not a font at all */
	CHECK_INT(rg_font_check(RG_FIXTURES "/models/invalid.json"), RG_EFORMAT);
	CHECK(strstr(rg_error_message(), "not a TrueType font") != NULL);

	/* a TrueType font without the Thai glyphs */
	if (access(NO_THAI, R_OK) == 0) {
		CHECK_INT(rg_font_check(NO_THAI), RG_EFORMAT);
		CHECK(strstr(rg_error_message(), "lacks") != NULL);
		CHECK(strstr(rg_error_message(), "U+0E01") != NULL);
		printf("refused: %s\n", rg_error_message());
	} else {
		printf("test_pdf_font: %s not installed, that case skipped\n", NO_THAI);
	}

	/* the report refuses a bad font before writing anything */
	CHECK_INT(rg_model_load_file(&l, RG_FIXTURES "/models/phrae-pao-2567-r12.json"), 0);
	rg_report_options_default(&opt);
	opt.rules_dir = RG_SOURCE_RULES_DIR;
	opt.font_bold = RG_FIXTURES "/models/invalid.json";
	unlink(out);
	CHECK_INT(rg_report_write_pdf((const rg_model *const *)l.items, l.n, &opt, out), RG_EFORMAT);
	CHECK(access(out, F_OK) != 0);
	/* and works with the defaults */
	rg_report_options_default(&opt);
	opt.rules_dir = RG_SOURCE_RULES_DIR;
	CHECK_INT(rg_report_write_pdf((const rg_model *const *)l.items, l.n, &opt, out), 0);
	CHECK(access(out, F_OK) == 0);
	/* an unwritable output is RG_EIO */
	CHECK_INT(rg_report_write_pdf((const rg_model *const *)l.items, l.n, &opt, "/nonexistent/dir/x.pdf"), RG_EIO);
	/* nothing to report (the caller's selection took no filing) */
	CHECK_INT(rg_report_write_pdf((const rg_model *const *)l.items, 0, &opt, out), RG_ENOTFOUND);
	unlink(out);
	rg_model_list_free(&l);
	return check_summary("test_pdf_font");
}
