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
  get(internshipId: number, date: LocalDate): Checkin | undefined;
  byId(workspaceId: number, id: number): Checkin | undefined;
  /** Insert-if-absent: one row per internship and local date. */
  create(
    workspaceId: number,
    internshipId: number,
    date: LocalDate,
    status: "due" | "skipped",
    at: Date,
  ): boolean;
  setStatus(id: number, status: CheckinStatus, sentAt?: Date): void;
  answer(id: number, answers: CheckinAnswers, status: CheckinStatus, at: Date): void;
  /** Closes a day once (missed/skipped decided, summary queued); false when it was closed before. */
  settle(id: number, status: CheckinStatus, at: Date): boolean;
  /** Rows of earlier dates whose day has not been closed yet. */
  unsettledBefore(internshipId: number, date: LocalDate): Checkin[];
  recent(internshipId: number, limit: number): Checkin[];
  between(internshipId: number, from: LocalDate, to: LocalDate): Checkin[];
}

export type NewClock = Omit<TrackedMessage, "id" | "closedAt" | "closedBy" | "closeReason" | "replyMs">;

/** Reply-time clocks (tracked_messages). */
export interface ReplyClockRepo {
  /** Insert-if-absent per message; undefined when the message already had a clock. */
  start(input: NewClock): TrackedMessage | undefined;
  openIn(workspaceId: number, conversation: string): TrackedMessage[];
  openByMessage(workspaceId: number, messageRef: string): TrackedMessage[];
  openFor(internshipId: number): TrackedMessage[];
  openAskedBy(workspaceId: number, personId: number): TrackedMessage[];
  /** Every clock of an internship started since an instant, open or closed: for the figures. */
  since(internshipId: number, from: Date): TrackedMessage[];
  close(id: number, at: Date, by: number | undefined, reason: CloseReason, replyMs?: number): boolean;
  setDue(id: number, dueAt: Date): void;
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
  ): void;
  /** The last time this person wrote in the internship's tracked conversations. */
  lastBy(internshipId: number, personId: number): Date | undefined;
  /** Everyone who wrote in a thread (or top-level message) of the internship. */
  threadParticipants(internshipId: number, conversation: string, threadKey: string): number[];
  addExchange(workspaceId: number, exchange: Exchange): void;
  exchangesSince(internshipId: number, from: Date): Exchange[];
  addMeeting(
    workspaceId: number,
    internshipId: number,
    personId: number,
    note: string | undefined,
    at: Date,
  ): Meeting;
  meetingsSince(internshipId: number, from: Date): Meeting[];
  lastMeeting(internshipId: number): Meeting | undefined;
}

export interface IntroductionRepo {
  get(workspaceId: number, id: number): Introduction | undefined;
  forInternship(internshipId: number): Introduction[];
  /** Every introduction a colleague was asked for, oldest first (their `status`). */
  forColleague(colleagueId: number): Introduction[];
  /** Insert-if-absent per intern and colleague: one introduction per pair, ever. */
  propose(workspaceId: number, internshipId: number, colleagueId: number, at: Date): Introduction | undefined;
  setStatus(
    id: number,
    status: IntroductionStatus,
    at: Date,
    fields?: { conversation?: string; metAnswer?: boolean; rescheduled?: boolean },
  ): void;
  /** Introductions proposed to a colleague since an instant (for the monthly capacity), declined ones excluded. */
  countForColleagueSince(colleagueId: number, from: Date): number;
  /** When a colleague was last proposed to any intern, to spread introductions fairly. */
  lastProposedTo(colleagueId: number): Date | undefined;
}

export interface SignalRepo {
  save(workspaceId: number, signal: StoredSignal): void;
  latest(internshipId: number): StoredSignal | undefined;
  between(internshipId: number, from: string, to: string): StoredSignal[];
}

export interface ReflectionRepo {
  save(workspaceId: number, reflection: Omit<Reflection, "createdAt">, at: Date): void;
  forInternship(internshipId: number): Reflection[];
}
