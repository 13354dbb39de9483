import { describe, expect, it } from "vitest";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";

/** Ana's internship with today's (1 Dec) check-in sent at 09:30 São Paulo. */
async function withOpenCheckin() {
  const h = await createServiceHarness({ rules: "checkin" });
  await h.tickAt(h.local("2026-12-01T09:30", SP));
  const today = async () => await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01");
  return { h, today };
}

describe("check-ins: chat stays chat (issue 14 §7)", () => {
  it("does not store thanks! as a check-in answer while a check-in is open, and says nothing back", async () => {
    const { h, today } = await withOpenCheckin();
    expect(await h.dm("ana", "thanks!")).toBeUndefined();
    expect((await today())?.answeredAt).toBeUndefined();
    expect((await today())?.progress).toBeUndefined();
  });

  it("reads the prompt's own example typed on one line, score included", async () => {
    const { h, today } = await withOpenCheckin();
    const answer = await h.dm("ana", "done: drafted the survey / next: interviews / connected: 4");
    expect(answer?.text).toBe("Thanks, your check-in for Tue 1 Dec 2026 is saved.");
    expect(await today()).toMatchObject({
      status: "answered",
      progress: "drafted the survey",
      nextSteps: "interviews",
      connectedness: 4,
    });
  });

  it("separates answers with semicolons too, and keeps a slash inside an answer", async () => {
    const { h, today } = await withOpenCheckin();
    await h.dm("ana", "done: fixed the a/b test; next: release notes; also the FAQ; connected: 3/5");
    expect(await today()).toMatchObject({
      progress: "fixed the a/b test",
      nextSteps: "release notes; also the FAQ",
      connectedness: 3,
    });
  });

  it("says back a score it could not read instead of dropping it silently", async () => {
    const { h, today } = await withOpenCheckin();
    const answer = await h.dm("ana", "done: survey\nconnected: very");
    expect(answer?.text).toContain('The score "very" was not saved: write "connected: 4"');
    expect((await today())?.connectedness).toBeUndefined();
  });

  it("takes blocker: none on its own line as an answer, not as an empty check-in", async () => {
    const { h, today } = await withOpenCheckin();
    await h.dm("ana", "done: survey");
    expect((await h.dm("ana", "blocker: none"))?.text).toBe("Noted: nothing is blocking you.");
    expect(await today()).toMatchObject({ progress: "survey" });
    expect((await today())?.blockers).toBeUndefined();
  });

  it("asks before saving an unlabelled message, and saves it when the intern presses Yes", async () => {
    const { h, today } = await withOpenCheckin();
    const asked = await h.dm("ana", "Status update: I finished the laptop");
    expect(asked?.text).toBe(
      'Save this as your check-in for Tue 1 Dec 2026? (Next time, start with "done:" and it is saved at once.)',
    );
    expect(asked?.text).not.toMatch(/status needs|no "status" command|I don't know/);
    expect((await today())?.progress).toBeUndefined();
    const yes = asked?.buttons?.find((b) => b.action === "checkin.confirm");
    expect(yes?.label).toBe("Yes, save it");
    expect((await h.press("ana", yes!))?.text).toContain(
      "Thanks, your check-in for Tue 1 Dec 2026 is saved.",
    );
    expect(await today()).toMatchObject({
      status: "partial",
      progress: "Status update: I finished the laptop",
    });
  });

  it("saves nothing when the intern presses No", async () => {
    const { h, today } = await withOpenCheckin();
    const asked = await h.dm("ana", "finished the competitor table");
    const no = asked?.buttons?.find((b) => b.action === "checkin.dismiss");
    expect((await h.press("ana", no!))?.text).toBe("OK, not saved as a check-in.");
    expect((await today())?.answeredAt).toBeUndefined();
    expect((await today())?.progress).toBeUndefined();
  });

  it("takes an unlabelled reply in the check-in's thread as the answer", async () => {
    const { h, today } = await withOpenCheckin();
    const prompt = await h.store.outbox.get(
      h.workspace.id,
      `checkin:${(await h.internship("ana-2026")).id}:2026-12-01`,
    );
    expect(prompt?.platformRef).toBeDefined();
    await h.dm("ana", "finished the competitor table", { threadRef: prompt!.platformRef! });
    expect(await today()).toMatchObject({ status: "partial", progress: "finished the competitor table" });
  });

  it("treats a question in the direct message as chat, with a hint at most once a day", async () => {
    const { h, today } = await withOpenCheckin();
    const first = await h.dm("ana", "how do I reach the sales team?");
    expect(first?.text).toContain('To answer today\'s check-in, press Answer or start with "done:"');
    expect(await h.dm("ana", "who is in the sales team?")).toBeUndefined();
    expect((await today())?.progress).toBeUndefined();
  });

  it("answers chat that starts with a command word without an error when no check-in is open", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    const answer = await h.dm("ana", "Status update: I finished the laptop");
    expect(answer?.text).toBe(
      'I am a bot and read direct messages only for commands and check-ins; type "help" to see what I can do. If that was meant as the "status" command, type "help status" to see how it is used.',
    );
  });

  it("keeps the error with the usage for a slash command that does not parse", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    const slash = await h.say("ana", "status update: I finished the laptop");
    expect(slash).toMatch(/status/);
    expect(slash).not.toContain("I am a bot");
    const direct = await h.dm("ana", "status update: I finished the laptop");
    expect(direct?.text).not.toContain(slash);
  });

  it("never takes a channel message or a slash command as a check-in answer", async () => {
    const { h, today } = await withOpenCheckin();
    await h.bot.handle({
      kind: "message",
      id: "channel-1",
      platform: "console",
      workspace: "test",
      user: "ana",
      conversation: "console:test:channel:home",
      at: h.clock.now(),
      messageRef: "m-1",
      mentions: [],
      asks: false,
      isDirect: false,
      fromBot: false,
      text: "done: survey",
    });
    expect(await h.say("ana", "done: survey")).toMatch(/I don't know the command/);
    expect((await today())?.progress).toBeUndefined();
  });

  it("still suggests the command for a typo in a direct message", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    expect((await h.dm("ana", "milestne list"))?.text).toBe(
      'If that was meant as a command: did you mean "milestone list"? Type "help" for all commands.',
    );
  });
});
