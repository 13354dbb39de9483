/**
 * A programme file sent to Tandem in a Slack DM, end to end: the signed file_share event through Bolt,
 * the file downloaded with the bot token from the fake, the import checked against users.info and
 * users.lookupByEmail, and the report posted back in the DM.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackTs } from "../../fakes/slack-requests.js";
import { eventually, PACED_TIMEOUT, type SlackService, startSlackService } from "./slack-harness.js";

const FILE = `
workspace: { platform: slack, id: T1 }
people:
  - { key: kenji, email: kenji@acme.example }
  - { key: maya, ids: { slack: U0MAYA } }
internships:
  - { key: kenji-2027, intern: kenji, supervisor: maya, start: 2027-01-04, end: 2027-04-30, homeChannel: C0KENJI }
`;

let slack: SlackService;
beforeEach(async () => {
  slack = await startSlackService();
  slack.fake.directory.users.push(
    {
      id: "U0MAYA",
      name: "maya",
      real_name: "Maya Berg",
      tz: "Europe/Oslo",
      email: "maya@acme.example",
      is_admin: true,
    },
    { id: "U0KENJI", name: "kenji", real_name: "Kenji Sato", tz: "Asia/Tokyo", email: "kenji@acme.example" },
    { id: "U0BEN", name: "ben", real_name: "Ben Okafor", tz: "Europe/Brussels" },
  );
  slack.fake.directory.channels.push({ id: "C0KENJI", name: "intern-kenji", members: ["U0KENJI", "UBOT"] });
});
afterEach(async () => {
  await slack.stop();
});

/** A file_share message in the sender's DM with Tandem, as Slack's Events API delivers it. */
function shareInDm(user: string, name: string, content: string) {
  const ts = slackTs(slack.clock.now());
  return slack.event({
    type: "message",
    subtype: "file_share",
    channel: slack.fake.dmChannel(user),
    channel_type: "im",
    user,
    text: "",
    ts,
    event_ts: ts,
    team: "T1",
    files: [
      {
        id: "F1",
        name,
        mimetype: "text/yaml",
        size: content.length,
        url_private_download: slack.fake.shareFile(name, content),
      },
    ],
  });
}

const replyTo = (user: string) =>
  slack.fake.okCalls("chat.postMessage").filter((c) => c.params.channel === slack.fake.dmChannel(user));

describe("a programme file sent to Tandem in Slack", { timeout: PACED_TIMEOUT }, () => {
  it("is imported for a workspace admin, with names and time zones from Slack, and the report answered in the DM", async () => {
    expect((await shareInDm("U0MAYA", "programme.yaml", FILE)).status).toBe(200);
    await eventually(() => replyTo("U0MAYA").length === 1, 10_000);
    const text = String(replyTo("U0MAYA")[0]!.params.text);
    expect(text).toContain("imported programme.yaml into slack:T1: people 2 new");
    expect(text).toContain("people[0] (kenji): kenji@acme.example is Slack member U0KENJI");
    expect(text).toContain("people[0] (kenji): name and time zone Asia/Tokyo from Slack");
    const kenji = await slack.peek.people.byKey(slack.workspace.id, "kenji");
    expect(kenji).toMatchObject({
      name: "Kenji Sato",
      timezone: "Asia/Tokyo",
      country: "JP",
      ids: { slack: "U0KENJI" },
    });
    // The file was fetched with the bot token.
    expect(slack.fake.calls().some((c) => c.method.startsWith("/files/") && c.token === "xoxb-test")).toBe(
      true,
    );
  });

  it("is refused for someone who is neither a workspace admin nor a programme admin, and nothing is imported", async () => {
    await shareInDm("U0BEN", "programme.yaml", FILE);
    await eventually(() => replyTo("U0BEN").length === 1, 10_000);
    expect(String(replyTo("U0BEN")[0]!.params.text)).toMatch(
      /^Only the workspace's admins and owners and the programme admins/,
    );
    expect(await slack.peek.people.byKey(slack.workspace.id, "kenji")).toBeUndefined();
  });

  it("answers a file that is not a programme, and one Slack would not hand over, with what to do", async () => {
    await shareInDm("U0MAYA", "photo.png", "not yaml");
    await eventually(() => replyTo("U0MAYA").length === 1, 10_000);
    expect(String(replyTo("U0MAYA")[0]!.params.text)).toMatch(
      /^I read programme files only \(.yaml, .yml or .json\)/,
    );
    slack.fake.directory.scopes.delete("files:read");
    await shareInDm("U0MAYA", "programme.yaml", FILE);
    await eventually(() => replyTo("U0MAYA").length === 2, 10_000);
    expect(String(replyTo("U0MAYA")[1]!.params.text)).toContain("needs the files:read scope");
  });
});
