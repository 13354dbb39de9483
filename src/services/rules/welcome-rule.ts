import type { Logger } from "pino";
import {
  backupWelcome,
  colleagueWelcome,
  coordinatorWelcome,
  internWelcome,
  supervisorWelcome,
  type WelcomeFacts,
} from "../../domain/copy/welcome.js";
import type { OutboundMessage } from "../../domain/messages.js";
import { welcomeKeys } from "../../domain/outbox-keys.js";
import type { Person } from "../../domain/types.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft, personAddress } from "../notify.js";
import type { PlanRule } from "../planner.js";
import { portalPaths } from "../portal/portal-paths.js";
import { inboxRecords } from "../shared-inbox.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

/**
 * One welcome per person and internship, so nobody's first message from Tandem is an alert: written an
 * hour before the person's first working moment on or after the start (at once, when the internship
 * already runs) and due since the start, so it goes ahead of anything else due for them by then;
 * the outbox keeps contact hours and the daily budget. Only an import
 * wakes this rule (see import-programme.ts), so an older internship is welcomed when it is imported
 * again, never because a milestone changed.
 */
/** Written this long before it is delivered, so what it says is what holds when it arrives. */
const LEAD_MS = 60 * 60_000;

export function createWelcomeRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  /** The person's first working moment on or after the internship's start (or `now`, if later). */
  function firstMoment(ctx: InternshipContext, person: Person, now: Date): Date | undefined {
    const calendar = ctx.calendarOf(person);
    const startOfStart = calendar.workingIntervals(ctx.internship.start)[0]?.start;
    const from = startOfStart && startOfStart > now ? startOfStart : now;
    return calendar.nextWorkingMoment(from);
  }

  /**
   * A coordinator of several interns is welcomed once, with all of them, through the first internship;
   * one by e-mail at several companies once per inbox, by her first record with a running internship
   * (see shared-inbox.ts), with every company's interns.
   */
  async function coordinatorInterns(
    ctx: InternshipContext,
    coordinator: Person,
    now: Date,
  ): Promise<{ intern: Person; company: string }[] | undefined> {
    const today = ctx.calendarOf(coordinator).localDate(now);
    const records = await inboxRecords(store, ctx.workspace, coordinator, (p) =>
      welcomeKeys.person(ctx.internship.id, p.id),
    );
    const found: { intern: Person; company: string }[] = [];
    for (const { workspace, person } of records) {
      const own = person.id === coordinator.id;
      const theirs = (await store.internships.forPerson(workspace.id, person.id)).filter(
        (i) => i.coordinatorId === person.id && (i.end >= today || (own && i.id === ctx.internship.id)),
      );
      if (theirs.length === 0) continue;
      if (found.length === 0) {
        if (!own) return undefined;
        const firstOne = theirs.reduce((a, b) => (b.id < a.id ? b : a), ctx.internship);
        if (firstOne.id !== ctx.internship.id) return undefined;
      }
      for (const i of theirs) {
        if (await store.outbox.get(workspace.id, welcomeKeys.person(i.id, person.id))) return undefined;
        const intern = await store.people.get(workspace.id, i.internId);
        if (intern) found.push({ intern, company: workspace.name });
      }
    }
    return found;
  }

  async function evaluate(ctx: InternshipContext, now: Date): Promise<Evaluation> {
    const { workspace, internship } = ctx;
    const internToday = ctx.calendarOf(ctx.intern).localDate(now);
    if (internToday > internship.end) return { drafts: [], next: undefined };
    const agreement = await store.agreements.current(internship.id);
    const facts = async (reader: Person): Promise<WelcomeFacts> => ({
      intern: ctx.intern,
      supervisor: ctx.supervisor,
      ...(ctx.backupSupervisor ? { backup: ctx.backupSupervisor } : {}),
      ...(ctx.coordinator ? { coordinator: ctx.coordinator } : {}),
      start: internship.start,
      end: internship.end,
      today: ctx.calendarOf(reader).localDate(now),
      terms: ctx.terms,
      ...(agreement
        ? {
            agreement: {
              version: agreement.version,
              acknowledged: agreement.acknowledgedBy.includes(reader.id),
            },
          }
        : {}),
      ...(ctx.intern.ids[workspace.platform] ? { ackValue: ctx.intern.ids[workspace.platform] } : {}),
    });

    const welcomes: { person: Person; key: string; message: () => Promise<OutboundMessage | undefined> }[] = [
      {
        person: ctx.intern,
        key: welcomeKeys.person(internship.id, ctx.intern.id),
        message: async () => internWelcome(await facts(ctx.intern)),
      },
      {
        person: ctx.supervisor,
        key: welcomeKeys.person(internship.id, ctx.supervisor.id),
        message: async () => supervisorWelcome(await facts(ctx.supervisor)),
      },
    ];
    const backup = ctx.backupSupervisor;
    if (backup) {
      welcomes.push({
        person: backup,
        key: welcomeKeys.person(internship.id, backup.id),
        message: async () => backupWelcome(await facts(backup), backup),
      });
    }
    const coordinator = ctx.coordinator;
    if (coordinator) {
      welcomes.push({
        person: coordinator,
        key: welcomeKeys.person(internship.id, coordinator.id),
        message: async () => {
          const interns = await coordinatorInterns(ctx, coordinator, now);
          const byEmail = !coordinator.ids[workspace.platform] && coordinator.email !== undefined;
          if (!interns) return undefined;
          const welcome = coordinatorWelcome(await facts(coordinator), coordinator, interns, byEmail);
          // About several interns, an e-mail links to the portal's start page rather than to one of them.
          return interns.length > 1 ? { ...welcome, portalPath: portalPaths.home() } : welcome;
        },
      });
    }
    if (ctx.terms.introductions.target > 0) {
      for (const colleague of await store.people.colleagues(workspace.id)) {
        if ([ctx.intern, ctx.supervisor, backup, coordinator].some((p) => p?.id === colleague.id)) continue;
        welcomes.push({
          person: colleague,
          key: welcomeKeys.colleague(workspace.id, colleague.id),
          message: async () => colleagueWelcome(colleague, colleague.introCapacity, ctx.intern),
        });
      }
    }

    const drafts: OutboxDraft[] = [];
    const nexts: number[] = [];
    const seen = new Set<number>();
    for (const { person, key, message } of welcomes) {
      // Someone in two roles (a supervisor who coordinates too) reads one welcome, the first role's.
      if (seen.has(person.id)) continue;
      seen.add(person.id);
      // Nobody to write to yet (no chat id, no address): welcomed once they link their account.
      if (!personAddress(workspace, person, key) || (await store.outbox.get(workspace.id, key))) continue;
      const at = firstMoment(ctx, person, now);
      if (!at) continue;
      if (at.getTime() - now.getTime() > LEAD_MS) {
        nexts.push(at.getTime() - LEAD_MS);
        continue;
      }
      const payload = await message();
      // Due since the start of the internship's first day (or a millisecond before the first working
      // moment), so a tick that catches up after a pause still sends it ahead of anything due since.
      const since = Math.min(
        at.getTime() - 1,
        ctx.calendarOf(person).atLocalTime(internship.start, "00:00").getTime(),
      );
      const draft = payload && directDraft(workspace, person, key, payload, new Date(since));
      if (draft) drafts.push(draft);
    }
    return { drafts, next: nexts.length === 0 ? undefined : new Date(Math.min(...nexts)) };
  }

  return createWakeupRule({ kind: "welcome", store, log: deps.log, evaluate });
}
