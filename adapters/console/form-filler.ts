import type { OutboundForm } from "../../src/domain/messages.js";

export type FormStep = { done: false; ask: string } | { done: true; values: Record<string, string> };

/**
 * The console's version of a modal: asks a form's fields one line at a time. An empty line skips an
 * optional field; a choice must be one of its values.
 */
export function createFormFiller(form: OutboundForm) {
  const values: Record<string, string> = {};
  let index = 0;
  const question = (): FormStep => {
    const field = form.fields[index];
    if (!field) return { done: true, values };
    const choices = field.choices ? ` [${field.choices.map((c) => c.value).join("/")}]` : "";
    const skip = field.optional ? " (empty line to skip)" : "";
    return { done: false, ask: `${field.label}${choices}${skip}` };
  };
  return {
    start: question,
    answer(line: string): FormStep {
      const field = form.fields[index];
      if (!field) return { done: true, values };
      const text = line.trim();
      if (!text && !field.optional) return { done: false, ask: `Please answer: ${field.label}` };
      if (text && field.choices && !field.choices.some((c) => c.value === text)) {
        return {
          done: false,
          ask: `Choose one of ${field.choices.map((c) => c.value).join(", ")}: ${field.label}`,
        };
      }
      if (text) values[field.id] = field.maxLength ? text.slice(0, field.maxLength) : text;
      index += 1;
      return question();
    },
  };
}
