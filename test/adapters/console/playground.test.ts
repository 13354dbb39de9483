import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Config } from "../../../src/config.js";
import { startService } from "../../../src/main.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createTerminal } from "../../helpers/streams.js";

function config(databasePath: string): Config {
  return {
    platforms: ["console"],
    databasePath,
    port: 0,
    logLevel: "info",
    scheduler: false,
    slack: { mode: "http" },
    teams: { appType: "MultiTenant", allowUnauthenticated: false },
  };
}

async function session(databasePath: string, lines: string[]) {
  const terminal = createTerminal();
  const clock = createSettableClock(new Date("2026-12-01T12:00:00Z"));
  const running = await startService(config(databasePath), terminal, { clock, log: captureLog().log });
  terminal.type(...lines);
  terminal.end();
  await running.stopped;
  return terminal.text();
}

describe("console playground", () => {
  it("runs a whole session: seeded demo, personas, commands, time travel and quit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-play-"));
    const out = await session(join(dir, "tandem.db"), [
      "/who",
      "status",
      'milestone add "Competitor overview" due in 2 weeks',
      "milestone done 1",
      "/as bram",
      "milestone accept 1 it goes into the January board deck",
      "/as nobody-here",
      "/time +1d",
      "/time 2026-12-07T09:30",
      "/time soon",
      "/bogus",
      "agreement show for @ana",
      "/quit",
    ]);
    expect(out).toContain("Tandem playground. You are Ana Souza.");
    expect(out).toMatch(/ana\s+Ana Souza\s+intern/);
    expect(out).toMatch(/lena\s+Lena Vogel\s+coordinator/);
    expect(out).toContain('Added milestone #1 "Competitor overview", due Tue 15 Dec 2026.');
    expect(out).toContain("You are now Bram Peeters (supervisor, Europe/Brussels).");
    expect(out).toContain(
      'Accepted #1 "Competitor overview" with feedback: it goes into the January board deck.',
    );
    expect(out).toContain('There is nobody called "nobody-here" here');
    expect(out).toContain("It is now Wed 2 Dec 2026, 13:00 for Bram Peeters (Europe/Brussels).");
    expect(out).toContain("It is now Mon 7 Dec 2026, 09:30 for Bram Peeters (Europe/Brussels).");
    expect(out).toContain('"soon" is not a time step or date');
    expect(out).toContain("/bogus is not a playground command.");
    expect(out).toContain("Working agreement for Ana Souza, version 1");
    expect(out).toContain("Bye.");
  });

  it("keeps its data across restarts and seeds the demo only once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-play-"));
    const db = join(dir, "tandem.db");
    await session(db, ['milestone add "Kept" due in 1 week', "/quit"]);
    const out = await session(db, ["milestone list", "/quit"]);
    expect(out).toMatch(/#1 .* planned {2}Kept/);
    expect(out).not.toContain("#2");
  });

  it("prints messages from the outbox with who they are for and why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-play-"));
    const out = await session(join(dir, "tandem.db"), [
      "/as bram",
      "agreement set reply.intern 3h for @ana",
      "/tick",
      "/as ana",
      "/press Accept",
      "agreement show",
      "/quit",
    ]);
    expect(out).toContain("📨 to Ana Souza");
    expect(out).toContain(
      "Bram Peeters proposes a change to the working agreement for Ana Souza (version 2): reply.intern 4h → 3h.",
    );
    expect(out).toContain("why: A change to the working agreement counts only when both of you accept it");
    expect(out).toContain("You accepted version 2: it is in force from now (reply.intern 4h → 3h).");
    expect(out).toContain("Working agreement for Ana Souza, version 2, in force since");
  });

  it("stops when its input ends, even without /quit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-play-"));
    const out = await session(join(dir, "tandem.db"), ["status"]);
    expect(out).toContain("You are Ana Souza");
  });

  it("shows the check-in when time moves past 09:30, and asks its questions one by one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-play-"));
    const out = await session(join(dir, "tandem.db"), [
      "/time 2026-12-01T09:40",
      "checkin",
      "drafted the survey",
      "interviews with sales",
      "",
      "6",
      "4",
      "checkin history",
      "/quit",
    ]);
    expect(out).toContain("📨 to Ana Souza");
    expect(out).toContain("Hi Ana, time for your check-in (Tue 1 Dec 2026)");
    expect(out).toContain("why: Your working agreement has a check-in at 09:30 on Mon-Fri, your local time.");
    expect(out).toContain("What did you move forward since the last check-in? (empty line to skip)");
    expect(out).toContain("Choose one of 1, 2, 3, 4, 5");
    expect(out).toContain("Thanks, your check-in for Tue 1 Dec 2026 is saved.");
    expect(out).toMatch(
      /Tue 1 Dec 2026 {2}answered — done: drafted the survey; next: interviews with sales; connected 4\/5/,
    );
  });

  it("takes typed text as a direct message: one-line answers are saved, plain text is asked about first", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-play-"));
    const out = await session(join(dir, "tandem.db"), [
      "/time 2026-12-01T09:40",
      "thanks!",
      "Status update: I finished the laptop",
      "/press Yes",
      "next: interviews / connected: 4",
      "checkin history",
      "/quit",
    ]);
    expect(out).toContain("Save this as your check-in for Tue 1 Dec 2026?");
    expect(out).toContain("[Yes, save it] [No]");
    expect(out).toMatch(
      /Tue 1 Dec 2026 {2}answered — done: Status update: I finished the laptop; next: interviews; connected 4\/5/,
    );
  });

  it("tracks a question in the home channel: the asker hears when it is due, the supervisor gets the warning and the alert", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-play-"));
    const out = await session(join(dir, "tandem.db"), [
      "/time 2026-12-01T10:00",
      "/say @bram could you look at my survey draft?",
      "/time 2026-12-02T08:30",
      "/time +2h",
      "/as bram",
      "/thread 1 looks good, send it",
      "/as ana",
      "status",
      "/quit",
    ]);
    expect(out).toContain("#home  Ana Souza: @bram could you look at my survey draft?  (message #1)");
    expect(out).toContain("Bram Peeters's reply is due by Wed 2 Dec, 10:00 your time");
    expect(out).toMatch(/📨 to Bram Peeters\n {2}Ana Souza's message in #home is waiting for your reply/);
    expect(out).toMatch(
      /📨 to Bram Peeters\n {2}Overdue: Ana Souza's message in #home was due for your reply at Wed 2 Dec, 14:00 your time/,
    );
    expect(out).toContain(
      "Replies to the intern: 1 question: 1 answered late; answered in 8.5h of working time",
    );
  });

  it("shows a week with a quiet intern nudged, and an introduction proposed, accepted and followed up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-play-"));
    const out = await session(join(dir, "tandem.db"), [
      "/time 2026-12-01T10:00",
      "/as sofie",
      "/press Yes",
      "/as ana",
      "/time 2026-12-07T14:30", // nudges go out in the afternoon
      "/time 2026-12-08T10:00",
      "/press Yes",
      "intro status",
      "/time 2026-12-08T14:30",
      "why",
      "/quit",
    ]);
    expect(out).toMatch(
      /📨 to Sofie Claes\n {2}Would you meet Ana Souza, a virtual intern working from Brazil\?/,
    );
    expect(out).toContain(
      "Your shared working hours: Mon-Fri: 13:00-17:00 in Brussels = 09:00-13:00 in Sao Paulo",
    );
    expect(out).toMatch(/📨 to Ana Souza, Sofie Claes \(group\)|📨 to Sofie Claes, Ana Souza \(group\)/);
    expect(out).toContain("Did you and Sofie Claes meet?");
    expect(out).toContain("Great, noted: you and Sofie met.");
    expect(out).toMatch(/Introductions for Ana Souza: 1 of 6 colleagues met, from 1 of 3 departments/);
    expect(out).toContain("A small idea for this week");
    expect(out).toMatch(/Connection signal for you, computed Tue 8 Dec 2026: (watch|at risk)/);
  });
});
