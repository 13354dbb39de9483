/** `setup`: opens the set-up form, then checks a submitted one with the platform and saves it. */

import { parseAddress } from "../../domain/addresses.js";
import { DEFAULT_TERMS, termsKey } from "../../domain/agreement.js";
import type { MentionRef } from "../../domain/command-syntax/types.js";
import { type SetupPersonNote, setupCopy } from "../../domain/copy/setup.js";
import {
  type FieldErrors,
  readSetupAnswers,
  readSetupValue,
  type SetupCurrent,
  type SetupRole,
  setupForm,
} from "../../domain/internship-setup.js";
import type { Reply } from "../../domain/messages.js";
import { LEARNING_FIELD_LABELS } from "../../domain/setup-learning.js";
import type { Internship, Person, Workspace } from "../../domain/types.js";
import { localDateIn } from "../../domain/zone-time.js";
import type { DirectoryPerson, UnreachableReason } from "../../ports/platform-directory.js";
import type { Store } from "../../ports/store.js";
import { reply } from "../command-context.js";
import { touchInternship } from "../rules/wakeup-rule.js";
import type { Access } from "./setup-access.js";
import { adoptAdmin } from "./setup-admin.js";
import { readSetupLearning, saveSetupLearning } from "./setup-learning.js";
import { checkPicked, ensureEmailPerson, ensurePerson } from "./setup-people.js";
import { answered, type DeskContext, type PreparedWork } from "./setup-work.js";

type Allowed = Extract<Access, { allowed: true }>;

/** The intern's internship to edit: running today, else the next, else the last. */
function current(internships: Internship[], today: string): Internship | undefined {
  return (
    internships.find((i) => i.start <= today && today <= i.end) ??
    internships.filter((i) => i.start > today).sort((a, b) => (a.start < b.start ? -1 : 1))[0] ??
    internships.slice().sort((a, b) => (a.end < b.end ? 1 : -1))[0]
  );
}

async function describeCurrent(
  store: Store,
  workspace: Workspace,
  internship: Internship,
): Promise<SetupCurrent> {
  const named = async (id: number | undefined) => {
    const p = id === undefined ? undefined : await store.people.get(workspace.id, id);
    const platformId = p?.ids[workspace.platform];
    return p && platformId ? { id: platformId, name: p.name } : undefined;
  };
  const [intern, supervisor, backup, coordinator] = await Promise.all([
    named(internship.internId),
    named(internship.supervisorId),
    named(internship.backupSupervisorId),
    named(internship.coordinatorId),
  ]);
  const byMail =
    !coordinator && internship.coordinatorId !== undefined
      ? (await store.people.get(workspace.id, internship.coordinatorId))?.email
      : undefined;
  return {
    key: internship.key,
    ...(byMail ? { coordinatorEmail: byMail } : {}),
    intern: intern ?? { id: "", name: "" },
    supervisor: supervisor ?? { id: "", name: "" },
    ...(backup ? { backup } : {}),
    ...(coordinator ? { coordinator } : {}),
    ...(internship.homeChannel ? { home: internship.homeChannel } : {}),
    start: internship.start,
    end: internship.end,
    terms: (await store.agreements.currentTerms(internship.id)) ?? DEFAULT_TERMS,
    learning: await store.learning.get(internship.id),
  };
}

/** The channel a command was typed in, when it was a channel (Teams: the home channel). */
function typedInChannel(ctx: DeskContext): string | undefined {
  const address = parseAddress(ctx.event.conversation);
  return address?.kind === "conv" ? address.id : undefined;
}

export async function openSetup(
  ctx: DeskContext,
  access: Allowed,
  intern: MentionRef | undefined,
): Promise<PreparedWork> {
  const { store, event, platform } = ctx;
  const workspace = await store.workspaces.find(platform, event.workspace);
  const today = localDateIn(access.self?.timezone ?? "UTC", ctx.now);
  let editing: SetupCurrent | undefined;
  if (intern) {
    const person =
      workspace &&
      (intern.kind === "id"
        ? await store.people.byPlatformId(workspace.id, platform, intern.id)
        : ((await store.people.byHandle(workspace.id, intern.name)) ??
          (await store.people.byPlatformId(workspace.id, platform, intern.name))));
    const theirs = person
      ? (await store.internships.forPerson(workspace.id, person.id)).filter((i) => i.internId === person.id)
      : [];
    const found = current(theirs, today);
    if (!workspace || !found) {
      return answered(
        reply(
          setupCopy.notAnIntern(person?.name ?? (intern.kind === "name" ? `@${intern.name}` : "That person")),
        ),
      );
    }
    editing = await describeCurrent(store, workspace, found);
  }
  const typedIn = platform === "teams" ? typedInChannel(ctx) : undefined;
  const form = setupForm({
    platform,
    today,
    defaults: DEFAULT_TERMS,
    ...(typedIn ? { typedIn } : {}),
    ...(editing ? { current: editing } : {}),
  });
  const home = platform === "teams" ? { typedInChannel: typedIn !== undefined } : undefined;
  return answered({ text: setupCopy.formIntro(platform, home), form });
}

/** A refused form: errors beside the fields where the platform can, and in words for the others. */
function refusal(errors: FieldErrors): Reply {
  const labels = { ...setupCopy.roleLabels(), ...LEARNING_FIELD_LABELS };
  return { text: setupCopy.problems(errors, labels), formErrors: errors };
}

interface Checked {
  entries: Map<SetupRole, DirectoryPerson>;
  unreachable: Map<string, UnreachableReason>;
  homeName?: string;
}

/** Asks the platform about each person and the home channel; field errors for what cannot work. */
async function checkWithPlatform(
  ctx: DeskContext,
  people: { role: SetupRole; id: string }[],
  home: string | undefined,
): Promise<{ ok: true; value: Checked } | { ok: false; errors: FieldErrors }> {
  const { directory, event, platform } = ctx;
  const errors: FieldErrors = {};
  const entries = new Map<SetupRole, DirectoryPerson>();
  const unreachable = new Map<string, UnreachableReason>();
  for (const { role, id } of people) {
    const entry = await directory.person(event.workspace, id);
    const checked = checkPicked(entry, platform);
    if (checked.ok) entries.set(role, checked.value);
    else errors[role] = checked.error;
  }
  let homeName: string | undefined;
  if (home) {
    const membership = await directory.botInChannel(event.workspace, home);
    if (membership.state === "not-found") errors.home = setupCopy.channelNotFound(platform);
    else if (membership.state === "archived") errors.home = setupCopy.channelArchived(membership.name);
    else if (membership.state === "not-member")
      errors.home = setupCopy.channelNotMember(platform, membership.name);
    else homeName = membership.name;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  for (const entry of entries.values()) {
    const reach = await directory.canMessage(event.workspace, entry.userId);
    if (!reach.reachable) unreachable.set(entry.userId, reach.reason);
  }
  return { ok: true, value: { entries, unreachable, ...(homeName ? { homeName } : {}) } };
}

/** A key for a new internship: `kenji-2026`, `kenji-2026-2`, ... */
async function internshipKey(
  store: Store,
  workspaceId: number,
  intern: Person,
  start: string,
): Promise<string> {
  const base = `${intern.key.slice(0, 50)}-${start.slice(0, 4)}`;
  for (let n = 1; n < 100; n += 1) {
    const key = n === 1 ? base : `${base}-${n}`;
    if (!(await store.internships.byKey(workspaceId, key))) return key;
  }
  return `${base}-${intern.id}`;
}

export async function submitSetup(ctx: DeskContext, access: Allowed): Promise<PreparedWork> {
  const { store, event, platform } = ctx;
  if (event.kind !== "action") return answered(reply(setupCopy.noDirectory(platform)));
  const value = readSetupValue(event.value);
  const known = await store.workspaces.find(platform, event.workspace);
  const edited = known && value.edit ? await store.internships.byKey(known.id, value.edit) : undefined;
  const base = (edited && (await store.agreements.currentTerms(edited.id))) ?? DEFAULT_TERMS;
  const answers = readSetupAnswers(event.form ?? {}, base, value.home);
  const learning = await readSetupLearning(store, edited, event.form ?? {}, value, answers);
  const errors = { ...(answers.ok ? {} : answers.error), ...(learning.ok ? {} : learning.error) };
  if (!answers.ok || !learning.ok) return answered(refusal(errors));
  const checked = await checkWithPlatform(ctx, answers.value.people, answers.value.home);
  if (!checked.ok) return answered(refusal(checked.errors));
  const { entries, unreachable, homeName } = checked.value;
  const { start, end, terms, home } = answers.value;
  const fallbackZone = access.self?.timezone ?? "UTC";

  return {
    async apply() {
      const at = ctx.now;
      const workspace = await store.workspaces.ensure(platform, event.workspace, "", at);
      const admin = await adoptAdmin(store, workspace, access, event.user, at);
      if (!admin.ok) return reply(admin.error);
      const people = new Map<SetupRole, Person>();
      const notes: SetupPersonNote[] = [];
      for (const [role, entry] of entries) {
        const ensured = await ensurePerson(store, workspace, entry, fallbackZone, at);
        people.set(role, ensured.person);
        const reason = unreachable.get(entry.userId);
        notes.push({
          role,
          name: ensured.person.name,
          handle: ensured.person.key,
          timezone: ensured.person.timezone,
          zoneAssumed: ensured.zoneAssumed,
          ...(ensured.created ? { created: ensured.created } : {}),
          ...(reason ? { unreachable: reason } : {}),
        });
      }
      const email = answers.value.coordinatorEmail;
      if (email) {
        const ensured = await ensureEmailPerson(store, workspace, email, fallbackZone, at);
        people.set("coordinator", ensured.person);
        notes.push({
          role: "coordinator",
          name: ensured.person.name,
          handle: ensured.person.key,
          timezone: ensured.person.timezone,
          zoneAssumed: ensured.zoneAssumed,
          ...(ensured.created ? { created: ensured.created } : {}),
        });
      }
      const intern = people.get("intern")!;
      // Set up again for the same intern and dates: the same internship, not a second one.
      const existing =
        (value.edit ? await store.internships.byKey(workspace.id, value.edit) : undefined) ??
        (await store.internships.forPerson(workspace.id, intern.id)).find(
          (i) => i.internId === intern.id && i.start <= end && start <= i.end,
        );
      const key = existing?.key ?? (await internshipKey(store, workspace.id, intern, start));
      const backup = people.get("backup");
      const coordinator = people.get("coordinator");
      const { id } = await store.internships.upsert(
        workspace.id,
        {
          key,
          internId: intern.id,
          supervisorId: people.get("supervisor")!.id,
          ...(backup ? { backupSupervisorId: backup.id } : {}),
          ...(coordinator ? { coordinatorId: coordinator.id } : {}),
          start,
          end,
          ...(home ? { homeChannel: home } : {}),
        },
        at,
      );
      const before = await store.agreements.current(id);
      const termsChanged = !before || termsKey(before.terms) !== termsKey(terms);
      if (termsChanged) await store.agreements.addVersion(workspace.id, id, terms, admin.value?.id, at);
      if (learning.value)
        await saveSetupLearning(store, workspace.id, id, learning.value, admin.value?.id, at);
      // The rules look at it on the next tick; everyone in it is welcomed once.
      await touchInternship(store, workspace.id, id, at);
      await store.wakeups.touch(workspace.id, id, ["welcome"], at);
      await store.audit.record(
        {
          workspaceId: workspace.id,
          ...(admin.value ? { actorId: admin.value.id } : {}),
          actorLabel: "setup",
          action: existing ? "internship.update" : "internship.create",
          entity: "internship",
          entityId: id,
          detail: { key, by: event.user },
        },
        at,
      );
      ctx.log.info(
        { workspace: workspace.id, internship: key, created: !existing },
        "internship set up in chat",
      );
      return reply(
        setupCopy.saved({
          platform,
          created: !existing,
          internName: intern.name,
          internHandle: intern.key,
          start,
          end,
          ...(home ? { home: homeName ? `#${homeName}` : home } : {}),
          people: notes,
          terms,
          termsChanged,
          firstAdmin: admin.first,
        }),
      );
    },
  };
}
