-- Platform installations (Slack OAuth installs, one per workspace). `data` is encrypted by the adapter
-- with a key from the environment: a copy of the database alone does not give away bot tokens.
CREATE TABLE installations (
  platform     TEXT    NOT NULL,
  workspace    TEXT    NOT NULL,
  data         TEXT    NOT NULL,
  installed_at INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace)
) WITHOUT ROWID;
