/**
 * Who sees what in the portal: the chat commands' rules (internship-scope.ts). A person sees the
 * internships they have a part in (intern, supervisor, backup, coordinator), in every workspace where the
 * signed-in principal is someone; a colleague sees nothing but their own introductions; reflections are
 * the intern's own, and shared ones go to the coordinator only, as in the digests.
 */
import { rolesOf } from "../../domain/internship-roles.js";
import type { Introduction, Reflection } from "../../domain/records.js";
import type { Internship, Person, Role } from "../../domain/types.js";
import type { Store } from "../../ports/store.js";
import type { Principal } from "./principal.js";

/** One internship the viewer may open, with every part the viewer's identities play in it. */
export interface VisibleInternship {
  internship: Internship;
  roles: Role[];
  intern: Person;
}

/**
 * The people a principal is: one in chat, everyone with the address by e-mail. An erased person (`tandem
 * person erase` keeps the row, anonymous, for the figures) is nobody: their sessions and links stop working.
 */
export async function identitiesOf(store: Store, principal: Principal): Promise<Person[]> {
  if (principal.kind === "email") return await store.people.byEmail(principal.email);
  const person = await store.people.get(principal.workspaceId, principal.personId);
  return person && !person.key.startsWith("erased-") ? [person] : [];
}

/** Each internship the identities have a part in, with every part they play. */
async function partsOf(store: Store, identities: Person[]): Promise<Map<number, VisibleParts>> {
  const byId = new Map<number, VisibleParts>();
  for (const person of identities) {
    for (const internship of await store.internships.forPerson(person.workspaceId, person.id)) {
      const entry = byId.get(internship.id) ?? { internship, roles: new Set<Role>() };
      for (const role of rolesOf(internship, person.id)) entry.roles.add(role);
      byId.set(internship.id, entry);
    }
  }
  for (const [id, entry] of byId) if (entry.roles.size === 0) byId.delete(id);
  return byId;
}

interface VisibleParts {
  internship: Internship;
  roles: Set<Role>;
}

/**
 * Every internship the identities have a part in, across workspaces: latest end first. The interns are
 * read once per workspace (a coordinator's 500 interns are a few queries, not 500).
 */
export async function visibleInternships(store: Store, identities: Person[]): Promise<VisibleInternship[]> {
  const parts = [...(await partsOf(store, identities)).values()];
  const people = new Map<number, Person>();
  for (const workspaceId of new Set(parts.map((p) => p.internship.workspaceId))) {
    for (const person of await store.people.list(workspaceId)) people.set(person.id, person);
  }
  const visible: VisibleInternship[] = [];
  for (const { internship, roles } of parts) {
    const intern = people.get(internship.internId);
    if (intern) visible.push({ internship, roles: [...roles], intern });
  }
  return visible.sort(
    (a, b) =>
      (a.internship.end < b.internship.end ? 1 : a.internship.end > b.internship.end ? -1 : 0) ||
      a.internship.id - b.internship.id,
  );
}

/** One internship, when the identities have a part in it; undefined alike for unknown and forbidden. */
export async function visibleInternship(
  store: Store,
  identities: Person[],
  internshipId: number,
): Promise<VisibleInternship | undefined> {
  const entry = (await partsOf(store, identities)).get(internshipId);
  if (!entry) return undefined;
  const { internship, roles } = entry;
  const intern = await store.people.get(internship.workspaceId, internship.internId);
  return intern ? { internship, roles: [...roles], intern } : undefined;
}

/** The board of several interns is for those who follow interns (coordinator, supervisor, backup). */
export function followsInterns(roles: readonly Role[]): boolean {
  return roles.some((role) => role !== "intern");
}

/** Introductions the identities were asked for as colleagues, oldest first, with the intern's name. */
export async function colleagueIntroductions(
  store: Store,
  identities: Person[],
): Promise<{ introduction: Introduction; intern?: Person }[]> {
  const found: { introduction: Introduction; intern?: Person }[] = [];
  for (const person of identities) {
    for (const introduction of await store.introductions.forColleague(person.id)) {
      if (introduction.workspaceId !== person.workspaceId) continue;
      const internship = await store.internships.get(introduction.workspaceId, introduction.internshipId);
      const intern = internship && (await store.people.get(internship.workspaceId, internship.internId));
      found.push({ introduction, ...(intern ? { intern } : {}) });
    }
  }
  return found.sort((a, b) => a.introduction.proposedAt.getTime() - b.introduction.proposedAt.getTime());
}

/** The intern reads all of theirs; the coordinator the shared ones; nobody else any. */
export function mayReadReflection(roles: readonly Role[], reflection: Reflection): boolean {
  if (roles.includes("intern")) return true;
  return reflection.shared && roles.includes("coordinator");
}
