import { echo } from "../../domain/command-syntax/echo.js";
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
export function handleMilestoneAction(ctx: CommandContext, action: MilestoneActionInput): Reply {
  if (action.action !== "milestone.accept") {
    return reply(
      `I don't know the button ${echo(action.action)}; type "help milestone" to see what you can do.`,
    );
  }
  const match = /^#?(\d{1,9})$/.exec(action.value.trim());
  const id = match ? Number(match[1]) : 0;
  if (id < 1) {
    return reply(
      `That button names no milestone number (${echo(action.value)}); type "milestone accept <number> <how you will use it>" instead.`,
    );
  }
  if (!action.form) {
    // Checked before the form opens, so nobody fills it in for a milestone they cannot accept.
    const checked = checkMilestoneChange(ctx, id, "accept");
    if (!checked.ok) return checked.reply;
    return {
      text: `Accept milestone #${id}: say how you will use the result.`,
      form: {
        action: "milestone.accept",
        value: String(id),
        title: `Accept milestone #${id}`,
        submitLabel: "Accept",
        fields: [
          {
            id: "feedback",
            label: "How will you use this result?",
            kind: "text",
            multiline: true,
            maxLength: FEEDBACK_MAX,
            optional: true,
          },
        ],
      },
    };
  }
  // A submitted form may leave the optional field out: that still accepts, without feedback.
  const feedback = action.form.feedback?.trim() ?? "";
  if ([...feedback].length > FEEDBACK_MAX) {
    return reply(
      `Please keep the feedback to ${FEEDBACK_MAX} characters (it has ${[...feedback].length}); nothing was changed.`,
    );
  }
  return handleMilestoneCommand(
    ctx,
    feedback ? { name: "milestone.accept", id, feedback } : { name: "milestone.accept", id },
  );
}
