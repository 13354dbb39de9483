/**
 * Makes user text safe to echo back: nothing in the result can ping a person, a group or a whole
 * channel on Slack or Teams. Mentions become readable text with a zero-width space after the `@`.
 */

const ZWSP = "\u200B";

function label(text: string | undefined): string {
  return (text ?? "").trim().replace(/^@+/, "");
}

export function neutralizeMentions(text: string): string {
  return (
    text
      // Teams: <at>Ana</at> (with or without attributes) -> Ana; stray tags are dropped.
      .replace(/<at\b[^>]*>([\s\S]*?)<\/at\s*>/gi, "$1")
      .replace(/<\/?at\b[^>]*>/gi, "")
      // Slack broadcasts: <!channel>, <!here|here>, <!everyone>, <!group>
      .replace(
        /<!(channel|here|everyone|group)(?:\|[^>]*)?>/gi,
        (_m, word: string) => `@${ZWSP}${word.toLowerCase()}`,
      )
      // Slack user groups: <!subteam^S123|@designers>
      .replace(
        /<!subteam\^([^|>]*)(?:\|([^>]*))?>/gi,
        (_m, id: string, name?: string) => `@${ZWSP}${label(name) || id}`,
      )
      // Slack users (and normalised Teams users): <@U123> or <@U123|ana>
      .replace(
        /<@([^|>\s]+)(?:\|([^>]*))?>/g,
        (_m, id: string, name?: string) => `@${ZWSP}${label(name) || id}`,
      )
      // Bare broadcast words, as typed.
      .replace(
        /(?<![\p{L}\p{N}_@])@(here|channel|everyone)(?![\p{L}\p{N}_])/giu,
        (_m, word: string) => `@${ZWSP}${word}`,
      )
  );
}

/**
 * Bidirectional controls (embeddings, overrides, isolates and the marks LRM, RLM, ALM) reorder how text
 * is shown: `Invoice \u202Efdp.exe` reads as "Invoice exe.pdf". People's text is stored and echoed
 * without them; letters of right-to-left scripts keep their own direction without any control.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

/** Text as HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
