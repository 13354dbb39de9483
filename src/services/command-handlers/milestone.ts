import { conversationAddress } from "../../domain/addresses.js";
import type { Command } from "../../domain/command-syntax/types.js";
import { learningCopy } from "../../domain/copy/learning.js";
import {
  acceptedMessage,
  acceptRequestMessage,
  announceMessage,
  milestoneCommandCopy as copy,
  milestoneListLine,
  milestoneRefusalText,
  transitionRefusalText,
} from "../../domain/copy/milestone.js";
import { rolesOf } from "../../domain/internship-roles.js";
import { unknownOutcomes } from "../../domain/learning-agreement.js";
import { fitLines, joinedLength, MESSAGE_TEXT_BUDGET } from "../../domain/message-budget.js";
import type { Reply } from "../../domain/messages.js";
import {
  type Milestone,
  type MilestoneAction,
  type MilestoneStatus,
  milestonesToList,
  permission,
  shownStatus,
  transition,
} from "../../domain/milestones.js";
import { milestoneKeys } from "../../domain/outbox-keys.js";
import { err, ok, type Result } from "../../domain/result.js";
import type { Internship } from "../../domain/types.js";
import type { MilestoneChange } from "../../ports/store.js";
import { type CommandContext, reply } from "../command-context.js";
import { addressed } from "../cover.js";
import { loadInternshipContext } from "../internship-context.js";
import { resolveScope } from "../internship-scope.js";
import { outcomesOfMilestone, withOutcomes } from "../milestone-outcomes.js";
import { queueDirect } from "../notify.js";
import { touchInternship } from "../rules/wakeup-rule.js";

type MilestoneCommand = Exclude<
  Extract<Command, { name: `milestone.${string}` }>,
  { name: "milestone.form" }
>;

export async function handleMilestoneCommand(ctx: CommandContext, command: MilestoneCommand): Promise<Reply> {
  switch (command.name) {
    case "milestone.add":
      return await addMilestone(ctx, command);
    case "milestone.list":
      return await list(ctx, command);
    default:
      return await change(ctx, command);
  }
}

/**
 * `milestone add`, typed or from the milestone form (`fromForm`: a wrong due date or outcome is shown
 * beside its field).
 */
export async function addMilestone(
  ctx: CommandContext,
  command: Extract<Command, { name: "milestone.add" }>,
  fromForm = false,
): Promise<Reply> {
  const refuse = (text: string, field: "due" | "outcomes"): Reply =>
    fromForm ? { text, formErrors: { [field]: text } } : reply(text);
  const scope = await resolveScope(ctx, command.intern, 'milestone add "Title" due 15 Dec');
  if (!scope.ok) return reply(scope.error);
  const allowed = permission(scope.value.roles, "add");
  if (!allowed.ok) return reply(milestoneRefusalText(allowed.error, "add"));
  if (command.due < ctx.today) return refuse(copy.dueInPast(command.due), "due");
  if (command.due > scope.value.internship.end)
    return refuse(copy.dueAfterEnd(scope.value.internship.end), "due");
  const outcomes = command.outcomes ?? [];
  if (outcomes.length > 0) {
    const learning = await ctx.store.learning.get(scope.value.internship.id);
    const unknown = unknownOutcomes(learning, outcomes);
    if (!learning)
      return refuse(
        learningCopy.noAgreement(scope.value.intern.id === ctx.speaker.id ? "" : scope.value.intern.name),
        "outcomes",
      );
    if (unknown.length > 0)
      return refuse(
        learningCopy.unknownOutcomes(
          unknown,
          learning.outcomes.map((o) => o.key),
        ),
        "outcomes",
      );
  }
  const milestone = await ctx.store.transaction(async () => {
    const created = await ctx.store.milestones.add(
      ctx.workspace.id,
      {
        internshipId: scope.value.internship.id,
        title: command.title,
        due: command.due,
        createdBy: ctx.speaker.id,
      },
      ctx.now,
    );
    await ctx.store.audit.record(
      {
        workspaceId: ctx.workspace.id,
        actorId: ctx.speaker.id,
        actorLabel: ctx.speaker.key,
        action: "milestone.add",
        entity: "milestone",
        entityId: created.id,
        detail: { due: created.due, ...(outcomes.length > 0 ? { outcomes } : {}) },
      },
      ctx.now,
    );
    if (outcomes.length > 0)
      await ctx.store.learning.link(ctx.workspace.id, created.id, scope.value.internship.id, outcomes);
    await touchInternship(ctx.store, ctx.workspace.id, scope.value.internship.id, ctx.now);
    return created;
  });
  return reply(
    copy.added(milestone, scope.value.intern.id === ctx.speaker.id ? "" : scope.value.intern.name) +
      (outcomes.length > 0 ? learningCopy.serves(outcomes) : ""),
  );
}

async function list(
  ctx: CommandContext,
  command: Extract<Command, { name: "milestone.list" }>,
): Promise<Reply> {
  const scope = await resolveScope(ctx, command.intern, "milestone list");
  if (!scope.ok) return reply(scope.error);
  const allowed = permission(scope.value.roles, "view");
  if (!allowed.ok) return reply(milestoneRefusalText(allowed.error, "view"));
  const milestones = milestonesToList(
    await ctx.store.milestones.listFor(scope.value.internship.id),
    command.all,
  );
  const intern = scope.value.intern.id === ctx.speaker.id ? "" : scope.value.intern.name;
  if (milestones.length === 0) return reply(copy.listNone(intern, command.all));
  const lines = milestones.map((m) => milestoneListLine(m, shownStatus(m, ctx.today)));
  // Within the message budget: whole lines when they fit, else shortened titles, else the earliest due.
  const heading = copy.list(intern, [], true).length + 1;
  if (joinedLength(lines) + heading <= MESSAGE_TEXT_BUDGET) return reply(copy.list(intern, lines));
  const brief = milestones.map((m) => milestoneListLine(m, shownStatus(m, ctx.today), true));
  const fitted = fitLines(brief, MESSAGE_TEXT_BUDGET - heading, (left) => copy.listMore(left, command.all));
  return reply(copy.list(intern, fitted.lines, true));
}

type ChangeCommand = Exclude<MilestoneCommand, { name: "milestone.add" | "milestone.list" }>;
type ChangeAction = Exclude<MilestoneAction, "add" | "view">;

/** Refused with the reply to give, or allowed with the milestone, its internship and the next status. */
export type CheckedChange = Result<
  { milestone: Milestone; internship: Internship; status: MilestoneStatus },
  Reply
>;

/** Whether the speaker may do `action` to milestone `id` now: the rules commands and buttons share. */
export async function checkMilestoneChange(
  ctx: CommandContext,
  id: number,
  action: ChangeAction,
): Promise<CheckedChange> {
  const milestone = await ctx.store.milestones.get(ctx.workspace.id, id);
  const internship = milestone && (await ctx.store.internships.get(ctx.workspace.id, milestone.internshipId));
  const roles = internship ? rolesOf(internship, ctx.speaker.id) : [];
  // Someone outside the internship learns nothing about it, not even that the number exists.
  if (!milestone || !internship || roles.length === 0) {
    return err(reply(copy.unknown(id)));
  }
  const allowed = permission(roles, action, milestone);
  if (!allowed.ok) return err(reply(milestoneRefusalText(allowed.error, action)));
  const next = transition(milestone, action);
  if (!next.ok) return err(reply(transitionRefusalText(next.error, milestone)));
  return ok({ milestone, internship, status: next.value });
}

async function change(ctx: CommandContext, command: ChangeCommand): Promise<Reply> {
  const action = command.name.slice("milestone.".length) as ChangeAction;
  const checked = await checkMilestoneChange(ctx, command.id, action);
  if (!checked.ok) return checked.error;
  const { milestone, internship, status } = checked.value;

  const described = describeChange(ctx, command, milestone);
  if (!described.ok) return reply(described.error);
  const { changes, note, message } = described.value;
  // One transaction: the change, its audit, the wake-up and the messages it causes land together or not at all.
  await ctx.store.transaction(async () => {
    const updated = await ctx.store.milestones.change(
      ctx.workspace.id,
      milestone,
      { ...changes, status },
      { action, actorId: ctx.speaker.id, ...(note ? { note } : {}) },
      ctx.now,
    );
    await ctx.store.audit.record(
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
    await touchInternship(ctx.store, ctx.workspace.id, internship.id, ctx.now);
    // Reminders and alerts still waiting for someone's contact hours no longer fit: drop them.
    if (action !== "block")
      await ctx.store.outbox.cancelPending(ctx.workspace.id, milestoneKeys.duePrefix(milestone.id));
    if (action === "accept" || action === "reopen") {
      await ctx.store.outbox.cancelPending(ctx.workspace.id, milestoneKeys.acceptPrefix(milestone.id));
    }
    if (action === "done" || action === "accept") await queueNotices(ctx, internship, action, updated);
  });
  return reply(message);
}

/** The messages a done or an accept causes at once; keys carry the instant, which the history also records. */
async function queueNotices(
  ctx: CommandContext,
  internship: Internship,
  action: "done" | "accept",
  m: Milestone,
): Promise<void> {
  const context = await loadInternshipContext(ctx.store, ctx.workspace.id, internship.id);
  if (!context) return;
  const { store, workspace, now, speaker } = ctx;
  // Each message about the milestone says which learning outcomes it serves.
  const outcomes = await outcomesOfMilestone(store, internship.id, m.id);
  if (action === "accept") {
    const payload = withOutcomes(acceptedMessage(m, speaker.name, m.feedback), outcomes);
    await queueDirect(store, workspace, context.intern, milestoneKeys.accepted(m.id, now), payload, now);
    return;
  }
  // A supervisor who marks it done knows already; anyone else's done asks the supervisor to accept.
  if (speaker.id !== internship.supervisorId && speaker.id !== internship.backupSupervisorId) {
    // While the supervisor is on leave, the backup accepts.
    const { to, words } = addressed(context, context.supervisor, now);
    const payload = words(withOutcomes(acceptRequestMessage(m, context.intern.name), outcomes));
    await queueDirect(store, workspace, to, milestoneKeys.acceptRequest(m.id, now), payload, now);
  }
  if (context.terms.milestones.announceDone && internship.homeChannel) {
    await store.outbox.enqueue(
      {
        workspaceId: workspace.id,
        key: milestoneKeys.announce(m.id, now),
        address: conversationAddress(workspace.platform, workspace.externalId, internship.homeChannel),
        payload: withOutcomes(announceMessage(m, context.intern.name), outcomes),
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
): Result<{ changes: MilestoneChange; note?: string; message: string }> {
  switch (command.name) {
    case "milestone.done":
      return ok({ changes: { blockReason: null }, message: copy.done(m) });
    case "milestone.move": {
      if (command.due < ctx.today) return err(copy.moveInPast(command.due));
      if (command.due === m.due) return err(copy.moveSameDate(m));
      return ok({
        changes: { due: command.due, moved: true },
        ...(command.reason ? { note: command.reason } : {}),
        message: copy.moved(m, command.due, command.reason),
      });
    }
    case "milestone.block":
      return ok({
        changes: { blockReason: command.reason },
        note: command.reason,
        message: copy.blocked(m, command.reason),
      });
    case "milestone.accept":
      return ok({
        changes: { feedback: command.feedback ?? null },
        ...(command.feedback ? { note: command.feedback } : {}),
        message: copy.accepted(m, command.feedback),
      });
    case "milestone.reopen":
      return ok({ changes: { blockReason: null }, message: copy.reopened(m) });
  }
}
