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
  internship(workspaceId: number, id: number): Promise<Internship | undefined>;
  terms(internshipId: number): Promise<Readonly<AgreementTerms> | undefined>;
}

/** Straight from the store, every time. */
const direct = (store: Store): ContextReads => ({
  workspace: (id) => store.workspaces.get(id),
  person: (workspaceId, id) => store.people.get(workspaceId, id),
  daysOff: (workspaceId) => store.daysOff.of(workspaceId),
  internship: (workspaceId, id) => store.internships.get(workspaceId, id),
  terms: (internshipId) => store.agreements.currentTerms(internshipId),
});

/** Shared reads that can also load a whole batch's internships, terms and people at once. */
export interface BatchContextReads extends ContextReads {
  /**
   * Reads these internships, their current terms and their people in three statements, for the contexts
   * loaded next (on PostgreSQL they were three to four round trips per internship). Best effort: what it
   * could not read is read one by one later, where a failure concerns one internship only.
   */
  prefetch(internships: readonly { workspaceId: number; internshipId: number }[]): Promise<void>;
}

/** Each read once, for the duration of one batch (see ContextReads). */
export function sharedContextReads(store: Store): BatchContextReads {
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
  const inWorkspace = <T extends { workspaceId: number }>(workspaceId: number, found: T | undefined) =>
    found?.workspaceId === workspaceId ? found : undefined;
  const known = (key: string, value: unknown) => {
    if (!memo.has(key)) memo.set(key, Promise.resolve(value));
  };

  async function prefetch(batch: readonly { workspaceId: number; internshipId: number }[]): Promise<void> {
    const ids = [...new Set(batch.map((b) => b.internshipId))].filter((id) => !memo.has(`i${id}`));
    if (ids.length === 0) return;
    try {
      // Its own savepoint: on PostgreSQL a failed statement would otherwise abort the caller's transaction.
      const found = await store.transaction(async () => {
        const internships = await store.internships.getEach(ids);
        const people = [
          ...new Set(
            internships.flatMap((i) => [i.internId, i.supervisorId, i.backupSupervisorId, i.coordinatorId]),
          ),
        ].filter((id): id is number => id !== undefined && !memo.has(`p${id}`));
        return {
          internships,
          terms: await store.agreements.currentTermsEach(internships.map((i) => i.id)),
          people: await store.people.getEach(people),
          asked: people,
        };
      });
      const byId = new Map(found.internships.map((i) => [i.id, i]));
      for (const id of ids) {
        known(`i${id}`, byId.get(id));
        if (byId.has(id)) known(`t${id}`, found.terms.get(id));
      }
      const people = new Map(found.people.map((p) => [p.id, p]));
      for (const id of found.asked) known(`p${id}`, people.get(id));
    } catch {
      // Read one by one instead (see above).
    }
  }

  return {
    workspace: (id) => once(`w${id}`, () => reads.workspace(id)),
    person: async (workspaceId, id) =>
      inWorkspace(workspaceId, await once(`p${id}`, () => reads.person(workspaceId, id))),
    daysOff: (workspaceId) => once(`d${workspaceId}`, () => reads.daysOff(workspaceId)),
    internship: async (workspaceId, id) =>
      inWorkspace(workspaceId, await once(`i${id}`, () => reads.internship(workspaceId, id))),
    terms: (internshipId) => once(`t${internshipId}`, () => reads.terms(internshipId)),
    prefetch,
  };
}

export async function loadInternshipContext(
  store: Store,
  workspaceId: number,
  internshipId: number,
  reads: ContextReads = direct(store),
): Promise<InternshipContext | undefined> {
  const workspace = await reads.workspace(workspaceId);
  const internship = workspace && (await reads.internship(workspaceId, internshipId));
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
    terms: (await reads.terms(internship.id)) ?? DEFAULT_TERMS,
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
