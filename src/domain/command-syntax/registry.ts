/**
 * Every command, in the order help lists them. Adding a command touches four files:
 * its CommandSpec in command-syntax/<feature>.ts (listed below), its variant of `Command` in
 * command-syntax/types.ts, its handler in services/command-handlers/<feature>.ts (same file name),
 * and one case in services/command-handlers/handle-command.ts. The compiler points at each one.
 */
import { AGREEMENT_COMMANDS } from "./agreement.js";
import { LEARNING_AGREEMENT_COMMANDS } from "./agreement-learning.js";
import { CERTIFICATE_COMMANDS } from "./certificate.js";
import { CHECKIN_COMMANDS } from "./checkin.js";
import { DIGEST_COMMANDS } from "./digest.js";
import { EVALUATION_COMMANDS } from "./evaluate.js";
import { HELP } from "./help.js";
import { INTRO_COMMANDS } from "./intro.js";
import { LEAVE_COMMANDS } from "./leave.js";
import { MET_COMMANDS } from "./met.js";
import { MILESTONE_COMMANDS } from "./milestone.js";
import { MY_SETTINGS_COMMANDS } from "./my-settings.js";
import { NOREPLY_COMMANDS } from "./noreply.js";
import { NUDGE_COMMANDS } from "./nudges.js";
import { OUTCOMES } from "./outcomes.js";
import { PORTAL_COMMANDS } from "./portal.js";
import { PREVIEW_COMMANDS } from "./preview.js";
import { REFLECT_COMMANDS } from "./reflect.js";
import { SETUP_COMMANDS } from "./setup.js";
import { type CommandSpec, displayName } from "./spec.js";
import { STATUS } from "./status.js";
import { TRY_COMMANDS } from "./try.js";

export const COMMANDS: readonly CommandSpec[] = [
  HELP,
  STATUS,
  ...CHECKIN_COMMANDS,
  ...MILESTONE_COMMANDS,
  OUTCOMES,
  ...EVALUATION_COMMANDS,
  ...CERTIFICATE_COMMANDS,
  ...NOREPLY_COMMANDS,
  ...MET_COMMANDS,
  ...NUDGE_COMMANDS,
  ...INTRO_COMMANDS,
  ...REFLECT_COMMANDS,
  ...DIGEST_COMMANDS,
  ...PORTAL_COMMANDS,
  ...AGREEMENT_COMMANDS,
  ...LEARNING_AGREEMENT_COMMANDS,
  ...LEAVE_COMMANDS,
  ...MY_SETTINGS_COMMANDS,
  ...TRY_COMMANDS,
  ...PREVIEW_COMMANDS,
  ...SETUP_COMMANDS,
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
