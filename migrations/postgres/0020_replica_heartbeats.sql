-- Replicas that send, each announcing itself while it runs: a workspace's sending goes to the live replica
-- that rendezvous hashing prefers for it, so the sending is spread over the replicas. A replica that dies
-- stops announcing itself and drops out once its last beat is older than a sending lease.
CREATE TABLE replica_heartbeats (
  name TEXT COLLATE "C" PRIMARY KEY,
  seen_at BIGINT NOT NULL
);
