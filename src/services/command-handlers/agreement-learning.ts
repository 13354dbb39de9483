/**
 * `agreement title|hours|outcome add|rename|remove|criteria|evaluation|language`: changes to the learning
 * agreement, made by the supervisor, the backup, the coordinator or a programme admin. Unlike the working
 * agreement's terms these are not proposals: the learning agreement is what the three parties signed, and
 * whoever keeps it for the company or the university writes it down, as the programme file does. Each
 * change is the next version; the other parties are told once.
 */
import type { Command } from "../../domain/command-syntax/types.js";
import { learningAgreementCopy as copy } from "../../domain/copy/agreement-learning.js";
import type { LearningAgreement } from "../../domain/learning-agreement.js";
import {
  addOutcome,
  emptyLearningAgreement,
  type LearningChange,
  removeOutcome,
  renameOutcome,
  setCriteria,
  setEvaluationDate,
  setHoursPerWeek,
  setLanguage,
  setLearningTitle,
} from "../../domain/learning-changes.js";
import type { Reply } from "../../domain/messages.js";
import { learningKeys } from "../../domain/outbox-keys.js";
import type { Internship, Role } from "../../domain/types.js";
import { peopleOf } from "../agreement-proposals.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveScopeOrAdmin } from "../internship-scope.js";
import { queueDirect } from "../notify.js";
import { touchInternship } from "../rules/wakeup-rule.js";

type LearningCommand = Extract<Command, { name: `learning.${string}` }>;

const EDITORS: readonly Role[] = ["supervisor", "backupSupervisor", "coordinator"];

async function mayEdit(ctx: CommandContext, roles: Role[]): Promise<boolean> {
  if (roles.some((r) => EDITORS.includes(r))) return true;
  const userId = ctx.speaker.ids[ctx.workspace.platform];
  return userId !== undefined && (await ctx.store.programmeAdmins.has(ctx.workspace.id, userId));
}

function change(a: LearningAgreement, internship: Internship, command: LearningCommand): LearningChange {
  switch (command.name) {
    case "learning.title":
      return setLearningTitle(a, command.title);
    case "learning.hours":
      return setHoursPerWeek(a, command.hours);
    case "learning.outcome.add":
      return addOutcome(a, command.key, command.description);
    case "learning.outcome.rename":
      return renameOutcome(a, command.key, command.description);
    case "learning.outcome.remove":
      return removeOutcome(a, command.key);
    case "learning.criteria":
      return setCriteria(a, command.criteria);
    case "learning.evaluation":
      return setEvaluationDate(a, internship, command.round, command.date);
    case "learning.language":
      return setLanguage(a, command.code, command.level);
  }
}

/** `#3 "Survey"` for each milestone serving the outcome, or none. */
async function servingMilestones(ctx: CommandContext, internshipId: number, key: string): Promise<string[]> {
  const links = await ctx.store.learning.outcomesOfMilestones(internshipId);
  const milestones = await ctx.store.milestones.listFor(internshipId);
  return milestones
    .filter((m) => links.get(m.id)?.includes(key))
    .map((m) => `#${m.id} "${m.title.length > 60 ? `${m.title.slice(0, 59)}…` : m.title}"`);
}

export async function handleLearningAgreementCommand(
  ctx: CommandContext,
  command: LearningCommand,
): Promise<Reply> {
  const usage = `agreement ${command.name.slice("learning.".length).replace(".", " ")}`;
  const scope = await resolveScopeOrAdmin(ctx, command.intern, `${usage} ... for @ana`);
  if (!scope.ok) return reply(scope.error);
  const { internship, roles, intern } = scope.value;
  if (!(await mayEdit(ctx, roles))) {
    const supervisor = await ctx.store.people.get(ctx.workspace.id, internship.supervisorId);
    return reply(copy.onlyEditors(supervisor?.name ?? "the supervisor"));
  }
  const current = (await ctx.store.learning.get(internship.id)) ?? emptyLearningAgreement();
  const result = change(current, internship, command);
  if (!result.ok) return reply(copy.refused(result.error));
  if (command.name === "learning.outcome.remove") {
    const serving = await servingMilestones(ctx, internship.id, command.key);
    if (serving.length > 0) return reply(copy.outcomeServed(command.key, serving));
  }
  const others = new Set(
    [
      internship.internId,
      internship.supervisorId,
      internship.backupSupervisorId,
      internship.coordinatorId,
    ].filter((id): id is number => id !== undefined && id !== ctx.speaker.id),
  );
  const told = await peopleOf(ctx.store, ctx.workspace.id, [...others]);
  const { agreement, change: what } = result.value;
  const { version, reached } = await ctx.store.transaction(async () => {
    const version = await ctx.store.learning.put(ctx.workspace.id, internship.id, agreement, ctx.now, {
      what,
      by: ctx.speaker.id,
    });
    await ctx.store.audit.record(
      {
        workspaceId: ctx.workspace.id,
        actorId: ctx.speaker.id,
        actorLabel: ctx.speaker.key,
        action: "learning.change",
        entity: "internship",
        entityId: internship.id,
        detail: { internship: internship.key, version, change: what },
      },
      ctx.now,
    );
    // Evaluation dates and outcomes feed the evaluation and outcome-gap rules: let them look again.
    await touchInternship(ctx.store, ctx.workspace.id, internship.id, ctx.now);
    const reached: string[] = [];
    for (const person of told) {
      const queued = await queueDirect(
        ctx.store,
        ctx.workspace,
        person,
        learningKeys.changed(internship.id, version, person.id),
        copy.changedMessage(ctx.speaker.name, intern.name, version, what),
        ctx.now,
      );
      if (queued) reached.push(person.name);
    }
    return { version, reached };
  });
  return reply(copy.changed(intern.name, version, what, reached));
}
