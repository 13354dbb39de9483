-- Two-way evaluations: per internship, round (mid-term, final) and side (the supervisor rates the intern,
-- the intern rates themselves and the hosting), one record written once at submission and never edited
-- (a second submission is refused). The answers are JSON: see EvaluationAnswers in src/domain/evaluations.ts.
CREATE TABLE evaluations (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  round         TEXT    NOT NULL CHECK (round IN ('midterm', 'final')),
  side          TEXT    NOT NULL CHECK (side IN ('supervisor', 'intern')),
  author_id     INTEGER NOT NULL REFERENCES people (id),
  answers       TEXT    NOT NULL,
  submitted_at  INTEGER NOT NULL,
  UNIQUE (internship_id, round, side)
);
