/*
** split.c - the report of a store with what issue 11 adds: the organizations
** missing a report of the round the report covers, and `raingan report
** --split-by province -o DIR/`: one PDF a province and the national summary,
** one province's models in memory at a time.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/output.h"
#include "core/error.h"

/* ---- the organizations missing a report -------------------------------------------------- */

static int keep_missing(const rg_store_missing *m, void *ctx)
{
	cli_missing *l = ctx;
	rg_report_missing *x;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		if (!(x = realloc(l->items, cap * sizeof(*x))))
			return rg_error_set(RG_ENOMEM, "out of memory");
		l->items = x;
		l->cap = cap;
	}
	x = &l->items[l->n];
	memset(x, 0, sizeof(*x));
	if ((m->code && !(x->code = strdup(m->code))) || !(x->name = strdup(m->name ? m->name : "")) ||
	    !(x->district = strdup(m->district ? m->district : "")) || !(x->province = strdup(m->province ? m->province : ""))) {
		free((char *)x->code);
		free((char *)x->name);
		free((char *)x->district);
		return rg_error_set(RG_ENOMEM, "out of memory");
	}
	x->last_year = m->last_year;
	x->last_round = m->last_round;
	l->n++;
	return 0;
}

void cli_missing_free(cli_missing *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free((char *)l->items[i].code);
		free((char *)l->items[i].name);
		free((char *)l->items[i].district);
		free((char *)l->items[i].province);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* The round the report covers: the selection's, else the latest of the store. */
static int missing_of(rg_store *s, const cli_opts *o, cli_missing *l)
{
	int year = o->select.fiscal_year, round = o->select.round_months, y = 0, r = 0, rc;

	memset(l, 0, sizeof(*l));
	if (!year || !round) {
		if ((rc = rg_store_latest_round(s, &y, &r)))
			return rc;
		if (!year)
			year = y;
		if (!round)
			round = year == y ? r : 12;
	}
	if (!year || !round)
		return 0;   /* no progress report at all: nothing is missing */
	l->year = year;
	l->round = round;
	return rg_store_each_missing(s, year, round, o->select.province, keep_missing, l);
}

static void set_missing(cli_opts *o, const cli_missing *l)
{
	o->report.missing = l->year ? l->items : NULL;
	o->report.n_missing = l->n;
	o->report.missing_year = l->year;
	o->report.missing_round = l->round;
}

int cli_load_report(cli_opts *o, rg_store *s, rg_model ***models, size_t *n, cli_missing *miss)
{
	memset(miss, 0, sizeof(*miss));
	if (cli_load_models(o, s, models, n))
		return -1;
	if (missing_of(s, o, miss)) {
		cli_error();
		rg_store_free_models(*models, *n);
		*models = NULL;
		*n = 0;
		return -1;
	}
	set_missing(o, miss);
	return 0;
}

/* ---- one PDF a province --------------------------------------------------------------------- */

typedef struct {
	char **names;              /* NULL entries: the filings that state no province */
	size_t n, cap;
} provinces;

static int keep_province(const char *p, void *ctx)
{
	provinces *ps = ctx;

	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 128;
		char **v = realloc(ps->names, cap * sizeof(*v));
		if (!v)
			return rg_error_set(RG_ENOMEM, "out of memory");
		ps->names = v;
		ps->cap = cap;
	}
	ps->names[ps->n] = p ? strdup(p) : NULL;
	if (p && !ps->names[ps->n])
		return rg_error_set(RG_ENOMEM, "out of memory");
	ps->n++;
	return 0;
}

/* DIR/NAME.pdf, NAME without '/' (a province name is a file name). */
static char *pdf_path(const char *dir, const char *name)
{
	size_t n = strlen(dir), i;
	char *path = malloc(n + strlen(name) + 8);

	if (!path)
		return NULL;
	sprintf(path, "%s%s", dir, n && dir[n - 1] == '/' ? "" : "/");
	i = strlen(path);
	strcat(path, name);
	for (; path[i]; i++)
		if (path[i] == '/' || path[i] == '\\')
			path[i] = '_';
	strcat(path, ".pdf");
	return path;
}

/* The written reports of a split, kept as temporary files: renamed together at
** the end, so an interrupted or failed split leaves the folder's old set whole
** rather than new province reports beside an old national summary. */
typedef struct {
	rg_output **v;
	size_t n, cap;
} pending;

static void pending_abort(pending *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		rg_output_abort(p->v[i]);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* Commit every report, in order; after a failure the rest are removed. */
static int pending_commit(pending *p)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < p->n; i++) {
		if (rc) {
			rg_output_abort(p->v[i]);
		} else if ((rc = rg_output_commit(p->v[i]))) {
			cli_error();
			rc = -1;
		}
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
	return rc;
}

/* Write one report into a temporary file kept in p (core/output.h). */
static int write_pdf(cli_opts *o, pending *p, const char *path, rg_model **models, size_t n,
	rg_report_digest **d, size_t nd)
{
	rg_output *out = NULL;
	const char *tmp;
	int rc;

	if (rg_output_begin(&out, path) || !(tmp = rg_output_path(out))) {
		rg_output_abort(out);
		cli_error();
		return -1;
	}
	o->report.selection = &o->select;
	rc = models ? rg_report_write_pdf((const rg_model *const *)models, n, &o->report, tmp)
		: rg_report_write_summary_pdf(d, nd, &o->report, tmp);
	if (rc) {
		cli_say("%s: %s", path, rg_error_message());
		rg_output_abort(out);
		return -1;
	}
	if (p->n == p->cap) {
		rg_output **v = realloc(p->v, (p->cap = p->cap ? p->cap * 2 : 64) * sizeof(*v));
		if (!v) {
			rg_output_abort(out);
			cli_say("out of memory");
			return -1;
		}
		p->v = v;
	}
	p->v[p->n++] = out;
	return 0;
}

int cli_report_split(cli_opts *o)
{
	const char *dir = o->output, *wanted = o->select.province;
	provinces ps = { NULL, 0, 0 };
	rg_report_digest **digests = NULL;
	size_t n_digests = 0, cap = 0, i, k, written = 0;
	cli_missing miss;
	pending done = { NULL, 0, 0 };
	rg_store *s;
	int rc = 0;

	if (!(s = cli_open_store(o, RG_STORE_READONLY)))
		return -1;
	if ((rc = rg_store_each_province(s, &o->select, keep_province, &ps)) || (rc = missing_of(s, o, &miss))) {
		cli_error();
		rg_store_close(s);
		for (i = 0; i < ps.n; i++)
			free(ps.names[i]);
		free(ps.names);
		return -1;
	}
	set_missing(o, &miss);
	for (i = 0; i < ps.n && !rc; i++) {
		rg_model **models = NULL;
		size_t n = 0;
		char *path;
		o->select.province = ps.names[i] ? ps.names[i] : rg_filter_no_province;
		if (rg_store_load_models(s, &o->select, &models, &n)) {
			cli_error();
			rc = -1;
			break;
		}
		/* the summary keeps each filing's figures, not its projects */
		for (k = 0; k < n && !rc; k++) {
			if (n_digests == cap) {
				rg_report_digest **v = realloc(digests, (cap = cap ? cap * 2 : 1024) * sizeof(*v));
				if (!v) {
					rc = -1;
					break;
				}
				digests = v;
			}
			if (rg_report_digest_new(models[k], &digests[n_digests]))
				rc = -1;
			else
				n_digests++;
		}
		if (rc) {
			cli_say("out of memory");
		} else if (n) {
			if (!(path = pdf_path(dir, ps.names[i] ? ps.names[i] : "unknown-province"))) {
				cli_say("out of memory");
				rc = -1;
			} else {
				o->select.province = ps.names[i] ? ps.names[i] : rg_filter_no_province;
				rc = write_pdf(o, &done, path, models, n, NULL, 0);
				written += !rc;
				free(path);
			}
		}
		rg_store_free_models(models, n);
	}
	o->select.province = wanted;
	rg_store_close(s);
	if (!rc) {
		char *path = pdf_path(dir, "national");
		if (!path) {
			cli_say("out of memory");
			rc = -1;
		} else if (!n_digests) {
			cli_say("no filing matches the selection");
			rc = -1;
		} else if (!(rc = write_pdf(o, &done, path, NULL, 0, digests, n_digests)) && !(rc = pending_commit(&done))) {
			cli_say("wrote %zu province report%s and %s (%zu filing%s)", written, cli_plural(written), path,
				n_digests, cli_plural(n_digests));
		}
		free(path);
	}
	pending_abort(&done);   /* after a failure: nothing of this split is left */
	for (i = 0; i < n_digests; i++)
		rg_report_digest_free(digests[i]);
	free(digests);
	for (i = 0; i < ps.n; i++)
		free(ps.names[i]);
	free(ps.names);
	cli_missing_free(&miss);
	return rc;
}
