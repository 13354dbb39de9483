-- A version of each workspace's directory: its people, their platform ids and leave, its internships and
-- their conversations, agreements, holidays and closures. Every write to those tables gives the workspace a
-- new version in the writer's own transaction, whichever process or replica wrote (a trigger, not the
-- code), so what was read at one version still holds while the workspace is at that version: the inbound
-- path keeps what it read per workspace and version instead of reading it again for every event.
-- A random value, not a counter: a rolled-back write must not leave a version that a later, different
-- write reaches again.
CREATE TABLE directory_versions (
  workspace_id INTEGER PRIMARY KEY, -- no foreign key: the triggers of rows being deleted write here too
  version      INTEGER NOT NULL
);
CREATE TRIGGER people_insert_directory AFTER INSERT ON people BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER people_update_directory AFTER UPDATE ON people BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER people_delete_directory AFTER DELETE ON people BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (OLD.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER person_identities_insert_directory AFTER INSERT ON person_identities BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER person_identities_update_directory AFTER UPDATE ON person_identities BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER person_identities_delete_directory AFTER DELETE ON person_identities BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (OLD.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER leave_periods_insert_directory AFTER INSERT ON leave_periods BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER leave_periods_update_directory AFTER UPDATE ON leave_periods BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER leave_periods_delete_directory AFTER DELETE ON leave_periods BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (OLD.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER internships_insert_directory AFTER INSERT ON internships BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER internships_update_directory AFTER UPDATE ON internships BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER internships_delete_directory AFTER DELETE ON internships BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (OLD.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER internship_conversations_insert_directory AFTER INSERT ON internship_conversations BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER internship_conversations_update_directory AFTER UPDATE ON internship_conversations BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER internship_conversations_delete_directory AFTER DELETE ON internship_conversations BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (OLD.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER agreements_insert_directory AFTER INSERT ON agreements BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER agreements_update_directory AFTER UPDATE ON agreements BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER agreements_delete_directory AFTER DELETE ON agreements BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (OLD.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER added_holidays_insert_directory AFTER INSERT ON added_holidays BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER added_holidays_update_directory AFTER UPDATE ON added_holidays BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER added_holidays_delete_directory AFTER DELETE ON added_holidays BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (OLD.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER closures_insert_directory AFTER INSERT ON closures BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER closures_update_directory AFTER UPDATE ON closures BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (NEW.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER closures_delete_directory AFTER DELETE ON closures BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (OLD.workspace_id, abs(random() % 9007199254740991))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
END;
