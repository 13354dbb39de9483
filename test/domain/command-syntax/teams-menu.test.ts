import { describe, expect, it } from "vitest";
import { helpText } from "../../../src/domain/command-syntax/help-text.js";
import { COMMANDS } from "../../../src/domain/command-syntax/registry.js";
import { displayName } from "../../../src/domain/command-syntax/spec.js";
import { inTeamsMenu, TEAMS_MENU, TEAMS_MENU_SIZE } from "../../../src/domain/command-syntax/teams-menu.js";

describe("the Teams command menu", () => {
  it.each(Object.entries(TEAMS_MENU))(
    "%s: at most ten known commands, none twice, help among them",
    (_scope, names) => {
      expect(names.length).toBeLessThanOrEqual(TEAMS_MENU_SIZE);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain("help");
      for (const name of names) expect(COMMANDS.map((spec) => spec.id)).toContain(name);
    },
  );

  it("fills each scope: ten commands, since there are more than ten", () => {
    expect(COMMANDS.length).toBeGreaterThan(TEAMS_MENU_SIZE);
    for (const names of Object.values(TEAMS_MENU)) expect(names).toHaveLength(TEAMS_MENU_SIZE);
  });

  it("offers the daily commands in the personal chat and the trial commands where the team is", () => {
    expect(TEAMS_MENU.personal).toEqual(expect.arrayContaining(["status", "checkin", "milestone.add"]));
    expect(TEAMS_MENU.team).toEqual(
      expect.arrayContaining(["try.checkin", "preview.week", "milestone.list"]),
    );
  });

  it("offers setup in a team channel, where an admin types it to make that channel the home", () => {
    expect(TEAMS_MENU.team).toContain("setup");
    expect(TEAMS_MENU.personal).not.toContain("setup");
  });
});

describe("help in Teams", () => {
  const overview = helpText(undefined, "teams");

  it("lists in full every command no menu shows, and names those the menu shows", () => {
    const rest = COMMANDS.filter((spec) => !inTeamsMenu(spec.id));
    expect(rest.length).toBeGreaterThan(0);
    for (const spec of rest) expect(overview).toContain(`  ${spec.usage} — ${spec.summary}`);
    const menuLine = overview.split("\n").find((line) => line.startsWith("In the menu: "));
    expect(menuLine).toBe(
      `In the menu: ${COMMANDS.filter((spec) => inTeamsMenu(spec.id))
        .map(displayName)
        .join(", ")}.`,
    );
    // Every command is reachable from the answer: in full, or by name in the menu line.
    for (const spec of COMMANDS) {
      expect(overview.includes(spec.usage) || menuLine!.includes(displayName(spec))).toBe(true);
    }
  });

  it("does not repeat what the menu already shows", () => {
    const menuOnly = COMMANDS.filter((spec) => inTeamsMenu(spec.id));
    for (const spec of menuOnly) expect(overview).not.toContain(`  ${spec.usage} — `);
  });

  it("says to @mention Tandem in channels; other platforms keep the whole list", () => {
    expect(overview).toContain("In a channel or group chat, @mention Tandem first.");
    expect(helpText(undefined, "slack")).toBe(helpText());
    expect(helpText("milestone move", "teams")).toBe(helpText("milestone move"));
  });
});
