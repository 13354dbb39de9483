/**
 * A coordinator outside every company's chat is one person record per company with the same address:
 * she reads one welcome and one weekly digest for all her interns, grouped by company, within one daily
 * budget; the e-mails say what they are about in their subject and are marked as sent by a program.
 * Through the running service (or the dispatcher) and a real SMTP server on loopback.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSmtpMail, type SmtpMail } from "../../../adapters/email/mail-sender.js";
import type { Config } from "../../../src/config.js";
import { evaluationRequest } from "../../../src/domain/copy/evaluation.js";
import { type Running, startService } from "../../../src/main.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import type { Store } from "../../../src/ports/store.js";
import { createDispatcher } from "../../../src/services/dispatcher.js";
import { queueDirect } from "../../../src/services/notify.js";
import { importProgramme } from "../../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../../src/services/programme/programme-schema.js";
import { queueSignInLink } from "../../../src/services/sign-in-link.js";
import { openStore } from "../../../src/storage/sqlite-store.js";
import { type FakeSmtpServer, startFakeSmtpServer } from "../../fakes/smtp-server.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createTerminal } from "../../helpers/streams.js";
import { openTestStore } from "../../helpers/test-store.js";

/** Tuesday 1 December 2026, 10:00 in Brussels: within everyone's contact hours. */
const NOW = new Date("2026-12-01T09:00:00Z");

let running: Running | undefined;
let smtp: FakeSmtpServer | undefined;
let mail: SmtpMail | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
  mail?.close();
  mail = undefined;
  await smtp?.close();
  smtp = undefined;
});

const person = (key: string, name: string, extra: Record<string, unknown> = {}) => ({
  key,
  name,
  timezone: "Europe/Brussels",
  country: "BE",
  contactHours: "Mon-Fri 09:00-17:00",
  ...extra,
});

/** A company (Slack workspace) with two interns coordinated by Lena, who has only her address there. */
function company(id: string, name: string, interns: [string, string][], lena = {}): ProgrammeInput {
  return {
    workspace: { platform: "slack", id, name },
    people: [
      ...interns.map(([key, full], i) => person(key, full, { ids: { slack: `U0${id}${i}` } })),
      person("boss", `Boss of ${name}`, { ids: { slack: `U0${id}BOSS` } }),
      person("olaf", "Olaf Berg", { email: `olaf@${id.toLowerCase()}.example` }),
      person("lena", "Lena Vogel", { email: "lena@uni.example", ...lena }),
    ],
    internships: interns.map(([key]) => ({
      key,
      intern: key,
      supervisor: "boss",
      backupSupervisor: "olaf",
      coordinator: "lena",
      start: "2026-11-02",
      end: "2027-03-31",
    })),
  };
}

async function importBoth(store: Store, lena = {}): Promise<void> {
  await importProgramme(
    store,
    company(
      "T1",
      "Acme Robotics",
      [
        ["ana", "Ana Souza"],
        ["ben", "Ben Okafor"],
      ],
      lena,
    ),
    NOW,
  );
  await importProgramme(
    store,
    company(
      "T2",
      "Globex",
      [
        ["chen", "Chen Wei"],
        ["dara", "Dara Byrne"],
      ],
      lena,
    ),
    NOW,
  );
}

function config(databasePath: string, smtpUrl: string): Config {
  return {
    platforms: ["console"],
    databasePath,
    port: 0,
    logLevel: "silent",
    scheduler: false,
    publicUrl: "https://tandem.example.edu",
    portal: { secret: "a-portal-secret-of-at-least-32-characters" },
    mail: { smtpUrl, from: "Tandem <tandem@uni.example>" },
    slack: { mode: "http" },
    teams: { appType: "MultiTenant", allowUnauthenticated: false },
  };
}

describe("a coordinator by e-mail at several companies", () => {
  it("reads one welcome and one weekly digest for all her interns, grouped by company", async () => {
    smtp = await startFakeSmtpServer();
    const path = join(mkdtempSync(join(tmpdir(), "tandem-inbox-")), "tandem.db");
    const seed = openStore(path, { now: NOW });
    await importBoth(seed);
    await seed.close();
    const log = captureLog();
    running = await startService(config(path, smtp.url), createTerminal(), {
      clock: createSettableClock(NOW),
      log: log.log,
    });
    // Only the console runs here: the Slack people's messages have no platform (that is not under test).
    log.allowErrors("no platform for this address; add it to PLATFORMS");
    await running.tick(NOW);
    await running.tick(NOW);
    await smtp.waitFor(2);
    const toLena = smtp.received.filter((m) => m.to.join() === "lena@uni.example");
    const welcomes = toLena.filter((m) => m.subject.startsWith("Welcome"));
    const digests = toLena.filter((m) => m.subject.startsWith("Weekly digest"));
    expect(welcomes.map((m) => m.subject)).toEqual(["Welcome to Tandem: 4 interns at 2 companies"]);
    expect(digests.map((m) => m.subject)).toEqual(["Weekly digest: 4 interns at Acme Robotics and Globex"]);
    const welcome = welcomes[0]!.text;
    expect(welcome).toContain("at Acme Robotics, Ana Souza, Ben Okafor; at Globex, Chen Wei, Dara Byrne");
    // About several interns, the link goes to the portal's start page, not to one intern's page.
    expect(welcome).toContain("See it in Tandem's portal: https://tandem.example.edu/portal\n");
    expect(welcome).not.toMatch(/portal\/internships/);
    const digest = digests[0]!.text;
    expect(digest.indexOf("At Acme Robotics:")).toBeGreaterThan(-1);
    expect(digest.indexOf("At Globex:")).toBeGreaterThan(digest.indexOf("Ben Okafor"));
    for (const name of ["Ana Souza", "Ben Okafor", "Chen Wei", "Dara Byrne"]) expect(digest).toContain(name);
    // Plain names for an e-mail reader, no chat handles.
    expect(digest).not.toContain("(@");
    expect(digest).toContain("at 2 companies; Tandem sends you one digest for all your interns");
    // Every e-mail says it was sent by a program (RFC 3834), so out-of-office answers stay away.
    expect(smtp.received.every((m) => m.autoSubmitted === "auto-generated")).toBe(true);
    expect(smtp.received.every((m) => !m.subject.endsWith(":") && !m.subject.endsWith("…"))).toBe(true);
  });

  async function dispatcherFor(store: Store, sentInChat: string[] = []) {
    smtp = await startFakeSmtpServer();
    const log = captureLog();
    mail = createSmtpMail({ smtpUrl: smtp.url, from: "Tandem <tandem@uni.example>", log: log.log });
    const dispatcher = createDispatcher({
      store,
      platforms: new Map([
        [
          "slack",
          {
            name: "slack",
            routes: [],
            start: async () => undefined,
            stop: async () => undefined,
            send: async (address: string) => {
              sentInChat.push(address);
              return {};
            },
          },
        ],
      ]),
      mail,
      clock: { now: () => NOW },
      log: log.log,
    });
    return { dispatcher, log };
  }

  it("has one daily budget for her address, not one per company", async () => {
    const store = await openTestStore("sqlite");
    await importBoth(store, { dailyBudget: 2 });
    const { dispatcher } = await dispatcherFor(store);
    for (const externalId of ["T1", "T2"]) {
      const workspace = (await store.workspaces.find("slack", externalId))!;
      const lena = (await store.people.byKey(workspace.id, "lena"))!;
      for (const n of [1, 2, 3])
        await queueDirect(store, workspace, lena, `note:${n}`, { text: `${externalId} note ${n}` }, NOW);
    }
    await dispatcher.dispatch(NOW);
    await dispatcher.dispatch(NOW);
    await smtp!.waitFor(2);
    const toLena = smtp!.received.filter((m) => m.to.join() === "lena@uni.example");
    // Six notes within her budget of two: one alone, the other five merged into the second.
    expect(toLena).toHaveLength(2);
    for (const externalId of ["T1", "T2"])
      for (const n of [1, 2, 3])
        expect(toLena.some((m) => m.text.includes(`${externalId} note ${n}`))).toBe(true);
    expect(toLena.map((m) => m.subject)).toContain("5 messages from Tandem");
  });

  it("gives each kind of message a short subject naming what it is about", async () => {
    const store = await openTestStore("sqlite");
    await importBoth(store);
    const { dispatcher } = await dispatcherFor(store);
    const workspace = (await store.workspaces.find("slack", "T1"))!;
    const lena = (await store.people.byKey(workspace.id, "lena"))!;
    const olaf = (await store.people.byKey(workspace.id, "olaf"))!;
    await queueSignInLink(store, lena, "https://t.example/portal/sign-in?token=x", NOW);
    const request = (side: "supervisor" | "intern", reminder: boolean) =>
      evaluationRequest({
        internshipId: 1,
        round: "midterm",
        side,
        internName: "Ana Souza",
        mention: "@ana",
        closes: new Date("2026-12-11T16:00:00Z"),
        timezone: "Europe/Brussels",
        reminder,
        byEmail: true,
      });
    await queueDirect(store, workspace, olaf, "note:eval", request("supervisor", false), NOW);
    await queueDirect(store, workspace, olaf, "note:remind", request("supervisor", true), NOW);
    await queueDirect(
      store,
      workspace,
      olaf,
      "note:plain",
      { text: `Hello Olaf, this first sentence says enough on its own. ${"More words follow. ".repeat(8)}` },
      NOW,
    );
    await dispatcher.dispatch(NOW);
    await smtp!.waitFor(4);
    expect(smtp!.received.map((m) => m.subject).sort()).toEqual([
      "Ana Souza's mid-term evaluation is open",
      "Hello Olaf, this first sentence says enough on its own",
      "Reminder: Ana Souza's mid-term evaluation is open",
      "Your Tandem sign-in link",
    ]);
  });

  it("reports a refused address to the supervisor and the programme admins in chat, and tells her only what she can do", async () => {
    const store = await openTestStore("sqlite");
    await importBoth(store);
    const sentInChat: string[] = [];
    const { dispatcher, log } = await dispatcherFor(store, sentInChat);
    log.allowErrors("send failed for good; message dead-lettered");
    const workspace = (await store.workspaces.find("slack", "T2"))!;
    await store.programmeAdmins.add(workspace.id, "U0ADMIN", undefined, NOW);
    smtp!.refuse("olaf@t2.example");
    const olaf = (await store.people.byKey(workspace.id, "olaf"))!;
    await queueDirect(store, workspace, olaf, "note:1", { text: "one" }, NOW);
    await dispatcher.dispatch(NOW);
    await dispatcher.dispatch(NOW);
    expect(sentInChat.sort()).toEqual(["slack:T2:user:U0ADMIN", "slack:T2:user:U0T2BOSS"]);
    const supervisor = await store.outbox.get(workspace.id, `unreachable:${olaf.id}`);
    expect(supervisor?.payload.text).toContain("Please ask Olaf Berg for an address that works");
    const admin = await store.outbox.get(workspace.id, `unreachable:${olaf.id}:to:admin:U0ADMIN`);
    expect(admin?.payload.text).toContain("Please correct their address (email:) in the programme file");
    const [note] = await smtp!.waitFor(1);
    expect(note!.to).toEqual(["lena@uni.example"]);
    expect(note!.subject).toBe("Tandem cannot reach Olaf Berg by e-mail");
    expect(note!.text).toContain("Tandem told Boss of Globex and Globex's programme admins");
    expect(note!.text).toContain("nothing is needed from you");
    expect(note!.text).not.toMatch(/import it again|programme file/);
  });
});
