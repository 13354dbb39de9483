/** E-mail wired by the composition root: SMTP_URL's server checked at start, and a tick that sends by e-mail. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../../src/config.js";
import { type Running, startService } from "../../../src/main.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { queueDirect } from "../../../src/services/notify.js";
import { importProgramme } from "../../../src/services/programme/import-programme.js";
import { openStore } from "../../../src/storage/sqlite-store.js";
import { type FakeSmtpServer, startFakeSmtpServer } from "../../fakes/smtp-server.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createTerminal } from "../../helpers/streams.js";

const NOW = new Date("2026-12-01T09:00:00Z");

let running: Running | undefined;
let smtp: FakeSmtpServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await smtp?.close();
  smtp = undefined;
});

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

/** A database with a Slack workspace whose coordinator has only an address, and a message queued for her. */
async function seeded(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "tandem-mail-")), "tandem.db");
  const store = openStore(path, { now: NOW });
  const person = (key: string, name: string) => ({
    key,
    name,
    timezone: "Europe/Brussels",
    country: "BE",
    contactHours: "Mon-Fri 09:00-17:00",
  });
  await importProgramme(
    store,
    {
      workspace: { platform: "slack", id: "T1" },
      people: [
        { ...person("ana", "Ana Souza"), ids: { slack: "U0ANA" } },
        { ...person("bram", "Bram Peeters"), ids: { slack: "U0BRAM" } },
        { ...person("lena", "Lena Vogel"), email: "lena@uni.example" },
      ],
      internships: [
        {
          key: "a",
          intern: "ana",
          supervisor: "bram",
          coordinator: "lena",
          start: "2026-11-01",
          end: "2027-03-31",
        },
      ],
    },
    NOW,
  );
  const workspace = (await store.workspaces.find("slack", "T1"))!;
  const lena = (await store.people.byKey(workspace.id, "lena"))!;
  await queueDirect(store, workspace, lena, "note:1", { text: "Hello Lena", reason: "A test." }, NOW);
  await store.close();
  return path;
}

describe("e-mail in the running service", () => {
  it("sends what is due by e-mail on a tick, through the server in SMTP_URL", async () => {
    smtp = await startFakeSmtpServer();
    const log = captureLog();
    running = await startService(config(await seeded(), smtp.url), createTerminal(), {
      clock: createSettableClock(NOW),
      log: log.log,
    });
    expect(log.atLeast(40)).toEqual([]);
    // Only the console runs here: the Slack people's messages have no platform (that is not under test).
    log.allowErrors("no platform for this address; add it to PLATFORMS");
    await running.tick(NOW);
    // A welcome day is calm: what else is due waits for the next working day.
    await running.tick(new Date(NOW.getTime() + 24 * 60 * 60_000));
    const mails = await smtp.waitFor(3);
    const note = mails.find((m) => m.text.includes("Hello Lena"));
    expect(note?.to).toEqual(["lena@uni.example"]);
    expect(note?.text).toContain("https://tandem.example.edu/portal");
    // Her welcome says how Tandem reaches her, and points to the portal rather than to chat commands.
    const welcome = mails.find((m) => m.subject === "Welcome to Tandem: Ana Souza's internship");
    expect(welcome?.text).toContain(
      "You have no account in this company's chat, so Tandem writes to you by e-mail",
    );
    expect(welcome?.text).not.toContain("digest for @intern");
    const digest = mails.find((m) => m.subject === "Weekly digest: 1 intern");
    expect(digest?.text).toContain("is on their page in Tandem's portal");
    expect(digest?.text).not.toContain('type "digest for');
    // Her weekly digest goes the same way: she is in no chat.
    expect(mails.every((m) => m.to.join() === "lena@uni.example")).toBe(true);
  });

  it("starts when the mail server does not answer, and says what to check", async () => {
    const log = captureLog();
    running = await startService(config(await seeded(), "smtp://127.0.0.1:9"), createTerminal(), {
      clock: createSettableClock(NOW),
      log: log.log,
    });
    const warning = log.atLeast(40).map((l) => String(l.msg));
    expect(
      warning.some((m) => /^cannot reach the mail server in SMTP_URL .*e-mails wait in the outbox/.test(m)),
    ).toBe(true);
  });
});
