-- The learning agreement for traineeships (Erasmus+ Table A), one per internship: what the traineeship is
-- called, its hours, the outcomes it serves, the criteria it is evaluated on, when, and in which language.
-- Dates left empty take the defaults (mid-term at half time, final in the last week): see
-- src/domain/learning-agreement.ts.
CREATE TABLE learning_agreements (
  internship_id  INTEGER PRIMARY KEY REFERENCES internships (id) ON DELETE CASCADE,
  workspace_id   INTEGER NOT NULL REFERENCES workspaces (id),
  title          TEXT,
  hours_per_week INTEGER CHECK (hours_per_week BETWEEN 1 AND 60),
  midterm_date   TEXT,
  final_date     TEXT,
  language       TEXT,
  language_level TEXT CHECK (language_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native')),
  updated_at     INTEGER NOT NULL
);

-- Expected learning outcomes, each with a key milestones refer to, in the agreement's order.
CREATE TABLE learning_outcomes (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  key           TEXT    NOT NULL,
  description   TEXT    NOT NULL,
  position      INTEGER NOT NULL,
  UNIQUE (internship_id, key)
);

-- The criteria the intern is evaluated on (a default list unless the agreement names others).
CREATE TABLE evaluation_criteria (
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  key           TEXT    NOT NULL,
  name          TEXT    NOT NULL,
  position      INTEGER NOT NULL,
  PRIMARY KEY (internship_id, key)
);

-- Which outcomes a milestone serves.
CREATE TABLE milestone_outcomes (
  milestone_id INTEGER NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
  outcome_id   INTEGER NOT NULL REFERENCES learning_outcomes (id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  PRIMARY KEY (milestone_id, outcome_id)
);
CREATE INDEX milestone_outcomes_outcome ON milestone_outcomes (outcome_id);
