/**
 * Platform references, installations, person data and retention: the same answers and the same rows left
 * on both stores, and a person's erasure all at once.
 */
import { describe, expect, it } from "vitest";
import { describeEachStore, sameOnEachStore } from "../helpers/each-store.js";
import { ANA, BRAM, CARLA, DAN, seedTwoWorkspaces, WS } from "../helpers/seed-two-workspaces.js";
import { rawRows, type TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const DAY = 86_400_000;

/** The scenario on a fresh store of each kind, after the seed; the same answer from both. */
const same = <T>(scenario: (store: TestStore) => Promise<T>) =>
  sameOnEachStore(
    async (store) => {
      await seedTwoWorkspaces(store);
      return scenario(store);
    },
    { now: T0 },
  );

/** What Tandem holds around Ana (intern of internship 1), written the same way on both stores. */
async function anaWithHistory(store: TestStore): Promise<void> {
  const repos = store;
  const raw = (text: string) => rawRows(store, text);
  await repos.checkins.create(WS, 1, "2026-11-27", "due", at(-3 * 24 * 60));
  await repos.checkins.create(WS, 1, "2026-11-30", "due", at(0));
  await repos.checkins.answer(2, { progress: "survey drafted", blockers: "contract late" }, "partial", at(1));
  await repos.checkins.create(WS, 2, "2026-06-29", "due", at(-150 * 24 * 60));
  await repos.reflections.save(
    WS,
    { internshipId: 1, week: "2026-W49", text: "by email", shared: true },
    at(2),
  );
  await repos.reflections.save(
    WS,
    { internshipId: 1, week: "2026-W49", text: "by email!", shared: true },
    at(3),
  );
  await repos.reflections.save(
    WS,
    { internshipId: 2, week: "2026-W26", text: "eve's", shared: false },
    at(3),
  );
  const rated = {
    criteria: { teamwork: { score: 4, comment: "asks well" } },
    outcomes: { survey: "partly" as const },
  };
  await repos.evaluations.submit(
    WS,
    { internshipId: 1, round: "midterm", side: "intern", authorId: ANA, answers: rated },
    at(3),
  );
  await repos.evaluations.submit(
    WS,
    {
      internshipId: 1,
      round: "midterm",
      side: "supervisor",
      authorId: BRAM,
      answers: { ...rated, criteria: {} },
    },
    at(3),
  );
  await repos.activity.addMeeting(WS, 1, CARLA, "coffee chat", at(4));
  await repos.activity.addMeeting(WS, 1, BRAM, undefined, at(5));
  await repos.introductions.propose(WS, 1, DAN, at(6));
  await repos.introductions.propose(WS, 2, CARLA, at(6));
  const clock = await repos.replyClocks.start({
    workspaceId: WS,
    internshipId: 1,
    conversation: "C1",
    messageRef: "m1",
    permalink: "https://chat/m1",
    direction: "to_company",
    authorId: ANA,
    responderId: BRAM,
    sentAt: at(7),
    allowedMs: 3_600_000,
    dueAt: at(67),
  });
  await repos.replyClocks.close(clock!.id, at(9), BRAM, "reply", 120_000);
  await repos.replyClocks.start({
    workspaceId: WS,
    internshipId: 1,
    conversation: "C0",
    messageRef: "m2",
    direction: "to_intern",
    authorId: BRAM,
    responderId: ANA,
    sentAt: at(8),
    allowedMs: 3_600_000,
    dueAt: at(68),
  });
  const outbox = (key: string, recipient: number | "NULL", status: string, text: string, minute: number) =>
    raw(`INSERT INTO outbox (workspace_id, key, recipient_id, address, payload, status, not_before, created_at, sent_at,
           lease_until)
         VALUES (1, '${key}', ${recipient}, 'console:test:user:x', '{"text":"${text}"}', '${status}', ${at(minute).getTime()},
           ${at(minute).getTime()}, ${status === "sent" ? at(minute + 1).getTime() : "NULL"},
           ${status === "sending" ? at(minute + 5).getTime() : "NULL"})`);
  await outbox("checkin:1:2026-11-30", ANA, "sent", "How was your day?", 0);
  await outbox("nudge:1:2026-12-01", ANA, "pending", "Hello Ana", 10);
  await outbox("checkin-summary:1:2026-11-30", BRAM, "sending", "survey drafted", 11);
  await outbox("CHECKIN-SUMMARY:1:2026-11-29", BRAM, "sent", "shouting", 11);
  await outbox("checkin-summary:10:2026-11-30", BRAM, "pending", "someone else", 12);
  await outbox("blocker:2:bram", BRAM, "sent", "contract late", 12);
  await outbox("checkin-answer:1:x", BRAM, "dead", "older answer", 13);
  await outbox("digest:2026-11-30:1:bram", BRAM, "pending", "week of Ana", 14);
  await outbox("notice:9", DAN, "pending", "Ana Souza is on leave", 15);
  await outbox("welcome:2", BRAM, "sent", "Welcome Bram", 16);
  await raw(`INSERT INTO leave_periods (workspace_id, person_id, from_date, to_date, source, created_at) VALUES
    (1, 1, '2026-12-20', '2026-12-31', 'programme', 0), (1, 1, '2026-12-01', '2026-12-02', 'command', 0),
    (1, 2, '2026-12-24', '2026-12-26', 'command', 0)`);
  await raw(`INSERT INTO milestones (id, workspace_id, internship_id, title, due_date, status, block_reason, created_by,
    created_at, updated_at) VALUES (1, 1, 1, 'Market study', '2026-12-15', 'blocked', 'no data', 1, 0, 0),
    (2, 1, 1, 'Final report', '2027-03-01', 'planned', NULL, 2, 0, 0)`);
  await raw(`INSERT INTO milestone_history (workspace_id, milestone_id, action, actor_id, note, at) VALUES
    (1, 1, 'add', 1, 'my plan', 0), (1, 1, 'block', 1, 'no data', 1), (1, 2, 'add', 2, NULL, 2)`);
  await raw(`INSERT INTO agreements (id, workspace_id, internship_id, version, terms, created_by, created_at, state,
    decided_by, decline_reason) VALUES (1, 1, 1, 1, '{"replyHours":24}', NULL, 0, 'agreed', NULL, NULL),
    (2, 1, 1, 2, '{"replyHours":8}', 2, 1, 'declined', 1, 'too fast for me')`);
  await raw(`INSERT INTO audit_log (workspace_id, actor_id, actor_label, action, entity, entity_id, detail, at) VALUES
    (1, 1, 'ana', 'milestone.add', 'milestone', 1, '{"title":"Market study"}', 0),
    (1, NULL, 'cli', 'person.leave', 'person', 1, '{"from":"2026-12-01"}', 1),
    (1, 2, 'bram', 'milestone.add', 'milestone', 2, '{"title":"Final report"}', 2)`);
  await raw(`INSERT INTO platform_references (platform, workspace, kind, key, reference, updated_at) VALUES
    ('console', 'test', 'user', 'ana', 'ref-ana', 0), ('console', 'test', 'user', 'U_ANA', 'ref-ana-slack', 0),
    ('console', 'test', 'user', 'bram', 'ref-bram', 0), ('console', 'test', 'conversation', 'ana', 'conv', 0)`);
}

/** Every row of the tables a person's data lives in, in a fixed order. */
async function dump(store: TestStore): Promise<Record<string, string[]>> {
  const tables = [
    "people",
    "person_identities",
    "leave_periods",
    "checkins",
    "reflections",
    "evaluations",
    "milestones",
    "milestone_history",
    "meetings",
    "introductions",
    "tracked_messages",
    "agreements",
    "outbox",
    "audit_log",
    "platform_references",
    "inbound_events",
  ];
  const rows: Record<string, string[]> = {};
  for (const table of tables) {
    rows[table] = (await rawRows(store, `SELECT * FROM ${table}`))
      .map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1))))
      .sort();
  }
  return rows;
}

describe("platform and privacy repositories answer alike on both stores", () => {
  it("platform references: written only when changed, found per platform, workspace, kind and key", async () => {
    const result = await same(async (store) => {
      const { platformRefs } = store;
      const raw = (text: string) => rawRows(store, text);
      await platformRefs.save("teams", "tenant", "user", "u1", "ref-a", at(0));
      await platformRefs.save("teams", "tenant", "user", "u1", "ref-a", at(1));
      const unchanged = await raw("SELECT reference, updated_at FROM platform_references WHERE key = 'u1'");
      await platformRefs.save("teams", "tenant", "user", "u1", "ref-b", at(2));
      await platformRefs.save("teams", "tenant", "conversation", "u1", "conv", at(3));
      return {
        unchanged,
        changed: await raw("SELECT reference, updated_at FROM platform_references WHERE kind = 'user'"),
        user: await platformRefs.get("teams", "tenant", "user", "u1"),
        conversation: await platformRefs.get("teams", "tenant", "conversation", "u1"),
        otherTenant: await platformRefs.get("teams", "other", "user", "u1"),
        otherPlatform: await platformRefs.get("slack", "tenant", "user", "u1"),
      };
    });
    expect(result.unchanged).toEqual([{ reference: "ref-a", updated_at: at(0).getTime() }]);
    expect(result.changed).toEqual([{ reference: "ref-b", updated_at: at(2).getTime() }]);
    expect(result.user).toBe("ref-b");
    expect(result.otherTenant).toBeUndefined();
  });

  it("installations: one per platform and workspace, listed in byte order of the workspace id", async () => {
    const result = await same(async ({ installations }) => {
      for (const workspace of ["b", "B", "a", "_x", "Z1", "T9"]) {
        await installations.save("slack", workspace, `data-${workspace}`, at(0));
      }
      await installations.save("slack", "T9", "data-T9-again", at(1));
      await installations.save("teams", "a", "teams-a", at(1));
      await installations.remove("slack", "b");
      await installations.remove("slack", "missing");
      return {
        slack: await installations.list("slack"),
        teams: await installations.list("teams"),
        t9: await installations.get("slack", "T9"),
        removed: await installations.get("slack", "b"),
      };
    });
    expect(result.slack.map((i) => i.workspace)).toEqual(["B", "T9", "Z1", "_x", "a"]);
    expect(result.t9).toBe("data-T9-again");
    expect(result.removed).toBeUndefined();
  });

  it("person data: the same export, the same erasure counts and the same rows left", async () => {
    const result = await same(async (store) => {
      await anaWithHistory(store);
      const { personData } = store;
      const exports = {
        ana: await personData.export(WS, ANA),
        bram: await personData.export(WS, BRAM),
        dan: await personData.export(WS, DAN),
        nobody: await personData.export(WS, 99),
        otherWorkspace: await personData.export(2, ANA),
      };
      const counts = await personData.erase(WS, ANA, at(60));
      return { exports, counts, after: await dump(store), again: await personData.export(WS, ANA) };
    });
    expect(result.exports.ana.checkins).toHaveLength(2);
    // Evaluations: the ones about Ana (hers and Bram's), the one Bram wrote, none of Dan's.
    expect((result.exports.ana.evaluations as { side: string }[]).map((e) => e.side)).toEqual([
      "intern",
      "supervisor",
    ]);
    expect((result.exports.ana.evaluations as { answers: unknown }[])[0]?.answers).toEqual(
      expect.objectContaining({ outcomes: { survey: "partly" } }),
    );
    expect(result.exports.bram.evaluations).toHaveLength(1);
    expect(result.exports.dan.evaluations).toEqual([]);
    expect((result.exports.ana.replyClocks as { conversation: string }[]).map((c) => c.conversation)).toEqual(
      ["C0", "C1"],
    );
    expect(result.exports.ana.profile).toMatchObject({ name: "Ana Souza", languages: [] });
    expect(result.counts).toEqual({
      checkins: 2,
      reflections: 1,
      evaluations: 2,
      milestones: 1,
      milestoneHistory: 2,
      meetings: 2,
      agreements: 1,
      replyClocks: 2,
      outbox: 8,
      audit: 2,
      identities: 2,
      leave: 2,
      profile: 1,
    });
    const left = JSON.stringify(result.after);
    for (const words of [
      "Ana Souza",
      "survey drafted",
      "contract late",
      "by email",
      "no data",
      "my plan",
      "asks well",
    ]) {
      expect(left).not.toContain(words);
    }
    expect(left).toContain("someone else");
    expect(left).toContain("ref-bram");
    expect(left).not.toContain("ref-ana");
  });

  it("retention: deletes and blanks in batches the same rows, and keeps what is younger", async () => {
    const result = await same(async (store) => {
      await anaWithHistory(store);
      const { retention } = store;
      const raw = (text: string) => rawRows(store, text);
      for (const [id, daysAgo] of [
        ["e1", 40],
        ["e2", 35],
        ["e3", 31],
        ["e4", 2],
      ] as const) {
        await raw(`INSERT INTO inbound_events (platform, workspace, event_id, received_at)
            VALUES ('slack', 'T1', '${id}', ${T0.getTime() - daysAgo * DAY})`);
      }
      const monthAgo = new Date(T0.getTime() - 30 * DAY);
      const calls = {
        inbound: [
          await retention.purgeInbound(monthAgo, 2),
          await retention.purgeInbound(monthAgo, 2),
          await retention.purgeInbound(monthAgo, 2),
        ],
        outbox: [
          await retention.blankOutboxPayloads(at(20), 2),
          await retention.blankOutboxPayloads(at(20), 2),
          await retention.blankOutboxPayloads(at(20), 2),
          await retention.blankOutboxPayloads(at(20), 2),
        ],
        answers: [
          await retention.purgeAnswers("2026-07-01", 0),
          await retention.purgeAnswers("2026-07-01", 1),
          await retention.purgeAnswers("2026-07-01", 5),
          await retention.purgeAnswers("2026-07-01", 5),
        ],
      };
      return { calls, after: await dump(store) };
    });
    expect(result.calls).toEqual({ inbound: [2, 1, 0], outbox: [2, 2, 1, 0], answers: [0, 1, 1, 0] });
    expect(result.after.inbound_events).toHaveLength(1);
    expect(result.after.checkins).toHaveLength(2);
  });
});

describeEachStore(
  "a person's erasure",
  (each) => {
    it("happens all at once: a throw in the caller's transaction leaves every row", async () => {
      const { store } = each;
      await seedTwoWorkspaces(store);
      await anaWithHistory(store);
      const before = await dump(store);
      await expect(
        store.transaction(async () => {
          await store.personData.erase(WS, ANA, at(60));
          throw new Error("audit failed");
        }),
      ).rejects.toThrow("audit failed");
      expect(await dump(store)).toEqual(before);
    });
  },
  { now: T0 },
);
