/*
** parse.c - the parse step of the ingest pipeline (see parse.h).
*/
#include "parse.h"

#include "core/error.h"
#include "progress.h"

int rg_ingest_parse(const rg_parser *p, const char *path, const void *data, size_t len,
	const char *sha256, rg_model **out, double *ms)
{
	double t0 = rg_now();
	int rc;

	rg_error_clear();
	rc = rg_parse_memory(p, data, len, path, sha256, out);
	*ms = (rg_now() - t0) * 1000.0;
	if (!rc && !*out)
		rc = rg_error_set(RG_ERROR, "cannot parse the file");
	return rc;
}
