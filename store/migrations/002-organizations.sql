-- 002-organizations.sql - version 1 -> 2: organizations identified by type,
-- place, district and province (parsers/model/org.h), each filing keeping
-- the organization fields it states, and the current filing chosen from the
-- filings themselves (store/README.md).
--
-- Version 1 kept one organization per name + province, whose type and
-- district were the latest filing's: two same-name organizations of two
-- districts were one, and a filing's own district could be lost.  The
-- filings get the fields their organization row held (the best there is);
-- those that had an organization are marked reparse = 1, so that the next
-- ingest that meets their file parses it again and stores what it states.
--
-- "-- @step NAME" runs the C step NAME of migrate.c; "-- @only BACKEND"
-- keeps the lines up to the next "-- @all" for that backend alone.

CREATE TABLE organizations_v2 (
  id            {ID},
  type          TEXT NOT NULL,             -- pao, sao, ..., other
  place         TEXT NOT NULL,             -- the name without its type word, normalized
  district      TEXT NOT NULL DEFAULT '',  -- normalized; '' when not stated, and for a pao
  province      TEXT NOT NULL DEFAULT '',  -- normalized; '' when not stated
  name          TEXT NOT NULL,             -- the full name: type word + place
  register_code TEXT,                      -- the register's code (issue 11); NULL until then
  UNIQUE (type, place, district, province)
);
CREATE INDEX organizations_place ON organizations_v2 (type, place);

ALTER TABLE filings ADD COLUMN org_name TEXT;      -- as the filing states them
ALTER TABLE filings ADD COLUMN org_type TEXT;
ALTER TABLE filings ADD COLUMN district TEXT;
ALTER TABLE filings ADD COLUMN province TEXT;
ALTER TABLE filings ADD COLUMN reparse INTEGER NOT NULL DEFAULT 0;   -- 1: parse its file again when met

UPDATE filings SET
  org_name = (SELECT o.name FROM organizations o WHERE o.id = filings.organization_id),
  org_type = (SELECT o.type FROM organizations o WHERE o.id = filings.organization_id),
  district = (SELECT o.district FROM organizations o WHERE o.id = filings.organization_id),
  province = (SELECT nullif(o.province, '') FROM organizations o WHERE o.id = filings.organization_id),
  reparse = 1
  WHERE organization_id IS NOT NULL;

-- @only postgresql
ALTER TABLE filings DROP CONSTRAINT filings_organization_id_fkey;
-- @all
-- @step rekey_organizations
DROP VIEW current_filings;
DROP TABLE organizations;
ALTER TABLE organizations_v2 RENAME TO organizations;
-- @only postgresql
ALTER TABLE filings ADD FOREIGN KEY (organization_id) REFERENCES organizations (id);
-- @all
CREATE INDEX filings_reparse ON filings (reparse);
CREATE VIEW current_filings AS SELECT * FROM filings WHERE is_current = 1;
-- @step choose_current_filings
