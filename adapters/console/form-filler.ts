import type { FormField, OutboundForm } from "../../src/domain/messages.js";

export type FormStep = { done: false; ask: string } | { done: true; values: Record<string, string> };

/** What to type for fields that a real platform answers with a picker. */
const TYPED: Partial<Record<FormField["kind"], string>> = {
  user: " (a person's key, e.g. kenji)",
  users: " (people's keys, separated by commas)",
  channel: " (a channel name, e.g. intern-kenji)",
  date: " (YYYY-MM-DD)",
};

/** The name a field's initial value stands for, when the form named it (a person picked before). */
function shown(field: FormField, value: string): string {
  return value
    .split(",")
    .map((v) => field.choices?.find((c) => c.value === v.trim())?.label ?? v.trim())
    .join(", ");
}

/**
 * The console's version of a modal: asks a form's fields one line at a time. An empty line keeps a
 * field's initial value, or skips an optional field; a choice must be one of its values.
 */
export function createFormFiller(form: OutboundForm) {
  const values: Record<string, string> = {};
  let index = 0;
  const question = (): FormStep => {
    const field = form.fields[index];
    if (!field) return { done: true, values };
    const choices =
      field.kind === "choice" && field.choices
        ? ` [${field.choices.map((c) => c.value).join("/")}]${field.multiple ? " (any of them, separated by commas)" : ""}`
        : "";
    const typed = TYPED[field.kind] ?? "";
    const initial = field.initial?.trim();
    const keep = initial
      ? ` (empty line keeps ${shown(field, initial)})`
      : field.optional
        ? " (empty line to skip)"
        : "";
    const hint = field.hint ? `\n  ${field.hint}` : "";
    return { done: false, ask: `${field.label}${choices}${typed}${keep}${hint}` };
  };
  return {
    start: question,
    answer(line: string): FormStep {
      const field = form.fields[index];
      if (!field) return { done: true, values };
      const text = line.trim() || field.initial?.trim() || "";
      if (!text && !field.optional) return { done: false, ask: `Please answer: ${field.label}` };
      // A multiple choice is answered with several values separated by commas, each one of the choices.
      const picked = field.multiple
        ? text
            .split(",")
            .map((v) => v.trim())
            .filter(Boolean)
        : [text];
      const known = (v: string) => field.choices?.some((c) => c.value === v) ?? true;
      if (text && field.kind === "choice" && field.choices && !picked.every(known)) {
        return {
          done: false,
          ask: `Choose one of ${field.choices.map((c) => c.value).join(", ")}: ${field.label}`,
        };
      }
      if (text && field.multiple) values[field.id] = picked.join(",");
      else if (text) values[field.id] = field.maxLength ? text.slice(0, field.maxLength) : text;
      index += 1;
      return question();
    },
  };
}
