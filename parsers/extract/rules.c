/*
** rules.c - loading and matching rule files (see rules.h).
*/
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

static int add_rule(rg_rules *rules, const char *category, const char *label, const char *pattern,
		    const char *file, int line)
{
	PCRE2_SIZE erroff;
	int errcode;
	rg_rule *r;
	char where[512];
	const char *base = strrchr(file, '/');

	snprintf(where, sizeof(where), "%s:%d", base ? base + 1 : file, line);
	if (rules->len == rules->cap) {
		size_t ncap = rules->cap ? rules->cap * 2 : 64;
		rg_rule *p = realloc(rules->items, ncap * sizeof(*p));
		if (!p)
			return rg_error_set(RG_ENOMEM, "out of memory");
		rules->items = p;
		rules->cap = ncap;
	}
	r = &rules->items[rules->len];
	memset(r, 0, sizeof(*r));
	if (strlen(category) >= sizeof(r->category) || strlen(label) >= sizeof(r->label))
		return rg_error_set(RG_EUSAGE, "%s: category or label too long", where);
	strcpy(r->category, category);
	strcpy(r->label, label);
	/* NUL ends a line and ^ $ work per line: a whole document can then be
	** searched in one call, its lines joined by NUL (see rules.h) */
	{
		pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
		if (!cc)
			return rg_error_set(RG_ENOMEM, "out of memory");
		pcre2_set_newline(cc, PCRE2_NEWLINE_NUL);
		r->re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE, &errcode, &erroff, cc);
		pcre2_compile_context_free(cc);
	}
	if (!r->re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		return rg_error_set(RG_EUSAGE, "%s: the pattern does not compile: %s (at offset %zu)",
			where, (const char *)msg, (size_t)erroff);
	}
	pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);   /* optional: plain matching if unavailable */
	{
		uint32_t names = 0;
		pcre2_pattern_info(r->re, PCRE2_INFO_NAMECOUNT, &names);
		r->has_groups = names > 0;
	}
	r->pattern = strdup(pattern);
	r->where = strdup(where);
	if (!r->pattern || !r->where) {
		pcre2_code_free(r->re);
		free(r->pattern);
		free(r->where);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	rules->len++;
	return 0;
}

static char *next_field(char **s)
{
	char *start;

	while (**s == ' ' || **s == '\t')
		(*s)++;
	if (!**s)
		return NULL;
	start = *s;
	while (**s && **s != ' ' && **s != '\t')
		(*s)++;
	if (**s)
		*(*s)++ = '\0';
	return start;
}

/* Group the rules by category, so that a lookup does not walk them all. */
static int index_categories(rg_rules *rules)
{
	size_t i, k;

	for (k = 0; k < rules->ncategories; k++)
		free(rules->categories[k].rules);
	free(rules->categories);
	rules->categories = calloc(rules->len + 1, sizeof(*rules->categories));
	rules->ncategories = 0;
	if (!rules->categories)
		return rg_error_set(RG_ENOMEM, "out of memory");
	for (i = 0; i < rules->len; i++) {
		rg_rule_category *c = NULL;
		size_t *p;
		for (k = 0; k < rules->ncategories; k++)
			if (!strcmp(rules->categories[k].name, rules->items[i].category))
				c = &rules->categories[k];
		if (!c) {
			c = &rules->categories[rules->ncategories++];
			strcpy(c->name, rules->items[i].category);
		}
		if (!(p = realloc(c->rules, (c->n + 1) * sizeof(*p))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		c->rules = p;
		c->rules[c->n++] = i;
	}
	return 0;
}

const size_t *rg_rules_of(const rg_rules *rules, const char *category, size_t *n)
{
	size_t k;

	for (k = 0; k < rules->ncategories; k++) {
		if (!strcmp(rules->categories[k].name, category)) {
			*n = rules->categories[k].n;
			return rules->categories[k].rules;
		}
	}
	*n = 0;
	return NULL;
}

int rg_rules_load_file(rg_rules *rules, const char *path)
{
	char line[4096];
	FILE *f = fopen(path, "r");
	int lineno = 0, rc = 0;

	if (!f)
		return rg_error_set(RG_EIO, "%s: cannot open: %s", path, strerror(errno));
	while (!rc && fgets(line, sizeof(line), f)) {
		char *s = line, *category, *label, *pattern;
		size_t n = strlen(line);

		lineno++;
		if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
			rc = rg_error_set(RG_EUSAGE, "%s:%d: line too long", path, lineno);
			break;
		}
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		category = next_field(&s);
		if (!category || category[0] == '#')
			continue;
		label = next_field(&s);
		while (*s == ' ' || *s == '\t')
			s++;
		pattern = s;
		if (!label || !*pattern) {
			rc = rg_error_set(RG_EUSAGE, "%s:%d: a rule needs CATEGORY LABEL PATTERN", path, lineno);
			break;
		}
		rc = add_rule(rules, category, label, pattern, path, lineno);
	}
	fclose(f);
	return rc ? rc : index_categories(rules);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int rg_rules_load_dir(rg_rules *rules, const char *dir)
{
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0, i;
	DIR *d = opendir(dir);
	int rc = 0;

	if (!d)
		return rg_error_set(RG_EIO, "rules directory %s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 7 || strcmp(e->d_name + len - 6, ".rules"))
			continue;
		if (n == cap) {
			char **p = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof(*p));
			if (!p) {
				rc = rg_error_set(RG_ENOMEM, "out of memory");
				break;
			}
			names = p;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = rg_error_set(RG_ENOMEM, "out of memory");
			break;
		}
		n++;
	}
	closedir(d);
	if (!rc && !n)
		rc = rg_error_set(RG_EUSAGE, "rules directory %s has no *.rules file", dir);
	if (!rc)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		if (!rc) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
			rc = rg_rules_load_file(rules, path);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

void rg_rules_free(rg_rules *rules)
{
	size_t i;

	for (i = 0; i < rules->ncategories; i++)
		free(rules->categories[i].rules);
	free(rules->categories);
	for (i = 0; i < rules->len; i++) {
		pcre2_code_free(rules->items[i].re);
		free(rules->items[i].pattern);
		free(rules->items[i].where);
	}
	free(rules->items);
	memset(rules, 0, sizeof(*rules));
}

int rg_rule_match(const rg_rule *r, const char *text, size_t len, pcre2_match_data *md)
{
	/* the text is normalized, so valid UTF-8: no need to check it again on every match */
	return pcre2_match(r->re, (PCRE2_SPTR)text, len, 0, PCRE2_NO_UTF_CHECK, md, NULL) >= 0;
}

int rg_rule_group(const rg_rule *r, pcre2_match_data *md, const char *name, char *buf, size_t size)
{
	PCRE2_SIZE n = size;

	(void)r;
	if (pcre2_substring_copy_byname(md, (PCRE2_SPTR)name, (PCRE2_UCHAR *)buf, &n) < 0) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	return 1;
}

const rg_rule *rg_rules_first(const rg_rules *rules, const char *category, const char *text,
			      size_t len, pcre2_match_data *md)
{
	size_t i, n;
	const size_t *idx = rg_rules_of(rules, category, &n);

	for (i = 0; i < n; i++)
		if (rg_rule_match(&rules->items[idx[i]], text, len, md))
			return &rules->items[idx[i]];
	return NULL;
}
