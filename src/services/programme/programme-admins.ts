/**
 * The programme file's `admins:`: the people who may set up internships and choose colleagues in chat
 * besides the workspace's own admins and owners (on Teams, which names no admins to a bot, the only
 * ones). Each is a key in `people`, or someone given as people are, by `email:` or `ids:`. They are
 * checked like the rest of the file: shapes first, then references, then the platform, before the
 * import's transaction; an import adds them and never removes one (`admins remove` in chat does).
 */
import { programmeChecksCopy as copy } from "../../domain/copy/programme-checks.js";
import { userIdProblem } from "../../domain/platform-ids.js";
import type { Platform } from "../../domain/types.js";
import type { PlatformDirectory } from "../../ports/platform-directory.js";
import type { Programme, ProgrammeAdmin } from "./programme-schema.js";

/** `admins[1] (hr@example.com)`: the entry, as the author can find it. */
export function adminLabel(i: number, a: ProgrammeAdmin): string {
  const shown = a.key ?? a.name ?? a.email ?? Object.values(a.ids ?? {})[0];
  return `admins[${i}]${shown ? ` (${shown})` : ""}`;
}

/** A key, or email: / ids: for the workspace's platform (not both), with ids of the right shape. */
export function adminShapeErrors(programme: Programme): string[] {
  const { platform } = programme.workspace;
  const errors: string[] = [];
  programme.admins.forEach((a, i) => {
    const at = adminLabel(i, a);
    for (const [idPlatform, id] of Object.entries(a.ids ?? {}) as [Platform, string][]) {
      const problem = userIdProblem(idPlatform, id);
      if (problem) errors.push(`${at}.ids.${idPlatform}: ${problem}`);
    }
    if (a.key !== undefined && (a.email !== undefined || a.ids !== undefined)) {
      errors.push(`${at}: ${copy.adminKeyAndMore()}`);
    } else if (a.key === undefined && a.email === undefined && !a.ids?.[platform]) {
      errors.push(`${at}.ids.${platform}: ${copy.adminNeedsId(platform)}`);
    }
  });
  return errors;
}

/** Keys that are in `people`, and nobody listed twice. */
export function adminReferenceErrors(programme: Programme, keys: ReadonlySet<string>): string[] {
  const { platform } = programme.workspace;
  const errors: string[] = [];
  const seen = new Map<string, string>();
  programme.admins.forEach((a, i) => {
    const at = adminLabel(i, a);
    if (a.key !== undefined && !keys.has(a.key)) errors.push(`${at}.key: "${a.key}" is not a key in people`);
    const identity =
      a.key !== undefined ? `key ${a.key}` : a.ids?.[platform] ? `id ${a.ids[platform]}` : `email ${a.email}`;
    const first = seen.get(identity);
    if (first) errors.push(`${at}: ${copy.adminTwice(first)}`);
    else seen.set(identity, at);
  });
  return errors;
}

export interface AdminFacts {
  /** The platform user ids to make programme admins. */
  userIds: string[];
  /** Refusals: nothing is imported while there is one. */
  errors: string[];
  /** Admins not added, and why; the import goes ahead. */
  warnings: string[];
  /** E-mail addresses resolved to members. */
  notes: string[];
}

/**
 * Who each admin is on the platform: a key's person's id (from the file or learnt from the platform),
 * an id the platform is asked about, or an e-mail address it resolves. Call it outside any transaction.
 */
export async function resolveAdmins(
  programme: Programme,
  idOfKey: (key: string) => string | undefined,
  directory?: PlatformDirectory,
): Promise<AdminFacts> {
  const { platform, id: workspace } = programme.workspace;
  const asked = directory?.platform === platform ? directory : undefined;
  const facts: AdminFacts = { userIds: [], errors: [], warnings: [], notes: [] };
  const add = (userId: string) => {
    if (!facts.userIds.includes(userId)) facts.userIds.push(userId);
  };
  for (const [i, a] of programme.admins.entries()) {
    const at = adminLabel(i, a);
    if (a.key !== undefined) {
      const userId = idOfKey(a.key);
      if (userId) add(userId);
      else facts.warnings.push(`${at}: ${copy.adminPending(platform, a.key)}`);
      continue;
    }
    const given = a.ids?.[platform];
    if (given && !asked) {
      add(given);
      continue;
    }
    if (!asked) {
      facts.warnings.push(`${at}: ${copy.adminUnchecked(platform, a.email ?? "")}`);
      continue;
    }
    const found = given ? await asked.person(workspace, given) : await asked.byEmail(workspace, a.email!);
    if (!found) {
      if (given) facts.errors.push(`${at}.ids.${platform}: ${copy.unknownId(platform, given)}`);
      else facts.warnings.push(`${at}: ${copy.adminNoMember(platform, a.email!)}`);
      continue;
    }
    if (found.deleted || found.isBot) {
      facts.warnings.push(`${at}: ${copy.adminNotAPerson(found.isBot ? "bot" : "deleted")}`);
      continue;
    }
    if (!given) facts.notes.push(`${at}: ${copy.linkedByEmail(platform, a.email!, found.userId)}`);
    add(found.userId);
  }
  return facts;
}
