-- The pattern rule (the coordinator's note about late replies and an at-risk signal) wakes up per
-- internship like every rule: running internships get their first look at once.
INSERT OR IGNORE INTO wakeups (workspace_id, internship_id, kind, due_at)
SELECT workspace_id, id, 'patterns', 0 FROM internships;
