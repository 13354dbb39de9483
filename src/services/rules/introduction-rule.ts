import type { Logger } from "pino";
import { isAway } from "../../domain/availability.js";
import {
  type Candidate,
  chooseColleague,
  countryName,
  describeOverlap,
  profileOf,
  weeklyOverlap,
} from "../../domain/colleague-choice.js";
import { introFollowUp, introRequest } from "../../domain/copy/intro.js";
import { coverage } from "../../domain/coverage.js";
import type { Duration } from "../../domain/duration.js";
import { formatInstant } from "../../domain/format.js";
import { toEpochDay } from "../../domain/local-date.js";
import type { OutboundMessage } from "../../domain/messages.js";
import { introKeys } from "../../domain/outbox-keys.js";
import type { Introduction } from "../../domain/records.js";
import type { Person } from "../../domain/types.js";
import { nextWorkingDayStart } from "../../domain/working-days.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";
import type { PlanRule } from "../planner.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

/** One working week: between two proposals, for a colleague's answer, and before "did you meet?". */
export const WORKING_WEEK: Duration = { amount: 5, unit: "d" };
/** A colleague who is away longer than this (leave, holidays) is not asked now. */
const REACHABLE_WITHIN_MS = 4 * 86_400_000;

const earliest = (dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));

/**
 * Introductions: about once a week, until the agreement's plan is reached, a colleague who agreed to
 * meet interns is asked first (consent); a working week after they said yes, both are asked whether
 * they met. Requests not answered within a working week of the colleague lapse without a reminder.
 */
export function createIntroductionRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;
  const log = deps.log.child({ rule: "introductions" });

  function askMessage(ctx: InternshipContext, colleague: Person, intro: Introduction): OutboundMessage {
    const { intern } = ctx;
    const colleagueCalendar = ctx.calendarOf(colleague);
    const overlap = weeklyOverlap(
      colleagueCalendar,
      ctx.calendarOf(intern),
      colleagueCalendar.localDate(intro.proposedAt),
    );
    return introRequest({
      introId: intro.id,
      intern: intern.name,
      internCountry: countryName(intern.country),
      internProfile: profileOf(intern),
      supervisor: ctx.supervisor.name,
      sharedHours: describeOverlap(overlap, colleague.timezone, intern.timezone),
      capacity: colleague.introCapacity,
    });
  }

  function followUp(intro: Introduction, to: Person, other: Person, acceptedAt: Date): OutboundMessage {
    const when = formatInstant(acceptedAt, to.timezone);
    return introFollowUp(intro.id, intro.rescheduled, other.name, when);
  }

  /** Colleagues who could be asked today, with what the choice needs to know about them. */
  async function candidates(ctx: InternshipContext, now: Date): Promise<Candidate[]> {
    const { workspace, internship } = ctx;
    const roles = new Set([
      internship.internId,
      internship.supervisorId,
      internship.backupSupervisorId,
      internship.coordinatorId,
    ]);
    const out: Candidate[] = [];
    for (const person of await store.people.colleagues(workspace.id)) {
      // Never suggest someone who is away (isAway: the same helper the nudges use).
      if (roles.has(person.id) || !person.ids[workspace.platform] || isAway(person, now)) continue;
      // Someone who is an intern themselves is introduced to colleagues, not to other interns.
      const isIntern = (await store.internships.forPerson(workspace.id, person.id)).some(
        (i) => i.internId === person.id && i.end >= ctx.calendarOf(ctx.intern).localDate(now),
      );
      if (isIntern) continue;
      try {
        const calendar = ctx.calendarOf(person);
        if (calendar.nextWorkingMoment(now).getTime() - now.getTime() > REACHABLE_WITHIN_MS) continue;
        const monthStart = calendar.atLocalTime(`${calendar.localDate(now).slice(0, 7)}-01`, "00:00");
        const candidate: Candidate = {
          person,
          calendar,
          usedThisMonth: await store.introductions.countForColleagueSince(person.id, monthStart),
        };
        const last = await store.introductions.lastProposedTo(person.id);
        if (last) candidate.lastProposedAt = last;
        out.push(candidate);
      } catch (error) {
        log.warn({ err: error, person: person.key }, "skipping a colleague whose calendar cannot be built");
      }
    }
    return out;
  }

  async function propose(
    ctx: InternshipContext,
    intros: Introduction[],
    now: Date,
  ): Promise<OutboxDraft | undefined> {
    const { workspace, internship, intern } = ctx;
    const calendar = ctx.calendarOf(intern);
    const met = coverage(intros, await peopleOf(ctx, intros), ctx.terms.introductions).met;
    const colleague = chooseColleague({
      intern,
      internCalendar: calendar,
      candidates: await candidates(ctx, now),
      alreadyAsked: new Set(intros.map((i) => i.colleagueId)),
      metDepartments: new Set(met.map((p) => p.department).filter((d): d is string => d !== undefined)),
      // The intern's own country counts as known: introductions are about other ways of working.
      metCountries: new Set([intern.country, ...met.map((p) => p.country)]),
      now,
      seed: internship.id * 7919 + Math.floor(toEpochDay(calendar.localDate(now)) / 7),
    });
    if (!colleague) {
      log.debug({ internshipId: internship.id }, "no colleague can be asked today");
      return undefined;
    }
    const intro = await store.introductions.propose(workspace.id, internship.id, colleague.id, now);
    if (!intro) return undefined;
    await store.audit.record(
      {
        workspaceId: workspace.id,
        actorLabel: "tandem",
        action: "introduction.propose",
        entity: "introduction",
        entityId: intro.id,
        detail: { internship: internship.key, colleague: colleague.key },
      },
      now,
    );
    return askDraft(ctx, colleague, intro);
  }

  function askDraft(ctx: InternshipContext, colleague: Person, intro: Introduction) {
    const lapsesAt = ctx.calendarOf(colleague).addWorkingTime(intro.proposedAt, WORKING_WEEK);
    const message = askMessage(ctx, colleague, intro);
    return directDraft(
      ctx.workspace,
      colleague,
      introKeys.ask(intro.id),
      message,
      intro.proposedAt,
      lapsesAt,
    );
  }

  async function peopleOf(ctx: InternshipContext, intros: Introduction[]): Promise<Map<number, Person>> {
    const people = new Map<number, Person>();
    for (const intro of intros) {
      const person = await store.people.get(ctx.workspace.id, intro.colleagueId);
      if (person) people.set(person.id, person);
    }
    return people;
  }

  async function evaluate(ctx: InternshipContext, now: Date): Promise<Evaluation> {
    const { workspace, internship, intern } = ctx;
    const calendar = ctx.calendarOf(intern);
    const today = calendar.localDate(now);
    if (today < internship.start)
      return { drafts: [], next: calendar.atLocalTime(internship.start, "00:00") };
    if (today > internship.end) return { drafts: [], next: undefined };
    const drafts: OutboxDraft[] = [];
    const wakes: Date[] = [nextWorkingDayStart(calendar, now)];
    const intros = await store.introductions.forInternship(internship.id);
    const people = await peopleOf(ctx, intros);
    let pending = false;
    for (const intro of intros) {
      const colleague = people.get(intro.colleagueId);
      if (!colleague) continue;
      if (intro.status === "proposed") {
        const lapsesAt = ctx.calendarOf(colleague).addWorkingTime(intro.proposedAt, WORKING_WEEK);
        if (now >= lapsesAt) {
          // Unanswered counts as "not now": no reminder, and this colleague is not asked again for this intern.
          await store.introductions.setStatus(intro.id, "declined", now, { lapsed: true });
          await store.audit.record(
            {
              workspaceId: workspace.id,
              actorLabel: "tandem",
              action: "introduction.lapse",
              entity: "introduction",
              entityId: intro.id,
            },
            now,
          );
          intro.status = "declined";
          continue;
        }
        pending = true;
        wakes.push(lapsesAt);
        const ask = askDraft(ctx, colleague, intro);
        if (ask) drafts.push(ask);
      } else if (intro.status === "accepted") {
        const acceptedAt = intro.respondedAt ?? intro.proposedAt;
        const dueAt = calendar.addWorkingTime(acceptedAt, WORKING_WEEK);
        if (now < dueAt) {
          pending = true;
          wakes.push(dueAt);
          continue;
        }
        // Asked within the following working week; after that the question is stale and is not sent.
        const staleAt = calendar.addWorkingTime(dueAt, WORKING_WEEK);
        if (now >= staleAt) continue;
        for (const [to, other] of [
          [intern, colleague],
          [colleague, intern],
        ] as const) {
          const message = followUp(intro, to, other, acceptedAt);
          const draft = directDraft(workspace, to, introKeys.followUp(intro, to.id), message, dueAt, staleAt);
          if (draft) drafts.push(draft);
        }
      }
    }
    if (
      pending ||
      coverage(intros, people, ctx.terms.introductions).reached ||
      !intern.ids[workspace.platform]
    ) {
      return { drafts, next: earliest(wakes) };
    }
    const pausedUntil = await store.internships.nudgesPausedUntil(internship.id);
    if (pausedUntil && pausedUntil > now) return { drafts, next: earliest([...wakes, pausedUntil]) };
    const lastProposal = intros.reduce<Date | undefined>(
      (last, i) => (!last || i.proposedAt > last ? i.proposedAt : last),
      undefined,
    );
    const gapEnds = lastProposal && calendar.addWorkingTime(lastProposal, WORKING_WEEK);
    if (gapEnds && now < gapEnds) return { drafts, next: earliest([...wakes, gapEnds]) };
    if (!calendar.isWorkingTime(now)) {
      return { drafts, next: earliest([...wakes, calendar.nextWorkingMoment(now)]) };
    }
    const ask = await propose(ctx, intros, now);
    if (ask) drafts.push(ask);
    return { drafts, next: earliest(wakes) };
  }

  return createWakeupRule({ kind: "introductions", store, log: deps.log, evaluate });
}
