import { describe, expect, it } from "vitest";
import { evaluationReadable } from "../../src/domain/copy/evaluation-readable.js";
import { evaluationHarness, INTERN_FORM, SUPERVISOR_FORM } from "../helpers/evaluation-harness.js";

/** The readable notices queued so far: reader, when, and the first line. */
async function notices(h: Awaited<ReturnType<typeof evaluationHarness>>["h"]) {
  return (await h.store.outbox.list())
    .filter((o) => o.key.includes(":readable:"))
    .map((o) => ({
      key: o.key.split(":").slice(2).join(":"),
      notBefore: o.notBefore.toISOString(),
      text: o.payload.text,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

describe("telling people an evaluation round can be read", () => {
  it("tells the coordinator and the side that submitted first once both are in; the second heard it in the form's answer", async () => {
    const { h, tick, submit } = await evaluationHarness();
    await tick("2027-01-15T12:30:00Z");
    h.clock.set(new Date("2027-01-15T13:00:00Z"));
    await submit("bram", "midterm", SUPERVISOR_FORM);
    await tick("2027-01-15T13:10:00Z");
    expect(await notices(h)).toEqual([]);
    h.clock.set(new Date("2027-01-15T13:30:00Z"));
    expect((await submit("ana", "midterm", INTERN_FORM))?.text).toMatch(/Both evaluations are in/);
    await tick("2027-01-15T13:31:00Z");
    await tick("2027-01-15T14:31:00Z");
    expect(await notices(h)).toEqual([
      {
        key: "midterm:readable:coordinator",
        notBefore: "2027-01-15T13:31:00.000Z",
        text: "Both sides of Ana Souza's mid-term evaluation are in: the supervisor's evaluation and Ana Souza's self-evaluation. You can read both now.\nType \"evaluation midterm for @ana\" to read them.",
      },
      {
        key: "midterm:readable:supervisor",
        notBefore: "2027-01-15T13:31:00.000Z",
        text: "Both sides of Ana Souza's mid-term evaluation are in: Ana Souza's self-evaluation and your evaluation. You can read both now, and so can the coordinator.\nType \"evaluation midterm for @ana\" to read them.",
      },
    ]);
  });

  it("tells the supervisor when the backup's submission completed the round", async () => {
    const { h, tick, submit } = await evaluationHarness();
    await tick("2027-01-15T12:30:00Z");
    await submit("ana", "midterm", INTERN_FORM);
    expect((await submit("chloe", "midterm", SUPERVISOR_FORM))?.text).toMatch(/Both evaluations are in/);
    await tick("2027-01-15T12:40:00Z");
    expect((await notices(h)).map((n) => n.key)).toEqual([
      "midterm:readable:coordinator",
      "midterm:readable:intern",
      "midterm:readable:supervisor",
    ]);
    expect((await notices(h))[2]!.text).toMatch(
      /^Both sides of Ana Souza's mid-term evaluation are in: Ana Souza's self-evaluation and Chloé Martin's evaluation\./,
    );
  });

  it("says truthfully that the window closed without one side, to each reader in their working hours", async () => {
    const { h, tick, submit } = await evaluationHarness();
    await tick("2027-01-15T12:30:00Z");
    await submit("ana", "midterm", INTERN_FORM);
    await tick("2027-01-20T12:30:00Z");
    await tick("2027-01-21T19:59:00Z");
    expect(await notices(h)).toEqual([]);
    // Thu 21 Jan 20:00 UTC: the round closes; nobody is at work in São Paulo, Brussels or Berlin.
    await tick("2027-01-21T20:00:00Z");
    await tick("2027-01-22T09:00:00Z");
    expect(await notices(h)).toEqual([
      {
        key: "midterm:readable:coordinator",
        notBefore: "2027-01-22T08:00:00.000Z",
        text: "The mid-term evaluation window for Ana Souza closed Thu 21 Jan, 21:00 without the supervisor's evaluation. You can now read Ana Souza's self-evaluation.\nType \"evaluation midterm for @ana\" to read it.",
      },
      {
        key: "midterm:readable:intern",
        notBefore: "2027-01-22T12:00:00.000Z",
        text: "The mid-term evaluation window closed Thu 21 Jan, 17:00 without your supervisor's evaluation of you. Your answers can now be read by your supervisor and the coordinator.",
      },
      {
        key: "midterm:readable:supervisor",
        notBefore: "2027-01-22T08:00:00.000Z",
        text: 'The mid-term evaluation window closed Thu 21 Jan, 21:00 without your evaluation, so it is no longer taken. You can now read Ana Souza\'s self-evaluation.\nType "evaluation midterm for @ana" to read it.',
      },
    ]);
    // What the notice promises is so.
    expect(await h.say("bram", "evaluation midterm for @ana")).toContain("Answers often came the next day");
  });

  it("tells only the coordinator when the window closed with neither side in", async () => {
    const { h, tick } = await evaluationHarness();
    await tick("2027-01-15T12:30:00Z");
    await tick("2027-01-22T09:00:00Z");
    expect((await notices(h)).map((n) => [n.key, n.text])).toEqual([
      [
        "midterm:readable:coordinator",
        "The mid-term evaluation window for Ana Souza closed Thu 21 Jan, 21:00 with neither side's evaluation submitted: there is nothing to read.",
      ],
    ]);
  });

  it("points people with only e-mail to the portal instead of a command", () => {
    const message = evaluationReadable({
      round: "final",
      reader: "coordinator",
      internName: "Ana Souza",
      mention: "@ana",
      submitted: new Set(["intern", "supervisor"]),
      closedAt: undefined,
      timezone: "Europe/Berlin",
      byEmail: true,
    });
    expect(message.text.split("\n")[1]).toBe(
      "They are on the round's evaluation page in Tandem's portal (sign in with this address).",
    );
  });
});
