/** Every command, in the order help lists them. Add a command by adding a CommandSpec here. */
import { AGREEMENT_COMMANDS } from "./agreement-commands.js";
import { CHECKIN_COMMANDS } from "./checkin-commands.js";
import { CONNECTION_COMMANDS } from "./connection-commands.js";
import { GENERAL_COMMANDS } from "./general-commands.js";
import { LEAVE_COMMANDS } from "./leave-commands.js";
import { MILESTONE_COMMANDS } from "./milestone-commands.js";
import { REPLY_COMMANDS } from "./reply-commands.js";
import { type CommandSpec, displayName } from "./spec.js";

export const COMMANDS: readonly CommandSpec[] = [
  ...GENERAL_COMMANDS,
  ...CHECKIN_COMMANDS,
  ...MILESTONE_COMMANDS,
  ...REPLY_COMMANDS,
  ...CONNECTION_COMMANDS,
  ...AGREEMENT_COMMANDS,
  ...LEAVE_COMMANDS,
];

/** Every keyword sequence that starts a command, with its spec. */
export function commandPhrases(): { words: readonly string[]; spec: CommandSpec }[] {
  return COMMANDS.flatMap((spec) => [spec.words, ...(spec.aliases ?? [])].map((words) => ({ words, spec })));
}

/**
 * Groups: a first keyword shared by several commands that is not a command by itself,
 * e.g. "milestone" -> milestone add, milestone list, ...
 */
export function commandGroups(): Map<string, CommandSpec[]> {
  const groups = new Map<string, CommandSpec[]>();
  for (const spec of COMMANDS) {
    const [first] = spec.words;
    if (spec.words.length < 2 || first === undefined) continue;
    groups.set(first, [...(groups.get(first) ?? []), spec]);
  }
  for (const spec of COMMANDS) {
    if (spec.words.length === 1) groups.delete(spec.words[0] ?? "");
  }
  return groups;
}

/** A command by its name ("milestone add"), id ("milestone.add") or alias ("milestones", "?"). */
export function findCommand(name: string): CommandSpec | undefined {
  const wanted = name.toLowerCase().replace(/\s+/g, " ").trim();
  return COMMANDS.find(
    (spec) =>
      spec.id === wanted ||
      displayName(spec) === wanted ||
      (spec.aliases ?? []).some((alias) => alias.join(" ") === wanted),
  );
}
