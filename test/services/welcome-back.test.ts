import { describe, expect, it } from "vitest";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

/**
 * Bram supervises Ana (backup Chloé) and Ben (no backup) and is on leave Mon 7 to Fri 11 Dec 2026.
 * Every rule runs, ticking every two hours from Thursday 3 Dec to `until`, as node-cron would.
 */
async function leaveWeek(
  during?: (h: Awaited<ReturnType<typeof createServiceHarness>>, at: Date) => Promise<void>,
) {
  const h = await createServiceHarness({ rules: "every" });
  await h.tickAt(h.local("2026-12-03T09:00", BXL));
  await h.say("bram", "leave 2026-12-07 2026-12-11");
  const run = async (until: Date) => {
    for (let at = h.clock.now().getTime() + 2 * 3_600_000; at <= until.getTime(); at += 2 * 3_600_000) {
      await h.tickAt(new Date(at));
      if (during) await during(h, new Date(at));
    }
    await h.tickAt(until);
  };
  return { h, run };
}

describe("the welcome back", () => {
  it("sends the returning supervisor one message on his first day back, with everything that waited in it", async () => {
    let asked = false;
    const { h, run } = await leaveWeek(async (h, at) => {
      // Tue 8 Dec, late morning in São Paulo: Ana asks Bram; Chloé covers and does not answer.
      if (!asked && at >= h.local("2026-12-08T10:00", SP)) {
        asked = true;
        await h.homeMessage("ana", at, { id: "q1", ref: "q1", mentions: ["bram"], asks: true });
        await h.dm("ana", "blocker: no VPN access");
      }
    });
    await run(h.local("2026-12-04T17:00", BXL));
    const before = (await h.sentTo("bram")).length;
    await run(h.local("2026-12-11T23:00", BXL));
    // Nothing reaches Bram during his leave.
    expect(await h.sentTo("bram")).toHaveLength(before);
    await run(h.local("2026-12-14T09:00", BXL));
    const back = (await h.sentTo("bram")).slice(before);
    expect(back).toHaveLength(1);
    const text = back[0]!.message.text;
    expect(text).toMatch(/^Welcome back, Bram\. While you were away \(Mon 7 Dec 2026 to Fri 11 Dec 2026\):/);
    // Most important first: at risk, blockers, overdue questions, what waited and needs him; then the rest.
    const order = [
      "At risk:",
      "Blockers raised while you were away",
      "Waiting for you:",
      "Also while you were away:",
      "Your weekly digest",
    ].map((heading) => text.indexOf(heading));
    expect(order.map((i) => i >= 0)).toEqual(order.map(() => true));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain("“no VPN access” (sent to Chloé Martin)");
    // The overdue question: its alert to Bram waited and is folded in once, not repeated in the summary.
    expect(text.match(/Chloé Martin in #home is still without a reply/g)).toHaveLength(1);
    expect(text).not.toContain("Questions still waiting for a reply");
    // Ben has no backup: his daily summaries waited, each folded into the next, and come as one line that
    // covers the whole period, never one by one.
    const benSummaries = text.split("\n").filter((l) => /^• Ben Okafor's check-in/.test(l));
    expect(benSummaries).toEqual([
      "• Ben Okafor's check-ins from Fri 4 Dec 2026 to Fri 11 Dec 2026: none of 6 answered (in one summary instead of one a day).",
    ]);
    // Two digests waited per intern (week 49, written on Mon 7 Dec, and week 50, today): only the latest,
    // about the week away, comes in full; two full digests each would bury the rest.
    expect(text).toContain("2026-W50");
    expect(text).not.toContain("2026-W49");
    expect(text.match(/Your weekly digest/g)).toHaveLength(2);
    // Later that day, new messages come as usual; the welcome back is not repeated.
    await run(h.local("2026-12-15T09:00", BXL));
    expect((await h.sentTo("bram")).filter((s) => s.message.text.startsWith("Welcome back"))).toHaveLength(1);
  }, 60_000);
});

describe("a daily summary folded into the welcome back", () => {
  it("says what the intern answered on its one line, not only the heading", async () => {
    let answered = false;
    const { h, run } = await leaveWeek(async (h, at) => {
      // Fri 11 Dec, the last day of Bram's leave, afternoon in São Paulo (evening in Brussels).
      if (!answered && at >= h.local("2026-12-11T14:00", SP)) {
        answered = true;
        await h.dm("ana", "done: outline reviewed / next: finish the analysis / connected: 3");
      }
    });
    await run(h.local("2026-12-14T10:00", BXL));
    const welcome = (await h.sentTo("bram")).find((s) => s.message.text.startsWith("Welcome back"));
    const line = welcome?.message.text
      .split("\n")
      .find((l) => l.includes("Ana Souza's check-in for Fri 11 Dec"));
    expect(line).toBeDefined();
    expect(line).not.toMatch(/:$/);
    expect(line).toContain("Moved forward: outline reviewed");
    expect(line).toContain("Connected to the team: 3/5");
  }, 60_000);
});
