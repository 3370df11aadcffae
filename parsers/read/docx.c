/*
** docx.c - WordprocessingML (transitional and Strict) to the document model.
**
** One SAX pass per part.  The text a reader sees comes from w:t (and m:t),
** w:tab, w:br, w:cr, w:noBreakHyphen and w:sym; check boxes become ☑/☐:
** a w14:checkbox content control shows the box its w:sdtContent holds (the
** w14:checked flag decides only when the content shows none), a legacy
** FORMCHECKBOX field its state, and a list level of numbering.xml whose
** marker is a box or a tick (a Wingdings lvlText) puts that mark in front of
** its paragraph.  Deleted and moved-from text, field instructions, ruby
** readings (w:rt), property-change history and all but one branch of
** mc:AlternateContent are skipped as subtrees; hidden text (w:vanish, direct
** or through a paragraph or character style) is left out as Word hides it.
** A w:altChunk is handed to the caller (rg_docx_part_opts) to read in place.
*/
#include "docx.h"

#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strmap.h"
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
	E_COMMENTREF, E_RFONTS, E_RT, E_ALTCHUNK, E_PSTYLE, E_RSTYLE, E_NUMPR, E_NUMID, E_ILVL,
	E_STYLE, E_BASEDON, E_DOCDEFAULTS, E_ABSTRACTNUM, E_ABSTRACTNUMID, E_NUM, E_LVL, E_LVLTEXT,
	E_NUMFMT, E_LVLOVERRIDE, E_SUFF, E_STYLE_SKIP,
	/* w14: */
	E_W14_CHECKBOX, E_W14_CHECKED, E_W14_CHECKEDSTATE, E_W14_UNCHECKEDSTATE,
	/* mc: */
	E_MC_ALTERNATE, E_MC_CHOICE, E_MC_FALLBACK,
	/* m: */
	E_M_T
};

typedef struct {
	const char *name;
	int id;
} name_id;

/* The WordprocessingML elements the reader acts on, sorted (strcmp) for bsearch. */
static const name_id w_names[] = {
	{ "abstractNum", E_ABSTRACTNUM }, { "abstractNumId", E_ABSTRACTNUMID }, { "altChunk", E_ALTCHUNK },
	{ "basedOn", E_BASEDON }, { "body", E_BODY }, { "br", E_BR }, { "checkBox", E_CHECKBOX_LEGACY },
	{ "checked", E_CHECKED_LEGACY }, { "commentReference", E_COMMENTREF }, { "cr", E_CR },
	{ "default", E_DEFAULT }, { "del", E_DEL }, { "delInstrText", E_DELINSTRTEXT }, { "delText", E_DELTEXT },
	{ "docDefaults", E_DOCDEFAULTS }, { "endnote", E_ENDNOTE }, { "ffData", E_FFDATA },
	{ "fldChar", E_FLDCHAR }, { "footerReference", E_FOOTERREF }, { "footnote", E_FOOTNOTE },
	{ "gridAfter", E_GRIDAFTER }, { "gridBefore", E_GRIDBEFORE }, { "gridCol", E_GRIDCOL },
	{ "gridSpan", E_GRIDSPAN }, { "hMerge", E_HMERGE }, { "headerReference", E_HEADERREF }, { "ilvl", E_ILVL },
	{ "instrText", E_INSTRTEXT }, { "latentStyles", E_STYLE_SKIP }, { "lvl", E_LVL },
	{ "lvlOverride", E_LVLOVERRIDE }, { "lvlText", E_LVLTEXT }, { "moveFrom", E_MOVEFROM },
	{ "noBreakHyphen", E_NOBREAKHYPHEN }, { "num", E_NUM }, { "numFmt", E_NUMFMT }, { "numId", E_NUMID },
	{ "numPr", E_NUMPR }, { "numberingChange", E_PRCHANGE }, { "p", E_P }, { "pPr", E_PPR },
	{ "pPrChange", E_PRCHANGE }, { "pStyle", E_PSTYLE }, { "pageBreakBefore", E_PAGEBREAKBEFORE },
	{ "ptab", E_PTAB }, { "r", E_R }, { "rFonts", E_RFONTS }, { "rPr", E_RPR }, { "rPrChange", E_PRCHANGE },
	{ "rStyle", E_RSTYLE }, { "rt", E_RT }, { "sdt", E_SDT }, { "sdtContent", E_SDTCONTENT },
	{ "sdtPr", E_SDTPR }, { "sectPr", E_SECTPR }, { "sectPrChange", E_PRCHANGE },
	{ "softHyphen", E_SOFTHYPHEN }, { "style", E_STYLE }, { "suff", E_SUFF }, { "sym", E_SYM }, { "t", E_T },
	{ "tab", E_TAB }, { "tbl", E_TBL }, { "tblGrid", E_TBLGRID }, { "tblGridChange", E_PRCHANGE },
	{ "tblHeader", E_TBLHEADER }, { "tblPrChange", E_PRCHANGE }, { "tblPrExChange", E_PRCHANGE },
	{ "tblStylePr", E_STYLE_SKIP }, { "tc", E_TC }, { "tcPr", E_TCPR }, { "tcPrChange", E_PRCHANGE },
	{ "tr", E_TR }, { "trPr", E_TRPR }, { "trPrChange", E_PRCHANGE }, { "txbxContent", E_TXBXCONTENT },
	{ "type", E_TYPE }, { "vMerge", E_VMERGE }, { "vanish", E_VANISH }
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
	switch (ns_of(uri)) {
	case NS_W: {
		/* lookups are cached per interned name; a miss is a binary search */
		size_t lo = 0, hi = sizeof(w_names) / sizeof(w_names[0]);
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			int c = strcmp(local, w_names[mid].name);
			if (!c)
				return w_names[mid].id;
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		return E_OTHER;
	}
	case NS_W14:
		if (!strcmp(local, "checkbox"))
			return E_W14_CHECKBOX;
		if (!strcmp(local, "checked"))
			return E_W14_CHECKED;
		if (!strcmp(local, "checkedState"))
			return E_W14_CHECKEDSTATE;
		if (!strcmp(local, "uncheckedState"))
			return E_W14_UNCHECKEDSTATE;
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

/* ---- styles and numbering (styles.xml, numbering.xml) ------------------------------ */

#define STYLE_HOPS 16        /* basedOn chains longer than this are cut (cycles in hostile files) */
#define MAX_LEVELS 9         /* list levels 0..8 */

typedef struct {
	char *based_on;          /* styleId of the parent, or NULL */
	int vanish;              /* -1 not said, 0, 1 */
	int num_id, ilvl;        /* numPr of a paragraph style; -1 not said */
	char *font;              /* a symbol font of its run properties, or NULL */
	int has_font;            /* its run properties name a font (a symbol one or not) */
} docx_style;

typedef struct {
	unsigned marker;         /* the box or tick the level draws, or 0 */
	int hidden;              /* the level's run properties hide its marker */
	int defined;
} docx_level;

typedef struct {
	docx_level lvl[MAX_LEVELS];
} docx_abstract;

typedef struct {
	int abstract;            /* abstractNumId, -1 unknown */
	docx_level over[MAX_LEVELS];
} docx_num;

struct rg_docx_info {
	docx_style *styles;
	size_t nstyles, capstyles;
	rg_strmap style_index;    /* styleId -> index */
	int default_para, default_char;
	int default_vanish;
	int any_vanish, any_font;  /* some style (or the defaults) hides text / names a symbol font */
	int markers;               /* list levels drawing a box or a tick */
	docx_abstract *abstracts;
	size_t nabstracts, capabstracts;
	rg_strmap abstract_index; /* abstractNumId -> index */
	docx_num *nums;
	size_t nnums, capnums;
	rg_strmap num_index;      /* numId -> index */
};

rg_docx_info *rg_docx_info_new(void)
{
	rg_docx_info *info = calloc(1, sizeof(*info));

	if (!info) {
		rg_error_set(RG_ENOMEM, "out of memory");
		return NULL;
	}
	info->default_para = info->default_char = -1;
	return info;
}

void rg_docx_info_free(rg_docx_info *info)
{
	size_t i;

	if (!info)
		return;
	for (i = 0; i < info->nstyles; i++) {
		free(info->styles[i].based_on);
		free(info->styles[i].font);
	}
	free(info->styles);
	free(info->abstracts);
	free(info->nums);
	rg_strmap_free(&info->style_index);
	rg_strmap_free(&info->abstract_index);
	rg_strmap_free(&info->num_index);
	free(info);
}

static int style_find(const rg_docx_info *info, const char *id)
{
	return info && id && *id ? rg_strmap_get(&info->style_index, id, strlen(id)) : -1;
}

static const docx_style *style_parent(const rg_docx_info *info, const docx_style *s)
{
	int i = style_find(info, s->based_on);
	return i >= 0 ? &info->styles[i] : NULL;
}

/* A style's own or inherited w:vanish: -1 when no style of the chain says. */
static int style_vanish(const rg_docx_info *info, int idx)
{
	const docx_style *s = idx >= 0 ? &info->styles[idx] : NULL;
	int k;

	for (k = 0; s && k < STYLE_HOPS; k++, s = style_parent(info, s))
		if (s->vanish >= 0)
			return s->vanish;
	return -1;
}

/* A style's symbol font ("" when its chain names a font that is not one, NULL when none). */
static const char *style_font(const rg_docx_info *info, int idx)
{
	const docx_style *s = idx >= 0 ? &info->styles[idx] : NULL;
	int k;

	for (k = 0; s && k < STYLE_HOPS; k++, s = style_parent(info, s))
		if (s->has_font)
			return s->font ? s->font : "";
	return NULL;
}

static void style_numbering(const rg_docx_info *info, int idx, int *num_id, int *ilvl)
{
	const docx_style *s = idx >= 0 ? &info->styles[idx] : NULL;
	int k;

	for (k = 0; s && k < STYLE_HOPS; k++, s = style_parent(info, s)) {
		if (*ilvl < 0 && s->ilvl >= 0)
			*ilvl = s->ilvl;
		if (*num_id < 0 && s->num_id >= 0)
			*num_id = s->num_id;
	}
}

/* The level (numId, ilvl) of a paragraph, or NULL. */
static const docx_level *list_level(const rg_docx_info *info, int num_id, int ilvl)
{
	char key[16];
	const docx_num *n;
	int i;

	if (!info || num_id <= 0 || ilvl < 0 || ilvl >= MAX_LEVELS)
		return NULL;
	snprintf(key, sizeof(key), "%d", num_id);
	if ((i = rg_strmap_get(&info->num_index, key, strlen(key))) < 0)
		return NULL;
	n = &info->nums[i];
	if (n->over[ilvl].defined)
		return &n->over[ilvl];
	if (n->abstract < 0)
		return NULL;
	return info->abstracts[n->abstract].lvl[ilvl].defined ? &info->abstracts[n->abstract].lvl[ilvl] : NULL;
}

typedef struct {
	rg_xml_state xml;
	rg_docx_info *info;
	const rg_limits *lim;
	struct {
		const void *local, *uri;
		int id;
	} cache[128];
	int depth;
	int skip_depth;           /* > 0: inside a subtree of no interest (latent styles, table style parts) */
	int ids[64];              /* element ids of the open elements (shallow parts only) */
	int style;                /* the w:style being read, or -1 */
	int in_defaults;
	docx_level *lvl;          /* the w:lvl being read, or NULL */
	char lvl_text[64];
	char lvl_font[64];
	int lvl_has_text;
	int abstract;             /* the w:abstractNum being read, or -1 */
	int num;                  /* the w:num being read, or -1 */
	int override_ilvl;        /* the w:lvlOverride being read, or -1 */
	int cache_unused;
} info_ctx;

static int info_oom(info_ctx *c)
{
	rg_error_set(RG_ENOMEM, "out of memory");
	rg_xml_stop(&c->xml, RG_ENOMEM);
	return -1;
}

/* Grow an array of n items of size sz to hold one more. */
static int grow(info_ctx *c, void **items, size_t *cap, size_t n, size_t sz)
{
	void *p;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if (!(p = realloc(*items, ncap * sz)))
		return info_oom(c);
	*items = p;
	*cap = ncap;
	return 0;
}

/* After an element is pushed: the id of its ancestor `up` levels up (0: itself). */
static int info_parent(const info_ctx *c, int up)
{
	int k = c->depth - 1 - up;
	return k >= 0 && k < 64 ? c->ids[k] : E_OTHER;
}

static void level_begin(info_ctx *c, docx_level *l)
{
	memset(l, 0, sizeof(*l));
	l->defined = 1;
	c->lvl = l;
	c->lvl_text[0] = c->lvl_font[0] = '\0';
	c->lvl_has_text = 0;
}

/* The end of a w:lvl: which mark its lvlText draws in its font. */
static void level_end(info_ctx *c)
{
	docx_level *l = c->lvl;
	unsigned cp, u;
	const char *t = c->lvl_text;
	size_t n = strlen(t);
	int k;

	c->lvl = NULL;
	if (!l || !c->lvl_has_text || !n || strchr(t, '%'))
		return;
	k = rg_utf8_decode(t, n, &cp);
	if ((size_t)k != n)
		return;    /* one character only: "☐", or "\\uF06F" in Wingdings */
	/* in a symbol font, the private-use form only (as Word and LibreOffice write a symbol
	** bullet): a plain letter is what the numbering.xml scan looks for, so it would be read
	** here only some of the time */
	u = c->lvl_font[0] && cp >= 0xF000 ? rg_symbol_map(c->lvl_font, cp) : 0;
	if (!u && c->lvl_font[0] && cp < 0x100)
		return;
	if (!u)
		u = cp;
	if (rg_symbol_is_box(u)) {
		l->marker = u;
		c->info->markers++;
	}
}

static void info_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
		       int nns, const xmlChar **ns, int nattrs, int ndef, const xmlChar **attrs)
{
	info_ctx *c = ctx;
	rg_docx_info *info = c->info;
	char v[256];
	int id, parent;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndef;
	if (c->depth >= rg_xml_depth_limit(c->lim)) {
		rg_error_set(RG_ELIMIT, "XML elements nested deeper than %d levels (--max-nesting %d allows that many)",
			rg_xml_depth_limit(c->lim), c->lim->max_nesting);
		rg_xml_stop(&c->xml, RG_ELIMIT);
		return;
	}
	if (c->skip_depth) {
		c->depth++;
		return;
	}
	{
		/* names are interned by libxml2: remember the lookup per pointer */
		size_t h = (size_t)((((uintptr_t)local ^ ((uintptr_t)uri << 7)) * 0x9E3779B97F4A7C15ull) >> 57) & 127;
		if (c->cache[h].local != local || c->cache[h].uri != uri) {
			c->cache[h].local = local;
			c->cache[h].uri = uri;
			c->cache[h].id = lookup_id((const char *)local, (const char *)uri);
		}
		id = c->cache[h].id;
	}
	parent = info_parent(c, 0);
	if (c->depth < 64)
		c->ids[c->depth] = id;
	c->depth++;
	switch (id) {
	case E_STYLE_SKIP:
		c->skip_depth = c->depth;
		break;
	case E_STYLE: {
		docx_style *s;
		int idx;
		c->style = -1;
		if (!rg_xml_attr(attrs, nattrs, "styleId", v, sizeof(v)))
			break;
		if ((idx = style_find(info, v)) < 0) {
			if (grow(c, (void **)&info->styles, &info->capstyles, info->nstyles, sizeof(*s)))
				break;
			idx = (int)info->nstyles;
			s = &info->styles[idx];
			memset(s, 0, sizeof(*s));
			s->vanish = s->num_id = s->ilvl = -1;
			if (rg_strmap_put(&info->style_index, v, strlen(v), idx)) {
				info_oom(c);
				break;
			}
			info->nstyles++;
		}
		c->style = idx;
		if (on_off(attrs, nattrs, "default", 0)) {
			char type[32];
			if (rg_xml_attr(attrs, nattrs, "type", type, sizeof(type))) {
				if (!strcmp(type, "paragraph"))
					info->default_para = idx;
				else if (!strcmp(type, "character"))
					info->default_char = idx;
			}
		}
		break;
	}
	case E_BASEDON:
		if (c->style >= 0 && parent == E_STYLE && rg_xml_attr(attrs, nattrs, "val", v, sizeof(v))) {
			docx_style *s = &info->styles[c->style];
			free(s->based_on);
			if (!(s->based_on = strdup(v)))
				info_oom(c);
		}
		break;
	case E_DOCDEFAULTS:
		c->in_defaults = 1;
		break;
	case E_VANISH:
		if (parent != E_RPR)
			break;
		if (c->lvl)
			c->lvl->hidden = on_off(attrs, nattrs, "val", 1);
		else if (c->style >= 0 && info_parent(c, 2) == E_STYLE)
			info->any_vanish |= info->styles[c->style].vanish = on_off(attrs, nattrs, "val", 1);
		else if (c->in_defaults)
			info->any_vanish |= info->default_vanish = on_off(attrs, nattrs, "val", 1);
		break;
	case E_RFONTS: {
		static const char *const which[] = { "ascii", "hAnsi", "cs", "eastAsia" };
		char font[64];
		size_t k;
		int any = 0;
		if (parent != E_RPR)
			break;
		for (k = 0; k < sizeof(which) / sizeof(which[0]); k++) {
			if (!rg_xml_attr(attrs, nattrs, which[k], font, sizeof(font)))
				continue;
			any = 1;
			if (!rg_symbol_font(font))
				continue;
			if (c->lvl) {
				memcpy(c->lvl_font, font, sizeof(font));
			} else if (c->style >= 0 && info_parent(c, 2) == E_STYLE && !info->styles[c->style].font) {
				if (!(info->styles[c->style].font = strdup(font)))
					info_oom(c);
				info->any_font = 1;
			}
			break;
		}
		if (any && !c->lvl && c->style >= 0 && info_parent(c, 2) == E_STYLE)
			info->styles[c->style].has_font = 1;
		break;
	}
	case E_NUMID:
	case E_ILVL:
		if (parent == E_NUMPR && info_parent(c, 2) == E_PPR && info_parent(c, 3) == E_STYLE && c->style >= 0) {
			int x = int_attr(attrs, nattrs, "val", -1);
			if (id == E_NUMID)
				info->styles[c->style].num_id = x;
			else
				info->styles[c->style].ilvl = x;
		}
		break;
	case E_ABSTRACTNUM: {
		docx_abstract *a;
		c->abstract = -1;
		if (!rg_xml_attr(attrs, nattrs, "abstractNumId", v, sizeof(v)))
			break;
		if (grow(c, (void **)&info->abstracts, &info->capabstracts, info->nabstracts, sizeof(*a)))
			break;
		a = &info->abstracts[info->nabstracts];
		memset(a, 0, sizeof(*a));
		if (rg_strmap_put(&info->abstract_index, v, strlen(v), (int)info->nabstracts)) {
			info_oom(c);
			break;
		}
		c->abstract = (int)info->nabstracts++;
		break;
	}
	case E_NUM: {
		docx_num *n;
		c->num = -1;
		if (!rg_xml_attr(attrs, nattrs, "numId", v, sizeof(v)))
			break;
		if (grow(c, (void **)&info->nums, &info->capnums, info->nnums, sizeof(*n)))
			break;
		n = &info->nums[info->nnums];
		memset(n, 0, sizeof(*n));
		n->abstract = -1;
		if (rg_strmap_put(&info->num_index, v, strlen(v), (int)info->nnums)) {
			info_oom(c);
			break;
		}
		c->num = (int)info->nnums++;
		break;
	}
	case E_ABSTRACTNUMID:
		/* numbering.xml holds every abstractNum before the first num, so the id resolves here */
		if (parent == E_NUM && c->num >= 0 && rg_xml_attr(attrs, nattrs, "val", v, sizeof(v)))
			info->nums[c->num].abstract = rg_strmap_get(&info->abstract_index, v, strlen(v));
		break;
	case E_LVLOVERRIDE:
		c->override_ilvl = int_attr(attrs, nattrs, "ilvl", -1);
		break;
	case E_LVL: {
		int ilvl = int_attr(attrs, nattrs, "ilvl", -1);
		if (ilvl < 0 || ilvl >= MAX_LEVELS)
			break;
		if (parent == E_ABSTRACTNUM && c->abstract >= 0)
			level_begin(c, &info->abstracts[c->abstract].lvl[ilvl]);
		else if (parent == E_LVLOVERRIDE && c->num >= 0 && c->override_ilvl == ilvl)
			level_begin(c, &info->nums[c->num].over[ilvl]);
		break;
	}
	case E_LVLTEXT:
		if (c->lvl && parent == E_LVL && rg_xml_attr(attrs, nattrs, "val", c->lvl_text, sizeof(c->lvl_text)))
			c->lvl_has_text = 1;
		break;
	default:
		break;
	}
}

static void info_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	info_ctx *c = ctx;
	int id;

	(void)local;
	(void)prefix;
	(void)uri;
	if (c->depth <= 0)
		return;
	if (c->skip_depth) {
		if (c->skip_depth == c->depth)
			c->skip_depth = 0;
		else {
			c->depth--;
			return;
		}
	}
	id = info_parent(c, 0);
	c->depth--;
	if (c->depth >= 64)
		return;
	if (id == E_STYLE)
		c->style = -1;
	else if (id == E_DOCDEFAULTS)
		c->in_defaults = 0;
	else if (id == E_LVL && c->lvl)
		level_end(c);
	else if (id == E_ABSTRACTNUM)
		c->abstract = -1;
	else if (id == E_NUM)
		c->num = -1;
	else if (id == E_LVLOVERRIDE)
		c->override_ilvl = -1;
}

static int read_info(rg_docx_info *info, rg_package *pkg, const char *part, const rg_limits *lim)
{
	xmlSAXHandler sax;
	info_ctx *c;
	int rc;

	if (!part || !rg_package_has(pkg, part))
		return 0;
	if (!(c = calloc(1, sizeof(*c))))
		return rg_error_set(RG_ENOMEM, "out of memory");
	c->info = info;
	c->lim = lim;
	c->style = c->abstract = c->num = c->override_ilvl = -1;
	rg_xml_sax_init(&sax);
	sax.startElementNs = info_start;
	sax.endElementNs = info_end;
	rc = rg_package_parse_xml(pkg, part, &sax, c);
	free(c);
	return rc;
}

/* Whether a style read (from index `from` on) numbers its paragraphs. */
static int styles_number(const rg_docx_info *info, size_t from)
{
	size_t i;

	for (i = from; i < info->nstyles; i++)
		if (info->styles[i].num_id > 0)
			return 1;
	return 0;
}

int rg_docx_read_styles(rg_docx_info *info, rg_package *pkg, const char *part, const rg_limits *lim)
{
	/* what styles change here: hidden text, symbol fonts, and numbering (when a list level draws
	** a box); most styles.xml hold none of it and are not parsed at all */
	static const char *const plain[] = { "vanish", "Wingdings", "Webdings", "Symbol" };
	static const char *const with_lists[] = { "vanish", "Wingdings", "Webdings", "Symbol", "numPr" };
	/* verdicts: nothing of use when no list level draws a box / when some do (numPr counts then) */
	static const char no_use_plain[] = "styles that change no text", no_use_lists[] = "nor any list";
	const void *verdict = info->markers ? (const void *)no_use_lists : (const void *)no_use_plain;
	size_t before = info->nstyles;
	int found = 0, rc;

	if (!part || !rg_package_has(pkg, part) || rg_package_seen(pkg, part, verdict))
		return 0;
	if (info->markers)
		rc = rg_package_contains(pkg, part, with_lists, 5, &found);
	else
		rc = rg_package_contains(pkg, part, plain, 4, &found);
	if (rc || !found)
		return rc;
	rc = read_info(info, pkg, part, lim);
	/* the needles were only in names or text: remember that this styles.xml changes nothing */
	if (!rc && !info->any_vanish && !info->any_font && !(info->markers && styles_number(info, before)))
		rg_package_remember(pkg, part, verdict);
	return rc;
}

int rg_docx_read_numbering(rg_docx_info *info, rg_package *pkg, const char *part, const rg_limits *lim)
{
	/* a list level draws a box as a box character, or as a box of a symbol font in the
	** private-use form Word and LibreOffice write (U+F0xx); without any, numbering.xml
	** changes nothing here and is not parsed (the common Wingdings square bullet
	** U+F0A7 does not count) */
	static const char *const needles[] = {
		"\xE2\x98\x90", "\xE2\x98\x91", "\xE2\x98\x92", "\xE2\x96\xA1", "\xE2\x97\xBB", "\xE2\x8C\xA7",
		/* ☐ ☑ ☒ □ ◻ ⌧ */
		"\xEF\x81\xAF", "\xEF\x82\xA8", "\xEF\x83\xBD", "\xEF\x83\xBE",   /* Wingdings o ¨ ý þ */
		"\xEF\x81\x91", "\xEF\x81\x92", "\xEF\x81\x93", "\xEF\x81\x94", "\xEF\x82\xA3",
		/* Wingdings 2 Q R S T £ */
		"&#" /* a character reference may spell any of them */ };
	static const char no_markers[] = "numbering without boxes";
	int found = 0, rc;

	if (!part || !rg_package_has(pkg, part) || rg_package_seen(pkg, part, no_markers))
		return 0;
	rc = rg_package_contains(pkg, part, needles, sizeof(needles) / sizeof(needles[0]), &found);
	if (rc || !found)
		return rc;
	if (!(rc = read_info(info, pkg, part, lim)) && !info->markers)
		rg_package_remember(pkg, part, no_markers);
	return rc;
}

/* ---- parser state ---------------------------------------------------------------- */

#define CACHE_SIZE 512
#define MAX_DEPTH RG_XML_MAX_DEPTH
#define MAX_STACK 64

/* What an element did when it started, to undo when it ends. */
enum {
	ACT_PARA = 1, ACT_TABLE = 2, ACT_ROW = 4, ACT_CELL = 8, ACT_TEXTBOX = 16, ACT_RUN = 32,
	ACT_TEXT = 64, ACT_SDT = 128, ACT_MC = 256, ACT_NOTE = 512, ACT_SECTPR = 1024,
	ACT_BOX_CONTENT = 2048, ACT_RUN_PR = 4096, ACT_PARA_PR = 8192
};

typedef struct {
	int id;
	int act;
} elem;

typedef struct {
	int in_instr;
	int is_checkbox, shown, checked_set, checked, default_checked;
} field;

/* What a paragraph's properties say, for its runs and its list marker. */
typedef struct {
	int style;                     /* w:pStyle, -1 none */
	int num_id, ilvl;              /* w:numPr, -1 not said */
	int mark_vanish;               /* the paragraph mark's w:vanish, -1 not said */
	int marker_state;              /* 1 its list marker is not placed yet, 2 done */
	size_t marker_end;             /* paragraph length after a marker, 0 when none */
} para_state;

/* A w14:checkbox content control: the box its content shows wins over its flag. */
typedef struct {
	int is_checkbox;
	int checked;        /* w14:checked: -1 not said (or LibreOffice 7's empty value), 0, 1 */
	unsigned on, off;   /* w14:checkedState / uncheckedState as Unicode, 0 when not said */
	int shown;          /* the box was written from the content */
} sdt_state;

typedef struct {
	rg_xml_state xml;              /* first: package.c stops the parse through it */
	rg_builder *b;
	const rg_docx_part_opts *opts;
	const rg_docx_info *info;
	struct {
		const void *local, *uri;
		int id;
	} cache[CACHE_SIZE];
	elem stack[MAX_DEPTH];
	int depth;
	int skip_depth;                /* > 0: inside a skipped subtree that began at this depth */
	int run_hidden;
	int run_vanish;                /* the run's own w:vanish: -1 not said */
	int run_style;                 /* its w:rStyle, -1 none */
	int run_font_direct;           /* its w:rFonts names a font */
	char run_font[64];             /* the run's symbol font (Wingdings...), or "" */
	int text_open;                 /* inside w:t or m:t */
	field fields[MAX_STACK];
	int nfields, instr_fields;
	sdt_state sdts[MAX_STACK];
	int nsdts;
	int box_content;               /* > 0: inside the w:sdtContent of a check box (its sdt index + 1) */
	int mc_taken[MAX_STACK];
	int nmc;
	int sect_type_continuous;
	int sect_break_pending;        /* a section ended in this paragraph */
	para_state paras[MAX_STACK];   /* the open paragraphs (a text box's inside its anchor's) */
	int nparas;
	para_state no_para;            /* stands in when none is open (or too many) */
	int markers;                   /* some list level draws a box (numbering.xml) */
	int run_styles;                /* some style hides text or names a symbol font (styles.xml) */
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

static int grandparent_id(const docx_ctx *d)
{
	return d->depth >= 3 ? d->stack[d->depth - 3].id : E_OTHER;
}

static para_state *cur_para(docx_ctx *d)
{
	return d->nparas >= 1 && d->nparas <= MAX_STACK ? &d->paras[d->nparas - 1] : &d->no_para;
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

/* Whether the run's text is hidden and in which symbol font it is typed,
** from its own properties, then its character style and its paragraph's
** style (w:vanish is a toggle: the two styles cancel each other). */
static void run_resolve(docx_ctx *d)
{
	const rg_docx_info *info = d->info;
	int pstyle, cstyle;

	if (!info || (!info->any_vanish && !info->any_font)) {
		d->run_hidden = d->run_vanish > 0;
		return;
	}
	pstyle = cur_para(d)->style >= 0 ? cur_para(d)->style : info->default_para;
	cstyle = d->run_style >= 0 ? d->run_style : info->default_char;
	if (d->run_vanish >= 0) {
		d->run_hidden = d->run_vanish;
	} else {
		int p = style_vanish(info, pstyle), c = style_vanish(info, cstyle);
		d->run_hidden = p < 0 && c < 0 ? info->default_vanish : (p == 1) ^ (c == 1);
	}
	if (!d->run_font_direct) {
		const char *f = style_font(info, cstyle);
		if (!f)
			f = style_font(info, pstyle);
		snprintf(d->run_font, sizeof(d->run_font), "%s", f ? f : "");
	}
}

/* Put the paragraph's list marker in front of its text when the level
** draws a box or a tick (numbering.xml); other markers are not text. */
static void place_marker(docx_ctx *d)
{
	const rg_docx_info *info = d->info;
	para_state *p = cur_para(d);
	const docx_level *l;
	int num_id = p->num_id, ilvl = p->ilvl, pstyle, mark_hidden;

	if (p->marker_state != 1)
		return;
	p->marker_state = 2;
	if (!info || !info->markers || d->instr_fields || d->xml.err)
		return;
	pstyle = p->style >= 0 ? p->style : info->default_para;
	style_numbering(info, pstyle, &num_id, &ilvl);
	if (!(l = list_level(info, num_id, ilvl < 0 ? 0 : ilvl)) || !l->marker || l->hidden)
		return;
	mark_hidden = p->mark_vanish >= 0 ? p->mark_vanish : style_vanish(info, pstyle) == 1;
	if (mark_hidden)
		return;
	rg_build_codepoint(d->b, l->marker);
	rg_build_text(d->b, " ", 1);
	p->marker_end = rg_build_para_len(d->b);
}

/* ---- check boxes ------------------------------------------------------------------ */

static sdt_state *box_sdt(docx_ctx *d)
{
	int i = d->box_content - 1;
	return i >= 0 && i < MAX_STACK ? &d->sdts[i] : NULL;
}

/* A w14:checkedState / uncheckedState (a hex code in a font) as Unicode. */
static unsigned state_char(const xmlChar **attrs, int n)
{
	char code[16], font[64];
	unsigned c, u;

	if (!rg_xml_attr(attrs, n, "val", code, sizeof(code)))
		return 0;
	c = (unsigned)strtoul(code, NULL, 16);
	u = rg_xml_attr(attrs, n, "font", font, sizeof(font)) ? rg_symbol_map(font, c) : 0;
	return u ? u : c;
}

/* What a character in a check box's content shows: 1 ticked, 0 empty, -1 not a box. */
static int box_shows(const sdt_state *s, unsigned u)
{
	if (s->on && u == s->on)
		return 1;
	if (s->off && u == s->off)
		return 0;
	switch (u) {
	case 0x2610: case 0x25A1: case 0x25FB:
		return 0;
	case 0x2611: case 0x2612: case 0x2713: case 0x2714: case 0x2327:
		return 1;
	default:
		return -1;
	}
}

/* A character of the run: in a check box's content a box becomes ☑/☐ once. */
static void put_char(docx_ctx *d, unsigned u, const char *raw, size_t rawlen)
{
	sdt_state *s = d->box_content ? box_sdt(d) : NULL;

	if (s) {
		int v = box_shows(s, u);
		if (v >= 0) {
			if (!s->shown)
				rg_build_codepoint(d->b, v ? 0x2611 : 0x2610);
			s->shown = 1;
			return;
		}
	}
	if (raw)
		rg_build_text(d->b, raw, rawlen);
	else
		rg_build_codepoint(d->b, u);
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
	if (can_emit(d))
		put_char(d, u, NULL, 0);
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
	/* the list marker goes in front of the first thing after the paragraph's properties */
	if (d->markers && id != E_PPR && parent_id(d) == E_P && cur_para(d)->marker_state == 1)
		place_marker(d);
	switch (id) {
	case E_P:
		if (!rg_build_in_para(b)) {
			para_state *p;
			rg_build_para_begin(b);
			e->act = ACT_PARA;
			if (++d->nparas > MAX_STACK)
				break;
			p = cur_para(d);
			p->style = p->num_id = p->ilvl = p->mark_vanish = -1;
			p->marker_state = d->markers ? 1 : 2;
			p->marker_end = 0;
		}
		break;
	case E_PPR:
		if (parent_id(d) == E_P)
			e->act = ACT_PARA_PR;
		break;
	case E_PSTYLE:
		if (parent_id(d) == E_PPR) {
			char v[256];
			cur_para(d)->style = style_find(d->info, rg_xml_attr(attrs, nattrs, "val", v, sizeof(v)));
		}
		break;
	case E_NUMID:
	case E_ILVL:
		if (parent_id(d) == E_NUMPR && grandparent_id(d) == E_PPR) {
			if (id == E_NUMID)
				cur_para(d)->num_id = int_attr(attrs, nattrs, "val", -1);
			else
				cur_para(d)->ilvl = int_attr(attrs, nattrs, "val", -1);
		}
		break;
	case E_RSTYLE:
		if (parent_id(d) == E_RPR && grandparent_id(d) == E_R) {
			char v[256];
			d->run_style = style_find(d->info, rg_xml_attr(attrs, nattrs, "val", v, sizeof(v)));
		}
		break;
	case E_RPR:
		if (parent_id(d) == E_R)
			e->act = ACT_RUN_PR;
		break;
	case E_RT:
		skip_subtree(d);   /* a ruby reading (furigana) over its base text: not the text */
		break;
	case E_ALTCHUNK: {
		char rid[128];
		skip_subtree(d);
		rg_build_para_end(b);
		if (!rg_xml_attr(attrs, nattrs, "id", rid, sizeof(rid)))
			rg_build_warn(b, "altchunk_not_read", "%s: a w:altChunk without a relationship id: "
				"content Word shows here was not read", d->xml.part);
		else if (!d->opts || !d->opts->alt_chunk)
			rg_build_warn(b, "altchunk_not_read", "%s: the w:altChunk %s (content Word shows here, "
				"kept in another part) was not read", d->xml.part, rid);
		else {
			int rc = d->opts->alt_chunk(d->opts->alt_ctx, b, rid);
			if (rc)
				rg_xml_stop(&d->xml, rc);
		}
		break;
	}
	case E_PAGEBREAKBEFORE:
		if (on_off(attrs, nattrs, "val", 1))
			rg_build_page_break(b);
		break;
	case E_R:
		d->run_vanish = d->run_style = -1;
		d->run_font_direct = 0;
		d->run_font[0] = '\0';
		d->run_hidden = 0;
		if (d->run_styles)
			run_resolve(d);
		e->act = ACT_RUN;
		break;
	case E_RFONTS:
		/* text typed in a symbol font: its codes mean that font's glyphs */
		if (parent_id(d) == E_RPR && grandparent_id(d) == E_R) {
			static const char *const which[] = { "ascii", "hAnsi", "cs", "eastAsia" };
			char font[64];
			size_t k;
			for (k = 0; k < sizeof(which) / sizeof(which[0]); k++) {
				if (!rg_xml_attr(attrs, nattrs, which[k], font, sizeof(font)))
					continue;
				d->run_font_direct = 1;
				if (rg_symbol_font(font)) {
					memcpy(d->run_font, font, sizeof(font));
					break;
				}
			}
		}
		break;
	case E_VANISH:
		if (parent_id(d) == E_RPR && grandparent_id(d) == E_R)
			d->run_vanish = on_off(attrs, nattrs, "val", 1);
		else if (parent_id(d) == E_RPR && grandparent_id(d) == E_PPR)
			cur_para(d)->mark_vanish = on_off(attrs, nattrs, "val", 1);
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
			memset(&d->sdts[d->nsdts], 0, sizeof(sdt_state));
			d->sdts[d->nsdts].checked = -1;
		}
		d->nsdts++;
		e->act = ACT_SDT;
		break;
	case E_W14_CHECKBOX:
		if (d->nsdts >= 1 && d->nsdts <= MAX_STACK)
			d->sdts[d->nsdts - 1].is_checkbox = 1;
		break;
	case E_W14_CHECKED:
		if (parent_id(d) == E_W14_CHECKBOX && d->nsdts >= 1 && d->nsdts <= MAX_STACK) {
			char v[16];
			/* LibreOffice 7 writes w:val="": not a state (the content decides, else empty) */
			if (!rg_xml_attr(attrs, nattrs, "val", v, sizeof(v)))
				d->sdts[d->nsdts - 1].checked = 1;
			else
				d->sdts[d->nsdts - 1].checked = v[0] ? on_off(attrs, nattrs, "val", 1) : -1;
		}
		break;
	case E_W14_CHECKEDSTATE:
	case E_W14_UNCHECKEDSTATE:
		if (parent_id(d) == E_W14_CHECKBOX && d->nsdts >= 1 && d->nsdts <= MAX_STACK) {
			if (id == E_W14_CHECKEDSTATE)
				d->sdts[d->nsdts - 1].on = state_char(attrs, nattrs);
			else
				d->sdts[d->nsdts - 1].off = state_char(attrs, nattrs);
		}
		break;
	case E_SDTCONTENT:
		/* a check box shows the box its content holds; the flag only when it holds none */
		if (d->nsdts >= 1 && d->nsdts <= MAX_STACK && d->sdts[d->nsdts - 1].is_checkbox && !d->box_content) {
			d->box_content = d->nsdts;
			e->act = ACT_BOX_CONTENT;
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
		rg_idlist *list = !d->opts ? NULL : id == E_HEADERREF ? d->opts->headers : d->opts->footers;
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
	if (e->act & ACT_RUN_PR)
		run_resolve(d);
	if ((e->act & ACT_PARA_PR) && d->markers)
		place_marker(d);
	if (e->act & ACT_RUN) {
		d->run_hidden = 0;
		d->run_vanish = d->run_style = -1;
		d->run_font_direct = 0;
		d->run_font[0] = '\0';
	}
	if (e->act & ACT_BOX_CONTENT) {
		sdt_state *s = box_sdt(d);
		d->box_content = 0;
		if (s && !s->shown) {
			d->run_hidden = 0;
			emit(d, s->checked == 1 ? 0x2611 : 0x2610);
		}
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
		para_state *p = cur_para(d);
		if (d->markers) {
			place_marker(d);
			/* a marker alone (an empty list paragraph) keeps no trailing space */
			if (p->marker_end && rg_build_para_len(b) == p->marker_end)
				rg_build_unput(b, ' ');
		}
		if (d->nparas > 0)
			d->nparas--;
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
	if (d->run_font[0] || d->box_content) {
		const char *s = (const char *)ch;
		int i = 0;
		while (i < len) {
			unsigned cp, u;
			int n = rg_utf8_decode(s + i, (size_t)(len - i), &cp);
			u = d->run_font[0] ? rg_symbol_map(d->run_font, cp) : 0;
			if (u)
				put_char(d, u, NULL, 0);
			else
				put_char(d, cp, s + i, (size_t)n);
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
		      rg_builder *b, rg_blocks *dest, const rg_docx_part_opts *opts)
{
	xmlSAXHandler sax;
	rg_build_mark mark;
	docx_ctx *d;
	int rc;

	d = calloc(1, sizeof(*d));
	if (!d)
		return rg_error_set(RG_ENOMEM, "out of memory");
	d->b = b;
	d->opts = opts;
	d->info = opts ? opts->info : NULL;
	d->markers = d->info && d->info->markers;
	d->run_styles = d->info && (d->info->any_vanish || d->info->any_font);
	d->run_vanish = d->run_style = -1;
	d->no_para.style = d->no_para.num_id = d->no_para.ilvl = d->no_para.mark_vanish = -1;
	rg_xml_sax_init(&sax);
	sax.startElementNs = start_element;
	sax.endElementNs = end_element;
	sax.characters = characters;
	rg_build_mark_here(b, &mark);
	rg_build_part_begin(b, dest);
	if (pkg)
		rc = rg_package_parse_xml(pkg, part, &sax, d);
	else
		rc = rg_xml_parse_memory(xml, len, part, &sax, d);
	if (!rc && b->err)
		rc = b->err;
	if (!rc)
		rg_build_part_end(b);
	else
		rg_build_rollback(b, &mark);
	free(d);
	return rc;
}
