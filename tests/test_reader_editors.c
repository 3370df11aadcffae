/*
** test_reader_editors.c - unit tests of issue 12: what real editors write,
** and formats people still send (parsers/read/).
**
** Hidden and alternative content left out the way the editor hides it
** (w:ruby readings, w:vanish through styles, ODF hidden sections,
** paragraphs and text, conditions); w:altChunk parts read in place or
** reported; check boxes as the document shows them (w14:checkbox content,
** numbering markers, ODF form controls); nested tables in cells once, in
** order; zip names with '\'; grids that disagree with their rows; flat ODF,
** the macro-enabled and template packages; legacy formats detected from
** their bytes and converted by a LibreOffice stand-in (a shell script that
** copies a DOCX, hangs or fails on cue) through the batch API.
**
** Every package is built here from hand-written XML; the expected values
** come from the issue and the formats' specifications, never from a run.
** `test_reader_editors NAME...` runs the cases whose names contain NAME.
*/
#include "reader_util.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>

#include "core/buf.h"
#include "read/convert.h"
#include "render.h"

static const char *ODT_TBL = "<table:table table:name='T1'>";

/* The text dump and the JSON dump of a document (malloc'd). */
static char *text_dump(const rg_doc *d)
{
	rg_buf out = RG_BUF_INIT;
	if (d)
		rg_render_doc_text(&out, d);
	return out.ptr ? out.ptr : strdup("");
}

static char *json_dump(const rg_doc *d)
{
	rg_buf out = RG_BUF_INIT;
	if (d)
		rg_render_doc_json(&out, d, -1);
	return out.ptr ? out.ptr : strdup("");
}

static int has_warning(const rg_doc *d, const char *code, const char *needle)
{
	size_t i;

	for (i = 0; d && i < d->nwarnings; i++)
		if (!strcmp(d->warnings[i].code, code) && (!needle || strstr(d->warnings[i].message, needle)))
			return 1;
	return 0;
}

/* ================================================================== */
/* Text that is not the text                                           */

/* w:ruby: the reading (w:rt) is not text; the base (w:rubyBase) is. */
static void docx_ruby_reading_left_out(void)
{
	rg_doc *d = read_docx_body(P(S(R("ก่อน "), "<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val='center'/><w:hps w:val='10'/>"
		"</w:rubyPr><w:rt><w:r><w:t>かんじ</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>漢字</w:t></w:r></w:rubyBase>"
		"</w:ruby></w:r>", R(" หลัง"))));

	CHECK_STR(ptext(BODY(d), 0), "ก่อน 漢字 หลัง");
	CHECK_INT(count_in_doc(d, "かんじ"), 0);
	rg_doc_free(d);
}

static zbytes docx_with_styles(const char *body, const char *styles_inner)
{
	zpart extra[] = {
		{ "word/styles.xml", docx_part_xml("styles", styles_inner), 0, 0 },
		{ NULL, NULL, 0, 0 }
	};
	return make_docx_ex(body, rel("rIdS", RT_STYLES, "styles.xml"), extra);
}

/* w:vanish in a character style, a paragraph style (through basedOn) and the
** document defaults hides text as Word hides it; direct w:vanish w:val=0
** shows it again; the two styles toggle each other off. */
static void docx_vanish_through_styles(void)
{
	const char *styles =
		"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val='28'/></w:rPr></w:rPrDefault></w:docDefaults>"
		"<w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/></w:style>"
		"<w:style w:type='character' w:styleId='Secret'><w:name w:val='Secret'/><w:rPr><w:vanish/></w:rPr></w:style>"
		"<w:style w:type='paragraph' w:styleId='HiddenBase'><w:rPr><w:vanish/></w:rPr></w:style>"
		"<w:style w:type='paragraph' w:styleId='HiddenPara'><w:basedOn w:val='HiddenBase'/></w:style>";
	char *body = S(
		P(S(R("เห็น"), "<w:r><w:rPr><w:rStyle w:val='Secret'/></w:rPr><w:t>ปกปิด</w:t></w:r>", R("ได้"))),
		"<w:p><w:pPr><w:pStyle w:val='HiddenPara'/></w:pPr>", R("ย่อหน้าซ่อน"), "</w:p>",
		"<w:p><w:pPr><w:pStyle w:val='HiddenPara'/></w:pPr><w:r><w:rPr><w:vanish w:val='0'/></w:rPr>"
		"<w:t>เปิดเอง</w:t></w:r></w:p>",
		"<w:p><w:pPr><w:pStyle w:val='HiddenPara'/></w:pPr><w:r><w:rPr><w:rStyle w:val='Secret'/></w:rPr>"
		"<w:t>สลับกลับ</w:t></w:r></w:p>");
	rg_doc *d = read_pkg(docx_with_styles(body, styles));

	CHECK_STR(ptext(BODY(d), 0), "เห็นได้");
	CHECK_INT(count_in_doc(d, "ปกปิด"), 0);
	CHECK_INT(count_in_doc(d, "ย่อหน้าซ่อน"), 0);
	CHECK_STR(ptext(BODY(d), 1), "เปิดเอง");
	CHECK_STR(ptext(BODY(d), 2), "สลับกลับ");   /* vanish is a toggle: paragraph style XOR run style */
	CHECK_INT(nblocks(BODY(d)), 3);
	rg_doc_free(d);

	/* document defaults hide everything not said otherwise */
	d = read_pkg(docx_with_styles(S(PT("ซ่อนหมด"), P("<w:r><w:rPr><w:vanish w:val='false'/></w:rPr><w:t>แสดง</w:t></w:r>")),
		"<w:docDefaults><w:rPrDefault><w:rPr><w:vanish/></w:rPr></w:rPrDefault></w:docDefaults>"));
	CHECK_INT(count_in_doc(d, "ซ่อนหมด"), 0);
	CHECK_STR(ptext(BODY(d), 0), "แสดง");
	rg_doc_free(d);
}

/* A character style in a symbol font: its codes are that font's glyphs. */
static void docx_symbol_font_through_style(void)
{
	const char *styles = "<w:style w:type='character' w:styleId='Box'><w:rPr>"
		"<w:rFonts w:ascii='Wingdings' w:hAnsi='Wingdings'/></w:rPr></w:style>";
	rg_doc *d = read_pkg(docx_with_styles(P(S("<w:r><w:rPr><w:rStyle w:val='Box'/></w:rPr><w:t>\xEF\x83\xBE</w:t></w:r>",
		R(" ผ่าน"))), styles));

	CHECK_STR(ptext(BODY(d), 0), "☑ ผ่าน");
	rg_doc_free(d);
}

/* ODF: a section with text:display="none", or "condition" with a true condition, is not read;
** a false condition shows it; one that cannot be evaluated shows it with a warning. */
static void odt_hidden_sections(void)
{
	const char *table = "<table:table table:name='T0'><table:table-column/><table:table-row><table:table-cell>"
		"<text:p>99,000</text:p></table:table-cell></table:table-row></table:table>";
	rg_doc *d = read_odt_body(S(
		"<text:p>ก่อน</text:p>",
		"<text:section text:name='S1' text:display='none'><text:p>ซ่อนหนึ่ง</text:p>", table, "</text:section>",
		"<text:section text:name='S2' text:display='condition' text:condition='ooow:1'><text:p>ซ่อนสอง</text:p>",
		table, "</text:section>",
		"<text:section text:name='S3' text:display='condition' text:condition='ooow:0'><text:p>เห็นสาม</text:p></text:section>",
		"<text:section text:name='S4' text:display='true'><text:p>เห็นสี่</text:p></text:section>",
		"<text:p>หลัง</text:p>"));

	CHECK_INT(count_in_doc(d, "ซ่อน"), 0);
	CHECK_INT(count_in_doc(d, "99,000"), 0);
	CHECK_INT(nblocks(BODY(d)), 4);
	CHECK_STR(ptext(BODY(d), 0), "ก่อน");
	CHECK_STR(ptext(BODY(d), 1), "เห็นสาม");
	CHECK_STR(ptext(BODY(d), 2), "เห็นสี่");
	CHECK_STR(ptext(BODY(d), 3), "หลัง");
	CHECK(d && d->nwarnings == 0);
	rg_doc_free(d);

	d = read_odt_body("<text:section text:name='S5' text:display='condition' text:condition='ooow:Customer == \"A\"'>"
		"<text:p>ไม่รู้</text:p></text:section>");
	CHECK_STR(ptext(BODY(d), 0), "ไม่รู้");
	CHECK(has_warning(d, "condition_not_evaluated", "Customer"));
	rg_doc_free(d);
}

/* Conditions over user fields (text:user-field-decl) are evaluated. */
static void odt_condition_user_fields(void)
{
	rg_doc *d = read_odt_body(S(
		"<text:user-field-decls><text:user-field-decl office:value-type='float' office:value='2' text:name='Round'/>"
		"<text:user-field-decl office:value-type='string' office:string-value='draft' text:name='State'/>"
		"</text:user-field-decls>",
		"<text:section text:name='A' text:display='condition' text:condition='ooow:Round == 2 AND State EQ \"draft\"'>"
		"<text:p>ร่าง</text:p></text:section>",
		"<text:section text:name='B' text:display='condition' text:condition='ooow:Round &lt; 2 || NOT (State != \"draft\")'>"
		"<text:p>ซ่อนด้วย</text:p></text:section>",
		"<text:section text:name='C' text:display='condition' text:condition='ooow:(Round + 1) * 2 GT 10'>"
		"<text:p>เห็น</text:p></text:section>"));

	CHECK_INT(count_in_doc(d, "ร่าง"), 0);
	CHECK_INT(count_in_doc(d, "ซ่อนด้วย"), 0);
	CHECK_STR(ptext(BODY(d), 0), "เห็น");
	CHECK(d && d->nwarnings == 0);
	rg_doc_free(d);
}

/* text:hidden-paragraph hides the whole paragraph it stands in (is-hidden, else the condition);
** text:hidden-text hides its text; conditional text shows the value it holds. */
static void odt_hidden_paragraph_text_conditional(void)
{
	rg_doc *d = read_odt_body(S(
		"<text:p>ก่อน<text:hidden-paragraph text:condition='ooow:1' text:is-hidden='true'/> ย่อหน้าซ่อน</text:p>",
		"<text:p><text:hidden-paragraph text:condition='ooow:TRUE'/>ซ่อนตามเงื่อนไข</text:p>",
		"<text:p><text:hidden-paragraph text:condition='ooow:1' text:is-hidden='false'/>เห็นแม้เงื่อนไข</text:p>",
		"<text:p>ก<text:hidden-text text:condition='ooow:1' text:string-value='ลับ' text:is-hidden='true'>ลับ</text:hidden-text>ข</text:p>",
		"<text:p>ค<text:hidden-text text:condition='ooow:0' text:string-value='เปิด'>เปิด</text:hidden-text>ง</text:p>",
		"<text:p>สถานะ <text:conditional-text text:condition='ooow:1' text:string-value-if-true='เสร็จ'"
		" text:string-value-if-false='ยัง' text:current-value='true'>เสร็จ</text:conditional-text></text:p>"));

	CHECK_INT(count_in_doc(d, "ย่อหน้าซ่อน"), 0);
	CHECK_INT(count_in_doc(d, "ก่อน"), 0);
	CHECK_INT(count_in_doc(d, "ซ่อนตามเงื่อนไข"), 0);
	CHECK_STR(ptext(BODY(d), 0), "เห็นแม้เงื่อนไข");
	CHECK_STR(ptext(BODY(d), 1), "กข");
	CHECK_STR(ptext(BODY(d), 2), "คเปิดง");
	CHECK_STR(ptext(BODY(d), 3), "สถานะ เสร็จ");
	CHECK_INT(count_in_doc(d, "ยัง"), 0);
	CHECK_INT(nblocks(BODY(d)), 4);
	rg_doc_free(d);
}

/* ================================================================== */
/* The box the document shows                                          */

static char *box_sdt(const char *checked_attr, const char *content)
{
	return S("<w:sdt><w:sdtPr><w14:checkbox>", checked_attr,
		"<w14:checkedState w14:val='2612' w14:font='MS Gothic'/><w14:uncheckedState w14:val='2610' w14:font='MS Gothic'/>",
		"</w14:checkbox></w:sdtPr><w:sdtContent>", content, "</w:sdtContent></w:sdt>");
}

/* The run text inside w:sdtContent decides; w14:checked only when the content shows no box. */
static void docx_checkbox_content_wins(void)
{
	rg_doc *d = read_docx_body(S(
		P(S(box_sdt("<w14:checked w14:val='1'/>", R("☒")), R(" ก"))),
		P(S(box_sdt("<w14:checked w14:val='0'/>", R("☐")), R(" ข"))),
		P(S(box_sdt("<w14:checked w:val=''/>", R("☐")), R(" ค"))),      /* LibreOffice 7 */
		P(S(box_sdt("<w14:checked w14:val='0'/>", R("☒")), R(" ง"))),   /* the flag contradicts the box */
		P(S(box_sdt("<w14:checked w14:val='1'/>", ""), R(" จ"))),        /* no box shown: the flag */
		P(S(box_sdt("<w14:checked w:val=''/>", ""), R(" ฉ"))),           /* neither: empty */
		P(S(box_sdt("<w14:checked w14:val='0'/>", "<w:r><w:sym w:font='Wingdings' w:char='F0FE'/></w:r>"), R(" ช")))));

	CHECK_STR(ptext(BODY(d), 0), "☑ ก");
	CHECK_STR(ptext(BODY(d), 1), "☐ ข");
	CHECK_STR(ptext(BODY(d), 2), "☐ ค");
	CHECK_STR(ptext(BODY(d), 3), "☑ ง");
	CHECK_STR(ptext(BODY(d), 4), "☑ จ");
	CHECK_STR(ptext(BODY(d), 5), "☐ ฉ");
	CHECK_STR(ptext(BODY(d), 6), "☑ ช");
	CHECK_INT(count_in_doc(d, "☒"), 0);
	rg_doc_free(d);
}

/* Custom box glyphs (w14:checkedState in Wingdings) are recognized as what they mean. */
static void docx_checkbox_custom_states(void)
{
	const char *pr = "<w:sdtPr><w14:checkbox><w14:checked w14:val='0'/>"
		"<w14:checkedState w14:val='00FC' w14:font='Wingdings'/><w14:uncheckedState w14:val='00A8' w14:font='Wingdings'/>"
		"</w14:checkbox></w:sdtPr>";
	const char *wd = "<w:rPr><w:rFonts w:ascii='Wingdings' w:hAnsi='Wingdings'/></w:rPr>";
	rg_doc *d = read_docx_body(S(
		P(S("<w:sdt>", pr, "<w:sdtContent><w:r>", wd, "<w:t>\xEF\x83\xBC</w:t></w:r></w:sdtContent></w:sdt>", R(" ติ๊ก"))),
		P(S("<w:sdt>", pr, "<w:sdtContent><w:r>", wd, "<w:t>\xEF\x82\xA8</w:t></w:r></w:sdtContent></w:sdt>", R(" ว่าง")))));

	CHECK_STR(ptext(BODY(d), 0), "☑ ติ๊ก");
	CHECK_STR(ptext(BODY(d), 1), "☐ ว่าง");
	rg_doc_free(d);
}

static zbytes docx_with_numbering(const char *body, const char *numbering_inner, const char *styles_inner)
{
	zpart extra[] = {
		{ "word/numbering.xml", docx_part_xml("numbering", numbering_inner), 0, 0 },
		{ "word/styles.xml", docx_part_xml("styles", styles_inner ? styles_inner : ""), 0, 0 },
		{ NULL, NULL, 0, 0 }
	};
	return make_docx_ex(body, S(rel("rIdN", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering",
		"numbering.xml"), rel("rIdS", RT_STYLES, "styles.xml")), extra);
}

static char *lvl(const char *ilvl, const char *fmt, const char *text, const char *font)
{
	return S("<w:lvl w:ilvl='", ilvl, "'><w:start w:val='1'/><w:numFmt w:val='", fmt, "'/><w:lvlText w:val='", text,
		"'/><w:lvlJc w:val='left'/><w:pPr><w:ind w:left='720' w:hanging='360'/></w:pPr>",
		font ? S("<w:rPr><w:rFonts w:ascii='", font, "' w:hAnsi='", font, "' w:hint='default'/></w:rPr>") : "",
		"</w:lvl>");
}

static char *numbered(const char *num_id, const char *ilvl, const char *text)
{
	return S("<w:p><w:pPr><w:pStyle w:val='ListParagraph'/><w:numPr><w:ilvl w:val='", ilvl, "'/><w:numId w:val='",
		num_id, "'/></w:numPr></w:pPr>", text[0] ? R(text) : "", "</w:p>");
}

/* A list level whose marker is a Wingdings box (lvlText U+F06F / U+F0FE: the private-use
** form Word and LibreOffice write) or a box character puts that box in front of its
** paragraph; bullets, numbers and a plain letter in Wingdings do not. */
static void docx_numbering_box_markers(void)
{
	char *numbering = S(
		"<w:abstractNum w:abstractNumId='0'>", lvl("0", "bullet", "\xEF\x81\xAF", "Wingdings"),
		lvl("1", "bullet", "\xEF\x83\xBE", "Wingdings"), lvl("2", "bullet", "o", "Wingdings"),
		lvl("3", "bullet", "\xEF\x83\xBC", "Wingdings"), lvl("4", "bullet", "\xEF\x81\xB1", "Wingdings"), "</w:abstractNum>",
		"<w:abstractNum w:abstractNumId='1'>", lvl("0", "bullet", "\xEF\x82\xB7", "Symbol"),
		lvl("1", "decimal", "%2.", NULL), lvl("2", "bullet", "\xE2\x98\x90", "Segoe UI Symbol"), "</w:abstractNum>",
		"<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>",
		"<w:num w:numId='2'><w:abstractNumId w:val='1'/></w:num>",
		"<w:num w:numId='3'><w:abstractNumId w:val='1'/><w:lvlOverride w:ilvl='0'>",
		lvl("0", "bullet", "\xEF\x83\xBE", "Wingdings"), "</w:lvlOverride></w:num>");
	rg_doc *d = read_pkg(docx_with_numbering(S(
		numbered("1", "0", "รอรายงาน"), numbered("1", "1", "เสร็จ"), numbered("1", "2", "ตัวโอ"),
		numbered("2", "0", "จุด"), numbered("2", "1", "เลข"), numbered("2", "2", "กล่องยูนิโค้ด"),
		numbered("3", "0", "แทนที่"), numbered("1", "0", ""), numbered("0", "0", "ไม่มีรายการ"),
		numbered("1", "3", "ติ๊กประดับ"), numbered("1", "4", "กล่องเงา")), numbering, NULL));

	CHECK_STR(ptext(BODY(d), 0), "☐ รอรายงาน");
	CHECK_STR(ptext(BODY(d), 1), "☑ เสร็จ");
	CHECK_STR(ptext(BODY(d), 2), "ตัวโอ");          /* 'o' (not U+F06F) in Wingdings: not taken */
	CHECK_STR(ptext(BODY(d), 3), "จุด");
	CHECK_STR(ptext(BODY(d), 4), "เลข");
	CHECK_STR(ptext(BODY(d), 5), "☐ กล่องยูนิโค้ด");
	CHECK_STR(ptext(BODY(d), 6), "☑ แทนที่");
	CHECK_STR(ptext(BODY(d), 7), "☐");             /* an empty list paragraph shows its box */
	CHECK_STR(ptext(BODY(d), 8), "ไม่มีรายการ");   /* numId 0: no numbering */
	CHECK_STR(ptext(BODY(d), 9), "ติ๊กประดับ");    /* Wingdings ✓ and ❑: bullets of Word's library */
	CHECK_STR(ptext(BODY(d), 10), "กล่องเงา");
	rg_doc_free(d);
}

/* The numbering of a paragraph style applies to its paragraphs; a hidden paragraph mark hides the marker. */
static void docx_numbering_through_style(void)
{
	char *numbering = S("<w:abstractNum w:abstractNumId='5'>", lvl("0", "bullet", "\xEF\x81\xAF", "Wingdings"),
		"</w:abstractNum><w:num w:numId='7'><w:abstractNumId w:val='5'/></w:num>");
	const char *styles = "<w:style w:type='character' w:styleId='SymbolChar'><w:name w:val='Symbol Char'/></w:style>"
		"<w:style w:type='paragraph' w:styleId='Tick'><w:pPr><w:numPr><w:numId w:val='7'/></w:numPr></w:pPr></w:style>";
	/* the same styles.xml first with a numbering that draws no box: what is remembered of
	** it then must not hide its numbering from the next document */
	char *plain_numbering = S("<w:abstractNum w:abstractNumId='5'>", lvl("0", "decimal", "%1.", NULL),
		"</w:abstractNum><w:num w:numId='7'><w:abstractNumId w:val='5'/></w:num>");
	rg_doc *d = read_pkg(docx_with_numbering(S("<w:p><w:pPr><w:pStyle w:val='Tick'/></w:pPr>", R("เลข"), "</w:p>"),
		plain_numbering, styles));

	CHECK_STR(ptext(BODY(d), 0), "เลข");
	rg_doc_free(d);
	d = read_pkg(docx_with_numbering(S(
		"<w:p><w:pPr><w:pStyle w:val='Tick'/></w:pPr>", R("ตามสไตล์"), "</w:p>",
		"<w:p><w:pPr><w:pStyle w:val='Tick'/><w:rPr><w:vanish/></w:rPr></w:pPr>", R("เครื่องหมายซ่อน"), "</w:p>"),
		numbering, styles));

	CHECK_STR(ptext(BODY(d), 0), "☐ ตามสไตล์");
	CHECK_STR(ptext(BODY(d), 1), "เครื่องหมายซ่อน");
	rg_doc_free(d);
}

/* ODF lists whose bullets are boxes (what LibreOffice makes of such a DOCX list): the first
** paragraph of each item shows its box; bullets (•, a Wingdings ✓) stay out. */
static void odt_list_box_bullets(void)
{
	const char *fonts = "<style:font-face style:name='Wingdings1' svg:font-family='Wingdings' style:font-charset='x-symbol'/>";
	const char *lists =
		"<text:list-style style:name='L1'>"
		"<text:list-level-style-bullet text:level='1' text:bullet-char='\xEF\x81\xAF'>"
		"<style:text-properties style:font-name='Wingdings1'/></text:list-level-style-bullet>"
		"<text:list-level-style-bullet text:level='2' text:bullet-char='\xE2\x98\x92'/>"
		"</text:list-style>"
		"<text:list-style style:name='L3'><text:list-level-style-bullet text:level='1' text:bullet-char='\xEF\x83\xBC'>"
		"<style:text-properties style:font-name='Wingdings1'/></text:list-level-style-bullet></text:list-style>"
		"<text:list-style style:name='L2'><text:list-level-style-bullet text:level='1' text:bullet-char='\xE2\x80\xA2'/>"
		"</text:list-style>";
	rg_doc *d = read_pkg(make_odt_pkg(odt_content_xml(fonts, lists,
		"<text:list text:style-name='L1'>"
		"<text:list-item><text:p>รอ</text:p><text:p>ต่อในข้อเดิม</text:p></text:list-item>"
		"<text:list-item><text:list><text:list-item><text:p>ชั้นสอง</text:p></text:list-item></text:list></text:list-item>"
		"<text:list-header><text:p>หัวรายการ</text:p></text:list-header>"
		"<text:list-item><text:p/></text:list-item>"
		"</text:list>"
		"<text:list text:style-name='L2'><text:list-item><text:p>จุดธรรมดา</text:p></text:list-item></text:list>"
		"<text:list text:style-name='L3'><text:list-item><text:p>ติ๊กประดับ</text:p></text:list-item></text:list>"
		"<text:p>นอกรายการ</text:p>"), NULL));

	CHECK_STR(ptext(BODY(d), 0), "☐ รอ");
	CHECK_STR(ptext(BODY(d), 1), "ต่อในข้อเดิม");
	CHECK_STR(ptext(BODY(d), 2), "☒ ชั้นสอง");
	CHECK_STR(ptext(BODY(d), 3), "หัวรายการ");
	CHECK_STR(ptext(BODY(d), 4), "☐");
	CHECK_STR(ptext(BODY(d), 5), "จุดธรรมดา");
	CHECK_STR(ptext(BODY(d), 6), "ติ๊กประดับ");   /* a Wingdings ✓ bullet is decoration */
	CHECK_STR(ptext(BODY(d), 7), "นอกรายการ");
	rg_doc_free(d);
}

/* LibreOffice form controls: draw:control bound to a form:checkbox (current-state) in office:forms;
** a radio button by current-selected; a text field shows its value. */
static void odt_form_controls(void)
{
	rg_doc *d = read_odt_body(S(
		"<office:forms form:automatic-focus='false' form:apply-design-mode='false' "
		"xmlns:form='urn:oasis:names:tc:opendocument:xmlns:form:1.0'><form:form form:name='Standard'>"
		"<form:checkbox form:name='a' xml:id='c1' form:id='c1' form:current-state='checked' form:state='unchecked'/>"
		"<form:checkbox form:name='b' form:id='c2' form:state='checked'/>"
		"<form:checkbox form:name='c' form:id='c3' form:current-state='unchecked' form:state='checked'/>"
		"<form:checkbox form:name='d' form:id='c4' form:current-state='unknown'/>"
		"<form:radio form:name='r' form:id='r1' form:current-selected='true'/>"
		"<form:text form:name='t' form:id='t1' form:current-value='๑๒,๐๐๐'/>"
		"</form:form></office:forms>",
		"<text:p><draw:control text:anchor-type='as-char' draw:control='c1'/> ก</text:p>",
		"<text:p><draw:control text:anchor-type='as-char' draw:control='c2'/> ข</text:p>",
		"<text:p><draw:control text:anchor-type='as-char' draw:control='c3'/> ค</text:p>",
		"<text:p><draw:control text:anchor-type='as-char' draw:control='c4'/> ง</text:p>",
		"<text:p><draw:control text:anchor-type='as-char' draw:control='r1'/> จ</text:p>",
		"<text:p>งบ <draw:control text:anchor-type='as-char' draw:control='t1'/> บาท</text:p>",
		"<text:p><draw:control text:anchor-type='as-char' draw:control='nothing'/>ฉ</text:p>"));

	CHECK_STR(ptext(BODY(d), 0), "☑ ก");
	CHECK_STR(ptext(BODY(d), 1), "☑ ข");
	CHECK_STR(ptext(BODY(d), 2), "☐ ค");
	CHECK_STR(ptext(BODY(d), 3), "☐ ง");
	CHECK_STR(ptext(BODY(d), 4), "☑ จ");
	CHECK_STR(ptext(BODY(d), 5), "งบ ๑๒,๐๐๐ บาท");
	CHECK_STR(ptext(BODY(d), 6), "ฉ");
	rg_doc_free(d);
}

/* ================================================================== */
/* A cell holding a nested table                                       */

/* paragraph, table, paragraph in a cell: the text dump and the JSON "text" give each piece once, in order. */
static void nested_cell_text_once(void)
{
	char *inner = TBL(2, TR(NULL, S(TCT(NULL, "Kiwi"), TCT(NULL, "Lemon"))));
	rg_doc *d = read_docx_body(S(PT("Before"), TBL(2, TR(NULL, S(TC(NULL, S(PT("Orchard heading"), inner,
		PT("Orchard footnote line"))), TCT(NULL, "Plum")))), PT("After")));
	char *txt = text_dump(d), *json = json_dump(d);
	rg_buf full = RG_BUF_INIT;
	rg_table *t = btable(BODY(d), 1);

	CHECK_INT(count_substr(txt, "Orchard heading"), 1);
	CHECK_INT(count_substr(txt, "Orchard footnote line"), 1);
	CHECK_INT(count_substr(txt, "Kiwi"), 1);
	CHECK(strstr(txt, "Orchard heading") < strstr(txt, "Kiwi") && strstr(txt, "Kiwi") < strstr(txt, "Orchard footnote"));
	if (t && cell_at(t, 0, 0)) {
		rg_cell_full_text(cell_at(t, 0, 0), &full);
		CHECK_STR(rg_buf_cstr(&full), "Orchard heading\nKiwi\tLemon\nOrchard footnote line");
	}
	CHECK(strstr(json, "\"text\":\"Orchard heading\\nKiwi\\tLemon\\nOrchard footnote line\"") != NULL);
	CHECK(strstr(json, "\"body\":") != NULL);
	rg_buf_free(&full);
	rg_doc_free(d);
}

/* ================================================================== */
/* Grids that disagree with their rows                                 */

/* A declared grid narrower than the rows never cuts a span; a wider one adds no empty column. */
static void grid_disagrees_with_rows(void)
{
	rg_doc *d = read_docx_body(S(
		TBL(3, S(TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"), TCT(NULL, "ค"), TCT(NULL, "ง"))),
			TR(NULL, S(TCT(NULL, "จ"), TCT("<w:gridSpan w:val='3'/>", "ฉ"))))),
		PT("--"),
		TBL(7, S(TR(NULL, S(TCT(NULL, "1"), TCT(NULL, "2"), TCT(NULL, "3"))),
			TR(NULL, S(TCT("<w:gridSpan w:val='2'/>", "12"), TCT(NULL, "3"))))),
		PT("--"),
		TBL(2, TR(NULL, S(TCT("<w:gridSpan w:val='3'/>", "กว้าง"), TCT(NULL, "ต่อ")))),
		PT("--"),
		TBL(3, S(TR("<w:gridAfter w:val='1'/>", S(TCT(NULL, "ห1"), TCT(NULL, "ห2"))),
			TR(NULL, S(TCT(NULL, "x"), TCT(NULL, "y"), TCT(NULL, "z")))))));
	rg_table *t = btable(BODY(d), 0), *w = btable(BODY(d), 2), *s = btable(BODY(d), 4), *a = btable(BODY(d), 6);

	CHECK_DIMS(t, 2, 4);
	CHECK_CELL(t, 1, 0, "จ", 1, 1);
	CHECK_CELL(t, 1, 1, "ฉ", 3, 1);
	CHECK_COVERED(t, 1, 3, 1, 1);
	CHECK_DIMS(w, 2, 3);
	CHECK_CELL(w, 1, 0, "12", 2, 1);
	CHECK_DIMS(s, 1, 4);
	CHECK_CELL(s, 0, 0, "กว้าง", 3, 1);
	CHECK_CELL(s, 0, 3, "ต่อ", 1, 1);
	CHECK_DIMS(a, 2, 3);
	CHECK_CELL(a, 0, 2, "", 1, 1);
	rg_doc_free(d);

	/* ODF: declared columns wider than every row add nothing; a span without covered cells
	** reaches at most the declared columns */
	d = read_odt_body(S(ODT_TBL, "<table:table-column table:number-columns-repeated='7'/>",
		"<table:table-row><table:table-cell><text:p>ก</text:p></table:table-cell>",
		"<table:table-cell><text:p>ข</text:p></table:table-cell></table:table-row>",
		"<table:table-row><table:table-cell table:number-columns-spanned='3'><text:p>ค</text:p></table:table-cell>",
		"</table:table-row></table:table>"));
	t = btable(BODY(d), 0);
	CHECK_DIMS(t, 2, 3);
	CHECK_CELL(t, 1, 0, "ค", 3, 1);
	rg_doc_free(d);
}

/* ================================================================== */
/* Content that lives elsewhere: w:altChunk                            */

#define RT_AFCHUNK "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"

static rg_doc *read_altchunk(const char *body, const char *target, const char *data, size_t len)
{
	zpart extra[] = { { target, data, len, 0 }, { NULL, NULL, 0, 0 } };
	char *name = strrchr(target, '/');
	return read_pkg(make_docx_ex(body, rel("rIdA", RT_AFCHUNK, name ? name + 1 : target), extra));
}

/* An HTML chunk is read in place: its paragraphs, its table (rowspan laid out as browsers do), its check box. */
static void altchunk_html_in_place(void)
{
	const char *html = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>ไม่ใช่เนื้อหา</title>"
		"<style>p{color:red}</style><script>var x='สคริปต์';</script></head><body>"
		"<p>ข้อความ   ใน\n ส่วนแทรก</p><div style='display: none'>ซ่อนอยู่</div><p hidden>ซ่อนสอง</p>"
		"<table><thead><tr><th>หัว</th><th colspan='2'>สอง</th></tr></thead>"
		"<tbody><tr><td rowspan='2'>ยาว</td><td>ก</td><td><input type='checkbox' checked> ใช่</td></tr>"
		"<tr><td>ข</td><td><input type='checkbox'> ไม่</td></tr></tbody></table><p>ท้าย<br>บรรทัด</p></body></html>";
	rg_doc *d = read_altchunk(S(PT("ก่อน"), "<w:altChunk r:id='rIdA'/>", PT("หลัง")), "word/chunk.html", html, 0);
	rg_table *t = btable(BODY(d), 2);

	CHECK_STR(ptext(BODY(d), 0), "ก่อน");
	CHECK_STR(ptext(BODY(d), 1), "ข้อความ ใน ส่วนแทรก");
	CHECK_DIMS(t, 3, 3);
	CHECK_INT(t ? t->header_rows : -1, 1);
	CHECK_CELL(t, 0, 1, "สอง", 2, 1);
	CHECK_CELL(t, 1, 0, "ยาว", 1, 2);
	CHECK_COVERED(t, 2, 0, 1, 0);
	CHECK_CELL(t, 1, 2, "☑ ใช่", 1, 1);
	CHECK_CELL(t, 2, 2, "☐ ไม่", 1, 1);
	CHECK_STR(ptext(BODY(d), 3), "ท้าย\nบรรทัด");
	CHECK_STR(ptext(BODY(d), 4), "หลัง");
	CHECK_INT(count_in_doc(d, "ซ่อน"), 0);
	CHECK_INT(count_in_doc(d, "สคริปต์"), 0);
	CHECK_INT(count_in_doc(d, "ไม่ใช่เนื้อหา"), 0);
	CHECK(d && d->nwarnings == 0);
	rg_doc_free(d);
}

/* A chunk inside a table cell lands in that cell. */
static void altchunk_in_cell(void)
{
	rg_doc *d = read_altchunk(TBL(2, TR(NULL, S(TC(NULL, S(PT("บน"), "<w:altChunk r:id='rIdA'/>")), TCT(NULL, "ข้าง")))),
		"word/c.htm", "<html><body><p>แทรกในช่อง</p></body></html>", 0);
	rg_table *t = btable(BODY(d), 0);

	CHECK_CELL(t, 0, 0, "บน\nแทรกในช่อง", 1, 1);
	CHECK_CELL(t, 0, 1, "ข้าง", 1, 1);
	rg_doc_free(d);
}

/* A DOCX chunk is read as a document (its own styles and check boxes); a plain-text chunk line by line. */
static void altchunk_docx_and_text(void)
{
	zbytes inner = make_docx(S(PT("เอกสารซ้อน"), P(S(box_sdt("<w14:checked w14:val='0'/>", R("☒")), R(" ทำแล้ว"))),
		TBL(1, TR(NULL, TCT(NULL, "ตารางซ้อน")))));
	rg_doc *d = read_altchunk(S(PT("ก่อน"), "<w:altChunk r:id='rIdA'/>", PT("หลัง")), "word/sub.docx",
		(const char *)inner.data, inner.len);

	CHECK_STR(ptext(BODY(d), 0), "ก่อน");
	CHECK_STR(ptext(BODY(d), 1), "เอกสารซ้อน");
	CHECK_STR(ptext(BODY(d), 2), "☑ ทำแล้ว");
	CHECK_STR(ctext(btable(BODY(d), 3), 0, 0), "ตารางซ้อน");
	CHECK_STR(ptext(BODY(d), 4), "หลัง");
	rg_doc_free(d);

	d = read_altchunk(S(PT("ก่อน"), "<w:altChunk r:id='rIdA'/>"), "word/a.txt", "บรรทัดหนึ่ง\r\nบรรทัดสอง\n", 0);
	CHECK_STR(ptext(BODY(d), 1), "บรรทัดหนึ่ง");
	CHECK_STR(ptext(BODY(d), 2), "บรรทัดสอง");
	rg_doc_free(d);
}

/* A web archive (MHT, quoted-printable HTML in windows-874) is read through its HTML part. */
static void altchunk_mht(void)
{
	/* "ทดสอบ" in windows-874: b7 b4 ca cd ba */
	const char *mht = "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"XYZ\"\r\n\r\n"
		"--XYZ\r\nContent-Location: file:///C:/img.png\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
		"iVBORw0KGgo=\r\n--XYZ\r\nContent-Type: text/html; charset=\"windows-874\"\r\n"
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n<html><body><p class=3D\"x\">=B7=B4=CA=\r\n=CD=BA mht</p>"
		"</body></html>\r\n--XYZ--\r\n";
	zpart extra[] = { { "word/afchunk.mht", mht, 0, 0 }, { NULL, NULL, 0, 0 } };
	rg_doc *d = read_pkg(make_docx_ex(S(PT("ก่อน"), "<w:altChunk r:id='htmlChunk'/>"),
		rel("htmlChunk", RT_AFCHUNK, "afchunk.mht"), extra));

	CHECK_STR(ptext(BODY(d), 1), "ทดสอบ mht");
	CHECK(d && d->nwarnings == 0);
	rg_doc_free(d);
}

/* A chunk of a kind not read (RTF), a relationship to nothing, undeclared non-UTF-8 HTML:
** the rest is read and a warning names what was not. */
static void altchunk_not_read_warns(void)
{
	rg_doc *d = read_altchunk(S(PT("ก่อน"), "<w:altChunk r:id='rIdA'/>", PT("หลัง")), "word/c.rtf",
		"{\\rtf1\\ansi สวัสดี}", 0);
	char *json = json_dump(d), *txt = text_dump(d);

	CHECK_STR(ptext(BODY(d), 0), "ก่อน");
	CHECK_STR(ptext(BODY(d), 1), "หลัง");
	CHECK(has_warning(d, "altchunk_not_read", "word/c.rtf"));
	CHECK(has_warning(d, "altchunk_not_read", "RTF"));
	CHECK(strstr(json, "\"warnings\":[{\"code\":\"altchunk_not_read\"") != NULL);
	CHECK(strstr(txt, "== warnings ==\naltchunk_not_read: ") != NULL);
	rg_doc_free(d);

	d = read_docx_body(S(PT("ก"), "<w:altChunk r:id='rIdNone'/>"));
	CHECK_STR(ptext(BODY(d), 0), "ก");
	CHECK(has_warning(d, "altchunk_not_read", "rIdNone"));
	rg_doc_free(d);

	d = read_altchunk("<w:altChunk r:id='rIdA'/>", "word/x.html", "<html><body><p>\xB7\xB4\xCA\xCD\xBA</p></body></html>", 0);
	CHECK_INT(nblocks(BODY(d)), 0);
	CHECK(has_warning(d, "altchunk_not_read", "not UTF-8"));
	rg_doc_free(d);

	/* chunks reading no warning when all is read */
	d = read_docx_body(PT("ธรรมดา"));
	json = json_dump(d);
	CHECK(strstr(json, "warnings") == NULL);
	rg_doc_free(d);
}

/* DOCX chunks nested in DOCX chunks: bounded by max_nesting (a clean RG_ELIMIT). */
static void altchunk_nested_limit(void)
{
	zbytes z = make_docx(PT("ในสุด"));
	rg_limits lim = test_limits();
	rg_doc *d;
	int i, rc;

	for (i = 0; i < 6; i++) {
		zpart extra[] = { { "word/sub.docx", (const char *)z.data, z.len, 0 }, { NULL, NULL, 0, 0 } };
		z = make_docx_ex(S("<w:altChunk r:id='rIdA'/>"), rel("rIdA", RT_AFCHUNK, "sub.docx"), extra);
	}
	rc = read_raw(z.data, z.len, &lim, &d);
	CHECK_INT(rc, 0);
	if (!rc) {
		CHECK_STR(ptext(BODY(d), 0), "ในสุด");
		rg_doc_free(d);
	}
	lim.max_nesting = 3;
	rc = read_raw(z.data, z.len, &lim, &d);
	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_ELIMIT);
	CHECK(msg_has("max-nesting"));
}

/* ================================================================== */
/* Packages written by other tools                                     */

/* Entry names with '\' are read as Word reads them ('/'), whether or not the .rels use them too. */
static void zip_backslash_names(void)
{
	char *doc = docx_document_xml(PT("ทับกลับ"));
	char *root_rels = rels_xml(rel("rId1", RT_OFFICE, "word/document.xml"));
	char *doc_rels = rels_xml(rel("rIdF", RT_FOOTER, "footer1.xml"));
	char *body = docx_document_xml(S(PT("ทับกลับ"), "<w:sectPr><w:footerReference w:type='default' r:id='rIdF'/></w:sectPr>"));
	zpart all[] = {
		{ "[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>", 0, 0 },
		{ "_rels\\.rels", root_rels, 0, 0 }, { "word\\document.xml", body, 0, 0 },
		{ "word\\_rels\\document.xml.rels", doc_rels, 0, 0 }, { "word\\footer1.xml", docx_part_xml("ftr", PT("ท้าย")), 0, 0 },
		{ NULL, NULL, 0, 0 }
	};
	zpart some[] = {
		{ "_rels/.rels", root_rels, 0, 0 }, { "Word\\Document.xml", doc, 0, 0 }, { NULL, NULL, 0, 0 }
	};
	rg_doc *d = read_pkg(make_zip(all));

	CHECK_STR(ptext(BODY(d), 0), "ทับกลับ");
	CHECK_STR(ptext(FOOTERS(d), 0), "ท้าย");
	rg_doc_free(d);
	d = read_pkg(make_zip(some));
	CHECK_STR(ptext(BODY(d), 0), "ทับกลับ");
	rg_doc_free(d);
}

/* .docm/.dotx/.dotm (macro-enabled and template content types) read as DOCX; .ott as ODT. */
static void templates_and_macro_packages(void)
{
	static const char *const types[] = {
		"application/vnd.ms-word.document.macroEnabled.main+xml",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
		"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
	};
	size_t i;

	for (i = 0; i < 3; i++) {
		zpart parts[] = {
			{ "[Content_Types].xml", S(XML_DECL "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
				"<Default Extension='rels' ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
				"<Default Extension='bin' ContentType='application/vnd.ms-office.vbaProject'/>"
				"<Override PartName='/word/document.xml' ContentType='", types[i], "'/></Types>"), 0, 0 },
			{ "_rels/.rels", rels_xml(rel("rId1", RT_OFFICE, "word/document.xml")), 0, 0 },
			{ "word/document.xml", docx_document_xml(PT("แม่แบบ")), 0, 0 },
			{ "word/vbaProject.bin", "\xD0\xCF\x11\xE0 not read", 0, 0 },
			{ NULL, NULL, 0, 0 }
		};
		rg_doc *d = read_pkg(make_zip(parts));
		CHECK(d && d->format == RG_FORMAT_DOCX);
		CHECK_STR(ptext(BODY(d), 0), "แม่แบบ");
		rg_doc_free(d);
	}
	{
		zpart parts[] = {
			{ "mimetype", "application/vnd.oasis.opendocument.text-template", 0, 1 },
			{ "content.xml", odt_content_xml(NULL, NULL, "<text:p>แม่แบบโอดีที</text:p>"), 0, 0 },
			{ NULL, NULL, 0, 0 }
		};
		rg_doc *d = read_pkg(make_zip(parts));
		CHECK(d && d->format == RG_FORMAT_ODT);
		CHECK_STR(ptext(BODY(d), 0), "แม่แบบโอดีที");
		rg_doc_free(d);
	}
}

/* Flat ODF (.fodt): one XML document with styles, master pages (headers) and the body. */
static void flat_odf(void)
{
	const char *xml = XML_DECL "<office:document" ODF_NS " office:mimetype='application/vnd.oasis.opendocument.text'>"
		"<office:font-face-decls><style:font-face style:name='Wingdings' svg:font-family='Wingdings'/></office:font-face-decls>"
		"<office:automatic-styles><style:style style:name='T1' style:family='text'>"
		"<style:text-properties style:font-name='Wingdings'/></style:style>"
		"<style:style style:name='T2' style:family='text'><style:text-properties text:display='none'/></style:style>"
		"</office:automatic-styles><office:master-styles><style:master-page style:name='Standard'>"
		"<style:header><text:p>หัวแบน</text:p></style:header></style:master-page></office:master-styles>"
		"<office:body><office:text><text:p><text:span text:style-name='T1'>\xEF\x83\xBE</text:span> แบน"
		"<text:span text:style-name='T2'>ซ่อน</text:span></text:p>"
		"<table:table table:name='T'><table:table-column/><table:table-row><table:table-cell><text:p>ช่อง</text:p>"
		"</table:table-cell></table:table-row></table:table></office:text></office:body></office:document>";
	rg_doc *d = NOT_SET;
	int rc = read_raw(xml, strlen(xml), NULL, &d);

	CHECK_INT(rc, 0);
	if (rc)
		return;
	CHECK_INT(d->format, RG_FORMAT_FODT);
	CHECK_STR(ptext(BODY(d), 0), "☑ แบน");
	CHECK_STR(ctext(btable(BODY(d), 1), 0, 0), "ช่อง");
	CHECK_STR(ptext(HEADERS(d), 0), "หัวแบน");
	CHECK_STR(rg_format_name(d->format), "fodt");
	rg_doc_free(d);

	{
		const char *sheet = XML_DECL "<office:document" ODF_NS " office:mimetype='application/vnd.oasis.opendocument.spreadsheet'>"
			"<office:body/></office:document>";
		const char *plain = XML_DECL "<root><p>x</p></root>";
		const char *wml = XML_DECL "<w:wordDocument xmlns:w='http://schemas.microsoft.com/office/word/2003/wordml'/>";
		rc = read_raw(sheet, strlen(sheet), NULL, &d);
		CHECK_FAILS(rc, d);
		CHECK(msg_has("spreadsheet"));
		rc = read_raw(plain, strlen(plain), NULL, &d);
		CHECK_FAILS(rc, d);
		CHECK(msg_has("plain XML"));
		rc = read_raw(wml, strlen(wml), NULL, &d);
		CHECK_FAILS(rc, d);
		CHECK(msg_has("Word 2003 XML"));
	}
}

/* An HTML page (what web applications send as ".doc") is read as a document. */
static void html_page_file(void)
{
	const char *html = "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta http-equiv='Content-Type' "
		"content='text/html; charset=utf-8'></head><body><p>รายงาน</p><table border=1><tr><td>๑</td><td>โครงการ</td></tr>"
		"</table></body></html>";
	rg_doc *d = NOT_SET;
	int rc = read_raw(html, strlen(html), NULL, &d);

	CHECK_INT(rc, 0);
	if (rc)
		return;
	CHECK_INT(d->format, RG_FORMAT_HTML);
	CHECK_STR(ptext(BODY(d), 0), "รายงาน");
	CHECK_STR(ctext(btable(BODY(d), 1), 0, 1), "โครงการ");
	rg_doc_free(d);
}

/* ================================================================== */
/* Legacy formats: detection                                           */

/* A minimal OLE2 compound file (version 3, 512-byte sectors): sector 0 the FAT,
** sector 1 the directory, sectors 2-9 one 4096-byte stream. */
static zbytes make_cfb(const char *stream1, const char *stream2, unsigned fib_flags, int loop_dir)
{
	size_t len = 512 * 11, i;
	unsigned char *p = calloc(1, len);
	zbytes z;

#define PUT16(o, v) do { p[(o)] = (unsigned char)((v) & 0xFF); p[(o) + 1] = (unsigned char)(((v) >> 8) & 0xFF); } while (0)
#define PUT32(o, v) do { PUT16((o), (v) & 0xFFFF); PUT16((o) + 2, ((v) >> 16) & 0xFFFF); } while (0)
	memcpy(p, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	PUT16(0x18, 0x3E);
	PUT16(0x1A, 3);
	PUT16(0x1C, 0xFFFE);
	PUT16(0x1E, 9);
	PUT16(0x20, 6);
	PUT32(0x2C, 1);
	PUT32(0x30, 1);
	PUT32(0x38, 4096);
	PUT32(0x3C, 0xFFFFFFFEu);
	PUT32(0x44, 0xFFFFFFFEu);
	for (i = 0; i < 109; i++)
		PUT32(0x4C + 4 * i, i == 0 ? 0u : 0xFFFFFFFFu);
	/* FAT (sector 0 at offset 512) */
	for (i = 0; i < 128; i++)
		PUT32(512 + 4 * i, 0xFFFFFFFFu);
	PUT32(512, 0xFFFFFFFDu);
	PUT32(512 + 4, loop_dir ? 1u : 0xFFFFFFFEu);
	for (i = 2; i < 9; i++)
		PUT32(512 + 4 * i, (unsigned)(i + 1));
	PUT32(512 + 4 * 9, 0xFFFFFFFEu);
	/* directory (sector 1 at offset 1024) */
	{
		const char *names[3] = { "Root Entry", stream1, stream2 };
		for (i = 0; i < 3; i++) {
			unsigned char *e = p + 1024 + 128 * i;
			size_t k, n;
			if (!names[i])
				continue;
			n = strlen(names[i]);
			for (k = 0; k < n; k++)
				e[2 * k] = (unsigned char)names[i][k];
			PUT16(1024 + 128 * i + 0x40, (unsigned)(2 * (n + 1)));
			e[0x42] = i == 0 ? 5 : 2;
			PUT32(1024 + 128 * i + 0x74, i == 0 ? 0xFFFFFFFEu : i == 1 ? 2u : 0xFFFFFFFEu);
			PUT32(1024 + 128 * i + 0x78, i == 1 ? 4096u : 0u);
		}
	}
	/* the stream (sector 2 at offset 1536): a FIB */
	PUT16(1536, 0xA5EC);
	PUT16(1536 + 2, 0xC1);
	PUT16(1536 + 0x0A, fib_flags);
#undef PUT16
#undef PUT32
	z.data = p;
	z.len = len;
	return z;
}

/* OLE2 files are told apart from their directory and FIB: a Word document, an encrypted one,
** an encrypted OOXML package (names in any case), a workbook, a damaged or looping file. */
static void legacy_detect_ole(void)
{
	rg_format f;
	zbytes z;
	int rc;

	z = make_cfb("WordDocument", "1Table", 0, 0);
	CHECK_INT(rg_legacy_detect(z.data, z.len, &f), 0);
	CHECK_INT(f, RG_FORMAT_DOC);
	z = make_cfb("WordDocument", NULL, 0x0100, 0);
	CHECK_INT(rg_legacy_detect(z.data, z.len, &f), RG_EENCRYPTED);
	CHECK(msg_has("encrypted Word 97-2003"));
	z = make_cfb("ENCRYPTIONINFO", "ENCRYPTEDPACKAGE", 0, 0);
	CHECK_INT(rg_legacy_detect(z.data, z.len, &f), RG_EENCRYPTED);
	z = make_cfb("Workbook", NULL, 0, 0);
	CHECK_INT(rg_legacy_detect(z.data, z.len, &f), RG_EFORMAT);
	CHECK(msg_has("Excel"));
	z = make_cfb("WordDocument", NULL, 0, 1);   /* the directory chain loops on itself */
	rc = rg_legacy_detect(z.data, z.len, &f);
	CHECK(rc == 0 || rc == RG_EFORMAT);
	z = make_cfb("WordDocument", NULL, 0, 0);
	z.len = 1536;                               /* cut before the stream */
	CHECK_INT(rg_legacy_detect(z.data, z.len, &f), RG_EFORMAT);
	CHECK_INT(rg_legacy_detect("{\\rtf1 x}", 9, &f), 0);
	CHECK_INT(f, RG_FORMAT_RTF);
	CHECK_INT(rg_legacy_detect("PK\3\4", 4, &f), 0);
	CHECK_INT(f, RG_FORMAT_UNKNOWN);
}

/* With conversion off (or without LibreOffice) a .doc/.rtf fails with one clear line. */
static void legacy_without_libreoffice(void)
{
	zbytes z = make_cfb("WordDocument", NULL, 0, 0);
	rg_limits lim = test_limits();
	rg_doc *d;
	int rc;

	lim.no_convert = 1;
	rc = read_raw(z.data, z.len, &lim, &d);
	CHECK_FAILS(rc, d);
	CHECK(msg_has("Word 97-2003") && msg_has("LibreOffice"));
	rc = read_raw("{\\rtf1 x}", 9, &lim, &d);
	CHECK_FAILS(rc, d);
	CHECK(msg_has("RTF"));

	lim.no_convert = 0;
	setenv("RAINGAN_SOFFICE", "/nonexistent/soffice", 1);
	rc = read_raw(z.data, z.len, &lim, &d);
	CHECK_FAILS(rc, d);
	CHECK(msg_has("libreoffice-writer-nogui"));
	setenv("RAINGAN_SOFFICE", "none", 1);
	rc = read_raw("{\\rtf1 x}", 9, &lim, &d);
	CHECK_FAILS(rc, d);
	CHECK(msg_has("libreoffice-writer-nogui"));
	unsetenv("RAINGAN_SOFFICE");
}

/* ================================================================== */
/* Legacy formats: conversion, with a LibreOffice stand-in              */

static char fake_dir[256];

/*
** A stand-in for soffice: for each input it copies $FAKE_DOCX to the output
** directory and says "convert ..." as LibreOffice does, after loading; an input
** holding HANG makes it sleep, FAIL makes it refuse that file, DIE makes it
** kill itself.  Every start appends a line to $FAKE_LOG.
*/
static const char fake_soffice[] =
	"#!/bin/sh\n"
	"echo start >> \"$FAKE_LOG\"\n"
	"out=\nwhile [ $# -gt 0 ]; do\n"
	"  case \"$1\" in\n"
	"    --outdir) out=$2; shift 2 ;;\n"
	"    --convert-to) shift 2 ;;\n"
	"    -*) shift ;;\n"
	"    *) f=$1; shift\n"
	"       if grep -q HANG \"$f\"; then sleep 30; fi\n"
	"       if grep -q DIE \"$f\"; then kill -9 $$; fi\n"
	"       if grep -q FAIL \"$f\"; then echo 'Error: source file could not be loaded' >&2; continue; fi\n"
	"       b=$(basename \"$f\"); o=\"$out/${b%.*}.docx\"\n"
	"       echo \"convert $f -> $o using filter : MS Word 2007 XML\"\n"
	"       cp \"$FAKE_DOCX\" \"$o\" ;;\n"
	"  esac\n"
	"done\n";

static void write_bytes(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
}

static int log_starts(void)
{
	char path[300], line[64];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/log", fake_dir);
	if (!(f = fopen(path, "r")))
		return 0;
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	unlink(path);
	return n;
}

/* Remove the stand-in's directory (each case runs in its own process). */
static void fake_cleanup(void)
{
	char cmd[320];

	if (fake_dir[0] && !strncmp(fake_dir, "/tmp/rg-fake-soffice-", 21)) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fake_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "  could not remove %s\n", fake_dir);
	}
}

/* Set up the stand-in; returns its path. */
static const char *fake_setup(void)
{
	static char prog[300];
	char path[300];
	zbytes docx = make_docx(PT("แปลงแล้ว"));

	snprintf(fake_dir, sizeof(fake_dir), "/tmp/rg-fake-soffice-XXXXXX");
	if (!mkdtemp(fake_dir))
		abort();
	snprintf(prog, sizeof(prog), "%s/soffice", fake_dir);
	write_bytes(prog, fake_soffice, strlen(fake_soffice));
	chmod(prog, 0755);
	snprintf(path, sizeof(path), "%s/converted.docx", fake_dir);
	write_bytes(path, docx.data, docx.len);
	setenv("FAKE_DOCX", path, 1);
	snprintf(path, sizeof(path), "%s/log", fake_dir);
	setenv("FAKE_LOG", path, 1);
	return prog;
}

/* A legacy file read through the normal entry points: converted, format "rtf", nothing left behind. */
static void convert_single_file(void)
{
	const char *prog = fake_setup();
	rg_limits lim = test_limits();
	char path[300];
	rg_doc *d;
	int rc;

	setenv("RAINGAN_SOFFICE", prog, 1);
	rc = read_raw("{\\rtf1 ok}", 10, &lim, &d);
	CHECK_INT(rc, 0);
	if (!rc) {
		CHECK_INT(d->format, RG_FORMAT_RTF);
		CHECK_STR(rg_format_name(d->format), "rtf");
		CHECK_STR(ptext(BODY(d), 0), "แปลงแล้ว");
		rg_doc_free(d);
	}
	CHECK_INT(log_starts(), 1);
	snprintf(path, sizeof(path), "%s/one.doc", fake_dir);
	{
		zbytes z = make_cfb("WordDocument", NULL, 0, 0);
		write_bytes(path, z.data, z.len);
	}
	rc = rg_read_file(path, &lim, &d);
	CHECK_INT(rc, 0);
	if (!rc) {
		CHECK_INT(d->format, RG_FORMAT_DOC);
		rg_doc_free(d);
	}
	/* a file LibreOffice cannot load: one line */
	rc = read_raw("{\\rtf1 FAIL}", 12, &lim, &d);
	CHECK_FAILS(rc, d);
	CHECK(msg_has("LibreOffice could not convert"));
	unsetenv("RAINGAN_SOFFICE");
	fake_cleanup();
}

/* The batch API: many files per start; a file that hangs is given up after the time limit,
** LibreOffice starts again on the files after it; a crash settles the file it was on. */
static void convert_batch_time_limit(void)
{
	const char *prog = fake_setup();
	const char *contents[] = { "{\\rtf1 one}", "{\\rtf1 two}", "{\\rtf1 HANG}", "{\\rtf1 four}", "{\\rtf1 FAIL}",
		"{\\rtf1 six}", "{\\rtf1 DIE}", "{\\rtf1 eight}", "PK not legacy", "{\\rtf1 one}" };
	const char *paths[10];
	char store[10][300];
	rg_convert_options opt;
	rg_converted *c = NULL;
	rg_limits lim = test_limits();
	size_t ok, failed, i;
	struct timespec t0, t1;
	int rc;

	for (i = 0; i < 10; i++) {
		snprintf(store[i], sizeof(store[i]), "%s/in%zu.rtf", fake_dir, i);
		write_bytes(store[i], contents[i], strlen(contents[i]));
		paths[i] = store[i];
	}
	memset(&opt, 0, sizeof(opt));
	opt.soffice = prog;
	opt.timeout = 2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = rg_convert_batch(paths, 10, &opt, &c);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK_INT(rc, 0);
	if (rc)
		return;
	rg_converted_counts(c, &ok, &failed);
	CHECK_INT(ok, 5);       /* one two four six eight (the second "one" is the same bytes) */
	CHECK_INT(failed, 3);   /* HANG, FAIL, DIE */
	CHECK_INT(rg_converted_starts(c), 3);   /* first start ends at HANG, second at DIE */
	CHECK_INT(log_starts(), 3);
	CHECK((t1.tv_sec - t0.tv_sec) < 20);   /* the hang was cut at the limit, not waited out */
	lim.converted = c;
	lim.no_convert = 1;     /* every answer must come from the batch */
	for (i = 0; i < 10; i++) {
		rg_doc *d = NOT_SET;
		rc = rg_read_file(paths[i], &lim, &d);
		if (i == 2) {
			CHECK_FAILS(rc, d);
			CHECK(msg_has("took more than 2 s"));
		} else if (i == 4) {
			CHECK_FAILS(rc, d);
			CHECK(msg_has("could not convert"));
		} else if (i == 6) {
			CHECK_FAILS(rc, d);
			CHECK(msg_has("LibreOffice stopped"));
		} else if (i == 8) {
			CHECK_FAILS(rc, d);   /* not legacy, not a zip either */
		} else {
			CHECK_INT(rc, 0);
			if (!rc) {
				CHECK_INT(d->format, RG_FORMAT_RTF);
				CHECK_STR(ptext(BODY(d), 0), "แปลงแล้ว");
				rg_doc_free(d);
			}
		}
	}
	rg_converted_free(c);
	CHECK_INT(log_starts(), 0);

	/* batch_size splits the starts */
	memset(&opt, 0, sizeof(opt));
	opt.soffice = prog;
	opt.batch_size = 2;
	rc = rg_convert_batch(paths, 2, &opt, &c);
	CHECK_INT(rc, 0);
	rg_converted_counts(c, &ok, &failed);
	CHECK_INT(ok, 2);
	CHECK_INT(rg_converted_starts(c), 1);
	rg_converted_free(c);
	log_starts();
	rc = rg_convert_batch(paths + 3, 4, &opt, &c);   /* four FAIL six DIE: two starts of two... */
	CHECK_INT(rc, 0);
	rg_converted_counts(c, &ok, &failed);
	CHECK_INT(ok, 2);
	CHECK_INT(failed, 2);
	rg_converted_free(c);
	fake_cleanup();
}

/* Conversions on several threads at once: each has its own work and profile directory. */
static void *convert_thread(void *arg)
{
	int *ok = arg;
	rg_limits lim = test_limits();
	rg_doc *d;
	int i;

	for (i = 0; i < 3; i++) {
		if (rg_read_memory("{\\rtf1 par}", 11, &lim, &d) == 0) {
			*ok += d->format == RG_FORMAT_RTF && !strcmp(ptext(BODY(d), 0), "แปลงแล้ว");
			rg_doc_free(d);
		}
	}
	return NULL;
}

static void convert_parallel(void)
{
	pthread_t th[3];
	int ok[3] = { 0, 0, 0 }, i;

	setenv("RAINGAN_SOFFICE", fake_setup(), 1);
	for (i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, convert_thread, &ok[i]);
	for (i = 0; i < 3; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(ok[i], 3);
	}
	CHECK_INT(log_starts(), 9);
	unsetenv("RAINGAN_SOFFICE");
	fake_cleanup();
}

/* ================================================================== */

static const test_case cases[] = {
#define T(f) { #f, f, 0 }
	T(docx_ruby_reading_left_out), T(docx_vanish_through_styles), T(docx_symbol_font_through_style),
	T(odt_hidden_sections), T(odt_condition_user_fields), T(odt_hidden_paragraph_text_conditional),
	T(docx_checkbox_content_wins), T(docx_checkbox_custom_states), T(docx_numbering_box_markers),
	T(docx_numbering_through_style), T(odt_list_box_bullets), T(odt_form_controls), T(nested_cell_text_once), T(grid_disagrees_with_rows),
	T(altchunk_html_in_place), T(altchunk_in_cell), T(altchunk_docx_and_text), T(altchunk_mht),
	T(altchunk_not_read_warns), T(altchunk_nested_limit), T(zip_backslash_names), T(templates_and_macro_packages),
	T(flat_odf), T(html_page_file), T(legacy_detect_ole), T(legacy_without_libreoffice), T(convert_single_file),
	T(convert_batch_time_limit), T(convert_parallel),
#undef T
	{ NULL, NULL, 0 }
};

int main(int argc, char **argv)
{
	return run_cases("test_reader_editors", cases, argc, argv);
}
