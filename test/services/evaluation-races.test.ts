import { describe, expect, it } from "vitest";
import { evaluationHarness, INTERN_FORM, SUPERVISOR_FORM } from "../helpers/evaluation-harness.js";

describe("evaluations under redelivery and races", () => {
  it("withdraws a reminder queued just before the submission, and has the rule look again at once", async () => {
    const { h, tick, ship, submit } = await evaluationHarness();
    await tick("2027-01-15T12:30:00Z");
    await tick("2027-01-20T08:00:00Z");
    const key = `evaluation:${ship.id}:midterm:supervisor:reminder`;
    expect((await h.store.outbox.get(h.workspace.id, key))?.status).toBe("pending");
    h.clock.set(new Date("2027-01-20T08:00:30Z"));
    await submit("bram", "midterm", SUPERVISOR_FORM);
    expect((await h.store.outbox.get(h.workspace.id, key))?.status).not.toBe("pending");
    // The submission moved the rule's wake-up to now: on PostgreSQL its row lock also orders the submission
    // after a tick planning this internship, so a reminder that tick queues is withdrawn with the rest.
    expect(await h.store.wakeups.get(ship.id, "evaluations")).toEqual(new Date("2027-01-20T08:00:30Z"));
    await tick("2027-01-20T08:01:00Z");
    expect((await h.store.outbox.get(h.workspace.id, key))?.status).not.toBe("pending");
  });

  it("stores a redelivered or repeated submission once, never edits it, and reveals nothing early", async () => {
    const { h, tick, ship, submit } = await evaluationHarness();
    await tick("2027-01-15T12:30:00Z");
    expect((await submit("ana", "midterm", INTERN_FORM, "ana-1"))?.text).toMatch(/^Thank you/);
    const changed = { ...INTERN_FORM, "criterion.teamwork": "1", "hosting.reply-times.comment": "Changed" };
    // The same delivery again: no second effect, no second answer.
    expect(await submit("ana", "midterm", changed, "ana-1")).toBeUndefined();
    // A new delivery of a second form: refused, the first kept as it was.
    expect((await submit("ana", "midterm", changed, "ana-2"))?.text).toMatch(/^You submitted this mid-term/);
    const stored = await h.store.evaluations.forInternship(ship.id);
    expect(stored.map((e) => e.answers.criteria.teamwork?.score)).toEqual([5]);
    expect(JSON.stringify(stored)).not.toContain("Changed");
    for (const reader of ["bram", "lena"]) {
      expect(await h.say(reader, "evaluation midterm for @ana")).not.toContain("next day");
    }
    // Bram's two deliveries of his form while Ana's is in: one record, and only then is hers shown to him.
    const [first, again] = await Promise.all([
      submit("bram", "midterm", SUPERVISOR_FORM, "bram-1"),
      submit("bram", "midterm", SUPERVISOR_FORM, "bram-1"),
    ]);
    expect([first?.text, again?.text].filter((t) => t !== undefined)).toEqual([
      expect.stringMatching(/Both evaluations are in/),
    ]);
    expect(await h.store.evaluations.forInternship(ship.id)).toHaveLength(2);
    expect(await h.say("bram", "evaluation midterm for @ana")).toContain("next day");
  });

  it("tells the second of two submissions arriving together that both are in", async () => {
    const { h, tick, submit } = await evaluationHarness();
    await tick("2027-01-15T12:30:00Z");
    const replies = await Promise.all([
      submit("bram", "midterm", SUPERVISOR_FORM),
      submit("ana", "midterm", INTERN_FORM),
    ]);
    expect(replies.map((r) => /Both evaluations are in/.test(r?.text ?? ""))).toEqual([false, true]);
    await tick("2027-01-15T13:00:00Z");
    expect(
      (await h.store.outbox.list())
        .filter((o) => o.key.includes(":readable:"))
        .map((o) => o.key.split(":")[4]),
    ).toEqual(expect.arrayContaining(["coordinator", "supervisor"]));
  });

  it("shows a submitted evaluation as it was submitted after the agreement's criteria change", async () => {
    const { h, tick, submit } = await evaluationHarness();
    await tick("2027-01-15T12:30:00Z");
    await submit("bram", "midterm", SUPERVISOR_FORM);
    await submit("ana", "midterm", INTERN_FORM);
    expect(await h.say("bram", "agreement criteria Teamwork, Communication for @ana")).toMatch(/criteria/);
    const shown = await h.say("lena", "evaluation midterm for @ana");
    expect(shown).toContain('  Teamwork: 4/5 "Asks the right people"');
    expect(shown).toContain("  initiative (since removed from the agreement): 3/5");
    expect(shown).toContain("  Communication: not asked (added to the agreement later)");
  });
});
