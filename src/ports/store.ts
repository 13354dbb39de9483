import type { AgreementTerms } from "../domain/agreement-terms.js";
import type { WorkspaceDaysOff } from "../domain/days-off.js";
import type { Milestone, MilestoneHistoryEntry, MilestoneStatus } from "../domain/milestones.js";
import type { Internship, LeavePeriod, LocalDate, Person, Platform, Workspace } from "../domain/types.js";
import type {
  ActivityRepo,
  CheckinRepo,
  IntroductionRepo,
  ReflectionRepo,
  ReplyClockRepo,
  SignalRepo,
} from "./connection-repos.js";
import type { InboundRepo, LeaseRepo, ReplicaRepo, WakeupRepo } from "./coordination-repos.js";
import type { CertificateRepo, EvaluationRepo, LearningAgreementRepo } from "./learning-repos.js";
import type { InstallationRepo, PlatformRefRepo } from "./platform-repos.js";
import type { PortalLimitRepo, PortalLinkRepo, PortalSessionRepo } from "./portal-repos.js";
import type { PersonDataRepo, RetentionRepo } from "./privacy-repos.js";

/** Fields of a person the programme file sets; ids come from the store. */
export type PersonInput = Omit<
  Person,
  "id" | "workspaceId" | "leave" | "languages" | "introCapacity" | "digestsTo"
> & {
  isColleague: boolean;
  languages?: string[];
  introCapacity?: number;
};
export type InternshipInput = Omit<Internship, "id" | "workspaceId">;

/** agreed: was in force (the newest agreed version is); proposed: waits for answers; the rest never applied. */
export type AgreementState = "agreed" | "proposed" | "declined" | "lapsed" | "replaced";

export interface Agreement {
  id: number;
  internshipId: number;
  version: number;
  terms: AgreementTerms;
  state: AgreementState;
  createdBy?: number;
  createdAt: Date;
  /** Who read (agreed versions) or accepted (proposals) this version. */
  acknowledgedBy: number[];
  /** A proposal's answer deadline. */
  lapsesAt?: Date;
  decidedAt?: Date;
  decidedBy?: number;
  declineReason?: string;
}

/** A workspace as read now, with the version of its directory (see findVersioned). */
export interface VersionedWorkspace {
  workspace: Workspace;
  directoryVersion: number;
}

export interface WorkspaceRepo {
  find(platform: Platform, externalId: string): Promise<Workspace | undefined>;
  /**
   * The workspace and its directory version: every write to its people (their platform ids and leave
   * included), internships, their conversations, agreements, holidays and closures changes the version,
   * whoever wrote and in their transaction (migration 0014), and a version never comes back. So what was
   * read about them while the version was V still holds as long as it reads V.
   */
  findVersioned(platform: Platform, externalId: string): Promise<VersionedWorkspace | undefined>;
  get(id: number): Promise<Workspace | undefined>;
  ensure(platform: Platform, externalId: string, name: string, at: Date): Promise<Workspace>;
  list(): Promise<Workspace[]>;
  isEmpty(): Promise<boolean>;
}

/** Holidays and closures the programme file adds to a workspace. */
export interface DaysOffRepo {
  of(workspaceId: number): Promise<WorkspaceDaysOff>;
  /** Replaces them all; returns whether anything changed. */
  replace(workspaceId: number, days: WorkspaceDaysOff): Promise<boolean>;
}

export interface PeopleRepo {
  get(workspaceId: number, id: number): Promise<Person | undefined>;
  /** People by id in any workspace, those that exist (one statement on PostgreSQL); check workspaceId. */
  getEach(ids: readonly number[]): Promise<Person[]>;
  byKey(workspaceId: number, key: string): Promise<Person | undefined>;
  byPlatformId(workspaceId: number, platform: Platform, externalId: string): Promise<Person | undefined>;
  /** Case-insensitive match on key or name, for `@ana` mentions. */
  byHandle(workspaceId: number, handle: string): Promise<Person | undefined>;
  list(workspaceId: number): Promise<Person[]>;
  isColleague(personId: number): Promise<boolean>;
  /** `intro optin` / `intro optout`: whether the person meets interns. */
  setColleague(personId: number, colleague: boolean): Promise<void>;
  /** People who agreed to meet interns, for introductions. */
  colleagues(workspaceId: number): Promise<Person[]>;
  /** Inserts or updates by key; returns the id and whether anything changed. */
  upsert(workspaceId: number, input: PersonInput, at: Date): Promise<{ id: number; changed: boolean }>;
  /** Replaces the leave that came from a given source; returns whether anything changed. */
  replaceLeave(
    workspaceId: number,
    personId: number,
    source: "programme" | "command",
    leave: LeavePeriod[],
    at: Date,
  ): Promise<boolean>;
  addLeave(workspaceId: number, personId: number, period: LeavePeriod, at: Date): Promise<void>;
  leaveOf(personId: number): Promise<(LeavePeriod & { source: "programme" | "command" })[]>;
  /** Everyone with this e-mail address (compared lower-case), across workspaces, by id. */
  byEmail(email: string): Promise<Person[]>;
  /** `my digests email` / `my digests chat`. */
  setDigestsTo(personId: number, where: "chat" | "email"): Promise<void>;
}

export interface InternshipRepo {
  get(workspaceId: number, id: number): Promise<Internship | undefined>;
  /** Internships by id in any workspace, those that exist (one statement on PostgreSQL); check workspaceId. */
  getEach(ids: readonly number[]): Promise<Internship[]>;
  byKey(workspaceId: number, key: string): Promise<Internship | undefined>;
  list(workspaceId: number): Promise<Internship[]>;
  /** Internships where the person has any role, newest first. */
  forPerson(workspaceId: number, personId: number): Promise<Internship[]>;
  /** Internships running on a date (start <= date <= end), across workspaces. */
  activeOn(date: LocalDate): Promise<Internship[]>;
  upsert(workspaceId: number, input: InternshipInput, at: Date): Promise<{ id: number; changed: boolean }>;
  /** Internships whose home channel or registered conversations include this conversation id. */
  byConversation(workspaceId: number, conversation: string): Promise<Internship[]>;
  /** The registered conversations besides the home channel. */
  conversations(internshipId: number): Promise<string[]>;
  replaceConversations(
    workspaceId: number,
    internshipId: number,
    conversations: readonly string[],
  ): Promise<boolean>;
  nudgesPausedUntil(internshipId: number): Promise<Date | undefined>;
  pauseNudges(internshipId: number, until: Date | undefined): Promise<void>;
}

export interface AgreementRepo {
  /** The version in force: the newest agreed one. */
  current(internshipId: number): Promise<Agreement | undefined>;
  /** The terms in force alone (read-only, shared between callers): what rules and clocks use. */
  currentTerms(internshipId: number): Promise<Readonly<AgreementTerms> | undefined>;
  /** currentTerms of several internships at once, by internship id (those with agreed terms). */
  currentTermsEach(internshipIds: readonly number[]): Promise<Map<number, Readonly<AgreementTerms>>>;
  /** The proposal waiting for answers, if any (at most one per internship). */
  proposal(internshipId: number): Promise<Agreement | undefined>;
  /** Every version, agreed or not, oldest first, each with its acknowledgements (the portal's history). */
  versions(internshipId: number): Promise<Agreement[]>;
  /**
   * Writes a new agreed version (1 when none exists), in force at once: the programme file, which both sides
   * signed. An open proposal, written against older terms, is replaced. Acknowledgements stay with their version.
   */
  addVersion(
    workspaceId: number,
    internshipId: number,
    terms: AgreementTerms,
    createdBy: number | undefined,
    at: Date,
  ): Promise<Agreement>;
  /** Writes a proposal (the next version number); an open one is replaced. */
  propose(
    workspaceId: number,
    internshipId: number,
    terms: AgreementTerms,
    createdBy: number,
    at: Date,
    lapsesAt: Date,
  ): Promise<Agreement>;
  /** Ends an open proposal: agreed puts it in force. False when it was no longer open. */
  decide(
    agreementId: number,
    state: "agreed" | "declined" | "lapsed",
    decidedBy: number | undefined,
    at: Date,
    reason?: string,
  ): Promise<boolean>;
  acknowledge(workspaceId: number, agreementId: number, personId: number, at: Date): Promise<boolean>;
}

export interface NewMilestone {
  internshipId: number;
  title: string;
  due: LocalDate;
  /** Absent for a milestone planned in the programme file. */
  createdBy?: number;
}

export interface MilestoneChange {
  status?: MilestoneStatus;
  due?: LocalDate;
  blockReason?: string | null;
  feedback?: string | null;
  moved?: boolean;
}

export interface MilestoneRepo {
  get(workspaceId: number, id: number): Promise<Milestone | undefined>;
  listFor(internshipId: number): Promise<Milestone[]>;
  add(workspaceId: number, input: NewMilestone, at: Date): Promise<Milestone>;
  /** Applies a change and records it in the history in one step. */
  change(
    workspaceId: number,
    milestone: Milestone,
    change: MilestoneChange,
    entry: { action: string; actorId: number; note?: string },
    at: Date,
  ): Promise<Milestone>;
  history(milestoneId: number): Promise<MilestoneHistoryEntry[]>;
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
  /** Members of a group address who already have their copy (see ChatPlatform's GroupProgress). */
  deliveredTo?: string[];
}

export interface OutboxRepo {
  /** Insert-if-absent by (workspace, key); true when a new row was written. */
  enqueue(draft: OutboxDraft, at: Date): Promise<boolean>;
  /**
   * Leases up to `limit` ready rows (pending and due, or sending with an expired lease), of the given
   * workspaces only when `workspaceIds` is set. Two replicas never claim the same row.
   */
  claim(now: Date, leaseMs: number, limit: number, workspaceIds?: readonly number[]): Promise<OutboxItem[]>;
  /**
   * Leases one row by key when it is ready (pending and due, or sending with an expired lease): a reply
   * sent at once, without waiting for a pass. Undefined when it is not (sent, leased by another sender).
   */
  claimKey(workspaceId: number, key: string, now: Date, leaseMs: number): Promise<OutboxItem | undefined>;
  /** The workspaces that have rows ready to send at `now`. */
  readyWorkspaces(now: Date): Promise<number[]>;
  markSent(id: number, at: Date, platformRef: string | undefined): Promise<void>;
  markRetry(id: number, error: string, notBefore: Date): Promise<void>;
  markDead(id: number, error: string): Promise<void>;
  markExpired(id: number): Promise<void>;
  /** Remembers that a member of the row's group address has their copy, so a retry skips them. */
  markDelivered(id: number, member: string): Promise<void>;
  /** Puts a claimed row back untouched until `notBefore` (quiet hours, budget): not a failed attempt. */
  defer(id: number, notBefore: Date): Promise<void>;
  /** A pending row waiting for a later time becomes ready at `at` (a paused workspace resumed). */
  readyAt(id: number, at: Date): Promise<void>;
  /**
   * Withdraws messages not sent yet whose key starts with `prefix`, or with any of several prefixes (they
   * became pointless); returns how many.
   */
  cancelPending(workspaceId: number, prefix: string | readonly string[]): Promise<number>;
  /** Messages delivered to a person since an instant, for the daily budget: replies (inboundReplyKeys) not counted. */
  sentTo(recipientId: number, since: Date): Promise<number>;
  /** sentTo for several people at once (a dispatch batch's recipients: one statement on PostgreSQL), by id. */
  sentToEach(counts: readonly { recipientId: number; since: Date }[]): Promise<Map<number, number>>;
  get(workspaceId: number, key: string): Promise<OutboxItem | undefined>;
  /** Every row (any status) whose key starts with `prefix`, oldest first: a family's history. */
  withPrefix(workspaceId: number, prefix: string): Promise<OutboxItem[]>;
  list(filter?: { status?: OutboxStatus; workspaceId?: number }): Promise<OutboxItem[]>;
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
  record(entry: AuditEntry, at: Date): Promise<void>;
  list(workspaceId: number, limit?: number): Promise<(AuditEntry & { at: Date })[]>;
}

/**
 * People a workspace names as programme admins, by platform user id: besides the platform's own admins and
 * owners, they may set up internships and choose colleagues in chat.
 */
export interface ProgrammeAdminRepo {
  /** Their platform user ids, in the order they were added. */
  list(workspaceId: number): Promise<string[]>;
  has(workspaceId: number, userId: string): Promise<boolean>;
  /** True when newly added; `addedBy` is the platform user id of whoever added them, if anyone. */
  add(workspaceId: number, userId: string, addedBy: string | undefined, at: Date): Promise<boolean>;
  /** True when they were one. */
  remove(workspaceId: number, userId: string): Promise<boolean>;
}

/** Which schema migrations the database has, of those this version of Tandem ships. */
export interface MigrationStatus {
  applied: number[];
  pending: number[];
  current: boolean;
}

/** Every repository: what a transaction and the store share. */
export interface Repositories {
  workspaces: WorkspaceRepo;
  daysOff: DaysOffRepo;
  people: PeopleRepo;
  internships: InternshipRepo;
  agreements: AgreementRepo;
  milestones: MilestoneRepo;
  outbox: OutboxRepo;
  inbound: InboundRepo;
  audit: AuditRepo;
  checkins: CheckinRepo;
  replyClocks: ReplyClockRepo;
  activity: ActivityRepo;
  introductions: IntroductionRepo;
  signals: SignalRepo;
  reflections: ReflectionRepo;
  platformRefs: PlatformRefRepo;
  installations: InstallationRepo;
  wakeups: WakeupRepo;
  leases: LeaseRepo;
  replicas: ReplicaRepo;
  programmeAdmins: ProgrammeAdminRepo;
  learning: LearningAgreementRepo;
  evaluations: EvaluationRepo;
  certificates: CertificateRepo;
  personData: PersonDataRepo;
  retention: RetentionRepo;
  portalLinks: PortalLinkRepo;
  portalSessions: PortalSessionRepo;
  portalLimits: PortalLimitRepo;
}

/**
 * The database behind Tandem: SQLite embedded (one process) or PostgreSQL (any number of replicas). Every
 * repository call is asynchronous; the domain stays synchronous and never sees the store.
 */
export interface Store extends Repositories {
  /**
   * Runs `fn` atomically: any throw rolls every write back. Every store call made while `fn` runs (in its
   * asynchronous context) joins the transaction, and nested calls join the outer one. Await only the store
   * inside: a transaction held across a network call holds the database for everyone.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn` atomically like `transaction`, but may share one commit with other work queued at the same
   * moment (group commit); resolves once that commit is durable. For inbound events. Work with the same
   * `lane` (a conversation) runs in arrival order; a store may run other lanes alongside (PostgreSQL).
   */
  batched<T>(fn: () => Promise<T>, lane?: string): Promise<T>;
  /** Which engine answers: shown by /readyz and the CLI. */
  readonly dialect: "sqlite" | "postgres";
  /** A cheap read that proves the database answers. */
  ping(): Promise<boolean>;
  /** Applied and pending migrations, for /healthz. */
  migrations(): Promise<MigrationStatus>;
  /** A cheap write that proves the database can be written; rejects (disk full, read-only) when not. */
  probeWrite(at: Date): Promise<void>;
  close(): Promise<void>;
  /**
   * A private in-memory copy of everything, to try things on (the week preview runs the real rules on it):
   * nothing done to it reaches this store. Close it after use. SQLite copies its own image; PostgreSQL
   * copies its rows into an in-memory SQLite database. With a scope the copy holds at least that
   * workspace's data (PostgreSQL copies only its rows; SQLite copies everything, which costs no more).
   * Absent where a store cannot make one.
   */
  snapshot?(scope?: { workspaceId: number }): Promise<Store>;
}
