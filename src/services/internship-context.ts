import { DEFAULT_TERMS } from "../domain/agreement.js";
import type { AgreementTerms } from "../domain/agreement-terms.js";
import type { WorkingCalendar } from "../domain/calendar.js";
import type { Internship, Person, Workspace } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import { calendarWith } from "./person-calendar.js";

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
  const daysOff = await store.daysOff.of(workspaceId);
  const calendars = new Map<number, WorkingCalendar>();
  const context: InternshipContext = {
    workspace,
    internship,
    intern,
    supervisor,
    terms: (await store.agreements.currentTerms(internship.id)) ?? DEFAULT_TERMS,
    calendarOf: (p) => {
      let calendar = calendars.get(p.id);
      if (!calendar) {
        calendar = calendarWith(p, daysOff);
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

/** The contexts of several internships of a workspace, skipping any whose people are gone. */
export async function loadInternshipContexts(
  store: Store,
  workspaceId: number,
  internships: readonly Internship[],
): Promise<InternshipContext[]> {
  const contexts: InternshipContext[] = [];
  for (const i of internships) {
    const context = await loadInternshipContext(store, workspaceId, i.id);
    if (context) contexts.push(context);
  }
  return contexts;
}
