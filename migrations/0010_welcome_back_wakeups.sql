-- The welcome-back rule (one message on the first working day after leave) wakes up per internship
-- like every rule: running internships get their first look at once.
INSERT OR IGNORE INTO wakeups (workspace_id, internship_id, kind, due_at)
SELECT workspace_id, id, 'welcome-back', 0 FROM internships;
