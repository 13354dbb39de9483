import { describe, expect, it } from "vitest";
import { createPlanner } from "../../src/services/planner.js";
import { createIsolationRule } from "../../src/services/rules/isolation-rule.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

/** Bram (supervisor, Brussels) is on leave Mon 7 to Fri 11 Dec 2026; Chloé is Ana's backup. */
async function onLeave(programme = sampleProgramme()) {
  const h = await createServiceHarness({ programme });
  h.clock.set(h.local("2026-12-03T10:00", BXL));
  const replyText = await h.say("bram", "leave 2026-12-07 2026-12-11");
  let n = 0;
  const post = (user: string, at: Date, options: { mentions?: string[]; question?: boolean } = {}) =>
    h.homeMessage(user, at, {
      id: `ev-${++n}`,
      ref: `m${n}`,
      mentions: options.mentions ?? [],
      asks: options.question ?? false,
    });
  const queuedFor = async (key: string) => {
    const recipientId = (await h.person(key)).id;
    return (await h.store.outbox.list()).filter((o) => o.recipientId === recipientId);
  };
  return { h, replyText, post, queuedFor };
}

describe("leave cover", () => {
  it("names who covers in the leave notice, and tells the backup what comes to them", async () => {
    const { h, replyText, queuedFor } = await onLeave();
    expect(replyText).toContain("Chloé Martin covers for you");
    const toAna = (await queuedFor("ana")).map((o) => o.payload.text);
    expect(toAna).toEqual([
      "Bram Peeters will be on leave from Mon 7 Dec 2026 to Fri 11 Dec 2026. Chloé Martin covers for them: questions for Bram Peeters go to Chloé Martin then.",
    ]);
    const toChloe = (await queuedFor("chloe")).map((o) => o.payload.text);
    expect(toChloe).toHaveLength(1);
    expect(toChloe[0]).toMatch(/you cover for them with Ana Souza/);
    // Ben has no backup and no coordinator: nobody to tell about him but Ben himself.
    expect(await queuedFor("ben")).toHaveLength(1);
    expect((await h.store.outbox.list()).filter((o) => o.key.startsWith("leave-uncovered:"))).toEqual([]);
  });

  it("says only what leave changes for the person: a supervisor has no check-ins or nudges to pause", async () => {
    const { h, replyText, queuedFor } = await onLeave();
    expect(replyText).not.toMatch(/check-ins|nudges/);
    expect(replyText).toContain("Your reply deadlines skip those days.");
    const toAna = (await queuedFor("ana"))[0]!.payload;
    expect(toAna.reason).not.toMatch(/check-ins/);
    // The intern's own leave does pause her check-ins and nudges, and her supervisor hears that.
    h.clock.set(h.local("2026-12-03T10:00", SP));
    const internReply = await h.say("ana", "leave 2026-12-21 2026-12-23");
    expect(internReply).toContain("Tandem pauses your check-ins and nudges then");
    const toBram = (await queuedFor("bram")).find((o) =>
      o.payload.text.startsWith("Ana Souza will be on leave"),
    );
    expect(toBram?.payload.reason).toMatch(/pauses their check-ins/);
  });

  it("tells the coordinator once that the intern is uncovered when there is no backup", async () => {
    const programme = sampleProgramme();
    delete programme.internships?.[0]?.backupSupervisor;
    const { h, replyText, queuedFor } = await onLeave(programme);
    expect(replyText).not.toContain("covers for you");
    const toLena = await queuedFor("lena");
    expect(toLena.map((o) => o.payload.text)).toEqual([
      "Ana Souza has no one covering from Mon 7 Dec 2026 to Fri 11 Dec 2026: Bram Peeters will be on leave and no backup supervisor is available. Questions and blockers wait for Bram Peeters's return unless someone steps in.",
    ]);
    // Saying it again writes nothing new.
    await h.say("bram", "leave 2026-12-07 2026-12-09");
    expect(await queuedFor("lena")).toHaveLength(1);
  });

  it("runs the intern's question to the absent supervisor on the backup's clock, and the receipt names the backup", async () => {
    const { h, post } = await onLeave();
    h.clock.set(h.local("2026-12-08T10:05", SP));
    await post("ana", h.local("2026-12-08T10:00", SP), { question: true, mentions: ["bram"] });
    const [clock] = await h.store.replyClocks.since((await h.internship("ana-2026")).id, new Date(0));
    expect(clock?.responderId).toBe((await h.person("chloe")).id);
    // 8h of Chloé's working time from 14:00 Tuesday in Brussels: Wednesday 14:00, not a week later.
    expect(clock?.dueAt).toEqual(h.local("2026-12-09T14:00", BXL));
    const receipt = (await h.store.outbox.get(h.workspace.id, `reply-due:${clock!.id}`))!;
    expect(receipt.payload.text).toMatch(/Chloé Martin's reply is due by Wed 9 Dec/);
    expect(receipt.payload.text).toMatch(/Bram Peeters is on leave, so Chloé Martin covers/);
  });

  it("keeps the supervisor's clock before and after the leave", async () => {
    const { h, post } = await onLeave();
    h.clock.set(h.local("2026-12-14T10:05", SP));
    await post("ana", h.local("2026-12-14T10:00", SP), { question: true });
    const [clock] = await h.store.replyClocks.since((await h.internship("ana-2026")).id, new Date(0));
    expect(clock?.responderId).toBe((await h.person("bram")).id);
  });

  it("sends blockers, check-in summaries and acceptance requests to the backup while the supervisor is away", async () => {
    const { h, queuedFor } = await onLeave();
    await h.tickAt(h.local("2026-12-08T09:35", SP));
    expect((await h.dm("ana", "blocker: no VPN access"))?.text).toMatch(
      /Your blocker went to Chloé Martin, who covers while your supervisor is on leave/,
    );
    await h.say("ana", 'milestone add "Setup" due 2026-12-20');
    await h.say("ana", "milestone done 1");
    await h.tickAt(h.local("2026-12-08T23:30", SP));
    // Ben has no backup: his summaries still wait for Bram. Only Ana's internship is looked at here.
    const ana = (await h.internship("ana-2026")).id;
    const keys = async (key: string) =>
      (await queuedFor(key))
        .filter((o) => !o.key.startsWith(`checkin-summary:`) || o.key.startsWith(`checkin-summary:${ana}:`))
        .map((o) => o.key.split(":")[0]);
    expect(await keys("chloe")).toEqual(
      expect.arrayContaining(["blocker", "milestone-accept", "checkin-summary"]),
    );
    expect(await keys("bram")).not.toEqual(expect.arrayContaining(["blocker"]));
    expect(await keys("bram")).not.toContain("milestone-accept");
    expect(await keys("bram")).not.toContain("checkin-summary");
    const blocker = (await queuedFor("chloe")).find((o) => o.key.startsWith("blocker:"))!;
    expect(blocker.payload.reason).toMatch(/because you cover for Bram Peeters, who is on leave/);
  });
});

describe("nudges while the supervisor is away", () => {
  it("never suggests calling the absent supervisor: the nudge and the at-risk note name the backup", async () => {
    const h = await createServiceHarness();
    const planner = createPlanner({
      store: h.store,
      rules: [createIsolationRule({ store: h.store, log: h.log.log })],
      log: h.log.log,
    });
    h.clock.set(h.local("2026-11-30T08:00", BXL));
    await h.say("bram", "leave 2026-11-30 2026-12-04");
    // Ana posted once on 19 Nov, then nothing: no exchange, no meeting ever, so she is at risk.
    await h.homeMessage("ana", h.local("2026-11-19T10:00", SP), {
      id: "quiet",
      ref: "quiet",
      mentions: [],
      asks: false,
    });
    for (const at of [h.local("2026-11-30T09:05", SP), h.local("2026-11-30T14:00", SP)]) {
      h.clock.set(at); // the note at the start of Ana's day, the nudge in her afternoon
      await planner.tick(at);
    }
    const ana = (await h.internship("ana-2026")).id;
    const nudges = (await h.store.outbox.list()).filter((o) => o.key.startsWith(`nudge:${ana}:`));
    expect(nudges).toHaveLength(1);
    const nudge = nudges[0]!.payload;
    expect(`${nudge.text} ${nudge.reason}`).not.toContain("Bram");
    expect(nudge.reason).toContain("Chloé Martin gets a short private note");
    const note = (await h.store.outbox.list()).find((o) => o.key.startsWith(`isolation-risk:${ana}:`));
    expect(note?.recipientId).toBe((await h.person("chloe")).id);
    expect(note?.payload.reason).toMatch(/you cover for Bram Peeters, who is on leave/);
  });
});
