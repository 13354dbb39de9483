/**
 * Core messages as Block Kit: plain text escaped for Slack's mrkdwn, so user text cannot ping or link,
 * and shaped to fit Slack's limits (limits.ts) by construction: at most 50 blocks, every field within
 * its length, action ids unique, and the text of all blocks within a budget. What does not fit is cut
 * between graphemes, with a line saying where the rest can be read.
 */
import { stripBidiControls } from "../../src/domain/escape.js";
import type { FormField, OutboundForm, OutboundMessage, Reply } from "../../src/domain/messages.js";
import { fitPrefix, type Measure, shareBudget, splitText, truncateText } from "../../src/domain/text-cut.js";
import { createActionIds } from "./action-ids.js";
import { SLACK_LIMITS as LIMIT } from "./limits.js";

export type Block = Record<string, unknown>;

/**
 * Slack has no escape for its emphasis marks (a backslash shows as written), so `*`, `_`, `~` and
 * `` ` `` become look-alikes that mrkdwn does not read: text shows as written instead of bold, italic,
 * struck or code in Tandem's voice. One UTF-16 unit each, so lengths stay as counted.
 */
const FORMATTING_LOOKALIKES: Record<string, string> = {
  "*": "\u2217", // ∗ asterisk operator
  _: "\u02CD", // ˍ modifier letter low macron
  "~": "\u223C", // ∼ tilde operator
  "`": "\u02CB", // ˋ modifier letter grave accent
};

/**
 * Slack's three control characters as entities, emphasis marks as look-alikes and bidi controls dropped;
 * everything else is shown as written.
 */
export function escapeSlack(text: string): string {
  return stripBidiControls(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replace(/[*_~`]/g, (mark) => FORMATTING_LOOKALIKES[mark] ?? mark);
}

/** Text counted as Slack sees it once escaped, so a cut never leaves half of `&amp;`. */
export const escapedLength: Measure = (text) => escapeSlack(text).length;

/** Escaped, at most `max` characters once escaped, with an ellipsis when something was cut. */
export const clipEscaped = (text: string, max: number) => escapeSlack(truncateText(text, max, escapedLength));

const mrkdwn = (text: string) => ({ type: "mrkdwn", text, verbatim: true });

/** Plain text in pieces of at most a section's length once escaped. */
const sectionPieces = (text: string) => splitText(text, LIMIT.sectionText, escapedLength);

/** Pieces of text as sections of escaped mrkdwn (an empty text is one blank section). */
function sections(pieces: readonly string[]): Block[] {
  if (pieces.length === 0) return [{ type: "section", text: mrkdwn(" ") }];
  return pieces.map((piece) => ({ type: "section", text: mrkdwn(escapeSlack(piece)) }));
}

/** The shortened note as a context block. */
const noteBlock = (more: string | undefined): Block => ({
  type: "context",
  elements: [mrkdwn(`_${clipEscaped(shortenedNote(more), MAX_NOTE - 2)}_`)],
});

/** What to tell a reader when the message had to be shortened. */
export function shortenedNote(more: string | undefined): string {
  return `…shortened to fit one Slack message. ${more ?? 'Type "help" to find the command that shows it in full.'}`;
}

/** Buttons per message (4 actions blocks of 25); beyond that the message says it was shortened. */
const MAX_BUTTONS = 100;
/** The reason line and the shortened note are short by design; these caps keep them so. */
const MAX_REASON = 500;
const MAX_NOTE = 300;
const MAX_LINK = 1000;

export interface SlackMessage {
  /** The notification and screen-reader text. */
  text: string;
  blocks: Block[];
}

export function renderMessage(message: OutboundMessage): SlackMessage {
  const tail: Block[] = [];
  let tailText = 0;
  const fields = (message.fields ?? []).slice(0, LIMIT.sectionFields);
  const nextId = createActionIds();
  const buttons = (message.buttons ?? [])
    .filter((b) => b.value.length <= LIMIT.buttonValue)
    .slice(0, MAX_BUTTONS)
    .map((b) => ({
      type: "button",
      action_id: nextId(b.action).slice(0, LIMIT.actionId),
      value: b.value,
      text: { type: "plain_text", text: truncateText(b.label, LIMIT.buttonText) || "…", emoji: true },
      ...(b.style ? { style: b.style } : {}),
    }));
  if (message.link && message.link.length <= MAX_LINK) {
    const text = `<${message.link}|Open the message>`;
    tail.push({ type: "context", elements: [{ type: "mrkdwn", text }] });
    tailText += text.length;
  }
  for (let i = 0; i < buttons.length; i += LIMIT.actionsElements) {
    const elements = buttons.slice(i, i + LIMIT.actionsElements);
    tail.push({ type: "actions", elements });
    tailText += elements.reduce((sum, b) => sum + b.text.text.length, 0);
  }
  if (message.reason) {
    const text = `_Why: ${clipEscaped(message.reason, MAX_REASON)}_`;
    tail.push({ type: "context", elements: [mrkdwn(text)] });
    tailText += text.length;
  }

  // The body and the fields share what is left of the text budget; short ones stay whole.
  const labels = fields.map((f) => `*${escapeSlack(truncateText(f.label, 200))}*\n`);
  const wanted = [
    escapedLength(message.text),
    ...fields.map((f, i) => Math.min(escapedLength(f.value), LIMIT.fieldText - labels[i]!.length)),
  ];
  const budget = LIMIT.messageTextBudget - tailText - MAX_NOTE - labels.join("").length;
  const [bodyAllowance = 0, ...fieldAllowances] = shareBudget(wanted, budget);
  const fieldBlocks: Block[] = fields.length
    ? [
        {
          type: "section",
          fields: fields.map((f, i) =>
            // Slack refuses an empty field: a value cut to nothing keeps its ellipsis.
            mrkdwn(`${labels[i]}${clipEscaped(f.value, Math.max(1, fieldAllowances[i] ?? 0))}`),
          ),
        },
      ]
    : [];

  const room = LIMIT.messageBlocks - tail.length - fieldBlocks.length - 1;
  const kept = fitPrefix(message.text, bodyAllowance, escapedLength);
  const pieces = sectionPieces(kept);
  const droppedButtons = (message.buttons?.length ?? 0) > buttons.length;
  const cut = kept.length < message.text.length || pieces.length > room || droppedButtons;
  const body = sections(pieces.slice(0, room));
  if (cut) body.push(noteBlock(message.more));
  // The top-level text is what notifications show: it is mrkdwn too, so it is escaped like the blocks.
  return {
    text: clipEscaped(message.text, LIMIT.topLevelTextBudget),
    blocks: [...body, ...fieldBlocks, ...tail],
  };
}

/** The slash command's acknowledgement body: ephemeral unless the reply announces something. */
export function renderReply(reply: Reply): SlackMessage & { response_type: "ephemeral" | "in_channel" } {
  return {
    response_type: reply.public ? "in_channel" : "ephemeral",
    ...renderMessage({ text: reply.text, ...(reply.buttons ? { buttons: reply.buttons } : {}) }),
  };
}

const plain = (text: string, max: number) => ({ type: "plain_text", text: truncateText(text, max) || " " });

/** A date Slack's datepicker accepts as `initial_date`. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Slack ids of people and conversations as its pickers take them. */
const SLACK_USER = /^[UW][A-Z0-9]+$/;
const SLACK_CONVERSATION = /^[CG][A-Z0-9]+$/;

/** The element of one form field: a picker for people, channels and dates, else a select or a text input. */
function formElement(field: FormField): Block {
  const initial = field.initial?.trim() ?? "";
  switch (field.kind) {
    case "user":
      return {
        type: "users_select",
        action_id: field.id,
        ...(SLACK_USER.test(initial) ? { initial_user: initial } : {}),
      };
    case "users": {
      const users = initial
        .split(",")
        .map((id) => id.trim())
        .filter((id) => SLACK_USER.test(id));
      return {
        type: "multi_users_select",
        action_id: field.id,
        ...(users.length ? { initial_users: users } : {}),
      };
    }
    case "channel":
      return {
        type: "conversations_select",
        action_id: field.id,
        // Channels only: a DM or a group DM cannot be an internship's home.
        filter: { include: ["public", "private"], exclude_bot_users: true },
        ...(SLACK_CONVERSATION.test(initial)
          ? { initial_conversation: initial }
          : { default_to_current_conversation: true }),
      };
    case "date":
      return {
        type: "datepicker",
        action_id: field.id,
        ...(DATE.test(initial) ? { initial_date: initial } : {}),
      };
    case "choice": {
      const options = (field.choices ?? [])
        .filter((c) => c.value.length <= LIMIT.optionValue)
        .slice(0, LIMIT.selectOptions)
        .map((c) => ({ text: plain(c.label || c.value, LIMIT.optionText), value: c.value }));
      if (field.multiple) {
        const wanted = new Set(initial.split(",").map((v) => v.trim()));
        const chosen = options.filter((o) => wanted.has(o.value));
        return {
          type: "multi_static_select",
          action_id: field.id,
          options,
          ...(chosen.length ? { initial_options: chosen } : {}),
        };
      }
      const chosen = options.find((o) => o.value === initial);
      return {
        type: "static_select",
        action_id: field.id,
        options,
        ...(chosen ? { initial_option: chosen } : {}),
      };
    }
    case "text": {
      // Declared on every input, so people see the limit while they type rather than after.
      const max = Math.min(field.maxLength ?? LIMIT.inputMaxLength, LIMIT.inputMaxLength);
      return {
        type: "plain_text_input",
        action_id: field.id,
        multiline: field.multiline ?? false,
        max_length: max,
        ...(initial ? { initial_value: initial.slice(0, max) } : {}),
      };
    }
  }
}

/** A form as a modal; the form's action and value travel in callback_id and private_metadata. */
export function renderModal(form: OutboundForm, intro?: string): Block {
  const inputs: Block[] = form.fields.slice(0, LIMIT.viewBlocks - 2).map((field) => ({
    type: "input",
    block_id: field.id,
    optional: field.optional ?? false,
    label: { type: "plain_text", text: truncateText(field.label, LIMIT.inputLabel) || field.id },
    element: formElement(field),
    ...(field.hint ? { hint: plain(field.hint, LIMIT.inputLabel) } : {}),
  }));
  const introBlocks = intro
    ? viewSections(intro, LIMIT.viewBlocks - inputs.length, LIMIT.messageTextBudget)
    : [];
  return {
    type: "modal",
    callback_id: form.action,
    private_metadata: form.value,
    title: { type: "plain_text", text: truncateText(form.title, LIMIT.modalTitle) },
    submit: { type: "plain_text", text: truncateText(form.submitLabel, LIMIT.modalTitle) },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [...introBlocks, ...inputs],
  };
}

/**
 * Text in a view, within the blocks left (and a text budget for modals), with a note when cut. Slack
 * publishes no text limit for a whole view; a modal's intro is kept as short as a message anyway.
 */
function viewSections(text: string, maxBlocks: number, budget = Number.POSITIVE_INFINITY): Block[] {
  const kept = fitPrefix(text, budget, escapedLength);
  const pieces = sectionPieces(kept);
  if (kept.length === text.length && pieces.length <= maxBlocks) return sections(pieces);
  return [...sections(pieces.slice(0, maxBlocks - 1)), noteBlock(undefined)];
}

/** App Home: the person's status as the core wrote it, within a view's 100 blocks. */
export function renderHome(text: string): Block {
  const header = { type: "header", text: { type: "plain_text", text: "Tandem" } };
  return { type: "home", blocks: [header, ...viewSections(text, LIMIT.viewBlocks - 1)] };
}
