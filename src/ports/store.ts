import type { AgreementTerms } from "../domain/agreement.js";
import type { Checkin, CheckinAnswers, CheckinStatus } from "../domain/checkins.js";
import type { Milestone, MilestoneHistoryEntry, MilestoneStatus } from "../domain/milestones.js";
import type {
  Exchange,
  Introduction,
  IntroductionStatus,
  Meeting,
  Reflection,
  StoredSignal,
} from "../domain/records.js";
import type { CloseReason, TrackedMessage } from "../domain/reply-records.js";
import type { Internship, LeavePeriod, LocalDate, Person, Platform, Workspace } from "../domain/types.js";

/** Fields of a person the programme file sets; ids come from the store. */
export type PersonInput = Omit<Person, "id" | "workspaceId" | "leave" | "languages" | "introCapacity"> & {
  isColleague: boolean;
  languages?: string[];
  introCapacity?: number;
};
export type InternshipInput = Omit<Internship, "id" | "workspaceId">;

export interface Agreement {
  id: number;
  internshipId: number;
  version: number;
  terms: AgreementTerms;
  createdBy?: number;
  createdAt: Date;
  acknowledgedBy: number[];
}

export interface WorkspaceRepo {
  find(platform: Platform, externalId: string): Workspace | undefined;
  get(id: number): Workspace | undefined;
  ensure(platform: Platform, externalId: string, name: string, at: Date): Workspace;
  list(): Workspace[];
  isEmpty(): boolean;
}

export interface PeopleRepo {
  get(workspaceId: number, id: number): Person | undefined;
  byKey(workspaceId: number, key: string): Person | undefined;
  byPlatformId(workspaceId: number, platform: Platform, externalId: string): Person | undefined;
  /** Case-insensitive match on key or name, for `@ana` mentions. */
  byHandle(workspaceId: number, handle: string): Person | undefined;
  list(workspaceId: number): Person[];
  isColleague(personId: number): boolean;
  /** `intro optin` / `intro optout`: whether the person meets interns. */
  setColleague(personId: number, colleague: boolean): void;
  /** People who agreed to meet interns, for introductions. */
  colleagues(workspaceId: number): Person[];
  /** Inserts or updates by key; returns the id and whether anything changed. */
  upsert(workspaceId: number, input: PersonInput, at: Date): { id: number; changed: boolean };
  /** Replaces the leave that came from a given source; returns whether anything changed. */
  replaceLeave(
    workspaceId: number,
    personId: number,
    source: "programme" | "command",
    leave: LeavePeriod[],
    at: Date,
  ): boolean;
  addLeave(workspaceId: number, personId: number, period: LeavePeriod, at: Date): void;
  leaveOf(personId: number): (LeavePeriod & { source: "programme" | "command" })[];
}

export interface InternshipRepo {
  get(workspaceId: number, id: number): Internship | undefined;
  byKey(workspaceId: number, key: string): Internship | undefined;
  list(workspaceId: number): Internship[];
  /** Internships where the person has any role, newest first. */
  forPerson(workspaceId: number, personId: number): Internship[];
  /** Internships running on a date (start <= date <= end), across workspaces. */
  activeOn(date: LocalDate): Internship[];
  upsert(workspaceId: number, input: InternshipInput, at: Date): { id: number; changed: boolean };
  /** Internships whose home channel or registered conversations include this conversation id. */
  byConversation(workspaceId: number, conversation: string): Internship[];
  /** The registered conversations besides the home channel. */
  conversations(internshipId: number): string[];
  replaceConversations(workspaceId: number, internshipId: number, conversations: readonly string[]): boolean;
  nudgesPausedUntil(internshipId: number): Date | undefined;
  pauseNudges(internshipId: number, until: Date | undefined): void;
}

export interface AgreementRepo {
  current(internshipId: number): Agreement | undefined;
  /** Writes a new version (1 when none exists); earlier acknowledgements stay with their version. */
  addVersion(
    workspaceId: number,
    internshipId: number,
    terms: AgreementTerms,
    createdBy: number | undefined,
    at: Date,
  ): Agreement;
  acknowledge(workspaceId: number, agreementId: number, personId: number, at: Date): boolean;
}

export interface NewMilestone {
  internshipId: number;
  title: string;
  due: LocalDate;
  createdBy: number;
}

export interface MilestoneChange {
  status?: MilestoneStatus;
  due?: LocalDate;
  blockReason?: string | null;
  feedback?: string | null;
  moved?: boolean;
}

export interface MilestoneRepo {
  get(workspaceId: number, id: number): Milestone | undefined;
  listFor(internshipId: number): Milestone[];
  add(workspaceId: number, input: NewMilestone, at: Date): Milestone;
  /** Applies a change and records it in the history in one step. */
  change(
    workspaceId: number,
    milestone: Milestone,
    change: MilestoneChange,
    entry: { action: string; actorId: number; note?: string },
    at: Date,
  ): Milestone;
  history(milestoneId: number): MilestoneHistoryEntry[];
}

export type OutboxStatus = "pending" | "sending" | "sent" | "dead" | "expired";

export interface OutboxDraft {
  workspaceId: number;
  /** Deterministic: says what is due, never when the tick ran. */
  key: string;
  recipientId?: number;
  address: string;
  payload: import("../domain/messages.js").OutboundMessage;
  notBefore: Date;
  /** After this instant the message is no longer worth sending (e.g. a check-in in the evening). */
  expiresAt?: Date;
}

export interface OutboxItem extends OutboxDraft {
  id: number;
  status: OutboxStatus;
  attempts: number;
  lastError?: string;
  platformRef?: string;
  sentAt?: Date;
}

export interface OutboxRepo {
  /** Insert-if-absent by (workspace, key); true when a new row was written. */
  enqueue(draft: OutboxDraft, at: Date): boolean;
  /** Leases up to `limit` ready rows (pending and due, or sending with an expired lease). */
  claim(now: Date, leaseMs: number, limit: number): OutboxItem[];
  markSent(id: number, at: Date, platformRef: string | undefined): void;
  markRetry(id: number, error: string, notBefore: Date): void;
  markDead(id: number, error: string): void;
  markExpired(id: number): void;
  /** Puts a claimed row back untouched until `notBefore` (quiet hours, budget): not a failed attempt. */
  defer(id: number, notBefore: Date): void;
  /** Withdraws messages not sent yet whose key starts with `prefix` (they became pointless); returns how many. */
  cancelPending(workspaceId: number, prefix: string): number;
  /** Messages delivered to a person since an instant, for the daily budget. */
  sentTo(recipientId: number, since: Date): number;
  get(workspaceId: number, key: string): OutboxItem | undefined;
  list(filter?: { status?: OutboxStatus; workspaceId?: number }): OutboxItem[];
}

export interface InboundRepo {
  /** Records a delivery id; false when it was seen before (a redelivery). */
  firstSeen(platform: Platform, workspace: string, eventId: string, at: Date): boolean;
  forget(platform: Platform, workspace: string, eventId: string): void;
  prune(olderThan: Date): number;
}

export interface AuditEntry {
  workspaceId: number;
  actorId?: number;
  actorLabel: string;
  action: string;
  entity: string;
  entityId?: number;
  detail?: unknown;
}

export interface AuditRepo {
  record(entry: AuditEntry, at: Date): void;
  list(workspaceId: number, limit?: number): (AuditEntry & { at: Date })[];
}

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
export interface ClockRepo {
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

/** Adapter-owned references for reaching people later (Teams conversation references). */
export interface PlatformRefRepo {
  save(
    platform: Platform,
    workspace: string,
    kind: "user" | "conversation",
    key: string,
    reference: string,
    at: Date,
  ): void;
  get(platform: Platform, workspace: string, kind: "user" | "conversation", key: string): string | undefined;
}

/** A platform's installation per workspace (Slack OAuth), stored as the adapter's encrypted text. */
export interface InstallationRepo {
  save(platform: Platform, workspace: string, data: string, at: Date): void;
  get(platform: Platform, workspace: string): string | undefined;
  remove(platform: Platform, workspace: string): void;
}

/** When each rule next needs to look at an internship; see migrations/0002_followup.sql. */
export interface WakeupRepo {
  due(kind: string, now: Date, limit: number): { workspaceId: number; internshipId: number }[];
  set(workspaceId: number, internshipId: number, kind: string, at: Date): void;
  /** Brings the wake-ups of these kinds forward to `at` (never later than already planned). */
  touch(workspaceId: number, internshipId: number, kinds: readonly string[], at: Date): void;
  clear(internshipId: number, kind: string): void;
  get(internshipId: number, kind: string): Date | undefined;
}

export interface Store {
  /** Runs `fn` atomically: any throw rolls every write back. Nested calls join the outer one. */
  transaction<T>(fn: () => T): T;
  workspaces: WorkspaceRepo;
  people: PeopleRepo;
  internships: InternshipRepo;
  agreements: AgreementRepo;
  milestones: MilestoneRepo;
  outbox: OutboxRepo;
  inbound: InboundRepo;
  audit: AuditRepo;
  checkins: CheckinRepo;
  clocks: ClockRepo;
  activity: ActivityRepo;
  introductions: IntroductionRepo;
  signals: SignalRepo;
  reflections: ReflectionRepo;
  platformRefs: PlatformRefRepo;
  installations: InstallationRepo;
  wakeups: WakeupRepo;
  /** A cheap read that proves the database answers. */
  ping(): boolean;
  close(): void;
}
