/**
 * Who is away, and who acts for them. Leave is the person's own (the `leave` command or the programme
 * file), read on their own local date. Public holidays and weekends are not "away": the calendar
 * already pauses deadlines then, and nobody needs to cover a Saturday.
 */
import type { Internship, LeavePeriod, LocalDate, Person } from "./types.js";
import { localDateIn } from "./zone-time.js";

/** The leave period that covers `date`, if any. */
export function leaveOn(person: Pick<Person, "leave">, date: LocalDate): LeavePeriod | undefined {
  return person.leave.find((l) => l.from <= date && date <= l.to);
}

/** On leave at this instant, in their own time zone. Nudges and introductions never suggest such a person. */
export function isAway(person: Pick<Person, "leave" | "timezone">, at: Date): boolean {
  return leaveOn(person, localDateIn(person.timezone, at)) !== undefined;
}

/** The people one internship's cover is chosen from. */
export interface CoverPeople<P extends Person = Person> {
  supervisor: P;
  backupSupervisor?: P | undefined;
}

/**
 * Who acts for `person` at `at`: themselves when present; for an absent supervisor the backup, and for
 * an absent backup the supervisor, when that one is present; undefined when nobody covers. Only the
 * company side of the agreement covers each other: an intern or a coordinator has no stand-in.
 */
export function actingFor<P extends Person>(
  person: P,
  internship: Pick<Internship, "supervisorId" | "backupSupervisorId">,
  people: CoverPeople<P>,
  at: Date,
): P | undefined {
  if (!isAway(person, at)) return person;
  const other =
    person.id === internship.supervisorId
      ? people.backupSupervisor
      : person.id === internship.backupSupervisorId
        ? people.supervisor
        : undefined;
  return other && !isAway(other, at) ? other : undefined;
}
