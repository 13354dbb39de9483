import { describe, expect, it } from "vitest";
import { createPlanner } from "../../src/services/planner.js";
import { createPatternRule } from "../../src/services/rules/pattern-rule.js";
import { createReplyRule } from "../../src/services/rules/reply-rule.js";
import { createWeeklyDigestRule } from "../../src/services/rules/weekly-digest-rule.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";
const HOUR = 3_600_000;

/** The real store and calendar; the reply, pattern and digest rules planning into the outbox. */
async function setup() {
  const h = await createServiceHarness();
  const log = h.log.log;
  const planner = createPlanner({
    store: h.store,
    rules: [
      createReplyRule({ store: h.store, log }),
      createPatternRule({ store: h.store, log }),
      createWeeklyDigestRule({ store: h.store, log }),
    ],
    log,
  });
  const ana = await h.internship("ana-2026");
  let n = 0;
  const post = async (
    user: string,
    at: Date,
    options: { mentions?: string[]; question?: boolean; thread?: string } = {},
  ) => {
    n += 1;
    h.clock.set(at);
    await h.homeMessage(user, at, {
      id: `ev-${n}`,
      ref: `m${n}`,
      mentions: options.mentions ?? [],
      asks: options.question ?? false,
      thread: options.thread,
    });
  };
  /** Ticks every hour from `from` (a Brussels wall-clock time) until `to`, as the metronome would. */
  const tickUntil = async (from: string, to: string) => {
    for (let t = h.local(from, BXL).getTime(); t <= h.local(to, BXL).getTime(); t += HOUR) {
      h.clock.set(new Date(t));
      await planner.tick(new Date(t));
    }
  };
  const rows = async (prefix: string) =>
    (await h.store.outbox.list()).filter((o) => o.key.startsWith(prefix));
  const toLena = async () => {
    const lenaId = (await h.person("lena")).id;
    return (await h.store.outbox.list()).filter((o) => o.recipientId === lenaId);
  };
  /** Bram mentions Ana at 15:00 Brussels (11:00 in São Paulo) on each of these days; she never answers. */
  const unanswered = async (...days: string[]) => {
    for (const day of days)
      await post("bram", h.local(`${day}T15:00`, BXL), { mentions: ["ana"], question: true });
  };
  return { h, ana, post, tickUntil, rows, toLena, unanswered };
}

describe("the coordinator hears about patterns only", () => {
  it("never tells the coordinator about one unanswered mention of the intern", async () => {
    const { tickUntil, toLena, unanswered } = await setup();
    await unanswered("2026-12-01");
    await tickUntil("2026-12-01T15:00", "2026-12-11T23:00");
    // Only her weekly digests, where the figures belong.
    expect(new Set((await toLena()).map((o) => o.key.split(":")[0]))).toEqual(new Set(["digest"]));
  });

  it("sends the coordinator one private note with the figures after three missed replies within two weeks", async () => {
    const { h, ana, tickUntil, rows, unanswered } = await setup();
    await unanswered("2026-12-01", "2026-12-02");
    await tickUntil("2026-12-01T15:00", "2026-12-03T14:00");
    expect(await rows("pattern:")).toEqual([]); // two are not a pattern
    await unanswered("2026-12-03");
    await tickUntil("2026-12-03T15:00", "2026-12-04T18:00");
    const notes = await rows("pattern:");
    expect(notes.map((o) => [o.key, o.recipientId])).toEqual([
      [`pattern:${ana.id}:2026-W49`, (await h.person("lena")).id],
    ]);
    const note = notes[0]!;
    // Due at 15:00 in São Paulo (19:00 in Berlin): written at the start of the coordinator's next working day.
    expect(note.notBefore).toEqual(h.local("2026-12-04T09:00", "Europe/Berlin"));
    expect(note.address).toContain(":user:");
    expect(note.payload.text).toBe(
      [
        "A pattern in Ana Souza's internship worth a look, over the two weeks to Fri 4 Dec 2026:",
        "- Replies from Ana Souza: 3 of 3 questions missed the agreed 4h (3 still without a reply)",
        "What you might do:",
        '- Ask Ana Souza how the work is going and whether 4h still fits their days; both sides can agree a different reply time ("agreement set reply.intern").',
      ].join("\n"),
    );
    expect(note.payload.reason).toContain("never about a single message, and at most once a week");
  });

  it("writes the note in the coordinator's working time, with the figures of that moment", async () => {
    const { h, post, tickUntil, rows, unanswered } = await setup();
    await unanswered("2026-12-01", "2026-12-02", "2026-12-03");
    await tickUntil("2026-12-01T15:00", "2026-12-03T23:00");
    expect(await rows("pattern:")).toEqual([]); // Lena's day ended at 17:00
    await post("ana", h.local("2026-12-03T20:00", SP), { thread: "m3" }); // late, at night
    await tickUntil("2026-12-04T00:00", "2026-12-04T10:00");
    expect((await rows("pattern:"))[0]?.payload.text).toContain(
      "3 of 3 questions missed the agreed 4h (1 answered late, 2 still without a reply)",
    );
  });

  it("counts late answers too, and names who on the company side missed how many", async () => {
    const { h, post, tickUntil, rows } = await setup();
    // Ana asks three questions in a row; Bram answers one late, two stay open; Chloé is asked once and answers late.
    await post("ana", h.local("2026-11-30T10:00", SP), { question: true });
    await post("ana", h.local("2026-11-30T10:05", SP), { question: true });
    await post("ana", h.local("2026-11-30T10:10", SP), { mentions: ["chloe"], question: true });
    await tickUntil("2026-11-30T14:00", "2026-12-03T18:00");
    const note = (await rows("pattern:"))[0];
    expect(note?.payload.text).toContain(
      "- Replies to Ana Souza: 3 of 3 questions missed the agreed 8h (3 still without a reply; Bram Peeters 2, Chloé Martin 1)",
    );
    expect(note?.payload.text).toContain(
      "- Ask Bram Peeters whether 8h fits the company's week, or whether Chloé Martin could take more of Ana Souza's questions.",
    );
  });

  it("sends the note for an at-risk connection signal too, with its reasons", async () => {
    const { h, ana, tickUntil, rows } = await setup();
    await h.store.signals.save(h.workspace.id, {
      internshipId: ana.id,
      date: "2026-12-01",
      level: "at_risk",
      reasons: [{ code: "quiet", text: "5 working days have passed without a message from the intern" }],
      inputs: { quietWorkingDays: 5 },
      computedAt: h.local("2026-12-01T09:00", SP),
    });
    await tickUntil("2026-12-01T13:00", "2026-12-01T15:00");
    const notes = await rows("pattern:");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.payload.text).toContain(
      "- Connection signal at risk: 5 working days have passed without a message from Ana Souza in the team's conversations",
    );
    expect(notes[0]?.payload.text).toContain("- A short call with Ana Souza");
  });

  it("sends no second note within the week, however many more replies are missed", async () => {
    const { ana, tickUntil, rows, unanswered } = await setup();
    await unanswered("2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04");
    await tickUntil("2026-12-01T15:00", "2026-12-06T23:00");
    expect((await rows("pattern:")).map((o) => o.key)).toEqual([`pattern:${ana.id}:2026-W49`]);
  });

  it("sends a later note only when something new happened since the last one", async () => {
    const { h, ana, tickUntil, rows, unanswered } = await setup();
    await unanswered("2026-12-01", "2026-12-02", "2026-12-03");
    await tickUntil("2026-12-01T15:00", "2026-12-10T14:00");
    // A week later the three are still within two weeks, but the coordinator knows about them.
    expect(await rows("pattern:")).toHaveLength(1);
    // (Not a Friday: its note would fall on Monday, the digest's morning, and the digest carries it.)
    await unanswered("2026-12-10");
    await tickUntil("2026-12-10T15:00", "2026-12-25T18:00");
    expect((await rows("pattern:")).map((o) => o.key)).toEqual([
      `pattern:${ana.id}:2026-W49`,
      `pattern:${ana.id}:2026-W50`,
    ]);
    // Thursday's question became overdue at 15:00 in São Paulo; the note is written in Lena's next working time.
    expect((await rows("pattern:"))[1]?.notBefore).toEqual(h.local("2026-12-11T09:00", "Europe/Berlin"));
    expect((await rows("pattern:"))[1]?.payload.text).toContain("4 of 4 questions missed the agreed 4h");
  });

  it("shows the pattern with its figures in the supervisor's digest and flags it in the coordinator's", async () => {
    const { h, ana, tickUntil, rows, unanswered } = await setup();
    await unanswered("2026-12-01", "2026-12-02", "2026-12-03");
    await tickUntil("2026-12-01T15:00", "2026-12-07T10:00");
    const supervisor = (await rows(`digest:${(await h.person("bram")).id}:${ana.id}:2026-W49`))[0];
    expect(supervisor?.payload.text).toContain(
      "Pattern worth a look (two weeks to Mon 7 Dec 2026): Replies from Ana Souza: 3 of 3 questions missed the agreed 4h (3 still without a reply)",
    );
    const coordinator = await h.store.outbox.get(
      h.workspace.id,
      `digest:${(await h.person("lena")).id}:2026-W49`,
    );
    expect(coordinator?.payload.text).toContain(
      "Ana Souza (@ana): needs attention: 100% of exchanges with Bram Peeters, 3 of 3 replies by Ana Souza missed the agreed 4h in two weeks, introductions behind the plan.",
    );
    // Ben, also supervised by Bram, has no pattern: his digests say nothing of the kind.
    const ben = (
      await rows(`digest:${(await h.person("bram")).id}:${(await h.internship("ben-2026")).id}:2026-W49`)
    )[0];
    expect(ben).toBeDefined();
    expect(ben?.payload.text).not.toContain("Pattern");
  });

  it("does not send the pattern note on the morning of the coordinator's digest, which carries it, nor repeat it after", async () => {
    const { h, ana, tickUntil, rows, toLena, unanswered } = await setup();
    // The third miss falls due on Friday evening in Berlin: the note would be written Monday 09:00, with the digest.
    await unanswered("2026-12-02", "2026-12-03", "2026-12-04");
    await tickUntil("2026-12-02T15:00", "2026-12-08T18:00");
    expect(await rows(`pattern:${ana.id}:`)).toEqual([]);
    const digest = await h.store.outbox.get(h.workspace.id, `digest:${(await h.person("lena")).id}:2026-W49`);
    expect(digest?.notBefore).toEqual(h.local("2026-12-07T09:00", "Europe/Berlin"));
    expect(digest?.payload.text).toContain("3 of 3 replies by Ana Souza missed the agreed 4h in two weeks");
    expect(new Set((await toLena()).map((o) => o.key.split(":")[0]))).toEqual(new Set(["digest"]));
  });

  it("does not flag a single late reply in the coordinator's digest", async () => {
    const { h, tickUntil, unanswered } = await setup();
    await unanswered("2026-12-01");
    await tickUntil("2026-12-01T15:00", "2026-12-07T10:00");
    const coordinator = await h.store.outbox.get(
      h.workspace.id,
      `digest:${(await h.person("lena")).id}:2026-W49`,
    );
    // Bram's messages are all of Ana's exchanges: that is flagged, the one late reply is not.
    expect(coordinator?.payload.text).toContain(
      "Ana Souza (@ana): needs attention: 100% of exchanges with Bram Peeters, introductions behind the plan. No check-ins;",
    );
  });
});
