import { describe, expect, it } from "vitest";
import { defaultsForZone } from "../../src/domain/person-defaults.js";
import { channelIdProblem, userIdProblem } from "../../src/domain/platform-ids.js";
import { countryOfZone } from "../../src/domain/zone-countries.js";

describe("platform id shapes", () => {
  it("accepts Slack member and channel ids, Teams object and channel ids", () => {
    expect(userIdProblem("slack", "U0ANA")).toBeUndefined();
    expect(userIdProblem("slack", "W012ABC")).toBeUndefined();
    expect(channelIdProblem("slack", "C0HOME")).toBeUndefined();
    expect(channelIdProblem("slack", "G0PRIVATE")).toBeUndefined();
    expect(userIdProblem("teams", "6f1b2c3d-0000-4a5b-8c9d-0123456789ab")).toBeUndefined();
    expect(channelIdProblem("teams", "19:abc123@thread.tacv2")).toBeUndefined();
  });

  it("refuses an e-mail, a mention and a lower-case id for Slack, saying where the member ID is", () => {
    expect(userIdProblem("slack", "ana@acme.com")).toMatch(
      /^"ana@acme.com" is an e-mail address; write it as email: ana@acme.com, or give the member ID: .*Copy member ID/,
    );
    expect(userIdProblem("slack", "@ana")).toMatch(/is a mention or a display name/);
    expect(userIdProblem("slack", "u0ana")).toMatch(/is not a Slack member ID/);
  });

  it("refuses a channel name or a Slack id for a channel, saying where the channel ID is", () => {
    expect(channelIdProblem("slack", "#intern-kenji")).toMatch(
      /^"#intern-kenji" is a channel name; .*About tab/,
    );
    expect(channelIdProblem("slack", "U0ANA")).toMatch(/is not a Slack channel ID/);
    expect(channelIdProblem("teams", "General")).toMatch(/Get link to channel/);
  });

  it("refuses a Teams chat id or an e-mail where the Entra object id belongs", () => {
    expect(userIdProblem("teams", "29:1abc")).toMatch(/is a Teams chat id/);
    expect(userIdProblem("teams", "ana@acme.com")).toMatch(/Object ID/);
  });
});

describe("defaults from a time zone", () => {
  it("proposes the zone's country and weekday office hours", () => {
    expect(defaultsForZone("America/Sao_Paulo")).toEqual({
      country: "BR",
      contactHours: "Mon-Fri 09:00-17:00",
    });
    expect(countryOfZone("Asia/Calcutta")).toBe("IN");
    expect(countryOfZone("Europe/Brussels")).toBe("BE");
  });

  it("proposes no country for zones of no country", () => {
    expect(defaultsForZone("UTC")).toEqual({ contactHours: "Mon-Fri 09:00-17:00" });
    expect(countryOfZone("Etc/GMT+3")).toBeUndefined();
  });
});
