-- Members of a group address who already have their copy (a JSON array of platform user ids). Platforms
-- that send a group message to each member in turn (Teams) skip them when the row is retried.
ALTER TABLE outbox ADD COLUMN delivered_to TEXT;
