-- Days off a programme file adds per workspace: public holidays the holiday library misses (per country,
-- optionally one region) and company closures (for everyone, or for the people listed by key).
CREATE TABLE added_holidays (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  country      TEXT    NOT NULL,
  region       TEXT,
  date         TEXT    NOT NULL,
  name         TEXT    NOT NULL
);
CREATE INDEX added_holidays_workspace ON added_holidays (workspace_id, date);

CREATE TABLE closures (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  from_date    TEXT    NOT NULL,
  to_date      TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  people       TEXT,   -- JSON array of person keys; NULL means everyone in the workspace
  CHECK (to_date >= from_date)
);
CREATE INDEX closures_workspace ON closures (workspace_id, from_date);
