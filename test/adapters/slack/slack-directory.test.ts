import { afterEach, describe, expect, it } from "vitest";
import { createSlackPlatform } from "../../../adapters/slack/slack-platform.js";
import { AppError } from "../../../src/domain/errors.js";
import { systemClock } from "../../../src/ports/clock.js";
import type { PlatformDirectory } from "../../../src/ports/platform-directory.js";
import { type FakeSlackApi, type FakeSlackOptions, startFakeSlackApi } from "../../fakes/slack-api.js";
import type { FakeSlackUser } from "../../fakes/slack-directory.js";
import { captureLog } from "../../helpers/log-capture.js";

let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const USERS: FakeSlackUser[] = [
  { id: "U0KENJI", name: "kenji", real_name: "Kenji Sato", tz: "Asia/Tokyo", email: "kenji@acme.example" },
  {
    id: "U0HR",
    name: "maya",
    real_name: "Maya Berg",
    tz: "Europe/Oslo",
    email: "maya@acme.example",
    is_admin: true,
  },
  {
    id: "U0BOSS",
    name: "ceo",
    real_name: "Jo Owner",
    tz: "Europe/Brussels",
    is_primary_owner: true,
    is_owner: true,
  },
  { id: "U0GONE", name: "gone", real_name: "Gone Person", deleted: true, email: "gone@acme.example" },
  { id: "B0HELPER", name: "helper", real_name: "Helper", is_bot: true },
  { id: "U0OTHER", team: "T2", name: "other", real_name: "Other Workspace" },
];

const CHANNELS = [
  { id: "C0HOME", name: "intern-kenji", members: ["U0KENJI", "UBOT"] },
  { id: "C0NOBOT", name: "general", members: ["U0KENJI"] },
  { id: "C0OLD", name: "old-interns", members: ["UBOT"], is_archived: true },
  { id: "G0SECRET", name: "secret", members: ["U0HR"], is_private: true },
  { id: "G0PRIVATE", name: "private-home", members: ["U0HR", "UBOT"], is_private: true },
];

async function directoryOf(options: FakeSlackOptions = {}): Promise<PlatformDirectory> {
  fake = await startFakeSlackApi({ users: USERS, channels: CHANNELS, ...options });
  const slack = createSlackPlatform(
    {
      auth: { kind: "token", botToken: "xoxb-test" },
      connection: { mode: "http", signingSecret: "secret" },
      apiUrl: fake.url,
      timeoutMs: 2_000,
    },
    { clock: systemClock, log: captureLog().log },
  );
  if (!slack.directory) throw new Error("the Slack platform has no directory");
  return slack.directory;
}

describe("Slack directory", () => {
  it("describes a member from users.info: real name, time zone, e-mail and flags", async () => {
    const directory = await directoryOf();
    expect(await directory.person("T1", "U0KENJI")).toEqual({
      userId: "U0KENJI",
      name: "Kenji Sato",
      timezone: "Asia/Tokyo",
      email: "kenji@acme.example",
      isAdmin: false,
      isOwner: false,
      isBot: false,
      deleted: false,
    });
    expect(fake?.okCalls("users.info").map((c) => c.params.user)).toEqual(["U0KENJI"]);
  });

  it("counts workspace admins and owners as admins, and only owners as owners", async () => {
    const directory = await directoryOf();
    expect(await directory.person("T1", "U0HR")).toMatchObject({ isAdmin: true, isOwner: false });
    expect(await directory.person("T1", "U0BOSS")).toMatchObject({ isAdmin: true, isOwner: true });
  });

  it("answers undefined for a user id the workspace does not have", async () => {
    const directory = await directoryOf();
    expect(await directory.person("T1", "U0NOBODY")).toBeUndefined();
  });

  it("leaves the e-mail out when the app may not read addresses", async () => {
    const directory = await directoryOf({ scopes: ["users:read", "channels:read", "im:write"] });
    const kenji = await directory.person("T1", "U0KENJI");
    expect(kenji?.timezone).toBe("Asia/Tokyo");
    expect(kenji).not.toHaveProperty("email");
  });

  it("finds a member by e-mail through users.lookupByEmail, and nobody for an unknown address", async () => {
    const directory = await directoryOf();
    expect((await directory.byEmail("T1", "Kenji@Acme.example"))?.userId).toBe("U0KENJI");
    expect(await directory.byEmail("T1", "new.intern@acme.example")).toBeUndefined();
    expect(fake?.calls("users.lookupByEmail")).toHaveLength(2);
  });

  it("says which scope to add when Slack refuses the lookup for a missing scope", async () => {
    const directory = await directoryOf({ scopes: ["users:read"] });
    const failure = await directory.byEmail("T1", "kenji@acme.example").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe("CONFIG");
    expect((failure as AppError).message).toContain("users:read.email");
    expect((failure as AppError).message).toContain("reinstall");
  });

  it("reports a rate limit as retryable with Slack's Retry-After", async () => {
    const directory = await directoryOf();
    fake?.failNext("users.info", { status: 429, retryAfter: 7 });
    const failure = (await directory.person("T1", "U0KENJI").catch((e: unknown) => e)) as AppError;
    expect(failure.retryable).toBe(true);
    expect(failure.retryAfterMs).toBe(7_000);
  });

  it("can DM an active member and says why it cannot DM the others", async () => {
    const directory = await directoryOf();
    expect(await directory.canMessage("T1", "U0KENJI")).toEqual({ reachable: true });
    expect(await directory.canMessage("T1", "U0NOBODY")).toEqual({
      reachable: false,
      reason: "unknown-user",
    });
    expect(await directory.canMessage("T1", "U0GONE")).toEqual({ reachable: false, reason: "deleted" });
    expect(await directory.canMessage("T1", "B0HELPER")).toEqual({ reachable: false, reason: "bot" });
    expect(fake?.okCalls("conversations.open").map((c) => c.params.users)).toEqual(["U0KENJI"]);
  });

  it("reports a DM that Slack refuses to open", async () => {
    const directory = await directoryOf();
    fake?.failNext("conversations.open", { error: "user_disabled" });
    expect(await directory.canMessage("T1", "U0KENJI")).toEqual({ reachable: false, reason: "deleted" });
  });

  it("tells whether the bot is in a channel, the channel is archived, or it cannot see it", async () => {
    const directory = await directoryOf();
    expect(await directory.botInChannel("T1", "C0HOME")).toEqual({ state: "member", name: "intern-kenji" });
    expect(await directory.botInChannel("T1", "C0NOBOT")).toEqual({ state: "not-member", name: "general" });
    expect(await directory.botInChannel("T1", "C0OLD")).toEqual({ state: "archived", name: "old-interns" });
    expect(await directory.botInChannel("T1", "G0PRIVATE")).toEqual({
      state: "member",
      name: "private-home",
    });
    // A private channel the bot was not invited to is invisible to it, as is a channel that does not exist.
    expect(await directory.botInChannel("T1", "G0SECRET")).toEqual({ state: "not-found" });
    expect(await directory.botInChannel("T1", "C0MISSING")).toEqual({ state: "not-found" });
  });

  it("says which scope to add when channels cannot be read", async () => {
    const directory = await directoryOf({ scopes: ["users:read"] });
    const failure = (await directory.botInChannel("T1", "C0HOME").catch((e: unknown) => e)) as AppError;
    expect(failure.code).toBe("CONFIG");
    expect(failure.message).toContain("channels:read");
  });
});
