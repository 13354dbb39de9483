/**
 * Check-ins, reply clocks, activity, introductions, signals and reflections: the same answers on both
 * stores, and one writer per dedupe key however the writers race.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { describeEachStore, sameOnEachStore } from "../helpers/each-store.js";
import { ANA, BRAM, CARLA, DAN, INTERNSHIP, seedTwoWorkspaces, WS } from "../helpers/seed-two-workspaces.js";
import type { TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** The scenario on a fresh store of each kind, after the seed; the same answer from both. */
const same = <T>(scenario: (store: TestStore) => Promise<T>) =>
  sameOnEachStore(
    async (store) => {
      await seedTwoWorkspaces(store);
      return scenario(store);
    },
    { now: T0 },
  );

describe("connection repositories answer alike on both stores", () => {
  it("check-ins: one per internship and date, settled once, listed by date", async () => {
    const result = await same(async ({ checkins }) => {
      const created = [
        await checkins.create(WS, INTERNSHIP, "2026-11-30", "due", at(0)),
        await checkins.create(WS, INTERNSHIP, "2026-11-30", "skipped", at(1)),
        await checkins.create(WS, INTERNSHIP, "2026-11-27", "skipped", at(2)),
        await checkins.create(WS, INTERNSHIP, "2026-12-01", "due", at(3)),
      ];
      const first = (await checkins.get(INTERNSHIP, "2026-11-30"))!;
      await checkins.setStatus(first.id, "sent", at(4));
      await checkins.setStatus(first.id, "sent");
      await checkins.answer(first.id, { progress: "survey drafted", connectedness: 4 }, "partial", at(5));
      const settled = [
        await checkins.settle(first.id, "answered", at(6)),
        await checkins.settle(first.id, "missed", at(7)),
      ];
      return {
        created,
        settled,
        first: await checkins.byId(WS, first.id),
        otherWorkspace: await checkins.byId(2, first.id),
        missing: await checkins.get(INTERNSHIP, "2026-01-01"),
        unsettled: await checkins.unsettledBefore(INTERNSHIP, "2026-12-01"),
        recent: await checkins.recent(INTERNSHIP, 2),
        between: await checkins.between(INTERNSHIP, "2026-11-27", "2026-11-30"),
      };
    });
    expect(result.created).toEqual([true, false, true, true]);
    expect(result.settled).toEqual([true, false]);
    expect(result.first).toMatchObject({ status: "answered", progress: "survey drafted", sentAt: at(4) });
    expect(result.first).not.toHaveProperty("blockers");
    expect(result.recent.map((c) => c.date)).toEqual(["2026-12-01", "2026-11-30"]);
  });

  it("reply clocks: one per message, closed once, in the order each list promises", async () => {
    const result = await same(async ({ replyClocks, transaction }) => {
      const clock = (messageRef: string, conversation: string, sentMinute: number, dueMinute: number) =>
        replyClocks.start({
          workspaceId: WS,
          internshipId: INTERNSHIP,
          conversation,
          messageRef,
          direction: "to_company",
          authorId: ANA,
          responderId: BRAM,
          sentAt: at(sentMinute),
          allowedMs: 3_600_000,
          dueAt: at(dueMinute),
          ...(messageRef === "m1" ? { threadRef: "t1", permalink: "https://x/m1" } : {}),
        });
      const started = [
        await clock("m1", "C2", 5, 90),
        await clock("m1", "C2", 6, 91),
        await clock("m2", "C2", 5, 60),
        await clock("m3", "C1", 1, 60),
        await clock("m1", "C1", 2, 30),
        // Ties in time, with ids in another order than conversations and due times.
        await clock("m6", "C3", 8, 50),
        await clock("m4", "C9", 8, 95),
        await clock("m5", "C3", 8, 70),
      ];
      const m2 = started[2]!;
      const closed = [
        await replyClocks.close(m2.id, at(20), BRAM, "reply", 900_000),
        await replyClocks.close(m2.id, at(21), undefined, "noreply"),
      ];
      await replyClocks.setDue(started[3]!.id, at(120));
      await replyClocks.close(started[5]!.id, at(30), BRAM, "reply", 60_000);
      return {
        started,
        closed,
        openIn: await replyClocks.openIn(WS, "C2"),
        openByMessage: await replyClocks.openByMessage(WS, "m1"),
        openFor: await replyClocks.openFor(INTERNSHIP),
        askedBy: await replyClocks.openAskedBy(WS, ANA),
        since: await replyClocks.since(INTERNSHIP, at(2)),
        otherWorkspace: await replyClocks.openIn(2, "C1"),
        // Asked together in one transaction (PostgreSQL reads them in one statement): each its own, in order.
        together: await transaction(() =>
          Promise.all([
            replyClocks.openIn(WS, "C3"),
            replyClocks.openIn(WS, "C2"),
            replyClocks.openIn(2, "C1"),
            replyClocks.openIn(WS, "C1"),
            replyClocks.openIn(WS, "C2"),
            replyClocks.openIn(WS, "none"),
          ]),
        ),
      };
    });
    expect(result.together.map((list) => list.map((c) => c.messageRef))).toEqual([
      ["m5"],
      ["m1"],
      [],
      ["m3", "m1"],
      ["m1"],
      [],
    ]);
    expect(result.together[1]).toEqual(result.openIn);
    expect(result.started[1]).toBeUndefined();
    expect(result.closed).toEqual([true, false]);
    expect(result.since.find((c) => c.messageRef === "m2")).toMatchObject({
      closedBy: BRAM,
      replyMs: 900_000,
    });
    const refs = (clocks: { messageRef: string }[]) => clocks.map((c) => c.messageRef);
    expect(refs(result.openFor)).toEqual(["m1", "m5", "m1", "m4", "m3"]);
    expect(refs(result.askedBy)).toEqual(["m5", "m4", "m1", "m1", "m3"]);
    expect(result.openByMessage.map((c) => c.conversation)).toEqual(["C1", "C2"]);
    expect(refs(result.since)).toEqual(["m1", "m1", "m2", "m5", "m4", "m6"]);
  });

  it("activity: last message, thread participants by id, exchanges and meetings by time", async () => {
    const result = await same(async ({ activity }) => {
      for (const [person, minute] of [
        [CARLA, 3],
        [ANA, 1],
        [BRAM, 2],
        [ANA, 4],
      ] as const) {
        await activity.record(WS, INTERNSHIP, person, "C1", "t1", at(minute));
      }
      await activity.record(WS, INTERNSHIP, DAN, "C1", "t2", at(5));
      for (const [person, source] of [
        [CARLA, "mention"],
        [BRAM, "thread"],
        [DAN, "meeting"],
      ] as const) {
        await activity.addExchange(WS, { internshipId: INTERNSHIP, personId: person, source, at: at(10) });
      }
      const meetings = [
        await activity.addMeeting(WS, INTERNSHIP, CARLA, "coffee chat", at(30)),
        await activity.addMeeting(WS, INTERNSHIP, BRAM, undefined, at(30)),
        await activity.addMeeting(WS, INTERNSHIP, DAN, undefined, at(20)),
      ];
      return {
        meetings,
        lastByAna: await activity.lastBy(INTERNSHIP, ANA),
        lastByNobody: await activity.lastBy(INTERNSHIP, 99),
        participants: await activity.threadParticipants(INTERNSHIP, "C1", "t1"),
        noParticipants: await activity.threadParticipants(INTERNSHIP, "C1", "t9"),
        // Who wrote before the reply, not the reply's author; then the reply counts like any record.
        replyBefore: await activity.recordInThread(WS, INTERNSHIP, DAN, "C1", "t1", at(6)),
        firstInThread: await activity.recordInThread(WS, INTERNSHIP, DAN, "C1", "t8", at(6)),
        participantsAfter: await activity.threadParticipants(INTERNSHIP, "C1", "t1"),
        lastByDan: await activity.lastBy(INTERNSHIP, DAN),
        exchanges: await activity.exchangesSince(INTERNSHIP, at(10)),
        noExchanges: await activity.exchangesSince(INTERNSHIP, at(11)),
        meetingsSince: await activity.meetingsSince(INTERNSHIP, at(0)),
        lastMeeting: await activity.lastMeeting(INTERNSHIP),
        noMeeting: await activity.lastMeeting(2),
      };
    });
    expect(result.participants).toEqual([ANA, BRAM, CARLA]);
    expect(result.replyBefore).toEqual([ANA, BRAM, CARLA]);
    expect(result.firstInThread).toEqual([]);
    expect(result.participantsAfter).toEqual([ANA, BRAM, CARLA, DAN]);
    expect(result.lastByDan).toEqual(at(6));
    expect(result.lastByAna).toEqual(at(4));
    expect(result.exchanges.map((e) => e.personId)).toEqual([CARLA, BRAM, DAN]);
    expect(result.meetingsSince.map((m) => m.personId)).toEqual([DAN, CARLA, BRAM]);
    expect(result.lastMeeting).toEqual({ id: 2, internshipId: INTERNSHIP, personId: BRAM, at: at(30) });
  });

  it("introductions: one per pair ever, statuses and counts as SQLite keeps them", async () => {
    const result = await same(async ({ introductions }) => {
      const proposed = [
        await introductions.propose(WS, INTERNSHIP, DAN, at(10)),
        await introductions.propose(WS, INTERNSHIP, CARLA, at(10)),
        await introductions.propose(WS, INTERNSHIP, DAN, at(11)),
        await introductions.propose(WS, 2, DAN, at(5)),
      ];
      const [dan, carla, , eve] = proposed;
      await introductions.setStatus(dan!.id, "accepted", at(20), { conversation: "D1" });
      await introductions.setStatus(dan!.id, "held", at(30), { metAnswer: true, rescheduled: true });
      await introductions.setStatus(carla!.id, "declined", at(25));
      await introductions.setStatus(eve!.id, "not_held", at(40), { metAnswer: true });
      return {
        proposed,
        dan: await introductions.get(WS, dan!.id),
        otherWorkspace: await introductions.get(2, dan!.id),
        forInternship: await introductions.forInternship(INTERNSHIP),
        forDan: await introductions.forColleague(DAN),
        danCount: await introductions.countForColleagueSince(DAN, at(0)),
        carlaCount: await introductions.countForColleagueSince(CARLA, at(0)),
        lastToDan: await introductions.lastProposedTo(DAN),
        lastToBram: await introductions.lastProposedTo(BRAM),
      };
    });
    expect(result.proposed[2]).toBeUndefined();
    expect(result.dan).toMatchObject({ status: "held", conversation: "D1", rescheduled: true });
    expect(result.forDan.map((i) => i.internshipId)).toEqual([2, INTERNSHIP]);
    expect([result.danCount, result.carlaCount]).toEqual([2, 0]);
    expect(result.lastToBram).toBeUndefined();
  });

  it("signals and reflections: one per day or week, rewritten in place, listed in order", async () => {
    const result = await same(async ({ signals, reflections }) => {
      const signal = (date: string, level: "ok" | "watch" | "at_risk", minute: number) =>
        signals.save(WS, {
          internshipId: INTERNSHIP,
          date,
          level,
          reasons: level === "ok" ? [] : [{ code: "quiet", text: "Quiet for two days" }],
          inputs: { messages: level === "ok" ? 3 : 0, connectedness: null },
          computedAt: at(minute),
        });
      await signal("2026-11-30", "watch", 1);
      await signal("2026-11-27", "ok", 2);
      await signal("2026-11-30", "at_risk", 3);
      await reflections.save(
        WS,
        { internshipId: INTERNSHIP, week: "2026-W49", text: "first", shared: false },
        at(1),
      );
      await reflections.save(
        WS,
        { internshipId: INTERNSHIP, week: "2026-W48", text: "older", shared: true },
        at(2),
      );
      await reflections.save(
        WS,
        { internshipId: INTERNSHIP, week: "2026-W49", text: "second", shared: true },
        at(3),
      );
      return {
        latest: await signals.latest(INTERNSHIP),
        none: await signals.latest(2),
        between: await signals.between(INTERNSHIP, "2026-11-01", "2026-11-30"),
        reflections: await reflections.forInternship(INTERNSHIP),
      };
    });
    expect(result.latest).toMatchObject({ date: "2026-11-30", level: "at_risk", computedAt: at(3) });
    expect(result.between.map((s) => s.date)).toEqual(["2026-11-27", "2026-11-30"]);
    expect(result.reflections).toEqual([
      { internshipId: INTERNSHIP, week: "2026-W48", text: "older", shared: true, createdAt: at(2) },
      { internshipId: INTERNSHIP, week: "2026-W49", text: "second", shared: true, createdAt: at(1) },
    ]);
  });
});

describeEachStore(
  "writers racing for one dedupe key",
  (each) => {
    beforeEach(() => seedTwoWorkspaces(each.store));

    const clockInput = {
      workspaceId: WS,
      internshipId: INTERNSHIP,
      conversation: "C1",
      messageRef: "m1",
      direction: "to_company" as const,
      authorId: ANA,
      responderId: BRAM,
      sentAt: at(0),
      allowedMs: 60_000,
      dueAt: at(1),
    };

    it("gives each dedupe key to exactly one of several concurrent writers", async () => {
      const { checkins, replyClocks, introductions } = each.store;
      const times = <T>(n: number, fn: () => Promise<T>) => Promise.all(Array.from({ length: n }, fn));
      const created = await times(6, () => checkins.create(WS, INTERNSHIP, "2026-11-30", "due", at(0)));
      const clocks = await times(6, () => replyClocks.start(clockInput));
      const intros = await times(6, () => introductions.propose(WS, INTERNSHIP, DAN, at(0)));
      expect(created.filter(Boolean)).toHaveLength(1);
      expect(clocks.filter(Boolean)).toHaveLength(1);
      expect(intros.filter(Boolean)).toHaveLength(1);

      const id = (await checkins.get(INTERNSHIP, "2026-11-30"))!.id;
      const settled = await times(6, () => checkins.settle(id, "missed", at(1)));
      const closed = await times(6, () =>
        replyClocks.close(clocks.find(Boolean)!.id, at(1), BRAM, "reply", 5),
      );
      expect(settled.filter(Boolean)).toHaveLength(1);
      expect(closed.filter(Boolean)).toHaveLength(1);
    });

    it("makes a second writer wait for the first one's transaction, then answers by its outcome", async () => {
      const store = each.store;
      let inserted!: () => void;
      const insertedInTransaction = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      let finish!: (commit: boolean) => void;
      const decided = new Promise<boolean>((resolve) => {
        finish = resolve;
      });
      const holder = (date: string) =>
        store.transaction(async () => {
          expect(await store.checkins.create(WS, INTERNSHIP, date, "due", at(0))).toBe(true);
          inserted();
          if (!(await decided)) throw new Error("rolled back");
        });

      // Committed: the waiting writer sees the row and writes nothing.
      const committed = holder("2026-11-30");
      await insertedInTransaction;
      const waiting = store.checkins.create(WS, INTERNSHIP, "2026-11-30", "skipped", at(1));
      await new Promise((resolve) => setTimeout(resolve, 100));
      finish(true);
      await committed;
      expect(await waiting).toBe(false);
      expect((await store.checkins.get(INTERNSHIP, "2026-11-30"))?.status).toBe("due");
    });

    it("lets a second writer take the key when the first one's transaction rolls back", async () => {
      const store = each.store;
      let inserted!: () => void;
      const insertedInTransaction = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      let rollBack!: () => void;
      const rolled = new Promise<void>((resolve) => {
        rollBack = resolve;
      });
      const holder = store.transaction(async () => {
        expect(await store.introductions.propose(WS, INTERNSHIP, DAN, at(0))).toBeDefined();
        inserted();
        await rolled;
        throw new Error("rolled back");
      });
      await insertedInTransaction;
      const waiting = store.introductions.propose(WS, INTERNSHIP, DAN, at(1));
      await new Promise((resolve) => setTimeout(resolve, 100));
      rollBack();
      await expect(holder).rejects.toThrow("rolled back");
      expect(await waiting).toMatchObject({ colleagueId: DAN, proposedAt: at(1) });
    });
  },
  { now: T0 },
);
