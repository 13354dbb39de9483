/**
 * Set-up in Teams end to end: "@Tandem setup" in a channel answers with an Adaptive Card (people
 * pickers, the channel as home), one submission creates the internship with time zones from people's
 * activities, and try checkin then delivers a real check-in card.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { channelMessage, personalMessage, submitMessage } from "../../fakes/teams-activities.js";
import {
  cardOf,
  neverInstalledBy,
  startTeamsService,
  submitData,
  type TeamsService,
} from "./teams-harness.js";

const TEAM = "19:team@thread.tacv2";
const INTERNS = "19:interns@thread.tacv2";
const TOKYO = "Asia/Tokyo";
let teams: TeamsService;

beforeEach(async () => {
  teams = await startTeamsService();
  teams.fake.roster.people.push(
    { aad: "aad-hana", name: "Hana Ruiz", email: "hana@acme.example" },
    { aad: "aad-kenji", name: "Kenji Sato", email: "kenji@acme.example" },
    { aad: "aad-maya", name: "Maya Berg", email: "maya@acme.example" },
  );
  teams.fake.roster.teams.push({
    id: TEAM,
    members: ["aad-hana", "aad-kenji", "aad-maya"],
    channels: [{ id: INTERNS, name: "Interns" }],
  });
  teams.log.allowErrors(neverInstalledBy("ana", "bram", "ben", "chloe", "lena", "olga", "piet"));
  teams.clock.set(teams.local("2026-12-01T10:00", TOKYO));
});
afterEach(async () => {
  await teams.stop();
});

/** Someone writes to Tandem in their own chat; Teams sends their time zone with every activity. */
async function writes(key: string, timezone: string) {
  const activity = { ...personalMessage({ ...teams.as(key), text: "hello" }), localTimezone: timezone };
  expect((await teams.post(activity)).status).toBe(200);
}

const inputs = {
  intern: "aad-kenji",
  supervisor: "aad-maya",
  backup: "",
  coordinator: "",
  start: "2026-11-30",
  end: "2027-02-26",
  checkinAt: "09:30",
  checkinDays: "Mon-Fri",
  replySupervisor: "8h",
  replyIntern: "4h",
  sync: "weekly",
};

describe("setting up an internship in Teams", () => {
  it("a programme admin sets up in one card submission; the home is the channel; try checkin delivers a check-in", async () => {
    await teams.peek.programmeAdmins.add(teams.workspace.id, "aad-hana", undefined, teams.clock.now());
    await writes("hana", "Europe/Madrid");
    await writes("kenji", TOKYO);

    const typed = channelMessage({
      ...teams.as("hana"),
      channel: INTERNS,
      team: TEAM,
      text: "setup",
      atBot: true,
    });
    expect((await teams.post(typed)).status).toBe(200);
    const answer = teams.fake.activities().find((p) => p.replyToId === typed.id);
    const card = cardOf(answer?.activity) as { body: { id?: string; type: string }[] };
    const picker = card.body.find((b) => b.id === "intern") as Record<string, unknown>;
    expect(picker).toMatchObject({
      type: "Input.ChoiceSet",
      "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/users" },
    });
    expect(card.body.some((b) => b.id === "home")).toBe(false);
    expect(JSON.stringify(card)).toContain("The home channel is this channel.");
    const [data] = submitData(card);
    expect(data).toMatchObject({ tandemAction: "setup.submit" });

    const submitted = submitMessage({
      ...teams.as("hana"),
      action: "setup.submit",
      value: String(data!.tandemValue),
      inputs,
    });
    expect((await teams.post(submitted)).status).toBe(200);
    const saved = await teams.replyTo(submitted);
    const text = String(saved.activity.text);
    expect(text).toContain("Set up Kenji Sato's internship");
    expect(text).toContain("time zone Asia/Tokyo from Teams");
    expect(text).toContain(
      "Supervisor: Maya Berg (@maya), time zone Europe/Madrid assumed (Teams does not say theirs yet)",
    );
    const internship = (await teams.peek.internships.byKey(teams.workspace.id, "kenji-2026"))!;
    expect(internship.homeChannel).toBe(INTERNS);
    expect(await teams.peek.people.byPlatformId(teams.workspace.id, "teams", "aad-kenji")).toMatchObject({
      timezone: TOKYO,
      country: "JP",
    });

    const tried = personalMessage({ ...teams.as("hana"), text: "try checkin for @kenji" });
    expect((await teams.post(tried)).status).toBe(200);
    await teams.tickAt(teams.clock.now());
    const trial = teams.chat("kenji").find((a) => String(a.text).includes("this is a trial check-in"));
    expect(trial).toBeDefined();
  });

  it("replaces a supervisor's assumed time zone with the one their first message carries, and tells them once", async () => {
    await teams.peek.programmeAdmins.add(teams.workspace.id, "aad-hana", undefined, teams.clock.now());
    await writes("hana", "Europe/Madrid");
    await writes("kenji", TOKYO);
    // Typed in the team's channel: Tandem then knows the team whose roster names Maya.
    const typed = channelMessage({
      ...teams.as("hana"),
      channel: INTERNS,
      team: TEAM,
      text: "setup",
      atBot: true,
    });
    expect((await teams.post(typed)).status).toBe(200);
    const card = cardOf(teams.fake.activities().find((p) => p.replyToId === typed.id)?.activity);
    const [data] = submitData(card as { body: unknown[] });
    const submitted = submitMessage({
      ...teams.as("hana"),
      action: "setup.submit",
      value: String(data!.tandemValue),
      inputs,
    });
    expect((await teams.post(submitted)).status).toBe(200);
    const maya = () => teams.peek.people.byPlatformId(teams.workspace.id, "teams", "aad-maya");
    const assumed = (await maya())!;
    expect(assumed).toMatchObject({ timezone: "Europe/Madrid", country: "ES" });

    await writes("maya", "America/Sao_Paulo");
    await writes("maya", "America/Sao_Paulo");
    await teams.tickAt(teams.clock.now());
    expect(await maya()).toMatchObject({
      timezone: "America/Sao_Paulo",
      country: "ES",
      contactHours: assumed.contactHours,
    });
    // Sent to Maya's chat (the one set-up opened for her: the fake connector gives it its own id).
    expect(teams.outbox("zone-learnt:")).toMatchObject([{ status: "sent" }]);
    const told = teams.fake
      .activities()
      .filter((p) => String(p.activity?.text).includes("Tandem now uses your time zone"));
    expect(told).toHaveLength(1);
    expect(String(told[0]!.activity?.text)).toContain(
      "from Teams, America/Sao\\_Paulo: when you were set up it could only assume Europe/Madrid",
    );
  });

  it("refuses someone who is not an admin, naming the programme admins", async () => {
    await teams.peek.programmeAdmins.add(teams.workspace.id, "aad-hana", undefined, teams.clock.now());
    await writes("hana", "Europe/Madrid");
    const typed = personalMessage({ ...teams.as("olga"), text: "setup" });
    expect((await teams.post(typed)).status).toBe(200);
    const answer = await teams.replyTo(typed);
    expect(String(answer.activity.text)).toMatch(
      /^Only Tandem's programme admins can set up internships and choose colleagues\. Tandem's programme admins are Hana Ruiz\./,
    );
  });
});
