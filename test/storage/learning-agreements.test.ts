import { expect, it } from "vitest";
import { DEFAULT_CRITERIA, type LearningAgreement } from "../../src/domain/learning-agreement.js";
import type { Repositories } from "../../src/ports/store.js";
import { anaInternship } from "../helpers/ana-internship.js";
import { describeEachStore } from "../helpers/each-store.js";

const T0 = new Date("2026-11-30T12:00:00Z");

async function internship(r: Repositories) {
  const { ws, bram, ship } = await anaInternship(r, T0);
  const milestone = (title: string) =>
    r.milestones.add(ws, { internshipId: ship, title, due: "2027-03-01", createdBy: bram }, T0);
  return { ws, ship, bram, milestone };
}

const AGREEMENT: LearningAgreement = {
  title: "Market research assistant",
  hoursPerWeek: 30,
  outcomes: [
    { key: "market-research", description: "Plan and run a small market study" },
    { key: "presenting", description: "Present findings to a client" },
  ],
  criteria: [...DEFAULT_CRITERIA],
  midterm: "2027-03-15",
  language: { code: "en", level: "B2" },
};

describeEachStore("learning agreements", (each) => {
  it("keeps an internship's learning agreement as given, outcomes and criteria in order", async () => {
    const { store } = each;
    const { ws, ship } = await internship(store);
    expect(await store.learning.get(ship)).toBeUndefined();
    await store.learning.put(ws, ship, AGREEMENT, T0);
    expect(await store.learning.get(ship)).toEqual(AGREEMENT);
    const bare: LearningAgreement = { outcomes: [], criteria: [{ key: "teamwork", name: "Teamwork" }] };
    await store.learning.put(ws, ship, bare, T0);
    expect(await store.learning.get(ship)).toEqual(bare);
  });

  it("links milestones to outcomes by key, keeps the links when the outcomes are reordered, drops them with the outcome", async () => {
    const { store } = each;
    const { ws, ship, milestone } = await internship(store);
    await store.learning.put(ws, ship, AGREEMENT, T0);
    const survey = await milestone("Survey");
    const deck = await milestone("Deck");
    await store.learning.link(ws, survey.id, ship, ["market-research", "no-such-outcome"]);
    await store.learning.link(ws, deck.id, ship, ["presenting", "market-research"]);
    await store.learning.link(ws, deck.id, ship, ["presenting"]);
    expect(await store.learning.outcomesOfMilestones(ship)).toEqual(
      new Map([
        [survey.id, ["market-research"]],
        [deck.id, ["market-research", "presenting"]],
      ]),
    );

    const reordered = { ...AGREEMENT, outcomes: [...AGREEMENT.outcomes].reverse() };
    await store.learning.put(ws, ship, reordered, T0);
    expect((await store.learning.outcomesOfMilestones(ship)).get(deck.id)).toEqual([
      "presenting",
      "market-research",
    ]);

    await store.learning.put(ws, ship, { ...AGREEMENT, outcomes: [AGREEMENT.outcomes[1]!] }, T0);
    expect(await store.learning.outcomesOfMilestones(ship)).toEqual(new Map([[deck.id, ["presenting"]]]));
  });

  it("records every put as the next version, with what changed and who changed it", async () => {
    const { store } = each;
    const { ws, ship, bram } = await internship(store);
    expect(await store.learning.versions(ship)).toEqual([]);
    expect(await store.learning.put(ws, ship, AGREEMENT, T0, { what: "the programme file" })).toBe(1);
    const later = new Date(T0.getTime() + 60_000);
    const retitled = { ...AGREEMENT, title: "Market analyst" };
    expect(await store.learning.put(ws, ship, retitled, later, { what: "title", by: bram })).toBe(2);
    expect(await store.learning.versions(ship)).toEqual([
      { version: 1, agreement: AGREEMENT, change: "the programme file", at: T0 },
      { version: 2, agreement: retitled, change: "title", changedBy: bram, at: later },
    ]);
  });

  it("writes nothing of an agreement whose transaction is rolled back", async () => {
    const { store } = each;
    const { ws, ship } = await internship(store);
    await expect(
      store.transaction(async () => {
        await store.learning.put(ws, ship, AGREEMENT, T0);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await store.learning.get(ship)).toBeUndefined();
    expect(await store.learning.versions(ship)).toEqual([]);
  });
});
