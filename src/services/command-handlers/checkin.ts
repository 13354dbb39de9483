import type { Command } from "../../domain/command-syntax/types.js";
import { checkinForm } from "../../domain/copy/checkin.js";
import { neutralizeMentions } from "../../domain/escape.js";
import { formatDate } from "../../domain/format.js";
import { addDays } from "../../domain/local-date.js";
import { MESSAGE_TEXT_BUDGET, shareLines } from "../../domain/message-budget.js";
import type { Reply } from "../../domain/messages.js";
import { internshipForCheckin } from "../checkin-answers.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveScope } from "../internship-scope.js";

type CheckinCommand = Extract<Command, { name: "checkin" | "checkin.history" }>;

const HISTORY_DAYS = 14;

export async function handleCheckinCommand(ctx: CommandContext, command: CheckinCommand): Promise<Reply> {
  if (command.name === "checkin") {
    const scope = await internshipForCheckin(ctx);
    if (!scope.ok) return reply(scope.error);
    return {
      text: `Your check-in for ${formatDate(ctx.today)}: every answer is optional.`,
      form: checkinForm(ctx.today),
    };
  }
  const scope = await resolveScope(ctx, command.intern, "checkin history");
  if (!scope.ok) return reply(scope.error);
  const checkins = await ctx.store.checkins.between(
    scope.value.internship.id,
    addDays(ctx.today, -HISTORY_DAYS),
    ctx.today,
  );
  const whose =
    scope.value.intern.id === ctx.speaker.id ? "Your check-ins" : `${scope.value.intern.name}'s check-ins`;
  if (checkins.length === 0) return reply(`${whose}: none in the last ${HISTORY_DAYS} days.`);
  const lines = checkins.map((c) => {
    const parts = [
      c.progress && `done: ${c.progress}`,
      c.nextSteps && `next: ${c.nextSteps}`,
      c.blockers && `blocker: ${c.blockers}`,
      c.connectedness && `connected ${c.connectedness}/5`,
    ].filter(Boolean);
    const detail = parts.length > 0 ? ` — ${neutralizeMentions(parts.join("; "))}` : "";
    return `${formatDate(c.date)}  ${c.status}${detail}`;
  });
  const heading = `${whose}, last ${HISTORY_DAYS} days:`;
  // Two weeks of long answers would not fit one message: the longest are shortened, none dropped.
  return reply([heading, ...shareLines(lines, MESSAGE_TEXT_BUDGET - heading.length - 1)].join("\n"));
}
