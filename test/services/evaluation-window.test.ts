import { describe, expect, it } from "vitest";
import { buildEvaluationPage } from "../../src/services/portal/evaluation-page.js";
import { evaluationHarness, INTERN_FORM, SUPERVISOR_FORM } from "../helpers/evaluation-harness.js";

/**
 * One window per round: each side is asked in their own working week, and the round closes once for
 * everyone at the later of the two weeks' ends (Ana's, Thu 21 Jan 17:00 in São Paulo = 20:00 UTC = 21:00
 * in Brussels). Every message and answer names that one close, in the reader's time zone.
 */
describe("an evaluation round's one closing time", () => {
  it("is the same in the supervisor's request, reminder, form answers and evaluation, in his time zone", async () => {
    const { h, tick, ship, submit } = await evaluationHarness();
    const text = async (key: string) => (await h.store.outbox.get(h.workspace.id, key))?.payload.text;
    await tick("2027-01-15T12:30:00Z");
    expect(await text(`evaluation:${ship.id}:midterm:supervisor:request`)).toContain(
      "the window closes (Thu 21 Jan, 21:00)",
    );
    // Ana reads the same instant in São Paulo.
    expect(await text(`evaluation:${ship.id}:midterm:intern:request`)).toContain(
      "the window closes (Thu 21 Jan, 17:00)",
    );
    expect(await submit("ana", "midterm", INTERN_FORM)).toMatchObject({
      text: expect.stringContaining("the window closes (Thu 21 Jan, 17:00)"),
    });
    expect(await h.say("bram", "evaluation midterm for @ana")).toContain(
      "it can be read once both are in or the window closes (Thu 21 Jan, 21:00)",
    );
    expect(await h.say("bram", "evaluation midterm for @ana")).toContain(
      "Your evaluation is not in yet; the window closes Thu 21 Jan, 21:00.",
    );
    expect(await h.say("lena", "evaluation midterm for @ana")).toContain(
      "The supervisor's evaluation is not in yet; the window closes Thu 21 Jan, 21:00.",
    );
    // The portal's evaluation page opens the form until the same instant.
    const bram = await h.person("bram");
    const page = await buildEvaluationPage(
      h.store,
      { internship: ship, roles: ["supervisor"], intern: await h.person("ana") },
      [bram],
      "midterm",
      h.clock.now(),
    );
    expect(page.ok && page.page.own?.state).toMatchObject({
      kind: "open",
      closes: new Date("2027-01-21T20:00:00Z"),
    });
    await tick("2027-01-20T12:30:00Z");
    expect(await text(`evaluation:${ship.id}:midterm:supervisor:reminder`)).toContain(
      "The window closes Thu 21 Jan, 21:00.",
    );
    // 20:30 in Brussels, after Bram's own working week but before the round closes: still taken.
    h.clock.set(new Date("2027-01-21T19:30:00Z"));
    expect((await submit("bram", "midterm", SUPERVISOR_FORM))?.text).toMatch(/Both evaluations are in/);
  });

  it("refuses a form after that one close, naming it in the reader's zone", async () => {
    const { h, submit } = await evaluationHarness();
    h.clock.set(new Date("2027-01-21T20:00:00Z"));
    expect((await submit("bram", "midterm", SUPERVISOR_FORM))?.text).toMatch(
      /^The mid-term evaluation window closed Thu 21 Jan, 21:00;/,
    );
    expect((await submit("ana", "midterm", INTERN_FORM))?.text).toMatch(
      /^The mid-term evaluation window closed Thu 21 Jan, 17:00;/,
    );
    expect(await h.say("lena", "evaluation midterm for @ana")).toBe(
      "Nobody has submitted the mid-term evaluation yet.",
    );
  });
});
