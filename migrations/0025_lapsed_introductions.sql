-- An introduction the colleague never answered lapsed into 'declined' with the lapse's time as its answer
-- time; a lapsed one now keeps responded_at empty, so the portal says "no answer (lapsed)", not "declined".
-- The lapses Tandem made before are known from the audit log.
UPDATE introductions SET responded_at = NULL
WHERE status = 'declined'
  AND id IN (SELECT entity_id FROM audit_log WHERE action = 'introduction.lapse' AND entity = 'introduction');
