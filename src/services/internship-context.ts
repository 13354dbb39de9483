import { DEFAULT_TERMS } from "../domain/agreement.js";
import type { AgreementTerms } from "../domain/agreement-terms.js";
import type { WorkingCalendar } from "../domain/calendar.js";
import type { Internship, Person, Workspace } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import { calendarFor } from "./person-calendar.js";

/** An internship with its people, terms and their calendars: what rules and notices work from. */
export interface InternshipContext {
  workspace: Workspace;
  internship: Internship;
  intern: Person;
  supervisor: Person;
  backupSupervisor?: Person;
  coordinator?: Person;
  terms: Readonly<AgreementTerms>;
  calendarOf(person: Person): WorkingCalendar;
}

export function loadInternshipContext(
  store: Store,
  workspaceId: number,
  internshipId: number,
): InternshipContext | undefined {
  const workspace = store.workspaces.get(workspaceId);
  const internship = workspace && store.internships.get(workspaceId, internshipId);
  if (!workspace || !internship) return undefined;
  const person = (id: number | undefined) =>
    id === undefined ? undefined : store.people.get(workspaceId, id);
  const intern = person(internship.internId);
  const supervisor = person(internship.supervisorId);
  if (!intern || !supervisor) return undefined;
  const calendars = new Map<number, WorkingCalendar>();
  const context: InternshipContext = {
    workspace,
    internship,
    intern,
    supervisor,
    terms: store.agreements.currentTerms(internship.id) ?? DEFAULT_TERMS,
    calendarOf: (p) => {
      let calendar = calendars.get(p.id);
      if (!calendar) {
        calendar = calendarFor(store, p);
        calendars.set(p.id, calendar);
      }
      return calendar;
    },
  };
  const backup = person(internship.backupSupervisorId);
  const coordinator = person(internship.coordinatorId);
  if (backup) context.backupSupervisor = backup;
  if (coordinator) context.coordinator = coordinator;
  return context;
}
