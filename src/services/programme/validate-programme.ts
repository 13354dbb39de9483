import { IANAZone } from "luxon";
import { termsErrors, withDefaults } from "../../domain/agreement.js";
import { readContactHours } from "../../domain/contact-hours.js";
import { validateCountryRegion } from "../../domain/holidays.js";
import { toEpochDay } from "../../domain/local-date.js";
import { err, ok, type Result } from "../../domain/result.js";
import type { Platform } from "../../domain/types.js";
import { type Programme, type ProgrammePerson, programmeSchema } from "./programme-schema.js";

/** Longer than this is more likely a typo in a year than a closure. */
const MAX_CLOSURE_DAYS = 366;

/** The programme, or every problem found in it. */
export type Validation = Result<Programme, string[]>;

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

/** Checks shape, then meaning (zones, hours, references): every error at once, never a partial import. */
export function validateProgramme(raw: unknown): Validation {
  const parsed = programmeSchema.safeParse(raw);
  if (!parsed.success) {
    return err(parsed.error.issues.map((issue) => `${where(raw, issue.path)}: ${issue.message}`));
  }
  const programme = parsed.data;
  const errors: string[] = [];
  const keys = new Set<string>();
  const platformIds = new Map<string, string>();
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
    if (!p.ids[programme.workspace.platform] && programme.workspace.platform !== "console") {
      errors.push(
        `${at}.ids.${programme.workspace.platform}: is required for a ${programme.workspace.platform} workspace, so Tandem can reach this person`,
      );
    }
  });
  programme.colleagues.forEach((c, i) => {
    if (!keys.has(c)) errors.push(`colleagues[${i}]: "${c}" is not a key in people`);
  });
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
  });
  return errors.length > 0 ? err(errors) : ok(programme);
}

/** Added holidays name a place the library knows; closures end after they start and list known people. */
function daysOffErrors(programme: Programme, keys: ReadonlySet<string>, errors: string[]): void {
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
