import { describe, expect, it } from "vitest";
import { INTERN_FORM, SUPERVISOR_FORM, evaluationHarness as setup } from "../helpers/evaluation-harness.js";

describe("two-way evaluations, blind until both are in", () => {
  it("asks each side in their own working hours, keeps one side's answers from the other until both are in, and reminds once", async () => {
    const { h, tick, ship, requests, submit } = await setup();
    await tick("2027-01-15T07:00:00Z");
    expect(await requests()).toEqual([]);
    // 09:00 in Brussels: Bram's request; Ana's day in São Paulo has not started.
    await tick("2027-01-15T08:30:00Z");
    expect(await requests()).toEqual([
      {
        key: `evaluation:${ship.id}:midterm:supervisor:request`,
        to: "bram",
        notBefore: "2027-01-15T08:00:00.000Z",
        expiresAt: "2027-01-21T20:00:00.000Z",
        status: "pending",
      },
    ]);
    await tick("2027-01-15T12:30:00Z");
    const ask = (await h.store.outbox.get(h.workspace.id, `evaluation:${ship.id}:midterm:intern:request`))!;
    expect(ask.notBefore.toISOString()).toBe("2027-01-15T12:00:00.000Z");
    expect(ask.expiresAt?.toISOString()).toBe("2027-01-21T20:00:00.000Z");
    expect(ask.payload.text).toMatch(/^It is time for your mid-term evaluation/);
    expect(ask.payload.reason).toMatch(/^Because the learning agreement sets a mid-term evaluation/);
    const button = ask.payload.buttons![0]!;
    expect(button).toMatchObject({ action: "evaluation.open", label: "Evaluate" });

    // The button opens Ana's form: the criteria, the outcomes and the hosting.
    const opened = await h.press("ana", button);
    expect(opened?.form?.fields.filter((f) => f.kind === "choice").map((f) => f.id)).toEqual([
      "criterion.teamwork",
      "criterion.initiative",
      "outcome.market-research",
      "outcome.presenting",
      "hosting.project-clarity",
      "hosting.supervision",
      "hosting.reply-times",
      "hosting.inclusion",
      "hosting.intercultural-learning",
    ]);
    // Bram's has no hosting questions.
    const bramForm = await h.bot.handle({
      kind: "command",
      id: "bram-evaluate",
      platform: "console",
      workspace: "test",
      user: "bram",
      conversation: "console:test:user:bram",
      at: h.clock.now(),
      text: "evaluate for @ana",
    });
    expect(bramForm?.form?.fields.map((f) => f.id)).not.toContain("hosting.supervision");

    // A wrong value is shown next to its field, and nothing is stored.
    const wrong = await submit("ana", "midterm", { ...INTERN_FORM, "criterion.teamwork": "7" });
    expect(wrong?.formErrors).toEqual({ "criterion.teamwork": 'Rate your teamwork from 1 to 5 (not "7").' });
    expect(await h.store.evaluations.forInternship(ship.id)).toEqual([]);

    const saved = await submit("ana", "midterm", INTERN_FORM, "ana-submit");
    expect(saved?.text).toMatch(/^Thank you: your mid-term evaluation is saved\. The other side's answers/);
    // The same submission delivered again is stored once.
    await submit("ana", "midterm", INTERN_FORM, "ana-submit");
    expect(await h.store.evaluations.forInternship(ship.id)).toHaveLength(1);
    expect((await submit("ana", "midterm", INTERN_FORM))?.text).toMatch(
      /^You submitted this mid-term evaluation .*; a submitted evaluation is kept as it was/,
    );

    // Blind: Ana reads her own, Bram and the coordinator only that it is in.
    expect(await h.say("ana", "evaluation midterm")).toContain("Answers often came the next day");
    expect(await h.say("ana", "evaluation midterm")).toContain("The supervisor's evaluation is not in yet;");
    for (const reader of ["bram", "lena"]) {
      const shown = await h.say(reader, "evaluation midterm for @ana");
      expect(shown).toContain("The intern's self-evaluation is in; it can be read once both are in");
      expect(shown).not.toContain("next day");
    }

    // One reminder, to the side that has not submitted, on the window's fourth working day.
    await tick("2027-01-19T12:00:00Z");
    expect((await requests()).filter((r) => r.key.endsWith(":reminder"))).toEqual([]);
    await tick("2027-01-20T12:30:00Z");
    await tick("2027-01-21T12:30:00Z");
    expect((await requests()).filter((r) => r.key.endsWith(":reminder"))).toEqual([
      {
        key: `evaluation:${ship.id}:midterm:supervisor:reminder`,
        to: "bram",
        notBefore: "2027-01-20T08:00:00.000Z",
        expiresAt: "2027-01-21T20:00:00.000Z",
        status: "pending",
      },
    ]);

    // The window closes (Ana's, the later, Thu 21 Jan 17:00 in São Paulo): Ana's answers can be read.
    await tick("2027-01-21T19:00:00Z");
    expect(await h.say("bram", "evaluation midterm for @ana")).not.toContain("next day");
    await tick("2027-01-21T20:00:00Z");
    expect(await h.say("bram", "evaluate midterm for @ana")).toMatch(
      /^The mid-term evaluation window closed Thu 21 Jan, 21:00/,
    );
    const late = await h.say("lena", "evaluation midterm for @ana");
    expect(late).toContain("Answers often came the next day");
    expect(late).toContain(
      "The supervisor's evaluation was not submitted in time (the window closed Thu 21 Jan, 21:00).",
    );
    expect(await requests()).toHaveLength(3);
  });

  it("shows both sides to both and the coordinator once both are in, for the final evaluation too", async () => {
    const { h, tick, ship, requests, submit } = await setup();
    await tick("2027-03-25T13:00:00Z");
    expect((await requests()).map((r) => r.key).sort()).toEqual([
      `evaluation:${ship.id}:final:intern:request`,
      `evaluation:${ship.id}:final:supervisor:request`,
    ]);
    expect(await h.say("ana", "evaluate")).toBe("Your final evaluation:");
    expect((await submit("bram", "final", SUPERVISOR_FORM))?.text).toMatch(/The other side's answers/);
    expect(await h.say("ana", "evaluation")).not.toContain("Asks the right people");
    expect((await submit("ana", "final", INTERN_FORM))?.text).toMatch(/Both evaluations are in/);
    for (const reader of ["ana", "bram", "lena"]) {
      const shown = await h.say(reader, "evaluation final for @ana");
      expect(shown).toContain("Asks the right people");
      expect(shown).toContain("Answers often came the next day");
    }
    expect((await h.say("bram", "evaluation final for @ana")).split("\n").slice(0, 2)).toEqual([
      "Ana Souza's final evaluation:",
      expect.stringMatching(/^Bram Peeters \(the supervisor's evaluation, submitted Thu 25 Mar, 14:00\):$/),
    ]);
    // Nothing more to either side: no reminder once submitted.
    await tick("2027-03-30T13:00:00Z");
    expect(await requests()).toHaveLength(2);
    // The mid-term, long closed, asks nobody now.
    expect((await requests()).some((r) => r.key.includes(":midterm:"))).toBe(false);
  });

  it("tells a colleague evaluations are not theirs, and why a round is not open yet", async () => {
    const { h } = await setup();
    h.clock.set(new Date("2027-01-12T10:00:00Z"));
    expect(await h.say("bram", "evaluate for @ana")).toBe(
      "The mid-term evaluation opens Fri 15 Jan, 09:00; Tandem will send you the form then.",
    );
    expect(await h.say("lena", "evaluate for @ana")).toMatch(
      /^Evaluations are written by the intern and their supervisor/,
    );
    expect(await h.say("ana", "evaluate soon")).toMatch(/^evaluate understands only/);
  });
});
