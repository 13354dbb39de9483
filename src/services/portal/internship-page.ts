/**
 * Everything the portal's internship page shows about one internship, as plain data: the report's summary
 * plus the series behind its charts (connectedness, reply times per week, the connection signal) and the
 * records behind its lists (milestone history, introductions, agreement versions). Who may open the page
 * is access.ts's question; this only decides what a role reads on it (reflections: coordinator and intern).
 */
import { describeTerms } from "../../domain/agreement.js";
import { neutralizeMentions } from "../../domain/escape.js";
import { isoWeek } from "../../domain/local-date.js";
import { type MilestoneShownStatus, shownStatus } from "../../domain/milestones.js";
import { type IntroductionStatus, type IsolationLevel, introductionLapsed } from "../../domain/records.js";
import { type FiguresByDirection, figuresByWeek } from "../../domain/reply-figures.js";
import type { LocalDate, Person, Role } from "../../domain/types.js";
import type { AgreementState, Store } from "../../ports/store.js";
import { type InternshipContext, loadInternshipContext } from "../internship-context.js";
import {
  type InternshipSummary,
  signalReasons,
  summarizeWholeInternship,
  watchedSince,
} from "../internship-summary.js";
import { agreedHours, earlierDate } from "./portal-figures.js";

export interface TimelineEvent {
  date: LocalDate;
  /** add, move, done, accept, block, reopen, as stored. */
  action: string;
  by: string | undefined;
  fromDue?: LocalDate;
  toDue?: LocalDate;
  /** A move's reason, a block's reason or the acceptance feedback. */
  note?: string;
}

export interface TimelineMilestone {
  id: number;
  title: string;
  due: LocalDate;
  status: MilestoneShownStatus;
  moves: number;
  feedback: string | undefined;
  events: TimelineEvent[];
}

export interface ReplyWeek {
  /** ISO week of the question, in the intern's zone. */
  week: string;
  figures: FiguresByDirection;
}

export interface SignalPoint {
  date: LocalDate;
  level: IsolationLevel;
  reasons: string[];
  /** The level differs from the day before (or it is the first day): the rows the change table shows. */
  changed: boolean;
}

export interface IntroductionLine {
  colleague: string;
  department: string | undefined;
  country: string | undefined;
  /** "lapsed": the colleague never answered (stored as declined, without an answer). */
  status: IntroductionStatus | "lapsed";
  proposed: LocalDate;
}

export interface AgreementVersion {
  version: number;
  state: AgreementState;
  created: LocalDate;
  createdBy: string | undefined;
  decided: LocalDate | undefined;
  acknowledgedBy: string[];
  /** The terms people read first, in words. */
  terms: string[];
}

export interface InternshipPage {
  workspaceId: number;
  internshipId: number;
  company: string;
  intern: string;
  supervisor: string;
  backupSupervisor: string | undefined;
  coordinator: string | undefined;
  start: LocalDate;
  end: LocalDate;
  /** The viewer's parts in this internship. */
  roles: Role[];
  /** The whole internship so far: the report and its downloads. Reflections only for those who may read them. */
  summary: InternshipSummary;
  milestones: TimelineMilestone[];
  connectedness: { date: LocalDate; score: number }[];
  replyWeeks: ReplyWeek[];
  /** The agreed reply times in hours (undefined when given in contact days) and as written. */
  agreed: {
    company: { hours: number | undefined; text: string };
    intern: { hours: number | undefined; text: string };
  };
  signals: SignalPoint[];
  introductions: IntroductionLine[];
  agreements: AgreementVersion[];
  /** Undefined when the viewer may not read them (a supervisor): the page leaves the section out. */
  reflections: { week: string; text: string }[] | undefined;
}

/** Reflections the intern shared are for the coordinator; the intern reads their own. */
export const readsReflections = (roles: readonly Role[]) =>
  roles.includes("coordinator") || roles.includes("intern");

const safe = neutralizeMentions;

async function nameOf(
  store: Store,
  ctx: InternshipContext,
  cache: Map<number, Person | undefined>,
  id?: number,
) {
  if (id === undefined) return undefined;
  if (!cache.has(id)) cache.set(id, await store.people.get(ctx.workspace.id, id));
  const person = cache.get(id);
  return person && safe(person.name);
}

/** Undefined when the internship or its intern and supervisor are gone. */
export async function buildInternshipPage(
  store: Store,
  workspaceId: number,
  internshipId: number,
  roles: readonly Role[],
  now: Date,
): Promise<InternshipPage | undefined> {
  const ctx = await loadInternshipContext(store, workspaceId, internshipId);
  const summary = ctx && (await summarizeWholeInternship(store, workspaceId, internshipId, now));
  if (!ctx || !summary) return undefined;
  const { internship, intern } = ctx;
  const calendar = ctx.calendarOf(intern);
  const localDate = (at: Date) => calendar.localDate(at);
  const today = localDate(now);
  const people = new Map<number, Person | undefined>(
    [ctx.intern, ctx.supervisor, ctx.backupSupervisor, ctx.coordinator]
      .filter((p): p is Person => p !== undefined)
      .map((p) => [p.id, p]),
  );
  const name = (id?: number) => nameOf(store, ctx, people, id);

  const milestones: TimelineMilestone[] = [];
  for (const m of await store.milestones.listFor(internship.id)) {
    const events: TimelineEvent[] = [];
    for (const h of await store.milestones.history(m.id)) {
      const event: TimelineEvent = { date: localDate(h.at), action: h.action, by: await name(h.actorId) };
      if (h.fromDue !== undefined && h.toDue !== undefined && h.fromDue !== h.toDue) {
        event.fromDue = h.fromDue;
        event.toDue = h.toDue;
      }
      if (h.note) event.note = safe(h.note);
      events.push(event);
    }
    milestones.push({
      id: m.id,
      title: safe(m.title),
      due: m.due,
      status: shownStatus(m, today),
      moves: m.moves,
      feedback: m.feedback && safe(m.feedback),
      events,
    });
  }

  const startAt = calendar.atLocalTime(internship.start, "00:00");
  const clocks = await store.replyClocks.since(internship.id, startAt);
  const replyWeeks = [...figuresByWeek(clocks, now, (at) => isoWeek(localDate(at)))].map(
    ([week, figures]) => ({ week, figures }),
  );

  const lastDay = earlierDate(today, internship.end);
  const signals: SignalPoint[] = [];
  for (const s of await store.signals.between(internship.id, internship.start, lastDay)) {
    const reasons = signalReasons(s, intern.name, watchedSince(internship, localDate));
    const before = signals.at(-1);
    // A change is a change of level: reasons reworded day by day (a count of days growing) are not one.
    const changed = !before || before.level !== s.level;
    signals.push({ date: s.date, level: s.level, reasons, changed });
  }

  const introductions: IntroductionLine[] = [];
  for (const i of await store.introductions.forInternship(internship.id)) {
    const colleague = await store.people.get(workspaceId, i.colleagueId);
    introductions.push({
      colleague: colleague ? safe(colleague.name) : `person #${i.colleagueId}`,
      department: colleague?.department && safe(colleague.department),
      country: colleague?.country,
      status: introductionLapsed(i) ? "lapsed" : i.status,
      proposed: localDate(i.proposedAt),
    });
  }

  const agreements: AgreementVersion[] = [];
  for (const a of await store.agreements.versions(internship.id)) {
    const acknowledgedBy: string[] = [];
    for (const id of a.acknowledgedBy) acknowledgedBy.push((await name(id)) ?? `person #${id}`);
    agreements.push({
      version: a.version,
      state: a.state,
      created: localDate(a.createdAt),
      createdBy: await name(a.createdBy),
      decided: a.decidedAt && localDate(a.decidedAt),
      acknowledgedBy,
      terms: describeTerms(a.terms),
    });
  }

  const reads = readsReflections(roles);
  return {
    workspaceId,
    internshipId,
    company: ctx.workspace.name,
    intern: safe(intern.name),
    supervisor: safe(ctx.supervisor.name),
    backupSupervisor: ctx.backupSupervisor && safe(ctx.backupSupervisor.name),
    coordinator: ctx.coordinator && safe(ctx.coordinator.name),
    start: internship.start,
    end: internship.end,
    roles: [...roles],
    summary: reads ? summary : { ...summary, reflections: [] },
    milestones,
    connectedness: summary.checkins.scores,
    replyWeeks,
    agreed: {
      company: {
        hours: agreedHours(ctx.terms.replyWithin.supervisor),
        text: ctx.terms.replyWithin.supervisor,
      },
      intern: { hours: agreedHours(ctx.terms.replyWithin.intern), text: ctx.terms.replyWithin.intern },
    },
    signals,
    introductions,
    agreements,
    reflections: reads ? summary.reflections : undefined,
  };
}
