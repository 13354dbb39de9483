/**
 * A message as an e-mail: its subject (what it is about, from the copy; else its first line), a plain-text part and a simple HTML part with the
 * same words, its fields as a table, the link to the portal page it concerns (when PUBLIC_URL is set) and
 * the same "why" line chat shows. Buttons have no place in an e-mail: the portal shows where things stand.
 */
import { escapeHtml } from "../../src/domain/escape.js";
import type { OutboundMessage } from "../../src/domain/messages.js";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Long enough to say what the message is about, short enough for an inbox list. */
const SUBJECT_MAX = 90;
const URL = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])/g;

/** Escaped text whose web addresses are links. */
function linked(text: string): string {
  return text
    .split(URL)
    .map((part, i) =>
      i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part),
    )
    .join("");
}

export function mailSubject(text: string): string {
  const line = text
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "");
  // A first line that introduces a list ends in a colon, which reads as cut off in an inbox.
  const first = (line ?? "A message from Tandem").replace(/\s+/g, " ").replace(/:$/, "");
  if (first.length <= SUBJECT_MAX) return first;
  // A first sentence that fits says more than a line cut in the middle.
  const sentence = /^(.{20,}?[.!?])\s/.exec(first.slice(0, SUBJECT_MAX + 1))?.[1];
  if (sentence) return sentence.replace(/\.$/, "");
  const cut = first.slice(0, SUBJECT_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > SUBJECT_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

const isWebLink = (link: string | undefined): link is string =>
  link !== undefined && /^https?:\/\//.test(link);

export function renderMail(message: OutboundMessage, publicUrl?: string): RenderedMail {
  const portal = publicUrl && message.portalPath ? `${publicUrl}${message.portalPath}` : undefined;
  const link = isWebLink(message.link) ? message.link : undefined;
  const fields = message.fields ?? [];

  const text = [
    message.text.trim(),
    ...(fields.length > 0 ? [fields.map((f) => `${f.label}: ${f.value}`).join("\n")] : []),
    ...(link ? [`Open the message: ${link}`] : []),
    ...(portal ? [`See it in Tandem's portal: ${portal}`] : []),
    ...(message.reason ? [`Why you get this: ${message.reason}`] : []),
  ].join("\n\n");

  const paragraphs = message.text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.split("\n").map(linked).join("<br>\n")}</p>`);
  const table =
    fields.length > 0
      ? [
          "<table>",
          ...fields.map(
            (f) =>
              `<tr><th scope="row" style="text-align:left;padding-right:1em;vertical-align:top">${escapeHtml(f.label)}</th><td>${linked(f.value)}</td></tr>`,
          ),
          "</table>",
        ]
      : [];
  const subject = mailSubject(message.subject ?? message.text);
  const html = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40em;color:#1a1a1a">',
    ...paragraphs,
    ...table,
    ...(link ? [`<p><a href="${escapeHtml(link)}">Open the message</a></p>`] : []),
    ...(portal ? [`<p><a href="${escapeHtml(portal)}">See it in Tandem's portal</a></p>`] : []),
    ...(message.reason
      ? [`<p style="color:#555;font-size:0.9em"><em>Why you get this: ${linked(message.reason)}</em></p>`]
      : []),
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
