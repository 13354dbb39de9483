/**
 * A look at a signed request's body before Bolt routes it. Bolt throws on some malformed bodies (the
 * server then answered 500, and Slack retries 5xx), and leaves bodies it cannot route unanswered until
 * its 3-second timeout. Tandem answers both at once: 400 for what is malformed, 404 for what it does not
 * handle, 200 for Slack's notices that need no listener.
 */
import { SLASH_COMMANDS } from "./protocol.js";

type Json = Record<string, unknown>;

export type Verdict = { ok: true } | { ok: false; status: 200 | 400 | 404; why: string };

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
/** Slack sends `null` for some of them (`enterprise`, `team` in org-wide installs). */
const optionalObject = (value: unknown) => value === undefined || value === null || isObject(value);

/** Fields Bolt reads while it works out the workspace and the speaker: objects (or null) when present. */
const NESTED = ["user", "team", "enterprise", "channel", "container", "message", "view", "event"] as const;

/** Types Slack may send to the request URL that Tandem has no listener for. */
const UNHANDLED = new Set([
  "shortcut",
  "message_action",
  "block_suggestion",
  "view_closed",
  "interactive_message",
  "dialog_submission",
  "dialog_cancellation",
  "workflow_step_edit",
]);

/**
 * Bolt routes by which keys a body has, in this order: `event`, `command`, `name` (options), `actions`,
 * then the type. The check follows the same order, so what it lets through reaches the listener it
 * was checked for.
 */
export function checkSlackBody(body: unknown): Verdict {
  if (!isObject(body)) return { ok: false, status: 400, why: "the body is not an object" };
  for (const key of NESTED) {
    if (!optionalObject(body[key])) return { ok: false, status: 400, why: `${key} is not an object` };
  }
  const type = body.type;
  if (body.event !== undefined) return checkEvent(body);
  if (body.command !== undefined) {
    if (typeof body.command !== "string") return { ok: false, status: 400, why: "command is not text" };
    return SLASH_COMMANDS.test(body.command)
      ? { ok: true }
      : { ok: false, status: 404, why: `Tandem does not handle ${body.command.slice(0, 40)}` };
  }
  if (body.name !== undefined || type === "block_suggestion") {
    return { ok: false, status: 404, why: "Tandem offers no external select options" };
  }
  if (body.actions !== undefined || type === "dialog_submission") {
    const actions = body.actions;
    const valid =
      type === "block_actions" &&
      isObject(body.user) &&
      Array.isArray(actions) &&
      actions.length > 0 &&
      actions.every(
        (a) =>
          isObject(a) &&
          typeof a.action_id === "string" &&
          a.action_id !== "" &&
          typeof (a.block_id ?? "") === "string",
      );
    return valid
      ? { ok: true }
      : { ok: false, status: 400, why: "block_actions without a user or valid actions" };
  }
  if (typeof type !== "string") return { ok: false, status: 400, why: "no type, and not a slash command" };
  if (type === "app_rate_limited")
    return { ok: false, status: 200, why: "Slack is rate-limiting event deliveries" };
  if (UNHANDLED.has(type)) return { ok: false, status: 404, why: `Tandem does not handle ${type}` };
  if (type === "view_submission") {
    const view = body.view;
    return isObject(body.user) &&
      isObject(view) &&
      typeof view.callback_id === "string" &&
      view.callback_id !== ""
      ? { ok: true }
      : { ok: false, status: 400, why: "view_submission without a user or a view with a callback_id" };
  }
  return { ok: false, status: 400, why: `unknown type ${JSON.stringify(type).slice(0, 40)}` };
}

function checkEvent(body: Json): Verdict {
  const event = body.event;
  if (body.type !== "event_callback")
    return { ok: false, status: 400, why: "an event outside an event_callback" };
  if (typeof body.event_id !== "string" || typeof body.team_id !== "string") {
    // The event id is the dedupe key of every redelivery.
    return { ok: false, status: 400, why: "an event_callback without an event_id or team_id" };
  }
  if (!isObject(event) || typeof event.type !== "string" || event.type === "") {
    return { ok: false, status: 400, why: "an event_callback without an event type" };
  }
  if (event.item !== undefined && !isObject(event.item))
    return { ok: false, status: 400, why: "event.item is not an object" };
  // Bolt leaves this one event unacknowledged for a listener that Tandem does not have.
  return event.type === "function_executed"
    ? { ok: false, status: 404, why: "Tandem does not handle function_executed" }
    : { ok: true };
}
