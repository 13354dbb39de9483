import { describe, expect, it } from "vitest";
import { summarizeWholeInternship } from "../../src/services/internship-summary.js";
import { createPlanner } from "../../src/services/planner.js";
import { createMilestoneRule } from "../../src/services/rules/milestone-rule.js";
import { renderMarkdown } from "../../src/services/summary-render.js";
import { createBotHarness } from "../helpers/bot-harness.js";
import { sampleProgramme } from "../helpers/programme.js";

/** The sample programme, Ana's internship (2026-11-01 to 2027-03-31) with a learning agreement. */
function programme() {
  const p = sampleProgramme();
  p.internships![0] = {
    ...p.internships![0]!,
    learning: {
      title: "Market research assistant",
      hoursPerWeek: 30,
      outcomes: [
        { key: "market-research", description: "Plan and run a small market study" },
        { key: "presenting", description: "Present findings to a client" },
      ],
      criteria: ["Teamwork", "Initiative"],
      language: { code: "en", level: "B2" },
    },
  };
  return p;
}

describe("milestones serving learning outcomes", () => {
  it("links a milestone to outcomes when it is added, and says so", async () => {
    const h = await createBotHarness({ programme: programme() });
    expect(await h.say("ana", 'milestone add "Survey" due 2026-12-15 for outcome market-research')).toBe(
      'Added milestone #1 "Survey", due Tue 15 Dec 2026. It serves the outcome market-research.',
    );
    expect(
      await h.say(
        "bram",
        'milestone add "Deck" due 15 Jan for outcomes market-research, presenting for @ana',
      ),
    ).toBe(
      'Added milestone #2 "Deck" for Ana Souza, due Fri 15 Jan 2027. It serves the outcomes market-research, presenting.',
    );
    expect(await h.say("bram", 'milestone add "Demo" due 20 Jan for @ana for outcome presenting')).toContain(
      "It serves the outcome presenting.",
    );
    const ship = await h.internship("ana-2026");
    expect(await h.store.learning.outcomesOfMilestones(ship.id)).toEqual(
      new Map([
        [1, ["market-research"]],
        [2, ["market-research", "presenting"]],
        [3, ["presenting"]],
      ]),
    );
  });

  it("refuses an outcome the learning agreement does not define, naming the ones it does, and adds nothing", async () => {
    const h = await createBotHarness({ programme: programme() });
    expect(await h.say("ana", 'milestone add "Pitch" due 2026-12-15 for outcome pitching')).toBe(
      '"pitching" is not an outcome of this internship\'s learning agreement; its outcomes are market-research, presenting. Type "outcomes" to see them.',
    );
    expect(await h.say("ana", 'milestone add "Pitch" due 2026-12-15 for outcome Pitching!')).toMatch(
      /is not an outcome key: keys are lower-case words joined by dashes/,
    );
    expect(await h.say("ana", 'milestone add "Pitch" due 2026-12-15 for outcome')).toMatch(
      /^Name the outcome after "for outcome"/,
    );
    expect(await h.store.milestones.listFor((await h.internship("ana-2026")).id)).toEqual([]);
  });

  it("says where outcomes come from when the internship has no learning agreement", async () => {
    const h = await createBotHarness();
    expect(await h.say("ana", 'milestone add "Pitch" due 2026-12-15 for outcome pitching')).toMatch(
      /^Your internship has no learning agreement in Tandem yet/,
    );
    expect(await h.say("ana", "outcomes")).toMatch(
      /^Your internship has no learning agreement in Tandem yet/,
    );
  });

  it("lists each outcome with the milestones serving it and their state, and how the internship is evaluated", async () => {
    const h = await createBotHarness({ programme: programme() });
    await h.say("ana", 'milestone add "Survey" due 2026-12-15 for outcome market-research');
    await h.say("ana", "milestone done 1");
    await h.say("bram", "milestone accept 1 it goes into the Q1 plan");
    await h.say("ana", 'milestone add "Interviews" due 2026-12-10 for outcome market-research');
    h.clock.set(new Date("2026-12-11T10:00:00Z"));
    expect((await h.say("bram", "outcomes for @ana")).split("\n")).toEqual([
      "Ana Souza's learning agreement: Market research assistant (30 hours a week). Expected learning outcomes and the milestones serving them:",
      '• market-research: Plan and run a small market study. #2 "Interviews" overdue; #1 "Survey" accepted',
      '• presenting: Present findings to a client. No milestone yet (add one with: milestone add "Title" due 15 Dec for outcome presenting)',
      "Evaluated on Teamwork, Initiative: mid-term Fri 15 Jan 2027, final Thu 25 Mar 2027. Working language: en (B2).",
    ]);
    // A colleague does not see an intern's outcomes; the coordinator does.
    expect(await h.say("olga", "outcomes for @ana")).not.toMatch(/learning agreement/);
    expect(await h.say("lena", "outcomes for @ana")).toMatch(/^Ana Souza's learning agreement/);
  });
});

describe("outcomes no milestone serves, a quarter of the way in", () => {
  async function setup(p = programme()) {
    const h = await createBotHarness({ programme: p });
    const planner = createPlanner({
      store: h.store,
      rules: [createMilestoneRule({ store: h.store, log: h.log.log })],
      log: h.log.log,
    });
    const tick = async (iso: string) => {
      h.clock.set(new Date(iso));
      await planner.tick(h.clock.now());
    };
    const gaps = async () => (await h.store.outbox.list()).filter((o) => o.key.startsWith("outcome-gap:"));
    return { h, tick, gaps };
  }

  it("tells the supervisor once, from the quarter day (8 Dec) on, which outcomes still lack a milestone", async () => {
    const { h, tick, gaps } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15 for outcome market-research');
    await tick("2026-12-07T20:00:00Z");
    expect(await gaps()).toEqual([]);
    await tick("2026-12-08T12:00:00Z");
    const [gap, ...more] = await gaps();
    expect(more).toEqual([]);
    expect(gap!.recipientId).toBe((await h.person("bram")).id);
    expect(gap!.payload.text).toBe(
      'A quarter of Ana Souza\'s internship has passed, and 1 of its 2 learning outcomes has no milestone serving it yet: presenting (Present findings to a client). A milestone for each outcome lets the evaluations and the certificate show what the work achieved. Add one with: milestone add "Title" due <date> for outcome presenting for @ana, or type "outcomes for @ana" to see them all.',
    );
    expect(gap!.payload.reason).toMatch(
      /^Because you supervise Ana Souza and the learning agreement lists these outcomes/,
    );
    // Not again on later days; a note that waits (leave, contact hours) is still worth reading until the
    // final evaluation begins (Thu 25 Mar 2027), so it does not lapse at the mid-term date.
    await tick("2026-12-09T12:00:00Z");
    await tick("2026-12-14T12:00:00Z");
    expect(await gaps()).toHaveLength(1);
    expect(gap!.expiresAt?.toISOString()).toBe("2027-03-24T23:00:00.000Z");
  });

  it("says nothing when every outcome has a milestone, or when the agreement lists no outcomes", async () => {
    const { h, tick, gaps } = await setup();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15 for outcomes market-research, presenting');
    await tick("2026-12-08T12:00:00Z");
    expect(await gaps()).toEqual([]);

    const p = programme();
    p.internships![0]!.learning!.outcomes = [];
    const empty = await setup(p);
    await empty.tick("2026-12-08T12:00:00Z");
    expect(await empty.gaps()).toEqual([]);
  });
});

describe("the learning agreement in the report and the digest", () => {
  it("shows each outcome's milestones accepted of all, and an evaluation round's averages only once both sides are in", async () => {
    const h = await createBotHarness({ programme: programme() });
    await h.say("ana", 'milestone add "Survey" due 2026-12-15 for outcome market-research');
    await h.say("ana", "milestone done 1");
    await h.say("bram", "milestone accept 1 it goes into the Q1 plan");
    await h.say("ana", 'milestone add "Interviews" due 2026-12-20 for outcome market-research');
    const ship = await h.internship("ana-2026");
    const submit = async (side: "supervisor" | "intern", key: string, score: number) =>
      h.store.evaluations.submit(
        h.workspace.id,
        {
          internshipId: ship.id,
          round: "midterm",
          side,
          authorId: (await h.person(key)).id,
          answers: { criteria: { teamwork: { score }, initiative: { score: score - 1 } }, outcomes: {} },
        },
        h.clock.now(),
      );
    const report = async () =>
      renderMarkdown((await summarizeWholeInternship(h.store, h.workspace.id, ship.id, h.clock.now()))!);
    await submit("supervisor", "bram", 5);
    expect(await report()).toContain(
      [
        "## Learning agreement",
        "",
        "- market-research: 1 of 2 milestones accepted",
        "- presenting: no milestone yet",
        "- Mid-term evaluation: open until Thu 21 Jan 2027, 1 of 2 in (the supervisor's evaluation)",
      ].join("\n"),
    );
    await submit("intern", "ana", 4);
    expect(await report()).toContain(
      "- Mid-term evaluation: both submitted; average 4.5 of 5 from the supervisor, 3.5 from the intern",
    );
  });

  it("says a round whose window closed without the supervisor's answers closed without them, not that it waits", async () => {
    const h = await createBotHarness({ programme: programme() });
    const ship = await h.internship("ana-2026");
    await h.store.evaluations.submit(
      h.workspace.id,
      {
        internshipId: ship.id,
        round: "midterm",
        side: "intern",
        authorId: (await h.person("ana")).id,
        answers: { criteria: { teamwork: { score: 4 }, initiative: { score: 4 } }, outcomes: {} },
      },
      h.clock.now(),
    );
    const report = async () =>
      renderMarkdown((await summarizeWholeInternship(h.store, h.workspace.id, ship.id, h.clock.now()))!);
    h.clock.set(new Date("2027-01-21T12:00:00Z"));
    expect(await report()).toContain(
      "- Mid-term evaluation: open until Thu 21 Jan 2027, 1 of 2 in (the intern's self-evaluation)",
    );
    // The window closed Thu 21 Jan (the later of the two working weeks' ends).
    h.clock.set(new Date("2027-01-22T12:00:00Z"));
    const after = await report();
    expect(after).toContain("- Mid-term evaluation: closed without the supervisor's evaluation");
    expect(after).not.toContain("waiting for the other side");
  });
});
