import { mailRecipient, parseAddress } from "../../domain/addresses.js";
import type { Command } from "../../domain/command-syntax/types.js";
import { type PreviewRecipient, previewCopy, weekPreviewReply } from "../../domain/copy/preview.js";
import { rolesOf } from "../../domain/internship-roles.js";
import type { Address, Reply } from "../../domain/messages.js";
import type { Person } from "../../domain/types.js";
import { type CommandContext, reply } from "../command-context.js";
import { type InternshipContext, loadInternshipContext } from "../internship-context.js";
import { resolveScopeOrAdmin } from "../internship-scope.js";
import { type SimulatedSend, simulateSends } from "../week-preview.js";

const WEEK_MS = 7 * 86_400_000;

/**
 * `preview week [for @intern]`: what Tandem would send over the next seven days (from the first day when
 * the internship starts later), to whom, in each recipient's time. Anyone in the internship may see it.
 */
export async function handlePreviewCommand(
  ctx: CommandContext,
  command: Extract<Command, { name: "preview.week" }>,
): Promise<Reply> {
  const scope = await resolveScopeOrAdmin(ctx, command.intern, "preview week");
  if (!scope.ok) return reply(scope.error);
  const { store, workspace, now } = ctx;
  if (!store.snapshot) return reply(previewCopy.unavailable());
  const context = await loadInternshipContext(store, workspace.id, scope.value.internship.id);
  if (!context) return reply(previewCopy.ended(scope.value.intern, scope.value.internship.end));
  const { internship, intern } = context;
  const calendar = context.calendarOf(intern);
  if (calendar.localDate(now) > internship.end) return reply(previewCopy.ended(intern, internship.end));
  const startsAt = calendar.atLocalTime(internship.start, "00:00");
  const startsLater = startsAt.getTime() > now.getTime();
  const until = new Date((startsLater ? startsAt : now).getTime() + WEEK_MS);
  // Everything the rules read about an internship belongs to its workspace.
  const copy = await store.snapshot({ workspaceId: workspace.id });
  let sends: SimulatedSend[];
  try {
    const inCopy = await loadInternshipContext(copy, workspace.id, internship.id);
    sends = inCopy ? await simulateSends(copy, inCopy, { from: now, until }, ctx.log) : [];
  } finally {
    await copy.close();
  }
  const recipients = await recipientsOf(ctx, context, sends);
  return reply(weekPreviewReply(intern, now, until, startsLater ? internship.start : undefined, recipients));
}

/** The sends grouped by where they go, the internship's people first (intern, supervisors, coordinator). */
async function recipientsOf(
  ctx: CommandContext,
  context: InternshipContext,
  sends: readonly SimulatedSend[],
): Promise<PreviewRecipient[]> {
  const { internship, intern, workspace } = context;
  const people = new Map<string, Person | undefined>();
  const personOf = async (userId: string) => {
    if (!people.has(userId)) {
      people.set(userId, await ctx.store.people.byPlatformId(workspace.id, workspace.platform, userId));
    }
    return people.get(userId);
  };
  const byAddress = new Map<Address, PreviewRecipient & { order: number }>();
  for (const send of sends) {
    let recipient = byAddress.get(send.address);
    if (!recipient) {
      recipient = await describe(send.address);
      byAddress.set(send.address, recipient);
    }
    (recipient.sends as { at: Date; text: string }[]).push({ at: send.at, text: send.message.text });
  }
  return [...byAddress.values()].sort((a, b) => a.order - b.order);

  async function describe(address: Address): Promise<PreviewRecipient & { order: number }> {
    const parsed = parseAddress(address);
    const base = { roles: [], timezone: intern.timezone, sends: [] };
    const email = mailRecipient(address);
    const userId = parsed?.kind === "user" ? parsed.id : undefined;
    if (userId !== undefined || email !== undefined) {
      const person =
        email !== undefined
          ? (await ctx.store.people.byEmail(email)).find((p) => p.workspaceId === workspace.id)
          : await personOf(userId!);
      if (person) {
        const roles = rolesOf(internship, person.id);
        // Intern, supervisor, backup, coordinator, then colleagues in the order they first get something.
        const order = roles.length > 0 ? ROLE_ORDER.indexOf(roles[0]!) : ROLE_ORDER.length + byAddress.size;
        return { ...base, kind: "person", name: person.name, roles, timezone: person.timezone, order };
      }
    }
    if (parsed?.kind === "group") {
      const names = await Promise.all(parsed.ids.map(async (id) => (await personOf(id))?.name ?? id));
      return { ...base, kind: "group", name: names.join(", "), order: 1000 + byAddress.size };
    }
    const id = parsed?.kind === "conv" ? parsed.id : address;
    return {
      ...base,
      kind: "channel",
      name: id,
      home: id === internship.homeChannel,
      order: 1000 + byAddress.size,
    };
  }
}

const ROLE_ORDER = ["intern", "supervisor", "backupSupervisor", "coordinator"] as const;
