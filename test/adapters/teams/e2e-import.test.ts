/**
 * A programme file sent to Tandem in a Teams personal chat, end to end: the activity with a
 * file.download.info attachment through the CloudAdapter, the file downloaded from its pre-authorised
 * link on the fake connector (without the bot's token), the import checked against the team's roster,
 * and the report answered in the chat.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { channelMessage, personalFile, personalMessage } from "../../fakes/teams-activities.js";
import { neverInstalledBy, startTeamsService, type TeamsService } from "./teams-harness.js";

const TEAM = "19:team@thread.tacv2";
const INTERNS = "19:interns@thread.tacv2";

const FILE = `
workspace: { platform: teams, id: tenant-1 }
people:
  - { key: kenji, email: kenji@acme.example, timezone: Asia/Tokyo }
  - { key: hana, email: hana@acme.example }
internships:
  - { key: kenji-2027, intern: kenji, supervisor: hana, start: 2027-01-04, end: 2027-04-30, homeChannel: "${INTERNS}" }
`;

let teams: TeamsService;
beforeEach(async () => {
  teams = await startTeamsService();
  teams.fake.roster.people.push(
    { aad: "aad-hana", name: "Hana Ruiz", email: "hana@acme.example" },
    { aad: "aad-kenji", name: "Kenji Sato", email: "kenji@acme.example" },
  );
  teams.fake.roster.teams.push({
    id: TEAM,
    members: ["aad-hana", "aad-kenji", "aad-olga"],
    channels: [{ id: INTERNS, name: "Interns" }],
  });
  teams.log.allowErrors(neverInstalledBy("ana", "bram", "ben", "chloe", "lena", "olga", "piet"));
  teams.clock.set(new Date("2026-12-01T10:00:00Z"));
  await teams.peek.programmeAdmins.add(teams.workspace.id, "aad-hana", undefined, teams.clock.now());
  // Hana speaks in the team (Tandem learns it and its roster) and in her own chat (her time zone).
  const inTeam = channelMessage({
    ...teams.as("hana"),
    channel: INTERNS,
    team: TEAM,
    text: "hi",
    atBot: true,
  });
  expect((await teams.post(inTeam)).status).toBe(200);
  const own = { ...personalMessage({ ...teams.as("hana"), text: "hello" }), localTimezone: "Europe/Madrid" };
  expect((await teams.post(own)).status).toBe(200);
});
afterEach(async () => {
  await teams.stop();
});

/** The person sends a file in their chat with Tandem; answers the activity's reply text. */
async function sends(key: string, name: string, content: string, url = teams.fake.shareFile(name, content)) {
  const activity = personalFile({ ...teams.as(key), name, downloadUrl: url });
  expect((await teams.post(activity)).status).toBe(200);
  const answer = teams.fake.activities().find((p) => p.replyToId === activity.id);
  return String(answer?.activity?.text);
}

const downloads = () => teams.fake.calls.filter((c) => c.path.startsWith("/files/"));

describe("a programme file sent to Tandem in Teams", () => {
  it("is imported for a programme admin, people found in the team's roster, and the report answered in the chat", async () => {
    const text = await sends("hana", "programme.yaml", FILE);
    expect(text).toContain("imported programme.yaml into teams:tenant-1: people 2 new");
    // Teams reads the text as markdown: the renderer escapes the brackets.
    expect(text).toContain(String.raw`people\[0\] (kenji): kenji@acme.example is Teams member aad-kenji`);
    expect(text).toContain(String.raw`people\[1\] (hana): name and time zone Europe/Madrid from Teams`);
    const kenji = await teams.peek.people.byKey(teams.workspace.id, "kenji");
    expect(kenji).toMatchObject({ name: "Kenji Sato", timezone: "Asia/Tokyo", ids: { teams: "aad-kenji" } });
    expect((await teams.peek.internships.byKey(teams.workspace.id, "kenji-2027"))?.homeChannel).toBe(INTERNS);
    // Downloaded once, from the pre-authorised link, without the bot's token.
    expect(downloads()).toHaveLength(1);
    expect(downloads()[0]!.headers.authorization).toBeUndefined();
  });

  it("is refused for someone who is not a programme admin, and nothing is imported", async () => {
    const text = await sends("olga", "programme.yaml", FILE);
    expect(text).toMatch(/^Only the workspace's admins and owners and the programme admins/);
    expect(text).toContain("Hana Ruiz");
    expect(await teams.peek.people.byKey(teams.workspace.id, "kenji")).toBeUndefined();
  });

  it("answers a file that is not a programme, and one whose link expired, with what to do", async () => {
    expect(await sends("hana", "photo.png", "not yaml")).toMatch(
      /^I read programme files only \(.yaml, .yml or .json\)/,
    );
    const url = teams.fake.shareFile("programme.yaml", FILE);
    teams.fake.expireFile(url);
    const text = await sends("hana", "programme.yaml", FILE, url);
    expect(text).toContain("I could not read programme.yaml: Teams did not hand it over (HTTP 403)");
    expect(await teams.peek.people.byKey(teams.workspace.id, "kenji")).toBeUndefined();
  });

  it("refuses a file over 512 KB without reading it into the import", async () => {
    const text = await sends("hana", "programme.yaml", `# ${"x".repeat(600 * 1024)}\n${FILE}`);
    expect(text).toBe(
      "I could not read programme.yaml: it is larger than 512 KB. Send it again, or import it with tandem import on the server.",
    );
  });
});
