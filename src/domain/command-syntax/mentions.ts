import type { MentionRef } from "./types.js";

const ID_MENTION = /^<@([A-Za-z0-9._:-]{1,128})(?:\|[^>]*)?>$/;
const NAME_MENTION = /^@([\p{L}\p{N}._-]{1,80})$/u;

/** Words Slack and Teams read as "everyone": never a person, and never echoed back as typed. */
const BROADCAST = /^(here|channel|everyone)$/i;

/**
 * `<@U123>`, `<@U123|ana>` or `@ana` -> a MentionRef; anything else -> undefined. `@here`, `@channel`
 * and `@everyone` name nobody: replies quoted them back as "@here" (e.g. "I don't know @here"),
 * an unescaped broadcast.
 */
export function parseMention(word: string): MentionRef | undefined {
  const id = ID_MENTION.exec(word);
  if (id?.[1]) return { kind: "id", id: id[1] };
  const name = NAME_MENTION.exec(word);
  // A trailing full stop ends the sentence rather than the name: "for @ana." means @ana.
  const cleaned = name?.[1]?.replace(/\.+$/, "");
  if (cleaned && BROADCAST.test(cleaned)) return undefined;
  return cleaned ? { kind: "name", name: cleaned } : undefined;
}

/** True when a word is meant as a mention, even a malformed one. */
export function looksLikeMention(word: string): boolean {
  return word.startsWith("@") || word.startsWith("<@");
}
