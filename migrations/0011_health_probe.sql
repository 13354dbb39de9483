-- One row that /healthz rewrites: proves the database can still be written (a full disk or a
-- read-only file answers reads but refuses this).
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  probed_at INTEGER NOT NULL
);
