/*
** extract.c - from a filing to the normalized model: the pipeline.
**
** 1. context.c normalizes every line of the document once;
** 2. fields.c votes the document fields (kind, organization, place, fiscal
**    year, round, plan period, data date) over those lines;
** 3. tables.c reads the project tables and merges the records of a project
**    found in several tables;
** 4. validate.c compares what the document states with what its rows say.
*/
#include "extract.h"

#include <ctype.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/sha256.h"
#include "extract_int.h"
#include "rules.h"
#include "thai.h"
#include "validate.h"
#include "values.h"

struct rg_parser {
	rg_limits lim;
	rg_rules rules;
};

int rg_parser_new(rg_parser **out, const char *rules_dir, const rg_limits *lim)
{
	rg_parser *p = calloc(1, sizeof(*p));
	int rc;

	*out = NULL;
	if (!p)
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (lim)
		p->lim = *lim;
	else
		rg_limits_default(&p->lim);
	if (!rules_dir) {
		rg_parser_free(p);
		return rg_error_set(RG_EUSAGE, "no folder of rule files given");
	}
	if ((rc = rg_rules_load_dir(&p->rules, rules_dir))) {
		rg_parser_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

void rg_parser_use_converted(rg_parser *p, const struct rg_converted *converted)
{
	p->lim.converted = converted;
}

void rg_parser_free(rg_parser *p)
{
	if (!p)
		return;
	rg_rules_free(&p->rules);
	free(p);
}

/* ---- the whole ----------------------------------------------------------------------------- */

/* A report whose basics could not be found says so: nothing is silently empty. */
static void missing_fields(ctx *x)
{
	rg_model *m = x->m;

	if (m->kind == RG_KIND_OTHER)
		return;
	if (!m->n_projects)
		rg_model_add_finding(m, RG_SEV_ERROR, "no_projects",
			"the document reads as a %s but no project table could be interpreted", rg_doc_kind_name(m->kind));
	if (!m->org_name)
		rg_model_add_finding(m, RG_SEV_WARNING, "no_organization", "no organization name was found");
	if (m->kind == RG_KIND_PROGRESS_REPORT && !m->fiscal_year)
		rg_model_add_finding(m, RG_SEV_WARNING, "no_fiscal_year", "no fiscal year was found");
	if (m->kind == RG_KIND_PROGRESS_REPORT && !m->round_months)
		rg_model_add_finding(m, RG_SEV_WARNING, "no_round", "no reporting round (6 or 12 months) was found");
	if (m->kind == RG_KIND_ACTION_PLAN && !m->plan_from && !m->fiscal_year)
		rg_model_add_finding(m, RG_SEV_WARNING, "no_plan_period", "no plan period or fiscal year was found");
}

int rg_extract(const rg_parser *p, const rg_doc *doc, rg_model **out)
{
	ctx x;
	records rs = { 0 };
	size_t i;
	int rc;

	*out = NULL;
	memset(&x, 0, sizeof(x));
	x.rules = &p->rules;
	if (!(x.m = rg_model_new()))
		return RG_ENOMEM;
	if (!(x.md = pcre2_match_data_create(32, NULL))) {
		rg_model_free(x.m);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	ex_collect_lines(&x, &doc->headers);
	ex_collect_lines(&x, &doc->textboxes);
	ex_collect_lines(&x, &doc->body);
	ex_collect_lines(&x, &doc->footers);
	if (!x.err)
		ex_find_document_fields(&x);
	if (!x.err)
		ex_read_tables(&x, &doc->body, &rs);
	if (!x.err)
		ex_merge_records(&x, &rs);
	for (i = 0; i < rs.len; i++) {
		rg_project *dst;
		if (!rs.items[i].p.name || x.err) {
			rg_project_clear(&rs.items[i].p);
			continue;
		}
		if (!(dst = rg_model_add_project(x.m))) {
			ex_fail(&x, RG_ENOMEM);
			rg_project_clear(&rs.items[i].p);
			continue;
		}
		*dst = rs.items[i].p;
	}
	free(rs.items);
	if (!x.err)
		missing_fields(&x);
	if (!x.err)
		rg_validate(x.m, x.rules, x.text.ptr, x.text.len, x.md, doc, x.ptables, x.nptables);
	ex_context_free(&x);
	pcre2_match_data_free(x.md);
	rc = x.err;
	if (rc) {
		rg_model_free(x.m);
		return rc;
	}
	*out = x.m;
	return 0;
}

/* The model of a document read from a file, with its source fields; frees doc. */
static int model_of(const rg_parser *p, rg_doc *doc, const char *path, const char *hex, rg_model **out)
{
	const char *base = strrchr(path, '/');
	rg_model *m = NULL;
	int rc = rg_extract(p, doc, &m);
	size_t i;

	/* what the reader could not read, or read against the editor's intent, is
	** a finding of a report: a number built on it may be wrong */
	for (i = 0; !rc && m->kind != RG_KIND_OTHER && i < doc->nwarnings; i++)
		if (rg_model_add_finding(m, RG_SEV_WARNING, doc->warnings[i].code, "%s", doc->warnings[i].message))
			rc = RG_ENOMEM;
	if (!rc && (rg_model_set_str(&m->file, base ? base + 1 : path)
	    || rg_model_set_str(&m->format, rg_format_name(doc->format))
	    || rg_model_set_str(&m->sha256, hex)))
		rc = RG_ENOMEM;
	rg_doc_free(doc);
	if (rc) {
		rg_model_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

int rg_parse_memory(const rg_parser *p, const void *data, size_t len, const char *path,
	const char *hex, rg_model **out)
{
	char own[65];
	rg_doc *doc = NULL;
	int rc = hex ? 0 : rg_sha256_buffer(data, len, own);

	*out = NULL;
	if (!rc)
		rc = rg_read_memory(data, len, &p->lim, &doc);
	return rc ? rc : model_of(p, doc, path, hex ? hex : own, out);
}

/*
** Map the file once: its SHA-256 and its parse come from the same bytes
** (a file replaced while it is read cannot get another file's hash), and it
** is read from disk once.
*/
int rg_parse_file(const rg_parser *p, const char *path, rg_model **out)
{
	char hex[65];
	rg_doc *doc = NULL;
	struct stat st;
	void *map = MAP_FAILED;
	int fd, rc;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size == 0
	    || (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		/* not a plain readable file: the reader says why in its own words */
		if (fd >= 0)
			close(fd);
		if ((rc = rg_read_file(path, &p->lim, &doc)))
			return rc;
		if ((rc = rg_sha256_file(path, hex))) {
			rg_doc_free(doc);
			return rc;
		}
		return model_of(p, doc, path, hex, out);
	}
	close(fd);
	rc = rg_parse_memory(p, map, (size_t)st.st_size, path, NULL, out);
	munmap(map, (size_t)st.st_size);
	return rc;
}
