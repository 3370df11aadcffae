/*
** condition.c - a small recursive-descent evaluator of Writer conditions
** (see condition.h).  Anything it does not know makes the whole answer
** "unknown" (-1): the reader then keeps the content and says so, rather
** than guess which way the editor showed it.
*/
#include "condition.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 64
#define MAX_STR 256

typedef struct {
	int known;
	int is_str;
	double num;
	char str[MAX_STR];
} value;

typedef struct {
	const char *p;
	rg_cond_lookup lookup;
	void *ctx;
	int depth;
	int bad;
} parser;

static void skip_ws(parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

/* Whether the next token is the word w (a keyword: not followed by a name character). */
static int word(parser *ps, const char *w)
{
	size_t n = strlen(w);

	skip_ws(ps);
	if (strncasecmp(ps->p, w, n) || isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_')
		return 0;
	ps->p += n;
	return 1;
}

static int sym(parser *ps, const char *s)
{
	size_t n = strlen(s);

	skip_ws(ps);
	if (strncmp(ps->p, s, n))
		return 0;
	ps->p += n;
	return 1;
}

static int truth(const value *v)
{
	return v->is_str ? v->str[0] != '\0' : v->num != 0;
}

static value unknown(void)
{
	value v;
	memset(&v, 0, sizeof(v));
	return v;
}

static value number(double x)
{
	value v = unknown();
	v.known = 1;
	v.num = x;
	return v;
}

static value expr(parser *ps);

static value primary(parser *ps)
{
	value v = unknown();

	skip_ws(ps);
	if (ps->depth > MAX_DEPTH) {
		ps->bad = 1;
		return v;
	}
	if (sym(ps, "(")) {
		ps->depth++;
		v = expr(ps);
		ps->depth--;
		if (!sym(ps, ")"))
			ps->bad = 1;
		return v;
	}
	if (*ps->p == '"') {
		const char *end = strchr(ps->p + 1, '"');
		size_t n;
		if (!end) {
			ps->bad = 1;
			return v;
		}
		n = (size_t)(end - ps->p - 1);
		if (n >= MAX_STR)
			n = MAX_STR - 1;
		memcpy(v.str, ps->p + 1, n);
		v.str[n] = '\0';
		v.known = v.is_str = 1;
		ps->p = end + 1;
		return v;
	}
	if (isdigit((unsigned char)*ps->p) || *ps->p == '.') {
		char *end;
		v = number(strtod(ps->p, &end));
		ps->p = end;
		return v;
	}
	if (word(ps, "TRUE"))
		return number(1);
	if (word(ps, "FALSE"))
		return number(0);
	if (isalpha((unsigned char)*ps->p) || *ps->p == '_' || (unsigned char)*ps->p >= 0x80) {
		char name[MAX_STR];
		size_t n = 0;
		double num;
		const char *str = NULL;
		while ((isalnum((unsigned char)*ps->p) || *ps->p == '_' || *ps->p == '.'
			|| (unsigned char)*ps->p >= 0x80) && n + 1 < sizeof(name))
			name[n++] = *ps->p++;
		name[n] = '\0';
		skip_ws(ps);
		if (*ps->p == '(' || !ps->lookup || !ps->lookup(ps->ctx, name, &num, &str))
			return unknown();   /* a function, or a variable not declared here */
		if (str) {
			v.known = v.is_str = 1;
			strncpy(v.str, str, MAX_STR - 1);
			return v;
		}
		return number(num);
	}
	ps->bad = 1;
	return v;
}

static value unary(parser *ps)
{
	value v;

	if (ps->depth > MAX_DEPTH) {
		ps->bad = 1;
		return unknown();
	}
	if (sym(ps, "-")) {
		ps->depth++;
		v = unary(ps);
		ps->depth--;
		return v.known && !v.is_str ? number(-v.num) : unknown();
	}
	if (sym(ps, "+")) {
		ps->depth++;
		v = unary(ps);
		ps->depth--;
		return v;
	}
	return primary(ps);
}

static value product(parser *ps)
{
	value a = unary(ps);

	for (;;) {
		int op = sym(ps, "*") ? '*' : sym(ps, "/") ? '/' : 0;
		value b;
		if (!op)
			return a;
		b = unary(ps);
		if (!a.known || !b.known || a.is_str || b.is_str || (op == '/' && b.num == 0))
			a = unknown();
		else
			a = number(op == '*' ? a.num * b.num : a.num / b.num);
	}
}

static value sum(parser *ps)
{
	value a = product(ps);

	for (;;) {
		int op = sym(ps, "+") ? '+' : (skip_ws(ps), ps->p[0] == '-' ? (ps->p++, '-') : 0);
		value b;
		if (!op)
			return a;
		b = product(ps);
		if (!a.known || !b.known || a.is_str || b.is_str)
			a = unknown();
		else
			a = number(op == '+' ? a.num + b.num : a.num - b.num);
	}
}

static value compare(parser *ps)
{
	value a = sum(ps), b;
	int op, c;

	if (sym(ps, "==") || word(ps, "EQ"))
		op = 'e';
	else if (sym(ps, "!=") || sym(ps, "<>") || word(ps, "NEQ"))
		op = 'n';
	else if (sym(ps, "<=") || word(ps, "LEQ"))
		op = 'l';
	else if (sym(ps, ">=") || word(ps, "GEQ"))
		op = 'g';
	else if (sym(ps, "<") || word(ps, "LT"))
		op = '<';
	else if (sym(ps, ">") || word(ps, "GT"))
		op = '>';
	else if (sym(ps, "="))
		op = 'e';
	else
		return a;
	b = sum(ps);
	if (!a.known || !b.known)
		return unknown();
	if (a.is_str || b.is_str) {
		if (!a.is_str || !b.is_str)
			return unknown();
		c = strcmp(a.str, b.str);
	} else {
		c = a.num < b.num ? -1 : a.num > b.num ? 1 : 0;
	}
	switch (op) {
	case 'e': return number(c == 0);
	case 'n': return number(c != 0);
	case 'l': return number(c <= 0);
	case 'g': return number(c >= 0);
	case '<': return number(c < 0);
	default: return number(c > 0);
	}
}

static value negation(parser *ps)
{
	if (sym(ps, "!") || word(ps, "NOT")) {
		value v;
		if (ps->depth++ > MAX_DEPTH) {
			ps->bad = 1;
			return unknown();
		}
		v = negation(ps);
		ps->depth--;
		return v.known ? number(!truth(&v)) : unknown();
	}
	return compare(ps);
}

/* AND/OR: an unknown side decides nothing unless the other side settles it. */
static value conjunction(parser *ps)
{
	value a = negation(ps);

	while (sym(ps, "&&") || word(ps, "AND")) {
		value b = negation(ps);
		if ((a.known && !truth(&a)) || (b.known && !truth(&b)))
			a = number(0);
		else if (a.known && b.known)
			a = number(1);
		else
			a = unknown();
	}
	return a;
}

static value expr(parser *ps)
{
	value a = conjunction(ps);

	while (sym(ps, "||") || word(ps, "OR")) {
		value b = conjunction(ps);
		if ((a.known && truth(&a)) || (b.known && truth(&b)))
			a = number(1);
		else if (a.known && b.known)
			a = number(0);
		else
			a = unknown();
	}
	return a;
}

int rg_cond_eval(const char *s, rg_cond_lookup lookup, void *ctx)
{
	parser ps;
	value v;

	if (!s)
		return -1;
	if (!strncmp(s, "ooow:", 5))
		s += 5;
	else if (!strncmp(s, "ooo:", 4))
		s += 4;
	memset(&ps, 0, sizeof(ps));
	ps.p = s;
	ps.lookup = lookup;
	ps.ctx = ctx;
	skip_ws(&ps);
	if (!*ps.p)
		return -1;
	v = expr(&ps);
	skip_ws(&ps);
	if (ps.bad || *ps.p || !v.known)
		return -1;
	return truth(&v);
}
