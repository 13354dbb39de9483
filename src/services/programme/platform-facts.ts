/**
 * Asks the workspace's platform what a programme file leaves open or may have wrong, before anything is
 * imported (network calls never run inside the import's transaction): who each id is, who an e-mail
 * address belongs to, whether Tandem can message each person, whether it is in each home channel.
 */
import { programmeChecksCopy as copy } from "../../domain/copy/programme-checks.js";
import type { Platform } from "../../domain/types.js";
import type { PlatformDirectory } from "../../ports/platform-directory.js";
import type { Programme } from "./programme-schema.js";

/** What the platform said about one person of the file. */
export interface PersonFacts {
  userId: string;
  name?: string;
  timezone?: string;
}

export interface PlatformFacts {
  platform: Platform;
  /** By person key: those the platform knows. */
  people: Map<string, PersonFacts>;
  /** Keys of people given by e-mail whom nobody on the platform has yet. */
  pending: Set<string>;
  /** Refusals: nothing is imported while there is one. */
  errors: string[];
  /** Things to fix on the platform; the import goes ahead. */
  warnings: string[];
  /** What was learnt (e-mail resolved to a member), for the report. */
  notes: string[];
}

const label = (i: number, key: string) => `people[${i}] (${key})`;

export async function askPlatform(
  programme: Programme,
  directory: PlatformDirectory,
): Promise<PlatformFacts> {
  const { platform, id: workspace } = programme.workspace;
  const facts: PlatformFacts = {
    platform,
    people: new Map(),
    pending: new Set(),
    errors: [],
    warnings: [],
    notes: [],
  };
  for (const [i, p] of programme.people.entries()) {
    const at = label(i, p.key);
    const given = p.ids[platform] ?? (platform === "console" && !p.email ? p.key : undefined);
    let userId: string | undefined;
    if (given) {
      const found = await directory.person(workspace, given);
      // The playground makes a persona of anyone its file names.
      if (!found && platform === "console") continue;
      if (!found) {
        facts.errors.push(`${at}.ids.${platform}: ${copy.unknownId(platform, given)}`);
        continue;
      }
      userId = given;
      facts.people.set(p.key, {
        userId,
        name: found.name,
        ...(found.timezone ? { timezone: found.timezone } : {}),
      });
    } else if (p.email) {
      const found = await directory.byEmail(workspace, p.email);
      if (!found) {
        facts.pending.add(p.key);
        facts.warnings.push(`${at}: ${copy.notYetMember(platform, p.email)}`);
        continue;
      }
      userId = found.userId;
      facts.people.set(p.key, {
        userId,
        name: found.name,
        ...(found.timezone ? { timezone: found.timezone } : {}),
      });
      facts.notes.push(`${at}: ${copy.linkedByEmail(platform, p.email, userId)}`);
    }
    if (!userId) continue;
    const reach = await directory.canMessage(workspace, userId);
    if (!reach.reachable) facts.warnings.push(`${at}: ${copy.cannotMessage(platform, reach.reason)}`);
  }
  for (const [i, s] of programme.internships.entries()) {
    if (!s.homeChannel) continue;
    const membership = await directory.botInChannel(workspace, s.homeChannel);
    if (membership.state !== "member") {
      const name = "name" in membership ? membership.name : undefined;
      facts.warnings.push(
        `internships[${i}] (${s.key}).homeChannel: ${copy.channel(platform, membership.state, name)}`,
      );
    }
  }
  return facts;
}
