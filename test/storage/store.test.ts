import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_TERMS } from "../../src/domain/agreement.js";
import type { PersonInput } from "../../src/ports/store.js";
import { describeEachStore } from "../helpers/each-store.js";
import { personInput } from "../helpers/person-input.js";
import { countRows, rawRows, type TestStore } from "../helpers/test-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let store: TestStore;
let ws: number;

const person = (key: string, overrides: Partial<PersonInput> = {}) =>
  personInput(key, { name: `${key[0]!.toUpperCase()}${key.slice(1)} Tester`, ...overrides });

async function add(key: string, overrides: Partial<PersonInput> = {}): Promise<number> {
  return (await store.people.upsert(ws, person(key, overrides), T0)).id;
}

const count = (table: string) => countRows(store, table);

describeEachStore(
  "the store",
  (each) => {
    beforeEach(async () => {
      store = each.store;
      ws = (await store.workspaces.ensure("console", "test", "Test", T0)).id;
    });

    describe("people", () => {
      it("reports a change on upsert only when a field or an id changed", async () => {
        const first = await store.people.upsert(ws, person("ana"), T0);
        expect(first.changed).toBe(true);
        expect(await store.people.upsert(ws, person("ana"), later(1))).toEqual({
          id: first.id,
          changed: false,
        });
        expect(
          (await store.people.upsert(ws, person("ana", { timezone: "America/Sao_Paulo" }), later(2))).changed,
        ).toBe(true);
        expect(
          (await store.people.upsert(ws, person("ana", { timezone: "America/Sao_Paulo" }), later(3))).changed,
        ).toBe(false);
        const withSlack = person("ana", {
          timezone: "America/Sao_Paulo",
          ids: { console: "ana", slack: "U1" },
        });
        expect((await store.people.upsert(ws, withSlack, later(4))).changed).toBe(true);
        expect((await store.people.upsert(ws, withSlack, later(5))).changed).toBe(false);
        expect((await store.people.upsert(ws, person("ana", { isColleague: true }), later(6))).changed).toBe(
          true,
        );

        const ana = (await store.people.get(ws, first.id))!;
        expect(ana).toMatchObject({ key: "ana", timezone: "Europe/Brussels", ids: { console: "ana" } });
        expect(ana.ids.slack).toBeUndefined();
        expect(await store.people.isColleague(first.id)).toBe(true);
        expect(await store.people.list(ws)).toHaveLength(1);
      });

      it("finds people by platform id, only in their own workspace and platform", async () => {
        const id = await add("ana", { ids: { console: "ana", slack: "U123" } });
        const other = (await store.workspaces.ensure("console", "other", "", T0)).id;
        expect((await store.people.byPlatformId(ws, "slack", "U123"))?.id).toBe(id);
        expect((await store.people.byPlatformId(ws, "console", "ana"))?.id).toBe(id);
        expect(await store.people.byPlatformId(ws, "teams", "U123")).toBeUndefined();
        expect(await store.people.byPlatformId(other, "slack", "U123")).toBeUndefined();
      });

      it("moves a platform id to its new holder when upsert gives it to someone else", async () => {
        const ana = await add("ana", { ids: { slack: "U1" } });
        const bram = await add("bram", { ids: { slack: "U2" } });
        expect(
          (await store.people.upsert(ws, person("ana", { ids: { slack: "U2" } }), later(1))).changed,
        ).toBe(true);
        expect((await store.people.byPlatformId(ws, "slack", "U2"))?.id).toBe(ana);
        expect((await store.people.get(ws, bram))?.ids).toEqual({});
        expect(
          (await store.people.upsert(ws, person("bram", { ids: { slack: "U1" } }), later(2))).changed,
        ).toBe(true);
        expect((await store.people.byPlatformId(ws, "slack", "U1"))?.id).toBe(bram);
      });

      it("finds people by handle: key or name without spaces, ignoring case", async () => {
        const ana = await add("ana", { name: "Ana Souza" });
        const chloe = await add("chloe", { name: "Chloé Martin" });
        expect((await store.people.byHandle(ws, "ana"))?.id).toBe(ana);
        expect((await store.people.byHandle(ws, "ANA"))?.id).toBe(ana);
        expect((await store.people.byHandle(ws, "anasouza"))?.id).toBe(ana);
        expect((await store.people.byHandle(ws, "AnaSouza"))?.id).toBe(ana);
        expect((await store.people.byHandle(ws, "ChloéMartin"))?.id).toBe(chloe);
        expect((await store.people.byHandle(ws, "CHLOÉMARTIN"))?.id).toBe(chloe);
        expect((await store.people.byHandle(ws, "chloe\u0301martin"))?.id).toBe(chloe); // accent typed as combining mark
        expect(await store.people.byHandle(ws, "Ana Souza")).toBeUndefined();
        expect(await store.people.byHandle(ws, "souza")).toBeUndefined();
      });

      it("keeps programme leave and command leave apart", async () => {
        const id = await add("ana");
        await store.people.addLeave(ws, id, { from: "2026-12-24", to: "2026-12-26" }, T0);
        const programme = [{ from: "2027-02-01", to: "2027-02-05" }];
        expect(await store.people.replaceLeave(ws, id, "programme", programme, T0)).toBe(true);
        expect(await store.people.replaceLeave(ws, id, "programme", programme, later(1))).toBe(false);
        expect(await store.people.leaveOf(id)).toEqual([
          { from: "2026-12-24", to: "2026-12-26", source: "command" },
          { from: "2027-02-01", to: "2027-02-05", source: "programme" },
        ]);
        // An import that drops the programme leave leaves the command leave alone.
        expect(await store.people.replaceLeave(ws, id, "programme", [], later(2))).toBe(true);
        expect(await store.people.leaveOf(id)).toEqual([
          { from: "2026-12-24", to: "2026-12-26", source: "command" },
        ]);
        expect((await store.people.get(ws, id))?.leave).toEqual([{ from: "2026-12-24", to: "2026-12-26" }]);
      });
    });

    describe("internships", () => {
      async function setup() {
        const ana = await add("ana");
        const ben = await add("ben");
        const bram = await add("bram");
        const lena = await add("lena");
        const winter = { supervisorId: bram, start: "2026-11-01", end: "2027-03-31" };
        const anaShip = (
          await store.internships.upsert(
            ws,
            { ...winter, key: "ana", internId: ana, coordinatorId: lena },
            T0,
          )
        ).id;
        const spring = { supervisorId: bram, start: "2027-04-01", end: "2027-06-30" };
        await store.internships.upsert(ws, { ...spring, key: "ben", internId: ben }, T0);
        return { ana, ben, bram, lena, anaShip };
      }

      it("lists the internships a person has any role in, newest end first", async () => {
        const s = await setup();
        expect((await store.internships.forPerson(ws, s.bram)).map((i) => i.key)).toEqual(["ben", "ana"]);
        expect((await store.internships.forPerson(ws, s.lena)).map((i) => i.key)).toEqual(["ana"]);
        expect((await store.internships.forPerson(ws, s.ben)).map((i) => i.key)).toEqual(["ben"]);
        expect(await store.internships.forPerson(ws, await add("olga"))).toEqual([]);
      });

      it("finds the internships running on a date, both ends included", async () => {
        await setup();
        expect((await store.internships.activeOn("2026-10-31")).map((i) => i.key)).toEqual([]);
        expect((await store.internships.activeOn("2026-11-01")).map((i) => i.key)).toEqual(["ana"]);
        expect((await store.internships.activeOn("2027-03-31")).map((i) => i.key)).toEqual(["ana"]);
        expect((await store.internships.activeOn("2027-04-01")).map((i) => i.key)).toEqual(["ben"]);
        expect(await store.internships.activeOn("2027-07-01")).toEqual([]);
      });

      it("reports a change on upsert only when something changed", async () => {
        const s = await setup();
        const input = { key: "ana", internId: s.ana, supervisorId: s.bram, coordinatorId: s.lena };
        const same = { ...input, start: "2026-11-01", end: "2027-03-31" };
        expect(await store.internships.upsert(ws, same, later(1))).toEqual({ id: s.anaShip, changed: false });
        expect((await store.internships.upsert(ws, { ...same, end: "2027-04-30" }, later(2))).changed).toBe(
          true,
        );
        expect((await store.internships.get(ws, s.anaShip))?.end).toBe("2027-04-30");
      });
    });

    /** ana interns under bram. */
    async function anaInternship() {
      const ana = await add("ana");
      const bram = await add("bram");
      const input = { key: "ana", internId: ana, supervisorId: bram, start: "2026-11-01", end: "2027-03-31" };
      return { ana, bram, ship: (await store.internships.upsert(ws, input, T0)).id };
    }

    describe("agreements", () => {
      it("counts versions up and keeps acknowledgements with their version", async () => {
        const { ana, bram, ship } = await anaInternship();
        expect(await store.agreements.current(ship)).toBeUndefined();
        const v1 = await store.agreements.addVersion(ws, ship, DEFAULT_TERMS, undefined, T0);
        expect(v1).toMatchObject({ version: 1, acknowledgedBy: [], terms: DEFAULT_TERMS });
        expect(await store.agreements.acknowledge(ws, v1.id, ana, later(1))).toBe(true);
        expect(await store.agreements.acknowledge(ws, v1.id, ana, later(2))).toBe(false);
        expect(await store.agreements.acknowledge(ws, v1.id, bram, later(3))).toBe(true);
        expect((await store.agreements.current(ship))?.acknowledgedBy).toEqual([ana, bram]);

        const terms = { ...DEFAULT_TERMS, syncMeeting: "daily" as const };
        const v2 = await store.agreements.addVersion(ws, ship, terms, bram, later(4));
        expect(v2).toMatchObject({ version: 2, createdBy: bram, acknowledgedBy: [], terms });
        expect((await store.agreements.current(ship))?.id).toBe(v2.id);
        const acks = await rawRows(
          store,
          "SELECT agreement_id AS a, person_id AS p FROM agreement_acks ORDER BY agreement_id, person_id",
        );
        expect(acks).toEqual([
          { a: v1.id, p: ana },
          { a: v1.id, p: bram },
        ]);
        const versions = await store.agreements.versions(ship);
        expect(versions.map((v) => [v.version, v.state, v.acknowledgedBy])).toEqual([
          [1, "agreed", [ana, bram]],
          [2, "agreed", []],
        ]);
      });
    });

    describe("milestones", () => {
      it("writes a history entry for the add and for every change, in order", async () => {
        const { ana, bram, ship } = await anaInternship();
        const input = { internshipId: ship, title: "Prototype", due: "2026-12-11", createdBy: ana };
        const m = await store.milestones.add(ws, input, T0);
        expect(m).toMatchObject({ status: "planned", due: "2026-12-11", moves: 0, createdBy: ana });
        const note = "waiting for data";
        const moved = await store.milestones.change(
          ws,
          m,
          { due: "2026-12-18", moved: true },
          { action: "move", actorId: ana, note },
          later(1),
        );
        expect(moved).toMatchObject({ due: "2026-12-18", moves: 1, status: "planned" });
        const done = await store.milestones.change(
          ws,
          moved,
          { status: "done" },
          { action: "done", actorId: ana },
          later(2),
        );
        const feedback = "used in the demo";
        const accepted = await store.milestones.change(
          ws,
          done,
          { status: "accepted", feedback },
          { action: "accept", actorId: bram },
          later(3),
        );
        expect(accepted).toMatchObject({ status: "accepted", feedback, due: "2026-12-18", moves: 1 });
        expect(await store.milestones.get(ws, m.id)).toEqual(accepted);

        const history = await store.milestones.history(m.id);
        expect(history[0]).toEqual({
          action: "add",
          actorId: ana,
          toStatus: "planned",
          toDue: "2026-12-11",
          at: T0,
        });
        expect(history[1]).toMatchObject({ fromDue: "2026-12-11", toDue: "2026-12-18", note, at: later(1) });
        expect(history.map((h) => [h.action, h.actorId, h.fromStatus, h.toStatus])).toEqual([
          ["add", ana, undefined, "planned"],
          ["move", ana, "planned", "planned"],
          ["done", ana, "planned", "done"],
          ["accept", bram, "done", "accepted"],
        ]);
      });

      it("refuses a milestone for an internship that does not exist (foreign keys are on)", async () => {
        const ana = await add("ana");
        await expect(
          store.milestones.add(
            ws,
            { internshipId: 999, title: "Ghost", due: "2026-12-11", createdBy: ana },
            T0,
          ),
        ).rejects.toThrow(/foreign key/i);
        expect(await count("milestones")).toBe(0);
        expect(await count("milestone_history")).toBe(0);
      });
    });
  },
  { now: T0 },
);
