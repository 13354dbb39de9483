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
  calendarOf(person: Person): Promise<WorkingCalendar>;
}

export async function loadInternshipContext(
  store: Store,
  workspaceId: number,
  internshipId: number,
): Promise<InternshipContext | undefined> {
  const workspace = await store.workspaces.get(workspaceId);
  const internship = workspace && (await store.internships.get(workspaceId, internshipId));
  if (!workspace || !internship) return undefined;
  const person = async (id: number | undefined) =>
    id === undefined ? undefined : await store.people.get(workspaceId, id);
  const intern = await person(internship.internId);
  const supervisor = await person(internship.supervisorId);
  if (!intern || !supervisor) return undefined;
  const calendars = new Map<number, WorkingCalendar>();
  const context: InternshipContext = {
    workspace,
    internship,
    intern,
    supervisor,
    terms: (await store.agreements.currentTerms(internship.id)) ?? DEFAULT_TERMS,
    calendarOf: async (p) => {
      let calendar = calendars.get(p.id);
      if (!calendar) {
        calendar = await calendarFor(store, p);
        calendars.set(p.id, calendar);
      }
      return calendar;
    },
  };
  const backup = await person(internship.backupSupervisorId);
  const coordinator = await person(internship.coordinatorId);
  if (backup) context.backupSupervisor = backup;
  if (coordinator) context.coordinator = coordinator;
  return context;
}
