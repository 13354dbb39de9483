import { milestoneActionCopy as copy } from "../../domain/copy/milestone.js";
import type { Reply } from "../../domain/messages.js";
import { type CommandContext, reply } from "../command-context.js";
import { checkMilestoneChange, handleMilestoneCommand } from "./milestone.js";

export interface MilestoneActionInput {
  action: string;
  value: string;
  form?: Record<string, string>;
}

const FEEDBACK_MAX = 1000;

/**
 * Buttons on milestone messages. "milestone.accept" first opens a form that asks how the result
 * will be used; submitting it accepts exactly as `milestone accept <id> <feedback>` would.
 */
export async function handleMilestoneAction(
  ctx: CommandContext,
  action: MilestoneActionInput,
): Promise<Reply> {
  if (action.action !== "milestone.accept") {
    return reply(copy.unknownButton(action.action));
  }
  const match = /^#?(\d{1,9})$/.exec(action.value.trim());
  const id = match ? Number(match[1]) : 0;
  if (id < 1) {
    return reply(copy.noNumber(action.value));
  }
  if (!action.form) {
    // Checked before the form opens, so nobody fills it in for a milestone they cannot accept.
    const checked = await checkMilestoneChange(ctx, id, "accept");
    if (!checked.ok) return checked.error;
    return { text: copy.acceptPrompt(id), form: copy.acceptForm(id, FEEDBACK_MAX) };
  }
  // A submitted form may leave the optional field out: that still accepts, without feedback.
  const feedback = action.form.feedback?.trim() ?? "";
  if ([...feedback].length > FEEDBACK_MAX) {
    return reply(copy.feedbackTooLong(FEEDBACK_MAX, [...feedback].length));
  }
  return await handleMilestoneCommand(
    ctx,
    feedback ? { name: "milestone.accept", id, feedback } : { name: "milestone.accept", id },
  );
}
