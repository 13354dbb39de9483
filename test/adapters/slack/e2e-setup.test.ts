/**
 * Set-up in Slack end to end: /tandem setup opens a modal with pickers, one submission creates the
 * internship with names and time zones from users.info, and try checkin then delivers a real check-in.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkView } from "../../fakes/slack-blocks.js";
import { FAKE_BOT_USER } from "../../fakes/slack-directory.js";
import { eventually, PACED_TIMEOUT, type SlackService, startSlackService } from "./slack-harness.js";

const TOKYO = "Asia/Tokyo";
let slack: SlackService;
beforeEach(async () => {
  slack = await startSlackService();
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
});
afterEach(async () => {
  await slack.stop();
});

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
});
