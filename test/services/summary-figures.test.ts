import { describe, expect, it } from "vitest";
import { summarizeInternship, summarizeWholeInternship } from "../../src/services/internship-summary.js";
import { renderChat, renderMarkdown } from "../../src/services/summary-render.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";

/** Ana's internship started Sun 1 Nov 2026 with the default plan: 6 colleagues from 3 departments in 6 weeks. */
async function setup() {
  const h = await createServiceHarness();
  const ana = await h.internship("ana-2026");
  const sayAt = (at: Date, user: string, text: string) => {
    h.clock.set(at);
    return h.say(user, text);
  };
  const week = async (monday: string) => {
    const from = h.local(`${monday}T00:00`, SP);
    const to = new Date(from.getTime() + 7 * 86_400_000);
    return (await summarizeInternship(h.store, h.workspace.id, ana.id, from, to, to))!;
  };
  return { h, ana, sayAt, week };
}

describe("figures that agree with what happened", () => {
  it("shows one connectedness average in a digest, and the signal's level in plain words", async () => {
    const { h, ana, week } = await setup();
    const at = h.local("2026-12-04T18:00", SP);
    for (const [date, score] of [
      ["2026-11-30", 4],
      ["2026-12-01", 3],
      ["2026-12-02", 2],
      ["2026-12-03", 1],
      ["2026-12-04", 2],
    ] as const) {
      await h.store.checkins.create(h.workspace.id, ana.id, date, "due", at);
      const checkin = (await h.store.checkins.get(ana.id, date))!;
      await h.store.checkins.answer(
        checkin.id,
        { progress: "p", nextSteps: "n", connectedness: score },
        "answered",
        at,
      );
    }
    // The signal's own average covers its last three scores up to Thursday: another computation.
    await h.store.signals.save(h.workspace.id, {
      internshipId: ana.id,
      date: "2026-12-04",
      level: "at_risk",
      reasons: [
        { code: "low_connectedness", text: "the intern's last connectedness scores average 2 out of 5" },
        { code: "quiet", text: "5 working days have passed without a message from the intern" },
      ],
      inputs: { recentConnectedness: 2, quietWorkingDays: 5 },
      computedAt: at,
    });
    const text = renderChat(await week("2026-11-30"), "supervisor");
    expect(text).toContain("Connectedness (1-5): 4, 3, 2, 1, 2 (average 2.4, falling)");
    expect(text.match(/average/g)).toHaveLength(1);
    expect(text).toContain(
      "Connection signal: at risk (Fri 4 Dec 2026); Ana Souza's recent connectedness scores are low; 5 working days have passed without a message from Ana Souza",
    );
    expect(text).not.toContain("at_risk");
  });

  it("counts a logged meeting with a listed colleague for the introduction plan, not one with the supervisor", async () => {
    const { h, sayAt, week } = await setup();
    await sayAt(h.local("2026-11-05T11:00", SP), "ana", "met @olga coffee");
    await sayAt(h.local("2026-11-05T12:00", SP), "ana", "met @bram weekly");
    const status = await sayAt(h.local("2026-11-05T12:00", SP), "ana", "intro status"); // the same instant
    expect(status).toContain("Introductions for Ana Souza: 1 of 6 colleagues met");
    expect(status).toContain("Met: Olga Berg");
    expect(status).not.toContain("Bram");
    expect((await week("2026-11-02")).introductions.met.map((p) => p.name)).toEqual(["Olga Berg"]);
  });

  it('says "behind the plan" as soon as the pace cannot reach it: 1 of 6 met with 2 of 6 weeks left', async () => {
    const { h, sayAt, week } = await setup();
    await sayAt(h.local("2026-11-05T11:00", SP), "ana", "met @olga coffee");
    // After the first week, one colleague met is an even pace; one is still enough after the second.
    expect((await week("2026-11-02")).introductions).toMatchObject({ behind: false });
    expect(renderChat(await week("2026-11-02"), "supervisor")).toContain("within 6 weeks: on the way");
    expect((await week("2026-11-09")).introductions).toMatchObject({ behind: false });
    // Four weeks in, still one: the plan cannot be reached at this pace.
    expect((await week("2026-11-23")).introductions).toMatchObject({ behind: true, reached: false });
    expect(renderChat(await week("2026-11-23"), "supervisor")).toContain("Met 1 of 6 colleagues (Olga Berg)");
    expect(renderChat(await week("2026-11-23"), "supervisor")).toContain("within 6 weeks: behind the plan");
    const status = await sayAt(h.local("2026-11-30T11:00", SP), "ana", "intro status");
    expect(status).toContain("Behind the plan: 3 colleagues met by now would keep it within reach.");
  });

  it("reports milestones that slipped in the end-of-internship report, finished ones too", async () => {
    const { h, ana, sayAt } = await setup();
    await sayAt(h.local("2026-12-01T11:00", SP), "ana", 'milestone add "Survey draft" due 2026-12-03');
    await sayAt(h.local("2026-12-01T11:01", SP), "ana", 'milestone add "Glossary" due 2026-12-04');
    const id = async (title: string) =>
      (await h.store.milestones.listFor(ana.id)).find((m) => m.title === title)!.id;
    for (const [n, date] of [
      [await id("Survey draft"), "2026-12-08"],
      [await id("Survey draft"), "2026-12-10"],
      [await id("Glossary"), "2026-12-09"],
      [await id("Glossary"), "2026-12-11"],
    ] as const) {
      await sayAt(
        h.local("2026-12-02T11:00", SP),
        "ana",
        `milestone move ${n} ${date} because the data came late`,
      );
    }
    await sayAt(h.local("2026-12-09T11:00", SP), "ana", `milestone done ${await id("Survey draft")}`);
    const now = h.local("2026-12-10T12:00", SP);
    const md = renderMarkdown((await summarizeWholeInternship(h.store, h.workspace.id, ana.id, now))!);
    expect(md).toContain(
      `- Slipping: #${await id("Survey draft")} "Survey draft" (moved 2 times, finished; last due Thu 10 Dec 2026), #${await id("Glossary")} "Glossary" (moved 2 times, now due Fri 11 Dec 2026)`,
    );
  });
});
