/**
 * A chat form (OutboundForm: the Slack modal's and Teams card's fields) as an HTML form that needs no
 * script: a label per field, the problems of a refused submission in a summary at the top (each a link
 * to its field) and again beside the field (aria-describedby, aria-invalid), and what was typed kept.
 */
import type { FormField, OutboundForm } from "../../../src/domain/messages.js";
import { type Html, html } from "../html.js";

/** A field id (`criterion.teamwork.comment`) as an HTML id. */
export const fieldHtmlId = (id: string) => `f-${id.replace(/[^\w-]/g, "-")}`;

export interface FormState {
  /** Where the form posts. */
  action: string;
  csrfToken: string;
  /** What was sent last time, shown again. */
  values?: Readonly<Record<string, string>>;
  /** Field id -> what is wrong with it. */
  errors?: Readonly<Record<string, string>>;
}

function control(field: FormField, value: string, describedBy: string, invalid: boolean): Html {
  const id = fieldHtmlId(field.id);
  const aria = html`${describedBy ? html` aria-describedby="${describedBy}"` : ""}${invalid ? html` aria-invalid="true"` : ""}${field.optional ? "" : html` aria-required="true"`}`;
  if (field.kind === "choice") {
    return html`<select id="${id}" name="${field.id}"${aria}>
<option value=""${value === "" ? html` selected` : ""}>Choose…</option>
${(field.choices ?? []).map(
  (c) => html`<option value="${c.value}"${c.value === value ? html` selected` : ""}>${c.label}</option>`,
)}
</select>`;
  }
  const max = field.maxLength ? html` maxlength="${field.maxLength}"` : "";
  return html`<textarea id="${id}" name="${field.id}" rows="2"${max}${aria}>${value}</textarea>`;
}

function fieldHtml(field: FormField, state: FormState): Html {
  const id = fieldHtmlId(field.id);
  const error = state.errors?.[field.id];
  const hint = field.hint ? html`<p class="hint" id="${id}-hint">${field.hint}</p>` : "";
  const problem = error
    ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Problem: </span>${error}</p>`
    : "";
  const describedBy = [field.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${error ? " field-invalid" : ""}">
<label for="${id}">${field.label}</label>
${hint}${problem}${control(field, state.values?.[field.id] ?? field.initial ?? "", describedBy, Boolean(error))}
</div>`;
}

/** The summary of a refused submission, first on the page (autofocus: read out and reached at once). */
export function errorSummary(form: OutboundForm, errors: Readonly<Record<string, string>>): Html {
  const ordered = form.fields.filter((f) => errors[f.id] !== undefined);
  const others = Object.keys(errors).filter((id) => !form.fields.some((f) => f.id === id));
  return html`<div class="error-summary" tabindex="-1" autofocus aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was saved yet: ${ordered.length + others.length === 1 ? "one answer needs" : `${ordered.length + others.length} answers need`} another look</h2>
<ul>${ordered.map((f) => html`<li><a href="#${fieldHtmlId(f.id)}">${errors[f.id]}</a></li>`)}${others.map(
    (id) => html`<li>${errors[id]}</li>`,
  )}</ul>
</div>`;
}

export function formHtml(form: OutboundForm, state: FormState): Html {
  const errors = state.errors ?? {};
  return html`${Object.keys(errors).length > 0 ? errorSummary(form, errors) : ""}
<form method="post" action="${state.action}" class="chat-form" novalidate>
<input type="hidden" name="_csrf" value="${state.csrfToken}">
${form.fields.map((f) => fieldHtml(f, state))}
<p><button type="submit">${form.submitLabel}</button></p>
</form>`;
}

export const FORM_STYLES = `
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.chat-form { max-width: 40rem; }
.chat-form .field { margin: 0 0 1rem; }
.chat-form select, .chat-form textarea { width: 100%; max-width: 40rem; border: 1px solid #6b7684; border-radius: 4px; }
.chat-form textarea:focus-visible, .error-summary:focus { outline: 3px solid #f2a900; outline-offset: 2px; }
.field-invalid { border-left: 4px solid #b00020; padding-left: .75rem; }
.field-invalid select, .field-invalid textarea { border: 2px solid #b00020; }
.field-error { color: #b00020; font-weight: 600; margin: .25rem 0; }
.error-summary { border: 3px solid #b00020; padding: .5rem 1rem; margin: 0 0 1rem; }
.error-summary h2 { margin: .25rem 0 .5rem; font-size: 1.15rem; }
.error-summary a { color: #b00020; font-weight: 600; }
.hint { color: var(--muted); margin: 0 0 .25rem; }
.rounds { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
.rounds [aria-current] { font-weight: 700; color: var(--ink); text-decoration: none; }
.answers td:nth-child(2) { white-space: nowrap; }
.confirm-form { margin: 1rem 0; }
`;
