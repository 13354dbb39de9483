/**
 * An evaluation request to someone without a chat account, end to end: the evaluation rule queues it, a
 * tick sends it through SMTP, and the e-mail links to the portal's evaluation form (not the internship page).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Running, startService } from "../../../src/main.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { importProgramme } from "../../../src/services/programme/import-programme.js";
import { openStore } from "../../../src/storage/sqlite-store.js";
import { type FakeSmtpServer, startFakeSmtpServer } from "../../fakes/smtp-server.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createTerminal } from "../../helpers/streams.js";

/** The mid-term's day, 10:00 in Brussels. */
const NOW = new Date("2026-12-01T09:00:00Z");

let running: Running | undefined;
let smtp: FakeSmtpServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await smtp?.close();
  smtp = undefined;
});

/** A Slack workspace where the supervisor has only an address; Ana's mid-term is today. */
async function seeded(): Promise<{ path: string; internshipId: number }> {
  const path = join(mkdtempSync(join(tmpdir(), "tandem-eval-mail-")), "tandem.db");
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
        { ...person("bram", "Bram Peeters"), email: "bram@acme.example" },
      ],
      internships: [
        {
          key: "ana-2026",
          intern: "ana",
          supervisor: "bram",
          start: "2026-10-01",
          end: "2027-01-29",
          learning: {
            outcomes: [{ key: "market-study", description: "Plan and run a small market study" }],
            criteria: ["Teamwork"],
            evaluations: { midterm: "2026-12-01", final: "2027-01-27" },
          },
        },
      ],
    },
    NOW,
  );
  const workspace = (await store.workspaces.find("slack", "T1"))!;
  const internship = (await store.internships.byKey(workspace.id, "ana-2026"))!;
  await store.close();
  return { path, internshipId: internship.id };
}

describe("an evaluation request by e-mail", () => {
  it("reaches a supervisor without a chat account with the link to the portal's evaluation form", async () => {
    smtp = await startFakeSmtpServer();
    const { path, internshipId } = await seeded();
    const log = captureLog();
    running = await startService(
      {
        platforms: ["console"],
        databasePath: path,
        port: 0,
        logLevel: "silent",
        scheduler: false,
        publicUrl: "https://tandem.example.edu",
        portal: { secret: "a-portal-secret-of-at-least-32-characters" },
        mail: { smtpUrl: smtp.url, from: "Tandem <tandem@uni.example>" },
        slack: { mode: "http" },
        teams: { appType: "MultiTenant", allowUnauthenticated: false },
      },
      createTerminal(),
      { clock: createSettableClock(NOW), log: log.log },
    );
    // Only the console runs here: Ana's Slack messages have no platform (that is not under test).
    log.allowErrors("no platform for this address; add it to PLATFORMS");
    await running.tick(NOW);
    // A welcome day is calm: what else is due waits for the next working day.
    await running.tick(new Date(NOW.getTime() + 24 * 60 * 60_000));
    const mails = await smtp.waitFor(2);
    const request = mails.find((m) => m.subject === "Ana Souza's mid-term evaluation is open");
    expect(request?.to).toEqual(["bram@acme.example"]);
    expect(request?.text).toContain(
      `See it in Tandem's portal: https://tandem.example.edu/portal/internships/${internshipId}/evaluation?round=midterm`,
    );
  });
});
