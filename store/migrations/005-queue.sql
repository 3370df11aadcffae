-- 005-queue.sql - version 4 -> 5: the shared work queue of `raingan queue`
-- and `raingan work` (store/README.md, "Shared batches"): one row a file,
-- claimed by one worker at a time for a lease, then done or failed.
-- Times are whole seconds since the epoch, by the database's clock ({NOW}),
-- so that workers on machines whose clocks differ agree on a lease.

CREATE TABLE queue (
  id          {ID},                        -- the order files are claimed in
  path        TEXT NOT NULL UNIQUE,        -- absolute: every worker sees the shared folder there
  state       TEXT NOT NULL,               -- queued, claimed, done, failed
  worker      TEXT,                        -- host:pid of the worker that claimed it last
  lease_until BIGINT,                      -- a claim not finished by then is taken again
  attempts    INTEGER NOT NULL DEFAULT 0,  -- claims so far (a file is given up after 3)
  added_at    BIGINT NOT NULL,
  finished_at BIGINT,
  message     TEXT                         -- why it failed
);
CREATE INDEX queue_state ON queue (state, id);
