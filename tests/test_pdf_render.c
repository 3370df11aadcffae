/*
** test_pdf_render.c - a driver for the PDF tests (not a test by itself):
**
**   test_pdf_render [--fiscal-year Y] [--round R] [--province P] [--org O]
**                   [--digits arabic] [--font F --font-bold F] OUT.pdf MODEL.json...
**   test_pdf_render --hard-cases OUT.pdf
**   test_pdf_render --hard-cases-naive OUT.pdf    (unshaped: what the test must reject)
**
** It calls the public API (render/report.h) directly, so the PDF checks run
** even while the extractor behind `raingan report` on DOCX/ODT is unfinished.
** --hard-cases writes the one page of the rendering test (hard Thai cases).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "model/filter.h"
#include "model/model_load.h"
#include "pdf/canvas.h"
#include "report.h"

/* The hard cases of issue 4, large, as the reference PNG shows them. */
static int hard_cases(const char *out, int naive)
{
	static const char *const lines[] = {
		"ที่ปรึกษา กิ๊ก ผู้ใหญ่ ปู่ ป่ น้ำ",
		"ญุ ฐู ฎุ ปี่ ปิ่น ฝั่ง ฟ้า ยักษ์",
		"ดำเนินการ หน่วยงาน ค่านิยม ๑,๒๓๔,๕๖๗.๘๙",
	};
	rg_canvas *c;
	HPDF_Page page;
	size_t i;
	int rc;

	if ((rc = rg_canvas_new(&c, RG_DEFAULT_FONT, RG_DEFAULT_FONT_BOLD)))
		return rc;
	rg_canvas_set_info(c, "กรณียาก", "hard cases");
	page = rg_canvas_add_page(c, 1);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		if (naive)
			rg_canvas_text_unshaped(c, page, i == 2 ? RG_FACE_BOLD : RG_FACE_REGULAR, 40, 40,
				RG_A4_SHORT - 90 - 110 * (double)i, lines[i]);
		else
			rg_canvas_text(c, page, i == 2 ? RG_FACE_BOLD : RG_FACE_REGULAR, 40, 40,
				RG_A4_SHORT - 90 - 110 * (double)i, lines[i], strlen(lines[i]));
	rc = rg_canvas_save(c, out);
	rg_canvas_free(c);
	return rc;
}

int main(int argc, char **argv)
{
	rg_report_options opt;
	rg_filing_filter sel;
	rg_model_list list = RG_MODEL_LIST_INIT;
	const char *out = NULL;
	size_t k, n = 0;
	int i, rc = 0;

	rg_report_options_default(&opt);
	opt.rules_dir = RG_SOURCE_RULES_DIR;
	rg_filing_filter_init(&sel);
	opt.selection = &sel;
	if (argc == 3 && (!strcmp(argv[1], "--hard-cases") || !strcmp(argv[1], "--hard-cases-naive"))) {
		if ((rc = hard_cases(argv[2], !strcmp(argv[1], "--hard-cases-naive"))))
			fprintf(stderr, "test_pdf_render: %s\n", rg_error_message());
		return rc ? 1 : 0;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (i + 1 < argc && !strcmp(a, "--fiscal-year"))
			sel.fiscal_year = atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(a, "--round"))
			sel.round_months = atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(a, "--province"))
			sel.province = rg_filter_province(argv[++i]);
		else if (i + 1 < argc && !strcmp(a, "--org"))
			sel.org = argv[++i];
		else if (i + 1 < argc && !strcmp(a, "--font"))
			opt.font = argv[++i];
		else if (i + 1 < argc && !strcmp(a, "--font-bold"))
			opt.font_bold = argv[++i];
		else if (!strcmp(a, "--digits-arabic"))
			opt.digits_thai = 0;
		else if (!out)
			out = a;
		else if ((rc = rg_model_load_file(&list, a))) {
			fprintf(stderr, "test_pdf_render: %s\n", rg_error_message());
			break;
		}
	}
	if (!out) {
		fprintf(stderr, "usage: test_pdf_render [options] OUT.pdf MODEL.json...\n");
		return 2;
	}
	/* the selection, as `raingan report` makes it */
	for (k = 0; k < list.n; k++)
		if (rg_filing_filter_matches(&sel, list.items[k]))
			list.items[n++] = list.items[k];
		else
			rg_model_free(list.items[k]);
	list.n = n;
	if (!rc && (rc = rg_report_write_pdf((const rg_model *const *)list.items, list.n, &opt, out)))
		fprintf(stderr, "test_pdf_render: %s\n", rg_error_message());
	rg_model_list_free(&list);
	return rc ? 1 : 0;
}
