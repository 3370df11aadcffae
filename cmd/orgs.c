/*
** orgs.c - `raingan orgs import FILE.csv`: load the register of organizations
** (oversight/register.h) into the store; `raingan orgs unmatched`: the
** current filings the register cannot place.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"
#include "register.h"

static const cli_command import_cmd = {
	"orgs import",
	"raingan orgs import [--replace] [--db STORE] FILE.csv\n",
	"Load the register of organizations (the official list) into the store.  FILE\n"
	"is CSV, UTF-8 with or without a byte-order mark, with a header row naming the\n"
	"columns code,name,type,district,province (other columns are ignored; type as\n"
	"docs/MODEL.md names it, or blank to take it from the name; Thai digits are\n"
	"read as Arabic).  A bad row is refused with its row (the header is row 1) and\n"
	"column, and the good rows are kept; a code already registered is updated.\n"
	"Then every organization seen in filings is linked to the register row of its\n"
	"type, name, district and province (after one normalization: อบต./ทต./ทม./ทน./\n"
	"อบจ. or the full words, spaces, Thai digits), never by file name; a filing that\n"
	"matches none or several is listed by `raingan orgs unmatched`.\n",
	CLI_DB | CLI_RULES | CLI_REGISTER,
	"1: some rows refused (the others imported); 2: the file is no register (not\n"
	"UTF-8 CSV with the header row) or the store cannot be written.\n",
};

static const cli_command unmatched_cmd = {
	"orgs unmatched",
	"raingan orgs unmatched [--db STORE] [--format text|csv|json] [--bom] [-o FILE]\n",
	"List the current filings whose organization is in no row of the register, or\n"
	"could be several registered organizations (the filing does not state enough,\n"
	"e.g. no district): the store links them to none and says so in their findings\n"
	"(organization_unregistered, organization_register_ambiguous).\n",
	CLI_DB | CLI_LIST | CLI_OUTPUT,
	"0 also when every filing is placed (the list is empty).\n",
};

/* ---- import ---------------------------------------------------------------------------- */

typedef struct {
	rg_store *s;
	const char *path;
	size_t added, updated, refused;
} importer;

static int good_row(void *ctx, size_t row, const rg_register_entry *e)
{
	importer *im = ctx;
	char other[RG_REGISTER_CODE];
	int added = 0, rc = rg_store_register_put(im->s, e, other, sizeof(other), &added);

	if (rc)
		return rc;
	if (other[0]) {
		cli_say("%s: row %zu, column code: the organization is registered under code %s"
			" already (use --replace to load a new list)", im->path, row, other);
		im->refused++;
	} else if (added) {
		im->added++;
	} else {
		im->updated++;
	}
	return 0;
}

static void bad_row(void *ctx, size_t row, const char *column, const char *message)
{
	importer *im = ctx;

	if (column)
		cli_say("%s: row %zu, column %s: %s", im->path, row, column, message);
	else
		cli_say("%s: row %zu: %s", im->path, row, message);
	im->refused++;
}

static int count_unmatched(const rg_store_unmatched *u, void *ctx)
{
	(void)u;
	(*(size_t *)ctx)++;
	return 0;
}

static int orgs_import(int argc, char **argv)
{
	importer im;
	rg_register_sink sink = { good_row, bad_row, &im };
	rg_store *s = NULL;
	size_t derived = 0, unmatched = 0;
	FILE *f = NULL;
	cli_opts o;
	int r = cli_parse(&import_cmd, argc, argv, &o), rc;

	if (!r && o.n_args != 1) {
		cli_say("one FILE.csv is needed (see raingan orgs import --help)");
		r = -1;
	}
	if (r) {
		cli_opts_free(&o);
		return r > 0 ? 0 : 2;
	}
	memset(&im, 0, sizeof(im));
	im.path = o.args[0];
	if (!(f = fopen(im.path, "rb"))) {
		cli_say("%s: cannot read: %s", im.path, strerror(errno));
		cli_opts_free(&o);
		return 2;
	}
	if (!(s = cli_open_store(&o, 0))) {
		fclose(f);
		cli_opts_free(&o);
		return 2;
	}
	im.s = s;
	rc = rg_store_register_begin(s, o.replace);
	if (!rc) {
		rc = rg_register_read_csv(f, im.path, &sink);
		/* a file that is no register leaves the store as it was */
		if (rg_store_register_end(s, !rc, &derived) && !rc)
			rc = RG_ERROR;
	}
	fclose(f);
	if (rc) {
		cli_error();
		rg_store_close(s);
		cli_opts_free(&o);
		return 2;
	}
	rg_store_each_unmatched(s, count_unmatched, &unmatched);
	cli_say("%s: %zu organization%s imported (%zu new, %zu updated), %zu row%s refused;"
		" %zu current filing%s derived again, %zu the register cannot place (raingan orgs unmatched)",
		im.path, im.added + im.updated, cli_plural(im.added + im.updated), im.added, im.updated, im.refused,
		cli_plural(im.refused), derived, cli_plural(derived), unmatched);
	rg_store_close(s);
	cli_opts_free(&o);
	return im.refused ? 1 : 0;
}

/* ---- unmatched ------------------------------------------------------------------------- */

static const char *const unmatched_cols[] = { "organization", "organization_type", "district", "province", "kind",
	"fiscal_year", "round_months", "why", "candidates", "source_path", "sha256", NULL };

static const char *why(const rg_store_unmatched *u)
{
	return !u->org_name ? "names no organization" : u->candidates > 1 ? "could be several registered organizations"
		: "in no row of the register";
}

static int list_unmatched(const rg_store_unmatched *u, void *ctx)
{
	cli_list *l = ctx;
	char y[16] = "", r[16] = "";
	const char *v[11];

	if (u->fiscal_year)
		snprintf(y, sizeof(y), "%d", u->fiscal_year);
	if (u->round_months)
		snprintf(r, sizeof(r), "%d", u->round_months);
	if (l->format == CLI_LIST_TEXT) {
		rg_buf_printf(&l->b, "%s  %s%s %s%s  %s %s%s%s: %s%s%s\n    %s\n", u->org_name ? u->org_name : "(no name)",
			u->district ? "อำเภอ" : "", u->district ? u->district : "", u->province ? "จังหวัด" : "",
			u->province ? u->province : "", rg_doc_kind_name(u->kind), y, r[0] ? "/" : "", r, why(u),
			u->candidates > 1 ? " " : "", u->candidates > 1 ? u->codes : "", u->source_path ? u->source_path : "");
		l->n++;
		return 0;
	}
	v[0] = u->org_name;
	v[1] = u->org_name ? rg_org_type_name(u->org_type) : NULL;
	v[2] = u->district;
	v[3] = u->province;
	v[4] = rg_doc_kind_name(u->kind);
	v[5] = y[0] ? y : NULL;
	v[6] = r[0] ? r : NULL;
	v[7] = why(u);
	v[8] = u->candidates > 1 ? u->codes : NULL;
	v[9] = u->source_path;
	v[10] = u->sha256;
	cli_list_row(l, v);
	return 0;
}

static int orgs_unmatched(int argc, char **argv)
{
	cli_list l;
	rg_store *s;
	cli_opts o;
	int r = cli_parse(&unmatched_cmd, argc, argv, &o), rc;

	if (!r && o.n_args) {
		cli_say("unknown argument '%s' (see raingan orgs unmatched --help)", o.args[0]);
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
	cli_list_begin(&l, o.list_format, o.bom, unmatched_cols, 1u << 5 | 1u << 6);
	rc = rg_store_each_unmatched(s, list_unmatched, &l);
	if (rc) {
		cli_error();
		rg_buf_free(&l.b);
	} else {
		rc = cli_list_write(&l, o.output);
	}
	rg_store_close(s);
	cli_opts_free(&o);
	return rc ? 2 : 0;
}

int cmd_orgs(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return orgs_import(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "unmatched"))
		return orgs_unmatched(argc - 1, argv + 1);
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: raingan orgs import [--replace] FILE.csv\n       raingan orgs unmatched [--format text|csv|json]\n"
			"\n`raingan orgs import --help` and `raingan orgs unmatched --help` say more.\n");
		return 0;
	}
	cli_say("import or unmatched (see raingan orgs --help)");
	return 2;
}
