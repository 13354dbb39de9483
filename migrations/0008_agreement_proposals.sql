-- A change to the working agreement is a proposal until both sides accept it. The terms in force are the
-- newest agreed version; a proposal that is declined, lapses or is replaced stays for the record.
ALTER TABLE agreements ADD COLUMN state TEXT NOT NULL DEFAULT 'agreed'
  CHECK (state IN ('agreed', 'proposed', 'declined', 'lapsed', 'replaced'));
-- A proposal nobody answered lapses then (a working week of the people who must answer).
ALTER TABLE agreements ADD COLUMN lapses_at INTEGER;
ALTER TABLE agreements ADD COLUMN decided_at INTEGER;
ALTER TABLE agreements ADD COLUMN decided_by INTEGER REFERENCES people (id);
ALTER TABLE agreements ADD COLUMN decline_reason TEXT;
CREATE INDEX agreements_state ON agreements (internship_id, state, version);
