-- A supervisor's confirmation of the certificate draft (Erasmus+ Table D): who confirmed which draft and
-- when. A new row each time; the newest counts, and a draft that changed since is shown as unconfirmed.
CREATE TABLE certificate_confirmations (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  confirmed_by  INTEGER NOT NULL REFERENCES people (id),
  draft_hash    TEXT    NOT NULL,
  confirmed_at  INTEGER NOT NULL
);
CREATE INDEX certificate_confirmations_internship ON certificate_confirmations (internship_id, confirmed_at);
