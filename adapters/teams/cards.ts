/**
 * Core messages and forms as Adaptive Cards 1.5 for Teams. Text blocks are plain text (no markdown).
 * Messages are shaped to Teams' limits (limits.ts): at most 6 actions a card (the rest on cards that
 * follow in the same message), and the whole activity under the size Teams guarantees, text and
 * facts cut between graphemes with a line saying where the rest can be read.
 */
import { stripBidiControls } from "../../src/domain/escape.js";
import type { FormField, OutboundForm, OutboundMessage, Reply } from "../../src/domain/messages.js";
import { type Measure, shareBudget, truncateText } from "../../src/domain/text-cut.js";
import { activityBytes, TEAMS_MESSAGE_LIMITS as LIMIT } from "./limits.js";

type Card = Record<string, unknown>;

/**
 * Teams renders a subset of markdown and some HTML: emphasis, code and link characters are escaped and
 * angle brackets become entities, so user text shows as written and `<at>` can never ping.
 */
export function escapeMarkdown(text: string): string {
  return stripBidiControls(text)
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

const ADAPTIVE = "application/vnd.microsoft.card.adaptive";
/** Buttons per message (17 cards at most); beyond that the message says it was shortened. */
const MAX_BUTTONS = 100;
const MAX_REASON = 500;
const MAX_LABEL = 75;
const MAX_FORM_INTRO = 10_000;

/** Extra characters escapeMarkdown and then JSON add for a character (see escapeMarkdown). */
const EXTRA: Record<string, number> = {
  "&": 4,
  "<": 3,
  ">": 3,
  "\\": 3,
  "`": 2,
  "*": 2,
  _: 2,
  "~": 2,
  "[": 2,
  "]": 2,
};

/**
 * How much of the activity a piece of text takes once escaped and written as JSON: the same as
 * `JSON.stringify(escapeMarkdown(text)).length - 2`, counted without building either string.
 */
export const cardLength: Measure = (text) => {
  let length = text.length;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    const code = text.charCodeAt(i);
    if (code < 0x20)
      length += char === "\n" || char === "\r" || char === "\t" || code === 8 || code === 12 ? 1 : 5;
    else if (char === '"') length += 1;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const pair = code <= 0xdbff ? text.charCodeAt(i + 1) : Number.NaN;
      if (pair >= 0xdc00 && pair <= 0xdfff) i += 1;
      else length += 5; // a lone surrogate is written as \udxxx
    } else length += EXTRA[char] ?? 0;
  }
  return length;
};

/** What to tell a reader when the message had to be shortened. */
function shortenedNote(more: string | undefined): string {
  return `…shortened to fit one Teams message. ${more ?? 'Type "help" to find the command that shows it in full.'}`;
}

const card = (body: Card[], actions: Card[]): Card => ({
  type: "AdaptiveCard",
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  version: LIMIT.cardVersion,
  body,
  ...(actions.length ? { actions } : {}),
});

/**
 * The message's cards: the first with the text, facts and up to 6 actions, then one card per further
 * 6 actions. `allowance` bounds the text and fact values together (see cardLength).
 */
function messageCards(message: OutboundMessage, allowance = Number.POSITIVE_INFINITY): Card[] {
  const facts = message.fields ?? [];
  const wanted = [cardLength(message.text), ...facts.map((f) => cardLength(f.value))];
  const [textRoom = 0, ...factRoom] = shareBudget(wanted, allowance);
  const cut =
    wanted.some((n, i) => n > ([textRoom, ...factRoom][i] ?? 0)) ||
    (message.buttons?.length ?? 0) > MAX_BUTTONS;
  const body: Card[] = [textBlock(truncateText(message.text, textRoom, cardLength))];
  if (facts.length) {
    body.push({
      type: "FactSet",
      facts: facts.map((f, i) => ({
        title: escapeMarkdown(truncateText(f.label, 200)),
        value: escapeMarkdown(truncateText(f.value, Math.max(1, factRoom[i] ?? 0), cardLength)),
      })),
    });
  }
  if (cut) body.push(textBlock(shortenedNote(message.more), { isSubtle: true }));
  if (message.reason) {
    body.push(
      textBlock(`Why: ${truncateText(message.reason, MAX_REASON)}`, { isSubtle: true, size: "Small" }),
    );
  }
  const actions: Card[] = (message.buttons ?? []).slice(0, MAX_BUTTONS).map((b) => ({
    type: "Action.Submit",
    title: truncateText(b.label, MAX_LABEL),
    data: submitData(b.action, b.value),
    ...(b.style === "primary" ? { style: "positive" } : b.style === "danger" ? { style: "destructive" } : {}),
  }));
  if (message.link) actions.push({ type: "Action.OpenUrl", title: "Open the message", url: message.link });
  const groups: Card[][] = [];
  for (let i = 0; i < actions.length; i += LIMIT.cardActions)
    groups.push(actions.slice(i, i + LIMIT.cardActions));
  return [
    card(body, groups[0] ?? []),
    ...groups
      .slice(1)
      .map((group, i) =>
        card([textBlock(`More actions for the message above (${i + 2} of ${groups.length}):`)], group),
      ),
  ];
}

export function messageCard(message: OutboundMessage): Card {
  return messageCards(message)[0]!;
}

/**
 * Builds an activity with ever less text until it is within Teams' size budget: each round takes
 * off what was over, so a few rounds are enough even for a 40-intern digest.
 */
function fitted(
  build: (allowance: number) => Record<string, unknown>,
  content: number,
): Record<string, unknown> {
  let allowance = Number.POSITIVE_INFINITY;
  let used = content;
  for (let round = 0; round < 12; round += 1) {
    const activity = build(allowance);
    const bytes = activityBytes(activity);
    if (bytes <= LIMIT.messageBytesBudget) return activity;
    const over = Math.ceil((bytes - LIMIT.messageBytesBudget) / 2);
    allowance = Math.max(
      0,
      Math.min(used - over, Math.floor((used * LIMIT.messageBytesBudget) / bytes)) - 64,
    );
    used = allowance;
  }
  return build(0);
}

/** A message activity for the Bot Connector: text for notifications, a card when there is more than text. */
export function messageActivity(message: OutboundMessage): Record<string, unknown> {
  const plain = !message.fields?.length && !message.buttons?.length && !message.reason && !message.link;
  if (plain) {
    return fitted((allowance) => {
      const text = truncateText(message.text, allowance, cardLength);
      return {
        type: "message",
        text: escapeMarkdown(text === message.text ? text : `${text}\n\n${shortenedNote(message.more)}`),
      };
    }, cardLength(message.text));
  }
  const content = [message.text, ...(message.fields ?? []).map((f) => f.value)];
  return fitted(
    (allowance) => {
      const cards = messageCards(message, allowance);
      return {
        type: "message",
        text: escapeMarkdown(truncateText(message.text.split("\n")[0] ?? "", 500)),
        ...(cards.length > 1 ? { attachmentLayout: "list" } : {}),
        attachments: cards.map((content) => ({ contentType: ADAPTIVE, content })),
      };
    },
    content.reduce((sum, t) => sum + cardLength(t), 0),
  );
}

/** Teams' people picker: a choice set that searches the organisation's directory as the person types. */
const PEOPLE = { type: "Data.Query", dataset: "graph.microsoft.com/users" };

/** One form field as an Adaptive Card input; its answer arrives under the field's id. */
function formInput(field: FormField): Card {
  const base = { id: field.id, label: field.label, isRequired: !field.optional };
  const initial = field.initial?.trim() ? { value: field.initial.trim() } : {};
  const hint = field.hint ? { placeholder: truncateText(field.hint, 200) } : {};
  const choices = (field.choices ?? []).map((c) => ({ title: c.label, value: c.value }));
  switch (field.kind) {
    case "choice":
      // A multi-select's answer arrives as the chosen values joined by commas, as Tandem's forms expect.
      return {
        type: "Input.ChoiceSet",
        ...base,
        style: "expanded",
        choices,
        ...(field.multiple ? { isMultiSelect: true } : {}),
        ...initial,
      };
    case "user":
    case "users":
      // The ids it starts with need their names among the choices: the picker shows a choice's title.
      return {
        type: "Input.ChoiceSet",
        ...base,
        choices,
        "choices.data": PEOPLE,
        isMultiSelect: field.kind === "users",
        ...initial,
        ...hint,
      };
    case "date":
      return { type: "Input.Date", ...base, ...initial };
    case "channel":
    case "text":
      return {
        type: "Input.Text",
        ...base,
        isMultiline: field.multiline ?? false,
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...initial,
        ...hint,
      };
  }
}

export function formCard(form: OutboundForm, intro?: string): Card {
  const body: Card[] = [textBlock(form.title, { weight: "Bolder", size: "Medium" })];
  // A form's intro is a sentence; this cap only keeps a form card far from Teams' size limit.
  if (intro) body.push(textBlock(truncateText(intro, MAX_FORM_INTRO, cardLength)));
  for (const field of form.fields) {
    body.push(formInput(field));
    // A choice set's placeholder shows only while nothing is chosen: the hint is also said below it.
    if (field.hint && (field.kind === "choice" || field.kind === "date"))
      body.push(textBlock(field.hint, { isSubtle: true, size: "Small", spacing: "None" }));
  }
  return card(body, [
    { type: "Action.Submit", title: form.submitLabel, data: submitData(form.action, form.value) },
  ]);
}

export function replyActivity(reply: Reply): Record<string, unknown> {
  if (!reply.form) {
    return messageActivity({ text: reply.text, ...(reply.buttons ? { buttons: reply.buttons } : {}) });
  }
  return {
    type: "message",
    attachments: [{ contentType: ADAPTIVE, content: formCard(reply.form, reply.text) }],
  };
}
