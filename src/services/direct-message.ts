/**
 * A direct message that is not a command: a check-in answer only when the intern says so (labels, a reply
 * in the check-in's thread, or "Yes, save it"); otherwise chat, which gets a short hint at most once a day.
 */
import { readCheckinReply } from "../domain/checkins.js";
import { suggestCommand } from "../domain/command-syntax/parse.js";
import { chatCopy } from "../domain/copy/chat.js";
import { checkinConfirmButtons, checkinCopy } from "../domain/copy/checkin.js";
import type { MessageEvent, Reply } from "../domain/messages.js";
import { checkinKeys } from "../domain/outbox-keys.js";
import { fitPrefix } from "../domain/text-cut.js";
import type { LocalDate } from "../domain/types.js";
import { internshipForCheckin, recordCheckinAnswers } from "./checkin-answers.js";
import type { CommandContext } from "./command-context.js";

/** Thanks, OK and emoji need no answer: a bot that replies to "thanks!" is noise. */
const PLEASANTRY =
  /^(?:(?:many |ok,? )?thanks?(?: a lot| you(?: so much)?)?|thank you|thx|ty|ok(?:ay)?|cool|great|nice|perfect|got it|sure|yes|no|bye|cheers|obrigad[oa]|valeu|merci|danke|gracias|dank je)\b[\s!.,:)]*$/i;
const ONLY_SYMBOLS = /^[\p{P}\p{S}\p{Emoji_Presentation}\p{Extended_Pictographic}\s]*$/u;

/** Longest text a Yes button can carry back (Slack keeps button values up to 2,000 characters). */
const MAX_CARRIED = 1980;

export interface DirectMessages {
  /** `commandWord` is set when the text started with a command word but was not that command. */
  handle(
    ctx: CommandContext,
    event: MessageEvent,
    text: string,
    commandWord?: string,
  ): Promise<Reply | undefined>;
}

export function createDirectMessages(): DirectMessages {
  /** Who had a hint on which of their days: one a day is enough (per process; a second one is harmless). */
  const hinted = new Map<number, LocalDate>();

  async function openCheckinDate(
    ctx: CommandContext,
  ): Promise<{ internshipId: number; date: LocalDate } | undefined> {
    const scope = await internshipForCheckin(ctx);
    if (!scope.ok) return undefined;
    const checkin = await ctx.store.checkins.get(scope.value.internship.id, ctx.today);
    if (!checkin || checkin.settledAt || checkin.status === "skipped") return undefined;
    return { internshipId: scope.value.internship.id, date: ctx.today };
  }

  /** A reply in the thread of the check-in or its reminder (Slack threads; Teams has none in a 1:1 chat). */
  async function inCheckinThread(
    ctx: CommandContext,
    event: MessageEvent,
    internshipId: number,
    date: LocalDate,
  ): Promise<boolean> {
    if (!event.threadRef) return false;
    for (const key of [checkinKeys.prompt(internshipId, date), checkinKeys.reminder(internshipId, date)]) {
      if ((await ctx.store.outbox.get(ctx.workspace.id, key))?.platformRef === event.threadRef) return true;
    }
    return false;
  }

  function chat(ctx: CommandContext, text: string, checkinOpen: boolean, commandWord?: string) {
    const trimmed = text.trim();
    if (PLEASANTRY.test(trimmed) || ONLY_SYMBOLS.test(trimmed)) return undefined;
    // A short line is likely a mistyped command ("milestne list"); a sentence is chat, even if its first
    // word looks like one ("who is ..." is not "why").
    const short = trimmed.split(/\s+/).length <= 3 && !trimmed.includes("?");
    const guess = commandWord || !short ? undefined : suggestCommand(trimmed);
    if (guess) return { text: chatCopy.didYouMean(guess) };
    if (hinted.get(ctx.speaker.id) === ctx.today) return undefined;
    hinted.set(ctx.speaker.id, ctx.today);
    const hint = chatCopy.hint(checkinOpen);
    return { text: commandWord ? `${hint} ${chatCopy.commandWord(commandWord)}` : hint };
  }

  return {
    async handle(ctx, event, text, commandWord) {
      const open = await openCheckinDate(ctx);
      if (!open) return chat(ctx, text, false, commandWord);
      const read = readCheckinReply(text);
      if (read.labelled || (await inCheckinThread(ctx, event, open.internshipId, open.date))) {
        // "blocker: none" alone is an answer too: nothing to store, nothing to forward.
        const onlyNoBlocker = read.noBlocker && Object.keys(read.answers).length === 0;
        if (onlyNoBlocker && read.unreadScore === undefined) return { text: checkinCopy.noBlocker() };
        const saved = await recordCheckinAnswers(ctx, read.answers, open.date);
        return read.unreadScore === undefined
          ? saved
          : { ...saved, text: `${saved.text}${checkinCopy.unreadScore(read.unreadScore)}` };
      }
      const trimmed = text.trim();
      const looksLikeAnswer =
        !PLEASANTRY.test(trimmed) &&
        !ONLY_SYMBOLS.test(trimmed) &&
        !trimmed.endsWith("?") &&
        (trimmed.split(/\s+/).length >= 2 || trimmed.length >= 12);
      if (!looksLikeAnswer) return chat(ctx, text, true, commandWord);
      return {
        text: checkinCopy.confirmQuestion(open.date),
        buttons: checkinConfirmButtons(open.date, fitPrefix(trimmed, MAX_CARRIED)),
      };
    },
  };
}

/** The date and text a "Yes, save it" button carries. */
export function confirmedAnswer(value: string, today: LocalDate): { date: LocalDate; text: string } {
  const newline = value.indexOf("\n");
  const date = value.slice(0, Math.max(0, newline));
  return /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? { date, text: value.slice(newline + 1) }
    : { date: today, text: value };
}
