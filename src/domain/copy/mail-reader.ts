/**
 * A message as someone reads it in their inbox: e-mail has no chat to type a command into and no buttons
 * to press, so every sentence (or bracketed aside) that tells the reader to type, write or press something
 * in chat is left out, and the e-mail points to the portal page the message concerns instead (the mail
 * adapter adds its link). Rules and copy stay written once, for chat; this is the one place that adapts
 * them, so a new message kind is covered without a mail variant of its own.
 */
import { commandPhrases } from "../command-syntax/registry.js";
import type { OutboundMessage } from "../messages.js";

/** A quoted command after a verb that means "in chat": type "checkin", start with "done:", read it with "why". */
const QUOTED_COMMAND =
  /\b(?:type|typed|typing|write|writing|say|start(?:s|ing)? with|answer(?:ing)? with|reply(?:ing)? with|with)\s+(?:[a-z ]+ )?["“][^"”]+["”]/i;
/** A button: Press Answer, press Accept, the buttons in the request, reply here. */
const BUTTON = /\b(?:press|click|tap)\s+["“]?[A-Z]|\bbuttons?\b|\breply here\b/;
/**
 * A command quoted on its own: "help" shows every command, "intro optout" takes you off it. Commands are
 * quoted lower-case in straight quotes; a milestone's title ("#3 "Report draft"") and people's own words
 * (“...”) are not commands.
 */
const COMMAND_WORDS = [...new Set(commandPhrases().map((p) => p.words[0] ?? ""))]
  .filter((word) => /^[a-z][a-z-]*$/.test(word))
  .join("|");
const NAMED_COMMAND = new RegExp(`(?<!#\\d+ )"(?:${COMMAND_WORDS})(?=[ :"])`);

/** Words that would send an e-mail reader to chat: what the test of every message kind refuses. */
export const hasChatInstruction = (text: string): boolean =>
  QUOTED_COMMAND.test(text) || BUTTON.test(text) || NAMED_COMMAND.test(text);

/** Sentences end at . ! ? followed by a space; "e.g." and "i.e." do not end one. */
const sentences = (line: string) => line.split(/(?<!\be\.g\.|\bi\.e\.)(?<=[.!?:;])\s+(?=["“A-Z])/);

/** Bracketed asides that are chat instructions, e.g. "(afterwards type "met @ana")". */
const ASIDE = /\s*\(([^()]*)\)/g;

function withoutChatInstructions(text: string): { text: string; dropped: boolean } {
  let dropped = false;
  const lines = text.split("\n").flatMap((line) => {
    const unaside = line.replace(ASIDE, (whole, inner: string) => {
      if (!hasChatInstruction(inner)) return whole;
      dropped = true;
      return "";
    });
    const kept: string[] = [];
    for (const sentence of sentences(unaside)) {
      if (!hasChatInstruction(sentence)) {
        kept.push(sentence);
        continue;
      }
      dropped = true;
      // "It is in force: "agreement" shows it." ends where the command began.
      const last = kept.length - 1;
      if (last >= 0) kept[last] = kept[last]!.replace(/[:;]$/, ".");
    }
    // A line that was only an instruction goes, and so does a question it answered ("Too many nudges?
    // "pause nudges 1w" pauses them."); a line that was empty before stays (paragraphs).
    const lone = kept.length === 1 && kept[0]!.endsWith("?") && kept[0] !== unaside;
    if ((kept.length === 0 || lone) && unaside.trim() !== "") return [];
    return [kept.join(" ")];
  });
  return {
    text: lines
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
    dropped,
  };
}

/** The message without chat commands or buttons, for an e-mail. */
export function forMailReader(message: OutboundMessage): OutboundMessage {
  const { buttons: _buttons, more: _more, ...rest } = message;
  const body = withoutChatInstructions(message.text);
  const out: OutboundMessage = { ...rest, text: body.text };
  if (message.reason !== undefined) {
    const reason = withoutChatInstructions(message.reason).text;
    if (reason === "") delete out.reason;
    else out.reason = reason;
  }
  if (message.fields) {
    out.fields = message.fields.map((f) => ({ ...f, value: withoutChatInstructions(f.value).text }));
  }
  return out;
}
