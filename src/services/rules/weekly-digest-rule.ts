import type { Logger } from "pino";
import type { WorkingCalendar } from "../../domain/calendar.js";
import { coordinatorDigestMessages, supervisorDigestMessage, weekTitle } from "../../domain/copy/digest.js";
import { type PatternFacts, patternDigestLine } from "../../domain/copy/pattern.js";
import { addDays, isoWeek, weekStart } from "../../domain/local-date.js";
import type { OutboundMessage } from "../../domain/messages.js";
import { reportKeys } from "../../domain/outbox-keys.js";
import type { Internship, LocalDate, Person } from "../../domain/types.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { type InternshipContext, loadInternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";
import { currentPattern } from "../pattern-facts.js";
import type { PlanRule } from "../planner.js";
import { inboxRecords } from "../shared-inbox.js";
import { attentionPoints, renderBrief, renderChat } from "../summary-render.js";
import { summarizeWeek } from "../week-summary.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

/** Where a recipient stands in their own week: when this week's digest is due, and which week it is about. */
interface DigestSlot {
  /** Monday of the reported (previous) week, in the recipient's calendar. */
  reported: LocalDate;
  week: string;
  /** The first working moment of the recipient's week; undefined when the whole week is off. */
  sendAt: Date | undefined;
  /**
   * A whole week off (leave): the digest is still written at the start of the week and waits for the
   * recipient's next working moment, where the welcome back carries it. Never silently lost.
   */
  heldUntil: Date | undefined;
  /** Midnight starting the recipient's next week: the digest expires then, and the rule looks again. */
  nextWeek: Date;
  /** This week starts after the internship ended: there will be nothing more to report. */
  over: boolean;
}

export function slotOf(calendar: WorkingCalendar, internship: Internship, now: Date): DigestSlot {
  const today = calendar.localDate(now);
  const monday = weekStart(today);
  let sendAt: Date | undefined;
  for (let day = 0; day < 7 && !sendAt; day++) {
    const date = addDays(monday, day);
    if (calendar.isWorkingDay(date)) sendAt = calendar.workingIntervals(date)[0]?.start;
  }
  const reported = addDays(monday, -7);
  let heldUntil: Date | undefined;
  if (!sendAt) {
    try {
      heldUntil = calendar.nextWorkingMoment(calendar.atLocalTime(monday, "00:00"));
    } catch {
      // No working time within years: nobody will read it.
    }
  }
  return {
    reported,
    week: isoWeek(reported),
    sendAt,
    heldUntil,
    nextWeek: calendar.atLocalTime(addDays(monday, 7), "00:00"),
    over: monday > internship.end,
  };
}

/** The reported week touches the internship. */
const overlaps = (internship: Internship, monday: LocalDate) =>
  monday <= internship.end && addDays(monday, 6) >= internship.start;

/**
 * The weekly digest, at the first working moment of the recipient's week, about the week before:
 * to the supervisor about each intern, and to the coordinator one message for all their interns.
 * Always a direct message: it says how an intern is doing, which is not for a channel.
 */
export function createWeeklyDigestRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  /** The intern's own week (Monday to Sunday in their zone) with the reported Monday's date. */
  async function summaryFor(ctx: InternshipContext, internship: Internship, monday: LocalDate, now: Date) {
    return await summarizeWeek(store, internship, monday, now, ctx.calendarOf);
  }

  function draftFor(
    ctx: InternshipContext,
    person: Person,
    key: string,
    slot: DigestSlot,
    message: OutboundMessage,
  ): OutboxDraft | undefined {
    if (slot.sendAt) return directDraft(ctx.workspace, person, key, message, slot.sendAt, slot.nextWeek);
    return slot.heldUntil && directDraft(ctx.workspace, person, key, message, slot.heldUntil);
  }

  const titleOf = (slot: DigestSlot) => weekTitle(slot.week, slot.reported);

  /** The pattern of an internship's last two weeks (late replies, an at-risk signal), if there is one. */
  async function patternOf(
    workspaceId: number,
    internshipId: number,
    now: Date,
  ): Promise<PatternFacts | undefined> {
    const ctx = await loadInternshipContext(store, workspaceId, internshipId);
    // No pattern worth a look once the internship has ended.
    if (!ctx || ctx.calendarOf(ctx.intern).localDate(now) > ctx.internship.end) return undefined;
    return (await currentPattern(store, ctx, now))?.facts;
  }
  /** Coordinator digests built but not yet found in the outbox, by key. */
  const built = new Map<string, OutboxDraft[]>();

  async function supervisorDigest(
    ctx: InternshipContext,
    slot: DigestSlot,
    now: Date,
  ): Promise<OutboxDraft | undefined> {
    const { internship, supervisor } = ctx;
    const key = reportKeys.supervisorDigest(supervisor.id, internship.id, slot.week);
    if (!overlaps(internship, slot.reported) || (await store.outbox.get(ctx.workspace.id, key)))
      return undefined;
    const week = await summaryFor(ctx, internship, slot.reported, now);
    if (!week) return undefined;
    const pattern = patternDigestLine(await patternOf(ctx.workspace.id, internship.id, now));
    const text = renderChat(week.summary, "supervisor");
    const message = supervisorDigestMessage(
      week.summary.intern,
      titleOf(slot),
      pattern ? `${text}\n${pattern}` : text,
      week.intern.key,
    );
    return draftFor(ctx, supervisor, key, slot, message);
  }

  /**
   * One digest for all the coordinator's interns: a short paragraph each, those needing attention
   * first, in as many messages as the size budget needs (keys `digest:<coordinator>:<week>`, then
   * `:2`, `:3`), sent in order. The details are one `digest for @intern` away.
   */
  async function coordinatorDigest(
    ctx: InternshipContext,
    coordinator: Person,
    slot: DigestSlot,
    now: Date,
  ): Promise<OutboxDraft[]> {
    const key = reportKeys.coordinatorDigest(coordinator.id, slot.week);
    if (!overlaps(ctx.internship, slot.reported)) return [];
    if (await store.outbox.get(ctx.workspace.id, key)) {
      built.delete(key);
      return [];
    }
    // Built once, by whichever of the coordinator's internships is looked at first: the planner
    // enqueues after a whole batch, so the others reuse it (inserting it again changes nothing).
    const cached = built.get(key);
    if (cached) return cached;
    // One digest per inbox: a coordinator by e-mail at several companies is one record per company, and
    // the first record with an intern that week writes it for all of them (see shared-inbox.ts).
    const records = await inboxRecords(store, ctx.workspace, coordinator, (p) =>
      reportKeys.coordinatorDigest(p.id, slot.week),
    );
    const found = [];
    for (const record of records) {
      for (const i of await store.internships.forPerson(record.workspace.id, record.person.id)) {
        if (i.coordinatorId !== record.person.id || !overlaps(i, slot.reported)) continue;
        if (found.length === 0 && record.person.id !== coordinator.id) return [];
        const own = record.workspace.id === ctx.workspace.id;
        const context = own ? ctx : await loadInternshipContext(store, record.workspace.id, i.id);
        const week = context && (await summaryFor(context, i, slot.reported, now));
        if (week)
          found.push({
            ...week,
            company: record.workspace.name,
            pattern: await patternOf(record.workspace.id, i.id, now),
          });
      }
    }
    const noChat = !coordinator.ids[ctx.workspace.platform] && coordinator.email !== undefined;
    const weeks = found
      .map((w) => ({ ...w, flagged: attentionPoints(w.summary, w.pattern, noChat).length > 0 }))
      .sort(
        (a, b) => Number(b.flagged) - Number(a.flagged) || a.summary.intern.localeCompare(b.summary.intern),
      );
    if (weeks.length === 0) return [];
    const messages = coordinatorDigestMessages({
      interns: weeks.map((w) => w.summary.intern),
      weekTitle: titleOf(slot),
      briefs: weeks.map((w) => renderBrief(w.summary, w.intern.key, w.pattern, noChat)),
      flagged: weeks.filter((w) => w.flagged).length,
      example: weeks[0]!.intern.key,
      noChat,
      companies: weeks.map((w) => w.company),
    });
    const drafts = messages
      .map((message, i) =>
        draftFor(
          ctx,
          coordinator,
          reportKeys.coordinatorDigestPart(coordinator.id, slot.week, i + 1),
          slot,
          message,
        ),
      )
      .filter((d) => d !== undefined);
    built.set(key, drafts);
    return drafts;
  }

  async function evaluate(ctx: InternshipContext, now: Date): Promise<Evaluation> {
    const drafts: OutboxDraft[] = [];
    const nexts: Date[] = [];
    const recipients: [Person, (slot: DigestSlot) => Promise<OutboxDraft[]>][] = [
      [
        ctx.supervisor,
        async (slot) => [await supervisorDigest(ctx, slot, now)].filter((d) => d !== undefined),
      ],
    ];
    const coordinator = ctx.coordinator;
    if (coordinator)
      recipients.push([coordinator, async (slot) => await coordinatorDigest(ctx, coordinator, slot, now)]);
    for (const [person, build] of recipients) {
      const slot = slotOf(ctx.calendarOf(person), ctx.internship, now);
      if (slot.sendAt && now.getTime() < slot.sendAt.getTime()) {
        nexts.push(slot.sendAt);
        continue;
      }
      if (slot.sendAt || slot.heldUntil) drafts.push(...(await build(slot)));
      if (!slot.over) nexts.push(slot.nextWeek);
    }
    const next = nexts.length === 0 ? undefined : new Date(Math.min(...nexts.map((d) => d.getTime())));
    return { drafts, next };
  }

  return createWakeupRule({ kind: "digest", store, log: deps.log, evaluate });
}
