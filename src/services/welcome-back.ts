import { type AwaySections, awayLines, emptySections } from "../domain/copy/welcome-back.js";
import { formatInstant } from "../domain/format.js";
import { addDays, isoWeek } from "../domain/local-date.js";
import { isolationKeys, replyKeys } from "../domain/outbox-keys.js";
import type { Internship, LeavePeriod, Person } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import { type InternshipContext, loadInternshipContexts } from "./internship-context.js";

/** ISO weeks touched by the days from `from` to `to`. */
function weeksOf(from: string, to: string): string[] {
  const weeks = new Set<string>();
  for (let day = from; day <= to; day = addDays(day, 1)) weeks.add(isoWeek(day));
  return [...weeks];
}

/**
 * What happened in the person's running internships while they were away, most important first:
 * at-risk notes, blockers, milestones waiting for acceptance, overdue questions, then the rest.
 */
export async function awaySections(
  store: Store,
  person: Person,
  leave: LeavePeriod,
  today: string,
  now: Date,
): Promise<AwaySections> {
  const sections = emptySections();
  const contexts = await loadInternshipContexts(
    store,
    person.workspaceId,
    (await store.internships.forPerson(person.workspaceId, person.id)).filter(
      (i) => i.start <= today && today <= addDays(i.end, 14),
    ),
  );
  for (const ctx of contexts) {
    if (isCompanySide(person, ctx.internship))
      await addCompanySide(store, sections, ctx, person, leave, today, now);
    await addOverdue(store, sections, ctx, person, now);
  }
  return sections;
}

const isCompanySide = (person: Person, i: Internship) =>
  person.id === i.supervisorId || person.id === i.backupSupervisorId;

async function addCompanySide(
  store: Store,
  sections: AwaySections,
  ctx: InternshipContext,
  person: Person,
  leave: LeavePeriod,
  today: string,
  now: Date,
): Promise<void> {
  const { internship, intern, workspace } = ctx;
  const other = person.id === internship.supervisorId ? ctx.backupSupervisor : ctx.supervisor;
  // What went to the person themselves waited for them and is folded in whole by the dispatcher:
  // only what the cover received is told here, so nothing is said twice.
  for (const week of weeksOf(leave.from, today)) {
    const note = await store.outbox.get(workspace.id, isolationKeys.risk(internship.id, week));
    if (note && note.recipientId !== person.id) sections.atRisk.push(awayLines.atRisk(intern.name, week));
  }
  const days = await store.checkins.between(internship.id, leave.from, addDays(today, -1));
  for (const c of days) {
    if (c.blockers && other)
      sections.blockers.push(awayLines.blocker(intern.name, c.date, c.blockers, other?.name));
  }
  for (const m of await store.milestones.listFor(internship.id)) {
    if (m.status === "done")
      sections.awaitingAcceptance.push(awayLines.awaitingAcceptance(intern.name, m.id, m.title));
  }
  const answered = days.filter((c) => c.status === "answered" || c.status === "partial").length;
  const missed = days.filter((c) => c.status === "missed").length;
  if (answered + missed > 0) sections.rest.push(awayLines.checkins(intern.name, answered, missed));
  if (other) {
    const start = ctx.calendarOf(person).atLocalTime(leave.from, "00:00");
    const covered = (await store.replyClocks.since(internship.id, start)).filter(
      (c) => c.responderId === other.id && c.closedBy === other.id && c.sentAt.getTime() <= now.getTime(),
    );
    if (covered.length > 0) sections.rest.push(awayLines.answered(other.name, covered.length));
  }
}

/** Questions still open past their due time that the person asked or owes. */
async function addOverdue(
  store: Store,
  sections: AwaySections,
  ctx: InternshipContext,
  person: Person,
  now: Date,
): Promise<void> {
  for (const clock of await store.replyClocks.openFor(ctx.internship.id)) {
    if (clock.dueAt.getTime() > now.getTime()) continue;
    // An alert about it waiting for the person is folded in whole: not said twice.
    const alerts = [
      replyKeys.breach(clock.id),
      replyKeys.escalation(clock.id, 1),
      replyKeys.escalation(clock.id, 2),
    ];
    const rows = await Promise.all(alerts.map((key) => store.outbox.get(ctx.workspace.id, key)));
    if (rows.some((row) => row?.recipientId === person.id && row.status === "pending")) continue;
    if (
      clock.responderId !== person.id &&
      clock.authorId !== person.id &&
      !isCompanySide(person, ctx.internship)
    )
      continue;
    const asker = await store.people.get(ctx.workspace.id, clock.authorId);
    const responder = await store.people.get(ctx.workspace.id, clock.responderId);
    if (!asker || !responder) continue;
    sections.overdueReplies.push(
      awayLines.overdueReply(asker.name, responder.name, formatInstant(clock.sentAt, person.timezone)),
    );
  }
}
