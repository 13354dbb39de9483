/**
 * What replicas coordinate through: inbound events seen once, rules' wake-ups, named leases and heartbeats.
 * Part of the Store port (store.ts), kept here so that file stays one list of the domain's repositories.
 */
import type { Platform } from "../domain/types.js";

export interface InboundRepo {
  /** Records a delivery id; false when it was seen before (a redelivery). */
  firstSeen(platform: Platform, workspace: string, eventId: string, at: Date): Promise<boolean>;
  forget(platform: Platform, workspace: string, eventId: string): Promise<void>;
  prune(olderThan: Date): Promise<number>;
}

/** When each rule next needs to look at an internship; see migrations/0002_followup.sql. */
export interface WakeupRepo {
  due(kind: string, now: Date, limit: number): Promise<{ workspaceId: number; internshipId: number }[]>;
  set(workspaceId: number, internshipId: number, kind: string, at: Date): Promise<void>;
  /** Brings the wake-ups of these kinds forward to `at` (never later than already planned). */
  touch(workspaceId: number, internshipId: number, kinds: readonly string[], at: Date): Promise<void>;
  /** touch for several internships at once (one statement on PostgreSQL). */
  touchEach(
    internships: readonly { workspaceId: number; internshipId: number }[],
    kinds: readonly string[],
    at: Date,
  ): Promise<void>;
  clear(internshipId: number, kind: string): Promise<void>;
  /** Every wake-up of an internship (it ended: no rule needs to look at it again). */
  clearAll(internshipId: number): Promise<void>;
  get(internshipId: number, kind: string): Promise<Date | undefined>;
}

/**
 * Named leases that one replica holds at a time, such as sending for a workspace (so its platform's rate
 * limit is paced by one process). A lease runs out unless renewed, so a replica that dies hands it over.
 */
export interface LeaseRepo {
  /** Takes the lease, or renews it when already ours, until `until`; false while another holder's runs. */
  acquire(name: string, holder: string, now: Date, until: Date): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

/**
 * Replicas that send announce themselves (a heartbeat), so each workspace's sending can go to one of the
 * live ones, spread by rendezvous hashing (see sending-leases.ts).
 */
export interface ReplicaRepo {
  /** This replica is alive at `at`. */
  beat(name: string, at: Date): Promise<void>;
  /** Replicas whose last beat is at `since` or later, by name. */
  live(since: Date): Promise<string[]>;
  /** This replica stops (a clean shutdown): the others count without it at once. */
  leave(name: string): Promise<void>;
}
