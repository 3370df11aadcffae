/*
** html.c - HTML (and XHTML) to the document model, for w:altChunk parts
** (see html.h).  libxml2's HTML parser builds the tree (it repairs tag soup
** the way browsers do, never loads a DTD or anything from the network);
** this file walks it once.
*/
#include "html.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "../core/error.h"

#define MAX_COLSPAN 1000     /* the HTML standard's own limits */
#define MAX_ROWSPAN 65534

typedef struct {
	rg_builder *b;
	int pre;                 /* inside <pre>: white space is kept */
	int ws;                  /* at the start of a paragraph or after a space: white space is dropped */
	int depth, max_depth;
} html_ctx;

static int name_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

static int name_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (name_is(n, *names))
			return 1;
	return 0;
}

/* An attribute's value (caller frees), or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
	xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (a->name && !strcasecmp((const char *)a->name, name))
			return (char *)xmlNodeGetContent((const xmlNode *)a);
	return NULL;
}

static int has_attr(const xmlNode *n, const char *name)
{
	xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (a->name && !strcasecmp((const char *)a->name, name))
			return 1;
	return 0;
}

/* hidden, or a style saying display:none. */
static int is_hidden(const xmlNode *n)
{
	char *style;
	int hidden = 0;

	if (has_attr(n, "hidden"))
		return 1;
	if ((style = attr(n, "style"))) {
		char squeezed[256];
		size_t i, k = 0;
		for (i = 0; style[i] && k + 1 < sizeof(squeezed); i++)
			if (!isspace((unsigned char)style[i]))
				squeezed[k++] = (char)tolower((unsigned char)style[i]);
		squeezed[k] = '\0';
		hidden = strstr(squeezed, "display:none") != NULL;
		xmlFree(style);
	}
	return hidden;
}

static int int_attr(const xmlNode *n, const char *name, int lo, int hi, int absent)
{
	char *v = attr(n, name);
	long x;

	if (!v)
		return absent;
	x = strtol(v, NULL, 10);
	xmlFree(v);
	if (x < lo)
		return absent;
	return x > hi ? hi : (int)x;
}

/* ---- text ------------------------------------------------------------------------- */

static void block_break(html_ctx *h)
{
	if (rg_build_in_para(h->b)) {
		rg_build_unput(h->b, ' ');
		rg_build_para_end(h->b);
	}
	h->ws = 1;
}

static void text(html_ctx *h, const char *s)
{
	size_t i, start = 0, n = strlen(s);

	if (h->pre) {
		rg_build_text(h->b, s, n);
		return;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f')
			continue;
		if (i > start) {
			rg_build_text(h->b, s + start, i - start);
			h->ws = 0;
		}
		if (!h->ws && rg_build_in_para(h->b)) {
			rg_build_text(h->b, " ", 1);
			h->ws = 1;
		}
		start = i + 1;
	}
	if (n > start) {
		rg_build_text(h->b, s + start, n - start);
		h->ws = 0;
	}
}

/* ---- the walk ------------------------------------------------------------------------ */

static void walk(html_ctx *h, const xmlNode *n);

static const char *const skipped[] = { "head", "script", "style", "title", "noscript", "template",
	"iframe", "object", "embed", "select", "option", "map", "audio", "video", "canvas", "svg", "math",
	"datalist", NULL };

static const char *const blocks[] = { "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
	"blockquote", "address", "center", "section", "article", "header", "footer", "nav", "aside",
	"figure", "figcaption", "form", "fieldset", "legend", "ul", "ol", "dl", "hr", "main", "details",
	"summary", "body", "html", "tr", "caption", NULL };

/* A table: rows of cells; a rowspan holds its columns in the rows below, the way browsers lay it out. */
static void table(html_ctx *h, const xmlNode *t)
{
	rg_builder *b = h->b;
	int *occ = NULL;          /* per column: rows still held by a rowspan from above */
	size_t nocc = 0;
	const xmlNode *part, *row, *cell;

	for (part = t->children; part; part = part->next)
		if (name_is(part, "caption") && !is_hidden(part)) {
			walk(h, part);
			block_break(h);
		}
	block_break(h);
	if (!rg_build_table_begin(b))
		return;
	rg_build_table(b)->explicit_covers = 1;
	for (part = t->children; part && !b->err; part = part->next) {
		const xmlNode *rows;
		if (name_is(part, "tr"))
			rows = part;
		else if (name_is(part, "thead") || name_is(part, "tbody") || name_is(part, "tfoot"))
			rows = part->children;
		else
			continue;
		for (row = rows; row && !b->err; row = row == part ? NULL : row->next) {
			size_t pos = 0, c;
			if (!name_is(row, "tr") || is_hidden(row))
				continue;
			if (!rg_build_row_begin(b))
				break;
			rg_build_row(b)->header = name_is(part, "thead");
			for (cell = row->children; cell && !b->err; cell = cell->next) {
				int colspan, rowspan, k;
				if (!(name_is(cell, "td") || name_is(cell, "th")) || is_hidden(cell))
					continue;
				while (pos < nocc && occ[pos] > 0) {
					rg_build_covered_cell(b, 1);
					occ[pos++]--;
				}
				colspan = int_attr(cell, "colspan", 1, MAX_COLSPAN, 1);
				rowspan = int_attr(cell, "rowspan", 1, MAX_ROWSPAN, 1);
				if (!rg_build_cell_begin(b))
					break;
				rg_build_cell(b)->colspan = colspan;
				rg_build_cell(b)->rowspan = rowspan;
				h->ws = 1;
				walk(h, cell);
				block_break(h);
				rg_build_cell_end(b);
				if (colspan > 1)
					rg_build_covered_cell(b, colspan - 1);
				if (pos + (size_t)colspan > nocc) {
					int *p = realloc(occ, (pos + (size_t)colspan) * sizeof(*p));
					if (!p) {
						rg_build_fail(b, rg_error_set(RG_ENOMEM, "out of memory"));
						break;
					}
					for (c = nocc; c < pos + (size_t)colspan; c++)
						p[c] = 0;
					occ = p;
					nocc = pos + (size_t)colspan;
				}
				for (k = 0; k < colspan; k++)
					occ[pos + (size_t)k] = rowspan - 1;
				pos += (size_t)colspan;
			}
			/* columns on the right still held from above */
			for (c = pos; c < nocc && !b->err; c++) {
				size_t last;
				if (occ[c] <= 0)
					continue;
				for (last = pos; last <= c; last++) {
					rg_build_covered_cell(b, 1);
					if (occ[last] > 0)
						occ[last]--;
				}
				pos = c + 1;
			}
			rg_build_row_end(b);
		}
	}
	free(occ);
	rg_build_table_end(b);
	h->ws = 1;
}

static void element(html_ctx *h, const xmlNode *n)
{
	if (is_hidden(n) || name_in(n, skipped))
		return;
	if (name_is(n, "br")) {
		rg_build_codepoint(h->b, '\n');
		h->ws = 1;
		return;
	}
	if (name_is(n, "input")) {
		char *type = attr(n, "type");
		if (type && (!strcasecmp(type, "checkbox") || !strcasecmp(type, "radio"))) {
			rg_build_codepoint(h->b, has_attr(n, "checked") ? 0x2611 : 0x2610);
			h->ws = 0;
		}
		xmlFree(type);
		return;
	}
	if (name_is(n, "table")) {
		table(h, n);
		return;
	}
	if (name_is(n, "pre")) {
		block_break(h);
		h->pre++;
		walk(h, n);
		h->pre--;
		block_break(h);
		return;
	}
	if (name_in(n, blocks)) {
		block_break(h);
		walk(h, n);
		block_break(h);
		return;
	}
	walk(h, n);
}

static void walk(html_ctx *h, const xmlNode *parent)
{
	const xmlNode *n;

	if (++h->depth > h->max_depth) {
		rg_build_fail(h->b, rg_error_set(RG_ELIMIT, "HTML elements nested deeper than %d levels "
			"(--max-nesting)", h->max_depth));
		h->depth--;
		return;
	}
	for (n = parent->children; n && !h->b->err; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				text(h, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			element(h, n);
		}
	}
	h->depth--;
}

/* ---- the character set ----------------------------------------------------------------- */

static int valid_utf8(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned cp;
		int k = rg_utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && !(n - i >= 3 && !memcmp(s + i, "\xEF\xBF\xBD", 3)))
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* A charset named in the first bytes (<meta charset=...> or content="...; charset=..."). */
static int declared_charset(const char *data, size_t len)
{
	size_t n = len < 4096 ? len : 4096, i;

	for (i = 0; i + 8 <= n; i++)
		if (!strncasecmp(data + i, "charset=", 8) || !strncasecmp(data + i, "encoding=", 9))
			return 1;
	return 0;
}

int rg_html_read(const char *data, size_t len, const char *charset, const char *name, rg_builder *b,
		 rg_blocks *dest)
{
	const char *encoding = charset && *charset ? charset : NULL;
	htmlParserCtxtPtr ctxt;
	rg_build_mark mark;
	html_ctx h;
	htmlDocPtr doc;
	int stopped;
	xmlNode *root;
	int bom = len >= 2 && (!memcmp(data, "\xFF\xFE", 2) || !memcmp(data, "\xFE\xFF", 2) ||
			       (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)));

	if (len > (size_t)INT_MAX)
		return rg_error_set(RG_ELIMIT, "%s: an HTML part larger than 2 GiB", name);
	if (!encoding && !bom && !declared_charset(data, len)) {
		if (!valid_utf8(data, len))
			return rg_error_set(RG_EFORMAT, "%s: HTML that declares no character set and is not UTF-8", name);
		encoding = "UTF-8";
	}
	if (!(ctxt = htmlNewParserCtxt()))
		return rg_error_set(RG_ENOMEM, "out of memory");
	doc = htmlCtxtReadMemory(ctxt, data, (int)len, name, encoding,
		HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
	/* libxml2 stops at 256 levels of elements ("Excessive depth"): what follows is lost, so say so */
	stopped = ctxt->errNo == XML_ERR_INTERNAL_ERROR;
	htmlFreeParserCtxt(ctxt);
	if (stopped) {
		xmlFreeDoc(doc);
		return rg_error_set(RG_EFORMAT, "%s: HTML elements nested deeper than libxml2 reads (256 levels)", name);
	}
	if (!doc)
		return rg_error_set(RG_EFORMAT, "%s: not HTML that libxml2 can read", name);
	memset(&h, 0, sizeof(h));
	h.b = b;
	h.ws = 1;
	h.max_depth = rg_xml_depth_limit(b->lim);
	rg_build_mark_here(b, &mark);
	rg_build_part_begin(b, dest);
	root = xmlDocGetRootElement(doc);
	if (root) {
		xmlNode fake;
		memset(&fake, 0, sizeof(fake));
		fake.children = root;
		walk(&h, &fake);
	}
	block_break(&h);
	xmlFreeDoc(doc);
	if (b->err) {
		rg_build_rollback(b, &mark);
		return b->err;
	}
	rg_build_part_end(b);
	return 0;
}

/* ---- web archives (MHT) ------------------------------------------------------------------ */

#define MHT_MAX_PARTS 10000

/* The value of a header (case-insensitive name) in a block of headers, unfolded, into out. */
static int header(const char *h, size_t n, const char *name, char *out, size_t size)
{
	size_t i = 0, k = strlen(name);

	while (i < n) {
		size_t end = i;
		while (end < n && h[end] != '\n')
			end++;
		if (end - i > k && !strncasecmp(h + i, name, k) && h[i + k] == ':') {
			size_t o = 0, p = i + k + 1;
			/* the value and its continuation lines (starting with white space) */
			for (;;) {
				for (; p < end && o + 1 < size; p++)
					if (h[p] != '\r')
						out[o++] = h[p] == '\t' ? ' ' : h[p];
				if (end + 1 < n && (h[end + 1] == ' ' || h[end + 1] == '\t')) {
					p = end + 1;
					end = p;
					while (end < n && h[end] != '\n')
						end++;
					continue;
				}
				break;
			}
			out[o] = '\0';
			return 1;
		}
		i = end + 1;
	}
	return 0;
}

/* A parameter of a header value: boundary="...", charset=... */
static int param(const char *value, const char *name, char *out, size_t size)
{
	size_t k = strlen(name);
	const char *p = value;

	while ((p = strchr(p, ';'))) {
		p++;
		while (*p == ' ')
			p++;
		if (!strncasecmp(p, name, k) && p[k] == '=') {
			size_t o = 0;
			p += k + 1;
			if (*p == '"') {
				p++;
				while (*p && *p != '"' && o + 1 < size)
					out[o++] = *p++;
			} else {
				while (*p && *p != ';' && *p != ' ' && o + 1 < size)
					out[o++] = *p++;
			}
			out[o] = '\0';
			return o > 0;
		}
	}
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void decode_qp(const char *s, size_t n, rg_buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] != '=') {
			rg_buf_putc(out, s[i]);
			continue;
		}
		if (i + 1 < n && s[i + 1] == '\n') {          /* soft line break */
			i += 1;
		} else if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') {
			i += 2;
		} else if (i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			rg_buf_putc(out, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
			i += 2;
		} else {
			rg_buf_putc(out, '=');
		}
	}
}

static void decode_base64(const char *s, size_t n, rg_buf *out)
{
	unsigned acc = 0;
	int bits = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i], v;
		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= 'a' && c <= 'z')
			v = c - 'a' + 26;
		else if (c >= '0' && c <= '9')
			v = c - '0' + 52;
		else if (c == '+')
			v = 62;
		else if (c == '/')
			v = 63;
		else
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			rg_buf_putc(out, (char)((acc >> bits) & 0xFF));
		}
	}
}

/* Where the blank line after the headers starting at p ends (n when none). */
static size_t headers_end(const char *s, size_t p, size_t n)
{
	size_t i;

	for (i = p; i < n; i++) {
		if (s[i] != '\n')
			continue;
		if (i + 1 < n && s[i + 1] == '\n')
			return i + 2;
		if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n')
			return i + 3;
	}
	return n;
}

static int html_part(const char *s, size_t hstart, size_t n, const char *name, rg_builder *b, rg_blocks *dest)
{
	char ctype[512], enc[64], charset[64] = "";
	size_t body = headers_end(s, hstart, n);
	rg_buf decoded = RG_BUF_INIT;
	int rc;

	if (!header(s + hstart, body - hstart, "Content-Type", ctype, sizeof(ctype)))
		snprintf(ctype, sizeof(ctype), "text/plain");
	param(ctype, "charset", charset, sizeof(charset));
	if (!header(s + hstart, body - hstart, "Content-Transfer-Encoding", enc, sizeof(enc)))
		enc[0] = '\0';
	{
		char *e = enc;
		while (*e == ' ')
			e++;
		if (!strncasecmp(e, "quoted-printable", 16))
			decode_qp(s + body, n - body, &decoded);
		else if (!strncasecmp(e, "base64", 6))
			decode_base64(s + body, n - body, &decoded);
		else
			rg_buf_put(&decoded, s + body, n - body);
	}
	if (rg_buf_oom(&decoded)) {
		rg_buf_free(&decoded);
		return rg_build_fail(b, rg_error_set(RG_ENOMEM, "out of memory"));
	}
	rc = rg_html_read(decoded.ptr ? decoded.ptr : "", decoded.len, charset, name, b, dest);
	rg_buf_free(&decoded);
	return rc;
}

int rg_mht_read(const char *s, size_t n, const char *name, rg_builder *b, rg_blocks *dest)
{
	char ctype[512], boundary[256], delim[260];
	size_t top = headers_end(s, 0, n), p, dl;
	int parts = 0;

	if (!header(s, top, "Content-Type", ctype, sizeof(ctype)))
		return rg_error_set(RG_EFORMAT, "%s: a web archive without a Content-Type", name);
	{
		char *t = ctype;
		while (*t == ' ')
			t++;
		if (!strncasecmp(t, "text/html", 9))
			return html_part(s, 0, n, name, b, dest);
		if (strncasecmp(t, "multipart/", 10) || !param(ctype, "boundary", boundary, sizeof(boundary)))
			return rg_error_set(RG_EFORMAT, "%s: a web archive that is neither HTML nor multipart", name);
	}
	snprintf(delim, sizeof(delim), "--%s", boundary);
	dl = strlen(delim);
	/* each part starts after a line "--boundary"; the first HTML part is the page */
	for (p = top; p + dl <= n && parts < MHT_MAX_PARTS; ) {
		const char *hit = NULL;
		size_t i, start, end;
		for (i = p; i + dl <= n; i++)
			if ((i == 0 || s[i - 1] == '\n') && !memcmp(s + i, delim, dl)) {
				hit = s + i;
				break;
			}
		if (!hit)
			break;
		start = (size_t)(hit - s) + dl;
		if (start + 2 <= n && s[start] == '-' && s[start + 1] == '-')
			break;   /* the closing delimiter */
		while (start < n && s[start] != '\n')
			start++;
		start++;
		/* the part ends at the next delimiter line */
		for (end = start; end + dl <= n; end++)
			if (s[end - 1] == '\n' && !memcmp(s + end, delim, dl))
				break;
		if (end + dl > n)
			end = n;
		parts++;
		{
			size_t hend = headers_end(s, start, end);
			char t[512];
			if (header(s + start, hend - start, "Content-Type", t, sizeof(t))) {
				char *q = t;
				while (*q == ' ')
					q++;
				if (!strncasecmp(q, "text/html", 9))
					return html_part(s, start, end, name, b, dest);
			}
		}
		p = end;
	}
	return rg_error_set(RG_EFORMAT, "%s: a web archive without an HTML part", name);
}
