import { rolesOf } from "../../src/domain/internship-roles.js";
import type { Store } from "../../src/ports/store.js";
import { DEMO_WORKSPACE } from "./demo-programme.js";

/** Someone the playground can speak as, or mention. */
export interface Persona {
  key: string;
  name: string;
  timezone: string;
  roles: string[];
}

/** Lower case without accents, so "@chloe" finds Chloé. */
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** Finds a person by key, full name or first name (case- and accent-insensitive, a leading @ allowed). */
export function findPersona(people: Persona[], text: string): Persona | undefined {
  const wanted = fold(text.trim().replace(/^@/, ""));
  if (!wanted) return undefined;
  return (
    people.find((p) => fold(p.key) === wanted) ??
    people.find((p) => fold(p.name) === wanted || fold(p.name.split(" ")[0] ?? "") === wanted)
  );
}

/** The people of the console workspace (the demo one when there are several), with their roles. */
export async function personasIn(store: Store): Promise<Persona[]> {
  const workspace =
    (await store.workspaces.find("console", DEMO_WORKSPACE)) ??
    (await store.workspaces.list()).find((w) => w.platform === "console");
  if (!workspace) return [];
  const internships = await store.internships.list(workspace.id);
  return (await store.people.list(workspace.id)).map((p) => ({
    key: p.ids.console ?? p.key,
    name: p.name,
    timezone: p.timezone,
    roles: [...new Set(internships.flatMap((i) => rolesOf(i, p.id)))].map((r) =>
      r === "backupSupervisor" ? "backup supervisor" : r,
    ),
  }));
}
