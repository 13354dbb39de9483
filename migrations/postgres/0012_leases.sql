-- Named leases that one replica holds at a time (sending for a workspace): a replica that dies simply
-- stops renewing, and another takes the lease when it runs out.
CREATE TABLE leases (
  name TEXT COLLATE "C" PRIMARY KEY,
  holder TEXT COLLATE "C" NOT NULL,
  until_at BIGINT NOT NULL
);
