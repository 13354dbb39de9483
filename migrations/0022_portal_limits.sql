-- The portal's sign-in limits (per address, per client), counted in the database so that every replica
-- counts the same requests. key: a SHA-256 of what is counted (never the address itself).
CREATE TABLE portal_limits (
  key      TEXT    NOT NULL PRIMARY KEY,
  count    INTEGER NOT NULL,
  reset_at INTEGER NOT NULL
);
CREATE INDEX portal_limits_reset ON portal_limits (reset_at);
