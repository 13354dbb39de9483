/**
 * `colleagues`: an admin adds and removes the colleagues interns may be introduced to, in a picker.
 * Each new colleague is asked for consent with their first introduction request (introduction-rule.ts)
 * and may opt out; colleagues whom Tandem knows without a platform id are left as they are.
 */
import { setupCopy } from "../../domain/copy/setup.js";
import type { FieldErrors } from "../../domain/internship-setup.js";
import type { OutboundForm } from "../../domain/messages.js";
import type { Person } from "../../domain/types.js";
import type { DirectoryPerson } from "../../ports/platform-directory.js";
import { reply } from "../command-context.js";
import type { Access } from "./setup-access.js";
import { adoptAdmin } from "./setup-admin.js";
import { checkPicked, ensurePerson } from "./setup-people.js";
import { answered, type DeskContext, type PreparedWork } from "./setup-work.js";

export const COLLEAGUES_ACTION = "colleagues.submit";

/** The workspace's colleagues who have an id on its platform: those a picker can show. */
async function pickable(ctx: DeskContext): Promise<Person[]> {
  const workspace = await ctx.store.workspaces.find(ctx.platform, ctx.event.workspace);
  if (!workspace) return [];
  return (await ctx.store.people.colleagues(workspace.id)).filter((p) => p.ids[ctx.platform]);
}

export async function openColleagues(ctx: DeskContext): Promise<PreparedWork> {
  const colleagues = await pickable(ctx);
  const form: OutboundForm = {
    action: COLLEAGUES_ACTION,
    value: "",
    title: "Colleagues",
    submitLabel: "Save",
    fields: [
      {
        id: "colleagues",
        label: "Colleagues whom interns may meet",
        kind: "users",
        optional: true,
        ...(colleagues.length
          ? {
              initial: colleagues.map((p) => p.ids[ctx.platform]).join(","),
              choices: colleagues.map((p) => ({ value: p.ids[ctx.platform]!, label: p.name })),
            }
          : {}),
      },
    ],
  };
  return answered({ text: setupCopy.colleaguesIntro(), form });
}

export async function submitColleagues(
  ctx: DeskContext,
  access: Extract<Access, { allowed: true }>,
): Promise<PreparedWork> {
  const { store, event, directory, platform } = ctx;
  if (event.kind !== "action") return answered(reply(setupCopy.noDirectory(platform)));
  const picked = [
    ...new Set(
      (event.form?.colleagues ?? "")
        .split(",")
        .map((id) => id.trim().replace(/^@/, ""))
        .filter(Boolean),
    ),
  ];
  const before = await pickable(ctx);
  const already = new Set(before.map((p) => p.ids[platform]));
  const newcomers: DirectoryPerson[] = [];
  const errors: FieldErrors = {};
  for (const id of picked.filter((id) => !already.has(id))) {
    const entry = await directory.person(event.workspace, id);
    const checked = checkPicked(entry, platform);
    if (checked.ok) newcomers.push(checked.value);
    else errors.colleagues = entry ? checked.error : `${checked.error} (${id})`;
  }
  if (Object.keys(errors).length > 0) {
    return answered({ text: setupCopy.problems(errors, setupCopy.roleLabels()), formErrors: errors });
  }
  const removed = before.filter((p) => !picked.includes(p.ids[platform]!));
  const fallbackZone = access.self?.timezone ?? "UTC";
  return {
    async apply() {
      const at = ctx.now;
      const workspace = await store.workspaces.ensure(platform, event.workspace, "", at);
      const admin = await adoptAdmin(store, workspace, access, event.user, at);
      if (!admin.ok) return reply(admin.error);
      const added: string[] = [];
      for (const entry of newcomers) {
        const { person } = await ensurePerson(store, workspace, entry, fallbackZone, at);
        if (await store.people.isColleague(person.id)) continue;
        await store.people.setColleague(person.id, true);
        added.push(person.name);
      }
      for (const person of removed) await store.people.setColleague(person.id, false);
      if (added.length || removed.length) {
        await store.audit.record(
          {
            workspaceId: workspace.id,
            ...(admin.value ? { actorId: admin.value.id } : {}),
            actorLabel: "colleagues",
            action: "colleagues.change",
            entity: "workspace",
            entityId: workspace.id,
            detail: { added, removed: removed.map((p) => p.key), by: event.user },
          },
          at,
        );
      }
      const total = (await store.people.colleagues(workspace.id)).length;
      return reply(
        setupCopy.colleaguesSaved(
          added,
          removed.map((p) => p.name),
          total,
        ),
      );
    },
  };
}
