-- The web portal's sign-in: one-time links (only a hash of the token is kept, so a copy of the database
-- signs nobody in) and sessions (keyed by a hash of the session id, expiring after 12 hours idle).
-- principal / data: JSON written by src/services/portal (who the link or session is for).
CREATE TABLE portal_links (
  token_hash TEXT    NOT NULL PRIMARY KEY,
  principal  TEXT    NOT NULL,
  next_path  TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);
CREATE INDEX portal_links_expiry ON portal_links (expires_at);

CREATE TABLE portal_sessions (
  id_hash    TEXT    NOT NULL PRIMARY KEY,
  data       TEXT    NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX portal_sessions_expiry ON portal_sessions (expires_at);
