-- 001-initial.sql - version 0 -> 1: the first schema of the raingan store.
-- Portable SQL (SQLite and PostgreSQL); {ID} is the dialect's auto-numbered
-- key (backend.h).  store/README.md explains the tables; 002 changed some.

CREATE TABLE organizations (
  id        {ID},
  name      TEXT NOT NULL,
  province  TEXT NOT NULL DEFAULT '',      -- '' when the filing does not say
  type      TEXT,                          -- pao, sao, city_municipality, ...
  district  TEXT,
  UNIQUE (name, province)
);

CREATE TABLE filings (
  id              {ID},                    -- ingest order
  sha256          TEXT NOT NULL UNIQUE,    -- of the file's bytes, lowercase hex
  source_path     TEXT NOT NULL,           -- as given to `raingan ingest`
  size            BIGINT NOT NULL,
  mtime           BIGINT NOT NULL,         -- seconds since the epoch
  format          TEXT,                    -- docx / odt
  parse_ms        DOUBLE PRECISION,
  ingested_at     TEXT NOT NULL,           -- UTC, ISO 8601
  organization_id BIGINT REFERENCES organizations(id),
  kind            TEXT NOT NULL,           -- progress_report, action_plan, integrity_report, other
  fiscal_year     INTEGER,                 -- BE
  round_months    INTEGER,                 -- 6 / 12
  plan_from       INTEGER,
  plan_to         INTEGER,
  as_of           TEXT,                    -- YYYY-MM-DD (BE)
  -- the version group: organization + kind + fiscal year + round (+ plan period)
  version_key     TEXT,                    -- NULL when the organization is unknown
  is_current      INTEGER NOT NULL DEFAULT 1,
  superseded_by   BIGINT REFERENCES filings(id)
);
CREATE INDEX filings_version ON filings (version_key, is_current);
CREATE INDEX filings_current ON filings (is_current, fiscal_year, round_months);
CREATE INDEX filings_org ON filings (organization_id);

CREATE TABLE projects (
  id          {ID},
  filing_id   BIGINT NOT NULL REFERENCES filings(id),
  position    INTEGER NOT NULL,            -- order in the filing, from 0
  seq         TEXT,
  name        TEXT,
  kind        TEXT NOT NULL,               -- project, activity, measure, other
  dimension   INTEGER,                     -- 1..4
  mission     TEXT,
  budget      DOUBLE PRECISION,            -- baht, NULL when not stated
  no_budget   INTEGER NOT NULL DEFAULT 0,
  disbursed   DOUBLE PRECISION,
  status      TEXT,                        -- pending_report, in_progress, completed, ...
  responsible TEXT,
  UNIQUE (filing_id, position)
);

-- budget_by_year of plans: one row a year (a project without rows has budget_by_year null)
CREATE TABLE project_years (
  project_id BIGINT NOT NULL REFERENCES projects(id),
  position   INTEGER NOT NULL,
  year       INTEGER NOT NULL,
  amount     DOUBLE PRECISION,
  PRIMARY KEY (project_id, position)
);

CREATE TABLE stated (
  filing_id BIGINT NOT NULL REFERENCES filings(id),
  position  INTEGER NOT NULL,
  key       TEXT NOT NULL,
  value     DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (filing_id, position)
);

CREATE TABLE findings (
  filing_id BIGINT NOT NULL REFERENCES filings(id),
  position  INTEGER NOT NULL,
  severity  TEXT NOT NULL,                 -- info, warning, error
  code      TEXT NOT NULL,
  message   TEXT,
  PRIMARY KEY (filing_id, position)
);

CREATE TABLE failures (
  path     TEXT PRIMARY KEY,
  sha256   TEXT,                           -- NULL when the file could not be read
  size     BIGINT,
  mtime    BIGINT,
  code     TEXT NOT NULL,                  -- rg_error_name(): format, encrypted, io, limit, ...
  message  TEXT NOT NULL
);

CREATE VIEW current_filings AS SELECT * FROM filings WHERE is_current = 1;
