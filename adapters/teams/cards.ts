/** Core messages and forms as Adaptive Cards 1.5 for Teams. Text blocks are plain text (no markdown). */
import type { OutboundForm, OutboundMessage, Reply } from "../../src/domain/messages.js";

type Card = Record<string, unknown>;

/**
 * Teams renders a subset of markdown and some HTML: emphasis, code and link characters are escaped and
 * angle brackets become entities, so user text shows as written and `<at>` can never ping.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replace(/([\\`*_~[\]])/g, "\\$1");
}

const textBlock = (text: string, extra: Card = {}): Card => ({
  type: "TextBlock",
  text: escapeMarkdown(text),
  wrap: true,
  ...extra,
});

/** Submit data carries the core's action and value; form inputs add their own fields. */
const submitData = (action: string, value: string) => ({ tandemAction: action, tandemValue: value });

export function messageCard(message: OutboundMessage): Card {
  const body: Card[] = [textBlock(message.text)];
  if (message.fields?.length) {
    body.push({
      type: "FactSet",
      facts: message.fields.map((f) => ({ title: escapeMarkdown(f.label), value: escapeMarkdown(f.value) })),
    });
  }
  if (message.reason) body.push(textBlock(`Why: ${message.reason}`, { isSubtle: true, size: "Small" }));
  const actions: Card[] = (message.buttons ?? []).map((b) => ({
    type: "Action.Submit",
    title: b.label,
    data: submitData(b.action, b.value),
    ...(b.style === "primary" ? { style: "positive" } : b.style === "danger" ? { style: "destructive" } : {}),
  }));
  if (message.link) actions.push({ type: "Action.OpenUrl", title: "Open the message", url: message.link });
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    ...(actions.length ? { actions } : {}),
  };
}

export function formCard(form: OutboundForm, intro?: string): Card {
  const body: Card[] = [textBlock(form.title, { weight: "Bolder", size: "Medium" })];
  if (intro) body.push(textBlock(intro));
  for (const field of form.fields) {
    body.push(
      field.kind === "choice"
        ? {
            type: "Input.ChoiceSet",
            id: field.id,
            label: field.label,
            isRequired: !field.optional,
            style: "expanded",
            choices: (field.choices ?? []).map((c) => ({ title: c.label, value: c.value })),
          }
        : {
            type: "Input.Text",
            id: field.id,
            label: field.label,
            isRequired: !field.optional,
            isMultiline: field.multiline ?? false,
            ...(field.maxLength ? { maxLength: field.maxLength } : {}),
          },
    );
  }
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    actions: [{ type: "Action.Submit", title: form.submitLabel, data: submitData(form.action, form.value) }],
  };
}

/** A message activity for the Bot Connector: text for notifications, a card when there is more than text. */
export function messageActivity(message: OutboundMessage): Record<string, unknown> {
  const plain = !message.fields?.length && !message.buttons?.length && !message.reason && !message.link;
  if (plain) return { type: "message", text: escapeMarkdown(message.text) };
  return {
    type: "message",
    text: escapeMarkdown(message.text.split("\n")[0] ?? ""),
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: messageCard(message) }],
  };
}

export function replyActivity(reply: Reply): Record<string, unknown> {
  if (!reply.form) return messageActivity({ text: reply.text });
  return {
    type: "message",
    attachments: [
      { contentType: "application/vnd.microsoft.card.adaptive", content: formCard(reply.form, reply.text) },
    ],
  };
}
