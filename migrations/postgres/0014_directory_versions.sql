-- A version of each workspace's directory: its people, their platform ids and leave, its internships and
-- their conversations, agreements, holidays and closures. Every write to those tables gives the workspace a
-- new version in the writer's own transaction, whichever process or replica wrote (a trigger, not the
-- code), so what was read at one version still holds while the workspace is at that version: the inbound
-- path keeps what it read per workspace and version instead of reading it again for every event.
-- From a sequence, not a counter per workspace: a rolled-back write must not leave a version that a later,
-- different write reaches again. BEFORE triggers: a writer takes the workspace's version row before the row
-- it writes, so two writers in one workspace queue on the version row instead of deadlocking over it.
CREATE TABLE directory_versions (
  workspace_id BIGINT PRIMARY KEY, -- no foreign key: the triggers of rows being deleted write here too
  version      BIGINT NOT NULL
);
CREATE SEQUENCE directory_version_seq;
CREATE FUNCTION directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ws BIGINT := CASE WHEN TG_OP = 'DELETE' THEN OLD.workspace_id ELSE NEW.workspace_id END;
BEGIN
  INSERT INTO directory_versions (workspace_id, version) VALUES (ws, nextval('directory_version_seq'))
  ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER people_directory BEFORE INSERT OR UPDATE OR DELETE ON people
  FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE TRIGGER person_identities_directory BEFORE INSERT OR UPDATE OR DELETE ON person_identities
  FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE TRIGGER leave_periods_directory BEFORE INSERT OR UPDATE OR DELETE ON leave_periods
  FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE TRIGGER internships_directory BEFORE INSERT OR UPDATE OR DELETE ON internships
  FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE TRIGGER internship_conversations_directory BEFORE INSERT OR UPDATE OR DELETE ON internship_conversations
  FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE TRIGGER agreements_directory BEFORE INSERT OR UPDATE OR DELETE ON agreements
  FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE TRIGGER added_holidays_directory BEFORE INSERT OR UPDATE OR DELETE ON added_holidays
  FOR EACH ROW EXECUTE FUNCTION directory_changed();
CREATE TRIGGER closures_directory BEFORE INSERT OR UPDATE OR DELETE ON closures
  FOR EACH ROW EXECUTE FUNCTION directory_changed();
