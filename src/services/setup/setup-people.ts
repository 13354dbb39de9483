/**
 * People picked in a set-up form become people in Tandem: name and time zone from the platform,
 * country and contact hours proposed from the time zone (each person confirms or corrects their own).
 * Someone Tandem already knows is left as they are.
 */
import { setupCopy } from "../../domain/copy/setup.js";
import { defaultsForZone } from "../../domain/person-defaults.js";
import { err, ok, type Result } from "../../domain/result.js";
import {
  DEFAULT_DAILY_BUDGET,
  DEFAULT_INTRO_CAPACITY,
  type Person,
  type Platform,
  type Workspace,
} from "../../domain/types.js";
import type { DirectoryPerson } from "../../ports/platform-directory.js";
import type { Store } from "../../ports/store.js";
import { adoptOwnZone, noteZoneAssumed } from "../assumed-zone.js";

/** Someone picked in a form, or why they cannot take part (unknown, deactivated, a bot): one rule for every form. */
export function checkPicked(
  entry: DirectoryPerson | undefined,
  platform: Platform,
): Result<DirectoryPerson, string> {
  if (!entry) return err(setupCopy.unknownPerson(platform));
  if (entry.deleted) return err(setupCopy.deletedPerson(entry.name));
  if (entry.isBot) return err(setupCopy.botPerson(entry.name));
  return ok(entry);
}

export interface EnsuredPerson {
  person: Person;
  /** Made now, with what was proposed from the time zone. */
  created?: { country: string; contactHours: string };
  /** The platform gave no time zone: the fallback was used. */
  zoneAssumed: boolean;
}

/** `Kenji Satō` -> `kenji`, then `kenji-sato`, `kenji-sato-2`: a key people can type after @. */
function keyCandidates(name: string): string[] {
  const words = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const first = words[0] ?? "person";
  const full = words.slice(0, 3).join("-") || first;
  return [
    first.slice(0, 40),
    full.slice(0, 40),
    ...Array.from({ length: 50 }, (_, i) => `${full.slice(0, 36)}-${i + 2}`),
  ];
}

async function freeKey(store: Store, workspaceId: number, name: string, at: Date): Promise<string> {
  for (const key of keyCandidates(name)) {
    if (!(await store.people.byKey(workspaceId, key))) return key;
  }
  return `person-${at.getTime().toString(36)}`;
}

/** Call inside the set-up's transaction. */
export async function ensurePerson(
  store: Store,
  workspace: Workspace,
  entry: DirectoryPerson,
  fallbackZone: string,
  at: Date,
): Promise<EnsuredPerson> {
  const known = await store.people.byPlatformId(workspace.id, workspace.platform, entry.userId);
  if (known) {
    // Set up before the platform knew their zone: it does now (they wrote to Tandem since).
    if (entry.timezone && (await adoptOwnZone(store, workspace, known, entry.timezone, at, false))) {
      return { person: (await store.people.get(workspace.id, known.id))!, zoneAssumed: false };
    }
    return { person: known, zoneAssumed: false };
  }
  const timezone = entry.timezone ?? fallbackZone;
  const proposed = defaultsForZone(timezone);
  const country = proposed.country ?? "";
  const key = await freeKey(store, workspace.id, entry.name, at);
  const { id } = await store.people.upsert(
    workspace.id,
    {
      key,
      name: entry.name,
      timezone,
      country,
      contactHours: proposed.contactHours,
      dailyBudget: DEFAULT_DAILY_BUDGET,
      languages: [],
      introCapacity: DEFAULT_INTRO_CAPACITY,
      ids: { [workspace.platform]: entry.userId },
      isColleague: false,
    },
    at,
  );
  const person = (await store.people.get(workspace.id, id))!;
  if (entry.timezone === undefined) await noteZoneAssumed(store, workspace, person, at);
  return {
    person,
    created: { country, contactHours: proposed.contactHours },
    zoneAssumed: entry.timezone === undefined,
  };
}

/** `lena.vogel@uni.example` -> `Lena Vogel`: a name to start with until a programme file gives theirs. */
function nameFromEmail(email: string): string {
  const local = email.split("@")[0] ?? email;
  const words = local.split(/[._+-]+/).filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ") || local;
}

/**
 * A coordinator given by e-mail in the set-up form: whoever in the workspace has that address, else a new
 * person reached by e-mail, in the admin's time zone until a programme file or `my hours` says otherwise.
 * Call inside the set-up's transaction.
 */
export async function ensureEmailPerson(
  store: Store,
  workspace: Workspace,
  email: string,
  fallbackZone: string,
  at: Date,
): Promise<EnsuredPerson> {
  const known = (await store.people.byEmail(email)).find((p) => p.workspaceId === workspace.id);
  if (known) return { person: known, zoneAssumed: false };
  const name = nameFromEmail(email);
  const proposed = defaultsForZone(fallbackZone);
  const country = proposed.country ?? "";
  const key = await freeKey(store, workspace.id, name, at);
  const { id } = await store.people.upsert(
    workspace.id,
    {
      key,
      name,
      timezone: fallbackZone,
      country,
      contactHours: proposed.contactHours,
      dailyBudget: DEFAULT_DAILY_BUDGET,
      languages: [],
      introCapacity: DEFAULT_INTRO_CAPACITY,
      ids: {},
      email,
      isColleague: false,
    },
    at,
  );
  const person = (await store.people.get(workspace.id, id))!;
  await noteZoneAssumed(store, workspace, person, at);
  return { person, created: { country, contactHours: proposed.contactHours }, zoneAssumed: true };
}
