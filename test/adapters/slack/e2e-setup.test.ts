/**
 * Set-up in Slack end to end: /tandem setup opens a modal with pickers, one submission creates the
 * internship with names and time zones from users.info, and try checkin then delivers a real check-in.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkView } from "../../fakes/slack-blocks.js";
import { FAKE_BOT_USER } from "../../fakes/slack-directory.js";
import { messageEvent, slackTs } from "../../fakes/slack-requests.js";
import { personInput } from "../../helpers/person-input.js";
import {
  buttonsOf,
  eventually,
  PACED_TIMEOUT,
  type SlackService,
  startSlackService,
} from "./slack-harness.js";

const TOKYO = "Asia/Tokyo";
let slack: SlackService;
beforeEach(async () => {
  slack = await startSlackService();
  addPeople(slack);
});
afterEach(async () => {
  await slack.stop();
});

function addPeople(slack: SlackService) {
  const { users, channels } = slack.fake.directory;
  users.push(
    { id: "U0HR", name: "hana", real_name: "Hana Ruiz", tz: "Europe/Madrid", is_admin: true },
    { id: "U0KENJI", name: "kenji", real_name: "Kenji Sato", tz: TOKYO, email: "kenji@example.com" },
    { id: "U0OLGA", name: "olga", real_name: "Olga Nowak", tz: "Europe/Warsaw" },
    { id: "U0BRAM", name: "bram", real_name: "Bram Peeters", tz: "Europe/Brussels" },
  );
  channels.push(
    { id: "C0KENJI", name: "intern-kenji", members: ["U0KENJI", "U0OLGA", FAKE_BOT_USER] },
    { id: "C0NOBOT", name: "general", members: ["U0KENJI"] },
  );
}

type View = {
  callback_id: string;
  private_metadata: string;
  blocks: { block_id?: string; element?: { type: string } }[];
};

async function openSetup(user: string, trigger: string): Promise<View> {
  const response = await slack.command({
    text: "setup",
    user_id: user,
    channel_id: "C0KENJI",
    trigger_id: trigger,
  });
  expect(response.status).toBe(200);
  const opened = (await slack.fake.waitFor("views.open")).find((c) => c.params.trigger_id === trigger);
  expect(opened?.response?.ok).toBe(true);
  return opened!.params.view as View;
}

const ANSWERS = {
  intern: { user: "U0KENJI" },
  supervisor: { user: "U0OLGA" },
  backup: { user: null },
  coordinator: { user: null },
  home: { conversation: "C0KENJI" },
  start: { date: "2026-11-30" },
  end: { date: "2027-02-26" },
  checkinAt: "09:30",
  checkinDays: "Mon-Fri",
  replySupervisor: "8h",
  replyIntern: "4h",
  sync: { selected: "weekly" },
};

describe("setting up an internship in Slack", { timeout: PACED_TIMEOUT }, () => {
  it("an admin sets up in one modal submission; time zones come from users.info; try checkin delivers a check-in", async () => {
    slack.clock.set(slack.local("2026-12-01T10:00", TOKYO));
    const view = await openSetup("U0HR", "setup.trigger");
    expect(checkView(view, "modal")).toBeUndefined();
    expect(view.callback_id).toBe("setup.submit");
    const kinds = Object.fromEntries(
      view.blocks.filter((b) => b.block_id).map((b) => [b.block_id, b.element?.type]),
    );
    expect(kinds).toMatchObject({
      intern: "users_select",
      supervisor: "users_select",
      home: "conversations_select",
      start: "datepicker",
      sync: "static_select",
    });

    const submitted = await slack.submit({
      user: "U0HR",
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      values: ANSWERS,
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe("");
    const summary = await eventually(() => slack.dmWith("U0HR", "Set up Kenji Sato's internship")[0]);
    expect(String(summary?.params.text)).toContain("home channel #intern-kenji");
    expect(String(summary?.params.text)).toContain("time zone Asia/Tokyo from Slack");
    const kenji = (await slack.peek.people.byPlatformId(slack.workspace.id, "slack", "U0KENJI"))!;
    expect(kenji).toMatchObject({ name: "Kenji Sato", timezone: TOKYO, country: "JP" });
    const internship = (await slack.peek.internships.byKey(slack.workspace.id, "kenji-2026"))!;
    expect(internship).toMatchObject({ homeChannel: "C0KENJI", start: "2026-11-30" });

    const tried = await slack.command({ text: "try checkin for <@U0KENJI|kenji>", user_id: "U0HR" });
    expect(((await tried.json()) as { text: string }).text).toContain("Kenji Sato gets a trial check-in now");
    await slack.tickAt(slack.clock.now());
    await eventually(() => slack.dmWith("U0KENJI", "this is a trial check-in")[0]);
  });

  it("refuses someone who is not an admin, saying who can", async () => {
    const response = await slack.command({ text: "setup", user_id: "U0BRAM", trigger_id: "bram.trigger" });
    const body = (await response.json()) as { text: string };
    expect(body.text).toMatch(
      /^Only the Slack workspace's admins and owners and Tandem's programme admins can set up/,
    );
    expect(slack.fake.calls("views.open")).toHaveLength(0);
  });

  it("reports a channel without Tandem and an unknown user beside their fields, keeping the modal open", async () => {
    const view = await openSetup("U0HR", "setup.bad");
    const submitted = await slack.submit({
      user: "U0HR",
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      values: { ...ANSWERS, supervisor: { user: "U0GHOST" }, home: { conversation: "C0NOBOT" } },
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.json()).toEqual({
      response_action: "errors",
      errors: {
        supervisor: "Slack does not know this person in this workspace; pick them again.",
        home: "Tandem is not a member of #general: type /invite @Tandem in #general, then Save again.",
      },
    });
    expect(await slack.peek.people.byPlatformId(slack.workspace.id, "slack", "U0KENJI")).toBeUndefined();
  });

  it("setup typed in the DM answers with a button holding the command, which opens the set-up modal when pressed", async () => {
    slack.clock.set(slack.local("2026-12-01T10:00", TOKYO));
    const dm = slack.fake.dmChannel("U0HR");
    const typed = messageEvent({
      user: "U0HR",
      channel: dm,
      text: "setup",
      ts: slackTs(slack.clock.now()),
      channel_type: "im",
    });
    expect((await slack.event(typed)).status).toBe(200);
    const answer = await eventually(() =>
      slack.fake.okCalls("chat.postMessage").find((c) => c.params.channel === dm),
    );
    const button = buttonsOf(answer.params.blocks).find((b) => b.action_id === "tandem.form");
    // The button holds the command, not the form: the press runs it again and opens the fresh form.
    expect(button?.value).toBe("command:setup");
    await slack.press({
      user: "U0HR",
      action_id: "tandem.form",
      value: button!.value,
      channel: dm,
      trigger_id: "dm.trigger",
    });
    const [opened] = await slack.fake.waitFor("views.open");
    expect(opened?.params.trigger_id).toBe("dm.trigger");
    expect(opened?.response?.ok).toBe(true);
    expect((opened!.params.view as View).callback_id).toBe("setup.submit");
  });

  it("colleagues typed in the DM opens its picker from the button even when the form is far over 2,000 characters", async () => {
    for (let n = 10; n < 70; n++) {
      await slack.peek.people.upsert(
        slack.workspace.id,
        personInput(`colleague${n}`, {
          name: `Colleague Number ${n}`,
          ids: { slack: `U0COL${n}` },
          isColleague: true,
        }),
        slack.clock.now(),
      );
    }
    const dm = slack.fake.dmChannel("U0HR");
    const typed = messageEvent({
      user: "U0HR",
      channel: dm,
      text: "colleagues",
      ts: slackTs(slack.clock.now()),
      channel_type: "im",
    });
    expect((await slack.event(typed)).status).toBe(200);
    const answer = await eventually(() =>
      slack.fake.okCalls("chat.postMessage").find((c) => c.params.channel === dm),
    );
    const button = buttonsOf(answer.params.blocks).find((b) => b.action_id === "tandem.form");
    expect(button?.value).toBe("command:colleagues");
    await slack.press({
      user: "U0HR",
      action_id: "tandem.form",
      value: button!.value,
      channel: dm,
      trigger_id: "col.trigger",
    });
    const [opened] = await slack.fake.waitFor("views.open");
    expect(opened?.response?.ok).toBe(true);
    const view = opened!.params.view as View;
    expect(view.callback_id).toBe("colleagues.submit");
    // The form (60 people's ids and names, about 3,500 characters as JSON) no longer rides in the button.
    const picker = view.blocks.find((b) => b.element?.type === "multi_users_select")?.element as {
      initial_users?: string[];
    };
    // Olga, a colleague of the sample programme, and the 60.
    expect(picker.initial_users).toHaveLength(61);
    expect(picker.initial_users).toContain("U0COL69");
  });

  it("a form button pressed by someone who may not set up answers in the DM instead of doing nothing", async () => {
    const dm = slack.fake.dmChannel("U0BRAM");
    await slack.press({
      user: "U0BRAM",
      action_id: "tandem.form",
      value: "command:setup",
      channel: dm,
      trigger_id: "bram.press",
    });
    const answer = await eventually(() =>
      slack.fake.okCalls("chat.postMessage").find((c) => c.params.channel === dm),
    );
    expect(String(answer.params.text)).toMatch(/^Only the Slack workspace's admins and owners/);
    await slack.press({
      user: "U0BRAM",
      action_id: "tandem.form",
      value: "{not a form",
      channel: dm,
      trigger_id: "bram.bad",
    });
    await eventually(
      () => slack.fake.okCalls("chat.postMessage").filter((c) => c.params.channel === dm).length === 2,
    );
    expect(String(slack.fake.okCalls("chat.postMessage").at(-1)?.params.text)).toBe(
      "This button no longer works: type the command again to get the form.",
    );
    expect(slack.fake.calls("views.open")).toHaveLength(0);
  });

  it("acknowledges a slow command at once and answers it through response_url", async () => {
    // The service's own 1.5 s (the harness gives commands 30 s).
    await slack.stop();
    slack = await startSlackService({ commandAckMs: 1_500 });
    addPeople(slack);
    // Slack takes its time answering users.info: the refusal needs it, and comes after Slack's 3 seconds.
    slack.fake.hangNext("users.info");
    const response = await slack.command({
      text: "setup",
      user_id: "U0BRAM",
      trigger_id: "slow.trigger",
      response_url: slack.fake.responseUrl("slow"),
    });
    // Answered while users.info still hangs: the acknowledgement did not wait for the work.
    expect(await response.json()).toEqual({
      response_type: "ephemeral",
      text: "Working on it: the answer follows in a moment.",
    });
    expect(slack.fake.calls("response_url")).toHaveLength(0);
    slack.fake.release();
    const [answer] = await slack.fake.waitFor("response_url");
    expect(answer?.params).toMatchObject({ response_type: "ephemeral" });
    expect(String(answer?.params.text)).toMatch(/^Only the Slack workspace's admins and owners/);
  });
});
