/*
** register.c - the register of organizations (issue 11): its rows, how the
** organizations seen in filings are linked to it, the filings it cannot
** place, and the organizations that have not filed for a round.
**
** An organization row (org.h key: type, place, district, province) is linked
** to the register row whose key agrees with every field it states: the same
** key, or, when it states no district (or no province), the one registered
** organization of its type and place there.  When none agrees, or several
** could be it, it stays unlinked and its filings say so (follow.c:
** organization_unregistered, organization_register_ambiguous; `raingan orgs
** unmatched` lists them): the store never guesses.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "store_int.h"

#define REGISTER_CANDIDATE(o) \
	"r.type = " o ".type AND r.place = " o ".place AND (r.province = " o ".province OR " o ".province = '')" \
	" AND (r.district = " o ".district OR " o ".district = '')"

static const char relink_sql[] =
	"UPDATE organizations SET register_code = (SELECT r.code FROM org_register r WHERE "
	REGISTER_CANDIDATE("organizations") ") WHERE (SELECT count(*) FROM org_register r WHERE "
	REGISTER_CANDIDATE("organizations") ") = 1";

/* ---- import --------------------------------------------------------------------------- */

int rg_store_register_begin(rg_store *s, int replace)
{
	int rc;

	if (s->readonly)
		return rg_error_set(RG_EUSAGE, "%s: opened read-only", s->name);
	if ((rc = s->be->begin(s->db, RG_TX_WRITE)))
		return rg_store_fail(s, "cannot begin a transaction");
	if ((rc = s->be->lock(s->db, "raingan:register")))
		rc = rg_store_fail(s, "cannot lock the register");
	else if (replace)
		rc = rg_sql_exec(s, "DELETE FROM org_register");
	if (rc)
		s->be->rollback(s->db);
	return rc;
}

int rg_store_register_put(rg_store *s, const rg_register_entry *e, char *other, size_t size, int *added)
{
	const rg_store_backend *be = s->be;
	const char *type = rg_org_type_name(e->key.type);
	rg_db_stmt *st = NULL;
	int rc, found = 0;

	*added = 0;
	other[0] = '\0';
	/* another code of the same organization: the row is refused, the transaction goes on */
	if ((rc = rg_sql_prepare(s, "SELECT code FROM org_register WHERE type = $1 AND place = $2 AND district = $3"
		" AND province = $4 AND code <> $5", &st)))
		return rc;
	if ((rc = be->bind_text(st, 1, type)) || (rc = be->bind_text(st, 2, e->key.place)) ||
	    (rc = be->bind_text(st, 3, e->key.district)) || (rc = be->bind_text(st, 4, e->key.province)) ||
	    (rc = be->bind_text(st, 5, e->code)) || (rc = rg_sql_row(s, st, &found)))
		rg_store_fail(s, "cannot read the register");
	else if (found)
		snprintf(other, size, "%s", be->column_text(st, 0) ? be->column_text(st, 0) : "");
	rg_sql_finalize(s, st);
	if (rc || found)
		return rc;
	if ((rc = rg_sql_prepare(s, "SELECT 1 FROM org_register WHERE code = $1", &st)))
		return rc;
	if ((rc = be->bind_text(st, 1, e->code)) || (rc = rg_sql_row(s, st, &found)))
		rg_store_fail(s, "cannot read the register");
	rg_sql_finalize(s, st);
	if (rc)
		return rc;
	*added = !found;
	if ((rc = rg_sql_prepare(s, "INSERT INTO org_register (code, name, type, place, district, province)"
		" VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
		" type = excluded.type, place = excluded.place, district = excluded.district,"
		" province = excluded.province", &st)))
		return rc;
	if ((rc = be->bind_text(st, 1, e->code)) || (rc = be->bind_text(st, 2, e->name)) ||
	    (rc = be->bind_text(st, 3, type)) || (rc = be->bind_text(st, 4, e->key.place)) ||
	    (rc = be->bind_text(st, 5, e->key.district)) || (rc = be->bind_text(st, 6, e->key.province)) ||
	    (rc = rg_sql_done(s, st)))
		rg_store_fail(s, "cannot store a register row");
	rg_sql_finalize(s, st);
	return rc;
}

/* Every organization linked again, every derived finding derived again. */
static int relink_all(rg_store *s, size_t *derived)
{
	int rc;

	if ((rc = rg_sql_exec(s, "UPDATE organizations SET register_code = NULL")) || (rc = rg_sql_exec(s, relink_sql)))
		return rc;
	return rg_store_derive_all(s, derived);
}

int rg_store_register_end(rg_store *s, int commit, size_t *derived)
{
	int rc = 0;

	*derived = 0;
	if (commit && !(rc = relink_all(s, derived)) && (rc = s->be->commit(s->db)))
		rg_store_fail(s, "cannot commit the register");
	if (!commit || rc)
		s->be->rollback(s->db);
	return rc;
}

int rg_store_follow_update(rg_store *s, size_t *derived)
{
	int rc;

	*derived = 0;
	if (s->readonly)
		return rg_error_set(RG_EUSAGE, "%s: opened read-only", s->name);
	if ((rc = s->be->begin(s->db, RG_TX_WRITE)))
		return rg_store_fail(s, "cannot begin a transaction");
	if ((rc = s->be->lock(s->db, "raingan:register")))
		rg_store_fail(s, "cannot lock the register");
	if (!rc && !(rc = relink_all(s, derived)) && (rc = s->be->commit(s->db)))
		rg_store_fail(s, "cannot commit");
	if (rc)
		s->be->rollback(s->db);
	return rc;
}

int rg_store_register_count(rg_store *s, long long *n)
{
	rg_db_stmt *st = NULL;
	int rc, found = 0;

	*n = 0;
	if ((rc = rg_sql_prepare(s, "SELECT count(*) FROM org_register", &st)))
		return rc;
	if ((rc = rg_sql_row(s, st, &found)))
		rg_store_fail(s, "cannot read the register");
	else if (found)
		*n = s->be->column_int(st, 0);
	rg_sql_finalize(s, st);
	return rc;
}

/* ---- who has not filed ------------------------------------------------------------------ */

/* The latest progress report (year * 100 + round) of the filings that fam selects. */
#define LATEST(fam) \
	"(SELECT max(f.fiscal_year * 100 + f.round_months) FROM filings f JOIN organizations o ON o.id = f.organization_id" \
	" WHERE " fam " AND f.is_current = 1 AND f.kind = 'progress_report')"
#define FILED(fam) \
	"EXISTS (SELECT 1 FROM filings f JOIN organizations o ON o.id = f.organization_id WHERE " fam \
	" AND f.is_current = 1 AND f.kind = 'progress_report' AND f.fiscal_year = $1 AND f.round_months = $2)"

static const char missing_register_sql[] =
	"SELECT r.code, r.name, r.type, r.district, r.province, " LATEST("o.register_code = r.code")
	" FROM org_register r WHERE ($3 = '' OR r.province = $3) AND NOT " FILED("o.register_code = r.code")
	" ORDER BY r.province {C}, r.district {C}, r.name {C}, r.code {C}";
static const char missing_seen_sql[] =
	"SELECT CAST(NULL AS TEXT), x.name, x.type, x.district, x.province, " LATEST("o.id = x.id")
	" FROM organizations x WHERE ($3 = '' OR x.province = $3)"
	" AND EXISTS (SELECT 1 FROM filings f WHERE f.organization_id = x.id) AND NOT " FILED("o.id = x.id")
	" ORDER BY x.province {C}, x.district {C}, x.name {C}, x.type {C}, x.place {C}";

int rg_store_each_missing(rg_store *s, int year, int round, const char *province,
	int (*fn)(const rg_store_missing *m, void *ctx), void *ctx)
{
	const rg_store_backend *be = s->be;
	char prov[RG_ORG_TEXT];
	rg_db_stmt *st = NULL;
	rg_store_missing m;
	long long n = 0;
	int rc, stop = 0;

	rg_org_normalize(province ? rg_filter_province(province) : "", prov, sizeof(prov));
	if ((rc = rg_store_register_count(s, &n)) ||
	    (rc = rg_sql_prepare(s, n ? missing_register_sql : missing_seen_sql, &st)))
		return rc;
	if ((rc = be->bind_int(st, 1, year)) || (rc = be->bind_int(st, 2, round)) || (rc = be->bind_text(st, 3, prov))) {
		rg_sql_finalize(s, st);
		return rg_store_fail(s, "cannot list the organizations");
	}
	while (!stop && (rc = be->step(st)) == RG_DB_ROW) {
		long long last = be->column_is_null(st, 5) ? 0 : be->column_int(st, 5);
		memset(&m, 0, sizeof(m));
		m.code = be->column_text(st, 0);
		m.name = be->column_text(st, 1);
		m.type = rg_org_type_from_name(be->column_text(st, 2));
		m.district = be->column_text(st, 3);
		m.province = be->column_text(st, 4);
		m.last_year = (int)(last / 100);
		m.last_round = (int)(last % 100);
		stop = fn(&m, ctx);
	}
	if (!stop && rc < 0)
		rc = rg_store_fail(s, "cannot list the organizations");
	rg_sql_finalize(s, st);
	if (stop)
		return stop;
	return rc < 0 ? rc : 0;
}

/* ---- what the register cannot place -------------------------------------------------------- */

static const char unmatched_sql[] =
	"SELECT f.org_name, f.org_type, f.district, f.province, f.kind, f.fiscal_year, f.round_months, f.source_path,"
	" f.sha256, o.id, CASE WHEN o.id IS NULL THEN 0 ELSE"
	" (SELECT count(*) FROM org_register r WHERE " REGISTER_CANDIDATE("o") ") END"
	" FROM filings f LEFT JOIN organizations o ON o.id = f.organization_id"
	" WHERE f.is_current = 1 AND (o.id IS NULL OR o.register_code IS NULL)"
	" AND NOT (f.kind = 'other' AND f.org_name IS NULL)"
	" ORDER BY " RG_FILING_ORDER;
static const char codes_sql[] =
	"SELECT r.code FROM org_register r JOIN organizations o ON o.id = $1 WHERE " REGISTER_CANDIDATE("o")
	" ORDER BY r.code {C}";

/* The codes the organization may be, ", "-separated. */
static int candidate_codes(rg_store *s, rg_db_stmt *st, long long org_id, rg_buf *out)
{
	int rc;

	rg_buf_clear(out);
	s->be->reset(st);
	if ((rc = s->be->bind_int(st, 1, org_id)))
		return rg_store_fail(s, "cannot read the register");
	while ((rc = s->be->step(st)) == RG_DB_ROW) {
		const char *c = s->be->column_text(st, 0);
		rg_buf_printf(out, "%s%s", out->len ? ", " : "", c ? c : "");
	}
	if (rc < 0)
		return rg_store_fail(s, "cannot read the register");
	return rg_buf_oom(out) ? rg_error_set(RG_ENOMEM, "out of memory") : 0;
}

int rg_store_each_unmatched(rg_store *s, int (*fn)(const rg_store_unmatched *u, void *ctx), void *ctx)
{
	const rg_store_backend *be = s->be;
	rg_db_stmt *st = NULL, *codes = NULL;
	rg_buf list = RG_BUF_INIT;
	rg_store_unmatched u;
	long long n = 0;
	int rc, stop = 0;

	if ((rc = rg_store_register_count(s, &n)) || !n)
		return rc;   /* without a register, the organizations seen are the universe */
	if ((rc = rg_sql_prepare(s, unmatched_sql, &st)) || (rc = rg_sql_prepare(s, codes_sql, &codes))) {
		rg_sql_finalize(s, st);
		return rc;
	}
	while (!stop && (rc = be->step(st)) == RG_DB_ROW) {
		memset(&u, 0, sizeof(u));
		u.org_name = be->column_text(st, 0);
		u.org_type = rg_org_type_from_name(be->column_text(st, 1));
		u.district = be->column_text(st, 2);
		u.province = be->column_text(st, 3);
		u.kind = rg_doc_kind_from_name(be->column_text(st, 4));
		u.fiscal_year = be->column_is_null(st, 5) ? 0 : (int)be->column_int(st, 5);
		u.round_months = be->column_is_null(st, 6) ? 0 : (int)be->column_int(st, 6);
		u.source_path = be->column_text(st, 7);
		u.sha256 = be->column_text(st, 8);
		u.candidates = be->column_int(st, 10);
		u.codes = "";
		if (u.candidates > 1) {
			if ((stop = candidate_codes(s, codes, be->column_int(st, 9), &list)))
				break;
			u.codes = rg_buf_cstr(&list);
		}
		stop = fn(&u, ctx);
	}
	if (!stop && rc < 0)
		rc = rg_store_fail(s, "cannot list the filings");
	rg_sql_finalize(s, st);
	rg_sql_finalize(s, codes);
	rg_buf_free(&list);
	if (stop)
		return stop;
	return rc < 0 ? rc : 0;
}

int rg_store_latest_round(rg_store *s, int *year, int *round)
{
	rg_db_stmt *st = NULL;
	int rc, found = 0;

	*year = *round = 0;
	if ((rc = rg_sql_prepare(s, "SELECT max(fiscal_year * 100 + round_months) FROM filings"
		" WHERE is_current = 1 AND kind = 'progress_report'", &st)))
		return rc;
	if ((rc = rg_sql_row(s, st, &found)))
		rg_store_fail(s, "cannot read the filings");
	else if (found && !s->be->column_is_null(st, 0)) {
		long long v = s->be->column_int(st, 0);
		*year = (int)(v / 100);
		*round = (int)(v % 100);
	}
	rg_sql_finalize(s, st);
	return rc;
}
