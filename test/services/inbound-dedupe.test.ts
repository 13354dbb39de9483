import { describe, expect, it } from "vitest";
import { createBotHarness } from "../helpers/bot-harness.js";

describe("inbound deduplication", () => {
  it("gives a redelivered command no second effect and no second reply", async () => {
    const h = await createBotHarness();
    expect(await h.say("ana", 'milestone add "Once" due 2026-12-15', "Ev-1")).toContain("Added milestone #1");
    expect(await h.say("ana", 'milestone add "Once" due 2026-12-15', "Ev-1")).toBe("");
    expect(await h.say("ana", 'milestone add "Once" due 2026-12-15', "Ev-1")).toBe("");
    expect(await h.store.milestones.listFor((await h.internship("ana-2026")).id)).toHaveLength(1);
  });

  it("forgets the delivery when handling failed, so the platform's retry gets a fresh chance", async () => {
    const h = await createBotHarness();
    h.log.allowErrors("event failed");
    const original = h.store.milestones.add;
    h.store.milestones.add = () => {
      throw new Error("disk full");
    };
    const failed = await h.say("ana", 'milestone add "Retry me" due 2026-12-15', "Ev-2");
    expect(failed).toBe(
      "Sorry, something went wrong on my side and nothing was changed. Please try again in a minute.",
    );
    expect(failed).not.toContain("disk full");
    expect(h.log.atLeast(50)[0]).toMatchObject({ msg: "event failed", eventId: "Ev-2" });
    h.store.milestones.add = original;
    expect(await h.say("ana", 'milestone add "Retry me" due 2026-12-15', "Ev-2")).toContain(
      "Added milestone #1",
    );
  });
});
