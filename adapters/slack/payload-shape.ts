/**
 * A look at a signed request's body before Bolt routes it. Bolt throws on some malformed bodies (the
 * server then answered 500, and Slack retries 5xx), and leaves bodies it cannot route unanswered until
 * its 3-second timeout. Tandem answers both at once: 400 for what is malformed, 404 for what it does not
 * handle, 200 for Slack's notices that need no listener.
 */
import { err, ok, type Result } from "../../src/domain/result.js";
import { SLASH_COMMANDS } from "./protocol.js";

type Json = Record<string, unknown>;

/** Why a body is not routed, and the status to answer with (200 for notices that need no listener). */
export type Refusal = { status: 200 | 400 | 404; why: string };
export type Verdict = Result<void, Refusal>;

const refuse = (status: Refusal["status"], why: string): Verdict => err({ status, why });
const accept = (): Verdict => ok(undefined);

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
  if (!isObject(body)) return refuse(400, "the body is not an object");
  for (const key of NESTED) {
    if (!optionalObject(body[key])) return refuse(400, `${key} is not an object`);
  }
  const type = body.type;
  if (body.event !== undefined) return checkEvent(body);
  if (body.command !== undefined) {
    if (typeof body.command !== "string") return refuse(400, "command is not text");
    return SLASH_COMMANDS.test(body.command)
      ? accept()
      : refuse(404, `Tandem does not handle ${body.command.slice(0, 40)}`);
  }
  if (body.name !== undefined || type === "block_suggestion") {
    return refuse(404, "Tandem offers no external select options");
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
    return valid ? accept() : refuse(400, "block_actions without a user or valid actions");
  }
  if (typeof type !== "string") return refuse(400, "no type, and not a slash command");
  if (type === "app_rate_limited") return refuse(200, "Slack is rate-limiting event deliveries");
  if (UNHANDLED.has(type)) return refuse(404, `Tandem does not handle ${type}`);
  if (type === "view_submission") {
    const view = body.view;
    return isObject(body.user) &&
      isObject(view) &&
      typeof view.callback_id === "string" &&
      view.callback_id !== ""
      ? accept()
      : refuse(400, "view_submission without a user or a view with a callback_id");
  }
  return refuse(400, `unknown type ${JSON.stringify(type).slice(0, 40)}`);
}

function checkEvent(body: Json): Verdict {
  const event = body.event;
  if (body.type !== "event_callback") return refuse(400, "an event outside an event_callback");
  if (typeof body.event_id !== "string" || typeof body.team_id !== "string") {
    // The event id is the dedupe key of every redelivery.
    return refuse(400, "an event_callback without an event_id or team_id");
  }
  if (!isObject(event) || typeof event.type !== "string" || event.type === "") {
    return refuse(400, "an event_callback without an event type");
  }
  if (event.item !== undefined && !isObject(event.item)) return refuse(400, "event.item is not an object");
  // Bolt leaves this one event unacknowledged for a listener that Tandem does not have.
  return event.type === "function_executed"
    ? refuse(404, "Tandem does not handle function_executed")
    : accept();
}
