import { describe, expect, it } from "vitest";
import { updatePerson } from "../../src/services/person-update.js";
import { evaluationHarness, INTERN_FORM } from "../helpers/evaluation-harness.js";

describe("evaluation requests and forms, in words each reader can act on", () => {
  it("asks a supervisor without chat to use the portal's form, names the intern, and names the close once in the reminder", async () => {
    const { h, tick, ship } = await evaluationHarness();
    // Bram has an address and no chat account: he answers on the portal's form.
    const bram = await h.person("bram");
    await updatePerson(h.store, { ...bram, email: "bram@acme.example" }, { ids: {} }, h.clock.now());
    await tick("2027-01-15T08:30:00Z");
    const ask = (await h.store.outbox.get(
      h.workspace.id,
      `evaluation:${ship.id}:midterm:supervisor:request`,
    ))!;
    expect(ask.payload.text).toContain("rate Ana Souza on the agreed criteria");
    expect(ask.payload.text).not.toContain("them");
    expect(ask.payload.text).toContain("Fill it in on the round's evaluation form in Tandem's portal");
    expect(ask.payload.text).not.toMatch(/Press Evaluate|type "evaluate/);

    await tick("2027-01-20T08:30:00Z");
    const reminder = (await h.store.outbox.get(
      h.workspace.id,
      `evaluation:${ship.id}:midterm:supervisor:reminder`,
    ))!;
    expect(reminder.payload.text).toMatch(/^A reminder: /);
    expect(reminder.payload.text.match(/Thu 21 Jan/g)).toHaveLength(1);
    expect(reminder.payload.text).toContain("Fill it in on the round's evaluation form");
  });

  it("labels and errors name a question in the same, well-cased words", async () => {
    const { h, tick, submit } = await evaluationHarness();
    await tick("2027-01-15T12:30:00Z");
    const opened = await h.bot.handle({
      kind: "command",
      id: "ana-evaluate",
      platform: "console",
      workspace: "test",
      user: "ana",
      conversation: "console:test:user:ana",
      at: h.clock.now(),
      text: "evaluate midterm",
    });
    const labels = opened?.form?.fields.map((f) => f.label) ?? [];
    expect(labels).toContain("Your teamwork");
    expect(labels).toContain("Comment on your teamwork (optional)");
    expect(labels).toContain("The hosting: supervision");
    expect(labels).toContain("Comment on the hosting: supervision (optional)");
    const wrong = await submit("ana", "midterm", {
      ...INTERN_FORM,
      "criterion.teamwork": "",
      "hosting.supervision": "",
    });
    expect(wrong?.formErrors).toEqual({
      "criterion.teamwork": "Rate your teamwork from 1 to 5.",
      "hosting.supervision": "Rate the hosting: supervision from 1 to 5.",
    });
  });
});
