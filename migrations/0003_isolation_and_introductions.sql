-- Colleagues who meet interns: their languages and how many introductions a month they take.
ALTER TABLE people ADD COLUMN languages TEXT NOT NULL DEFAULT '[]'; -- JSON array, e.g. ["en","pt"]
ALTER TABLE people ADD COLUMN intro_capacity INTEGER NOT NULL DEFAULT 2 CHECK (intro_capacity BETWEEN 0 AND 20);
-- `pause nudges 1w`: no supportive nudges to the intern until then.
ALTER TABLE internships ADD COLUMN nudges_paused_until INTEGER;

-- Who wrote in an internship's tracked conversations, where and when: metadata only, never text.
CREATE TABLE activity (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  person_id     INTEGER NOT NULL REFERENCES people (id),
  conversation  TEXT    NOT NULL,
  thread_key    TEXT    NOT NULL, -- the thread's first message, or the message itself at top level
  at            INTEGER NOT NULL
);
CREATE INDEX activity_person ON activity (internship_id, person_id, at);
CREATE INDEX activity_thread ON activity (internship_id, conversation, thread_key);

-- The intern exchanged something with this person: a mention either way, a shared thread, a meeting.
CREATE TABLE exchanges (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  person_id     INTEGER NOT NULL REFERENCES people (id),
  source        TEXT    NOT NULL CHECK (source IN ('mention', 'thread', 'meeting', 'introduction')),
  at            INTEGER NOT NULL
);
CREATE INDEX exchanges_internship ON exchanges (internship_id, at);

-- Synchronous meetings, logged with `met @person [note]` or by a held introduction.
CREATE TABLE meetings (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  person_id     INTEGER NOT NULL REFERENCES people (id),
  note          TEXT,
  at            INTEGER NOT NULL
);
CREATE INDEX meetings_internship ON meetings (internship_id, at);

-- The isolation signal of each working day, with the reasons and the inputs it was computed from.
CREATE TABLE isolation_signals (
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  local_date    TEXT    NOT NULL,
  level         TEXT    NOT NULL CHECK (level IN ('ok', 'watch', 'at_risk')),
  reasons       TEXT    NOT NULL, -- JSON array of reason codes with their sentences
  inputs        TEXT    NOT NULL, -- JSON: every input, null when unknown
  computed_at   INTEGER NOT NULL,
  PRIMARY KEY (internship_id, local_date)
) WITHOUT ROWID;

-- Weekly reflections; shown to the coordinator only when the intern agreed.
CREATE TABLE reflections (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  week          TEXT    NOT NULL, -- ISO week of the intern, e.g. 2026-W49
  text          TEXT    NOT NULL,
  shared        INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  UNIQUE (internship_id, week)
);
