import { IANAZone } from "luxon";
import { termsErrors, withDefaults } from "../../domain/agreement.js";
import { readContactHours } from "../../domain/contact-hours.js";
import { programmeChecksCopy as copy } from "../../domain/copy/programme-checks.js";
import { validateCountryRegion } from "../../domain/holidays.js";
import { toEpochDay } from "../../domain/local-date.js";
import { defaultsForZone } from "../../domain/person-defaults.js";
import { channelIdProblem, userIdProblem } from "../../domain/platform-ids.js";
import { err, ok, type Result } from "../../domain/result.js";
import type { Person, Platform } from "../../domain/types.js";
import { learningErrors } from "./learning-checks.js";
import type { PlatformFacts } from "./platform-facts.js";
import { adminReferenceErrors, adminShapeErrors } from "./programme-admins.js";
import {
  type CompletePerson,
  type CompleteProgramme,
  type Programme,
  type ProgrammePerson,
  programmeSchema,
} from "./programme-schema.js";

/** Longer than this is more likely a typo in a year than a closure. */
const MAX_CLOSURE_DAYS = 366;

/** An unknown country or region, named as the field the author has to fix. */
function placeError(at: string, country: string, region: string | undefined): string | undefined {
  const place = validateCountryRegion(country, region);
  if (place.ok) return undefined;
  return `${at}.${region && !place.error.startsWith("country") ? "region" : "country"}: ${place.error}`;
}

/** `people[2] (sup1).timezone`: the field and the entry, so the author can find it. */
function where(raw: unknown, path: readonly PropertyKey[]): string {
  let label = "";
  let node: unknown = raw;
  for (const part of path) {
    if (typeof part === "number") {
      label += `[${part}]`;
      node = Array.isArray(node) ? node[part] : undefined;
      const entryKey = node && typeof node === "object" ? (node as { key?: unknown }).key : undefined;
      if (typeof entryKey === "string") label += ` (${entryKey})`;
    } else {
      label += label ? `.${String(part)}` : String(part);
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[String(part)] : undefined;
    }
  }
  return label || "file";
}

/** The ids a person is stored with: in a console workspace the key doubles as the console id. */
export function effectiveIds(workspacePlatform: Platform, p: ProgrammePerson): ProgrammePerson["ids"] {
  return workspacePlatform === "console" && !p.ids.console ? { ...p.ids, console: p.key } : p.ids;
}

/** The programme's shape, its ids' shapes, and a way to reach each person: the checks before asking the platform. */
export function parseProgramme(raw: unknown): Result<Programme, string[]> {
  const parsed = programmeSchema.safeParse(raw);
  if (!parsed.success) {
    return err(parsed.error.issues.map((issue) => `${where(raw, issue.path)}: ${issue.message}`));
  }
  const programme = parsed.data;
  const { platform } = programme.workspace;
  const errors: string[] = [];
  programme.people.forEach((p, i) => {
    const at = `people[${i}] (${p.key})`;
    for (const [idPlatform, id] of Object.entries(p.ids) as [Platform, string][]) {
      const problem = userIdProblem(idPlatform, id);
      if (problem) errors.push(`${at}.ids.${idPlatform}: ${problem}`);
    }
    if (!p.ids[platform] && !p.email && platform !== "console") {
      errors.push(
        `${at}.ids.${platform}: is required for a ${platform} workspace, so Tandem can reach this person; or give their email: and Tandem finds them`,
      );
    }
  });
  errors.push(...adminShapeErrors(programme));
  programme.internships.forEach((s, i) => {
    const at = `internships[${i}] (${s.key})`;
    const home = s.homeChannel && channelIdProblem(platform, s.homeChannel);
    if (home) errors.push(`${at}.homeChannel: ${home}`);
    s.conversations?.forEach((c, j) => {
      const problem = channelIdProblem(platform, c);
      if (problem) errors.push(`${at}.conversations[${j}]: ${problem}`);
    });
  });
  return errors.length > 0 ? err(errors) : ok(programme);
}

/** The complete programme, and what was filled in for whom (to show for confirmation). */
export interface Completed {
  programme: CompleteProgramme;
  /** `people[3] (kenji): time zone Asia/Tokyo and name from Slack`, ... */
  notes: string[];
}

/**
 * Fills what the file left open (name and time zone from the platform's facts, country and contact
 * hours proposed from the time zone) and says for whom; a field nobody can fill is an error naming it.
 */
export function completeProgramme(
  programme: Programme,
  facts?: PlatformFacts,
  /** People already imported, by key: what they have (or set with `my country`) outlasts a proposal. */
  stored: ReadonlyMap<string, Person> = new Map(),
): Result<Completed, string[]> {
  const { platform } = programme.workspace;
  const errors: string[] = [];
  const notes: string[] = [];
  const people = programme.people.map((p, i): CompletePerson => {
    const at = `people[${i}] (${p.key})`;
    const known = facts?.people.get(p.key);
    const before = stored.get(p.key);
    const pending =
      facts?.pending.has(p.key) ||
      (!facts && !p.ids[platform] && !before?.ids[platform] && p.email !== undefined);
    const missing = (field: string) =>
      errors.push(
        `${at}.${field}: ${pending && p.email ? copy.needsForPending(field, p.email) : copy.needsWithoutPlatform(field, platform)}`,
      );
    const fromPlatform: string[] = [];
    const name = p.name ?? known?.name ?? before?.name;
    if (!p.name && known?.name) fromPlatform.push("name");
    if (!name) missing("name");
    const timezone = p.timezone ?? known?.timezone ?? before?.timezone;
    if (!p.timezone && known?.timezone) fromPlatform.push(`time zone ${timezone}`);
    if (!timezone) missing("timezone");
    if (fromPlatform.length > 0)
      notes.push(`${at}: ${copy.fromPlatform(platform, fromPlatform.join(" and "))}`);
    const proposed = timezone && IANAZone.isValidZone(timezone) ? defaultsForZone(timezone) : undefined;
    const country = p.country ?? before?.country ?? proposed?.country;
    if (!country && timezone) errors.push(`${at}.country: ${copy.noCountryFor(timezone)}`);
    const region = p.region ?? (p.country ? undefined : before?.region);
    const contactHours = p.contactHours ?? before?.contactHours ?? proposed?.contactHours;
    const assumed = [
      ...(!p.country && !before && country ? [`country ${country}`] : []),
      ...(!p.contactHours && !before && contactHours ? [`contact hours ${contactHours}`] : []),
    ];
    if (assumed.length > 0 && timezone)
      notes.push(`${at}: ${copy.proposed(assumed.join(" and "), timezone)}`);
    // An id learnt from the platform (now, or when a pending person first wrote) is kept.
    const learnt = known?.userId ?? before?.ids[platform];
    const ids = learnt && !p.ids[platform] ? { ...p.ids, [platform]: learnt } : p.ids;
    return {
      ...p,
      ids,
      ...(region ? { region } : {}),
      name: name ?? "",
      timezone: timezone ?? "UTC",
      country: country ?? "",
      contactHours: contactHours ?? "",
    };
  });
  if (errors.length > 0) return err(errors);
  const complete = { ...programme, people };
  const meaning = meaningErrors(complete);
  return meaning.length > 0 ? err(meaning) : ok({ programme: complete, notes });
}

/** Checks shape, then meaning (zones, hours, references), with no platform to ask: every error at once. */
export function validateProgramme(raw: unknown): Result<CompleteProgramme, string[]> {
  const parsed = parseProgramme(raw);
  if (!parsed.ok) return parsed;
  const completed = completeProgramme(parsed.value);
  return completed.ok ? ok(completed.value.programme) : completed;
}

/** Zones, hours, places, duplicate keys and ids, references between entries. */
function meaningErrors(programme: CompleteProgramme): string[] {
  const errors: string[] = [];
  const keys = new Set<string>();
  const platformIds = new Map<string, string>();
  const emails = new Map<string, string>();
  programme.people.forEach((p, i) => {
    const at = `people[${i}] (${p.key})`;
    if (keys.has(p.key)) errors.push(`${at}.key: "${p.key}" is used twice; every person needs their own key`);
    keys.add(p.key);
    if (!IANAZone.isValidZone(p.timezone)) {
      errors.push(
        `${at}.timezone: "${p.timezone}" is not an IANA time zone; e.g. Europe/Brussels or America/New_York`,
      );
    }
    const place = placeError(at, p.country, p.region);
    if (place) errors.push(place);
    const hours = readContactHours(p.contactHours);
    if (!hours.ok) errors.push(`${at}.contactHours: ${hours.error}`);
    p.leave.forEach((l, j) => {
      if (l.to < l.from) errors.push(`${at}.leave[${j}]: ends (${l.to}) before it starts (${l.from})`);
    });
    for (const [platform, id] of Object.entries(effectiveIds(programme.workspace.platform, p))) {
      const owner = platformIds.get(`${platform}:${id}`);
      const implicit =
        platform === "console" && !p.ids.console ? " (the key, used when no console id is given)" : "";
      if (owner) errors.push(`${at}.ids.${platform}: "${id}"${implicit} is already the id of ${owner}`);
      platformIds.set(`${platform}:${id}`, p.key);
    }
    if (p.email) {
      const owner = emails.get(p.email);
      if (owner) errors.push(`${at}.email: ${p.email} is already the address of ${owner}`);
      emails.set(p.email, p.key);
    }
  });
  programme.colleagues.forEach((c, i) => {
    if (!keys.has(c)) errors.push(`colleagues[${i}]: "${c}" is not a key in people`);
  });
  errors.push(...adminReferenceErrors(programme, keys));
  daysOffErrors(programme, keys, errors);
  const internshipKeys = new Set<string>();
  programme.internships.forEach((s, i) => {
    const at = `internships[${i}] (${s.key})`;
    if (internshipKeys.has(s.key)) errors.push(`${at}.key: "${s.key}" is used twice`);
    internshipKeys.add(s.key);
    for (const role of ["intern", "supervisor", "backupSupervisor", "coordinator"] as const) {
      const ref = s[role];
      if (ref !== undefined && !keys.has(ref)) errors.push(`${at}.${role}: "${ref}" is not a key in people`);
    }
    if (s.intern === s.supervisor) errors.push(`${at}.supervisor: the intern cannot supervise themselves`);
    if (s.backupSupervisor && s.backupSupervisor === s.supervisor) {
      errors.push(`${at}.backupSupervisor: must be someone other than the supervisor`);
    }
    if (s.end < s.start) errors.push(`${at}.end: ${s.end} is before the start ${s.start}`);
    for (const { field, error } of termsErrors(withDefaults(s.agreement))) {
      errors.push(`${at}.agreement (${field}): ${error}`);
    }
    errors.push(...learningErrors(s, at));
  });
  return errors;
}

/** Added holidays name a place the library knows; closures end after they start and list known people. */
function daysOffErrors(programme: CompleteProgramme, keys: ReadonlySet<string>, errors: string[]): void {
  const seen = new Set<string>();
  programme.holidays?.forEach((h, i) => {
    const at = `holidays[${i}] (${h.date})`;
    const place = placeError(at, h.country, h.region);
    if (place) errors.push(place);
    const id = `${h.country}|${h.region ?? ""}|${h.date}`;
    if (seen.has(id))
      errors.push(
        `${at}: ${h.date} is listed twice for ${h.region ? `${h.country}-${h.region}` : h.country}`,
      );
    seen.add(id);
  });
  programme.closures?.forEach((c, i) => {
    const at = `closures[${i}] (${c.name})`;
    if (c.to < c.from) errors.push(`${at}.to: ends (${c.to}) before it starts (${c.from})`);
    else if (toEpochDay(c.to) - toEpochDay(c.from) >= MAX_CLOSURE_DAYS) {
      errors.push(`${at}.to: a closure lasts at most ${MAX_CLOSURE_DAYS} days; split it or check the dates`);
    }
    c.people?.forEach((k, j) => {
      if (!keys.has(k)) errors.push(`${at}.people[${j}]: "${k}" is not a key in people`);
    });
  });
}
