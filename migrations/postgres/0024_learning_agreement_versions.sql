-- Every version of an internship's learning agreement, as the working agreement keeps its versions: what it
-- said (JSON, the shape of src/domain/learning-agreement.ts), what changed, who changed it (none: the
-- programme file or set-up) and when. The current agreement stays in learning_agreements and its tables.
CREATE TABLE learning_agreement_versions (
  workspace_id  BIGINT NOT NULL REFERENCES workspaces (id),
  internship_id BIGINT NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  agreement     TEXT COLLATE "C" NOT NULL,
  change        TEXT COLLATE "C" NOT NULL,
  changed_by    BIGINT REFERENCES people (id) ON DELETE SET NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (internship_id, version)
);
