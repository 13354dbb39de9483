import { DEFAULT_TERMS } from "../domain/agreement.js";
import type { AgreementTerms } from "../domain/agreement-terms.js";
import type { WorkingCalendar } from "../domain/calendar.js";
import type { WorkspaceDaysOff } from "../domain/days-off.js";
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

/**
 * What contexts share: workspaces, people (a supervisor of five interns, a coordinator of all of them) and
 * a workspace's days off. A batch of wake-ups reads each once (on PostgreSQL, each read is a round trip);
 * only within one transaction, since nothing is kept after it.
 */
export interface ContextReads {
  workspace(id: number): Promise<Workspace | undefined>;
  person(workspaceId: number, id: number): Promise<Person | undefined>;
  daysOff(workspaceId: number): Promise<WorkspaceDaysOff>;
}

/** Straight from the store, every time. */
const direct = (store: Store): ContextReads => ({
  workspace: (id) => store.workspaces.get(id),
  person: (workspaceId, id) => store.people.get(workspaceId, id),
  daysOff: (workspaceId) => store.daysOff.of(workspaceId),
});

/** Each read once, for the duration of one batch (see ContextReads). */
export function sharedContextReads(store: Store): ContextReads {
  const reads = direct(store);
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let value = memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = read();
      // A failed read is not kept: the next internship reads again.
      value.catch(() => memo.delete(key));
      memo.set(key, value);
    }
    return value;
  };
  return {
    workspace: (id) => once(`w${id}`, () => reads.workspace(id)),
    person: (workspaceId, id) => once(`p${id}`, () => reads.person(workspaceId, id)),
    daysOff: (workspaceId) => once(`d${workspaceId}`, () => reads.daysOff(workspaceId)),
  };
}

export async function loadInternshipContext(
  store: Store,
  workspaceId: number,
  internshipId: number,
  reads: ContextReads = direct(store),
): Promise<InternshipContext | undefined> {
  const workspace = await reads.workspace(workspaceId);
  const internship = workspace && (await store.internships.get(workspaceId, internshipId));
  if (!workspace || !internship) return undefined;
  const person = async (id: number | undefined) =>
    id === undefined ? undefined : await reads.person(workspaceId, id);
  const intern = await person(internship.internId);
  const supervisor = await person(internship.supervisorId);
  if (!intern || !supervisor) return undefined;
  const daysOff = await reads.daysOff(workspaceId);
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
