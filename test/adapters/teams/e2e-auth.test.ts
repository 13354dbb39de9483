import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { channelMessage, personalInstall, personalMessage } from "../../fakes/teams-activities.js";
import { HOME, startTeamsService, type TeamsService } from "./teams-harness.js";

let teams: TeamsService;
/** botbuilder prints each refused request with console.error: Tandem routes it to its own log instead. */
let sdkConsole: MockInstance;
beforeEach(async () => {
  teams = await startTeamsService({ authenticated: true });
  sdkConsole = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  sdkConsole.mockRestore();
  await teams.stop();
});

const count = (table: string) =>
  (teams.peek.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe("Teams with authentication on", () => {
  it.each([
    ["no Authorization header", {}],
    ["a bearer token that is not a JWT", { authorization: "Bearer not-a-jwt" }],
    ["another scheme", { authorization: "Basic YW5hOnNlY3JldA==" }],
  ])("refuses a request with %s with 401, and nothing changes", async (_, headers) => {
    const before = { refs: count("platform_references"), inbound: count("inbound_events") };
    for (const activity of [
      personalInstall(teams.as("ana")),
      personalMessage({ ...teams.as("ana"), text: 'milestone add "Survey" due 15 Dec' }),
      channelMessage({ ...teams.as("ana"), channel: HOME, text: "Anyone?" }),
    ]) {
      const response = await teams.post(activity, headers);
      expect(response.status).toBe(401);
    }
    expect({ refs: count("platform_references"), inbound: count("inbound_events") }).toEqual(before);
    expect(count("milestones")).toBe(0);
    expect(count("tracked_messages")).toBe(0);
    expect(await teams.peek.platformRefs.get("teams", "tenant-1", "user", "aad-ana")).toBeUndefined();
    expect(teams.fake.calls).toEqual([]);
    expect(sdkConsole).not.toHaveBeenCalled();
    expect(
      teams.log.lines.filter((l) => l.msg === "Teams activity refused" && l.status === 401),
    ).toHaveLength(3);
  });

  it("does not warn that authentication is off", () => {
    expect(teams.log.lines.some((l) => String(l.msg).includes("authentication is OFF"))).toBe(false);
  });
});
