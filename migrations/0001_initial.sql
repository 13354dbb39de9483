-- Tandem's first schema. Instants are INTEGER milliseconds since the epoch (UTC);
-- calendar dates are TEXT 'YYYY-MM-DD' in the zone of the person they belong to.
-- Every row that belongs to a workspace carries workspace_id.

CREATE TABLE workspaces (
  id          INTEGER PRIMARY KEY,
  platform    TEXT    NOT NULL CHECK (platform IN ('slack', 'teams', 'console')),
  external_id TEXT    NOT NULL,
  name        TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  UNIQUE (platform, external_id)
);

CREATE TABLE people (
  id             INTEGER PRIMARY KEY,
  workspace_id   INTEGER NOT NULL REFERENCES workspaces (id),
  key            TEXT    NOT NULL,
  name           TEXT    NOT NULL,
  timezone       TEXT    NOT NULL,
  country        TEXT    NOT NULL,
  region         TEXT,
  contact_hours  TEXT    NOT NULL,
  department     TEXT,
  is_colleague   INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (workspace_id, key)
);

CREATE TABLE person_identities (
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  platform     TEXT    NOT NULL CHECK (platform IN ('slack', 'teams', 'console')),
  external_id  TEXT    NOT NULL,
  person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  PRIMARY KEY (workspace_id, platform, external_id),
  UNIQUE (person_id, platform)
);

CREATE TABLE leave_periods (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  from_date    TEXT    NOT NULL,
  to_date      TEXT    NOT NULL,
  source       TEXT    NOT NULL CHECK (source IN ('programme', 'command')),
  created_at   INTEGER NOT NULL,
  CHECK (to_date >= from_date)
);
CREATE INDEX leave_periods_person ON leave_periods (person_id, from_date);

CREATE TABLE internships (
  id                   INTEGER PRIMARY KEY,
  workspace_id         INTEGER NOT NULL REFERENCES workspaces (id),
  key                  TEXT    NOT NULL,
  intern_id            INTEGER NOT NULL REFERENCES people (id),
  supervisor_id        INTEGER NOT NULL REFERENCES people (id),
  backup_supervisor_id INTEGER REFERENCES people (id),
  coordinator_id       INTEGER REFERENCES people (id),
  start_date           TEXT    NOT NULL,
  end_date             TEXT    NOT NULL,
  home_channel         TEXT,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  UNIQUE (workspace_id, key),
  CHECK (end_date >= start_date)
);
CREATE INDEX internships_intern ON internships (workspace_id, intern_id);
CREATE INDEX internships_supervisor ON internships (workspace_id, supervisor_id);
CREATE INDEX internships_backup ON internships (workspace_id, backup_supervisor_id);
CREATE INDEX internships_coordinator ON internships (workspace_id, coordinator_id);
CREATE INDEX internships_active ON internships (end_date, start_date);
CREATE INDEX internships_home ON internships (workspace_id, home_channel);

-- Working agreements are versioned: a change writes a new version that both sides acknowledge again.
CREATE TABLE agreements (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  terms         TEXT    NOT NULL, -- JSON, see src/domain/agreement.ts
  created_by    INTEGER REFERENCES people (id),
  created_at    INTEGER NOT NULL,
  UNIQUE (internship_id, version)
);

CREATE TABLE agreement_acks (
  agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  acked_at     INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, person_id)
);

CREATE TABLE milestones (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  title         TEXT    NOT NULL,
  due_date      TEXT    NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('planned', 'blocked', 'done', 'accepted')),
  block_reason  TEXT,
  feedback      TEXT,
  moves         INTEGER NOT NULL DEFAULT 0,
  created_by    INTEGER REFERENCES people (id),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX milestones_internship ON milestones (internship_id, due_date);
CREATE INDEX milestones_open_due ON milestones (status, due_date);

CREATE TABLE milestone_history (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  milestone_id INTEGER NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
  action       TEXT    NOT NULL,
  actor_id     INTEGER REFERENCES people (id),
  from_status  TEXT,
  to_status    TEXT,
  from_due     TEXT,
  to_due       TEXT,
  note         TEXT,
  at           INTEGER NOT NULL
);
CREATE INDEX milestone_history_milestone ON milestone_history (milestone_id, at);

-- One row per internship and local date of the intern. 'due' until the prompt is delivered;
-- answers are stored because the intern writes them for the supervisor.
CREATE TABLE checkins (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  local_date    TEXT    NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('due', 'sent', 'answered', 'partial', 'missed', 'skipped')),
  progress      TEXT,
  next_steps    TEXT,
  blockers      TEXT,
  connectedness INTEGER CHECK (connectedness BETWEEN 1 AND 5),
  sent_at       INTEGER,
  answered_at   INTEGER,
  settled_at    INTEGER, -- when the day was closed: missed/skipped decided, summary queued
  created_at    INTEGER NOT NULL,
  UNIQUE (internship_id, local_date)
);
CREATE INDEX checkins_open ON checkins (internship_id, status, local_date);

-- Conversations whose messages count for an internship's reply-time rules, besides its home channel.
CREATE TABLE internship_conversations (
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  conversation  TEXT    NOT NULL, -- the platform's channel or chat id
  PRIMARY KEY (internship_id, conversation)
) WITHOUT ROWID;
CREATE INDEX internship_conversations_lookup ON internship_conversations (workspace_id, conversation);

-- Reply-time clocks. Metadata only: who, where, which thread, when. Never the message text.
CREATE TABLE tracked_messages (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  conversation  TEXT    NOT NULL, -- the platform's channel id
  message_ref   TEXT    NOT NULL,
  thread_ref    TEXT,
  permalink     TEXT,
  direction     TEXT    NOT NULL CHECK (direction IN ('to_company', 'to_intern')),
  author_id     INTEGER NOT NULL REFERENCES people (id),
  responder_id  INTEGER NOT NULL REFERENCES people (id),
  sent_at       INTEGER NOT NULL, -- the platform's timestamp of the question
  allowed_ms    INTEGER NOT NULL, -- the agreed working time to reply, when the clock started
  due_at        INTEGER NOT NULL,
  closed_at     INTEGER,
  closed_by     INTEGER REFERENCES people (id),
  close_reason  TEXT CHECK (close_reason IN ('reply', 'reaction', 'noreply', 'ended')),
  reply_ms      INTEGER, -- working time of the responder it took, when closed by a reply or reaction
  UNIQUE (workspace_id, conversation, message_ref)
);
CREATE INDEX tracked_messages_open ON tracked_messages (internship_id, closed_at, due_at);
CREATE INDEX tracked_messages_conversation ON tracked_messages (workspace_id, conversation, closed_at);

CREATE TABLE introductions (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
  internship_id INTEGER NOT NULL REFERENCES internships (id) ON DELETE CASCADE,
  colleague_id  INTEGER NOT NULL REFERENCES people (id),
  status        TEXT    NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'held', 'not_held')),
  conversation  TEXT,
  proposed_at   INTEGER NOT NULL,
  responded_at  INTEGER, -- the colleague's accept or decline
  met_answer_at INTEGER, -- the answer to "did you meet?"
  rescheduled   INTEGER NOT NULL DEFAULT 0,
  UNIQUE (internship_id, colleague_id)
);
CREATE INDEX introductions_colleague ON introductions (colleague_id, proposed_at);

-- Every outgoing message. `key` says what is due (not when a tick ran), so insert-if-absent
-- turns any number of ticks, restarts or processes into one message.
CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  key          TEXT    NOT NULL,
  recipient_id INTEGER REFERENCES people (id),
  address      TEXT    NOT NULL,
  payload      TEXT    NOT NULL, -- JSON OutboundMessage
  status       TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'expired')),
  not_before   INTEGER NOT NULL,
  expires_at   INTEGER,
  attempts     INTEGER NOT NULL DEFAULT 0,
  lease_until  INTEGER,
  last_error   TEXT,
  platform_ref TEXT,
  created_at   INTEGER NOT NULL,
  sent_at      INTEGER,
  UNIQUE (workspace_id, key)
);
CREATE INDEX outbox_ready ON outbox (status, not_before);
CREATE INDEX outbox_recipient ON outbox (recipient_id, sent_at);

-- Inbound deduplication: a redelivered event or activity id has no second effect. Keyed by the
-- platform's workspace id (Slack team, Teams tenant): the event may come before the workspace row.
CREATE TABLE inbound_events (
  platform    TEXT    NOT NULL,
  workspace   TEXT    NOT NULL,
  event_id    TEXT    NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace, event_id)
) WITHOUT ROWID;
CREATE INDEX inbound_events_received ON inbound_events (received_at);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  actor_id     INTEGER REFERENCES people (id),
  actor_label  TEXT    NOT NULL, -- a person's key, or 'import', 'system', 'cli'
  action       TEXT    NOT NULL,
  entity       TEXT    NOT NULL,
  entity_id    INTEGER,
  detail       TEXT, -- JSON
  at           INTEGER NOT NULL
);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, at);
