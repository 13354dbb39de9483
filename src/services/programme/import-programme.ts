import { parse as parseYaml } from "yaml";
import { termsKey, withDefaults } from "../../domain/agreement.js";
import { AppError } from "../../domain/errors.js";
import type { Person } from "../../domain/types.js";
import { DEFAULT_DAILY_BUDGET, DEFAULT_INTRO_CAPACITY } from "../../domain/types.js";
import { localDateIn } from "../../domain/zone-time.js";
import type { PlatformDirectory } from "../../ports/platform-directory.js";
import type { Store } from "../../ports/store.js";
import { clearZoneAssumed } from "../assumed-zone.js";
import { notePending } from "../pending-people.js";
import { touchInternship } from "../rules/wakeup-rule.js";
import { importLearning } from "./import-learning.js";
import { askPlatform, type PlatformFacts } from "./platform-facts.js";
import { resolveAdmins } from "./programme-admins.js";
import type { CompleteProgramme } from "./programme-schema.js";
import { type PrunePlan, planPrune } from "./prune-programme.js";
import { completeProgramme, effectiveIds, parseProgramme } from "./validate-programme.js";

export interface ImportSummary {
  workspace: string;
  people: { created: number; updated: number; unchanged: number };
  internships: { created: number; updated: number; unchanged: number };
  agreements: { versioned: number; unchanged: number };
  /** Learning agreements written anew, and planned milestones added (each once, matched by title). */
  learning: { updated: number; milestonesAdded: number };
  /** Added holidays and closures now stored, and whether this import changed them. */
  daysOff: { holidays: number; closures: number; changed: boolean };
  /** The file's programme admins who could be identified, and how many of them are new. */
  admins: { listed: number; added: number };
  /** What the file no longer lists; `applied` when it was ended and removed (`prune`). */
  pruning: PrunePlan & { applied: boolean };
  /** What the platform said and what was proposed, to show the admin for confirmation. */
  report: {
    /** Values taken from the platform or proposed from a time zone. */
    notes: string[];
    /** Things to fix on the platform (Tandem not in a home channel, someone it cannot message). */
    warnings: string[];
    /** Keys of people given by e-mail whom the platform does not have yet. */
    pending: string[];
    /** Whether the platform was asked (false: its checks could not run). */
    checkedWith?: string;
  };
}

export interface ImportOptions {
  /** End internships and remove roles the file no longer lists (`--apply`, `--prune`). */
  prune?: boolean;
  /**
   * The workspace's platform, asked before importing: ids checked, e-mails resolved, names and time
   * zones filled in, home channels and reachability checked. Without it only the file is checked.
   */
  directory?: PlatformDirectory;
}

function refusal(errors: string[]): AppError {
  return new AppError(
    "BAD_INPUT",
    `the programme has ${errors.length} problem${errors.length === 1 ? "" : "s"}; nothing was imported:\n${errors.map((e) => `  - ${e}`).join("\n")}`,
  );
}

/** Reads YAML or JSON text (JSON is YAML too) into plain data; a syntax error names the line. */
export function parseProgrammeText(text: string, source: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new AppError("BAD_INPUT", `${source} is not valid YAML or JSON: ${detail}`, { cause });
  }
}

/**
 * Creates or updates one workspace from a programme, in one transaction: either all of it
 * lands or none of it. Importing the same programme again changes nothing.
 */
export async function importProgramme(
  store: Store,
  raw: unknown,
  at: Date,
  actorLabel = "import",
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const parsed = parseProgramme(raw);
  if (!parsed.ok) throw refusal(parsed.error);
  const { platform, id } = parsed.value.workspace;
  // The platform is asked before the transaction: no network call ever holds the database.
  let facts: PlatformFacts | undefined;
  if (options.directory?.platform === platform) {
    facts = await askPlatform(parsed.value, options.directory);
    if (facts.errors.length > 0) throw refusal(facts.errors);
  }
  const known = await store.workspaces.find(platform, id);
  const stored = new Map<string, Person>(
    known ? (await store.people.list(known.id)).map((p) => [p.key, p] as const) : [],
  );
  const completed = completeProgramme(parsed.value, facts, stored);
  if (!completed.ok) throw refusal(completed.error);
  const programme = completed.value.programme;
  const idOfKey = (key: string) => {
    const person = programme.people.find((p) => p.key === key);
    return person ? effectiveIds(platform, person)[platform] : undefined;
  };
  const admins = await resolveAdmins(programme, idOfKey, facts ? options.directory : undefined);
  if (admins.errors.length > 0) throw refusal(admins.errors);
  return await store.transaction(async () => {
    const summary = await apply(store, programme, at, actorLabel);
    const workspace = (await store.workspaces.find(platform, id))!;
    for (const userId of admins.userIds) {
      if (!(await store.programmeAdmins.add(workspace.id, userId, undefined, at))) continue;
      summary.admins.added += 1;
      await store.audit.record(
        {
          workspaceId: workspace.id,
          actorLabel,
          action: "programme-admin.add",
          entity: "workspace",
          entityId: workspace.id,
          detail: { user: userId },
        },
        at,
      );
    }
    summary.admins.listed = admins.userIds.length;
    const pending = programme.people.filter((p) => !effectiveIds(platform, p)[platform] && p.email);
    for (const p of pending) await notePending(store, workspace, p.email!, p.key, at);
    const pruning = await planPrune(store, workspace, programme, localDateIn("UTC", at), at);
    if (options.prune) await pruning.apply();
    summary.pruning = { ...pruning.plan, applied: options.prune === true };
    summary.report = {
      notes: [...(facts?.notes ?? []), ...admins.notes, ...completed.value.notes, ...summary.report.notes],
      warnings: [...(facts?.warnings ?? []), ...admins.warnings],
      pending: pending.map((p) => p.key),
      ...(facts ? { checkedWith: platform } : {}),
    };
    return summary;
  });
}

async function apply(
  store: Store,
  programme: CompleteProgramme,
  at: Date,
  actorLabel: string,
): Promise<ImportSummary> {
  const { platform, id, name } = programme.workspace;
  const workspace = await store.workspaces.ensure(platform, id, name ?? "", at);
  const summary: ImportSummary = {
    workspace: `${platform}:${id}`,
    people: { created: 0, updated: 0, unchanged: 0 },
    internships: { created: 0, updated: 0, unchanged: 0 },
    agreements: { versioned: 0, unchanged: 0 },
    learning: { updated: 0, milestonesAdded: 0 },
    daysOff: { holidays: 0, closures: 0, changed: false },
    admins: { listed: 0, added: 0 },
    pruning: { internships: [], roles: [], applied: false },
    report: { notes: [], warnings: [], pending: [] },
  };
  const audit = async (action: string, entity: string, entityId: number, detail?: unknown) =>
    await store.audit.record({ workspaceId: workspace.id, actorLabel, action, entity, entityId, detail }, at);
  const daysOff = {
    holidays: (programme.holidays ?? []).map((h) => ({
      country: h.country,
      ...(h.region ? { region: h.region } : {}),
      date: h.date,
      name: h.name,
    })),
    closures: (programme.closures ?? []).map((c) => ({
      from: c.from,
      to: c.to,
      name: c.name,
      ...(c.people ? { people: c.people } : {}),
    })),
  };
  // Before the internships, whose wake-ups are touched below: the rules see the new days off next tick.
  const daysOffChanged = await store.daysOff.replace(workspace.id, daysOff);
  summary.daysOff = {
    holidays: daysOff.holidays.length,
    closures: daysOff.closures.length,
    changed: daysOffChanged,
  };
  if (daysOffChanged) {
    await audit("days-off.replace", "workspace", workspace.id, summary.daysOff);
  }
  const colleagues = new Set(programme.colleagues);
  const personIds = new Map<string, number>();

  for (const p of programme.people) {
    const before = await store.people.byKey(workspace.id, p.key);
    const existed = before !== undefined;
    const ids = effectiveIds(platform, p);
    const { id: personId, changed } = await store.people.upsert(
      workspace.id,
      {
        key: p.key,
        name: p.name,
        timezone: p.timezone,
        country: p.country,
        ...(p.region ? { region: p.region } : {}),
        contactHours: p.contactHours,
        dailyBudget: p.dailyBudget ?? DEFAULT_DAILY_BUDGET,
        languages: p.languages ?? [],
        introCapacity: p.introCapacity ?? DEFAULT_INTRO_CAPACITY,
        ...(p.department ? { department: p.department } : {}),
        ...(p.email ? { email: p.email } : {}),
        ids,
        isColleague: colleagues.has(p.key),
      },
      at,
    );
    const leaveChanged = await store.people.replaceLeave(workspace.id, personId, "programme", p.leave, at);
    personIds.set(p.key, personId);
    // A zone set-up had to assume, given now by the file or the platform: no longer assumed.
    if (before && before.timezone !== p.timezone) await clearZoneAssumed(store, workspace, personId, at);
    if (!existed) summary.people.created += 1;
    else if (changed || leaveChanged) summary.people.updated += 1;
    else summary.people.unchanged += 1;
    if (!existed || changed || leaveChanged)
      await audit(existed ? "person.update" : "person.create", "person", personId, { key: p.key });
  }

  for (const s of programme.internships) {
    const existed = (await store.internships.byKey(workspace.id, s.key)) !== undefined;
    const ref = (key: string | undefined) => (key === undefined ? undefined : personIds.get(key));
    const { id: internshipId, changed } = await store.internships.upsert(
      workspace.id,
      {
        key: s.key,
        internId: ref(s.intern)!,
        supervisorId: ref(s.supervisor)!,
        ...(s.backupSupervisor ? { backupSupervisorId: ref(s.backupSupervisor)! } : {}),
        ...(s.coordinator ? { coordinatorId: ref(s.coordinator)! } : {}),
        start: s.start,
        end: s.end,
        ...(s.homeChannel ? { homeChannel: s.homeChannel } : {}),
      },
      at,
    );
    const conversationsChanged = await store.internships.replaceConversations(
      workspace.id,
      internshipId,
      s.conversations ?? [],
    );
    if (conversationsChanged && !changed)
      await audit("internship.update", "internship", internshipId, { key: s.key });
    // New or not, the rules look at every imported internship on the next tick.
    await touchInternship(store, workspace.id, internshipId, at);
    // Everyone in it is welcomed once (keys make a second import harmless), also when it already runs.
    await store.wakeups.touch(workspace.id, internshipId, ["welcome"], at);
    if (!existed) summary.internships.created += 1;
    else if (changed || conversationsChanged) summary.internships.updated += 1;
    else summary.internships.unchanged += 1;
    if (changed)
      await audit(existed ? "internship.update" : "internship.create", "internship", internshipId, {
        key: s.key,
      });

    const terms = withDefaults(s.agreement);
    const current = await store.agreements.current(internshipId);
    if (current && termsKey(current.terms) === termsKey(terms)) {
      summary.agreements.unchanged += 1;
    } else {
      const version = await store.agreements.addVersion(workspace.id, internshipId, terms, undefined, at);
      summary.agreements.versioned += 1;
      await audit("agreement.version", "agreement", version.id, {
        internship: s.key,
        version: version.version,
      });
    }

    const learning = await importLearning(store, workspace.id, internshipId, s, at);
    if (learning.changed) {
      summary.learning.updated += 1;
      await audit("learning.update", "internship", internshipId, { internship: s.key });
    }
    summary.learning.milestonesAdded += learning.milestonesAdded.length;
    if (learning.milestonesAdded.length > 0)
      await audit("milestone.plan", "internship", internshipId, { titles: learning.milestonesAdded });
    for (const key of learning.unlinked)
      summary.report.notes.push(
        `internship ${s.key}: outcome "${key}" is no longer in learning.outcomes, so no milestone serves it any more`,
      );
  }
  return summary;
}
