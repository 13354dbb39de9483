/**
 * The programme file's `admins:`, against the fake Slack Web API through the real Slack directory:
 * a key in people, someone by e-mail or by id become the workspace's programme admins (and may then set
 * up in chat), checked like the rest of the file, written back by export.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackPlatform } from "../../adapters/slack/slack-platform.js";
import { AppError } from "../../src/domain/errors.js";
import { createSettableClock } from "../../src/ports/clock.js";
import type { PlatformDirectory } from "../../src/ports/platform-directory.js";
import { exportProgramme } from "../../src/services/programme/export-programme.js";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import { importedLine } from "../../src/services/programme/import-report.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { setupAccess } from "../../src/services/setup/setup-access.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import type { FakeSlackUser } from "../fakes/slack-directory.js";
import { captureLog } from "../helpers/log-capture.js";
import { openTestStore, type TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const MEMBERS: FakeSlackUser[] = [
  { id: "U0ANA", name: "ana", real_name: "Ana Souza", tz: "America/Sao_Paulo" },
  { id: "U0BRAM", name: "bram", real_name: "Bram Peeters", tz: "Europe/Brussels" },
  { id: "U0HR", name: "hana", real_name: "Hana Ruiz", tz: "Europe/Madrid", email: "hr@acme.example" },
  { id: "U0LENA", name: "lena", real_name: "Lena Vogel", tz: "Europe/Berlin" },
  { id: "U0GONE", name: "gone", real_name: "Gone Away", tz: "Europe/Brussels", deleted: true },
];

let fake: FakeSlackApi;
let store: TestStore;
let directory: PlatformDirectory;

beforeEach(async () => {
  fake = await startFakeSlackApi({ users: [...MEMBERS], channels: [] });
  store = await openTestStore(undefined, { now: T0 });
  const slack = createSlackPlatform(
    {
      auth: { kind: "token", botToken: "xoxb-test" },
      connection: { mode: "http", signingSecret: "secret" },
      apiUrl: fake.url,
      timeoutMs: 2_000,
    },
    { clock: createSettableClock(T0), log: captureLog().log },
  );
  directory = slack.directory!;
});
afterEach(async () => {
  await store.close();
  await fake.close();
});

/** Ana and Bram in an internship; Kenji not on Slack yet. */
function programme(admins: unknown[]): ProgrammeInput {
  return {
    workspace: { platform: "slack", id: "T1" },
    people: [
      { key: "ana", ids: { slack: "U0ANA" } },
      { key: "bram", ids: { slack: "U0BRAM" } },
      { key: "kenji", email: "kenji@acme.example", name: "Kenji Sato", timezone: "Asia/Tokyo" },
    ],
    admins,
    internships: [
      { key: "ana-2026", intern: "ana", supervisor: "bram", start: "2026-12-01", end: "2027-03-31" },
    ],
  };
}

async function adminsOf(): Promise<string[]> {
  const workspace = (await store.workspaces.find("slack", "T1"))!;
  return await store.programmeAdmins.list(workspace.id);
}

async function refusal(raw: unknown): Promise<string> {
  const error = await importProgramme(store, raw, T0, "test", { directory }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(await store.workspaces.isEmpty()).toBe(true);
  return (error as AppError).message;
}

describe("programme admins in the programme file", () => {
  it("makes a key in people, someone by e-mail and someone by id programme admins, who may then set up", async () => {
    const file = programme([
      "bram",
      { name: "HR lead", email: "HR@acme.example" },
      { ids: { slack: "U0LENA" } },
    ]);
    expect(await setupAccess(store, directory, "slack", "T1", "U0HR")).toMatchObject({ allowed: false });

    const summary = await importProgramme(store, file, T0, "test", { directory });
    expect(await adminsOf()).toEqual(["U0BRAM", "U0HR", "U0LENA"]);
    expect(summary.admins).toEqual({ listed: 3, added: 3 });
    expect(summary.report.notes).toContain("admins[1] (HR lead): hr@acme.example is Slack member U0HR");
    expect(importedLine(summary, "programme.yaml")).toContain("; programme admins 3 new, 0 unchanged");
    // The HR lead is in no internship and not in people: an admin all the same.
    const workspace = (await store.workspaces.find("slack", "T1"))!;
    expect(await store.people.byPlatformId(workspace.id, "slack", "U0HR")).toBeUndefined();
    expect(await setupAccess(store, directory, "slack", "T1", "U0HR")).toMatchObject({
      allowed: true,
      via: "programme-admin",
    });
    const audit = await store.audit.list(workspace.id);
    expect(audit.filter((a) => a.action === "programme-admin.add")).toHaveLength(3);

    const again = await importProgramme(store, file, T0, "test", { directory });
    expect(again.admins).toEqual({ listed: 3, added: 0 });
  });

  it("refuses ids of the wrong shape, an entry with no one in it, and a key with an address too", async () => {
    const message = await refusal(
      programme([
        { ids: { slack: "hr@acme.example" } },
        { name: "Nobody" },
        { key: "bram", email: "bram@acme.example" },
      ]),
    );
    expect(message).toContain(
      'admins[0] (hr@acme.example).ids.slack: "hr@acme.example" is an e-mail address; write it as email: hr@acme.example',
    );
    expect(message).toContain("admins[1] (Nobody).ids.slack: is required for a slack workspace");
    expect(message).toContain("admins[2] (bram): a key names someone in people");
    expect(fake.calls("users.info")).toHaveLength(0);
  });

  it("refuses a key that is not in people, someone listed twice, and an id Slack does not know", async () => {
    const references = await refusal(programme(["nobody", "bram", "bram"]));
    expect(references).toContain('admins[0] (nobody).key: "nobody" is not a key in people');
    expect(references).toContain("admins[2] (bram): is already listed as admins[1] (bram)");
    const unknown = await refusal(programme([{ ids: { slack: "U0NOPE" } }]));
    expect(unknown).toContain("admins[0] (U0NOPE).ids.slack: Slack has no member U0NOPE in this workspace");
  });

  it("imports the rest and says why when an admin is not found by e-mail, deactivated or pending", async () => {
    const summary = await importProgramme(
      store,
      programme([{ email: "nobody@acme.example" }, { ids: { slack: "U0GONE" } }, "kenji", "bram"]),
      T0,
      "test",
      { directory },
    );
    expect(await adminsOf()).toEqual(["U0BRAM"]);
    expect(summary.report.warnings).toEqual(
      expect.arrayContaining([
        "admins[0] (nobody@acme.example): no Slack member has nobody@acme.example yet, so nobody was made a programme admin by it: import the file again once their account exists",
        "admins[1] (U0GONE): this account is deactivated: not made a programme admin",
        'admins[2] (kenji): kenji has no Slack account Tandem knows yet, so is not a programme admin yet: import the file again once they have written to Tandem, or type "admins add @kenji"',
      ]),
    );
    expect(summary.internships.created).toBe(1);
  });

  it("without the platform, takes ids as written and says an e-mail could not be looked up", async () => {
    const offline: ProgrammeInput = {
      ...programme([{ ids: { slack: "U0HR" } }, { email: "hr@acme.example" }]),
      people: [
        { key: "ana", ids: { slack: "U0ANA" }, name: "Ana", timezone: "America/Sao_Paulo" },
        { key: "bram", ids: { slack: "U0BRAM" }, name: "Bram", timezone: "Europe/Brussels" },
      ],
    };
    const summary = await importProgramme(store, offline, T0);
    expect(await adminsOf()).toEqual(["U0HR"]);
    expect(summary.report.warnings).toEqual([
      "admins[1] (hr@acme.example): hr@acme.example was not looked up (Slack was not asked: PLATFORMS does not include it here), so nobody was made a programme admin by it; give ids.slack instead, or import where Tandem serves Slack",
    ]);
  });

  it("is written back by export, by key for people Tandem knows, and imports again unchanged", async () => {
    await importProgramme(store, programme(["bram", { email: "hr@acme.example" }]), T0, "test", {
      directory,
    });
    const exported = await exportProgramme(store, "slack", "T1");
    expect(exported.admins).toEqual(["bram", { ids: { slack: "U0HR" } }]);
    const again = await importProgramme(store, exported, T0, "test", { directory });
    expect(again.admins).toEqual({ listed: 2, added: 0 });
    expect(again.people).toMatchObject({ created: 0, updated: 0 });
  });
});
