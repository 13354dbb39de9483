-- The evaluations rule (requests and one reminder at each evaluation date) wakes up per internship like
-- every rule: existing internships get their first look at once.
INSERT OR IGNORE INTO wakeups (workspace_id, internship_id, kind, due_at)
SELECT workspace_id, id, 'evaluations', 0 FROM internships;
