/*
** test_reader.c - unit tests of the DOCX/ODT reader (parsers/read/reader.h).
**
** Every case builds a small package in memory from hand-written XML, reads it
** with rg_read_memory() (or rg_read_file()) and checks the document model.
** The expected values come from the reader's specification, never from a run.
** Each case runs in its own child process: `test_reader NAME...` runs only the
** cases whose names contain one of the arguments.
*/
#include "reader_util.h"

#include <pthread.h>
#include <time.h>


/* ================================================================== */
/* DOCX: package and parts                                             */

/* A plain paragraph reads as one body block of format DOCX. */
static void docx_basic(void)
{
	rg_doc *d = read_docx_body(PT("สวัสดี"));

	CHECK(d != NULL);
	if (d)
		CHECK_INT(d->format, RG_FORMAT_DOCX);
	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "สวัสดี");
	CHECK_INT(nblocks(HEADERS(d)), 0);
	CHECK_INT(nblocks(FOOTERS(d)), 0);
	CHECK_INT(nblocks(NOTES(d)), 0);
	CHECK_INT(nblocks(BOXES(d)), 0);
	rg_doc_free(d);
}

/* Paragraphs come in document order; empty paragraphs are not blocks. */
static void docx_paragraph_order_and_empty(void)
{
	rg_doc *d = read_docx_body(S(PT("หนึ่ง"), "<w:p/>", "<w:p><w:pPr><w:jc w:val='center'/></w:pPr></w:p>",
		PT("สอง"), "<w:p><w:r><w:t></w:t></w:r></w:p>", "<w:p><w:r><w:rPr><w:b/></w:rPr></w:r></w:p>", PT("สาม")));

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "หนึ่ง");
	CHECK_STR(ptext(BODY(d), 1), "สอง");
	CHECK_STR(ptext(BODY(d), 2), "สาม");
	CHECK(no_empty_paragraphs(BODY(d)));
	rg_doc_free(d);
}

/* The main part is found through _rels/.rels, not by its name: doc/main.xml. */
static void docx_main_part_elsewhere(void)
{
	zbytes z = make_docx_pkg("doc/main.xml", docx_document_xml(PT("ส่วนหลัก")), NULL,
		RT_OFFICE, "doc/main.xml", NULL);
	rg_doc *d = read_pkg(z);

	CHECK(d != NULL);
	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "ส่วนหลัก");
	rg_doc_free(d);
}

/* _rels/.rels points at word/document2.xml: a decoy word/document.xml is not read. */
static void docx_main_part_decoy(void)
{
	zpart extra[] = {
		{ "word/document.xml", docx_document_xml(PT("ตัวล่อ")), 0, 0 },
		{ NULL, NULL, 0, 0 }
	};
	zbytes z = make_docx_pkg("word/document2.xml", docx_document_xml(PT("ตัวจริง")), NULL,
		RT_OFFICE, "word/document2.xml", extra);
	rg_doc *d = read_pkg(z);

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "ตัวจริง");
	CHECK_INT(count_in_doc(d, "ตัวล่อ"), 0);
	rg_doc_free(d);
}

/* An absolute relationship target (/word/document.xml) is a legal OPC form. */
static void docx_main_part_absolute_target(void)
{
	zbytes z = make_docx_pkg("word/document.xml", docx_document_xml(PT("สัมบูรณ์")), NULL,
		RT_OFFICE, "/word/document.xml", NULL);
	rg_doc *d = read_pkg(z);

	CHECK_STR(ptext(BODY(d), 0), "สัมบูรณ์");
	rg_doc_free(d);
}

/* A header, a footer, footnotes and endnotes, found through word/_rels/document.xml.rels,
** each land in their own list and not in the body. */
static void docx_headers_footers_notes(void)
{
	char *body = S(P(S(R("ข้อความหลัก"), "<w:r><w:rPr><w:rStyle w:val='FootnoteReference'/></w:rPr><w:footnoteReference w:id='1'/></w:r>")),
		P(S(R("ข้อสอง"), "<w:r><w:endnoteReference w:id='1'/></w:r>")),
		"<w:sectPr><w:headerReference w:type='default' r:id='rIdH'/><w:footerReference w:type='default' r:id='rIdF'/></w:sectPr>");
	char *rels = S(rel("rIdH", RT_HEADER, "header1.xml"), rel("rIdF", RT_FOOTER, "footer1.xml"),
		rel("rIdN", RT_FOOTNOTES, "footnotes.xml"), rel("rIdE", RT_ENDNOTES, "endnotes.xml"));
	char *notes = docx_part_xml("footnotes",
		"<w:footnote w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
		"<w:footnote w:type='continuationSeparator' w:id='0'><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
		"<w:footnote w:id='1'><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space='preserve'> เชิงอรรถหนึ่ง</w:t></w:r></w:p></w:footnote>");
	char *endnotes = docx_part_xml("endnotes",
		"<w:endnote w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p></w:endnote>"
		"<w:endnote w:id='1'><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space='preserve'> อ้างท้ายเล่ม</w:t></w:r></w:p></w:endnote>");
	zpart extra[] = {
		{ "word/header1.xml", docx_part_xml("hdr", PT("หัวกระดาษ")), 0, 0 },
		{ "word/footer1.xml", docx_part_xml("ftr", PT("ท้ายกระดาษ")), 0, 0 },
		{ "word/footnotes.xml", notes, 0, 0 },
		{ "word/endnotes.xml", endnotes, 0, 0 },
		{ NULL, NULL, 0, 0 }
	};
	rg_doc *d = read_pkg(make_docx_ex(body, rels, extra));

	CHECK(d != NULL);
	CHECK_INT(nblocks(BODY(d)), 2);
	CHECK(strstr(ptext(BODY(d), 0), "ข้อความหลัก") == ptext(BODY(d), 0));
	CHECK_INT(nblocks(HEADERS(d)), 1);
	CHECK_STR(ptext(HEADERS(d), 0), "หัวกระดาษ");
	CHECK_INT(nblocks(FOOTERS(d)), 1);
	CHECK_STR(ptext(FOOTERS(d), 0), "ท้ายกระดาษ");
	CHECK_INT(COUNT(NOTES(d), "เชิงอรรถหนึ่ง"), 1);
	CHECK_INT(COUNT(NOTES(d), "อ้างท้ายเล่ม"), 1);
	CHECK_INT(count_in_doc(d, "เชิงอรรถหนึ่ง"), 1);
	CHECK_INT(count_in_doc(d, "หัวกระดาษ"), 1);
	CHECK_INT(count_in_doc(d, "ท้ายกระดาษ"), 1);
	CHECK(no_empty_paragraphs(NOTES(d)));
	rg_doc_free(d);
}

/* Parts are resolved relative to the main part: doc/main.xml with doc/_rels/main.xml.rels
** naming "hdr.xml" means doc/hdr.xml; a header part that no relationship names is not read. */
static void docx_parts_relative_to_main(void)
{
	zpart extra[] = {
		{ "doc/hdr.xml", docx_part_xml("hdr", PT("หัวในโฟลเดอร์")), 0, 0 },
		{ "word/header1.xml", docx_part_xml("hdr", PT("หัวกำพร้า")), 0, 0 },
		{ NULL, NULL, 0, 0 }
	};
	zbytes z = make_docx_pkg("doc/main.xml", docx_document_xml(S(PT("เนื้อหา"),
			"<w:sectPr><w:headerReference w:type='default' r:id='rId7'/></w:sectPr>")),
		rel("rId7", RT_HEADER, "hdr.xml"), RT_OFFICE, "doc/main.xml", extra);
	rg_doc *d = read_pkg(z);

	CHECK_STR(ptext(BODY(d), 0), "เนื้อหา");
	CHECK_INT(nblocks(HEADERS(d)), 1);
	CHECK_STR(ptext(HEADERS(d), 0), "หัวในโฟลเดอร์");
	CHECK_INT(count_in_doc(d, "หัวกำพร้า"), 0);
	rg_doc_free(d);
}

/* An external relationship (TargetMode External) is never opened as a part. */
static void docx_external_rel_not_read(void)
{
	char *rels = S("<Relationship Id='rIdX' Type='" RT_HEADER "' Target='file:///etc/passwd' TargetMode='External'/>",
		"<Relationship Id='rIdL' Type='" RT_HYPERLINK "' Target='http://example.invalid/' TargetMode='External'/>");
	rg_doc *d = read_pkg(make_docx_ex(P(S("<w:hyperlink r:id='rIdL'>", R("ลิงก์"), "</w:hyperlink>")), rels, NULL));

	CHECK(d != NULL);
	CHECK_STR(ptext(BODY(d), 0), "ลิงก์");
	CHECK_INT(count_in_doc(d, "root:"), 0);
	rg_doc_free(d);
}

/* Strict OOXML (purl.oclc.org namespaces and relationship types) reads like transitional,
** with a table and a header. */
static void docx_strict(void)
{
	const char *wns = "http://purl.oclc.org/ooxml/wordprocessingml/main";
	const char *rns = "http://purl.oclc.org/ooxml/officeDocument/relationships";
	char *docxml = S(XML_DECL "<w:document xmlns:w='", wns, "' xmlns:r='", rns, "' w:conformance='strict'><w:body>",
		"<w:p><w:r><w:t>เอกสาร</w:t></w:r><w:r><w:t>แบบเข้ม</w:t></w:r></w:p>",
		"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w='1000'/><w:gridCol w:w='1000'/></w:tblGrid>",
		"<w:tr><w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr><w:p><w:r><w:t>รวม</w:t></w:r></w:p></w:tc></w:tr>",
		"<w:tr><w:tc><w:p><w:r><w:t>ก</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>ข</w:t></w:r></w:p></w:tc></w:tr>",
		"</w:tbl>",
		"<w:sectPr><w:headerReference w:type='default' r:id='rId2'/></w:sectPr></w:body></w:document>");
	char *hdr = S(XML_DECL "<w:hdr xmlns:w='", wns, "'><w:p><w:r><w:t>หัวเข้ม</w:t></w:r></w:p></w:hdr>");
	zpart extra[] = { { "word/header1.xml", hdr, 0, 0 }, { NULL, NULL, 0, 0 } };
	zbytes z = make_docx_pkg("word/document.xml", docxml,
		rel("rId2", "http://purl.oclc.org/ooxml/officeDocument/relationships/header", "header1.xml"),
		"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument", "word/document.xml", extra);
	rg_doc *d = read_pkg(z);
	rg_table *t;

	CHECK(d != NULL);
	CHECK_INT(nblocks(BODY(d)), 2);
	CHECK_STR(ptext(BODY(d), 0), "เอกสารแบบเข้ม");
	t = btable(BODY(d), 1);
	CHECK_DIMS(t, 2, 2);
	CHECK_CELL(t, 0, 0, "รวม", 2, 1);
	CHECK_COVERED(t, 0, 1, 0, 0);
	CHECK_CELL(t, 1, 1, "ข", 1, 1);
	CHECK_STR(ptext(HEADERS(d), 0), "หัวเข้ม");
	rg_doc_free(d);
}

/* rg_read_file() reads a DOCX written to a temporary file without an extension. */
static void docx_read_file(void)
{
	zbytes z = make_docx(PT("จากไฟล์"));
	char path[] = "/tmp/rg_test_reader_XXXXXX";
	int fd = mkstemp(path);
	rg_limits lim = test_limits();
	rg_doc *d = NOT_SET;
	int rc;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, z.data, z.len) == (ssize_t)z.len);
	close(fd);
	rc = rg_read_file(path, &lim, &d);
	unlink(path);
	CHECK_INT(rc, 0);
	if (rc == 0) {
		CHECK_INT(d->format, RG_FORMAT_DOCX);
		CHECK_STR(ptext(BODY(d), 0), "จากไฟล์");
		rg_doc_free(d);
	}
}

/* rg_read_file() on a missing file fails with RG_EIO and *out NULL. */
static void read_file_missing(void)
{
	rg_limits lim = test_limits();
	rg_doc *d = NOT_SET;
	int rc = rg_read_file("/nonexistent/dir/ไม่มี.docx", &lim, &d);

	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_EIO);
}

/* rg_read_docx_xml() reads a document.xml alone. */
static void docx_xml_alone(void)
{
	char *xml = docx_document_xml(S(PT("เฉพาะส่วน"), TBL(1, TR(NULL, TCT(NULL, "ช่อง")))));
	rg_limits lim = test_limits();
	rg_doc *d = NOT_SET;
	int rc = rg_read_docx_xml(xml, strlen(xml), &lim, &d);

	CHECK_INT(rc, 0);
	if (rc == 0) {
		CHECK_STR(ptext(BODY(d), 0), "เฉพาะส่วน");
		CHECK_STR(ctext(btable(BODY(d), 1), 0, 0), "ช่อง");
		rg_doc_free(d);
	}
}

/* ================================================================== */
/* DOCX: paragraph text                                                */

/* Runs split mid-word join without spaces; proofErr, bookmarks and
** lastRenderedPageBreak between them add nothing. */
static void docx_runs_split(void)
{
	rg_doc *d = read_docx_body(S(
		P(S(R("ดำเนิน"), R("การ"))),
		P(S("<w:r><w:t>โครง</w:t></w:r><w:proofErr w:type='spellStart'/><w:bookmarkStart w:id='0' w:name='x'/>",
			"<w:r><w:rPr><w:b/></w:rPr><w:lastRenderedPageBreak/><w:t>การ</w:t></w:r><w:bookmarkEnd w:id='0'/>",
			"<w:proofErr w:type='spellEnd'/><w:r><w:t>ที่</w:t><w:t>๑</w:t></w:r>"))));

	CHECK_INT(nblocks(BODY(d)), 2);
	CHECK_STR(ptext(BODY(d), 0), "ดำเนินการ");
	CHECK_STR(ptext(BODY(d), 1), "โครงการที่๑");
	rg_doc_free(d);
}

/* w:tab -> "\t", w:br and w:cr -> "\n". */
static void docx_tab_br_cr(void)
{
	rg_doc *d = read_docx_body(P(S("<w:r><w:t>ก</w:t><w:tab/><w:t>ข</w:t><w:br/><w:t>ค</w:t></w:r>",
		"<w:r><w:cr/><w:t>ง</w:t></w:r><w:r><w:br w:type='textWrapping'/><w:t>จ</w:t></w:r>")));

	CHECK_STR(ptext(BODY(d), 0), "ก\tข\nค\nง\nจ");
	rg_doc_free(d);
}

/* A page break (w:br w:type="page") adds no text; the next block carries RG_BLOCK_PAGE_BREAK. */
static void docx_page_break(void)
{
	rg_doc *d = read_docx_body(S(PT("หน้าแรก"), "<w:p><w:r><w:br w:type='page'/></w:r></w:p>", PT("หน้าสอง")));

	CHECK_INT(nblocks(BODY(d)), 2);
	CHECK_STR(ptext(BODY(d), 0), "หน้าแรก");
	CHECK_STR(ptext(BODY(d), 1), "หน้าสอง");
	CHECK(pflags(BODY(d), 1) >= 0 && (pflags(BODY(d), 1) & RG_BLOCK_PAGE_BREAK));
	CHECK(pflags(BODY(d), 0) >= 0 && !(pflags(BODY(d), 0) & RG_BLOCK_PAGE_BREAK));
	CHECK_INT(COUNT(BODY(d), "\n"), 0);
	rg_doc_free(d);
}

/* w:noBreakHyphen -> "-". */
static void docx_nobreak_hyphen(void)
{
	rg_doc *d = read_docx_body(P("<w:r><w:t>๐๘๑</w:t><w:noBreakHyphen/><w:t>๒๓๔</w:t></w:r>"));

	CHECK_STR(ptext(BODY(d), 0), "๐๘๑-๒๓๔");
	rg_doc_free(d);
}

/* A paragraph: a w:sym of (font, code), then text. */
static char *sym_para(const char *font, const char *code, const char *after)
{
	return P(S("<w:r><w:sym w:font='", font, "' w:char='", code, "'/></w:r>", R(after)));
}

/* w:sym maps (font, code) to Unicode: Wingdings F0FE ☑ F0FC ✓ F0FD ☒ F0A8 ☐ F06F ☐;
** Wingdings 2 F050 ✓ F052 ☑ F053 ☒ F054 ☒. */
static void docx_sym_wingdings(void)
{
	rg_doc *d = read_docx_body(S(
		sym_para("Wingdings", "F0FE", " หนึ่ง"),
		sym_para("Wingdings", "F0FC", " สอง"),
		sym_para("Wingdings", "F0FD", " สาม"),
		sym_para("Wingdings", "F0A8", " สี่"),
		sym_para("Wingdings", "F06F", " ห้า"),
		sym_para("Wingdings 2", "F052", " หก"),
		sym_para("Wingdings 2", "F050", " เจ็ด"),
		sym_para("Wingdings 2", "F053", " แปด"),
		sym_para("Wingdings 2", "F054", " เก้า")));

	CHECK_INT(nblocks(BODY(d)), 9);
	CHECK_STR(ptext(BODY(d), 0), "☑ หนึ่ง");
	CHECK_STR(ptext(BODY(d), 1), "✓ สอง");
	CHECK_STR(ptext(BODY(d), 2), "☒ สาม");
	CHECK_STR(ptext(BODY(d), 3), "☐ สี่");
	CHECK_STR(ptext(BODY(d), 4), "☐ ห้า");
	CHECK_STR(ptext(BODY(d), 5), "☑ หก");
	CHECK_STR(ptext(BODY(d), 6), "✓ เจ็ด");
	CHECK_STR(ptext(BODY(d), 7), "☒ แปด");
	CHECK_STR(ptext(BODY(d), 8), "☒ เก้า");
	rg_doc_free(d);
}

/* An inline w14:checkbox content control showing glyph (MS Gothic). */
static char *sdt_checkbox(const char *checked, const char *glyph)
{
	return S("<w:sdt><w:sdtPr><w:id w:val='-1'/><w14:checkbox><w14:checked w14:val='", checked, "'/>",
		"<w14:checkedState w14:val='2612' w14:font='MS Gothic'/><w14:uncheckedState w14:val='2610' w14:font='MS Gothic'/>",
		"</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii='MS Gothic' w:eastAsia='MS Gothic'",
		" w:hAnsi='MS Gothic' w:hint='eastAsia'/></w:rPr><w:t>", glyph, "</w:t></w:r></w:sdtContent></w:sdt>");
}

/* A w14:checkbox content control gives ☑ (checked) or ☐ (unchecked) once, in place of
** the glyph its sdtContent displays. */
static void docx_sdt_checkbox(void)
{
	rg_doc *d = read_docx_body(S(
		P(S(sdt_checkbox("1", "☒"), R(" ดำเนินการแล้ว"))),
		P(S(sdt_checkbox("0", "☐"), R(" ยังไม่ดำเนินการ"))),
		P(S(R("มี "), sdt_checkbox("1", "☒"), R(" ไม่มี "), sdt_checkbox("0", "☐")))));

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "☑ ดำเนินการแล้ว");
	CHECK_STR(ptext(BODY(d), 1), "☐ ยังไม่ดำเนินการ");
	CHECK_STR(ptext(BODY(d), 2), "มี ☑ ไม่มี ☐");
	CHECK_INT(count_in_doc(d, "☒"), 0);
	rg_doc_free(d);
}

/* Field characters and instructions of complex fields. */
static const char *FLD_BEGIN = "<w:r><w:fldChar w:fldCharType='begin'/></w:r>";
static const char *FLD_SEP = "<w:r><w:fldChar w:fldCharType='separate'/></w:r>";
static const char *FLD_END = "<w:r><w:fldChar w:fldCharType='end'/></w:r>";
static char *INSTR(const char *s) { return S("<w:r><w:instrText xml:space='preserve'>", s, "</w:instrText></w:r>"); }

/* A legacy FORMCHECKBOX field (begin with ffData/checkBox, instrText, end). */
static char *form_checkbox(const char *state)
{
	return S("<w:r><w:fldChar w:fldCharType='begin'><w:ffData><w:name w:val='Check1'/><w:enabled/>",
		"<w:calcOnExit w:val='0'/><w:checkBox><w:sizeAuto/>", state, "</w:checkBox></w:ffData></w:fldChar></w:r>",
		"<w:r><w:instrText xml:space='preserve'> FORMCHECKBOX </w:instrText></w:r>",
		"<w:r><w:fldChar w:fldCharType='end'/></w:r>");
}

/* A legacy FORMCHECKBOX field: w:checked (bare, "1", "true") -> ☑, ("0", "false") -> ☐,
** else w:default decides; the instruction text never shows. */
static void docx_legacy_checkbox(void)
{
	rg_doc *d = read_docx_body(S(
		P(S(form_checkbox("<w:default w:val='0'/><w:checked/>"), R(" ก"))),
		P(S(form_checkbox("<w:default w:val='1'/><w:checked w:val='0'/>"), R(" ข"))),
		P(S(form_checkbox("<w:default w:val='0'/><w:checked w:val='1'/>"), R(" ค"))),
		P(S(form_checkbox("<w:default w:val='0'/><w:checked w:val='true'/>"), R(" ง"))),
		P(S(form_checkbox("<w:default w:val='1'/><w:checked w:val='false'/>"), R(" จ"))),
		P(S(form_checkbox("<w:default w:val='1'/>"), R(" ฉ"))),
		P(S(form_checkbox("<w:default w:val='0'/>"), R(" ช"))),
		/* as Word writes it: begin, instrText, separate with an empty result, end */
		P(S("<w:r><w:fldChar w:fldCharType='begin'><w:ffData><w:name w:val='Check1'/><w:enabled/><w:calcOnExit w:val='0'/>"
			"<w:checkBox><w:sizeAuto/><w:default w:val='1'/><w:checked w:val='0'/></w:checkBox></w:ffData></w:fldChar></w:r>"
			"<w:bookmarkStart w:id='0' w:name='Check1'/>", INSTR(" FORMCHECKBOX "), FLD_SEP, FLD_END,
			"<w:bookmarkEnd w:id='0'/>", R(" ซ")))));

	CHECK_INT(nblocks(BODY(d)), 8);
	CHECK_STR(ptext(BODY(d), 0), "☑ ก");
	CHECK_STR(ptext(BODY(d), 1), "☐ ข");
	CHECK_STR(ptext(BODY(d), 2), "☑ ค");
	CHECK_STR(ptext(BODY(d), 3), "☑ ง");
	CHECK_STR(ptext(BODY(d), 4), "☐ จ");
	CHECK_STR(ptext(BODY(d), 5), "☑ ฉ");
	CHECK_STR(ptext(BODY(d), 6), "☐ ช");
	CHECK_STR(ptext(BODY(d), 7), "☐ ซ");
	CHECK_INT(count_in_doc(d, "FORMCHECKBOX"), 0);
	rg_doc_free(d);
}

/* Content controls are transparent: block-level w:sdt around paragraphs, inline around runs. */
static void docx_sdt_transparent(void)
{
	rg_doc *d = read_docx_body(S(
		"<w:sdt><w:sdtPr><w:alias w:val='ชื่อ'/><w:tag w:val='t'/></w:sdtPr><w:sdtContent>",
		PT("ย่อหน้าในกล่องควบคุม"), PT("ย่อหน้าที่สอง"), "</w:sdtContent></w:sdt>",
		P(S(R("ก่อน"), "<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtEndPr/><w:sdtContent>", R("ใน"),
			"</w:sdtContent></w:sdt>", R("หลัง")))));

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "ย่อหน้าในกล่องควบคุม");
	CHECK_STR(ptext(BODY(d), 1), "ย่อหน้าที่สอง");
	CHECK_STR(ptext(BODY(d), 2), "ก่อนในหลัง");
	CHECK_INT(count_in_doc(d, "ชื่อ"), 0);
	rg_doc_free(d);
}

/* Hyperlinks, smart tags, w:customXml (inline and block) and w:fldSimple show their text. */
static void docx_wrappers_show_text(void)
{
	rg_doc *d = read_docx_body(S(
		P(S(R("ดู"), "<w:hyperlink w:anchor='_Toc1' w:history='1'>", R("ที่นี่"), "</w:hyperlink>")),
		P(S("<w:smartTag w:uri='urn:schemas-microsoft-com:office:smarttags' w:element='place'>", R("กรุงเทพ"),
			"</w:smartTag>", R("มหานคร"))),
		P(S("<w:customXml w:element='amount'>", R("๑๐๐"), "</w:customXml>", R(" บาท"))),
		"<w:customXml w:element='section'>", PT("ย่อหน้าในcustomXml"), "</w:customXml>",
		P(S(R("หน้า "), "<w:fldSimple w:instr=' PAGE   \\* MERGEFORMAT '>", R("๕"), "</w:fldSimple>"))));

	CHECK_INT(nblocks(BODY(d)), 5);
	CHECK_STR(ptext(BODY(d), 0), "ดูที่นี่");
	CHECK_STR(ptext(BODY(d), 1), "กรุงเทพมหานคร");
	CHECK_STR(ptext(BODY(d), 2), "๑๐๐ บาท");
	CHECK_STR(ptext(BODY(d), 3), "ย่อหน้าในcustomXml");
	CHECK_STR(ptext(BODY(d), 4), "หน้า ๕");
	CHECK_INT(count_in_doc(d, "MERGEFORMAT"), 0);
	rg_doc_free(d);
}


/* Complex fields show the result (between separate and end), never the instruction;
** a nested field inside the instruction is skipped; a field without separate shows nothing. */
static void docx_complex_fields(void)
{
	rg_doc *d = read_docx_body(S(
		P(S(R("ก"), FLD_BEGIN, INSTR(" PAGE "), FLD_SEP, R("๕"), FLD_END, R("ข"))),
		P(S(FLD_BEGIN, INSTR(" HYPERLINK \"http://example.invalid/\" "), FLD_SEP, R("ลิงก์"), R("เว็บ"), FLD_END)),
		P(S(R("ผล:"), FLD_BEGIN, INSTR(" IF "), FLD_BEGIN, INSTR(" PAGE "), FLD_SEP, R("๙"), FLD_END,
			INSTR(" = 9 \"ใช่\" \"ไม่\" "), FLD_SEP, R("ใช่"), FLD_END)),
		P(S(R("ไม่มีผล"), FLD_BEGIN, INSTR(" TC \"x\" "), FLD_END)),
		P(S(FLD_BEGIN, INSTR(" MERGEFIELD ชื่อ "), R("คำในคำสั่ง"), FLD_SEP, R("«ชื่อ»"), FLD_END))));

	CHECK_INT(nblocks(BODY(d)), 5);
	CHECK_STR(ptext(BODY(d), 0), "ก๕ข");
	CHECK_STR(ptext(BODY(d), 1), "ลิงก์เว็บ");
	CHECK_STR(ptext(BODY(d), 2), "ผล:ใช่");
	CHECK_STR(ptext(BODY(d), 3), "ไม่มีผล");
	CHECK_STR(ptext(BODY(d), 4), "«ชื่อ»");
	CHECK_INT(count_in_doc(d, "PAGE"), 0);
	CHECK_INT(count_in_doc(d, "HYPERLINK"), 0);
	CHECK_INT(count_in_doc(d, "คำในคำสั่ง"), 0);
	rg_doc_free(d);
}

/* Tracked changes: w:ins kept, w:del (w:delText) dropped, w:moveFrom dropped, w:moveTo kept once;
** a paragraph whose whole text was deleted is not a block. */
static void docx_tracked_changes(void)
{
	const char *ch = " w:author='ผู้แก้' w:date='2026-01-01T00:00:00Z'";
	rg_doc *d = read_docx_body(S(
		P(S(R("ก"), "<w:ins w:id='1'", ch, ">", R("แทรก"), "</w:ins>",
			"<w:del w:id='2'", ch, "><w:r><w:delText>ลบ</w:delText></w:r></w:del>", R("ข"))),
		"<w:p><w:del w:id='3'", ch, "><w:r><w:delText>ทั้งย่อหน้าถูกลบ</w:delText></w:r></w:del></w:p>",
		P(S(R("ต้น"), "<w:moveFromRangeStart w:id='4' w:name='move1'", ch, "/><w:moveFrom w:id='5'", ch, ">",
			R("ย้ายไป"), "</w:moveFrom><w:moveFromRangeEnd w:id='4'/>")),
		P(S("<w:moveToRangeStart w:id='6' w:name='move1'", ch, "/><w:moveTo w:id='7'", ch, ">", R("ย้ายไป"),
			"</w:moveTo><w:moveToRangeEnd w:id='6'/>", R("ปลาย")))));

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "กแทรกข");
	CHECK_STR(ptext(BODY(d), 1), "ต้น");
	CHECK_STR(ptext(BODY(d), 2), "ย้ายไปปลาย");
	CHECK_INT(count_in_doc(d, "ลบ"), 0);
	CHECK_INT(count_in_doc(d, "ย้ายไป"), 1);
	CHECK(no_empty_paragraphs(BODY(d)));
	rg_doc_free(d);
}

/* Hidden text (w:rPr/w:vanish) is left out. */
static void docx_vanish(void)
{
	rg_doc *d = read_docx_body(S(
		P(S(R("เห็น"), "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ซ่อน</w:t></w:r>", R("ได้"))),
		"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>ซ่อนทั้งย่อหน้า</w:t></w:r></w:p>"));

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "เห็นได้");
	CHECK_INT(count_in_doc(d, "ซ่อน"), 0);
	rg_doc_free(d);
}

/* (Beyond the letter of the spec: OOXML on/off) <w:vanish w:val="0"/> and w:val="false" are not hidden. */
static void docx_vanish_off(void)
{
	rg_doc *d = read_docx_body(P(S("<w:r><w:rPr><w:vanish w:val='0'/></w:rPr><w:t>ไม่</w:t></w:r>",
		"<w:r><w:rPr><w:vanish w:val='false'/></w:rPr><w:t>ซ่อน</w:t></w:r>")));

	CHECK_STR(ptext(BODY(d), 0), "ไม่ซ่อน");
	rg_doc_free(d);
}

/* ================================================================== */
/* DOCX: text boxes                                                    */

/* A DrawingML text box goes to textboxes, not into its paragraph's text. */
static void docx_textbox_drawing(void)
{
	rg_doc *d = read_docx_body(P(S(R("ก่อนกล่อง"), "<w:r>", drawing_txbx(PT("ในกล่องภาพ")), "</w:r>", R("หลังกล่อง"))));

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "ก่อนกล่องหลังกล่อง");
	CHECK_INT(nblocks(BOXES(d)), 1);
	CHECK_STR(ptext(BOXES(d), 0), "ในกล่องภาพ");
	CHECK_INT(count_in_doc(d, "ในกล่องภาพ"), 1);
	rg_doc_free(d);
}

/* A VML text box (w:pict/v:shape/v:textbox) goes to textboxes; a paragraph holding only
** the box is not an (empty) body block. */
static void docx_textbox_vml(void)
{
	rg_doc *d = read_docx_body(S(PT("ย่อหน้า"), P(S("<w:r>", vml_txbx(S(PT("กล่องวีเอ็มแอล"), PT("บรรทัดสอง"))), "</w:r>"))));

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "ย่อหน้า");
	CHECK_INT(nblocks(BOXES(d)), 2);
	CHECK_STR(ptext(BOXES(d), 0), "กล่องวีเอ็มแอล");
	CHECK_STR(ptext(BOXES(d), 1), "บรรทัดสอง");
	CHECK(no_empty_paragraphs(BODY(d)));
	rg_doc_free(d);
}

/* mc:AlternateContent with the same text box in Choice (wps) and Fallback (VML): the text comes once. */
static void docx_textbox_alternate_content(void)
{
	char *box = PT("กล่องเดียว");
	rg_doc *d = read_docx_body(P(S(R("นอกกล่อง"), "<w:r><mc:AlternateContent><mc:Choice Requires='wps'>",
		drawing_txbx(box), "</mc:Choice><mc:Fallback>", vml_txbx(box), "</mc:Fallback></mc:AlternateContent></w:r>")));

	CHECK_STR(ptext(BODY(d), 0), "นอกกล่อง");
	CHECK_INT(nblocks(BOXES(d)), 1);
	CHECK_STR(ptext(BOXES(d), 0), "กล่องเดียว");
	CHECK_INT(count_in_doc(d, "กล่องเดียว"), 1);
	rg_doc_free(d);
}

/* A table inside a text box belongs to textboxes, not to the body. */
static void docx_textbox_table(void)
{
	char *tbl = TBL(2, TR(NULL, S(TCT(NULL, "ซ้าย"), TCT(NULL, "ขวา"))));
	rg_doc *d = read_docx_body(S(PT("เนื้อ"), P(S("<w:r>", drawing_txbx(S(PT("หัวตาราง"), tbl)), "</w:r>"))));
	rg_table *t = NULL;
	size_t i;

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "เนื้อ");
	for (i = 0; i < nblocks(BOXES(d)); i++)
		if (btable(BOXES(d), i))
			t = btable(BOXES(d), i);
	CHECK_DIMS(t, 1, 2);
	CHECK_CELL(t, 0, 0, "ซ้าย", 1, 1);
	CHECK_CELL(t, 0, 1, "ขวา", 1, 1);
	CHECK_INT(COUNT(BOXES(d), "หัวตาราง"), 1);
	CHECK_INT(count_in_doc(d, "ซ้าย"), 1);
	rg_doc_free(d);
}

/* ================================================================== */
/* DOCX: tables                                                        */

/* A 2x3 table: sizes, texts, not covered, spans 1, no body; a cell's paragraphs are joined by "\n". */
static void docx_table_basic(void)
{
	rg_doc *d = read_docx_body(S(PT("ก่อนตาราง"), TBL(3, S(
		TR(NULL, S(TCT(NULL, "ลำดับ"), TCT(NULL, "โครงการ"), TCT(NULL, "งบประมาณ"))),
		TR(NULL, S(TCT(NULL, "๑"), TC(NULL, S(PT("บรรทัดหนึ่ง"), PT("บรรทัดสอง"))), TCT(NULL, "")))
		)), PT("หลังตาราง")));
	rg_table *t = btable(BODY(d), 1);
	rg_cell *c;

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "ก่อนตาราง");
	CHECK_STR(ptext(BODY(d), 2), "หลังตาราง");
	CHECK_DIMS(t, 2, 3);
	if (t)
		CHECK_INT(t->header_rows, 0);
	CHECK_CELL(t, 0, 0, "ลำดับ", 1, 1);
	CHECK_CELL(t, 0, 1, "โครงการ", 1, 1);
	CHECK_CELL(t, 0, 2, "งบประมาณ", 1, 1);
	CHECK_CELL(t, 1, 0, "๑", 1, 1);
	CHECK_CELL(t, 1, 1, "บรรทัดหนึ่ง\nบรรทัดสอง", 1, 1);
	CHECK_CELL(t, 1, 2, "", 1, 1);
	c = cell_at(t, 1, 1);
	if (c)
		CHECK_INT(c->body.len, 0);
	rg_doc_free(d);
}

/* w:gridSpan -> colspan; the positions it covers name the origin. */
static void docx_table_gridspan(void)
{
	rg_doc *d = read_docx_body(TBL(3, S(
		TR(NULL, S(TCT("<w:gridSpan w:val='2'/>", "รวมสอง"), TCT(NULL, "ค"))),
		TR(NULL, S(TCT(NULL, "ก"), TCT("<w:gridSpan w:val='2'/>", "ขค"))),
		TR(NULL, TCT("<w:gridSpan w:val='3'/>", "ทั้งแถว")))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 3, 3);
	CHECK_CELL(t, 0, 0, "รวมสอง", 2, 1);
	CHECK_COVERED(t, 0, 1, 0, 0);
	CHECK_CELL(t, 0, 2, "ค", 1, 1);
	CHECK_CELL(t, 1, 0, "ก", 1, 1);
	CHECK_CELL(t, 1, 1, "ขค", 2, 1);
	CHECK_COVERED(t, 1, 2, 1, 1);
	CHECK_CELL(t, 2, 0, "ทั้งแถว", 3, 1);
	CHECK_COVERED(t, 2, 1, 2, 0);
	CHECK_COVERED(t, 2, 2, 2, 0);
	if (t)
		CHECK(rg_table_origin(t, 2, 2) == cell_at(t, 2, 0));
	rg_doc_free(d);
}

/* w:vMerge restart starts a vertical merge; bare <w:vMerge/> and w:val="continue" continue it. */
static void docx_table_vmerge(void)
{
	rg_doc *d = read_docx_body(TBL(2, S(
		TR(NULL, S(TCT("<w:vMerge w:val='restart'/>", "รวมแนวตั้ง"), TCT(NULL, "ก"))),
		TR(NULL, S(TCT("<w:vMerge/>", ""), TCT(NULL, "ข"))),
		TR(NULL, S(TCT("<w:vMerge w:val='continue'/>", ""), TCT(NULL, "ค"))),
		TR(NULL, S(TCT(NULL, "ใหม่"), TCT(NULL, "ง"))))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 4, 2);
	CHECK_CELL(t, 0, 0, "รวมแนวตั้ง", 1, 3);
	CHECK_COVERED(t, 1, 0, 0, 0);
	CHECK_COVERED(t, 2, 0, 0, 0);
	CHECK_CELL(t, 3, 0, "ใหม่", 1, 1);
	CHECK_CELL(t, 1, 1, "ข", 1, 1);
	CHECK_CELL(t, 2, 1, "ค", 1, 1);
	rg_doc_free(d);
}

/* gridSpan and vMerge together make a 2x2 block; a restart right after a merge starts a new one. */
static void docx_table_span_and_merge(void)
{
	const char *m2 = "<w:gridSpan w:val='2'/><w:vMerge w:val='restart'/>";
	const char *c2 = "<w:gridSpan w:val='2'/><w:vMerge/>";
	rg_doc *d = read_docx_body(TBL(3, S(
		TR(NULL, S(TCT(m2, "ก้อน"), TCT("<w:vMerge w:val='restart'/>", "บน"))),
		TR(NULL, S(TCT(c2, ""), TCT("<w:vMerge w:val='restart'/>", "ล่าง"))),
		TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"), TCT("<w:vMerge/>", ""))))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 3, 3);
	CHECK_CELL(t, 0, 0, "ก้อน", 2, 2);
	CHECK_COVERED(t, 0, 1, 0, 0);
	CHECK_COVERED(t, 1, 0, 0, 0);
	CHECK_COVERED(t, 1, 1, 0, 0);
	CHECK_CELL(t, 0, 2, "บน", 1, 1);
	CHECK_CELL(t, 1, 2, "ล่าง", 1, 2);
	CHECK_COVERED(t, 2, 2, 1, 2);
	CHECK_CELL(t, 2, 0, "ก", 1, 1);
	rg_doc_free(d);
}

/* Legacy w:hMerge restart/continue merges horizontally. */
static void docx_table_hmerge(void)
{
	rg_doc *d = read_docx_body(TBL(3, S(
		TR(NULL, S(TCT("<w:hMerge w:val='restart'/>", "แนวนอน"), TCT("<w:hMerge/>", ""), TCT(NULL, "ค"))),
		TR(NULL, S(TCT(NULL, "ก"), TCT("<w:hMerge w:val='restart'/>", "ขค"), TCT("<w:hMerge w:val='continue'/>", ""))))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 2, 3);
	CHECK_CELL(t, 0, 0, "แนวนอน", 2, 1);
	CHECK_COVERED(t, 0, 1, 0, 0);
	CHECK_CELL(t, 0, 2, "ค", 1, 1);
	CHECK_CELL(t, 1, 0, "ก", 1, 1);
	CHECK_CELL(t, 1, 1, "ขค", 2, 1);
	CHECK_COVERED(t, 1, 2, 1, 1);
	rg_doc_free(d);
}

/* w:gridBefore / w:gridAfter pad the row with empty cells ("" and colspan 1). */
static void docx_table_grid_before_after(void)
{
	rg_doc *d = read_docx_body(TBL(4, S(
		TR(NULL, S(TCT(NULL, "๑"), TCT(NULL, "๒"), TCT(NULL, "๓"), TCT(NULL, "๔"))),
		TR("<w:gridBefore w:val='1'/><w:gridAfter w:val='1'/><w:wBefore w:w='1000' w:type='dxa'/>",
			S(TCT(NULL, "ข"), TCT(NULL, "ค"))),
		TR("<w:gridBefore w:val='2'/>", S(TCT(NULL, "ค"), TCT(NULL, "ง"))),
		TR("<w:gridAfter w:val='3'/>", TCT(NULL, "ก")))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 4, 4);
	CHECK_CELL(t, 1, 0, "", 1, 1);
	CHECK_CELL(t, 1, 1, "ข", 1, 1);
	CHECK_CELL(t, 1, 2, "ค", 1, 1);
	CHECK_CELL(t, 1, 3, "", 1, 1);
	CHECK_CELL(t, 2, 0, "", 1, 1);
	CHECK_CELL(t, 2, 1, "", 1, 1);
	CHECK_CELL(t, 2, 2, "ค", 1, 1);
	CHECK_CELL(t, 2, 3, "ง", 1, 1);
	CHECK_CELL(t, 3, 0, "ก", 1, 1);
	CHECK_CELL(t, 3, 1, "", 1, 1);
	CHECK_CELL(t, 3, 3, "", 1, 1);
	rg_doc_free(d);
}

/* A row shorter than the grid is padded with empty cells; without a tblGrid the widest row gives the width. */
static void docx_table_short_row(void)
{
	char *nogrid = S("<w:tbl><w:tblPr/>",
		TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"), TCT(NULL, "ค"))),
		TR(NULL, TCT(NULL, "ง")), "</w:tbl>");
	rg_doc *d = read_docx_body(S(TBL(3, S(
		TR(NULL, S(TCT(NULL, "๑"), TCT(NULL, "๒"), TCT(NULL, "๓"))),
		TR(NULL, TCT(NULL, "สั้น")))), PT("คั่น"), nogrid));
	rg_table *t = btable(BODY(d), 0), *t2 = btable(BODY(d), 2);

	CHECK_DIMS(t, 2, 3);
	CHECK_CELL(t, 1, 0, "สั้น", 1, 1);
	CHECK_CELL(t, 1, 1, "", 1, 1);
	CHECK_CELL(t, 1, 2, "", 1, 1);
	CHECK_DIMS(t2, 2, 3);
	CHECK_CELL(t2, 1, 0, "ง", 1, 1);
	CHECK_CELL(t2, 1, 2, "", 1, 1);
	rg_doc_free(d);
}

/* w:tblHeader on the leading rows -> header_rows (a later marked row does not count). */
static void docx_table_header_rows(void)
{
	const char *h = "<w:cantSplit/><w:tblHeader/>";
	rg_doc *d = read_docx_body(TBL(2, S(
		TR(h, S(TCT(NULL, "หัว๑"), TCT(NULL, "หัว๒"))),
		TR(h, S(TCT(NULL, "หัว๓"), TCT(NULL, "หัว๔"))),
		TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"))),
		TR(h, S(TCT(NULL, "ค"), TCT(NULL, "ง"))))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 4, 2);
	if (t)
		CHECK_INT(t->header_rows, 2);
	rg_doc_free(d);
}

/* A nested table stays in its cell's body (paragraph, table, paragraph) and is not a body block. */
static void docx_table_nested(void)
{
	char *inner = TBL(1, S(TR(NULL, TCT(NULL, "ใน๑")), TR(NULL, TCT(NULL, "ใน๒"))));
	rg_doc *d = read_docx_body(TBL(2, TR(NULL, S(TC(NULL, S(PT("นอก"), inner, PT("หลังใน"))), TCT(NULL, "ธรรมดา")))));
	rg_table *t = btable(BODY(d), 0), *it;
	rg_cell *c;

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_DIMS(t, 1, 2);
	c = cell_at(t, 0, 0);
	CHECK(c != NULL);
	if (!c) {
		rg_doc_free(d);
		return;
	}
	CHECK(c->text != NULL);
	CHECK(c->text && strstr(c->text, "นอก") != NULL);
	CHECK_INT(c->body.len, 3);
	CHECK_STR(ptext(&c->body, 0), "นอก");
	it = btable(&c->body, 1);
	CHECK_DIMS(it, 2, 1);
	CHECK_CELL(it, 0, 0, "ใน๑", 1, 1);
	CHECK_CELL(it, 1, 0, "ใน๒", 1, 1);
	CHECK_STR(ptext(&c->body, 2), "หลังใน");
	CHECK_CELL(t, 0, 1, "ธรรมดา", 1, 1);
	c = cell_at(t, 0, 1);
	if (c)
		CHECK_INT(c->body.len, 0);
	rg_doc_free(d);
}

/* Content controls around table rows and around cells are transparent. */
static void docx_table_sdt_rows_cells(void)
{
	rg_doc *d = read_docx_body(TBL(2, S(
		TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"))),
		"<w:sdt><w:sdtPr><w:repeatingSection/></w:sdtPr><w:sdtContent>",
		TR(NULL, S(TCT(NULL, "ค"), "<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>", TCT(NULL, "ง"),
			"</w:sdtContent></w:sdt>")),
		TR(NULL, S(TCT(NULL, "จ"), TCT(NULL, "ฉ"))),
		"</w:sdtContent></w:sdt>")));
	rg_table *t = btable(BODY(d), 0);

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_DIMS(t, 3, 2);
	CHECK_CELL(t, 1, 0, "ค", 1, 1);
	CHECK_CELL(t, 1, 1, "ง", 1, 1);
	CHECK_CELL(t, 2, 1, "ฉ", 1, 1);
	rg_doc_free(d);
}

/* Checkboxes, tracked changes and runs split mid-word work inside table cells too. */
static void docx_table_cell_content(void)
{
	rg_doc *d = read_docx_body(TBL(2, TR(NULL, S(
		TC(NULL, P(S(sdt_checkbox("1", "☒"), R(" ทำ")))),
		TC(NULL, P(S(R("ดำเนิน"), "<w:ins w:id='1' w:author='x'>", R("การ"), "</w:ins>",
			"<w:del w:id='2' w:author='x'><w:r><w:delText>ลบ</w:delText></w:r></w:del>")))))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_CELL(t, 0, 0, "☑ ทำ", 1, 1);
	CHECK_CELL(t, 0, 1, "ดำเนินการ", 1, 1);
	rg_doc_free(d);
}

/* ================================================================== */
/* ODT                                                                 */

/* Paragraphs and headings in order; the format is ODT. */
static void odt_basic(void)
{
	rg_doc *d = read_odt_body("<text:h text:style-name='Heading_20_1' text:outline-level='1'>หัวข้อ</text:h>"
		"<text:p text:style-name='Standard'>สวัสดี</text:p><text:p text:style-name='Standard'/>"
		"<text:p>ย่อหน้าสอง</text:p>");

	CHECK(d != NULL);
	if (d)
		CHECK_INT(d->format, RG_FORMAT_ODT);
	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "หัวข้อ");
	CHECK_STR(ptext(BODY(d), 1), "สวัสดี");
	CHECK_STR(ptext(BODY(d), 2), "ย่อหน้าสอง");
	rg_doc_free(d);
}

/* text:s (text:c spaces), text:tab, text:line-break; spans and links show their text. */
static void odt_spaces_tabs_breaks(void)
{
	rg_doc *d = read_odt_body(
		"<text:p>ก<text:s text:c='3'/>ข<text:s/>ค</text:p>"
		"<text:p>ง<text:tab/>จ<text:line-break/>ฉ</text:p>"
		"<text:p><text:span text:style-name='T1'>ดำเนิน</text:span><text:span text:style-name='T2'>การ</text:span>"
		"<text:a xlink:type='simple' xlink:href='http://example.invalid/'>ลิงก์</text:a></text:p>");

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "ก   ข ค");
	CHECK_STR(ptext(BODY(d), 1), "ง\tจ\nฉ");
	CHECK_STR(ptext(BODY(d), 2), "ดำเนินการลิงก์");
	rg_doc_free(d);
}

/* ODF whitespace: runs of spaces/newlines/tabs in the XML collapse to one space; text:s adds literal spaces. */
static void odt_whitespace_collapse(void)
{
	rg_doc *d = read_odt_body(
		"<text:p>ก   ข\n   ค\t\tง</text:p>"
		"<text:p>จ <text:s text:c='2'/>ฉ</text:p>"
		"<text:p><text:span>ช</text:span> <text:span>ซ</text:span></text:p>");

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "ก ข ค ง");
	CHECK_STR(ptext(BODY(d), 1), "จ   ฉ");
	CHECK_STR(ptext(BODY(d), 2), "ช ซ");
	rg_doc_free(d);
}

/* Pretty-printed XML (newlines and indentation between elements) makes no blocks and no text. */
static void odt_pretty_printed(void)
{
	rg_doc *d = read_odt_body("\n  <text:p>หนึ่ง</text:p>\n  \n  <text:list>\n    <text:list-item>\n      "
		"<text:p>สอง</text:p>\n    </text:list-item>\n  </text:list>\n");

	CHECK_INT(nblocks(BODY(d)), 2);
	CHECK_STR(ptext(BODY(d), 0), "หนึ่ง");
	CHECK_STR(ptext(BODY(d), 1), "สอง");
	rg_doc_free(d);
}

/* Lists (nested too) give their paragraphs; text:soft-page-break is ignored. */
static void odt_lists_soft_page_break(void)
{
	rg_doc *d = read_odt_body(
		"<text:list text:style-name='L1'><text:list-header><text:p>หัวรายการ</text:p></text:list-header>"
		"<text:list-item><text:p>ข้อหนึ่ง</text:p></text:list-item>"
		"<text:list-item><text:p>ข้อสอง</text:p><text:list><text:list-item><text:p>ข้อย่อย</text:p>"
		"</text:list-item></text:list></text:list-item></text:list>"
		"<text:soft-page-break/>"
		"<text:p>ก่อน<text:soft-page-break/>หลัง</text:p>");

	CHECK_INT(nblocks(BODY(d)), 5);
	CHECK_STR(ptext(BODY(d), 0), "หัวรายการ");
	CHECK_STR(ptext(BODY(d), 1), "ข้อหนึ่ง");
	CHECK_STR(ptext(BODY(d), 2), "ข้อสอง");
	CHECK_STR(ptext(BODY(d), 3), "ข้อย่อย");
	CHECK_STR(ptext(BODY(d), 4), "ก่อนหลัง");
	rg_doc_free(d);
}

/* text:tracked-changes is skipped: deleted text never appears; inserted text stays. */
static void odt_tracked_changes(void)
{
	rg_doc *d = read_odt_body(
		"<text:tracked-changes text:track-changes='true'>"
		"<text:changed-region xml:id='ct1' text:id='ct1'><text:deletion><office:change-info>"
		"<dc:creator>ผู้แก้</dc:creator><dc:date>2026-01-01T00:00:00</dc:date></office:change-info>"
		"<text:p>ข้อความที่ถูกลบ</text:p></text:deletion></text:changed-region>"
		"<text:changed-region xml:id='ct2' text:id='ct2'><text:insertion><office:change-info>"
		"<dc:creator>ผู้แก้</dc:creator><dc:date>2026-01-01T00:00:00</dc:date></office:change-info>"
		"</text:insertion></text:changed-region></text:tracked-changes>"
		"<text:p>ก<text:change text:change-id='ct1'/>ข<text:change-start text:change-id='ct2'/>แทรก"
		"<text:change-end text:change-id='ct2'/></text:p>");

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "กขแทรก");
	CHECK_INT(count_in_doc(d, "ถูกลบ"), 0);
	CHECK_INT(count_in_doc(d, "ผู้แก้"), 0);
	rg_doc_free(d);
}

/* draw:frame/draw:text-box content goes to textboxes, not into the paragraph. */
static void odt_textbox(void)
{
	rg_doc *d = read_odt_body(
		"<text:p>ก่อน<draw:frame draw:style-name='fr1' draw:name='Frame1' text:anchor-type='as-char'"
		" svg:width='4cm' draw:z-index='0'><draw:text-box fo:min-height='1cm'>"
		"<text:p>ในกรอบ</text:p><text:p>บรรทัดสอง</text:p></draw:text-box></draw:frame>หลัง</text:p>");

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "ก่อนหลัง");
	CHECK_INT(nblocks(BOXES(d)), 2);
	CHECK_STR(ptext(BOXES(d), 0), "ในกรอบ");
	CHECK_STR(ptext(BOXES(d), 1), "บรรทัดสอง");
	CHECK_INT(count_in_doc(d, "ในกรอบ"), 1);
	rg_doc_free(d);
}

/* text:note: the citation is not text, the note body goes to footnotes (endnotes too). */
static void odt_notes(void)
{
	rg_doc *d = read_odt_body(
		"<text:p>ข้อ<text:note text:id='ftn1' text:note-class='footnote'><text:note-citation>1</text:note-citation>"
		"<text:note-body><text:p text:style-name='Footnote'>เชิงอรรถ</text:p></text:note-body></text:note>ความ</text:p>"
		"<text:p>ท้าย<text:note text:id='edn1' text:note-class='endnote'><text:note-citation>i</text:note-citation>"
		"<text:note-body><text:p>อ้างท้าย</text:p></text:note-body></text:note></text:p>");

	CHECK_INT(nblocks(BODY(d)), 2);
	CHECK_STR(ptext(BODY(d), 0), "ข้อความ");
	CHECK_STR(ptext(BODY(d), 1), "ท้าย");
	CHECK_INT(nblocks(NOTES(d)), 2);
	CHECK_STR(ptext(NOTES(d), 0), "เชิงอรรถ");
	CHECK_STR(ptext(NOTES(d), 1), "อ้างท้าย");
	rg_doc_free(d);
}

/* Headers and footers of styles.xml master pages go to headers/footers. */
static void odt_headers_footers(void)
{
	char *styles = odt_styles_xml("<style:header><text:p text:style-name='Header'>หัวกระดาษ</text:p></style:header>"
		"<style:footer><text:p text:style-name='Footer'>ท้ายกระดาษ</text:p></style:footer>");
	rg_doc *d = read_pkg(make_odt_pkg(odt_content_xml(NULL, NULL, "<text:p>เนื้อหา</text:p>"), styles));

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "เนื้อหา");
	CHECK_INT(nblocks(HEADERS(d)), 1);
	CHECK_STR(ptext(HEADERS(d), 0), "หัวกระดาษ");
	CHECK_INT(nblocks(FOOTERS(d)), 1);
	CHECK_STR(ptext(FOOTERS(d), 0), "ท้ายกระดาษ");
	rg_doc_free(d);
}

/* LibreOffice checkbox content controls: ☑ when checked="true", ☐ otherwise, replacing the shown glyph. */
static void odt_checkbox_content_control(void)
{
	rg_doc *d = read_odt_body(
		"<text:p><loext:content-control loext:checkbox='true' loext:checked='true' loext:checked-state='☒'"
		" loext:unchecked-state='☐'>☒</loext:content-control> ทำแล้ว</text:p>"
		"<text:p><loext:content-control loext:checkbox='true' loext:checked-state='☒'"
		" loext:unchecked-state='☐'>☐</loext:content-control> ยังไม่ทำ</text:p>"
		"<text:p><loext:content-control loext:checkbox='true' loext:checked='false'>☐</loext:content-control> ไม่</text:p>");

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "☑ ทำแล้ว");
	CHECK_STR(ptext(BODY(d), 1), "☐ ยังไม่ทำ");
	CHECK_STR(ptext(BODY(d), 2), "☐ ไม่");
	rg_doc_free(d);
}

/* A Wingdings private-use character in a span whose automatic style uses the Wingdings font
** maps like w:sym: U+F0FE -> ☑, U+F0A8 -> ☐. */
static void odt_wingdings_span(void)
{
	const char *fonts = "<style:font-face style:name='Wingdings' svg:font-family='Wingdings'"
		" style:font-pitch='variable' style:font-charset='x-symbol'/>"
		"<style:font-face style:name='TH SarabunPSK' svg:font-family='&apos;TH SarabunPSK&apos;'/>";
	const char *autos = "<style:style style:name='T1' style:family='text'><style:text-properties"
		" style:font-name='Wingdings'/></style:style>";
	rg_doc *d = read_pkg(make_odt_pkg(odt_content_xml(fonts, autos,
		"<text:p><text:span text:style-name='T1'>\xEF\x83\xBE</text:span> เลือก</text:p>"
		"<text:p><text:span text:style-name='T1'>\xEF\x82\xA8</text:span> ไม่เลือก</text:p>"), NULL));

	CHECK_INT(nblocks(BODY(d)), 2);
	CHECK_STR(ptext(BODY(d), 0), "☑ เลือก");
	CHECK_STR(ptext(BODY(d), 1), "☐ ไม่เลือก");
	rg_doc_free(d);
}

static const char *ODT_TBL_HEAD =
	"<table:table table:name='Table1' table:style-name='Table1'>";

/* A table: table-column repeated defines the width; texts; a cell's paragraphs joined by "\n". */
static void odt_table_basic(void)
{
	rg_doc *d = read_odt_body(S("<text:p>ก่อน</text:p>", ODT_TBL_HEAD,
		"<table:table-column table:style-name='Table1.A' table:number-columns-repeated='3'/>"
		"<table:table-row><table:table-cell office:value-type='string'><text:p>ลำดับ</text:p></table:table-cell>"
		"<table:table-cell><text:p>โครงการ</text:p></table:table-cell>"
		"<table:table-cell><text:p>งบ</text:p></table:table-cell></table:table-row>"
		"<table:table-row><table:table-cell><text:p>๑</text:p></table:table-cell>"
		"<table:table-cell><text:p>บรรทัดหนึ่ง</text:p><text:p>บรรทัดสอง</text:p></table:table-cell>"
		"<table:table-cell/></table:table-row></table:table><text:p>หลัง</text:p>"));
	rg_table *t = btable(BODY(d), 1);

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "ก่อน");
	CHECK_STR(ptext(BODY(d), 2), "หลัง");
	CHECK_DIMS(t, 2, 3);
	if (t)
		CHECK_INT(t->header_rows, 0);
	CHECK_CELL(t, 0, 0, "ลำดับ", 1, 1);
	CHECK_CELL(t, 0, 2, "งบ", 1, 1);
	CHECK_CELL(t, 1, 1, "บรรทัดหนึ่ง\nบรรทัดสอง", 1, 1);
	CHECK_CELL(t, 1, 2, "", 1, 1);
	rg_doc_free(d);
}

/* number-columns-spanned / number-rows-spanned with covered-table-cell -> colspan/rowspan/covered. */
static void odt_table_spans(void)
{
	rg_doc *d = read_odt_body(S(ODT_TBL_HEAD,
		"<table:table-column table:number-columns-repeated='2'/><table:table-column/>"
		"<table:table-row><table:table-cell table:number-columns-spanned='2' table:number-rows-spanned='2'>"
		"<text:p>ก้อน</text:p></table:table-cell><table:covered-table-cell/>"
		"<table:table-cell table:number-rows-spanned='3'><text:p>ยาว</text:p></table:table-cell></table:table-row>"
		"<table:table-row><table:covered-table-cell/><table:covered-table-cell/><table:covered-table-cell/></table:table-row>"
		"<table:table-row><table:table-cell table:number-columns-spanned='2'><text:p>คู่</text:p></table:table-cell>"
		"<table:covered-table-cell/><table:covered-table-cell/></table:table-row>"
		"</table:table>"));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 3, 3);
	CHECK_CELL(t, 0, 0, "ก้อน", 2, 2);
	CHECK_COVERED(t, 0, 1, 0, 0);
	CHECK_COVERED(t, 1, 0, 0, 0);
	CHECK_COVERED(t, 1, 1, 0, 0);
	CHECK_CELL(t, 0, 2, "ยาว", 1, 3);
	CHECK_COVERED(t, 1, 2, 0, 2);
	CHECK_COVERED(t, 2, 2, 0, 2);
	CHECK_CELL(t, 2, 0, "คู่", 2, 1);
	CHECK_COVERED(t, 2, 1, 2, 0);
	rg_doc_free(d);
}

/* number-columns-repeated on a cell repeats it (N separate cells, same text), it does not span. */
static void odt_table_cell_repeated(void)
{
	rg_doc *d = read_odt_body(S(ODT_TBL_HEAD,
		"<table:table-column table:number-columns-repeated='4'/>"
		"<table:table-row><table:table-cell table:number-columns-repeated='3'><text:p>ซ้ำ</text:p></table:table-cell>"
		"<table:table-cell><text:p>ท้าย</text:p></table:table-cell></table:table-row>"
		"<table:table-row><table:table-cell><text:p>ก</text:p></table:table-cell>"
		"<table:table-cell table:number-columns-repeated='3'/></table:table-row>"
		"</table:table>"));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 2, 4);
	CHECK_CELL(t, 0, 0, "ซ้ำ", 1, 1);
	CHECK_CELL(t, 0, 1, "ซ้ำ", 1, 1);
	CHECK_CELL(t, 0, 2, "ซ้ำ", 1, 1);
	CHECK_CELL(t, 0, 3, "ท้าย", 1, 1);
	CHECK_CELL(t, 1, 0, "ก", 1, 1);
	CHECK_CELL(t, 1, 1, "", 1, 1);
	CHECK_CELL(t, 1, 3, "", 1, 1);
	rg_doc_free(d);
}

/* table:table-header-rows -> header_rows; soft page breaks between rows are ignored. */
static void odt_table_header_rows(void)
{
	rg_doc *d = read_odt_body(S(ODT_TBL_HEAD,
		"<table:table-column table:number-columns-repeated='2'/>"
		"<table:table-header-rows><table:table-row><table:table-cell><text:p>หัว๑</text:p></table:table-cell>"
		"<table:table-cell><text:p>หัว๒</text:p></table:table-cell></table:table-row></table:table-header-rows>"
		"<table:table-row><table:table-cell><text:p>ก</text:p></table:table-cell>"
		"<table:table-cell><text:p>ข</text:p></table:table-cell></table:table-row>"
		"<text:soft-page-break/>"
		"<table:table-row><table:table-cell><text:p>ค</text:p></table:table-cell>"
		"<table:table-cell><text:p>ง</text:p></table:table-cell></table:table-row>"
		"</table:table>"));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 3, 2);
	if (t)
		CHECK_INT(t->header_rows, 1);
	CHECK_CELL(t, 0, 0, "หัว๑", 1, 1);
	CHECK_CELL(t, 1, 1, "ข", 1, 1);
	CHECK_CELL(t, 2, 0, "ค", 1, 1);
	CHECK_CELL(t, 2, 1, "ง", 1, 1);
	rg_doc_free(d);
}

/* A nested table (table:table inside a cell) stays in the cell's body. */
static void odt_table_nested(void)
{
	rg_doc *d = read_odt_body(S(ODT_TBL_HEAD,
		"<table:table-column table:number-columns-repeated='2'/>"
		"<table:table-row><table:table-cell><text:p>นอก</text:p>"
		"<table:table table:name='Table2'><table:table-column/>"
		"<table:table-row><table:table-cell><text:p>ใน๑</text:p></table:table-cell></table:table-row>"
		"<table:table-row><table:table-cell><text:p>ใน๒</text:p></table:table-cell></table:table-row>"
		"</table:table><text:p>หลังใน</text:p></table:table-cell>"
		"<table:table-cell><text:p>ธรรมดา</text:p></table:table-cell></table:table-row></table:table>"));
	rg_table *t = btable(BODY(d), 0), *it;
	rg_cell *c;

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_DIMS(t, 1, 2);
	c = cell_at(t, 0, 0);
	CHECK(c != NULL);
	if (!c) {
		rg_doc_free(d);
		return;
	}
	CHECK(c->text != NULL);
	CHECK_INT(c->body.len, 3);
	CHECK_STR(ptext(&c->body, 0), "นอก");
	it = btable(&c->body, 1);
	CHECK_DIMS(it, 2, 1);
	CHECK_CELL(it, 0, 0, "ใน๑", 1, 1);
	CHECK_CELL(it, 1, 0, "ใน๒", 1, 1);
	CHECK_STR(ptext(&c->body, 2), "หลังใน");
	CHECK_CELL(t, 0, 1, "ธรรมดา", 1, 1);
	rg_doc_free(d);
}

/* rg_read_odt_xml() reads a content.xml alone. */
static void odt_xml_alone(void)
{
	char *xml = odt_content_xml(NULL, NULL, "<text:p>เฉพาะเนื้อหา</text:p>");
	rg_limits lim = test_limits();
	rg_doc *d = NOT_SET;
	int rc = rg_read_odt_xml(xml, strlen(xml), &lim, &d);

	CHECK_INT(rc, 0);
	if (rc == 0) {
		CHECK_STR(ptext(BODY(d), 0), "เฉพาะเนื้อหา");
		rg_doc_free(d);
	}
}

/* rg_read_file() reads an ODT from a temporary file with no extension. */
static void odt_read_file(void)
{
	zbytes z = make_odt("<text:p>ไฟล์โอดีที</text:p>");
	char path[] = "/tmp/rg_test_reader_XXXXXX";
	int fd = mkstemp(path);
	rg_limits lim = test_limits();
	rg_doc *d = NOT_SET;
	int rc;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, z.data, z.len) == (ssize_t)z.len);
	close(fd);
	rc = rg_read_file(path, &lim, &d);
	unlink(path);
	CHECK_INT(rc, 0);
	if (rc == 0) {
		CHECK_INT(d->format, RG_FORMAT_ODT);
		CHECK_STR(ptext(BODY(d), 0), "ไฟล์โอดีที");
		rg_doc_free(d);
	}
}

/* ================================================================== */
/* Bad input                                                           */

/* Random bytes are not a zip: negative code, *out NULL, one-line message. */
static void bad_random_bytes(void)
{
	unsigned char buf[4096];
	unsigned x = 12345;
	size_t i;
	rg_doc *d;
	int rc;

	for (i = 0; i < sizeof(buf); i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (unsigned char)(x >> 16);
	}
	rc = read_raw(buf, sizeof(buf), NULL, &d);
	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_EFORMAT);
}

/* An empty buffer (and a NULL pointer of length 0) fail cleanly. */
static void bad_empty(void)
{
	char dummy = 0;
	rg_doc *d;
	int rc = read_raw(&dummy, 0, NULL, &d);

	CHECK_FAILS(rc, d);
	rc = read_raw(NULL, 0, NULL, &d);
	CHECK(rc < 0);
	CHECK(d == NULL);
}

/* A valid DOCX cut in half (the central directory is gone) fails cleanly. */
static void bad_truncated_zip(void)
{
	zbytes z = make_docx(S(PT("ครึ่ง"), PT(repeat("ข้อความยาว ", 200))));
	rg_doc *d;
	int rc = read_raw(z.data, z.len / 2, NULL, &d);

	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_EFORMAT);
	/* also cut just before the end-of-central-directory record ends */
	rc = read_raw(z.data, z.len - 10, NULL, &d);
	CHECK_FAILS(rc, d);
}

/* An OLE compound file (what an encrypted OOXML file is) -> RG_EENCRYPTED or RG_EFORMAT,
** the message mentions password, encrypted or OLE. */
static void bad_ole_file(void)
{
	static unsigned char buf[8192];
	static const unsigned char magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	rg_doc *d;
	int rc;

	memcpy(buf, magic, sizeof(magic));
	rc = read_raw(buf, sizeof(buf), NULL, &d);
	CHECK_FAILS(rc, d);
	CHECK(rc == RG_EENCRYPTED || rc == RG_EFORMAT);
	CHECK(msg_has("password") || msg_has("encrypt") || msg_has("OLE"));
}

/* An ODT whose manifest has manifest:encryption-data for content.xml -> RG_EENCRYPTED. */
static void bad_odt_encrypted(void)
{
	const char *entry =
		"<manifest:file-entry manifest:full-path='content.xml' manifest:media-type='text/xml' manifest:size='1834'>"
		"<manifest:encryption-data manifest:checksum-type='urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k'"
		" manifest:checksum='YWJjZA=='><manifest:algorithm manifest:algorithm-name='http://www.w3.org/2001/04/xmlenc#aes256-cbc'"
		" manifest:initialisation-vector='MTIzNDU2Nzg5MDEyMzQ1Ng=='/><manifest:start-key-generation"
		" manifest:start-key-generation-name='http://www.w3.org/2000/09/xmldsig#sha256' manifest:key-size='32'/>"
		"<manifest:key-derivation manifest:key-derivation-name='PBKDF2' manifest:key-size='32'"
		" manifest:iteration-count='100000' manifest:salt='c2FsdHNhbHRzYWx0c2FsdA=='/></manifest:encryption-data>"
		"</manifest:file-entry>";
	unsigned char junk[1834];
	unsigned x = 7;
	size_t i;
	zpart parts[4];
	zbytes z;
	rg_doc *d;
	int rc;

	for (i = 0; i < sizeof(junk); i++) {
		x = x * 1103515245u + 12345u;
		junk[i] = (unsigned char)(x >> 16);
	}
	parts[0] = (zpart){ "mimetype", ODT_MIME, 0, 1 };
	parts[1] = (zpart){ "META-INF/manifest.xml", odt_manifest(entry, 0), 0, 0 };
	parts[2] = (zpart){ "content.xml", (const char *)junk, sizeof(junk), 1 };
	parts[3] = (zpart){ NULL, NULL, 0, 0 };
	z = make_zip(parts);
	rc = read_raw(z.data, z.len, NULL, &d);
	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_EENCRYPTED);
}

/* A zip with no document part -> RG_EFORMAT (a plain zip, and a DOCX whose main part is missing). */
static void bad_no_document_part(void)
{
	zpart plain[] = { { "readme.txt", "ไม่ใช่เอกสาร", 0, 0 }, { "data/x.xml", "<x/>", 0, 0 }, { NULL, NULL, 0, 0 } };
	zbytes z = make_zip(plain);
	zpart ct_only[4];
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_EFORMAT);

	ct_only[0] = (zpart){ "[Content_Types].xml", XML_DECL "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
		"<Default Extension='xml' ContentType='application/xml'/></Types>", 0, 0 };
	ct_only[1] = (zpart){ "_rels/.rels", rels_xml(rel("rId1", RT_OFFICE, "word/document.xml")), 0, 0 };
	ct_only[2] = (zpart){ "word/styles.xml", docx_part_xml("styles", ""), 0, 0 };
	ct_only[3] = (zpart){ NULL, NULL, 0, 0 };
	z = make_zip(ct_only);
	rc = read_raw(z.data, z.len, NULL, &d);
	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_EFORMAT);

	/* an ODT mimetype with no content.xml */
	{
		zpart odt[] = { { "mimetype", ODT_MIME, 0, 1 }, { "META-INF/manifest.xml", odt_manifest(NULL, 0), 0, 0 },
			{ NULL, NULL, 0, 0 } };
		z = make_zip(odt);
		rc = read_raw(z.data, z.len, NULL, &d);
		CHECK_FAILS(rc, d);
		CHECK_INT(rc, RG_EFORMAT);
	}
}

/* Malformed XML in document.xml -> RG_EFORMAT naming the part; same for an ODT content.xml. */
static void bad_malformed_xml(void)
{
	zbytes z = make_docx_pkg("word/document.xml",
		XML_DECL "<w:document xmlns:w='" W_NS "'><w:body><w:p><w:r><w:t>ไม่ปิด</w:r></w:p></w:body></w:document>",
		NULL, RT_OFFICE, "word/document.xml", NULL);
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_EFORMAT);
	CHECK(msg_has("document.xml"));

	z = make_odt_pkg(XML_DECL "<office:document-content" ODF_NS "><office:body><office:text><text:p>ก</text:h>"
		"</office:text></office:body></office:document-content>", NULL);
	rc = read_raw(z.data, z.len, NULL, &d);
	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_EFORMAT);
	CHECK(msg_has("content.xml"));
}

/* Malformed XML in a header part is an error too (or the part is skipped), never a crash. */
static void bad_malformed_header(void)
{
	zpart extra[] = { { "word/header1.xml", XML_DECL "<w:hdr xmlns:w='" W_NS "'><w:p>", 0, 0 }, { NULL, NULL, 0, 0 } };
	zbytes z = make_docx_ex(PT("เนื้อ"), rel("rIdH", RT_HEADER, "header1.xml"), extra);
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	if (rc < 0) {
		CHECK_FAILS(rc, d);
		CHECK(msg_has("header1.xml"));
	} else {
		CHECK(d != NULL && d != NOT_SET);
		if (d && d != NOT_SET)
			rg_doc_free(d);
	}
}

static const char *LOL_DTD =
	"<!DOCTYPE w:document [\n"
	" <!ENTITY lol 'lol'>\n"
	" <!ENTITY lol1 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>\n"
	" <!ENTITY lol2 '&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'>\n"
	" <!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>\n"
	" <!ENTITY lol4 '&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;'>\n"
	" <!ENTITY lol5 '&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;'>\n"
	" <!ENTITY lol6 '&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;'>\n"
	" <!ENTITY lol7 '&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;'>\n"
	" <!ENTITY lol8 '&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;'>\n"
	" <!ENTITY lol9 '&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;'>\n"
	"]>\n";

/* A DOCTYPE with internal entities (billion laughs) is refused with a negative code. */
static void bad_billion_laughs(void)
{
	zbytes z = make_docx_pkg("word/document.xml",
		S(XML_DECL, LOL_DTD, "<w:document xmlns:w='" W_NS "'><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"),
		NULL, RT_OFFICE, "word/document.xml", NULL);
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	CHECK_FAILS(rc, d);
	if (rc >= 0 && d && d != NOT_SET)
		rg_doc_free(d);
}

/* Billion laughs in an ODT content.xml is refused too. */
static void bad_billion_laughs_odt(void)
{
	char *dtd = strdup(LOL_DTD);
	char *p = strstr(dtd, "w:document");
	zbytes z;
	rg_doc *d;
	int rc;

	memcpy(p, "office:doc", 10); /* the root name does not matter to the entity expansion */
	z = make_odt_pkg(S(XML_DECL, dtd, "<office:document-content" ODF_NS "><office:body><office:text>"
		"<text:p>&lol9;</text:p></office:text></office:body></office:document-content>"), NULL);
	rc = read_raw(z.data, z.len, NULL, &d);
	CHECK_FAILS(rc, d);
	if (rc >= 0 && d && d != NOT_SET)
		rg_doc_free(d);
}

/* An external entity SYSTEM "file:///etc/passwd" is refused, or at least /etc/passwd never shows. */
static void bad_xxe(void)
{
	zbytes z = make_docx_pkg("word/document.xml",
		S(XML_DECL, "<!DOCTYPE w:document [ <!ENTITY xxe SYSTEM 'file:///etc/passwd'> ]>",
			"<w:document xmlns:w='" W_NS "'><w:body><w:p><w:r><w:t>ก&xxe;ข</w:t></w:r></w:p></w:body></w:document>"),
		NULL, RT_OFFICE, "word/document.xml", NULL);
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	if (rc < 0) {
		CHECK_FAILS(rc, d);
	} else {
		CHECK(d != NULL && d != NOT_SET);
		if (d && d != NOT_SET) {
			CHECK_INT(count_in_doc(d, "root:"), 0);
			rg_doc_free(d);
		}
	}
}

/* An external parameter entity (%) pulling /etc/passwd: refused or never shown. */
static void bad_xxe_parameter_entity(void)
{
	zbytes z = make_odt_pkg(S(XML_DECL, "<!DOCTYPE office:document-content [ <!ENTITY % ext SYSTEM 'file:///etc/passwd'> %ext; ]>",
		"<office:document-content" ODF_NS "><office:body><office:text><text:p>ก</text:p>"
		"</office:text></office:body></office:document-content>"), NULL);
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	if (rc < 0) {
		CHECK_FAILS(rc, d);
	} else {
		CHECK(d != NULL && d != NOT_SET);
		if (d && d != NOT_SET) {
			CHECK_INT(count_in_doc(d, "root:"), 0);
			rg_doc_free(d);
		}
	}
}

/* The document.xml of a bomb: <w:t> holding nspaces spaces, produced on the fly. */
typedef struct {
	const char *head, *tail;
	size_t nspaces, pos, total;
} bomb_src;

static zip_int64_t bomb_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	bomb_src *b = ud;
	size_t hl = strlen(b->head), tl = strlen(b->tail), n = 0;
	char *out = data;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		b->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		while (n < len && b->pos < b->total) {
			size_t p = b->pos, k;
			if (p < hl) {
				k = hl - p < len - n ? hl - p : len - n;
				memcpy(out + n, b->head + p, k);
			} else if (p < hl + b->nspaces) {
				k = hl + b->nspaces - p < len - n ? hl + b->nspaces - p : len - n;
				memset(out + n, ' ', k);
			} else {
				k = b->total - p < len - n ? b->total - p : len - n;
				memcpy(out + n, b->tail + (p - hl - b->nspaces), k);
			}
			n += k;
			b->pos += k;
		}
		(void)tl;
		return (zip_int64_t)n;
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->size = b->total;
		st->mtime = 0;
		st->valid |= ZIP_STAT_SIZE | ZIP_STAT_MTIME;
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR:
		return 0;
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
			ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		return -1;
	}
}

/* A DOCX whose document.xml has a w:t of nspaces spaces (deflated, ~1000:1). */
static zbytes make_bomb_docx(size_t nspaces)
{
	static bomb_src b;
	char *ct = S(XML_DECL "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
		"<Default Extension='rels' ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
		"<Default Extension='xml' ContentType='application/xml'/></Types>");
	zip_source_t *src, *s;
	zip_t *za = zip_mem_begin(&src);
	zip_int64_t idx;

	b.head = XML_DECL "<w:document xmlns:w='" W_NS "'><w:body><w:p><w:r><w:t xml:space='preserve'>ก";
	b.tail = "ข</w:t></w:r></w:p></w:body></w:document>";
	b.nspaces = nspaces;
	b.total = strlen(b.head) + nspaces + strlen(b.tail);
	zip_mem_add(za, "[Content_Types].xml", ct, strlen(ct), 0);
	{
		char *r = rels_xml(rel("rId1", RT_OFFICE, "word/document.xml"));
		zip_mem_add(za, "_rels/.rels", r, strlen(r), 0);
	}
	s = zip_source_function(za, bomb_cb, &b);
	if (!s)
		abort();
	idx = zip_file_add(za, "word/document.xml", s, ZIP_FL_ENC_UTF_8);
	if (idx < 0)
		abort();
	zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9);
	return zip_mem_end(za, src);
}

/* A 300 MB part of spaces (compresses ~1000:1) with default limits -> RG_ELIMIT naming the limit. */
static void bad_zip_bomb_300mb(void)
{
	zbytes z = make_bomb_docx((size_t)300 << 20);
	rg_doc *d;
	int rc;

	fprintf(stderr, "  bomb package: %zu bytes\n", z.len);
	rc = read_raw(z.data, z.len, NULL, &d);
	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_ELIMIT);
	CHECK(msg_has("max-part-size") || msg_has("max-ratio"));
}

/* A 5 MB part of spaces (ratio ~1000 > 500, above 1 MiB) with default limits -> RG_ELIMIT max-ratio. */
static void bad_zip_ratio(void)
{
	zbytes z = make_bomb_docx((size_t)5 << 20);
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_ELIMIT);
	CHECK(msg_has("max-ratio"));
}

/* A 50 MB part with max_part_size 1 MiB (ratio limit out of the way) -> RG_ELIMIT max-part-size. */
static void bad_part_too_big(void)
{
	zbytes z = make_bomb_docx((size_t)50 << 20);
	rg_limits lim = test_limits();
	rg_doc *d;
	int rc;

	lim.max_part_size = (size_t)1 << 20;
	lim.max_ratio = 1000000000u;
	rc = read_raw(z.data, z.len, &lim, &d);
	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_ELIMIT);
	CHECK(msg_has("max-part-size"));
}

/* A part whose local and central headers claim a small size but that inflates to 50 MB:
** the reader must stop at max_part_size while inflating (or fail on the size mismatch). */
static void bad_lying_sizes(void)
{
	zbytes z = make_bomb_docx((size_t)50 << 20);
	rg_limits lim = test_limits();
	size_t i;
	rg_doc *d;
	int rc, patched = 0;

	/* patch the uncompressed size of word/document.xml in the local header (sig PK\3\4,
	** size at +22) and in the central directory (sig PK\1\2, size at +24) to 1000 bytes */
	for (i = 0; i + 46 < z.len; i++) {
		unsigned char *p = z.data + i;
		if (p[0] == 'P' && p[1] == 'K' && p[2] == 3 && p[3] == 4 && i + 30 + 17 <= z.len &&
			!memcmp(p + 30, "word/document.xml", 17) && p[26] == 17) {
			p[22] = 0xE8; p[23] = 0x03; p[24] = 0; p[25] = 0;
			patched++;
		}
		if (p[0] == 'P' && p[1] == 'K' && p[2] == 1 && p[3] == 2 && !memcmp(p + 46, "word/document.xml", 17) && p[28] == 17) {
			p[24] = 0xE8; p[25] = 0x03; p[26] = 0; p[27] = 0;
			patched++;
		}
	}
	CHECK_INT(patched, 2);
	lim.max_part_size = (size_t)1 << 20;
	lim.max_ratio = 1000000000u;
	rc = read_raw(z.data, z.len, &lim, &d);
	CHECK_FAILS(rc, d);
	CHECK(rc == RG_ELIMIT || rc == RG_EFORMAT);
}

/* A table with more cells than lim.max_table_cells -> RG_ELIMIT naming max-table-cells;
** a table at the limit reads. */
static void bad_too_many_cells(void)
{
	char *row4 = TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"), TCT(NULL, "ค"), TCT(NULL, "ง")));
	char *row3 = TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"), TCT(NULL, "ค")));
	zbytes big = make_docx(TBL(4, S(row4, row4, row4, row4)));
	zbytes ok = make_docx(TBL(3, S(row3, row3, row3)));
	rg_limits lim = test_limits();
	rg_doc *d;
	int rc;

	lim.max_table_cells = 10;
	rc = read_raw(big.data, big.len, &lim, &d);
	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_ELIMIT);
	CHECK(msg_has("max-table-cells"));

	lim.max_table_cells = 9;
	rc = read_raw(ok.data, ok.len, &lim, &d);
	CHECK_INT(rc, 0);
	if (rc == 0 && d != NOT_SET) {
		CHECK_DIMS(btable(BODY(d), 0), 3, 3);
		rg_doc_free(d);
	}
}

/* The same cell limit for an ODT table made wide by number-columns-repeated. */
static void bad_too_many_cells_odt(void)
{
	zbytes z = make_odt(S(ODT_TBL_HEAD, "<table:table-column table:number-columns-repeated='1000000'/>",
		"<table:table-row table:number-rows-repeated='1'><table:table-cell table:number-columns-repeated='1000000'/>",
		"</table:table-row><table:table-row><table:table-cell><text:p>ก</text:p></table:table-cell></table:table-row></table:table>"));
	rg_limits lim = test_limits();
	rg_doc *d;
	int rc;

	lim.max_table_cells = 1000;
	rc = read_raw(z.data, z.len, &lim, &d);
	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_ELIMIT);
	CHECK(msg_has("max-table-cells"));
}

/* Result of a read that may fail cleanly or give a bounded table: either way sane. */
static void check_sane_table(int rc, rg_doc *d, const rg_limits *lim)
{
	if (rc < 0) {
		CHECK_FAILS(rc, d);
		return;
	}
	CHECK(d != NULL && d != NOT_SET);
	if (!d || d == NOT_SET)
		return;
	{
		rg_table *t = btable(BODY(d), 0);
		CHECK(t != NULL);
		if (t) {
			int r, c, bad = 0;
			fprintf(stderr, "    -> table %dx%d\n", t->nrows, t->ncols);
			CHECK(t->nrows >= 1 && t->ncols >= 1);
			CHECK((size_t)t->nrows * (size_t)t->ncols <= lim->max_table_cells);
			for (r = 0; r < t->nrows; r++)
				for (c = 0; c < t->ncols; c++) {
					rg_cell *x = cell_at(t, r, c);
					if (x->text) {
						if (!(x->colspan >= 1 && c + x->colspan <= t->ncols) ||
							!(x->rowspan >= 1 && r + x->rowspan <= t->nrows))
							bad++;
					} else if (!(x->cover_row >= 0 && x->cover_row <= r && x->cover_col >= 0 && x->cover_col <= c)) {
						bad++;
					}
				}
			CHECK_INT(bad, 0);
		}
	}
	rg_doc_free(d);
}

/* gridSpan 2147483648, 99999999, 0 and -1: no crash, a bounded width or a clear error. */
static void bad_huge_gridspan(void)
{
	const char *vals[] = { "2147483648", "99999999", "4294967297", "0", "-1", "abc" };
	rg_limits lim = test_limits();
	size_t i;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		zbytes z = make_docx(TBL(2, S(TR(NULL, S(TCT(S("<w:gridSpan w:val='", vals[i], "'/>"), "กว้าง"), TCT(NULL, "ข"))),
			TR(NULL, S(TCT(NULL, "ค"), TCT(NULL, "ง"))))));
		rg_doc *d;
		int rc = read_raw(z.data, z.len, &lim, &d);
		fprintf(stderr, "  gridSpan %s: rc=%d\n", vals[i], rc);
		check_sane_table(rc, d, &lim);
	}
}

/* ODT spans of 2147483648 / 99999999 and a huge gridBefore: sane. */
static void bad_huge_spans_other(void)
{
	rg_limits lim = test_limits();
	const char *vals[] = { "2147483648", "99999999" };
	size_t i;
	rg_doc *d;
	int rc;

	for (i = 0; i < 2; i++) {
		zbytes z = make_odt(S(ODT_TBL_HEAD, "<table:table-column table:number-columns-repeated='2'/>",
			"<table:table-row><table:table-cell table:number-columns-spanned='", vals[i], "' table:number-rows-spanned='",
			vals[i], "'><text:p>ก</text:p></table:table-cell><table:table-cell><text:p>ข</text:p></table:table-cell></table:table-row>",
			"</table:table>"));
		rc = read_raw(z.data, z.len, &lim, &d);
		fprintf(stderr, "  odt span %s: rc=%d\n", vals[i], rc);
		check_sane_table(rc, d, &lim);
	}
	{
		zbytes z = make_docx(TBL(2, TR("<w:gridBefore w:val='2147483647'/><w:gridAfter w:val='99999999'/>",
			S(TCT(NULL, "ก"), TCT(NULL, "ข")))));
		rc = read_raw(z.data, z.len, &lim, &d);
		fprintf(stderr, "  gridBefore huge: rc=%d\n", rc);
		check_sane_table(rc, d, &lim);
	}
}

/* A vMerge continue with nothing above is treated as a normal cell. */
static void bad_vmerge_orphan(void)
{
	rg_doc *d = read_docx_body(TBL(2, S(
		TR(NULL, S(TCT("<w:vMerge/>", "กำพร้า"), TCT(NULL, "ข"))),
		TR(NULL, S(TCT(NULL, "ค"), TCT("<w:vMerge w:val='continue'/>", "ง"))))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 2, 2);
	CHECK_CELL(t, 0, 0, "กำพร้า", 1, 1);
	CHECK_CELL(t, 1, 0, "ค", 1, 1);
	/* (1,1) continues (0,1), a plain cell without restart: either merged into it or two plain cells */
	if (t && cell_at(t, 1, 1) && cell_at(t, 0, 1)) {
		rg_cell *up = cell_at(t, 0, 1), *c = cell_at(t, 1, 1);
		CHECK(up->text && !strncmp(up->text, "ข", strlen("ข")));
		CHECK_INT(up->cover_row, -1);
		if (c->text) {
			CHECK_INT(up->rowspan, 1);
			CHECK_INT(c->cover_row, -1);
			CHECK_INT(c->rowspan, 1);
		} else {
			CHECK_INT(up->rowspan, 2);
			CHECK_INT(c->cover_row, 0);
			CHECK_INT(c->cover_col, 1);
		}
	}
	rg_doc_free(d);
}

/* An ODT covered cell with no covering cell reads as an empty cell. */
static void bad_odt_covered_orphan(void)
{
	rg_doc *d = read_odt_body(S(ODT_TBL_HEAD, "<table:table-column table:number-columns-repeated='2'/>",
		"<table:table-row><table:covered-table-cell/><table:table-cell><text:p>ข</text:p></table:table-cell></table:table-row>",
		"<table:table-row><table:table-cell><text:p>ค</text:p></table:table-cell><table:covered-table-cell/></table:table-row>",
		"</table:table>"));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 2, 2);
	CHECK_CELL(t, 0, 0, "", 1, 1);
	CHECK_CELL(t, 0, 1, "ข", 1, 1);
	CHECK_CELL(t, 1, 0, "ค", 1, 1);
	CHECK_CELL(t, 1, 1, "", 1, 1);
	rg_doc_free(d);
}

/* A span past the table's width (and height) is clipped. */
static void bad_span_past_width(void)
{
	rg_doc *d = read_odt_body(S(ODT_TBL_HEAD, "<table:table-column table:number-columns-repeated='2'/>",
		"<table:table-row><table:table-cell table:number-columns-spanned='5'><text:p>เกิน</text:p></table:table-cell></table:table-row>",
		"<table:table-row><table:table-cell table:number-rows-spanned='4'><text:p>ลง</text:p></table:table-cell>"
		"<table:table-cell><text:p>ข</text:p></table:table-cell></table:table-row>",
		"</table:table>"));
	rg_table *t = btable(BODY(d), 0);
	rg_limits lim = test_limits();

	CHECK_DIMS(t, 2, 2);
	CHECK_CELL(t, 0, 0, "เกิน", 2, 1);
	CHECK_COVERED(t, 0, 1, 0, 0);
	CHECK_CELL(t, 1, 0, "ลง", 1, 1);
	CHECK_CELL(t, 1, 1, "ข", 1, 1);
	rg_doc_free(d);

	/* DOCX: a gridSpan past the grid gives a consistent table */
	{
		zbytes z = make_docx(TBL(2, S(TR(NULL, TCT("<w:gridSpan w:val='3'/>", "เกิน")),
			TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"))))));
		rg_doc *d2;
		int rc = read_raw(z.data, z.len, &lim, &d2);
		CHECK_INT(rc, 0);
		check_sane_table(rc, d2, &lim);
	}
}

/* Tables nested 100 deep (default max_nesting 32): a clean RG_ELIMIT or a sane result. */
static void bad_deep_nesting(void)
{
	char *x = PT("ลึก");
	rg_doc *d;
	zbytes z;
	int i, rc;

	for (i = 0; i < 100; i++)
		x = TBL(1, TR(NULL, TC(NULL, S(x, "<w:p/>"))));
	z = make_docx(x);
	rc = read_raw(z.data, z.len, NULL, &d);
	fprintf(stderr, "  100 nested tables: rc=%d\n", rc);
	if (rc < 0) {
		CHECK_FAILS(rc, d);
		CHECK(rc == RG_ELIMIT || rc == RG_EFORMAT);
		if (rc == RG_ELIMIT)
			CHECK(msg_has("max-nesting"));
	} else {
		CHECK(d != NULL && d != NOT_SET);
		if (d && d != NOT_SET)
			rg_doc_free(d);
	}
}

/* Tables nested 3 deep with max_nesting 1 -> RG_ELIMIT naming max-nesting (or a sane result). */
static void bad_nesting_limit(void)
{
	char *x = PT("ลึก");
	rg_limits lim = test_limits();
	rg_doc *d;
	zbytes z;
	int i, rc;

	for (i = 0; i < 3; i++)
		x = TBL(1, TR(NULL, TC(NULL, S(x, "<w:p/>"))));
	z = make_docx(x);
	lim.max_nesting = 1;
	rc = read_raw(z.data, z.len, &lim, &d);
	if (rc < 0) {
		CHECK_FAILS(rc, d);
		CHECK_INT(rc, RG_ELIMIT);
		CHECK(msg_has("max-nesting"));
	} else {
		CHECK(d != NULL && d != NOT_SET);
		if (d && d != NOT_SET)
			rg_doc_free(d);
	}
}

/* 100000 nested inline w:sdt elements: no crash or hang (an error or a result). */
static void bad_deep_xml(void)
{
	size_t n = 100000;
	char *open = repeat("<w:sdt><w:sdtContent>", n), *close = repeat("</w:sdtContent></w:sdt>", n);
	zbytes z = make_docx(P(S(open, R("ก"), close)));
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	fprintf(stderr, "  deep xml: rc=%d\n", rc);
	if (rc < 0)
		CHECK_FAILS(rc, d);
	else {
		CHECK(d != NULL && d != NOT_SET);
		if (d && d != NOT_SET)
			rg_doc_free(d);
	}
}

/* Invalid UTF-8 in a w:t: an error or a result, never a crash. */
static void bad_invalid_utf8(void)
{
	zbytes z = make_docx(PT("ก\xff\xfe\xe0\xb8ข"));
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	if (rc < 0)
		CHECK_FAILS(rc, d);
	else {
		CHECK(d != NULL && d != NOT_SET);
		if (d && d != NOT_SET)
			rg_doc_free(d);
	}
}

/* ================================================================== */
/* More cases                                                          */

/* A next-page section break (w:pPr/w:sectPr without type) puts RG_BLOCK_PAGE_BREAK on the next block;
** a continuous section break does not. */
static void docx_section_breaks(void)
{
	rg_doc *d = read_docx_body(S(
		P(S("<w:pPr><w:sectPr><w:pgSz w:w='11906' w:h='16838'/></w:sectPr></w:pPr>", R("ส่วนหนึ่ง"))),
		P(S("<w:pPr><w:sectPr><w:type w:val='continuous'/><w:pgSz w:w='11906' w:h='16838'/></w:sectPr></w:pPr>", R("ส่วนสอง"))),
		PT("ส่วนสาม")));

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 1), "ส่วนสอง");
	CHECK(pflags(BODY(d), 1) >= 0 && (pflags(BODY(d), 1) & RG_BLOCK_PAGE_BREAK));
	CHECK(pflags(BODY(d), 2) >= 0 && !(pflags(BODY(d), 2) & RG_BLOCK_PAGE_BREAK));
	rg_doc_free(d);
}

/* w:pageBreakBefore in w:pPr is a page break before that paragraph (flag on it). */
static void docx_page_break_before(void)
{
	rg_doc *d = read_docx_body(S(PT("ก่อน"), P(S("<w:pPr><w:pageBreakBefore/></w:pPr>", R("หน้าใหม่")))));

	CHECK_INT(nblocks(BODY(d)), 2);
	CHECK(pflags(BODY(d), 1) >= 0 && (pflags(BODY(d), 1) & RG_BLOCK_PAGE_BREAK));
	CHECK(pflags(BODY(d), 0) >= 0 && !(pflags(BODY(d), 0) & RG_BLOCK_PAGE_BREAK));
	rg_doc_free(d);
}

/* (OOXML on/off) <w:tblHeader w:val="0"/> and w:val="false" do not make header rows. */
static void docx_onoff_false_values(void)
{
	rg_doc *d = read_docx_body(S(
		TBL(1, S(TR("<w:tblHeader w:val='0'/>", TCT(NULL, "ก")), TR(NULL, TCT(NULL, "ข")))),
		PT("คั่น"),
		TBL(1, S(TR("<w:tblHeader w:val='true'/>", TCT(NULL, "ก")), TR("<w:tblHeader w:val='false'/>", TCT(NULL, "ข"))))));
	rg_table *t1 = btable(BODY(d), 0), *t2 = btable(BODY(d), 2);

	CHECK(t1 && t2);
	if (t1)
		CHECK_INT(t1->header_rows, 0);
	if (t2)
		CHECK_INT(t2->header_rows, 1);
	rg_doc_free(d);
}

/* A table in a header part lands in headers as a table block. */
static void docx_header_table(void)
{
	char *hdr = docx_part_xml("hdr", S(TBL(2, TR(NULL, S(TCT(NULL, "เทศบาล"), TCT(NULL, "หน้า ๑")))), "<w:p/>"));
	zpart extra[] = { { "word/header1.xml", hdr, 0, 0 }, { NULL, NULL, 0, 0 } };
	rg_doc *d = read_pkg(make_docx_ex(S(PT("เนื้อ"), "<w:sectPr><w:headerReference w:type='default' r:id='rIdH'/></w:sectPr>"),
		rel("rIdH", RT_HEADER, "header1.xml"), extra));
	rg_table *t = btable(HEADERS(d), 0);

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_INT(nblocks(HEADERS(d)), 1);
	CHECK_DIMS(t, 1, 2);
	CHECK_CELL(t, 0, 0, "เทศบาล", 1, 1);
	CHECK_INT(COUNT(BODY(d), "เทศบาล"), 0);
	rg_doc_free(d);
}

/* The format comes from the content, not the name: a DOCX saved as .odt reads as DOCX. */
static void docx_named_odt(void)
{
	zbytes z = make_docx(PT("ชื่อหลอก"));
	char path[] = "/tmp/rg_test_reader_XXXXXX.odt";
	int fd = mkstemps(path, 4);
	rg_limits lim = test_limits();
	rg_doc *d = NOT_SET;
	int rc;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, z.data, z.len) == (ssize_t)z.len);
	close(fd);
	rc = rg_read_file(path, &lim, &d);
	unlink(path);
	CHECK_INT(rc, 0);
	if (rc == 0) {
		CHECK_INT(d->format, RG_FORMAT_DOCX);
		CHECK_STR(ptext(BODY(d), 0), "ชื่อหลอก");
		rg_doc_free(d);
	}
}

/* A table inside an ODT text box belongs to textboxes. */
static void odt_textbox_table(void)
{
	rg_doc *d = read_odt_body(S("<text:p>เนื้อ<draw:frame draw:name='Frame1' text:anchor-type='paragraph'><draw:text-box>",
		"<text:p>ในกรอบ</text:p>", ODT_TBL_HEAD, "<table:table-column table:number-columns-repeated='2'/>",
		"<table:table-row><table:table-cell><text:p>ซ้าย</text:p></table:table-cell>",
		"<table:table-cell><text:p>ขวา</text:p></table:table-cell></table:table-row></table:table>",
		"</draw:text-box></draw:frame></text:p>"));
	rg_table *t = NULL;
	size_t i;

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "เนื้อ");
	for (i = 0; i < nblocks(BOXES(d)); i++)
		if (btable(BOXES(d), i))
			t = btable(BOXES(d), i);
	CHECK_DIMS(t, 1, 2);
	CHECK_CELL(t, 0, 1, "ขวา", 1, 1);
	CHECK_INT(count_in_doc(d, "ซ้าย"), 1);
	rg_doc_free(d);
}

/* A note inside a table cell goes to footnotes, not into the cell text. */
static void odt_note_in_cell(void)
{
	rg_doc *d = read_odt_body(S(ODT_TBL_HEAD, "<table:table-column/>",
		"<table:table-row><table:table-cell><text:p>งบ<text:note text:id='ftn1' text:note-class='footnote'>",
		"<text:note-citation>1</text:note-citation><text:note-body><text:p>หมายเหตุ</text:p></text:note-body>",
		"</text:note>ประมาณ</text:p></table:table-cell></table:table-row></table:table>"));
	rg_table *t = btable(BODY(d), 0);

	CHECK_CELL(t, 0, 0, "งบประมาณ", 1, 1);
	CHECK_INT(nblocks(NOTES(d)), 1);
	CHECK_STR(ptext(NOTES(d), 0), "หมายเหตุ");
	rg_doc_free(d);
}

/* A text:section is transparent: its paragraphs and tables are body blocks. */
static void odt_section(void)
{
	rg_doc *d = read_odt_body(S("<text:section text:style-name='Sect1' text:name='Section1'><text:p>ในส่วน</text:p>",
		ODT_TBL_HEAD, "<table:table-column/><table:table-row><table:table-cell><text:p>ช่อง</text:p></table:table-cell>",
		"</table:table-row></table:table></text:section><text:p>นอกส่วน</text:p>"));

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "ในส่วน");
	CHECK_STR(ctext(btable(BODY(d), 1), 0, 0), "ช่อง");
	CHECK_STR(ptext(BODY(d), 2), "นอกส่วน");
	rg_doc_free(d);
}

/* An empty document.xml (0 bytes) and a malformed _rels/.rels fail with RG_EFORMAT. */
static void bad_empty_part_and_bad_rels(void)
{
	zbytes z = make_docx_pkg("word/document.xml", "", NULL, RT_OFFICE, "word/document.xml", NULL);
	zpart parts[4];
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	CHECK_FAILS(rc, d);
	CHECK_INT(rc, RG_EFORMAT);

	parts[0] = (zpart){ "[Content_Types].xml", XML_DECL "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>", 0, 0 };
	parts[1] = (zpart){ "_rels/.rels", XML_DECL "<Relationships xmlns='" REL_NS "'><Relationship Id='rId1'", 0, 0 };
	parts[2] = (zpart){ "word/document.xml", docx_document_xml(PT("ก")), 0, 0 };
	parts[3] = (zpart){ NULL, NULL, 0, 0 };
	z = make_zip(parts);
	rc = read_raw(z.data, z.len, NULL, &d);
	if (rc < 0) {
		CHECK_FAILS(rc, d);
		CHECK_INT(rc, RG_EFORMAT);
	} else {
		/* a reader may fall back to word/document.xml */
		CHECK_STR(ptext(BODY(d), 0), "ก");
		rg_doc_free(d);
	}
}

/* Reading many documents one after another gives the same result each time (no state kept). */
static void repeat_reads(void)
{
	zbytes z = make_docx(S(PT("ซ้ำ"), TBL(2, TR(NULL, S(TCT("<w:vMerge w:val='restart'/>", "ก"), TCT(NULL, "ข"))))));
	zbytes bad = make_docx_pkg("word/document.xml", "<w:document", NULL, RT_OFFICE, "word/document.xml", NULL);
	int i;

	for (i = 0; i < 50; i++) {
		rg_doc *d;
		int rc = read_raw(z.data, z.len, NULL, &d);
		CHECK_INT(rc, 0);
		if (rc == 0) {
			CHECK_STR(ptext(BODY(d), 0), "ซ้ำ");
			CHECK_CELL(btable(BODY(d), 1), 0, 0, "ก", 1, 1);
			rg_doc_free(d);
		}
		rc = read_raw(bad.data, bad.len, NULL, &d);
		CHECK(rc < 0 && d == NULL);
	}
}

/* A page break in the middle of a paragraph adds no text ("\n" or otherwise): both halves are kept. */
static void docx_page_break_mid_paragraph(void)
{
	rg_doc *d = read_docx_body(P(S(R("ครึ่งแรก"), "<w:r><w:br w:type='page'/></w:r>", R("ครึ่งหลัง"))));

	CHECK_INT(COUNT(BODY(d), "ครึ่งแรก"), 1);
	CHECK_INT(COUNT(BODY(d), "ครึ่งหลัง"), 1);
	CHECK_INT(COUNT(BODY(d), "\n"), 0);
	CHECK(no_empty_paragraphs(BODY(d)));
	if (nblocks(BODY(d)) == 1)
		CHECK_STR(ptext(BODY(d), 0), "ครึ่งแรกครึ่งหลัง");
	rg_doc_free(d);
}

/* A w14:checkbox without w14:checked is unchecked (☐). */
static void docx_sdt_checkbox_no_checked(void)
{
	rg_doc *d = read_docx_body(P(S("<w:sdt><w:sdtPr><w14:checkbox><w14:checkedState w14:val='2612' w14:font='MS Gothic'/>"
		"<w14:uncheckedState w14:val='2610' w14:font='MS Gothic'/></w14:checkbox></w:sdtPr><w:sdtContent>",
		R("☐"), "</w:sdtContent></w:sdt>", R(" ว่าง"))));

	CHECK_STR(ptext(BODY(d), 0), "☐ ว่าง");
	rg_doc_free(d);
}

/* A complex field spanning paragraphs (a TOC): the instruction is skipped, the result paragraphs kept. */
static void docx_field_across_paragraphs(void)
{
	rg_doc *d = read_docx_body(S(
		P(S(FLD_BEGIN, INSTR(" TOC \\o \"1-3\" \\h \\z \\u "), FLD_SEP, R("บทที่ ๑\t๑"))),
		PT("บทที่ ๒\t๕"),
		P(S(R("บทที่ ๓\t๙"), FLD_END)),
		PT("เนื้อหา")));

	CHECK_INT(nblocks(BODY(d)), 4);
	CHECK_STR(ptext(BODY(d), 0), "บทที่ ๑\t๑");
	CHECK_STR(ptext(BODY(d), 1), "บทที่ ๒\t๕");
	CHECK_STR(ptext(BODY(d), 2), "บทที่ ๓\t๙");
	CHECK_STR(ptext(BODY(d), 3), "เนื้อหา");
	CHECK_INT(count_in_doc(d, "TOC"), 0);
	rg_doc_free(d);
}

/* mc:AlternateContent around runs (not a text box): one branch only, the text comes once. */
static void docx_alternate_content_runs(void)
{
	rg_doc *d = read_docx_body(P(S(R("ก"), "<mc:AlternateContent><mc:Choice Requires='w14'>", R("ทางเลือก"),
		"</mc:Choice><mc:Fallback>", R("ทางเลือก"), "</mc:Fallback></mc:AlternateContent>", R("ข"))));

	CHECK_STR(ptext(BODY(d), 0), "กทางเลือกข");
	rg_doc_free(d);
}

/* A text box anchored in a table cell goes to textboxes, not into the cell text. */
static void docx_textbox_in_cell(void)
{
	rg_doc *d = read_docx_body(TBL(1, TR(NULL, TC(NULL, P(S(R("ช่อง"), "<w:r>", drawing_txbx(PT("กล่องในช่อง")), "</w:r>"))))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_CELL(t, 0, 0, "ช่อง", 1, 1);
	CHECK_INT(COUNT(BOXES(d), "กล่องในช่อง"), 1);
	CHECK_INT(count_in_doc(d, "กล่องในช่อง"), 1);
	rg_doc_free(d);
}

/* Vertical merges follow grid columns, not cell indexes (gridBefore and gridSpan shift the cells). */
static void docx_vmerge_by_grid_column(void)
{
	rg_doc *d = read_docx_body(TBL(3, S(
		TR("<w:gridBefore w:val='1'/>", S(TCT("<w:vMerge w:val='restart'/>", "กลาง"), TCT(NULL, "ขวา"))),
		TR(NULL, S(TCT(NULL, "ซ้าย"), TCT("<w:vMerge/>", ""), TCT(NULL, "ขวา๒"))),
		TR(NULL, S(TCT("<w:gridSpan w:val='2'/>", "คู่"), TCT("<w:vMerge w:val='restart'/>", "บน"))),
		TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"), TCT("<w:vMerge/>", ""))))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 4, 3);
	CHECK_CELL(t, 0, 0, "", 1, 1);
	CHECK_CELL(t, 0, 1, "กลาง", 1, 2);
	CHECK_COVERED(t, 1, 1, 0, 1);
	CHECK_CELL(t, 1, 0, "ซ้าย", 1, 1);
	CHECK_CELL(t, 1, 2, "ขวา๒", 1, 1);
	CHECK_CELL(t, 2, 0, "คู่", 2, 1);
	CHECK_CELL(t, 2, 2, "บน", 1, 2);
	CHECK_COVERED(t, 3, 2, 2, 2);
	CHECK_CELL(t, 3, 1, "ข", 1, 1);
	rg_doc_free(d);
}

/* Tabs and line breaks inside a cell's paragraphs are kept in the cell text. */
static void docx_cell_tab_break(void)
{
	rg_doc *d = read_docx_body(TBL(1, TR(NULL, TC(NULL, S(P("<w:r><w:t>ก</w:t><w:tab/><w:t>ข</w:t><w:br/><w:t>ค</w:t></w:r>"), PT("ง"))))));

	CHECK_CELL(btable(BODY(d), 0), 0, 0, "ก\tข\nค\nง", 1, 1);
	rg_doc_free(d);
}

/* An ODT row shorter than the declared columns is padded with empty cells; covered cells holding
** an (empty) paragraph stay covered. */
static void odt_table_short_row(void)
{
	rg_doc *d = read_odt_body(S(ODT_TBL_HEAD, "<table:table-column table:number-columns-repeated='3'/>",
		"<table:table-row><table:table-cell table:number-columns-spanned='2'><text:p>ก</text:p></table:table-cell>",
		"<table:covered-table-cell><text:p/></table:covered-table-cell><table:table-cell><text:p>ข</text:p></table:table-cell></table:table-row>",
		"<table:table-row><table:table-cell><text:p>สั้น</text:p></table:table-cell></table:table-row></table:table>"));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 2, 3);
	CHECK_CELL(t, 0, 0, "ก", 2, 1);
	CHECK_COVERED(t, 0, 1, 0, 0);
	CHECK_CELL(t, 1, 0, "สั้น", 1, 1);
	CHECK_CELL(t, 1, 1, "", 1, 1);
	CHECK_CELL(t, 1, 2, "", 1, 1);
	rg_doc_free(d);
}

/* (ODF semantics beyond the spec) table:number-rows-repeated repeats a row. */
static void odt_table_rows_repeated(void)
{
	rg_doc *d = read_odt_body(S(ODT_TBL_HEAD, "<table:table-column table:number-columns-repeated='2'/>",
		"<table:table-row table:number-rows-repeated='2'><table:table-cell><text:p>ซ้ำ</text:p></table:table-cell>",
		"<table:table-cell/></table:table-row>",
		"<table:table-row><table:table-cell><text:p>ท้าย</text:p></table:table-cell><table:table-cell/></table:table-row></table:table>"));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 3, 2);
	CHECK_CELL(t, 0, 0, "ซ้ำ", 1, 1);
	CHECK_CELL(t, 1, 0, "ซ้ำ", 1, 1);
	CHECK_CELL(t, 2, 0, "ท้าย", 1, 1);
	rg_doc_free(d);
}

/* ODF whitespace: leading and trailing white space of a paragraph is dropped, and collapsing
** goes across span boundaries. */
static void odt_whitespace_edges(void)
{
	rg_doc *d = read_odt_body(
		"<text:p>\n    ก ข   \n  </text:p>"
		"<text:p>ค <text:span> ง</text:span></text:p>"
		"<text:p><text:s text:c='2'/>จ</text:p>");

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "ก ข");
	CHECK_STR(ptext(BODY(d), 1), "ค ง");
	CHECK_STR(ptext(BODY(d), 2), "  จ");
	rg_doc_free(d);
}

/* A frame anchored to the page sits directly in office:text: its text box still goes to textboxes. */
static void odt_page_anchored_frame(void)
{
	rg_doc *d = read_odt_body("<draw:frame draw:name='Frame2' text:anchor-type='page' text:anchor-page-number='1'>"
		"<draw:text-box><text:p>กรอบหน้า</text:p></draw:text-box></draw:frame><text:p>เนื้อ</text:p>");

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "เนื้อ");
	CHECK_INT(COUNT(BOXES(d), "กรอบหน้า"), 1);
	CHECK_INT(count_in_doc(d, "กรอบหน้า"), 1);
	rg_doc_free(d);
}

/* A LibreOffice content control that is not a checkbox is transparent. */
static void odt_plain_content_control(void)
{
	rg_doc *d = read_odt_body("<text:p>ชื่อ: <loext:content-control loext:showing-place-holder='false'>"
		"เทศบาลตำบล</loext:content-control></text:p>");

	CHECK_STR(ptext(BODY(d), 0), "ชื่อ: เทศบาลตำบล");
	rg_doc_free(d);
}

/* The Wingdings font may be declared under another style name (style:name differs from svg:font-family). */
static void odt_wingdings_font_alias(void)
{
	const char *fonts = "<style:font-face style:name='Wingdings1' svg:font-family='Wingdings' style:font-charset='x-symbol'/>";
	const char *autos = "<style:style style:name='T7' style:family='text'><style:text-properties style:font-name='Wingdings1'/></style:style>";
	rg_doc *d = read_pkg(make_odt_pkg(odt_content_xml(fonts, autos,
		"<text:p><text:span text:style-name='T7'>\xEF\x83\xBE</text:span> เลือก</text:p>"), NULL));

	CHECK_STR(ptext(BODY(d), 0), "☑ เลือก");
	rg_doc_free(d);
}

/* Two master pages: both headers and both footers are read; a page-number field shows its text. */
static void odt_two_master_pages(void)
{
	char *styles = S(XML_DECL "<office:document-styles" ODF_NS "><office:master-styles>"
		"<style:master-page style:name='Standard' style:page-layout-name='pm1'>"
		"<style:header><text:p>หัวหนึ่ง</text:p></style:header><style:footer><text:p>หน้า <text:page-number text:select-page='current'>1</text:page-number></text:p></style:footer>"
		"</style:master-page><style:master-page style:name='Landscape' style:page-layout-name='pm2'>"
		"<style:header><text:p>หัวสอง</text:p></style:header><style:footer><text:p>ท้ายสอง</text:p></style:footer>"
		"</style:master-page></office:master-styles></office:document-styles>");
	rg_doc *d = read_pkg(make_odt_pkg(odt_content_xml(NULL, NULL, "<text:p>เนื้อ</text:p>"), styles));

	CHECK_INT(nblocks(HEADERS(d)), 2);
	CHECK_INT(COUNT(HEADERS(d), "หัวหนึ่ง"), 1);
	CHECK_INT(COUNT(HEADERS(d), "หัวสอง"), 1);
	CHECK_INT(nblocks(FOOTERS(d)), 2);
	CHECK_INT(COUNT(FOOTERS(d), "หน้า 1"), 1);
	CHECK_INT(COUNT(FOOTERS(d), "ท้ายสอง"), 1);
	rg_doc_free(d);
}

/* A header relationship pointing at the main part itself: no endless loop, a sane result or error. */
static void bad_header_is_main_part(void)
{
	zbytes z = make_docx_pkg("word/document.xml", docx_document_xml(S(PT("วน"),
		"<w:sectPr><w:headerReference w:type='default' r:id='rIdH'/><w:footerReference w:type='default' r:id='rIdF'/></w:sectPr>")),
		S(rel("rIdH", RT_HEADER, "document.xml"), rel("rIdF", RT_FOOTER, "../_rels/.rels")),
		RT_OFFICE, "word/document.xml", NULL);
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	fprintf(stderr, "  header = main part: rc=%d\n", rc);
	if (rc < 0)
		CHECK_FAILS(rc, d);
	else {
		CHECK(d != NULL && d != NOT_SET);
		if (d && d != NOT_SET) {
			CHECK_STR(ptext(BODY(d), 0), "วน");
			rg_doc_free(d);
		}
	}
}

/* An officeDocument relationship pointing outside the package or at the rels part: clean failure or sane. */
static void bad_main_target_odd(void)
{
	const char *targets[] = { "../../etc/passwd", "/etc/passwd", "_rels/.rels", "word/", "" };
	size_t i;

	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		zpart parts[] = {
			{ "_rels/.rels", rels_xml(rel("rId1", RT_OFFICE, targets[i])), 0, 0 },
			{ "word/x.xml", docx_document_xml(PT("ก")), 0, 0 },
			{ NULL, NULL, 0, 0 }
		};
		zbytes z = make_zip(parts);
		rg_doc *d;
		int rc = read_raw(z.data, z.len, NULL, &d);
		fprintf(stderr, "  officeDocument target '%s': rc=%d\n", targets[i], rc);
		if (rc < 0)
			CHECK_FAILS(rc, d);
		else {
			CHECK(d != NULL && d != NOT_SET);
			if (d && d != NOT_SET) {
				CHECK_INT(count_in_doc(d, "root:"), 0);
				rg_doc_free(d);
			}
		}
	}
}

/* A zip whose entries are AES-encrypted (zip-level password): a clean failure, never a crash. */
static void bad_zip_encrypted_entries(void)
{
	zip_source_t *src;
	zip_t *za = zip_mem_begin(&src);
	char *docxml = docx_document_xml(PT("ลับ"));
	char *r = rels_xml(rel("rId1", RT_OFFICE, "word/document.xml"));
	zbytes z;
	rg_doc *d;
	int rc;

	zip_mem_add(za, "_rels/.rels", r, strlen(r), 0);
	zip_mem_add(za, "word/document.xml", docxml, strlen(docxml), 0);
	if (zip_file_set_encryption(za, 1, ZIP_EM_AES_256, "secret") < 0) {
		fprintf(stderr, "  (libzip cannot encrypt here: case skipped)\n");
		zip_discard(za);
		CHECK(1);
		return;
	}
	z = zip_mem_end(za, src);
	rc = read_raw(z.data, z.len, NULL, &d);
	CHECK_FAILS(rc, d);
	CHECK(rc == RG_EENCRYPTED || rc == RG_EFORMAT);
}

/* A stored document.xml with one byte changed (CRC mismatch): a clean failure or a result, never a crash. */
static void bad_crc_mismatch(void)
{
	zpart parts[] = {
		{ "_rels/.rels", rels_xml(rel("rId1", RT_OFFICE, "word/document.xml")), 0, 0 },
		{ "word/document.xml", docx_document_xml(PT("ตรวจสอบCRC")), 0, 1 },
		{ NULL, NULL, 0, 0 }
	};
	zbytes z = make_zip(parts);
	unsigned char *p = memmem(z.data, z.len, "CRC", 3);
	rg_doc *d;
	int rc;

	CHECK(p != NULL);
	if (p)
		p[0] = 'X';
	rc = read_raw(z.data, z.len, NULL, &d);
	fprintf(stderr, "  crc mismatch: rc=%d\n", rc);
	if (rc < 0)
		CHECK_FAILS(rc, d);
	else {
		CHECK(d != NULL && d != NOT_SET);
		if (d && d != NOT_SET)
			rg_doc_free(d);
	}
}

/* A checkbox content control whose sdtContent shows the glyph as a Wingdings w:sym still gives one ☑. */
static void docx_sdt_checkbox_sym_glyph(void)
{
	rg_doc *d = read_docx_body(P(S("<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val='1'/></w14:checkbox></w:sdtPr><w:sdtContent>",
		"<w:r><w:sym w:font='Wingdings' w:char='F0FE'/></w:r></w:sdtContent></w:sdt>", R(" ผ่าน"))));

	CHECK_STR(ptext(BODY(d), 0), "☑ ผ่าน");
	rg_doc_free(d);
}

/* A FORMCHECKBOX with a separate and a displayed result glyph gives its state once. */
static void docx_legacy_checkbox_with_result(void)
{
	rg_doc *d = read_docx_body(P(S("<w:r><w:fldChar w:fldCharType='begin'><w:ffData><w:name w:val='C2'/><w:enabled/>",
		"<w:checkBox><w:sizeAuto/><w:default w:val='0'/><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r>",
		INSTR(" FORMCHECKBOX "), FLD_SEP, R("☐"), FLD_END, R(" ใช่"))));

	CHECK_STR(ptext(BODY(d), 0), "☑ ใช่");
	rg_doc_free(d);
}

/* A field nested in another field's result shows its own result. */
static void docx_field_nested_in_result(void)
{
	rg_doc *d = read_docx_body(P(S(R("["), FLD_BEGIN, INSTR(" HYPERLINK \\l \"_Toc1\" "), FLD_SEP, R("ข้อ "),
		FLD_BEGIN, INSTR(" PAGEREF _Toc1 \\h "), FLD_SEP, R("๓"), FLD_END, FLD_END, R("]"))));

	CHECK_STR(ptext(BODY(d), 0), "[ข้อ ๓]");
	CHECK_INT(count_in_doc(d, "PAGEREF"), 0);
	rg_doc_free(d);
}

/* 70 fields nested inside one another (past the reader's field stack), each
** with a separate and an end: the text after the last end is shown again. */
static void docx_fields_nested_deep(void)
{
	char *runs = S(R("ก"));
	int i;

	for (i = 0; i < 70; i++)
		runs = S(runs, FLD_BEGIN, INSTR(" QUOTE "), FLD_SEP);
	for (i = 0; i < 70; i++)
		runs = S(runs, FLD_END);
	{
		rg_doc *d = read_docx_body(P(S(runs, R("ข"))));
		const char *t = ptext(BODY(d), 0);
		CHECK(strstr(t, "ก") == t);
		CHECK(strstr(t, "ข") != NULL);
		CHECK(strstr(t, "QUOTE") == NULL);
		rg_doc_free(d);
	}
}

/* Hidden text and deleted text inside a table cell stay out of the cell text. */
static void docx_cell_hidden_deleted(void)
{
	rg_doc *d = read_docx_body(TBL(1, TR(NULL, TC(NULL, P(S(R("เห็น"), "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ซ่อน</w:t></w:r>",
		"<w:del w:id='1' w:author='x'><w:r><w:delText>ลบ</w:delText></w:r></w:del>"))))));

	CHECK_CELL(btable(BODY(d), 0), 0, 0, "เห็น", 1, 1);
	rg_doc_free(d);
}

/* A vertical merge ends when the next row has no cell at that column (a short row): the padded cell is plain. */
static void docx_vmerge_then_short_row(void)
{
	rg_doc *d = read_docx_body(TBL(2, S(
		TR(NULL, S(TCT(NULL, "ก"), TCT("<w:vMerge w:val='restart'/>", "รวม"))),
		TR(NULL, TCT(NULL, "ข")))));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 2, 2);
	CHECK_CELL(t, 0, 1, "รวม", 1, 1);
	CHECK_CELL(t, 1, 1, "", 1, 1);
	rg_doc_free(d);
}

/* text:s with a huge text:c: a clean error, or a paragraph no longer than max_part_size. */
static void bad_huge_text_s(void)
{
	const char *vals[] = { "2147483647", "99999999999", "-5" };
	rg_limits lim = test_limits();
	size_t i;

	for (i = 0; i < 3; i++) {
		zbytes z = make_odt(S("<text:p>ก<text:s text:c='", vals[i], "'/>ข</text:p>"));
		rg_doc *d;
		int rc = read_raw(z.data, z.len, &lim, &d);
		fprintf(stderr, "  text:c=%s: rc=%d len=%zu\n", vals[i], rc,
			rc == 0 && d && d != NOT_SET && nblocks(BODY(d)) ? strlen(ptext(BODY(d), 0)) : (size_t)0);
		if (rc < 0)
			CHECK_FAILS(rc, d);
		else {
			CHECK(d != NULL && d != NOT_SET);
			if (d && d != NOT_SET) {
				CHECK(strlen(ptext(BODY(d), 0)) <= lim.max_part_size);
				CHECK(!strncmp(ptext(BODY(d), 0), "ก", strlen("ก")));
				rg_doc_free(d);
			}
		}
	}
}

/* number-rows-repeated / number-columns-repeated of 2147483647 on rows, cells and columns make a
** table of more than max_table_cells cells -> RG_ELIMIT naming max-table-cells (not a table cut
** silently at the limit). */
static void bad_huge_repeats_odt(void)
{
	const char *tables[] = {
		"<table:table-column/><table:table-row table:number-rows-repeated='2147483647'><table:table-cell><text:p>ก</text:p></table:table-cell></table:table-row>",
		"<table:table-column/><table:table-row><table:table-cell table:number-columns-repeated='2147483647'><text:p>ก</text:p></table:table-cell></table:table-row>",
		"<table:table-column table:number-columns-repeated='2147483647'/><table:table-row><table:table-cell><text:p>ก</text:p></table:table-cell></table:table-row>",
		"<table:table-column table:number-columns-repeated='99999999999999999999'/><table:table-row><table:table-cell><text:p>ก</text:p></table:table-cell></table:table-row>",
	};
	rg_limits lim = test_limits();
	size_t i;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		zbytes z = make_odt(S(ODT_TBL_HEAD, tables[i], "</table:table>"));
		rg_doc *d;
		int rc = read_raw(z.data, z.len, &lim, &d);
		fprintf(stderr, "  huge repeat %zu: rc=%d\n", i, rc);
		CHECK_INT(rc, RG_ELIMIT);
		if (rc < 0) {
			CHECK_FAILS(rc, d);
			CHECK(msg_has("max-table-cells"));
		} else {
			check_sane_table(rc, d, &lim);
		}
	}
}

/* Text boxes nested 40 deep (default max_nesting 32): RG_ELIMIT naming max-nesting, or a sane result. */
static void bad_nested_textboxes(void)
{
	char *x = PT("ในสุด");
	rg_doc *d;
	zbytes z;
	int i, rc;

	for (i = 0; i < 40; i++)
		x = P(S("<w:r>", drawing_txbx(x), "</w:r>"));
	z = make_docx(x);
	rc = read_raw(z.data, z.len, NULL, &d);
	fprintf(stderr, "  40 nested text boxes: rc=%d\n", rc);
	if (rc < 0) {
		CHECK_FAILS(rc, d);
		CHECK(rc == RG_ELIMIT || rc == RG_EFORMAT);
	} else {
		CHECK(d != NULL && d != NOT_SET);
		if (d && d != NOT_SET) {
			CHECK(count_in_doc(d, "ในสุด") <= 1);
			rg_doc_free(d);
		}
	}
}

/* 50,000 paragraphs of 3 runs and a 2,000 x 8 table read correctly and in reasonable time. */
static void perf_large_document(void)
{
	size_t n = 50000, i, cap = n * 120 + 1000000, len = 0;
	char *body = malloc(cap), *rows;
	char buf[256];
	rg_doc *d;
	rg_table *t;
	struct timespec t0, t1;
	int r;

	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(body + len, cap - len,
			"<w:p><w:r><w:t>ย่อหน้า</w:t></w:r><w:r><w:t>%zu</w:t></w:r><w:r><w:t>จบ</w:t></w:r></w:p>", i);
	}
	{
		char *row = S("<w:tr>"), *all;
		size_t rl;
		for (r = 0; r < 8; r++) {
			snprintf(buf, sizeof(buf), "<w:tc><w:p><w:r><w:t>c%d</w:t></w:r></w:p></w:tc>", r);
			row = S(row, buf);
		}
		row = S(row, "</w:tr>");
		rl = strlen(row);
		all = malloc(rl * 2000 + 1);
		for (r = 0; r < 2000; r++)
			memcpy(all + (size_t)r * rl, row, rl);
		all[rl * 2000] = '\0';
		rows = all;
	}
	body = S(body, TBL(8, rows));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = read_docx_body(body);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "  large document: %.2f s\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	CHECK_INT(nblocks(BODY(d)), n + 1);
	CHECK_STR(ptext(BODY(d), 0), "ย่อหน้า0จบ");
	CHECK_STR(ptext(BODY(d), n - 1), "ย่อหน้า49999จบ");
	t = btable(BODY(d), n);
	CHECK_DIMS(t, 2000, 8);
	CHECK_STR(ctext(t, 1999, 7), "c7");
	CHECK((t1.tv_sec - t0.tv_sec) < 20);
	rg_doc_free(d);
}

/* One reading thread: its packages and whether all its reads gave the expected result. */
typedef struct {
	zbytes good, bad;
	int ok;
} thread_arg;

static void *reader_thread(void *p)
{
	thread_arg *a = p;
	rg_limits lim = test_limits();
	int i;

	a->ok = 1;
	for (i = 0; i < 30; i++) {
		rg_doc *d = NULL;
		int rc = rg_read_memory(a->good.data, a->good.len, &lim, &d);
		if (rc != 0 || !d || strcmp(ptext(BODY(d), 0), "ขนาน") || !btable(BODY(d), 1) ||
			strcmp(ctext(btable(BODY(d), 1), 0, 1), "ข"))
			a->ok = 0;
		rg_doc_free(d);
		d = NOT_SET;
		rc = rg_read_memory(a->bad.data, a->bad.len, &lim, &d);
		if (rc != RG_EFORMAT || d != NULL || !strstr(rg_error_message(), "document.xml"))
			a->ok = 0;
	}
	return NULL;
}

/* Reads in 4 threads at once give correct results and per-thread error messages. */
static void threads_parallel_reads(void)
{
	pthread_t th[4];
	thread_arg args[4];
	zbytes good = make_docx(S(PT("ขนาน"), TBL(2, TR(NULL, S(TCT("<w:vMerge w:val='restart'/>", "ก"), TCT(NULL, "ข"))))));
	zbytes bad = make_docx_pkg("word/document.xml", XML_DECL "<w:document xmlns:w='" W_NS "'><w:body>", NULL,
		RT_OFFICE, "word/document.xml", NULL);
	int i;

	for (i = 0; i < 4; i++) {
		args[i].good = good;
		args[i].bad = bad;
		args[i].ok = 0;
		CHECK(pthread_create(&th[i], NULL, reader_thread, &args[i]) == 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK(args[i].ok);
	}
}

/* (w14 on/off) w14:checked w14:val="true" -> ☑ and "false" -> ☐. */
static void docx_sdt_checkbox_true_false(void)
{
	rg_doc *d = read_docx_body(S(P(S(sdt_checkbox("true", "☒"), R(" ก"))), P(S(sdt_checkbox("false", "☐"), R(" ข")))));

	CHECK_STR(ptext(BODY(d), 0), "☑ ก");
	CHECK_STR(ptext(BODY(d), 1), "☐ ข");
	rg_doc_free(d);
}

/* Comments are not body text: commentReference adds nothing and word/comments.xml is not in the body. */
static void docx_comments_not_body(void)
{
	char *comments = docx_part_xml("comments", "<w:comment w:id='0' w:author='ผู้ตรวจ'><w:p><w:r><w:t>ความเห็นผู้ตรวจ</w:t></w:r></w:p></w:comment>");
	zpart extra[] = { { "word/comments.xml", comments, 0, 0 }, { NULL, NULL, 0, 0 } };
	rg_doc *d = read_pkg(make_docx_ex(P(S("<w:commentRangeStart w:id='0'/>", R("ข้อความ"), "<w:commentRangeEnd w:id='0'/>",
		"<w:r><w:commentReference w:id='0'/></w:r>")),
		rel("rIdC", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments", "comments.xml"), extra));

	CHECK_INT(nblocks(BODY(d)), 1);
	CHECK_STR(ptext(BODY(d), 0), "ข้อความ");
	CHECK_INT(COUNT(BODY(d), "ความเห็น"), 0);
	rg_doc_free(d);
}

/* The glossary document (building blocks, placeholder texts) is not part of the document. */
static void docx_glossary_not_read(void)
{
	char *gl = S(XML_DECL "<w:glossaryDocument" DOCX_NS "><w:docParts><w:docPart><w:docPartPr><w:name w:val='DefaultPlaceholder'/>",
		"</w:docPartPr><w:docPartBody>", PT("คำในอภิธาน"), "</w:docPartBody></w:docPart></w:docParts></w:glossaryDocument>");
	zpart extra[] = { { "word/glossary/document.xml", gl, 0, 0 }, { NULL, NULL, 0, 0 } };
	rg_doc *d = read_pkg(make_docx_ex(PT("เนื้อ"),
		rel("rIdG", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/glossaryDocument", "glossary/document.xml"), extra));

	CHECK_STR(ptext(BODY(d), 0), "เนื้อ");
	CHECK_INT(count_in_doc(d, "อภิธาน"), 0);
	rg_doc_free(d);
}

/* A row with more cells than the grid keeps all its text (the table is widened or the text kept). */
static void docx_row_wider_than_grid(void)
{
	rg_doc *d = read_docx_body(TBL(2, S(TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"), TCT(NULL, "เกินกริด"))),
		TR(NULL, S(TCT(NULL, "ค"), TCT(NULL, "ง"))))));
	rg_table *t = btable(BODY(d), 0);
	rg_limits lim = test_limits();

	CHECK(t != NULL);
	if (t)
		CHECK(t->ncols >= 3);
	CHECK_INT(count_in_doc(d, "เกินกริด"), 1);
	CHECK_CELL(t, 1, 1, "ง", 1, 1);
	if (d) {
		rg_doc *dd = d;
		check_sane_table(0, dd, &lim); /* frees d */
	}
}

/* Empty tables (no rows; a row without cells) neither crash nor make cells out of nothing. */
static void docx_empty_tables(void)
{
	rg_doc *d = read_docx_body(S("<w:tbl><w:tblPr/><w:tblGrid/></w:tbl>", PT("ก"),
		"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w='100'/></w:tblGrid><w:tr/></w:tbl>", PT("ข")));
	size_t i;

	CHECK(d != NULL);
	CHECK_INT(count_in_doc(d, "ก"), 1);
	CHECK_INT(count_in_doc(d, "ข"), 1);
	for (i = 0; i < nblocks(BODY(d)); i++) {
		rg_table *t = btable(BODY(d), i);
		if (t)
			CHECK(t->nrows >= 0 && t->ncols >= 0 && (t->nrows * t->ncols == 0 || t->cells != NULL));
	}
	rg_doc_free(d);
}

/* (ODF 6.1.1) office:annotation and text:ruby-text are not part of the paragraph's text. */
static void odt_annotation_ruby_not_text(void)
{
	rg_doc *d = read_odt_body("<text:p>ก<office:annotation office:name='c1'><dc:creator>ผู้ตรวจ</dc:creator>"
		"<dc:date>2026-01-01T00:00:00</dc:date><text:p>ความเห็น</text:p></office:annotation>ข"
		"<office:annotation-end office:name='c1'/></text:p>"
		"<text:p><text:ruby><text:ruby-base>ฐาน</text:ruby-base><text:ruby-text>ทับ</text:ruby-text></text:ruby></text:p>");

	CHECK_STR(ptext(BODY(d), 0), "กข");
	CHECK_STR(ptext(BODY(d), 1), "ฐาน");
	CHECK_INT(COUNT(BODY(d), "ความเห็น"), 0);
	CHECK_INT(COUNT(BODY(d), "ผู้ตรวจ"), 0);
	rg_doc_free(d);
}

/* A table of contents: its index body paragraphs are text; the source template is not. */
static void odt_table_of_contents(void)
{
	rg_doc *d = read_odt_body("<text:table-of-content text:name='TOC1'><text:table-of-content-source text:outline-level='3'>"
		"<text:index-title-template text:style-name='Contents_20_Heading'>แม่แบบสารบัญ</text:index-title-template>"
		"<text:table-of-content-entry-template text:outline-level='1' text:style-name='Contents_20_1'>"
		"<text:index-entry-chapter/><text:index-entry-text/><text:index-entry-tab-stop style:type='right'/>"
		"<text:index-entry-page-number/></text:table-of-content-entry-template></text:table-of-content-source>"
		"<text:index-body><text:index-title text:name='TOC1_Head'><text:p>สารบัญ</text:p></text:index-title>"
		"<text:p>บทที่ ๑<text:tab/>๓</text:p></text:index-body></text:table-of-content><text:p>เนื้อ</text:p>");

	CHECK_INT(nblocks(BODY(d)), 3);
	CHECK_STR(ptext(BODY(d), 0), "สารบัญ");
	CHECK_STR(ptext(BODY(d), 1), "บทที่ ๑\t๓");
	CHECK_STR(ptext(BODY(d), 2), "เนื้อ");
	CHECK_INT(count_in_doc(d, "แม่แบบ"), 0);
	rg_doc_free(d);
}

/* Tracked formatting changes hold the OLD properties: a run whose w:rPrChange says it was hidden
** before is visible now; a w:tcPrChange/w:trPrChange old gridSpan/vMerge/tblHeader does not apply. */
static void docx_property_changes_ignored(void)
{
	const char *ch = " w:id='9' w:author='x' w:date='2026-01-01T00:00:00Z'";
	rg_doc *d = read_docx_body(S(
		P(S("<w:r><w:rPr><w:b/><w:rPrChange", ch, "><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>เคยซ่อน</w:t></w:r>")),
		TBL(3, S(
			TR(S("<w:trPrChange", ch, "><w:trPr><w:tblHeader/></w:trPr></w:trPrChange>"),
				S(TCT(S("<w:gridSpan w:val='2'/><w:tcPrChange", ch, "><w:tcPr><w:gridSpan w:val='3'/><w:vMerge w:val='restart'/></w:tcPr></w:tcPrChange>"), "คู่"),
				TCT(NULL, "ค"))),
			TR(NULL, S(TCT(NULL, "ก"), TCT(NULL, "ข"), TCT(NULL, "ง")))))));
	rg_table *t = btable(BODY(d), 1);

	CHECK_STR(ptext(BODY(d), 0), "เคยซ่อน");
	CHECK_DIMS(t, 2, 3);
	if (t)
		CHECK_INT(t->header_rows, 0);
	CHECK_CELL(t, 0, 0, "คู่", 2, 1);
	CHECK_CELL(t, 0, 2, "ค", 1, 1);
	CHECK_CELL(t, 1, 0, "ก", 1, 1);
	rg_doc_free(d);
}

/* (Beyond the spec) left-page and first-page headers/footers of a master page are headers/footers too. */
static void odt_header_left_first(void)
{
	char *styles = odt_styles_xml("<style:header><text:p>หัวขวา</text:p></style:header>"
		"<style:header-left><text:p>หัวซ้าย</text:p></style:header-left>"
		"<style:header-first><text:p>หัวแรก</text:p></style:header-first>"
		"<style:footer><text:p>ท้ายขวา</text:p></style:footer><style:footer-left><text:p>ท้ายซ้าย</text:p></style:footer-left>");
	rg_doc *d = read_pkg(make_odt_pkg(odt_content_xml(NULL, NULL, "<text:p>เนื้อ</text:p>"), styles));

	CHECK_INT(COUNT(HEADERS(d), "หัวขวา"), 1);
	CHECK_INT(COUNT(HEADERS(d), "หัวซ้าย"), 1);
	CHECK_INT(COUNT(HEADERS(d), "หัวแรก"), 1);
	CHECK_INT(COUNT(FOOTERS(d), "ท้ายซ้าย"), 1);
	CHECK_INT(COUNT(BODY(d), "หัว"), 0);
	rg_doc_free(d);
}

/* (ODF 6.1.1) Text inside a drawing shape (draw:custom-shape) is not part of the paragraph's text. */
static void odt_shape_text_not_in_paragraph(void)
{
	rg_doc *d = read_odt_body("<text:p>ก่อน<draw:custom-shape draw:name='Shape1' text:anchor-type='as-char' svg:width='3cm' svg:height='1cm'>"
		"<text:p>ในรูปร่าง</text:p><draw:enhanced-geometry draw:type='rectangle'/></draw:custom-shape>หลัง</text:p>");

	CHECK_STR(ptext(BODY(d), 0), "ก่อนหลัง");
	CHECK_INT(COUNT(BODY(d), "ในรูปร่าง"), 0);
	fprintf(stderr, "  shape text in textboxes: %d\n", COUNT(BOXES(d), "ในรูปร่าง"));
	rg_doc_free(d);
}

/* A rowspan starting in an ODT header row reaches into the body rows; header_rows stays 1. */
static void odt_header_rowspan(void)
{
	rg_doc *d = read_odt_body(S(ODT_TBL_HEAD, "<table:table-column table:number-columns-repeated='2'/>",
		"<table:table-header-rows><table:table-row><table:table-cell table:number-rows-spanned='2'><text:p>หัวยาว</text:p>",
		"</table:table-cell><table:table-cell><text:p>หัว</text:p></table:table-cell></table:table-row></table:table-header-rows>",
		"<table:table-row><table:covered-table-cell/><table:table-cell><text:p>ข</text:p></table:table-cell></table:table-row>",
		"</table:table>"));
	rg_table *t = btable(BODY(d), 0);

	CHECK_DIMS(t, 2, 2);
	if (t)
		CHECK_INT(t->header_rows, 1);
	CHECK_CELL(t, 0, 0, "หัวยาว", 1, 2);
	CHECK_COVERED(t, 1, 0, 0, 0);
	CHECK_CELL(t, 1, 1, "ข", 1, 1);
	rg_doc_free(d);
}

/* A Thai syllable split between runs (consonant / vowel mark / tone mark) joins back. */
static void docx_thai_marks_split(void)
{
	rg_doc *d = read_docx_body(P(S(R("ก"), R("\xE0\xB8\xB4"), R("\xE0\xB9\x88"), R("น"))));

	CHECK_STR(ptext(BODY(d), 0), "กิ่น");
	rg_doc_free(d);
}

/* A package of 5,000 extra entries and 2,000 sections, each with its own header relationship,
** reads every header in reasonable time (no quadratic lookups). */
static void perf_many_parts(void)
{
	size_t n = 2000, i;
	char buf[256];
	zpart *extra = calloc(n + 5000 + 1, sizeof(zpart));
	char *body = S(""), *rels = S("");
	struct timespec t0, t1;
	rg_doc *d;
	zbytes z;

	for (i = 0; i < n; i++) {
		char *rid, *name;
		snprintf(buf, sizeof(buf), "rIdH%zu", i);
		rid = strdup(buf);
		snprintf(buf, sizeof(buf), "header%zu.xml", i);
		name = strdup(buf);
		snprintf(buf, sizeof(buf), "หัวที่%zu", i);
		extra[i] = (zpart){ S("word/", name), docx_part_xml("hdr", PT(buf)), 0, 0 };
		rels = S(rels, rel(rid, RT_HEADER, name));
		snprintf(buf, sizeof(buf), "ส่วน%zu", i);
		body = S(body, P(S("<w:pPr><w:sectPr><w:headerReference w:type='default' r:id='", rid, "'/></w:sectPr></w:pPr>", R(buf))));
	}
	for (i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "word/media/image%zu.bin", i);
		extra[n + i] = (zpart){ strdup(buf), "x", 1, 1 };
	}
	z = make_docx_pkg("word/document.xml", docx_document_xml(body), rels, RT_OFFICE, "word/document.xml", NULL);
	{
		/* make_docx_pkg takes at most 63 parts: add the rest with libzip directly */
		zip_t *za;
		zip_error_t err;
		zip_source_t *in;

		zip_error_init(&err);
		in = zip_source_buffer_create(z.data, z.len, 0, &err);
		if (!in)
			abort();
		zip_source_keep(in);
		za = zip_open_from_source(in, 0, &err);
		if (!za)
			abort();
		for (i = 0; i < n + 5000; i++)
			zip_mem_add(za, extra[i].name, extra[i].data, extra[i].len ? extra[i].len : strlen(extra[i].data), extra[i].store);
		if (zip_close(za) < 0)
			abort();
		z = zip_from_source(in);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = read_pkg(z);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "  %zu headers, %zu entries: %.2f s\n", n, n + 5003, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	CHECK_INT(nblocks(BODY(d)), n);
	CHECK_INT(nblocks(HEADERS(d)), n);
	CHECK_INT(COUNT(HEADERS(d), "หัวที่1999"), 1);
	CHECK((t1.tv_sec - t0.tv_sec) < 20);
	rg_doc_free(d);
}

/* A shape group (wpg) with two text boxes in mc:Choice and the VML group in mc:Fallback:
** each box's text comes once, in textboxes. */
static void docx_textbox_group_alternate(void)
{
	char *wsp1 = S("<wps:wsp><wps:cNvSpPr txBox='1'/><wps:spPr/><wps:txbx><w:txbxContent>", PT("กล่องที่หนึ่ง"),
		"</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>");
	char *wsp2 = S("<wps:wsp><wps:cNvSpPr txBox='1'/><wps:spPr/><wps:txbx><w:txbxContent>", PT("กล่องที่สอง"),
		"</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>");
	char *choice = S("<w:drawing><wp:inline distT='0' distB='0' distL='0' distR='0'><wp:extent cx='100' cy='100'/>"
		"<wp:docPr id='5' name='Group 5'/><a:graphic><a:graphicData uri='http://schemas.microsoft.com/office/word/2010/wordprocessingGroup'>"
		"<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr/>", wsp1, wsp2, "</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing>");
	char *fallback = S("<w:pict><v:group id='Group 5' style='width:100pt;height:100pt' coordsize='100,100'>"
		"<v:shape id='s1' type='#_x0000_t202' style='position:absolute;width:50;height:50'><v:textbox><w:txbxContent>",
		PT("กล่องที่หนึ่ง"), "</w:txbxContent></v:textbox></v:shape>"
		"<v:shape id='s2' type='#_x0000_t202' style='position:absolute;top:50;width:50;height:50'><v:textbox><w:txbxContent>",
		PT("กล่องที่สอง"), "</w:txbxContent></v:textbox></v:shape></v:group></w:pict>");
	rg_doc *d = read_docx_body(P(S(R("ย่อหน้า"), "<w:r><mc:AlternateContent><mc:Choice Requires='wpg'>", choice,
		"</mc:Choice><mc:Fallback>", fallback, "</mc:Fallback></mc:AlternateContent></w:r>")));

	CHECK_STR(ptext(BODY(d), 0), "ย่อหน้า");
	CHECK_INT(COUNT(BOXES(d), "กล่องที่หนึ่ง"), 1);
	CHECK_INT(COUNT(BOXES(d), "กล่องที่สอง"), 1);
	CHECK_INT(count_in_doc(d, "กล่องที่หนึ่ง"), 1);
	CHECK_INT(count_in_doc(d, "กล่องที่สอง"), 1);
	rg_doc_free(d);
}

/* A frame inside a text box inside a frame: each text comes once, none in the paragraph. */
static void odt_nested_frames(void)
{
	rg_doc *d = read_odt_body("<text:p>นอก<draw:frame draw:name='F1' text:anchor-type='as-char'><draw:text-box>"
		"<text:p>ชั้นหนึ่ง<draw:frame draw:name='F2' text:anchor-type='as-char'><draw:text-box><text:p>ชั้นสอง</text:p>"
		"</draw:text-box></draw:frame></text:p></draw:text-box></draw:frame></text:p>");

	CHECK_STR(ptext(BODY(d), 0), "นอก");
	CHECK_INT(count_in_doc(d, "ชั้นหนึ่ง"), 1);
	CHECK_INT(count_in_doc(d, "ชั้นสอง"), 1);
	CHECK_INT(COUNT(BOXES(d), "ชั้นสอง"), 1);
	rg_doc_free(d);
}

/* (Beyond the spec: like w:sym) text in a run whose font is Wingdings: the private-use U+F0FE
** and U+F0A8, and the Latin-1 U+00FE, map like w:sym F0FE/F0A8. */
static void docx_wingdings_text_run(void)
{
	const char *wd = "<w:rPr><w:rFonts w:ascii='Wingdings' w:hAnsi='Wingdings'/></w:rPr>";
	rg_doc *d = read_docx_body(S(
		P(S("<w:r>", wd, "<w:t>\xEF\x83\xBE</w:t></w:r>", R(" เลือก"))),
		P(S("<w:r>", wd, "<w:t>\xEF\x82\xA8</w:t></w:r>", R(" ไม่เลือก"))),
		P(S("<w:r>", wd, "<w:t>\xC3\xBE</w:t></w:r>", R(" ละติน")))));

	CHECK_STR(ptext(BODY(d), 0), "☑ เลือก");
	CHECK_STR(ptext(BODY(d), 1), "☐ ไม่เลือก");
	CHECK_STR(ptext(BODY(d), 2), "☑ ละติน");   /* "þ" (U+00FE) in Wingdings is the same glyph */
	rg_doc_free(d);
}

/* max_ratio applies only to parts above 1 MiB: a 900 KB part of spaces (~1000:1) reads. */
static void limit_ratio_small_part_ok(void)
{
	zbytes z = make_bomb_docx((size_t)900 << 10);
	rg_doc *d;
	int rc = read_raw(z.data, z.len, NULL, &d);

	CHECK_INT(rc, 0);
	if (rc == 0 && d && d != NOT_SET) {
		const char *t = ptext(BODY(d), 0);
		CHECK_INT(nblocks(BODY(d)), 1);
		CHECK(!strncmp(t, "ก", strlen("ก")));
		CHECK_INT(strlen(t), strlen("ก") + ((size_t)900 << 10) + strlen("ข"));
		rg_doc_free(d);
	}
}

/* (Beyond the spec) LibreOffice stores a Word legacy FORMCHECKBOX in ODT as a field:fieldmark
** with the parameter Checkbox_Checked: ☑ when "true", ☐ when "false". */
static void odt_fieldmark_checkbox(void)
{
	rg_doc *d = read_odt_body(
		"<text:p><field:fieldmark text:name='__Fieldmark__0_1' field:type='vnd.oasis.opendocument.field.FORMCHECKBOX'>"
		"<field:param field:name='Checkbox_Checked' field:value='true'/></field:fieldmark> มี</text:p>"
		"<text:p><field:fieldmark text:name='__Fieldmark__1_1' field:type='vnd.oasis.opendocument.field.FORMCHECKBOX'>"
		"<field:param field:name='Checkbox_Checked' field:value='false'/></field:fieldmark> ไม่มี</text:p>");

	CHECK_STR(ptext(BODY(d), 0), "☑ มี");
	CHECK_STR(ptext(BODY(d), 1), "☐ ไม่มี");
	rg_doc_free(d);
}

/* ================================================================== */

static const test_case cases[] = {
#define T(f) { #f, f, 0 }
#define X(f) { #f, f, 1 }   /* extra: beyond the specification */
	T(docx_basic), T(docx_paragraph_order_and_empty), T(docx_main_part_elsewhere), T(docx_main_part_decoy),
	T(docx_main_part_absolute_target), T(docx_headers_footers_notes), T(docx_parts_relative_to_main),
	T(docx_external_rel_not_read), T(docx_strict), T(docx_read_file), T(read_file_missing), T(docx_xml_alone),
	T(docx_runs_split), T(docx_tab_br_cr), T(docx_page_break), T(docx_nobreak_hyphen), T(docx_sym_wingdings),
	T(docx_sdt_checkbox), T(docx_legacy_checkbox), T(docx_sdt_transparent), T(docx_wrappers_show_text),
	T(docx_complex_fields), T(docx_tracked_changes), T(docx_vanish), T(docx_vanish_off),
	T(docx_textbox_drawing), T(docx_textbox_vml), T(docx_textbox_alternate_content), T(docx_textbox_table),
	T(docx_table_basic), T(docx_table_gridspan), T(docx_table_vmerge), T(docx_table_span_and_merge),
	T(docx_table_hmerge), T(docx_table_grid_before_after), T(docx_table_short_row), T(docx_table_header_rows),
	T(docx_table_nested), T(docx_table_sdt_rows_cells), T(docx_table_cell_content),
	T(odt_basic), T(odt_spaces_tabs_breaks), T(odt_whitespace_collapse), T(odt_pretty_printed),
	T(odt_lists_soft_page_break), T(odt_tracked_changes), T(odt_textbox), T(odt_notes), T(odt_headers_footers),
	T(odt_checkbox_content_control), T(odt_wingdings_span), T(odt_table_basic), T(odt_table_spans),
	T(odt_table_cell_repeated), T(odt_table_header_rows), T(odt_table_nested), T(odt_xml_alone), T(odt_read_file),
	T(bad_random_bytes), T(bad_empty), T(bad_truncated_zip), T(bad_ole_file), T(bad_odt_encrypted),
	T(bad_no_document_part), T(bad_malformed_xml), T(bad_malformed_header), T(bad_billion_laughs),
	T(bad_billion_laughs_odt), T(bad_xxe), T(bad_xxe_parameter_entity), T(bad_zip_bomb_300mb), T(bad_zip_ratio),
	T(bad_part_too_big), T(bad_lying_sizes), T(bad_too_many_cells), T(bad_too_many_cells_odt),
	T(bad_huge_gridspan), T(bad_huge_spans_other), T(bad_vmerge_orphan), T(bad_odt_covered_orphan),
	T(bad_span_past_width), T(bad_deep_nesting), T(bad_nesting_limit), T(bad_deep_xml), T(bad_invalid_utf8),
	T(docx_section_breaks), T(docx_page_break_before), T(docx_onoff_false_values), T(docx_header_table),
	T(docx_named_odt), T(odt_textbox_table), T(odt_note_in_cell), T(odt_section), T(bad_empty_part_and_bad_rels),
	T(repeat_reads),
	T(docx_page_break_mid_paragraph), T(docx_sdt_checkbox_no_checked), T(docx_field_across_paragraphs),
	T(docx_alternate_content_runs), T(docx_textbox_in_cell), T(docx_vmerge_by_grid_column), T(docx_cell_tab_break),
	T(odt_table_short_row), T(odt_table_rows_repeated), T(odt_whitespace_edges), T(odt_page_anchored_frame),
	T(odt_plain_content_control), T(odt_wingdings_font_alias), T(odt_two_master_pages),
	T(bad_header_is_main_part), T(bad_main_target_odd), T(bad_zip_encrypted_entries), T(bad_crc_mismatch),
	T(docx_sdt_checkbox_sym_glyph), T(docx_legacy_checkbox_with_result), T(docx_field_nested_in_result), T(docx_fields_nested_deep),
	T(docx_cell_hidden_deleted), T(docx_vmerge_then_short_row), T(bad_huge_text_s), T(bad_huge_repeats_odt),
	T(bad_nested_textboxes), T(perf_large_document), T(threads_parallel_reads),
	T(docx_sdt_checkbox_true_false), T(docx_comments_not_body), T(docx_glossary_not_read), T(docx_row_wider_than_grid),
	T(docx_empty_tables), T(odt_annotation_ruby_not_text), T(odt_table_of_contents),
	T(docx_property_changes_ignored), T(odt_header_left_first), T(odt_shape_text_not_in_paragraph),
	T(odt_header_rowspan), T(docx_thai_marks_split), T(perf_many_parts),
	T(docx_textbox_group_alternate), T(odt_nested_frames), T(docx_wingdings_text_run),
	T(limit_ratio_small_part_ok), T(odt_fieldmark_checkbox),
#undef T
#undef X
	{ NULL, NULL, 0 }
};

int main(int argc, char **argv)
{
	return run_cases("test_reader", cases, argc, argv);
}
