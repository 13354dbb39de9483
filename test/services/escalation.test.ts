import { describe, expect, it } from "vitest";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

async function setup(programme?: ProgrammeInput) {
  const h = await createServiceHarness(programme ? { programme } : {});
  let n = 0;
  /** A message in the home channel, as an adapter would pass it: metadata only, the platform's time. */
  const post = async (user: string, at: Date, options: { mentions?: string[]; question?: boolean } = {}) => {
    n += 1;
    h.clock.set(at);
    await h.homeMessage(user, at, {
      id: `ev-${n}`,
      ref: `m${n}`,
      mentions: options.mentions ?? [],
      asks: options.question ?? false,
    });
  };
  /** Ticks every working hour (Brussels) from `from` for `days` days, as the metronome would. */
  const tickDays = async (from: string, days: number) => {
    const start = h.local(from, BXL).getTime();
    for (let hour = 0; hour < days * 24; hour += 1) await h.tickAt(new Date(start + hour * 3_600_000));
  };
  /** Reply alerts in the outbox (not the asker's "due by" notice), as key and recipient key. */
  const alerts = async () => {
    const keyOf = new Map((await h.store.people.list(h.workspace.id)).map((p) => [p.id, p.key]));
    return (await h.store.outbox.list())
      .filter((o) => o.key.startsWith("reply-") && !o.key.startsWith("reply-due"))
      .map((o) => ({ key: o.key.replace(/:\d+:/, ":#:"), to: keyOf.get(o.recipientId!) }));
  };
  return { h, post, tickDays, alerts };
}

describe("who hears about a late reply", () => {
  it("never tells the coordinator about one unanswered mention of the intern: only the intern and the asker", async () => {
    const { h, post, tickDays, alerts } = await setup();
    // Tuesday 15:00 in Brussels is 11:00 in São Paulo: due at 15:00 there (4h of Ana's time).
    await post("bram", h.local("2026-12-01T15:00", BXL), { mentions: ["ana"], question: true });
    await tickDays("2026-12-01T15:00", 9);
    expect(await alerts()).toEqual([
      { key: "reply-warning:#:warn", to: "ana" },
      { key: "reply-breach:#:due", to: "ana" },
      { key: "reply-escalation:#:1", to: "bram" },
    ]);
    expect(await h.sentTo("lena")).toEqual([]);
    expect(await h.sentTo("chloe")).toEqual([]);
  });

  it("tells the intern she is overdue, and who else hears about it", async () => {
    const { h, post, tickDays } = await setup();
    await post("bram", h.local("2026-12-01T15:00", BXL), { mentions: ["ana"], question: true });
    await tickDays("2026-12-01T15:00", 1);
    const overdue = (await h.sentTo("ana")).find((s) => s.message.text.startsWith("Overdue"));
    expect(overdue?.message.reason).toContain(
      "Only you and Bram Peeters are told; the university coordinator never hears about a single late reply.",
    );
  });

  it("tells the asker once when the intern's reply is still late, in the asker's time", async () => {
    const { h, post, tickDays } = await setup();
    await post("bram", h.local("2026-12-01T15:00", BXL), { mentions: ["ana"], question: true });
    await tickDays("2026-12-01T15:00", 3);
    const toBram = (await h.sentTo("bram")).filter((s) => s.message.text.includes("has not replied yet"));
    expect(toBram).toHaveLength(1);
    // Due 15:00 in São Paulo is 19:00 in Brussels; told reply.escalate (50%, 2h of Ana's time) later.
    expect(toBram[0]?.message.text).toBe(
      'Ana Souza has not replied yet to your message in #home: the reply was due at Tue 1 Dec, 19:00 your time. Type "noreply" if it no longer needs an answer.',
    );
    expect(toBram[0]?.message.reason).toContain("the university coordinator hears only about patterns");
  });

  it("tells the backup supervisor once when the supervisor's reply is late, and never the coordinator", async () => {
    const { h, post, tickDays, alerts } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    await tickDays("2026-12-01T14:00", 9);
    expect(await alerts()).toEqual([
      { key: "reply-warning:#:warn", to: "bram" },
      { key: "reply-breach:#:due", to: "bram" },
      { key: "reply-escalation:#:1", to: "chloe" },
    ]);
    expect(await h.sentTo("lena")).toEqual([]);
  });

  it("tells the supervisor when the backup's reply to the intern is late", async () => {
    const { h, post, tickDays, alerts } = await setup();
    await post("ana", h.local("2026-12-01T10:00", SP), { mentions: ["chloe"], question: true });
    await tickDays("2026-12-01T14:00", 9);
    expect((await alerts()).filter((a) => a.key.startsWith("reply-escalation"))).toEqual([
      { key: "reply-escalation:#:1", to: "bram" },
    ]);
  });

  it("never escalates a question back to the one who asked it, even when she is named the backup", async () => {
    // The programme file allows it (only the supervisor must differ from the intern and the backup).
    const base = sampleProgramme();
    const programme = {
      ...base,
      internships: base.internships!.map((i) =>
        i.key === "ana-2026" ? { ...i, backupSupervisor: "ana" } : i,
      ),
    };
    const { h, post, tickDays, alerts } = await setup(programme);
    await post("ana", h.local("2026-12-01T10:00", SP), { question: true });
    await tickDays("2026-12-01T14:00", 9);
    expect(await alerts()).toEqual([
      { key: "reply-warning:#:warn", to: "bram" },
      { key: "reply-breach:#:due", to: "bram" },
    ]);
  });
});
