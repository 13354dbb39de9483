import { conversationAddress } from "../../domain/addresses.js";
import type { Command } from "../../domain/command-syntax/types.js";
import { acceptedMessage, acceptRequestMessage, announceMessage } from "../../domain/copy/milestone.js";
import { neutralizeMentions } from "../../domain/escape.js";
import { formatDate } from "../../domain/format.js";
import type { Reply } from "../../domain/messages.js";
import {
  type Milestone,
  type MilestoneAction,
  type MilestoneStatus,
  milestonesToList,
  refusal,
  rolesOf,
  shownStatus,
  transition,
} from "../../domain/milestones.js";
import { milestoneKeys } from "../../domain/outbox-keys.js";
import type { Internship } from "../../domain/types.js";
import type { MilestoneChange } from "../../ports/store.js";
import { type CommandContext, reply } from "../command-context.js";
import { loadInternshipContext } from "../internship-context.js";
import { resolveScope } from "../internship-scope.js";
import { queueDirect } from "../notify.js";
import { touchInternship } from "../rules/wakeup-rule.js";

type MilestoneCommand = Extract<Command, { name: `milestone.${string}` }>;

const safe = (text: string) => neutralizeMentions(text);

function describe(m: Milestone): string {
  return `#${m.id} "${safe(m.title)}"`;
}

export function handleMilestoneCommand(ctx: CommandContext, command: MilestoneCommand): Reply {
  switch (command.name) {
    case "milestone.add":
      return add(ctx, command);
    case "milestone.list":
      return list(ctx, command);
    default:
      return change(ctx, command);
  }
}

function add(ctx: CommandContext, command: Extract<Command, { name: "milestone.add" }>): Reply {
  const scope = resolveScope(ctx, command.intern, 'milestone add "Title" due 15 Dec');
  if (!scope.ok) return reply(scope.error);
  const refused = refusal(scope.roles, "add");
  if (refused) return reply(refused);
  if (command.due < ctx.today) {
    return reply(`${formatDate(command.due)} is in the past; pick a due date from today on.`);
  }
  if (command.due > scope.internship.end) {
    return reply(
      `The internship ends on ${formatDate(scope.internship.end)}; pick a due date on or before it.`,
    );
  }
  const milestone = ctx.store.transaction(() => {
    const created = ctx.store.milestones.add(
      ctx.workspace.id,
      {
        internshipId: scope.internship.id,
        title: command.title,
        due: command.due,
        createdBy: ctx.speaker.id,
      },
      ctx.now,
    );
    ctx.store.audit.record(
      {
        workspaceId: ctx.workspace.id,
        actorId: ctx.speaker.id,
        actorLabel: ctx.speaker.key,
        action: "milestone.add",
        entity: "milestone",
        entityId: created.id,
        detail: { due: created.due },
      },
      ctx.now,
    );
    touchInternship(ctx.store, ctx.workspace.id, scope.internship.id, ctx.now);
    return created;
  });
  const forWhom = scope.intern.id === ctx.speaker.id ? "" : ` for ${scope.intern.name}`;
  return reply(`Added milestone ${describe(milestone)}${forWhom}, due ${formatDate(milestone.due)}.`);
}

function list(ctx: CommandContext, command: Extract<Command, { name: "milestone.list" }>): Reply {
  const scope = resolveScope(ctx, command.intern, "milestone list");
  if (!scope.ok) return reply(scope.error);
  const refused = refusal(scope.roles, "view");
  if (refused) return reply(refused);
  const milestones = milestonesToList(ctx.store.milestones.listFor(scope.internship.id), command.all);
  const whose = scope.intern.id === ctx.speaker.id ? "Your milestones" : `${scope.intern.name}'s milestones`;
  if (milestones.length === 0) {
    return reply(
      command.all
        ? `${whose}: none yet. Add one with: milestone add "Title" due 15 Dec`
        : `${whose}: nothing open. Type "milestone list all" to include accepted ones, or add one with: milestone add "Title" due 15 Dec`,
    );
  }
  const lines = milestones.map((m) => {
    const status = shownStatus(m, ctx.today);
    const extra = m.status === "blocked" && m.blockReason ? ` (${safe(m.blockReason)})` : "";
    return `#${m.id}  ${formatDate(m.due)}  ${status}${extra}  ${safe(m.title)}`;
  });
  return reply([`${whose}, by due date:`, ...lines].join("\n"));
}

type ChangeCommand = Exclude<MilestoneCommand, { name: "milestone.add" | "milestone.list" }>;
type ChangeAction = Exclude<MilestoneAction, "add" | "view">;

export type CheckedChange =
  | { ok: true; milestone: Milestone; internship: Internship; status: MilestoneStatus }
  | { ok: false; reply: Reply };

/** Whether the speaker may do `action` to milestone `id` now: the rules commands and buttons share. */
export function checkMilestoneChange(ctx: CommandContext, id: number, action: ChangeAction): CheckedChange {
  const milestone = ctx.store.milestones.get(ctx.workspace.id, id);
  const internship = milestone && ctx.store.internships.get(ctx.workspace.id, milestone.internshipId);
  const roles = internship ? rolesOf(internship, ctx.speaker.id) : [];
  // Someone outside the internship learns nothing about it, not even that the number exists.
  if (!milestone || !internship || roles.length === 0) {
    return {
      ok: false,
      reply: reply(`There is no milestone #${id}. Type "milestone list" to see the numbers.`),
    };
  }
  const refused = refusal(roles, action, milestone);
  if (refused) return { ok: false, reply: reply(refused) };
  const next = transition(milestone, action);
  if (!next.ok) return { ok: false, reply: reply(next.error) };
  return { ok: true, milestone, internship, status: next.status };
}

function change(ctx: CommandContext, command: ChangeCommand): Reply {
  const action = command.name.slice("milestone.".length) as ChangeAction;
  const checked = checkMilestoneChange(ctx, command.id, action);
  if (!checked.ok) return checked.reply;
  const { milestone, internship, status } = checked;

  const { changes, note, message } = describeChange(ctx, command, milestone);
  if ("error" in changes) return reply(changes.error);
  // One transaction: the change, its audit, the wake-up and the messages it causes land together or not at all.
  ctx.store.transaction(() => {
    const updated = ctx.store.milestones.change(
      ctx.workspace.id,
      milestone,
      { ...changes, status },
      { action, actorId: ctx.speaker.id, ...(note ? { note } : {}) },
      ctx.now,
    );
    ctx.store.audit.record(
      {
        workspaceId: ctx.workspace.id,
        actorId: ctx.speaker.id,
        actorLabel: ctx.speaker.key,
        action: `milestone.${action}`,
        entity: "milestone",
        entityId: milestone.id,
        detail: { from: milestone.status, to: status, ...(changes.due ? { due: changes.due } : {}) },
      },
      ctx.now,
    );
    touchInternship(ctx.store, ctx.workspace.id, internship.id, ctx.now);
    // Reminders and alerts still waiting for someone's contact hours no longer fit: drop them.
    if (action !== "block")
      ctx.store.outbox.cancelPending(ctx.workspace.id, milestoneKeys.duePrefix(milestone.id));
    if (action === "accept" || action === "reopen") {
      ctx.store.outbox.cancelPending(ctx.workspace.id, milestoneKeys.acceptPrefix(milestone.id));
    }
    if (action === "done" || action === "accept") queueNotices(ctx, internship, action, updated);
  });
  return reply(message);
}

/** The messages a done or an accept causes at once; keys carry the instant, which the history also records. */
function queueNotices(
  ctx: CommandContext,
  internship: Internship,
  action: "done" | "accept",
  m: Milestone,
): void {
  const context = loadInternshipContext(ctx.store, ctx.workspace.id, internship.id);
  if (!context) return;
  const { store, workspace, now, speaker } = ctx;
  if (action === "accept") {
    const payload = acceptedMessage(m, speaker.name, m.feedback);
    queueDirect(store, workspace, context.intern, milestoneKeys.accepted(m.id, now), payload, now);
    return;
  }
  // A supervisor who marks it done knows already; anyone else's done asks the supervisor to accept.
  if (speaker.id !== internship.supervisorId && speaker.id !== internship.backupSupervisorId) {
    const payload = acceptRequestMessage(m, context.intern.name);
    queueDirect(store, workspace, context.supervisor, milestoneKeys.acceptRequest(m.id, now), payload, now);
  }
  if (context.terms.milestones.announceDone && internship.homeChannel) {
    store.outbox.enqueue(
      {
        workspaceId: workspace.id,
        key: milestoneKeys.announce(m.id, now),
        address: conversationAddress(workspace.platform, workspace.externalId, internship.homeChannel),
        payload: announceMessage(m, context.intern.name),
        notBefore: now,
      },
      now,
    );
  }
}

function describeChange(
  ctx: CommandContext,
  command: ChangeCommand,
  m: Milestone,
): { changes: MilestoneChange | { error: string }; note?: string; message: string } {
  switch (command.name) {
    case "milestone.done":
      return {
        changes: { blockReason: null },
        message: `Marked ${describe(m)} as done. Your supervisor can now accept it.`,
      };
    case "milestone.move": {
      if (command.due < ctx.today) {
        return {
          changes: { error: `${formatDate(command.due)} is in the past; pick a date from today on.` },
          message: "",
        };
      }
      if (command.due === m.due) {
        return {
          changes: { error: `Milestone #${m.id} is already due on ${formatDate(m.due)}.` },
          message: "",
        };
      }
      const because = command.reason ? ` because ${safe(command.reason)}` : "";
      return {
        changes: { due: command.due, moved: true },
        ...(command.reason ? { note: command.reason } : {}),
        message: `Moved ${describe(m)} from ${formatDate(m.due)} to ${formatDate(command.due)}${because}.`,
      };
    }
    case "milestone.block":
      return {
        changes: { blockReason: command.reason },
        note: command.reason,
        message: `Marked ${describe(m)} as blocked: ${safe(command.reason)}. Your supervisor will see it in the list.`,
      };
    case "milestone.accept":
      return {
        changes: { feedback: command.feedback ?? null },
        ...(command.feedback ? { note: command.feedback } : {}),
        message: `Accepted ${describe(m)}${command.feedback ? ` with feedback: ${safe(command.feedback)}` : ""}.`,
      };
    case "milestone.reopen":
      return {
        changes: { blockReason: null },
        message: `Reopened ${describe(m)}; it is planned again, due ${formatDate(m.due)}.`,
      };
  }
}
