import type { Command } from "../../domain/command-syntax/types.js";
import { learningCopy as copy } from "../../domain/copy/learning.js";
import { milestoneRefusalText } from "../../domain/copy/milestone.js";
import { evaluationDates } from "../../domain/learning-agreement.js";
import { fitLines, MESSAGE_TEXT_BUDGET } from "../../domain/message-budget.js";
import type { Reply } from "../../domain/messages.js";
import {
  type Milestone,
  type MilestoneShownStatus,
  permission,
  shownStatus,
} from "../../domain/milestones.js";
import { type CommandContext, reply } from "../command-context.js";
import { scheduledDates } from "../evaluation-rounds.js";
import { loadInternshipContext } from "../internship-context.js";
import { resolveScope } from "../internship-scope.js";

/** `outcomes [for @intern]`: each expected outcome with the milestones serving it, and the evaluations. */
export async function handleOutcomesCommand(
  ctx: CommandContext,
  command: Extract<Command, { name: "outcomes" }>,
): Promise<Reply> {
  const scope = await resolveScope(ctx, command.intern, "outcomes");
  if (!scope.ok) return reply(scope.error);
  // Whoever may see the milestones may see what they serve.
  const allowed = permission(scope.value.roles, "view");
  if (!allowed.ok) return reply(milestoneRefusalText(allowed.error, "view"));
  const { internship, intern } = scope.value;
  const whose = intern.id === ctx.speaker.id ? "" : intern.name;
  const agreement = await ctx.store.learning.get(internship.id);
  if (!agreement) return reply(copy.noAgreement(whose));
  const links = await ctx.store.learning.outcomesOfMilestones(internship.id);
  const served = new Map<string, { milestone: Milestone; status: MilestoneShownStatus }[]>();
  for (const milestone of await ctx.store.milestones.listFor(internship.id)) {
    for (const key of links.get(milestone.id) ?? []) {
      served.set(key, [...(served.get(key) ?? []), { milestone, status: shownStatus(milestone, ctx.today) }]);
    }
  }
  // The dates the requests go out on (a default moved off a day off), not the agreement's raw defaults.
  const context = await loadInternshipContext(ctx.store, ctx.workspace.id, internship.id);
  const dates = context ? scheduledDates(context, agreement) : evaluationDates(internship, agreement);
  const text = copy.outcomes(whose, agreement, served, dates);
  const room = MESSAGE_TEXT_BUDGET - text.heading.length - text.footer.length - 2;
  const fitted = fitLines(text.lines, room, copy.outcomesMore);
  return reply([text.heading, ...fitted.lines, text.footer].join("\n"));
}
