/*
** missing.c - `raingan missing --fiscal-year Y --round R [--province P]`:
** the registered organizations (without a register: the organizations seen
** in filings) that have no current progress report of that round.
*/
#include <string.h>

#include "cli.h"

static const cli_command missing_cmd = {
	"missing",
	"raingan missing --fiscal-year YEAR --round 6|12 [--province NAME] [--db STORE]\n"
	"                       [--format text|csv|json] [--bom] [-o FILE]\n",
	"List the organizations that have no current progress report of that fiscal\n"
	"year and round: those of the register (`raingan orgs import`) or, without a\n"
	"register, the organizations seen in the store's filings.  Each comes with its\n"
	"latest current report (year/round), when it has one.\n",
	CLI_DB | CLI_SELECT | CLI_LIST | CLI_OUTPUT,
	"0 also when none is missing (the list is empty).\n",
};

static const char *const cols[] = { "code", "name", "type", "district", "province", "last_fiscal_year",
	"last_round_months", NULL };

static int one(const rg_store_missing *m, void *ctx)
{
	cli_list *l = ctx;
	char y[16] = "", r[16] = "";
	const char *v[7];

	if (m->last_year) {
		snprintf(y, sizeof(y), "%d", m->last_year);
		snprintf(r, sizeof(r), "%d", m->last_round);
	}
	if (l->format == CLI_LIST_TEXT) {
		char last[48];
		if (m->last_year)
			snprintf(last, sizeof(last), "latest report %d/%d", m->last_year, m->last_round);
		else
			snprintf(last, sizeof(last), "no progress report in the store");
		rg_buf_printf(&l->b, "%-10s %s  %s%s%s%s%s  (%s)\n", m->code ? m->code : "-", m->name,
			m->district && *m->district ? "อำเภอ" : "", m->district ? m->district : "",
			m->district && *m->district ? " " : "", m->province && *m->province ? "จังหวัด" : "",
			m->province ? m->province : "", last);
		l->n++;
		return 0;
	}
	v[0] = m->code;
	v[1] = m->name;
	v[2] = rg_org_type_name(m->type);
	v[3] = m->district && *m->district ? m->district : NULL;
	v[4] = m->province && *m->province ? m->province : NULL;
	v[5] = y[0] ? y : NULL;
	v[6] = r[0] ? r : NULL;
	cli_list_row(l, v);
	return 0;
}

int cmd_missing(int argc, char **argv)
{
	cli_list l;
	rg_store *s;
	cli_opts o;
	int r = cli_parse(&missing_cmd, argc, argv, &o), rc;

	if (!r && o.n_args) {
		cli_say("unknown argument '%s' (see raingan missing --help)", o.args[0]);
		r = -1;
	}
	if (!r && (!o.select.fiscal_year || !o.select.round_months)) {
		cli_say("--fiscal-year and --round are required (see raingan missing --help)");
		r = -1;
	}
	if (!r && (o.select.org || o.select.kinds)) {
		cli_say("--org and --kind do not apply (see raingan missing --help)");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? 0 : 2;
	}
	if (!(s = cli_open_store(&o, RG_STORE_READONLY))) {
		cli_opts_free(&o);
		return 2;
	}
	cli_list_begin(&l, o.list_format, o.bom, cols, 1u << 5 | 1u << 6);
	rc = rg_store_each_missing(s, o.select.fiscal_year, o.select.round_months, o.select.province, one, &l);
	if (rc) {
		cli_error();
		rg_buf_free(&l.b);
	} else {
		rc = cli_list_write(&l, o.output);
		if (!rc && l.format == CLI_LIST_TEXT)
			cli_say("%zu organization%s without a current report of %d, %d months", l.n, cli_plural(l.n),
				o.select.fiscal_year, o.select.round_months);
	}
	rg_store_close(s);
	cli_opts_free(&o);
	return rc ? 2 : 0;
}
