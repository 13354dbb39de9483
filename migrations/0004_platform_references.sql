-- What an adapter needs to reach someone later (Teams conversation references, captured on install and
-- on every message). Opaque JSON that only its adapter reads.
CREATE TABLE platform_references (
  platform   TEXT    NOT NULL,
  workspace  TEXT    NOT NULL, -- Slack team id, Teams tenant id
  kind       TEXT    NOT NULL CHECK (kind IN ('user', 'conversation')),
  key        TEXT    NOT NULL, -- user id (AAD object id) or conversation id
  reference  TEXT    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace, kind, key)
) WITHOUT ROWID;
