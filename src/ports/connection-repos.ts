/** The store's part for staying connected: check-ins, reply clocks, activity, introductions, signals. */
import type { Checkin, CheckinAnswers, CheckinStatus } from "../domain/checkins.js";
import type {
  Exchange,
  Introduction,
  IntroductionStatus,
  Meeting,
  Reflection,
  StoredSignal,
} from "../domain/records.js";
import type { CloseReason, TrackedMessage } from "../domain/reply-records.js";
import type { LocalDate } from "../domain/types.js";

export interface CheckinRepo {
  get(internshipId: number, date: LocalDate): Promise<Checkin | undefined>;
  byId(workspaceId: number, id: number): Promise<Checkin | undefined>;
  /** Insert-if-absent: one row per internship and local date. */
  create(
    workspaceId: number,
    internshipId: number,
    date: LocalDate,
    status: "due" | "skipped",
    at: Date,
  ): Promise<boolean>;
  setStatus(id: number, status: CheckinStatus, sentAt?: Date): Promise<void>;
  answer(id: number, answers: CheckinAnswers, status: CheckinStatus, at: Date): Promise<void>;
  /** Closes a day once (missed/skipped decided, summary queued); false when it was closed before. */
  settle(id: number, status: CheckinStatus, at: Date): Promise<boolean>;
  /** Rows of earlier dates whose day has not been closed yet. */
  unsettledBefore(internshipId: number, date: LocalDate): Promise<Checkin[]>;
  recent(internshipId: number, limit: number): Promise<Checkin[]>;
  between(internshipId: number, from: LocalDate, to: LocalDate): Promise<Checkin[]>;
}

export type NewClock = Omit<TrackedMessage, "id" | "closedAt" | "closedBy" | "closeReason" | "replyMs">;

/** Reply-time clocks (tracked_messages). */
export interface ReplyClockRepo {
  /** Insert-if-absent per message; undefined when the message already had a clock. */
  start(input: NewClock): Promise<TrackedMessage | undefined>;
  openIn(workspaceId: number, conversation: string): Promise<TrackedMessage[]>;
  openByMessage(workspaceId: number, messageRef: string): Promise<TrackedMessage[]>;
  openFor(internshipId: number): Promise<TrackedMessage[]>;
  openAskedBy(workspaceId: number, personId: number): Promise<TrackedMessage[]>;
  /** Every clock of an internship started since an instant, open or closed: for the figures. */
  since(internshipId: number, from: Date): Promise<TrackedMessage[]>;
  close(
    id: number,
    at: Date,
    by: number | undefined,
    reason: CloseReason,
    replyMs?: number,
  ): Promise<boolean>;
  setDue(id: number, dueAt: Date): Promise<void>;
}

/** Metadata of messages in tracked conversations, and the exchanges and meetings derived from them. */
export interface ActivityRepo {
  record(
    workspaceId: number,
    internshipId: number,
    personId: number,
    conversation: string,
    threadKey: string,
    at: Date,
  ): Promise<void>;
  /** The last time this person wrote in the internship's tracked conversations. */
  lastBy(internshipId: number, personId: number): Promise<Date | undefined>;
  /** Everyone who wrote in a thread (or top-level message) of the internship, by id. */
  threadParticipants(internshipId: number, conversation: string, threadKey: string): Promise<number[]>;
  /**
   * Records a reply in a thread like `record`, and returns who wrote in that thread before it, by id, as
   * `threadParticipants` would have (one round trip on PostgreSQL instead of two).
   */
  recordInThread(
    workspaceId: number,
    internshipId: number,
    personId: number,
    conversation: string,
    threadKey: string,
    at: Date,
  ): Promise<number[]>;
  addExchange(workspaceId: number, exchange: Exchange): Promise<void>;
  exchangesSince(internshipId: number, from: Date): Promise<Exchange[]>;
  addMeeting(
    workspaceId: number,
    internshipId: number,
    personId: number,
    note: string | undefined,
    at: Date,
  ): Promise<Meeting>;
  meetingsSince(internshipId: number, from: Date): Promise<Meeting[]>;
  lastMeeting(internshipId: number): Promise<Meeting | undefined>;
}

export interface IntroductionRepo {
  get(workspaceId: number, id: number): Promise<Introduction | undefined>;
  forInternship(internshipId: number): Promise<Introduction[]>;
  /** Every introduction a colleague was asked for, oldest first (their `status`). */
  forColleague(colleagueId: number): Promise<Introduction[]>;
  /** Insert-if-absent per intern and colleague: one introduction per pair, ever. */
  propose(
    workspaceId: number,
    internshipId: number,
    colleagueId: number,
    at: Date,
  ): Promise<Introduction | undefined>;
  setStatus(
    id: number,
    status: IntroductionStatus,
    at: Date,
    /** `lapsed`: declined because the colleague never answered; no answer time is recorded. */
    fields?: { conversation?: string; metAnswer?: boolean; rescheduled?: boolean; lapsed?: boolean },
  ): Promise<void>;
  /** Introductions proposed to a colleague since an instant (for the monthly capacity), declined ones excluded. */
  countForColleagueSince(colleagueId: number, from: Date): Promise<number>;
  /** When a colleague was last proposed to any intern, to spread introductions fairly. */
  lastProposedTo(colleagueId: number): Promise<Date | undefined>;
}

export interface SignalRepo {
  save(workspaceId: number, signal: StoredSignal): Promise<void>;
  latest(internshipId: number): Promise<StoredSignal | undefined>;
  between(internshipId: number, from: string, to: string): Promise<StoredSignal[]>;
}

export interface ReflectionRepo {
  save(workspaceId: number, reflection: Omit<Reflection, "createdAt">, at: Date): Promise<void>;
  forInternship(internshipId: number): Promise<Reflection[]>;
}
