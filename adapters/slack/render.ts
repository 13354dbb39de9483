/** Core messages as Block Kit: plain text escaped for Slack's mrkdwn, so user text cannot ping or link. */
import type { OutboundForm, OutboundMessage, Reply } from "../../src/domain/messages.js";

type Block = Record<string, unknown>;

/** Slack's three control characters; everything else is shown as written. */
export function escapeSlack(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Where to cut escaped text at most `max` characters after `start`: never inside `&amp;` or an emoji. */
function cutAt(escaped: string, start: number, max: number): number {
  let end = Math.min(start + max, escaped.length);
  if (end === escaped.length) return end;
  const amp = escaped.lastIndexOf("&", end - 1);
  if (amp > start && amp >= end - 4 && escaped.indexOf(";", amp) >= end) end = amp;
  const code = escaped.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff && end - 1 > start) end -= 1;
  return end;
}

/** Escaped text shortened to `max` characters, with an ellipsis when something was cut. */
function clip(escaped: string, max: number): string {
  return escaped.length <= max ? escaped : `${escaped.slice(0, cutAt(escaped, 0, max - 1))}…`;
}

/** Section text is limited to 3000 characters; longer text is split over several sections. */
function sections(text: string): Block[] {
  const escaped = escapeSlack(text);
  const blocks: Block[] = [];
  for (let i = 0; i < escaped.length; ) {
    const end = cutAt(escaped, i, 2900);
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: escaped.slice(i, end), verbatim: true },
    });
    i = end;
  }
  return blocks.length > 0
    ? blocks
    : [{ type: "section", text: { type: "mrkdwn", text: " ", verbatim: true } }];
}

export interface SlackMessage {
  /** The notification and screen-reader text. */
  text: string;
  blocks: Block[];
}

export function renderMessage(message: OutboundMessage): SlackMessage {
  const blocks = sections(message.text);
  if (message.fields?.length) {
    blocks.push({
      type: "section",
      fields: message.fields.slice(0, 10).map((f) => ({
        type: "mrkdwn",
        // Slack refuses a field over 2000 characters (invalid_blocks), e.g. a long check-in answer.
        text: clip(`*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`, 2000),
        verbatim: true,
      })),
    });
  }
  if (message.link) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `<${message.link}|Open the message>` }],
    });
  }
  if (message.buttons?.length) {
    blocks.push({
      type: "actions",
      elements: message.buttons.slice(0, 25).map((b) => ({
        type: "button",
        action_id: b.action,
        value: b.value,
        text: { type: "plain_text", text: b.label.slice(0, 75), emoji: true },
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  }
  if (message.reason) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `_Why: ${escapeSlack(message.reason)}_`, verbatim: true }],
    });
  }
  // The top-level text is what notifications show: it is mrkdwn too, so it is escaped like the blocks.
  const fallback = escapeSlack(message.text);
  return { text: fallback.slice(0, cutAt(fallback, 0, 3000)), blocks };
}

/** The slash command's acknowledgement body: ephemeral unless the reply announces something. */
export function renderReply(reply: Reply): SlackMessage & { response_type: "ephemeral" | "in_channel" } {
  return { response_type: reply.public ? "in_channel" : "ephemeral", ...renderMessage({ text: reply.text }) };
}

/** A form as a modal; the form's action and value travel in callback_id and private_metadata. */
export function renderModal(form: OutboundForm, intro?: string): Block {
  const blocks: Block[] = intro ? sections(intro) : [];
  for (const field of form.fields) {
    const element =
      field.kind === "choice"
        ? {
            type: "static_select",
            action_id: field.id,
            options: (field.choices ?? []).map((c) => ({
              text: { type: "plain_text", text: c.label },
              value: c.value,
            })),
          }
        : {
            type: "plain_text_input",
            action_id: field.id,
            multiline: field.multiline ?? false,
            ...(field.maxLength ? { max_length: field.maxLength } : {}),
          };
    blocks.push({
      type: "input",
      block_id: field.id,
      optional: field.optional ?? false,
      label: { type: "plain_text", text: field.label.slice(0, 2000) },
      element,
    });
  }
  return {
    type: "modal",
    callback_id: form.action,
    private_metadata: form.value,
    title: { type: "plain_text", text: form.title.slice(0, 24) },
    submit: { type: "plain_text", text: form.submitLabel.slice(0, 24) },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

/** App Home: the person's status as the core wrote it. */
export function renderHome(text: string): Block {
  return {
    type: "home",
    blocks: [{ type: "header", text: { type: "plain_text", text: "Tandem" } }, ...sections(text)],
  };
}
