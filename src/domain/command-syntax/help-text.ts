/** Help texts, generated from the command registry so they never drift from the parser. */

import type { Platform } from "../types.js";
import { echo } from "./echo.js";
import { COMMANDS, commandGroups, findCommand } from "./registry.js";
import { type CommandSpec, displayName } from "./spec.js";
import { closest } from "./suggest.js";
import { inTeamsMenu } from "./teams-menu.js";

export const DATE_HELP = [
  "Dates are read in your own time zone:",
  "  2026-12-15 (year-month-day), 15 Dec, Dec 15, 15 December 2026, December 15, 2026",
  "  today, tomorrow",
  "  friday or fri: today if it is Friday, otherwise the coming Friday",
  '  next friday: one week after "friday" (on a Wednesday, the Friday 9 days later)',
  "  in 3 days, in 2 weeks, in 1 month (31 Jan + 1 month = the last day of February)",
  "A day and month without a year is the next such date from today. 15/12/2026 is refused: countries read it differently.",
].join("\n");

function commandLine(spec: CommandSpec): string {
  return `  ${spec.usage} — ${spec.summary}`;
}

const DATES_LINE = 'Dates: 2026-12-15, 15 Dec, friday, next friday, in 2 weeks; "help dates" explains them.';

function overview(): string {
  return [
    'Tandem commands (type "help <command>" for details, e.g. "help milestone add"):',
    ...COMMANDS.map(commandLine),
    DATES_LINE,
  ].join("\n");
}

/** Teams' menu shows ten commands a scope: help lists the others in full, then names the menu's. */
function teamsOverview(): string {
  const rest = COMMANDS.filter((spec) => !inTeamsMenu(spec.id));
  const menu = COMMANDS.filter((spec) => inTeamsMenu(spec.id)).map(displayName);
  return [
    'Tandem commands beyond the Teams command menu (type "help <command>" for details, e.g. "help milestone move"):',
    ...rest.map(commandLine),
    `In the menu: ${menu.join(", ")}.`,
    "In a channel or group chat, @mention Tandem first.",
    DATES_LINE,
  ].join("\n");
}

function commandHelp(spec: CommandSpec): string {
  const lines = [`${displayName(spec)}: ${spec.summary}`, `Usage: ${spec.usage}`];
  if (spec.details) lines.push(spec.details);
  lines.push(`Example: ${spec.example}`);
  return lines.join("\n");
}

function groupHelp(name: string, specs: readonly CommandSpec[]): string {
  return [
    `The ${name} commands:`,
    ...specs.map(commandLine),
    `Type "help ${name} <command>" for one of them.`,
  ].join("\n");
}

/** Every topic `helpText` knows, as a user would type it. */
export function helpTopics(): string[] {
  return [...COMMANDS.map(displayName), ...commandGroups().keys(), "dates"];
}

/** Help on `topic`, or every command; in Teams the overview starts with what its menu does not show. */
export function helpText(topic?: string, platform?: Platform): string {
  const wanted = (topic ?? "").toLowerCase().replace(/\s+/g, " ").trim().replace(/^\/+/, "");
  if (!wanted) return platform === "teams" ? teamsOverview() : overview();
  if (wanted === "dates" || wanted === "date") return DATE_HELP;
  // A group before a command of the same name: "help agreement" lists every agreement command, though
  // "agreement" alone is also agreement show.
  const group = commandGroups().get(wanted);
  if (group) return groupHelp(wanted, group);
  const spec = findCommand(wanted);
  if (spec) return commandHelp(spec);
  const topics = helpTopics();
  const guess = closest(topics, () => wanted);
  const hint = guess ? ` Did you mean "${guess}"?` : "";
  return `I have no help on ${echo(wanted)}.${hint} Topics: ${topics.join(", ")}.`;
}
