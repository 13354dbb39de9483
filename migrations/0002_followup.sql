-- Due work per internship and kind ('checkin', 'milestones', ...): the planner looks only at rows whose
-- due_at has come (an index range, not a scan), and each rule writes the next instant it needs to look.
CREATE TABLE wakeups (
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  kind          TEXT    NOT NULL,
  due_at        INTEGER NOT NULL,
  PRIMARY KEY (internship_id, kind)
) WITHOUT ROWID;
CREATE INDEX wakeups_due ON wakeups (kind, due_at);

-- Proactive bot messages a person receives per local day before the rest is merged into a digest.
ALTER TABLE people ADD COLUMN daily_budget INTEGER NOT NULL DEFAULT 6 CHECK (daily_budget BETWEEN 1 AND 50);
