import { actingFor } from "../domain/availability.js";
import { coveringFor } from "../domain/copy/leave.js";
import type { OutboundMessage } from "../domain/messages.js";
import type { Person } from "../domain/types.js";
import type { InternshipContext } from "./internship-context.js";

/**
 * Who a message meant for `person` goes to at `at`: the person, or while they are on leave whoever
 * covers for them (the backup for the supervisor). With nobody to cover it stays theirs and waits for
 * their return (the welcome back folds it in). Use it wherever a supervisor is addressed.
 */
export function addresseeFor(ctx: InternshipContext, person: Person, at: Date): Person {
  return actingFor(person, ctx.internship, ctx, at) ?? person;
}

/** The covering person when `person` is away and someone covers; undefined when they are here or uncovered. */
export function coverFor(ctx: InternshipContext, person: Person, at: Date): Person | undefined {
  const acting = actingFor(person, ctx.internship, ctx, at);
  return acting && acting.id !== person.id ? acting : undefined;
}

/**
 * A message meant for `person`, queued at `at`: who it goes to, and its words (with the cover line when
 * redirected). Decided for when it will be read: a summary settled on Friday evening before the leave
 * goes to the backup on Monday; one settled on the last evening of the leave waits for the person.
 */
export function addressed(
  ctx: InternshipContext,
  person: Person,
  at: Date,
): { to: Person; words: (message: OutboundMessage) => OutboundMessage } {
  const { internship } = ctx;
  const standIn =
    person.id === internship.supervisorId
      ? ctx.backupSupervisor
      : person.id === internship.backupSupervisorId
        ? ctx.supervisor
        : undefined;
  let readAt = at;
  try {
    if (standIn) readAt = ctx.calendarOf(standIn).nextWorkingMoment(at);
  } catch {
    // A stand-in with no working time at all reads nothing: decide at `at`.
  }
  const cover = coverFor(ctx, person, readAt);
  return cover
    ? { to: cover, words: (message) => coveringFor(message, person) }
    : { to: person, words: (message) => message };
}
