/** Merged messages as people read them: several proactive messages in one, so a daily budget holds without dropping anything. */
import { firstLine, fitLines, MESSAGE_TEXT_BUDGET } from "../message-budget.js";
import type { OutboundButton, OutboundMessage } from "../messages.js";

export function mergedReason(budget: number): string {
  return `You get at most ${budget} messages from Tandem a day; these were merged into one.`;
}

/** Why messages were merged, which decides its heading and its reason line. */
export type MergeReason = { kind: "budget"; budget: number } | { kind: "replies" };

function framing(why: MergeReason): { header: string; reason: string } {
  return why.kind === "budget"
    ? {
        header: `Several things for you today (merged so Tandem stays under your daily limit of ${why.budget} messages):`,
        reason: mergedReason(why.budget),
      }
    : {
        header: "Several messages are waiting for your reply:",
        reason: "Alerts about open questions for one person go out together, in one message.",
      };
}

/**
 * One message carrying every item's text, fields, link and reason, in order. Buttons stay (they
 * still work); a button that several items share is kept once, and a label that would be ambiguous
 * names its item number. When that is more than one message should say, each item shrinks to its
 * first line, and past the budget the last items are only counted; `readMore` names the commands
 * that show them in full (e.g. "milestone list"). `budget` is for tests of what renderers do with
 * an unshaped merge.
 */
export function composeMerged(
  messages: readonly OutboundMessage[],
  why: MergeReason,
  readMore: readonly string[] = ["status"],
  budget = MESSAGE_TEXT_BUDGET,
): OutboundMessage {
  const { header, reason } = framing(why);
  const sections = messages.map((message, index) => {
    const lines = [`${index + 1}. ${indent(message.text)}`];
    for (const field of message.fields ?? []) lines.push(`   ${field.label}: ${indent(field.value)}`);
    if (message.link) lines.push(`   ${message.link}`);
    if (message.reason) lines.push(`   why: ${indent(message.reason)}`);
    return lines.join("\n");
  });
  const full = [header, ...sections].join("\n\n");
  // What the parts are about, for an e-mail's subject (cut to fit there).
  const topics = [...new Set(messages.map((m) => m.subject).filter((s) => s !== undefined))];
  const subject = `${messages.length} messages from Tandem${topics.length > 0 ? `: ${topics.join("; ")}` : ""}`;
  if (full.length <= budget) {
    const merged: OutboundMessage = { text: full, subject, reason };
    const buttons = mergeButtons(messages);
    if (buttons.length > 0) merged.buttons = buttons;
    return merged;
  }
  const more = `For the full text, type ${[...new Set(readMore)].map((c) => `"${c}"`).join(" or ")}.`;
  const firstLines = messages.map((message, index) => `${index + 1}. ${firstLine(message.text)}`);
  const room = budget - header.length - more.length - 4;
  const fitted = fitLines(firstLines, room, (left) => `and ${left} more`);
  const shown = messages.length - fitted.left;
  const merged: OutboundMessage = {
    text: [header, fitted.lines.join("\n"), more].join("\n\n"),
    subject,
    reason,
    more,
  };
  // Buttons only for the items shown: an "Accept (27)" without its item 27 would be a guess.
  const buttons = mergeButtons(messages.slice(0, shown));
  if (buttons.length > 0) merged.buttons = buttons;
  return merged;
}

/** Continuation lines line up under the item's first line. */
function indent(text: string): string {
  return text.replaceAll("\n", "\n   ");
}

function mergeButtons(messages: readonly OutboundMessage[]): OutboundButton[] {
  const seen = new Set<string>();
  const kept: { button: OutboundButton; item: number }[] = [];
  messages.forEach((message, index) => {
    for (const button of message.buttons ?? []) {
      const id = JSON.stringify([button.action, button.value]);
      if (seen.has(id)) continue;
      seen.add(id);
      kept.push({ button, item: index + 1 });
    }
  });
  // Two "Accept" buttons for different items would be a guess; numbering matches the text above.
  const labelCount = new Map<string, number>();
  for (const { button } of kept) labelCount.set(button.label, (labelCount.get(button.label) ?? 0) + 1);
  return kept.map(({ button, item }) =>
    (labelCount.get(button.label) ?? 0) > 1 ? { ...button, label: `${button.label} (${item})` } : button,
  );
}
