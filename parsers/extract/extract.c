/*
** extract.c - the pipeline of one filing: read the document, apply the
** rules, validate (see extract.h).
*/
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/sha256.h"

struct rg_parser {
	rg_limits lim;
};

int rg_parser_new(rg_parser **out, const char *rules_dir, const rg_limits *lim)
{
	rg_parser *p = calloc(1, sizeof(*p));

	(void)rules_dir;
	*out = NULL;
	if (!p)
		return rg_error_set(RG_ENOMEM, "out of memory");
	if (lim)
		p->lim = *lim;
	else
		rg_limits_default(&p->lim);
	*out = p;
	return 0;
}

void rg_parser_free(rg_parser *p)
{
	free(p);
}

int rg_extract(const rg_parser *p, const rg_doc *doc, rg_model **out)
{
	rg_model *m = rg_model_new();

	(void)p;
	(void)doc;
	*out = m;
	return m ? 0 : RG_ENOMEM;
}

int rg_parse_file(const rg_parser *p, const char *path, rg_model **out)
{
	char hex[65];
	rg_doc *doc;
	rg_model *m;
	int rc;

	*out = NULL;
	if ((rc = rg_read_file(path, &p->lim, &doc)))
		return rc;
	rc = rg_extract(p, doc, &m);
	if (!rc && !(rc = rg_sha256_file(path, hex))) {
		if (rg_model_set_str(&m->file, path) || rg_model_set_str(&m->format, rg_format_name(doc->format))
		    || rg_model_set_str(&m->sha256, hex))
			rc = RG_ENOMEM;
	}
	rg_doc_free(doc);
	if (rc) {
		rg_model_free(m);
		return rc;
	}
	*out = m;
	return 0;
}
