-- Replies to what someone wrote (keys 'reply-to:<event id>') now name their recipient, so the person's export
-- and erasure include them (the dispatcher still sends them at once, never held for contact hours nor counted
-- in the daily budget). Older replies addressed to a person ('<platform>:<workspace>:user:<id>') get theirs;
-- a Slack DM channel ('...:conv:D...') names nobody Tandem can look up, so those rows stay without one.
UPDATE outbox SET recipient_id = (
  SELECT i.person_id FROM workspaces w
    JOIN person_identities i ON i.workspace_id = w.id AND i.platform = w.platform
  WHERE w.id = outbox.workspace_id
    AND substr(outbox.address, 1, length(w.platform || ':' || w.external_id || ':user:'))
      = w.platform || ':' || w.external_id || ':user:'
    AND i.external_id = substr(outbox.address, length(w.platform || ':' || w.external_id || ':user:') + 1)
)
WHERE key >= 'reply-to:' AND key < 'reply-to;' AND recipient_id IS NULL;
