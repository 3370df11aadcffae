/*
** odt.c - OpenDocument text to the document model.
**
** Styles matter for three things only: page breaks (fo:break-before, a
** master-page change), hidden text (text:display="none") and symbol fonts
** (a Wingdings tick arrives as a bare private-use U+F0FE in a span whose
** style names the font).  Paragraph text follows the ODF white-space rules:
** runs of XML white space collapse to one space, text:s gives real spaces.
**
** Hidden content is left out the way LibreOffice hides it: sections with
** text:display="none" or a true text:condition, text:hidden-paragraph and
** text:hidden-text (their text:is-hidden, the state the editor saved, else
** their condition); conditional text shows the value it holds.  A condition
** this reader cannot evaluate (condition.h) keeps the content and leaves a
** warning.  Form controls (draw:control) show the state of the control they
** name in office:forms: a check box ☑/☐, a text field its value.  A flat
** ODF file (.fodt) is one XML document holding both styles and content.
*/
#include "odt.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strmap.h"
#include "condition.h"
#include "symbols.h"

enum { NS_OTHER = 0, NS_OFFICE, NS_TEXT, NS_TABLE, NS_STYLE, NS_DRAW, NS_LOEXT, NS_SVG, NS_FIELD, NS_FORM };

enum {
	E_OTHER = 0,
	E_SKIP,            /* a subtree that holds no visible text */
	E_TRANSPARENT,     /* a text-level wrapper whose text counts */
	E_OFFICE_TEXT, E_P, E_H, E_SPAN, E_S, E_TAB, E_LINE_BREAK, E_NOTE_BODY, E_HIDDEN,
	E_TABLE, E_TABLE_COLUMN, E_HEADER_ROWS, E_ROW, E_CELL, E_COVERED,
	E_STYLE, E_TEXT_PROPS, E_PARA_PROPS, E_TABLE_PROPS, E_FONT_FACE, E_HEADER_FOOTER,
	E_TEXTBOX, E_CONTENT_CONTROL, E_MASTER_STYLES, E_FIELDMARK, E_FIELD_PARAM,
	E_SECTION, E_HIDDEN_PARA, E_HIDDEN_TEXT, E_USER_FIELD, E_FORMS, E_FORM_CONTROL, E_DRAW_CONTROL,
	E_DOCUMENT, E_LIST_STYLE, E_LIST_LEVEL_BULLET, E_LIST, E_LIST_ITEM
};

#define LIST_LEVELS 10

/* A list style (text:list-style): the box or tick each level's bullet draws, or 0. */
typedef struct {
	unsigned marker[LIST_LEVELS];
} list_style;

/* A form control of office:forms, shown where a draw:control names it. */
typedef struct {
	int is_box;               /* a check box or radio button: state; else a text field: value */
	int checked;
	char *value;
} form_control;

/* A user field (text:user-field-decl), for conditions. */
typedef struct {
	int is_str;
	double num;
	char *str;
} user_field;

typedef struct {
	char *family_name;        /* "paragraph/P1" */
	char *parent;             /* family/name of the parent, or NULL */
	char *font;               /* resolved font family, or NULL */
	int hidden;               /* -1 inherit, 0, 1 */
	int page_break;
} style_rec;

#define CACHE_SIZE 512
#define MAX_DEPTH RG_XML_MAX_DEPTH

enum { ACT_PARA = 1, ACT_TABLE = 2, ACT_ROW = 4, ACT_CELL = 8, ACT_TEXTBOX = 16, ACT_NOTE = 32,
	ACT_FONT = 64, ACT_HIDDEN = 128, ACT_HEADER_ROWS = 256, ACT_PART = 512, ACT_STYLE = 1024,
	ACT_BODY = 2048, ACT_FORMS = 4096, ACT_LIST = 8192, ACT_LIST_STYLE = 16384, ACT_LIST_LEVEL = 32768 };

typedef struct {
	int id;
	int act;
	const char *saved_font;
	int saved_ws;
} elem;

struct rg_odt {
	rg_xml_state xml;         /* first: package.c stops the parse through it */
	rg_builder *b;
	struct {
		const void *local, *uri;
		int id;
	} cache[CACHE_SIZE];
	elem stack[MAX_DEPTH];
	int depth;
	int skip_depth;
	int in_text;              /* inside office:text or a header/footer */
	int hidden;
	int header_rows;
	const char *font;         /* the symbol font of the current span, if any */
	int ws;                   /* 1: white space here collapses (start of a line, after a space) */
	int last_collapsed;       /* the last byte emitted was a collapsed space */
	style_rec *styles;
	size_t nstyles, capstyles;
	rg_strmap style_index;    /* family/name -> index */
	rg_strmap font_faces;     /* declared font name -> index into face_families */
	char **face_families;
	size_t nfaces, capfaces;
	int cur_style;            /* the style:style being read, or -1 */
	int fieldmark_box;        /* inside a FORMCHECKBOX fieldmark (a Word legacy check box) */
	int fieldmark_checked;
	int in_styles;            /* reading styles.xml */
	int flat;                 /* reading a flat ODF document (styles and content in one) */
	int in_forms;             /* inside office:forms */
	form_control *controls;
	size_t ncontrols, capcontrols;
	rg_strmap control_index;  /* control id -> index */
	user_field *fields;
	size_t nfields, capfields;
	rg_strmap field_index;    /* user field name -> index */
	list_style *lists;        /* list styles whose bullets draw boxes */
	size_t nlists, caplists;
	rg_strmap list_index;     /* list style name -> index */
	int cur_list_style;       /* the text:list-style being read, or -1 */
	int cur_list_level;       /* its level being read (0-based), or -1 */
	unsigned level_char;      /* that level's bullet character */
	const char *level_font;   /* and its symbol font, if any */
	int list_depth;           /* text:list elements open in the body */
	int list_of_depth[LIST_LEVELS + 1];   /* the list style at each depth, -1 none */
	int item_marker;          /* the next paragraph starts a list item: its marker, or 0 */
};

static int ns_of(const char *uri)
{
	static const char odf[] = "urn:oasis:names:tc:opendocument:xmlns:";

	if (!uri)
		return NS_OTHER;
	if (!strncmp(uri, odf, sizeof(odf) - 1)) {
		const char *s = uri + sizeof(odf) - 1;
		if (!strcmp(s, "office:1.0"))
			return NS_OFFICE;
		if (!strcmp(s, "text:1.0"))
			return NS_TEXT;
		if (!strcmp(s, "table:1.0"))
			return NS_TABLE;
		if (!strcmp(s, "style:1.0"))
			return NS_STYLE;
		if (!strcmp(s, "drawing:1.0"))
			return NS_DRAW;
		if (!strcmp(s, "svg-compatible:1.0"))
			return NS_SVG;
		if (!strcmp(s, "form:1.0"))
			return NS_FORM;
		return NS_OTHER;
	}
	if (!strcmp(uri, "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"))
		return NS_LOEXT;
	if (!strcmp(uri, "urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0"))
		return NS_FIELD;
	return NS_OTHER;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

static int lookup_id(const char *l, const char *uri)
{
	switch (ns_of(uri)) {
	case NS_OFFICE:
		if (!strcmp(l, "text"))
			return E_OFFICE_TEXT;
		if (!strcmp(l, "annotation") || !strcmp(l, "annotation-end") || !strcmp(l, "binary-data")
		    || !strcmp(l, "scripts") || !strcmp(l, "event-listeners"))
			return E_SKIP;
		if (!strcmp(l, "forms"))
			return E_FORMS;
		if (!strcmp(l, "document"))
			return E_DOCUMENT;
		if (!strcmp(l, "master-styles"))
			return E_MASTER_STYLES;
		return E_OTHER;
	case NS_TEXT:
		if (!strcmp(l, "p"))
			return E_P;
		if (!strcmp(l, "h"))
			return E_H;
		if (!strcmp(l, "span"))
			return E_SPAN;
		if (!strcmp(l, "s"))
			return E_S;
		if (!strcmp(l, "tab"))
			return E_TAB;
		if (!strcmp(l, "line-break"))
			return E_LINE_BREAK;
		if (!strcmp(l, "note-body"))
			return E_NOTE_BODY;
		if (!strcmp(l, "hidden-text"))
			return E_HIDDEN_TEXT;
		if (!strcmp(l, "hidden-paragraph"))
			return E_HIDDEN_PARA;
		if (!strcmp(l, "section"))
			return E_SECTION;
		if (!strcmp(l, "user-field-decl"))
			return E_USER_FIELD;
		if (!strcmp(l, "user-field-decls"))
			return E_OTHER;
		if (!strcmp(l, "list-style"))
			return E_LIST_STYLE;
		if (!strcmp(l, "list-level-style-bullet"))
			return E_LIST_LEVEL_BULLET;
		if (!strcmp(l, "list"))
			return E_LIST;
		if (!strcmp(l, "list-item"))
			return E_LIST_ITEM;
		if (!strcmp(l, "tracked-changes") || !strcmp(l, "note-citation") || !strcmp(l, "number")
		    || !strcmp(l, "sequence-decls") || !strcmp(l, "variable-decls")
		    || !strcmp(l, "dde-connection-decls")
		    || !strcmp(l, "ruby-text") || ends_with(l, "-source"))
			return E_SKIP;
		return E_TRANSPARENT;
	case NS_TABLE:
		if (!strcmp(l, "table"))
			return E_TABLE;
		if (!strcmp(l, "table-column"))
			return E_TABLE_COLUMN;
		if (!strcmp(l, "table-header-rows"))
			return E_HEADER_ROWS;
		if (!strcmp(l, "table-row"))
			return E_ROW;
		if (!strcmp(l, "table-cell"))
			return E_CELL;
		if (!strcmp(l, "covered-table-cell"))
			return E_COVERED;
		if (!strcmp(l, "table-source") || !strcmp(l, "title") || !strcmp(l, "desc"))
			return E_SKIP;
		return E_OTHER;
	case NS_STYLE:
		if (!strcmp(l, "style"))
			return E_STYLE;
		if (!strcmp(l, "text-properties"))
			return E_TEXT_PROPS;
		if (!strcmp(l, "paragraph-properties"))
			return E_PARA_PROPS;
		if (!strcmp(l, "table-properties"))
			return E_TABLE_PROPS;
		if (!strcmp(l, "font-face"))
			return E_FONT_FACE;
		if (!strcmp(l, "header") || !strcmp(l, "footer") || !strcmp(l, "header-left")
		    || !strcmp(l, "footer-left") || !strcmp(l, "header-first") || !strcmp(l, "footer-first"))
			return E_HEADER_FOOTER;
		return E_OTHER;
	case NS_DRAW:
		if (!strcmp(l, "text-box") || !strcmp(l, "custom-shape") || !strcmp(l, "rect")
		    || !strcmp(l, "ellipse"))
			return E_TEXTBOX;
		if (!strcmp(l, "image") || !strcmp(l, "object") || !strcmp(l, "object-ole")
		    || !strcmp(l, "plugin") || !strcmp(l, "applet"))
			return E_SKIP;
		if (!strcmp(l, "control"))
			return E_DRAW_CONTROL;
		return E_OTHER;
	case NS_SVG:
		return !strcmp(l, "title") || !strcmp(l, "desc") ? E_SKIP : E_OTHER;
	case NS_LOEXT:
		return !strcmp(l, "content-control") ? E_CONTENT_CONTROL : E_OTHER;
	case NS_FORM:
		if (!strcmp(l, "checkbox") || !strcmp(l, "radio") || !strcmp(l, "text")
		    || !strcmp(l, "formatted-text") || !strcmp(l, "textarea") || !strcmp(l, "combobox"))
			return E_FORM_CONTROL;
		return E_OTHER;
	case NS_FIELD:
		if (!strcmp(l, "fieldmark"))
			return E_FIELDMARK;
		return !strcmp(l, "param") ? E_FIELD_PARAM : E_OTHER;
	default:
		return E_OTHER;
	}
}

static int elem_id(rg_odt *o, const xmlChar *local, const xmlChar *uri)
{
	/* libxml2 interns names a few bytes apart: mix all the pointer bits */
	size_t h = (size_t)((((uintptr_t)local ^ ((uintptr_t)uri << 7)) * 0x9E3779B97F4A7C15ull) >> 55)
		& (CACHE_SIZE - 1);

	if (o->cache[h].local == local && o->cache[h].uri == uri)
		return o->cache[h].id;
	o->cache[h].local = local;
	o->cache[h].uri = uri;
	o->cache[h].id = lookup_id((const char *)local, (const char *)uri);
	return o->cache[h].id;
}

/* ---- styles ------------------------------------------------------------------------ */

static int oom(rg_odt *o)
{
	rg_error_set(RG_ENOMEM, "out of memory");
	rg_xml_stop(&o->xml, RG_ENOMEM);
	return -1;
}

/* "family/name" for a style reference. */
static void style_key(char *key, size_t size, const char *family, const char *name)
{
	snprintf(key, size, "%s/%s", family, name);
}

static const style_rec *find_style(const rg_odt *o, const char *family, const char *name)
{
	char key[320];
	int i;

	if (!name || !*name)
		return NULL;
	style_key(key, sizeof(key), family, name);
	i = rg_strmap_get(&o->style_index, key, strlen(key));
	return i >= 0 ? &o->styles[i] : NULL;
}

/* Follow parents (a few levels at most: cycles in hostile files end here). */
static const style_rec *parent_of(const rg_odt *o, const style_rec *s)
{
	int i;

	if (!s->parent)
		return NULL;
	i = rg_strmap_get(&o->style_index, s->parent, strlen(s->parent));
	return i >= 0 ? &o->styles[i] : NULL;
}

static const char *style_font(const rg_odt *o, const style_rec *s)
{
	int k;

	for (k = 0; s && k < 16; k++, s = parent_of(o, s))
		if (s->font)
			return s->font;
	return NULL;
}

static int style_hidden(const rg_odt *o, const style_rec *s)
{
	int k;

	for (k = 0; s && k < 16; k++, s = parent_of(o, s))
		if (s->hidden >= 0)
			return s->hidden;
	return 0;
}

static void begin_style(rg_odt *o, const xmlChar **attrs, int n)
{
	char name[256], family[64], parent[256], key[320], master[8];
	style_rec *s;
	int idx;

	o->cur_style = -1;
	if (!rg_xml_attr(attrs, n, "name", name, sizeof(name))
	    || !rg_xml_attr(attrs, n, "family", family, sizeof(family)))
		return;
	style_key(key, sizeof(key), family, name);
	idx = rg_strmap_get(&o->style_index, key, strlen(key));
	if (idx < 0) {
		if (o->nstyles == o->capstyles) {
			size_t ncap = o->capstyles ? o->capstyles * 2 : 32;
			style_rec *p = realloc(o->styles, ncap * sizeof(*p));
			if (!p) {
				oom(o);
				return;
			}
			o->styles = p;
			o->capstyles = ncap;
		}
		idx = (int)o->nstyles++;
		memset(&o->styles[idx], 0, sizeof(style_rec));
		o->styles[idx].hidden = -1;
		if (!(o->styles[idx].family_name = strdup(key)) || rg_strmap_put(&o->style_index, key, strlen(key), idx)) {
			oom(o);
			return;
		}
	}
	s = &o->styles[idx];
	if (rg_xml_attr(attrs, n, "parent-style-name", parent, sizeof(parent))) {
		style_key(key, sizeof(key), family, parent);
		free(s->parent);
		if (!(s->parent = strdup(key))) {
			oom(o);
			return;
		}
	}
	if (rg_xml_attr(attrs, n, "master-page-name", master, sizeof(master)) && master[0])
		s->page_break = 1;   /* a new page style starts on a new page */
	o->cur_style = idx;
}

/* A declared font name ("Wingdings1") to its family ("Wingdings"). */
static const char *face_family(const rg_odt *o, const char *decl)
{
	int i = rg_strmap_get(&o->font_faces, decl, strlen(decl));
	return i >= 0 ? o->face_families[i] : NULL;
}

static void text_props(rg_odt *o, const xmlChar **attrs, int n)
{
	static const char *const font_attrs[] = { "font-name", "font-name-complex", "font-name-asian",
		"font-family" };
	style_rec *s;
	char v[256], display[16];
	size_t k;

	if (o->cur_list_level >= 0) {
		/* a bullet's font: its character means that font's glyph */
		for (k = 0; k < sizeof(font_attrs) / sizeof(font_attrs[0]); k++) {
			const char *family;
			if (!rg_xml_attr(attrs, n, font_attrs[k], v, sizeof(v)))
				continue;
			family = k < 3 ? face_family(o, v) : NULL;
			if (!family) {
				size_t len = strlen(v);
				if (len >= 2 && (v[0] == '\'' || v[0] == '"')) {
					v[len - 1] = '\0';
					memmove(v, v + 1, len - 1);
				}
				family = v;
			}
			if ((family = rg_symbol_font_name(family))) {
				o->level_font = family;
				break;
			}
		}
		return;
	}
	if (o->cur_style < 0)
		return;
	s = &o->styles[o->cur_style];
	if (rg_xml_attr(attrs, n, "display", display, sizeof(display)))
		s->hidden = !strcmp(display, "none");
	for (k = 0; k < sizeof(font_attrs) / sizeof(font_attrs[0]); k++) {
		const char *family;
		size_t len;

		if (!rg_xml_attr(attrs, n, font_attrs[k], v, sizeof(v)))
			continue;
		family = k < 3 ? face_family(o, v) : NULL;
		if (!family) {
			char *p = v;
			len = strlen(p);
			if (len >= 2 && (p[0] == '\'' || p[0] == '"')) {
				p[len - 1] = '\0';
				p++;
			}
			family = p;
		}
		if (rg_symbol_font(family)) {
			free(s->font);
			if (!(s->font = strdup(family)))
				oom(o);
			return;
		}
	}
}

static void font_face(rg_odt *o, const xmlChar **attrs, int n)
{
	char name[256], family[256], *p = family;
	size_t len;

	if (!rg_xml_attr(attrs, n, "name", name, sizeof(name)))
		return;
	if (!rg_xml_attr(attrs, n, "font-family", family, sizeof(family)))
		snprintf(family, sizeof(family), "%s", name);
	len = strlen(p);
	if (len >= 2 && (p[0] == '\'' || p[0] == '"')) {
		p[len - 1] = '\0';
		p++;
	}
	if (o->nfaces == o->capfaces) {
		size_t ncap = o->capfaces ? o->capfaces * 2 : 16;
		char **f = realloc(o->face_families, ncap * sizeof(*f));
		if (!f) {
			oom(o);
			return;
		}
		o->face_families = f;
		o->capfaces = ncap;
	}
	if (!(o->face_families[o->nfaces] = strdup(p))
	    || rg_strmap_put(&o->font_faces, name, strlen(name), (int)o->nfaces)) {
		free(o->face_families[o->nfaces]);
		oom(o);
		return;
	}
	o->nfaces++;
}

/* ---- hidden content, user fields, form controls ------------------------------------------ */

#define MAX_DECLS 100000   /* user fields and form controls a document may declare */

static int field_lookup(void *ctx, const char *name, double *num, const char **str)
{
	const rg_odt *o = ctx;
	int i = rg_strmap_get(&o->field_index, name, strlen(name));

	if (i < 0)
		return 0;
	if (o->fields[i].is_str)
		*str = o->fields[i].str ? o->fields[i].str : "";
	else
		*num = o->fields[i].num;
	return 1;
}

/* Whether an element with text:condition (and maybe text:is-hidden) hides its
** content: 1 hidden, 0 shown; a condition that cannot be evaluated shows the
** content with a warning naming it. */
static int hidden_by(rg_odt *o, const xmlChar **attrs, int n, const char *what, int use_is_hidden)
{
	char v[16], cond[512];
	int r;

	if (use_is_hidden && rg_xml_attr(attrs, n, "is-hidden", v, sizeof(v)))
		return !strcmp(v, "true");
	if (!rg_xml_attr(attrs, n, "condition", cond, sizeof(cond)))
		return 0;
	r = rg_cond_eval(cond, field_lookup, o);
	if (r < 0) {
		rg_build_warn(o->b, "condition_not_evaluated", "%s: a %s shown or hidden by the condition "
			"\"%.200s\", which raingan cannot evaluate: its content was read", o->xml.part, what, cond);
		return 0;
	}
	return r;
}

static void user_field_decl(rg_odt *o, const xmlChar **attrs, int n)
{
	char name[256], type[32], v[512];
	user_field *f;
	int i;

	if (!rg_xml_attr(attrs, n, "name", name, sizeof(name)) || o->nfields >= MAX_DECLS)
		return;
	i = rg_strmap_get(&o->field_index, name, strlen(name));
	if (i < 0) {
		if (o->nfields == o->capfields) {
			size_t ncap = o->capfields ? o->capfields * 2 : 16;
			user_field *p = realloc(o->fields, ncap * sizeof(*p));
			if (!p) {
				oom(o);
				return;
			}
			o->fields = p;
			o->capfields = ncap;
		}
		i = (int)o->nfields;
		memset(&o->fields[i], 0, sizeof(*f));
		if (rg_strmap_put(&o->field_index, name, strlen(name), i)) {
			oom(o);
			return;
		}
		o->nfields++;
	}
	f = &o->fields[i];
	free(f->str);
	f->str = NULL;
	f->is_str = 0;
	f->num = 0;
	if (rg_xml_attr(attrs, n, "value-type", type, sizeof(type)) && !strcmp(type, "string")) {
		f->is_str = 1;
		if (!(f->str = strdup(rg_xml_attr(attrs, n, "string-value", v, sizeof(v)) ? v : "")))
			oom(o);
	} else if (rg_xml_attr(attrs, n, "boolean-value", v, sizeof(v))) {
		f->num = !strcmp(v, "true");
	} else if (rg_xml_attr(attrs, n, "value", v, sizeof(v))) {
		f->num = strtod(v, NULL);
	}
}

static void form_control_decl(rg_odt *o, const xmlChar *local, const xmlChar **attrs, int n)
{
	char id[256], v[1024];
	form_control *c;
	int i;

	if (!rg_xml_attr(attrs, n, "id", id, sizeof(id)) || o->ncontrols >= MAX_DECLS)
		return;
	if (o->ncontrols == o->capcontrols) {
		size_t ncap = o->capcontrols ? o->capcontrols * 2 : 16;
		form_control *p = realloc(o->controls, ncap * sizeof(*p));
		if (!p) {
			oom(o);
			return;
		}
		o->controls = p;
		o->capcontrols = ncap;
	}
	c = &o->controls[o->ncontrols];
	memset(c, 0, sizeof(*c));
	if (!strcmp((const char *)local, "checkbox")) {
		c->is_box = 1;
		if (rg_xml_attr(attrs, n, "current-state", v, sizeof(v)) || rg_xml_attr(attrs, n, "state", v, sizeof(v)))
			c->checked = !strcmp(v, "checked");   /* "unknown" (a third state) is not a tick */
	} else if (!strcmp((const char *)local, "radio")) {
		c->is_box = 1;
		if (rg_xml_attr(attrs, n, "current-selected", v, sizeof(v)) || rg_xml_attr(attrs, n, "selected", v, sizeof(v)))
			c->checked = !strcmp(v, "true");
	} else if (rg_xml_attr(attrs, n, "current-value", v, sizeof(v)) || rg_xml_attr(attrs, n, "value", v, sizeof(v))) {
		if (!(c->value = strdup(v))) {
			oom(o);
			return;
		}
	}
	i = (int)o->ncontrols;
	if (rg_strmap_put(&o->control_index, id, strlen(id), i)) {
		free(c->value);
		oom(o);
		return;
	}
	o->ncontrols++;
}

/* ---- list styles: bullets that draw boxes ------------------------------------------------ */

static int count_attr(const xmlChar **attrs, int n, const char *name, int absent, int cap);

static void list_style_begin(rg_odt *o, const xmlChar **attrs, int n)
{
	char name[256];
	int i;

	o->cur_list_style = -1;
	if (!rg_xml_attr(attrs, n, "name", name, sizeof(name)) || o->nlists >= MAX_DECLS)
		return;
	if ((i = rg_strmap_get(&o->list_index, name, strlen(name))) < 0) {
		if (o->nlists == o->caplists) {
			size_t ncap = o->caplists ? o->caplists * 2 : 8;
			list_style *p = realloc(o->lists, ncap * sizeof(*p));
			if (!p) {
				oom(o);
				return;
			}
			o->lists = p;
			o->caplists = ncap;
		}
		i = (int)o->nlists;
		if (rg_strmap_put(&o->list_index, name, strlen(name), i)) {
			oom(o);
			return;
		}
		o->nlists++;
	}
	memset(&o->lists[i], 0, sizeof(list_style));
	o->cur_list_style = i;
}

static void list_level_begin(rg_odt *o, const xmlChar **attrs, int n)
{
	char v[32];
	unsigned cp = 0;

	o->cur_list_level = -1;
	if (o->cur_list_style < 0)
		return;
	o->cur_list_level = count_attr(attrs, n, "level", 1, LIST_LEVELS) - 1;
	if (rg_xml_attr(attrs, n, "bullet-char", v, sizeof(v)) && v[0])
		rg_utf8_decode(v, strlen(v), &cp);
	o->level_char = cp;
	o->level_font = NULL;
}

static void list_level_end(rg_odt *o)
{
	unsigned u = o->level_font ? rg_symbol_map(o->level_font, o->level_char) : 0;

	if (!u)
		u = o->level_char;
	if (o->cur_list_style >= 0 && o->cur_list_level >= 0 && rg_symbol_is_box(u))
		o->lists[o->cur_list_style].marker[o->cur_list_level] = u;
	o->cur_list_level = -1;
}

/* ---- text ---------------------------------------------------------------------------- */

static int can_emit(const rg_odt *o)
{
	return o->in_text && !o->hidden && !o->xml.err && rg_build_in_para(o->b);
}

static void emit_cp(rg_odt *o, unsigned cp)
{
	rg_build_codepoint(o->b, cp);
	o->last_collapsed = 0;
}

/* Character data: ODF white-space rules, and symbol fonts mapped. */
static void characters(void *ctx, const xmlChar *ch, int len)
{
	rg_odt *o = ctx;
	const char *s = (const char *)ch;
	int i = 0, start = 0, top;

	if (o->skip_depth || !can_emit(o) || o->depth < 1)
		return;
	top = o->stack[o->depth - 1].id;
	if (top != E_P && top != E_H && top != E_SPAN && top != E_TRANSPARENT && top != E_CONTENT_CONTROL
	    && top != E_HIDDEN_TEXT)
		return;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			rg_build_text(o->b, s + start, (size_t)(i - start));
			if (i > start)
				o->ws = 0, o->last_collapsed = 0;
			if (!o->ws) {
				rg_build_text(o->b, " ", 1);
				o->ws = 1;
				o->last_collapsed = 1;
			}
			start = ++i;
			continue;
		}
		if (o->font && (c >= 0x80 || c >= 0x20)) {
			unsigned cp, u;
			int n = rg_utf8_decode(s + i, (size_t)(len - i), &cp);

			u = rg_symbol_map(o->font, cp);
			if (u) {
				rg_build_text(o->b, s + start, (size_t)(i - start));
				emit_cp(o, u);
				o->ws = 0;
				i += n;
				start = i;
				continue;
			}
			i += n;
			continue;
		}
		i++;
	}
	if (i > start) {
		rg_build_text(o->b, s + start, (size_t)(i - start));
		o->ws = 0;
		o->last_collapsed = 0;
	}
}

static int count_attr(const xmlChar **attrs, int n, const char *name, int absent, int cap)
{
	char v[32], *end;
	long x;

	if (!rg_xml_attr(attrs, n, name, v, sizeof(v)))
		return absent;
	x = strtol(v, &end, 10);
	if (end == v || x < 1)
		return absent;
	return x > cap ? cap : (int)x;
}

static void para_begin(rg_odt *o, elem *e, const xmlChar **attrs, int n)
{
	char name[256];
	const style_rec *s;

	if (rg_build_in_para(o->b))
		return;
	rg_build_para_begin(o->b);
	e->act |= ACT_PARA;
	e->saved_ws = o->ws;
	o->ws = 1;
	o->last_collapsed = 0;
	s = find_style(o, "paragraph", rg_xml_attr(attrs, n, "style-name", name, sizeof(name)));
	if (s && s->page_break)
		rg_build_page_break(o->b);
	if (s && style_hidden(o, s)) {
		o->hidden++;
		e->act |= ACT_HIDDEN;
	}
	/* the first paragraph of a list item shows its bullet: a box or a tick is text (a
	** trailing space, when nothing follows, goes like any collapsed space) */
	if (o->item_marker) {
		if (can_emit(o)) {
			emit_cp(o, o->item_marker);
			rg_build_text(o->b, " ", 1);
			o->last_collapsed = 1;
		}
		o->item_marker = 0;
	}
}

static void span_begin(rg_odt *o, elem *e, const xmlChar **attrs, int n)
{
	char name[256];
	const style_rec *s = find_style(o, "text", rg_xml_attr(attrs, n, "style-name", name, sizeof(name)));
	const char *font;

	if (!s)
		return;
	if ((font = style_font(o, s))) {
		e->saved_font = o->font;
		e->act |= ACT_FONT;
		o->font = font;
	}
	if (style_hidden(o, s)) {
		o->hidden++;
		e->act |= ACT_HIDDEN;
	}
}

static void start_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
			  int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	rg_odt *o = ctx;
	rg_builder *b = o->b;
	elem *e;
	char v[32];

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	if (o->depth >= rg_xml_depth_limit(o->b->lim)) {
		rg_error_set(RG_ELIMIT, "XML elements nested deeper than %d levels (--max-nesting %d allows that many)",
			rg_xml_depth_limit(o->b->lim), o->b->lim->max_nesting);
		rg_xml_stop(&o->xml, RG_ELIMIT);
		return;
	}
	e = &o->stack[o->depth++];
	e->act = 0;
	e->id = E_OTHER;
	e->saved_font = NULL;
	if (o->skip_depth)
		return;
	e->id = elem_id(o, local, uri);
	if (o->flat && o->depth == 1 && e->id != E_DOCUMENT) {
		if (!strcmp((const char *)local, "wordDocument"))
			rg_error_set(RG_EFORMAT, "a Word 2003 XML document, which raingan does not read (save it "
				"as DOCX)");
		else if (!strcmp((const char *)local, "package"))
			rg_error_set(RG_EFORMAT, "a Word XML document (flat OPC), which raingan does not read (save "
				"it as DOCX)");
		else
			rg_error_set(RG_EFORMAT, "a plain XML file (root element %.60s), not DOCX, ODT or flat ODF "
				"text", (const char *)local);
		rg_xml_stop(&o->xml, RG_EFORMAT);
		return;
	}
	switch (e->id) {
	case E_SKIP:
		o->skip_depth = o->depth;
		break;
	case E_OFFICE_TEXT:
		if (!o->in_styles || o->flat) {
			o->in_text++;
			e->act |= ACT_BODY;
		}
		break;
	case E_HEADER_FOOTER:
		if (o->in_styles || o->flat) {
			rg_build_part_begin(b, local[0] == 'h' ? &b->doc->headers : &b->doc->footers);
			o->in_text++;
			e->act |= ACT_PART;
		}
		break;
	case E_P:
	case E_H:
		if (o->in_text)
			para_begin(o, e, attrs, nattrs);
		break;
	case E_SPAN:
		span_begin(o, e, attrs, nattrs);
		break;
	case E_S:
		if (can_emit(o)) {
			int k, c = count_attr(attrs, nattrs, "c", 1, 10000);
			for (k = 0; k < c; k++)
				rg_build_text(b, " ", 1);
			o->ws = 0;
			o->last_collapsed = 0;
		}
		break;
	case E_TAB:
		if (can_emit(o)) {
			emit_cp(o, '\t');
			o->ws = 0;
		}
		break;
	case E_LINE_BREAK:
		if (can_emit(o)) {
			if (o->last_collapsed)
				rg_build_unput(b, ' ');
			emit_cp(o, '\n');
			o->ws = 1;
		}
		break;
	case E_HIDDEN_TEXT:
		if (can_emit(o) && hidden_by(o, attrs, nattrs, "hidden text", 1))
			o->skip_depth = o->depth;
		break;
	case E_HIDDEN_PARA:
		/* a field that hides the whole paragraph it stands in */
		if (rg_build_in_para(b) && o->in_text && hidden_by(o, attrs, nattrs, "hidden paragraph", 1))
			rg_build_para_hide(b);
		break;
	case E_SECTION:
		if (rg_xml_attr(attrs, nattrs, "display", v, sizeof(v))) {
			if (!strcmp(v, "none") || (!strcmp(v, "condition") && hidden_by(o, attrs, nattrs, "section", 0)))
				o->skip_depth = o->depth;
		}
		break;
	case E_USER_FIELD:
		user_field_decl(o, attrs, nattrs);
		break;
	case E_LIST_STYLE:
		list_style_begin(o, attrs, nattrs);
		e->act |= ACT_LIST_STYLE;
		break;
	case E_LIST_LEVEL_BULLET:
		list_level_begin(o, attrs, nattrs);
		e->act |= ACT_LIST_LEVEL;
		break;
	case E_LIST: {
		char name[256];
		int style;
		if (!o->in_text)
			break;
		style = rg_xml_attr(attrs, nattrs, "style-name", name, sizeof(name))
			? rg_strmap_get(&o->list_index, name, strlen(name))
			: o->list_depth > 0 && o->list_depth <= LIST_LEVELS ? o->list_of_depth[o->list_depth] : -1;
		o->list_depth++;
		if (o->list_depth <= LIST_LEVELS)
			o->list_of_depth[o->list_depth] = style;
		o->item_marker = 0;   /* an item opening with a nested list shows no bullet of its own */
		e->act |= ACT_LIST;
		break;
	}
	case E_LIST_ITEM:
		o->item_marker = 0;
		if (o->in_text && o->list_depth >= 1 && o->list_depth <= LIST_LEVELS) {
			int st = o->list_of_depth[o->list_depth];
			if (st >= 0)
				o->item_marker = o->lists[st].marker[o->list_depth - 1];
		}
		break;
	case E_FORMS:
		o->in_forms++;
		e->act |= ACT_FORMS;
		break;
	case E_FORM_CONTROL:
		if (o->in_forms)
			form_control_decl(o, local, attrs, nattrs);
		break;
	case E_DRAW_CONTROL: {
		char id[256];
		int i;
		o->skip_depth = o->depth;
		if (!can_emit(o) || !rg_xml_attr(attrs, nattrs, "control", id, sizeof(id)))
			break;
		if ((i = rg_strmap_get(&o->control_index, id, strlen(id))) < 0)
			break;
		if (o->controls[i].is_box) {
			emit_cp(o, o->controls[i].checked ? 0x2611 : 0x2610);
			o->ws = 0;
		} else if (o->controls[i].value && o->controls[i].value[0]) {
			rg_build_text(b, o->controls[i].value, strlen(o->controls[i].value));
			o->ws = 0;
			o->last_collapsed = 0;
		}
		break;
	}
	case E_DOCUMENT:
		if (o->flat && o->depth == 1) {
			char mime[128];
			static const char odf_text[] = "application/vnd.oasis.opendocument.text";
			if (!rg_xml_attr(attrs, nattrs, "mimetype", mime, sizeof(mime))
			    || strncmp(mime, odf_text, sizeof(odf_text) - 1)) {
				rg_error_set(RG_EFORMAT, "a flat OpenDocument file that is not a text document (%s)",
					rg_xml_attr(attrs, nattrs, "mimetype", mime, sizeof(mime)) ? mime : "no office:mimetype");
				rg_xml_stop(&o->xml, RG_EFORMAT);
			}
		}
		break;
	case E_NOTE_BODY:
		if (o->in_text && rg_build_note_begin(b)) {
			e->act |= ACT_NOTE;
			e->saved_ws = o->ws;
		}
		break;
	case E_TEXTBOX:
		if (o->in_text && rg_build_textbox_begin(b)) {
			e->act |= ACT_TEXTBOX;
			e->saved_ws = o->ws;
		}
		break;
	case E_CONTENT_CONTROL:
		if (rg_xml_attr(attrs, nattrs, "checkbox", v, sizeof(v)) && !strcmp(v, "true")) {
			if (can_emit(o)) {
				int checked = rg_xml_attr(attrs, nattrs, "checked", v, sizeof(v)) && !strcmp(v, "true");
				emit_cp(o, checked ? 0x2611 : 0x2610);
				o->ws = 0;
			}
			o->skip_depth = o->depth;
		}
		break;
	case E_FIELDMARK: {
		char type[128];
		if (rg_xml_attr(attrs, nattrs, "type", type, sizeof(type)) && strstr(type, "FORMCHECKBOX")) {
			o->fieldmark_box = 1;
			o->fieldmark_checked = 0;
		}
		break;
	}
	case E_FIELD_PARAM: {
		char name[64];
		if (o->fieldmark_box && rg_xml_attr(attrs, nattrs, "name", name, sizeof(name))
		    && !strcmp(name, "Checkbox_Checked"))
			o->fieldmark_checked = rg_xml_attr(attrs, nattrs, "value", v, sizeof(v)) && !strcmp(v, "true");
		break;
	}
	case E_TABLE:
		if (!o->in_text)
			break;
		{
			char name[256];
			const style_rec *s = find_style(o, "table", rg_xml_attr(attrs, nattrs, "style-name", name, sizeof(name)));
			rg_build_para_end(b);
			if (s && s->page_break)
				rg_build_page_break(b);
		}
		if (rg_build_table_begin(b)) {
			e->act |= ACT_TABLE;
			rg_build_table(b)->explicit_covers = 1;
		}
		break;
	case E_TABLE_COLUMN:
		rg_build_table_grid_col(b, count_attr(attrs, nattrs, "number-columns-repeated", 1, INT_MAX));
		break;
	case E_HEADER_ROWS:
		o->header_rows++;
		e->act |= ACT_HEADER_ROWS;
		break;
	case E_ROW:
		if (rg_build_row_begin(b)) {
			rg_rawrow *r = rg_build_row(b);
			e->act |= ACT_ROW;
			r->header = o->header_rows > 0;
			r->repeat = count_attr(attrs, nattrs, "number-rows-repeated", 1, INT_MAX);
		}
		break;
	case E_CELL:
		if (rg_build_cell_begin(b)) {
			rg_rawcell *c = rg_build_cell(b);
			int cap = (int)(b->lim->max_table_cells > INT_MAX ? INT_MAX : b->lim->max_table_cells);
			e->act |= ACT_CELL;
			c->colspan = count_attr(attrs, nattrs, "number-columns-spanned", 1, cap);
			c->rowspan = count_attr(attrs, nattrs, "number-rows-spanned", 1, cap);
			c->repeat = count_attr(attrs, nattrs, "number-columns-repeated", 1, INT_MAX);
			e->saved_ws = o->ws;
		}
		break;
	case E_COVERED:
		rg_build_covered_cell(b, count_attr(attrs, nattrs, "number-columns-repeated", 1, INT_MAX));
		o->skip_depth = o->depth;   /* what a merge covers is not shown */
		break;
	case E_STYLE:
		begin_style(o, attrs, nattrs);
		e->act |= ACT_STYLE;
		break;
	case E_TEXT_PROPS:
		text_props(o, attrs, nattrs);
		break;
	case E_PARA_PROPS:
	case E_TABLE_PROPS:
		if (o->cur_style >= 0 && rg_xml_attr(attrs, nattrs, "break-before", v, sizeof(v)) && !strcmp(v, "page"))
			o->styles[o->cur_style].page_break = 1;
		break;
	case E_FONT_FACE:
		font_face(o, attrs, nattrs);
		break;
	default:
		break;
	}
	if (b->err)
		rg_xml_stop(&o->xml, b->err);
}

static void end_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	rg_odt *o = ctx;
	rg_builder *b = o->b;
	elem *e;

	(void)local;
	(void)prefix;
	(void)uri;
	if (o->depth <= 0)
		return;
	e = &o->stack[o->depth - 1];
	if (o->skip_depth) {
		if (o->skip_depth == o->depth)
			o->skip_depth = 0;
		o->depth--;
		return;
	}
	if (e->id == E_FIELDMARK && o->fieldmark_box) {
		o->fieldmark_box = 0;
		if (can_emit(o)) {
			emit_cp(o, o->fieldmark_checked ? 0x2611 : 0x2610);
			o->ws = 0;
		}
	}
	if (e->act & ACT_FONT)
		o->font = e->saved_font;
	if (e->act & ACT_HIDDEN)
		o->hidden--;
	if (e->act & ACT_PARA) {
		if (o->last_collapsed)
			rg_build_unput(b, ' ');
		rg_build_para_end(b);
		o->ws = e->saved_ws;
		o->last_collapsed = 0;
	}
	if (e->act & ACT_NOTE) {
		rg_build_note_end(b);
		o->ws = e->saved_ws;
	}
	if (e->act & ACT_TEXTBOX) {
		rg_build_textbox_end(b);
		o->ws = e->saved_ws;
	}
	if (e->act & ACT_CELL) {
		rg_build_cell_end(b);
		o->ws = e->saved_ws;
	}
	if (e->act & ACT_ROW)
		rg_build_row_end(b);
	if (e->act & ACT_HEADER_ROWS)
		o->header_rows--;
	if (e->act & ACT_TABLE)
		rg_build_table_end(b);
	if (e->act & ACT_PART) {
		rg_build_part_end(b);
		o->in_text--;
	}
	if (e->act & ACT_BODY)
		o->in_text--;
	if (e->act & ACT_STYLE)
		o->cur_style = -1;
	if (e->act & ACT_FORMS)
		o->in_forms--;
	if (e->act & ACT_LIST_LEVEL)
		list_level_end(o);
	if (e->act & ACT_LIST_STYLE)
		o->cur_list_style = -1;
	if (e->act & ACT_LIST) {
		o->list_depth--;
		o->item_marker = 0;
	}
	o->depth--;
	if (b->err)
		rg_xml_stop(&o->xml, b->err);
}

/* ---- entry points ------------------------------------------------------------------- */

rg_odt *rg_odt_new(rg_builder *b)
{
	rg_odt *o = calloc(1, sizeof(*o));

	if (!o) {
		rg_error_set(RG_ENOMEM, "out of memory");
		return NULL;
	}
	o->b = b;
	o->cur_style = -1;
	o->cur_list_style = o->cur_list_level = -1;
	return o;
}

void rg_odt_free(rg_odt *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->nstyles; i++) {
		free(o->styles[i].family_name);
		free(o->styles[i].parent);
		free(o->styles[i].font);
	}
	free(o->styles);
	for (i = 0; i < o->nfaces; i++)
		free(o->face_families[i]);
	free(o->face_families);
	rg_strmap_free(&o->style_index);
	rg_strmap_free(&o->font_faces);
	for (i = 0; i < o->ncontrols; i++)
		free(o->controls[i].value);
	free(o->controls);
	rg_strmap_free(&o->control_index);
	for (i = 0; i < o->nfields; i++)
		free(o->fields[i].str);
	free(o->fields);
	rg_strmap_free(&o->field_index);
	free(o->lists);
	rg_strmap_free(&o->list_index);
	free(o);
}

static int read_part(rg_odt *o, rg_package *pkg, const char *part, const char *xml, size_t len,
		     int styles, rg_blocks *dest)
{
	xmlSAXHandler sax;
	int rc;

	rg_xml_sax_init(&sax);
	sax.startElementNs = start_element;
	sax.endElementNs = end_element;
	sax.characters = characters;
	o->depth = 0;
	o->skip_depth = 0;
	o->in_text = 0;
	o->hidden = 0;
	o->header_rows = 0;
	o->font = NULL;
	o->in_styles = styles == 1;
	o->flat = styles == 2;
	o->in_forms = 0;
	o->list_depth = 0;
	o->item_marker = 0;
	memset(o->cache, 0, sizeof(o->cache));
	if (dest)
		rg_build_part_begin(o->b, dest);
	if (pkg)
		rc = rg_package_parse_xml(pkg, part, &sax, o);
	else
		rc = rg_xml_parse_memory(xml, len, part, &sax, o);
	if (!rc && o->b->err)
		rc = o->b->err;
	if (!rc && dest)
		rg_build_part_end(o->b);
	return rc;
}

int rg_odt_read_styles(rg_odt *o, rg_package *pkg, const char *part, const char *xml, size_t len)
{
	return read_part(o, pkg, part, xml, len, 1, NULL);
}

int rg_odt_read_content(rg_odt *o, rg_package *pkg, const char *part, const char *xml, size_t len)
{
	return read_part(o, pkg, part, xml, len, 0, &o->b->doc->body);
}

int rg_odt_read_flat(rg_odt *o, const char *xml, size_t len)
{
	return read_part(o, NULL, "the XML file", xml, len, 2, &o->b->doc->body);
}
