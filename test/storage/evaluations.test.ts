import { expect, it } from "vitest";
import type { NewEvaluation } from "../../src/domain/evaluations.js";
import type { Repositories } from "../../src/ports/store.js";
import { anaInternship } from "../helpers/ana-internship.js";
import { describeEachStore } from "../helpers/each-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");
const T1 = new Date("2026-12-01T09:30:00Z");

const internship = (r: Repositories) => anaInternship(r, T0);

const answers = (score: number): NewEvaluation["answers"] => ({
  criteria: { teamwork: { score, comment: "Asks the right people" }, initiative: { score: 3 } },
  outcomes: { "market-research": "partly" },
});

describeEachStore("evaluations", (each) => {
  it("keeps each submission as given, once per internship, round and side; a second one writes nothing", async () => {
    const { store } = each;
    const { ws, ana, bram, ship } = await internship(store);
    expect(await store.evaluations.forRound(ship, "midterm")).toEqual([]);
    const own = {
      internshipId: ship,
      round: "midterm" as const,
      side: "intern" as const,
      authorId: ana,
      answers: { ...answers(4), hosting: { inclusion: { score: 5 } } },
    };
    const stored = await store.evaluations.submit(ws, own, T0);
    expect(stored).toEqual({ ...own, id: expect.any(Number), submittedAt: T0 });
    expect(await store.evaluations.submit(ws, { ...own, answers: answers(1) }, T1)).toBeUndefined();
    const theirs = { ...own, side: "supervisor" as const, authorId: bram, answers: answers(2) };
    await store.evaluations.submit(ws, theirs, T1);
    await store.evaluations.submit(ws, { ...own, round: "final" }, T1);

    const midterm = await store.evaluations.forRound(ship, "midterm");
    expect(midterm.map((e) => [e.side, e.authorId, e.answers.criteria.teamwork?.score])).toEqual([
      ["supervisor", bram, 2],
      ["intern", ana, 4],
    ]);
    expect(midterm[1]).toEqual(stored);
    expect((await store.evaluations.forInternship(ship)).map((e) => [e.round, e.side])).toEqual([
      ["midterm", "intern"],
      ["midterm", "supervisor"],
      ["final", "intern"],
    ]);
  });

  it("writes no submission whose transaction is rolled back", async () => {
    const { store } = each;
    const { ws, ana, ship } = await internship(store);
    await expect(
      store.transaction(async () => {
        await store.evaluations.submit(
          ws,
          { internshipId: ship, round: "final", side: "intern", authorId: ana, answers: answers(5) },
          T0,
        );
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await store.evaluations.forInternship(ship)).toEqual([]);
  });
});
