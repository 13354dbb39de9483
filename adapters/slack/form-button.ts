/**
 * A form asked for in a direct message (`setup`, `checkin`, `reflect` typed to Tandem): a message event
 * has no trigger_id, so Slack cannot open a modal then. The reply carries a button instead, and the modal
 * opens when it is pressed. The button holds the command that asked for the form, not the form: a form
 * (the set-up form with its options and hints) easily passes Slack's 2,000 characters for a button value,
 * and Slack refuses the whole message for one. Pressed, the command runs again for whoever pressed it
 * (with their rights at that moment) and the fresh form opens; no state is kept between the two, so any
 * replica can serve the press.
 */
import type { OutboundButton, OutboundForm, Reply } from "../../src/domain/messages.js";
import { SLACK_LIMITS as LIMIT } from "./limits.js";

/** The action of the button that opens a form. */
export const OPEN_FORM = "tandem.form";
/** A button value that is a command to run again (older buttons hold the form itself, as JSON). */
const COMMAND = "command:";

export type FormButtonPress = { form: OutboundForm } | { command: string };

/** What a pressed form button asks for, or undefined when its value is neither (a forged or damaged payload). */
export function pressedFormButton(value: unknown): FormButtonPress | undefined {
  // A payload is untrusted: its value may be anything JSON holds, not only the string Slack sends.
  if (typeof value !== "string" || !value) return undefined;
  if (value.startsWith(COMMAND)) {
    const command = value.slice(COMMAND.length).trim();
    return command ? { command } : undefined;
  }
  try {
    const form = JSON.parse(value) as Partial<OutboundForm> | null;
    return form && typeof form.action === "string" && Array.isArray(form.fields)
      ? { form: form as OutboundForm }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The button that opens a reply's form, from the command typed when known; the form itself only when
 * no command is known and it fits. Otherwise no button, and a line saying how to open the form instead.
 */
export function formButton(
  form: OutboundForm,
  command: string | undefined,
): { button: OutboundButton } | { note: string } {
  const button = (value: string) => ({
    button: { action: OPEN_FORM, value, label: form.title, style: "primary" as const },
  });
  const typed = command?.trim();
  if (typed && COMMAND.length + typed.length <= LIMIT.buttonValue) return button(`${COMMAND}${typed}`);
  const json = JSON.stringify(form);
  if (json.length <= LIMIT.buttonValue) return button(json);
  return { note: `To fill in "${form.title}", type the command again as a slash command (/tandem ...).` };
}

/** A reply whose form becomes a button (or a note) in a direct message. */
export function withFormButton(reply: Reply, command: string | undefined): Reply {
  if (!reply.form) return reply;
  const opened = formButton(reply.form, command);
  const { form: _form, ...rest } = reply;
  return "button" in opened
    ? { ...rest, buttons: [...(reply.buttons ?? []), opened.button] }
    : { ...rest, text: `${reply.text}\n\n${opened.note}` };
}
