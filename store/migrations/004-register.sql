-- 004-register.sql - version 3 -> 4: the register of organizations and the
-- findings the store derives across filings (issue 11).
--
-- org_register holds the official list `raingan orgs import` loads: one row
-- a code, keyed like organizations (type, place, district, province, each
-- normalized by parsers/model/org.h; '' district for an อบจ.).  An
-- organization seen in filings is linked to the register row of its key
-- through organizations.register_code (store/register.c).
--
-- findings.derived = 1 marks what the store derives from several filings
-- (store/follow.c: status_regressed ... against the previous round and the
-- action plan, organization_unregistered ...): they are computed again
-- whenever a filing they depend on changes, and kept at positions from
-- 1000000, after the filing's own.  Filings stored before keep none until
-- `raingan follow --update` (or the next ingest of their organization).

CREATE TABLE org_register (
  code      TEXT PRIMARY KEY,              -- the register's code, Arabic digits
  name      TEXT NOT NULL,                 -- the full name, as the register writes it
  type      TEXT NOT NULL,                 -- pao, sao, ..., other
  place     TEXT NOT NULL,                 -- normalized: the name without its type word
  district  TEXT NOT NULL DEFAULT '',      -- normalized; '' for a pao
  province  TEXT NOT NULL,                 -- normalized
  UNIQUE (type, place, district, province)
);
CREATE INDEX org_register_province ON org_register (province, district);
CREATE INDEX organizations_register ON organizations (register_code);
CREATE INDEX filings_org_kind ON filings (organization_id, kind, fiscal_year, round_months);

ALTER TABLE findings ADD COLUMN derived INTEGER NOT NULL DEFAULT 0;
