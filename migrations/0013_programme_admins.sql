-- People a workspace names as programme admins: besides the platform's own admins and owners, they may set
-- up internships and choose colleagues in chat. Keyed by the platform's user id, as admins need not be
-- people Tandem messages (an HR lead is in no internship).
CREATE TABLE programme_admins (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  user_id      TEXT    NOT NULL,
  added_by     TEXT,
  added_at     INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
