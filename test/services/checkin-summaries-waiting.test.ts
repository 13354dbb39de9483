import { describe, expect, it } from "vitest";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";

/** Ana's internship without a backup: while Bram (Brussels) is on leave his messages wait for his return. */
function programme() {
  const p = sampleProgramme();
  const { backupSupervisor: _none, ...ana } = p.internships![0]!;
  p.internships![0] = ana;
  return p;
}

/** What Bram read about Ana (he supervises Ben too). */
const anaTo = async (h: Awaited<ReturnType<typeof setup>>["h"]) =>
  (await h.sentTo("bram")).map((s) => s.message.text).filter((t) => t.startsWith("Ana Souza"));

async function setup() {
  const h = await createServiceHarness({ rules: "checkin", programme: programme() });
  const ana = (await h.internship("ana-2026")).id;
  const rows = async (prefix: string) =>
    (await h.store.outbox.list()).filter((o) => o.key.startsWith(`${prefix}:${ana}:`));
  /** One working day of Ana's: the prompt, her answer (unless `answer` is undefined), the end of her day. */
  const day = async (date: string, answer: string | undefined) => {
    await h.tickAt(h.local(`${date}T09:30`, SP));
    if (answer) await h.dm("ana", answer);
    await h.tickAt(h.local(`${date}T17:30`, SP));
  };
  return { h, rows, day };
}

describe("check-in summaries that wait for their reader", () => {
  it("keeps one summary waiting per internship, and sends it once with the period it covers", async () => {
    const { h, rows, day } = await setup();
    await h.say("bram", "leave 2026-12-07 2026-12-11");
    for (const date of ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"]) {
      await day(date, `done: work of ${date}\nnext: more\nconnected: 4`);
      expect((await rows("checkin-summary")).filter((r) => r.status === "pending")).toHaveLength(1);
    }
    await h.tickAt("2026-12-14T08:05:00Z"); // Mon 09:05 in Brussels: Bram is back
    const toBram = (await h.sentTo("bram")).filter((s) => s.message.text.startsWith("Ana Souza"));
    expect(toBram).toHaveLength(1);
    const text = toBram[0]!.message.text;
    expect(text).toContain(
      "Ana Souza's check-ins from Mon 7 Dec 2026 to Fri 11 Dec 2026: all 5 answered (in one summary instead of one a day).",
    );
    expect(text).toContain(
      "• Mon 7 Dec: moved forward: work of 2026-12-07; next: more; blocker: none; connected 4/5",
    );
    expect(text).toContain("• Fri 11 Dec: moved forward: work of 2026-12-11");
    expect(toBram[0]!.message.reason).toContain("had not reached you yet");
  });

  it("says which days were not answered, and keeps the usual daily summary when nothing waited", async () => {
    const { h, rows, day } = await setup();
    await day("2026-12-01", "done: survey\nnext: interviews\nconnected: 3");
    await h.tickAt("2026-12-02T08:05:00Z");
    expect(await anaTo(h)).toEqual(["Ana Souza's check-in for Tue 1 Dec 2026:"]);
    await h.say("bram", "leave 2026-12-03 2026-12-04");
    await day("2026-12-02", undefined);
    await day("2026-12-03", "done: report\nnext: review\nconnected: 4");
    await h.tickAt("2026-12-07T08:05:00Z");
    const last = (await anaTo(h)).at(-1)!;
    expect(last).toContain("from Wed 2 Dec 2026 to Thu 3 Dec 2026: 1 of 2 answered");
    expect(last).toContain("• Wed 2 Dec: not answered");
    expect((await rows("checkin-summary")).filter((r) => r.status === "sent")).toHaveLength(2);
  });

  it("withdraws a missed-check-ins alert still waiting once the intern answers a check-in", async () => {
    const { h, rows, day } = await setup();
    await h.say("bram", "leave 2026-12-07 2026-12-11");
    for (const date of ["2026-12-07", "2026-12-08", "2026-12-09"]) await day(date, undefined);
    expect((await rows("missed-streak")).map((r) => r.status)).toEqual(["pending"]);
    await day("2026-12-10", "done: back on track\nnext: interviews\nconnected: 3");
    await h.tickAt("2026-12-14T08:05:00Z");
    expect((await rows("missed-streak")).map((r) => r.status)).toEqual(["expired"]);
    expect(await anaTo(h)).not.toContainEqual(
      expect.stringContaining("has not answered the last 3 check-ins"),
    );
  });

  it("sends the missed-check-ins note instead of, not beside, that day's 'did not answer' summary", async () => {
    const { h, day } = await setup();
    for (const date of ["2026-12-01", "2026-12-02", "2026-12-03"]) await day(date, undefined);
    await h.tickAt("2026-12-04T08:05:00Z");
    expect(await anaTo(h)).toEqual([
      "Ana Souza did not answer the check-in of Tue 1 Dec 2026.",
      "Ana Souza did not answer the check-in of Wed 2 Dec 2026.",
      expect.stringContaining(
        "Ana Souza has not answered the last 3 check-ins (Tue 1 Dec 2026, Wed 2 Dec 2026, Thu 3 Dec 2026)",
      ),
    ]);
  });

  it("lets a summary lapse that could only arrive more than a week after its day", async () => {
    const { h, rows } = await setup();
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    // Tandem was down from that morning until Mon 14 Dec: Tue 1 Dec is closed only now.
    await h.tickAt("2026-12-14T08:05:00Z");
    await h.tickAt("2026-12-14T12:00:00Z");
    expect(await anaTo(h)).toEqual([]);
    expect((await rows("checkin-summary")).map((r) => [r.key.slice(-10), r.status])).toEqual([
      ["2026-12-01", "expired"],
    ]);
  });

  it("names a blocker on the first line of a summary that covers several days, which may be all a reader sees", async () => {
    const { h, day } = await setup();
    await h.say("bram", "leave 2026-12-07 2026-12-11");
    await day("2026-12-07", "done: a\nnext: b\nconnected: 4");
    await day("2026-12-08", "done: c\nnext: d\nblocker: the client does not answer\nconnected: 3");
    await day("2026-12-09", "done: e\nnext: f\nconnected: 4");
    await h.tickAt("2026-12-14T08:05:00Z");
    const [summary] = await anaTo(h);
    expect(summary!.split("\n")[0]).toBe(
      "Ana Souza's check-ins from Mon 7 Dec 2026 to Wed 9 Dec 2026: all 3 answered; blocked Tue 8 Dec “the client does not answer” (in one summary instead of one a day).",
    );
  });

  it("in 'each' mode, sends the full answer instead of the partial one that still waited for the supervisor", async () => {
    const { h } = await setup();
    await h.say("bram", "agreement set checkin.summary each for @ana");
    await h.say("ana", "agreement accept");
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    h.clock.set(h.local("2026-12-01T14:00", SP)); // 18:00 in Brussels: Bram reads it tomorrow
    await h.dm("ana", "done: survey");
    await h.dm("ana", "next: interviews\nconnected: 4");
    await h.tickAt("2026-12-02T08:05:00Z");
    expect((await anaTo(h)).filter((t) => t.includes("check-in of"))).toEqual([
      "Ana Souza answered the check-in of Tue 1 Dec 2026:",
    ]);
    const answer = (await h.sentTo("bram")).find((s) => s.message.text.startsWith("Ana Souza answered"));
    expect(answer!.message.fields).toContainEqual({
      label: "Next",
      value: "interviews",
    });
    const answers = (await h.store.outbox.list()).filter((o) => o.key.startsWith("checkin-answer:"));
    expect(answers.map((o) => [o.key.split(":")[2], o.status])).toEqual([
      ["partial", "expired"],
      ["answered", "sent"],
    ]);
  });
});
