/*
** docx.c - WordprocessingML (transitional and Strict) to the document model.
**
** One SAX pass per part.  The text a reader sees comes from w:t (and m:t),
** w:tab, w:br, w:cr, w:noBreakHyphen and w:sym; check boxes (w14:checkbox
** content controls and legacy FORMCHECKBOX fields) become ☑/☐.  Deleted and
** moved-from text, field instructions, hidden runs, property-change history
** and all but one branch of mc:AlternateContent are skipped as subtrees.
*/
#include "docx.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "symbols.h"

/* ---- names --------------------------------------------------------------------- */

enum { NS_OTHER = 0, NS_W, NS_W14, NS_MC, NS_M, NS_R };

enum {
	E_OTHER = 0,
	/* w: */
	E_BODY, E_BR, E_CHECKBOX_LEGACY, E_CHECKED_LEGACY, E_CR, E_DEFAULT, E_DEL, E_DELINSTRTEXT,
	E_DELTEXT, E_ENDNOTE, E_FFDATA, E_FLDCHAR, E_FOOTERREF, E_FOOTNOTE, E_GRIDAFTER,
	E_GRIDBEFORE, E_GRIDCOL, E_GRIDSPAN, E_HEADERREF, E_HMERGE, E_INSTRTEXT, E_MOVEFROM,
	E_NOBREAKHYPHEN, E_P, E_PAGEBREAKBEFORE, E_PPR, E_PRCHANGE, E_PTAB, E_R, E_RPR, E_SDT,
	E_SDTCONTENT, E_SDTPR, E_SECTPR, E_SOFTHYPHEN, E_SYM, E_T, E_TAB, E_TBL, E_TBLGRID,
	E_TBLHEADER, E_TC, E_TCPR, E_TR, E_TRPR, E_TXBXCONTENT, E_TYPE, E_VANISH, E_VMERGE,
	E_COMMENTREF, E_RFONTS,
	/* w14: */
	E_W14_CHECKBOX, E_W14_CHECKED,
	/* mc: */
	E_MC_ALTERNATE, E_MC_CHOICE, E_MC_FALLBACK,
	/* m: */
	E_M_T
};

typedef struct {
	const char *name;
	int id;
} name_id;

/* The WordprocessingML elements the reader acts on. */
static const name_id w_names[] = {
	{ "body", E_BODY }, { "br", E_BR }, { "checkBox", E_CHECKBOX_LEGACY },
	{ "checked", E_CHECKED_LEGACY }, { "commentReference", E_COMMENTREF }, { "cr", E_CR },
	{ "default", E_DEFAULT }, { "del", E_DEL }, { "delInstrText", E_DELINSTRTEXT },
	{ "delText", E_DELTEXT }, { "endnote", E_ENDNOTE }, { "ffData", E_FFDATA },
	{ "fldChar", E_FLDCHAR }, { "footerReference", E_FOOTERREF }, { "footnote", E_FOOTNOTE },
	{ "gridAfter", E_GRIDAFTER }, { "gridBefore", E_GRIDBEFORE }, { "gridCol", E_GRIDCOL },
	{ "gridSpan", E_GRIDSPAN }, { "hMerge", E_HMERGE }, { "headerReference", E_HEADERREF },
	{ "instrText", E_INSTRTEXT }, { "moveFrom", E_MOVEFROM }, { "noBreakHyphen", E_NOBREAKHYPHEN },
	{ "numberingChange", E_PRCHANGE }, { "p", E_P }, { "pPr", E_PPR }, { "pPrChange", E_PRCHANGE },
	{ "pageBreakBefore", E_PAGEBREAKBEFORE }, { "ptab", E_PTAB }, { "r", E_R }, { "rFonts", E_RFONTS }, { "rPr", E_RPR },
	{ "rPrChange", E_PRCHANGE }, { "sdt", E_SDT }, { "sdtContent", E_SDTCONTENT },
	{ "sdtPr", E_SDTPR }, { "sectPr", E_SECTPR }, { "sectPrChange", E_PRCHANGE },
	{ "softHyphen", E_SOFTHYPHEN }, { "sym", E_SYM }, { "t", E_T }, { "tab", E_TAB },
	{ "tbl", E_TBL }, { "tblGrid", E_TBLGRID }, { "tblGridChange", E_PRCHANGE },
	{ "tblHeader", E_TBLHEADER }, { "tblPrChange", E_PRCHANGE }, { "tblPrExChange", E_PRCHANGE },
	{ "tc", E_TC }, { "tcPr", E_TCPR }, { "tcPrChange", E_PRCHANGE }, { "tr", E_TR },
	{ "trPr", E_TRPR }, { "trPrChange", E_PRCHANGE }, { "txbxContent", E_TXBXCONTENT },
	{ "type", E_TYPE }, { "vMerge", E_VMERGE }, { "vanish", E_VANISH },
};

static int ns_of(const char *uri)
{
	if (!uri)
		return NS_OTHER;
	if (!strcmp(uri, "http://schemas.openxmlformats.org/wordprocessingml/2006/main")
	    || !strcmp(uri, "http://purl.oclc.org/ooxml/wordprocessingml/main"))
		return NS_W;
	if (!strcmp(uri, "http://schemas.microsoft.com/office/word/2010/wordml"))
		return NS_W14;
	if (!strcmp(uri, "http://schemas.openxmlformats.org/markup-compatibility/2006"))
		return NS_MC;
	if (!strcmp(uri, "http://schemas.openxmlformats.org/officeDocument/2006/math")
	    || !strcmp(uri, "http://purl.oclc.org/ooxml/officeDocument/math"))
		return NS_M;
	return NS_OTHER;
}

static int lookup_id(const char *local, const char *uri)
{
	const name_id *hit;

	switch (ns_of(uri)) {
	case NS_W:
		/* a linear scan: lookups are cached per interned name, so rare */
		for (hit = w_names; hit < w_names + sizeof(w_names) / sizeof(w_names[0]); hit++)
			if (!strcmp(local, hit->name))
				return hit->id;
		return E_OTHER;
	case NS_W14:
		if (!strcmp(local, "checkbox"))
			return E_W14_CHECKBOX;
		if (!strcmp(local, "checked"))
			return E_W14_CHECKED;
		return E_OTHER;
	case NS_MC:
		if (!strcmp(local, "AlternateContent"))
			return E_MC_ALTERNATE;
		if (!strcmp(local, "Choice"))
			return E_MC_CHOICE;
		if (!strcmp(local, "Fallback"))
			return E_MC_FALLBACK;
		return E_OTHER;
	case NS_M:
		return !strcmp(local, "t") ? E_M_T : E_OTHER;
	default:
		return E_OTHER;
	}
}

/* ---- parser state ---------------------------------------------------------------- */

#define CACHE_SIZE 512
#define MAX_DEPTH RG_XML_MAX_DEPTH
#define MAX_STACK 64

/* What an element did when it started, to undo when it ends. */
enum {
	ACT_PARA = 1, ACT_TABLE = 2, ACT_ROW = 4, ACT_CELL = 8, ACT_TEXTBOX = 16, ACT_RUN = 32,
	ACT_TEXT = 64, ACT_SDT = 128, ACT_MC = 256, ACT_NOTE = 512, ACT_SECTPR = 1024
};

typedef struct {
	int id;
	int act;
} elem;

typedef struct {
	int in_instr;
	int is_checkbox, shown, checked_set, checked, default_checked;
} field;

typedef struct {
	rg_xml_state xml;              /* first: package.c stops the parse through it */
	rg_builder *b;
	rg_idlist *headers, *footers;
	struct {
		const void *local, *uri;
		int id;
	} cache[CACHE_SIZE];
	elem stack[MAX_DEPTH];
	int depth;
	int skip_depth;                /* > 0: inside a skipped subtree that began at this depth */
	int run_hidden;
	char run_font[64];             /* the run's symbol font (Wingdings...), or "" */
	int text_open;                 /* inside w:t or m:t */
	field fields[MAX_STACK];
	int nfields, instr_fields;
	struct {
		int is_checkbox, checked;
	} sdts[MAX_STACK];
	int nsdts;
	int mc_taken[MAX_STACK];
	int nmc;
	int sect_type_continuous;
	int sect_break_pending;        /* a section ended in this paragraph */
	int in_note_part;              /* footnotes.xml / endnotes.xml */
} docx_ctx;

static int elem_id(docx_ctx *d, const xmlChar *local, const xmlChar *uri)
{
	/* libxml2 interns names a few bytes apart: mix all the pointer bits */
	size_t h = (size_t)((((uintptr_t)local ^ ((uintptr_t)uri << 7)) * 0x9E3779B97F4A7C15ull) >> 55)
		& (CACHE_SIZE - 1);

	if (d->cache[h].local == local && d->cache[h].uri == uri)
		return d->cache[h].id;
	d->cache[h].local = local;
	d->cache[h].uri = uri;
	d->cache[h].id = lookup_id((const char *)local, (const char *)uri);
	return d->cache[h].id;
}

static int parent_id(const docx_ctx *d)
{
	return d->depth >= 2 ? d->stack[d->depth - 2].id : E_OTHER;
}

/* The w:val (or other) attribute as an on/off value: absent means on. */
static int on_off(const xmlChar **attrs, int n, const char *name, int absent)
{
	char v[16];

	if (!rg_xml_attr(attrs, n, name, v, sizeof(v)))
		return absent;
	return !(!strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "off"));
}

static int int_attr(const xmlChar **attrs, int n, const char *name, int absent)
{
	char v[32], *end;
	long x;

	if (!rg_xml_attr(attrs, n, name, v, sizeof(v)))
		return absent;
	x = strtol(v, &end, 10);
	if (end == v)
		return absent;
	if (x < 0)
		return 0;
	return x > INT_MAX ? INT_MAX : (int)x;
}

static int can_emit(const docx_ctx *d)
{
	return !d->run_hidden && d->instr_fields == 0 && !d->xml.err;
}

static void emit(docx_ctx *d, unsigned cp)
{
	if (can_emit(d))
		rg_build_codepoint(d->b, cp);
}

static void skip_subtree(docx_ctx *d)
{
	d->skip_depth = d->depth;
}

/* ---- SAX callbacks --------------------------------------------------------------- */

static void on_sym(docx_ctx *d, const xmlChar **attrs, int n)
{
	char font[64], code[16];
	unsigned c, u;

	if (!rg_xml_attr(attrs, n, "char", code, sizeof(code)))
		return;
	c = (unsigned)strtoul(code, NULL, 16);
	u = rg_symbol_map(rg_xml_attr(attrs, n, "font", font, sizeof(font)), c);
	if (!u)
		u = c ? c : 0xFFFD;   /* unknown: keep the code rather than lose the mark */
	emit(d, u);
}

static void on_fldchar(docx_ctx *d, const xmlChar **attrs, int n)
{
	char type[16];

	if (!rg_xml_attr(attrs, n, "fldCharType", type, sizeof(type)))
		return;
	if (!strcmp(type, "begin")) {
		if (d->nfields < MAX_STACK)
			memset(&d->fields[d->nfields], 0, sizeof(field));
		if (d->nfields < MAX_STACK)
			d->fields[d->nfields].in_instr = 1;
		d->nfields++;
		d->instr_fields++;
	} else if (!strcmp(type, "separate") && d->nfields > 0) {
		field *f = d->nfields <= MAX_STACK ? &d->fields[d->nfields - 1] : NULL;
		/* a check box field shows its state, never a stale result glyph */
		if (f && f->is_checkbox)
			return;
		/* a field nested past the stack stays hidden to its end: begin and end balance */
		if (f && f->in_instr) {
			f->in_instr = 0;
			d->instr_fields--;
		}
	} else if (!strcmp(type, "end") && d->nfields > 0) {
		field *f = d->nfields <= MAX_STACK ? &d->fields[d->nfields - 1] : NULL;
		if (!f || f->in_instr)
			d->instr_fields--;
		d->nfields--;
	}
}

/* The end of a w:fldChar: a legacy check box shows its state here. */
static void on_fldchar_end(docx_ctx *d)
{
	field *f;
	int saved;

	if (d->nfields < 1 || d->nfields > MAX_STACK)
		return;
	f = &d->fields[d->nfields - 1];
	if (!f->is_checkbox || f->shown)
		return;
	f->shown = 1;
	saved = d->instr_fields;
	d->instr_fields = 0;          /* the box is shown although the field is still open */
	emit(d, (f->checked_set ? f->checked : f->default_checked) ? 0x2611 : 0x2610);
	d->instr_fields = saved;
}

static field *legacy_field(docx_ctx *d)
{
	return d->nfields >= 1 && d->nfields <= MAX_STACK ? &d->fields[d->nfields - 1] : NULL;
}

static void start_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
			  int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	docx_ctx *d = ctx;
	rg_builder *b = d->b;
	elem *e;
	int id;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	if (d->depth >= rg_xml_depth_limit(d->b->lim)) {
		rg_error_set(RG_ELIMIT, "XML elements nested deeper than %d levels (--max-nesting %d allows that many)",
			rg_xml_depth_limit(d->b->lim), d->b->lim->max_nesting);
		rg_xml_stop(&d->xml, RG_ELIMIT);
		return;
	}
	e = &d->stack[d->depth++];
	e->act = 0;
	e->id = E_OTHER;
	if (d->skip_depth)
		return;
	id = e->id = elem_id(d, local, uri);
	switch (id) {
	case E_P:
		if (!rg_build_in_para(b)) {
			rg_build_para_begin(b);
			e->act = ACT_PARA;
		}
		break;
	case E_PAGEBREAKBEFORE:
		if (on_off(attrs, nattrs, "val", 1))
			rg_build_page_break(b);
		break;
	case E_R:
		d->run_hidden = 0;
		d->run_font[0] = '\0';
		e->act = ACT_RUN;
		break;
	case E_RFONTS:
		/* text typed in a symbol font: its codes mean that font's glyphs */
		if (parent_id(d) == E_RPR && d->depth >= 3 && d->stack[d->depth - 3].id == E_R) {
			static const char *const which[] = { "ascii", "hAnsi", "cs", "eastAsia" };
			char font[64];
			size_t k;
			for (k = 0; k < sizeof(which) / sizeof(which[0]); k++) {
				if (rg_xml_attr(attrs, nattrs, which[k], font, sizeof(font)) && rg_symbol_font(font)) {
					memcpy(d->run_font, font, sizeof(font));
					break;
				}
			}
		}
		break;
	case E_VANISH:
		if (parent_id(d) == E_RPR && d->depth >= 3 && d->stack[d->depth - 3].id == E_R)
			d->run_hidden = on_off(attrs, nattrs, "val", 1);
		break;
	case E_T:
	case E_M_T:
		d->text_open++;
		e->act = ACT_TEXT;
		break;
	case E_TAB:
	case E_PTAB:
		if (parent_id(d) == E_R)
			emit(d, '\t');
		break;
	case E_BR: {
		char type[24];
		if (parent_id(d) != E_R)
			break;
		if (rg_xml_attr(attrs, nattrs, "type", type, sizeof(type)) && strcmp(type, "textWrapping")) {
			if (!strcmp(type, "page"))
				rg_build_page_break(b);
		} else {
			emit(d, '\n');
		}
		break;
	}
	case E_CR:
		if (parent_id(d) == E_R)
			emit(d, '\n');
		break;
	case E_NOBREAKHYPHEN:
		if (parent_id(d) == E_R)
			emit(d, '-');
		break;
	case E_SYM:
		if (parent_id(d) == E_R)
			on_sym(d, attrs, nattrs);
		break;
	case E_DEL:
	case E_MOVEFROM:
	case E_DELTEXT:
	case E_INSTRTEXT:
	case E_DELINSTRTEXT:
	case E_PRCHANGE:
		skip_subtree(d);
		break;
	case E_FLDCHAR:
		on_fldchar(d, attrs, nattrs);
		break;
	case E_CHECKBOX_LEGACY:
		if (parent_id(d) == E_FFDATA && legacy_field(d))
			legacy_field(d)->is_checkbox = 1;
		break;
	case E_CHECKED_LEGACY:
		if (parent_id(d) == E_CHECKBOX_LEGACY && legacy_field(d)) {
			legacy_field(d)->checked_set = 1;
			legacy_field(d)->checked = on_off(attrs, nattrs, "val", 1);
		}
		break;
	case E_DEFAULT:
		if (parent_id(d) == E_CHECKBOX_LEGACY && legacy_field(d))
			legacy_field(d)->default_checked = on_off(attrs, nattrs, "val", 0);
		break;
	case E_SDT:
		if (d->nsdts < MAX_STACK) {
			d->sdts[d->nsdts].is_checkbox = 0;
			d->sdts[d->nsdts].checked = 0;
		}
		d->nsdts++;
		e->act = ACT_SDT;
		break;
	case E_W14_CHECKBOX:
		if (d->nsdts >= 1 && d->nsdts <= MAX_STACK)
			d->sdts[d->nsdts - 1].is_checkbox = 1;
		break;
	case E_W14_CHECKED:
		if (parent_id(d) == E_W14_CHECKBOX && d->nsdts >= 1 && d->nsdts <= MAX_STACK)
			d->sdts[d->nsdts - 1].checked = on_off(attrs, nattrs, "val", 1);
		break;
	case E_SDTCONTENT:
		/* a check box shows its state, not the glyph its content happens to hold */
		if (d->nsdts >= 1 && d->nsdts <= MAX_STACK && d->sdts[d->nsdts - 1].is_checkbox) {
			int saved = d->run_hidden;
			d->run_hidden = 0;
			emit(d, d->sdts[d->nsdts - 1].checked ? 0x2611 : 0x2610);
			d->run_hidden = saved;
			skip_subtree(d);
		}
		break;
	case E_MC_ALTERNATE:
		if (d->nmc < MAX_STACK)
			d->mc_taken[d->nmc] = 0;
		d->nmc++;
		e->act = ACT_MC;
		break;
	case E_MC_CHOICE:
	case E_MC_FALLBACK:
		/* one branch only, never the same text twice */
		if (d->nmc >= 1 && d->nmc <= MAX_STACK) {
			if (d->mc_taken[d->nmc - 1])
				skip_subtree(d);
			else
				d->mc_taken[d->nmc - 1] = 1;
		}
		break;
	case E_TBL:
		if (rg_build_table_begin(b))
			e->act = ACT_TABLE;
		break;
	case E_GRIDCOL:
		if (parent_id(d) == E_TBLGRID)
			rg_build_table_grid_col(b, 1);
		break;
	case E_TR:
		if (rg_build_row_begin(b))
			e->act = ACT_ROW;
		break;
	case E_TBLHEADER:
		if (parent_id(d) == E_TRPR && rg_build_row(b))
			rg_build_row(b)->header = on_off(attrs, nattrs, "val", 1);
		break;
	case E_GRIDBEFORE:
		if (parent_id(d) == E_TRPR && rg_build_row(b))
			rg_build_row(b)->grid_before = int_attr(attrs, nattrs, "val", 0);
		break;
	case E_GRIDAFTER:
		if (parent_id(d) == E_TRPR && rg_build_row(b))
			rg_build_row(b)->grid_after = int_attr(attrs, nattrs, "val", 0);
		break;
	case E_TC:
		if (rg_build_cell_begin(b))
			e->act = ACT_CELL;
		break;
	case E_GRIDSPAN:
		if (parent_id(d) == E_TCPR && rg_build_cell(b))
			rg_build_cell(b)->colspan = int_attr(attrs, nattrs, "val", 1);
		break;
	case E_VMERGE:
	case E_HMERGE:
		if (parent_id(d) == E_TCPR && rg_build_cell(b)) {
			char v[16];
			int kind = rg_xml_attr(attrs, nattrs, "val", v, sizeof(v)) && !strcmp(v, "restart") ? 1 : 2;
			if (id == E_VMERGE)
				rg_build_cell(b)->vmerge = kind;
			else
				rg_build_cell(b)->hmerge = kind;
		}
		break;
	case E_TXBXCONTENT:
		if (rg_build_textbox_begin(b))
			e->act = ACT_TEXTBOX;
		break;
	case E_SECTPR:
		d->sect_type_continuous = 0;
		if (parent_id(d) == E_PPR)
			e->act = ACT_SECTPR;
		break;
	case E_TYPE:
		if (parent_id(d) == E_SECTPR) {
			char v[24];
			if (rg_xml_attr(attrs, nattrs, "val", v, sizeof(v)) && !strcmp(v, "continuous"))
				d->sect_type_continuous = 1;
		}
		break;
	case E_HEADERREF:
	case E_FOOTERREF: {
		char rid[128];
		rg_idlist *list = id == E_HEADERREF ? d->headers : d->footers;
		if (list && rg_xml_attr(attrs, nattrs, "id", rid, sizeof(rid)) && rg_idlist_add(list, rid))
			rg_xml_stop(&d->xml, RG_ENOMEM);
		break;
	}
	case E_FOOTNOTE:
	case E_ENDNOTE: {
		char type[32];
		/* separators are layout, not notes */
		if (rg_xml_attr(attrs, nattrs, "type", type, sizeof(type)) && strcmp(type, "normal"))
			skip_subtree(d);
		break;
	}
	default:
		break;
	}
	if (b->err)
		rg_xml_stop(&d->xml, b->err);
}

static void end_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	docx_ctx *d = ctx;
	rg_builder *b = d->b;
	elem *e;

	(void)local;
	(void)prefix;
	(void)uri;
	if (d->depth <= 0)
		return;
	e = &d->stack[d->depth - 1];
	if (d->skip_depth) {
		if (d->skip_depth == d->depth)
			d->skip_depth = 0;
		d->depth--;
		return;
	}
	if (e->id == E_FLDCHAR)
		on_fldchar_end(d);
	if (e->act & ACT_TEXT)
		d->text_open--;
	if (e->act & ACT_RUN) {
		d->run_hidden = 0;
		d->run_font[0] = '\0';
	}
	if (e->act & ACT_SDT)
		d->nsdts--;
	if (e->act & ACT_MC)
		d->nmc--;
	if (e->act & ACT_SECTPR) {
		if (!d->sect_type_continuous)
			d->sect_break_pending = 1;
	}
	if (e->act & ACT_PARA) {
		rg_build_para_end(b);
		if (d->sect_break_pending) {
			rg_build_page_break(b);
			d->sect_break_pending = 0;
		}
	}
	if (e->act & ACT_CELL)
		rg_build_cell_end(b);
	if (e->act & ACT_ROW)
		rg_build_row_end(b);
	if (e->act & ACT_TABLE)
		rg_build_table_end(b);
	if (e->act & ACT_TEXTBOX)
		rg_build_textbox_end(b);
	d->depth--;
	if (b->err)
		rg_xml_stop(&d->xml, b->err);
}

static void characters(void *ctx, const xmlChar *ch, int len)
{
	docx_ctx *d = ctx;

	if (d->skip_depth || d->text_open <= 0 || !can_emit(d))
		return;
	if (d->run_font[0]) {
		const char *s = (const char *)ch;
		int i = 0;
		while (i < len) {
			unsigned cp, u;
			int n = rg_utf8_decode(s + i, (size_t)(len - i), &cp);
			u = rg_symbol_map(d->run_font, cp);
			if (u)
				rg_build_codepoint(d->b, u);
			else
				rg_build_text(d->b, s + i, (size_t)n);
			i += n;
		}
		return;
	}
	rg_build_text(d->b, (const char *)ch, (size_t)len);
}

int rg_idlist_add(rg_idlist *l, const char *id)
{
	size_t i;
	char **p;

	for (i = 0; i < l->len; i++)
		if (!strcmp(l->ids[i], id))
			return 0;
	if (l->len == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 4;
		if (!(p = realloc(l->ids, ncap * sizeof(*p))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		l->ids = p;
		l->cap = ncap;
	}
	if (!(l->ids[l->len] = strdup(id)))
		return rg_error_set(RG_ENOMEM, "out of memory");
	l->len++;
	return 0;
}

void rg_idlist_free(rg_idlist *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		free(l->ids[i]);
	free(l->ids);
	memset(l, 0, sizeof(*l));
}

int rg_docx_read_part(rg_package *pkg, const char *part, const char *xml, size_t len,
		      rg_builder *b, rg_blocks *dest, rg_idlist *headers, rg_idlist *footers)
{
	xmlSAXHandler sax;
	docx_ctx *d;
	int rc;

	d = calloc(1, sizeof(*d));
	if (!d)
		return rg_error_set(RG_ENOMEM, "out of memory");
	d->b = b;
	d->headers = headers;
	d->footers = footers;
	rg_xml_sax_init(&sax);
	sax.startElementNs = start_element;
	sax.endElementNs = end_element;
	sax.characters = characters;
	rg_build_part_begin(b, dest);
	if (pkg)
		rc = rg_package_parse_xml(pkg, part, &sax, d);
	else
		rc = rg_xml_parse_memory(xml, len, part, &sax, d);
	if (!rc && b->err)
		rc = b->err;
	if (!rc)
		rg_build_part_end(b);
	free(d);
	return rc;
}
