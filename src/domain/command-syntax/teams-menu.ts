/**
 * Teams' command menu: Teams shows at most 10 commands per scope (manifest `commandLists`), so each scope
 * lists the ten that matter most there, and `help` in Teams names the commands no menu shows.
 * - personal: the chat with Tandem, where interns and supervisors do their daily work.
 * - team and groupChat: typed after @Tandem in a channel or group chat, and answered there for all to
 *   read, so these are the shared ones (milestones, the agreement, introductions) and the trial
 *   commands an admin runs where the internship lives. A team channel is where an internship's home
 *   is set up (`@Tandem setup` makes the channel it is typed in the home), so `setup` is in its menu
 *   instead of `met`, a note one person logs about a meeting.
 */
import type { CommandName } from "./types.js";

export type TeamsScope = "personal" | "team" | "groupChat";

export const TEAMS_MENU_SIZE = 10;

/** A team channel: where an internship's home is, so where an admin sets it up and tries it out. */
const TEAM: readonly CommandName[] = [
  "milestone.list",
  "milestone.add",
  "milestone.done",
  "milestone.accept",
  "agreement.show",
  "intro.status",
  "setup",
  "try.checkin",
  "preview.week",
  "help",
];

/** A group chat: the shared commands, and `met` for the intern and a colleague they just met. */
const GROUP_CHAT: readonly CommandName[] = [
  "milestone.list",
  "milestone.add",
  "milestone.done",
  "milestone.accept",
  "agreement.show",
  "intro.status",
  "met",
  "try.checkin",
  "preview.week",
  "help",
];

export const TEAMS_MENU: Readonly<Record<TeamsScope, readonly CommandName[]>> = {
  personal: [
    "status",
    "checkin",
    "milestone.add",
    "milestone.list",
    "milestone.done",
    "reflect",
    "leave.add",
    "agreement.show",
    "intro.status",
    "help",
  ],
  team: TEAM,
  groupChat: GROUP_CHAT,
};

/** Every command that some scope's menu shows. */
export function inTeamsMenu(name: CommandName): boolean {
  return Object.values(TEAMS_MENU).some((commands) => commands.includes(name));
}
