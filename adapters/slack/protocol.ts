/**
 * Names the receivers, the payload check and the listeners share. They live apart from all three so that
 * none of them imports another for a constant (that was an import cycle).
 */

/** Where Slack posts events, slash commands and interactivity. */
export const SLACK_EVENTS_PATH = "/slack/events";

/** The request's own timestamp, which the event's time falls back to when the payload has none. */
export const REQUEST_TIME = "tandemRequestTime";

/** The slash commands Tandem answers (the app manifest declares them). */
export const SLASH_COMMANDS = /^\/(tandem|milestone)$/;
