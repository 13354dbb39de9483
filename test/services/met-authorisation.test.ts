import { describe, expect, it } from "vitest";
import { createServiceHarness } from "../helpers/service-harness.js";

const BXL = "Europe/Brussels";
const SP = "America/Sao_Paulo";

async function setup() {
  const h = await createServiceHarness({ rules: "checkin" });
  h.clock.set(h.local("2026-12-01T15:00", BXL));
  const ana = await h.internship("ana-2026");
  const meetings = async () => await h.store.activity.meetingsSince(ana.id, new Date(0));
  const notices = async () =>
    (await h.store.outbox.list()).filter((o) => o.key.startsWith("meeting-logged:"));
  return { h, ana, meetings, notices };
}

describe('who may log "met @intern"', () => {
  it("refuses somebody outside the internship without an introduction, and records nothing", async () => {
    const { h, meetings, notices } = await setup();
    const before = await h.snapshot();
    // Olga supervises another intern: part of the company, but nothing to do with Ana's internship.
    expect(await h.say("olga", "met @ana coffee")).toBe(
      "Only the people of Ana Souza's internship and colleagues introduced to Ana Souza can log a meeting with Ana Souza. If you met, Ana Souza can log it: met @you.",
    );
    expect(await meetings()).toEqual([]);
    expect(await notices()).toEqual([]);
    expect(await h.snapshot()).toBe(before);
  });

  it("refuses a colleague whose introduction was only proposed or declined", async () => {
    const { h, ana, meetings } = await setup();
    const intro = (await h.store.introductions.propose(
      h.workspace.id,
      ana.id,
      (
        await h.person("olga")
      ).id,
      h.clock.now(),
    ))!;
    expect(await h.say("olga", "met @ana")).toMatch(/^Only the people of Ana Souza's internship/);
    await h.store.introductions.setStatus(intro.id, "declined", h.clock.now());
    expect(await h.say("olga", "met @ana")).toMatch(/^Only the people of Ana Souza's internship/);
    expect(await meetings()).toEqual([]);
  });

  it("accepts a colleague with a held introduction and tells the intern who logged it, once, in her working time", async () => {
    const { h, ana, meetings, notices } = await setup();
    const intro = (await h.store.introductions.propose(
      h.workspace.id,
      ana.id,
      (
        await h.person("olga")
      ).id,
      h.clock.now(),
    ))!;
    await h.store.introductions.setStatus(intro.id, "held", h.clock.now());
    expect(await h.say("olga", "met @ana coffee <!channel>")).toMatch(
      /^Logged your meeting with Ana Souza today/,
    );
    expect(await meetings()).toHaveLength(1);
    const [notice] = await notices();
    expect(notice).toMatchObject({
      key: `meeting-logged:${(await meetings())[0]!.id}`,
      recipientId: (await h.person("ana")).id,
      payload: { text: "Olga Berg logged a meeting with you today. Note: coffee @\u200Bchannel" },
    });
    expect(notice?.payload.reason).toContain("If you did not meet Olga Berg, tell your supervisor.");
    // 15:00 in Brussels is 11:00 in São Paulo: inside Ana's contact hours.
    expect(notice?.notBefore.getTime()).toBe(h.clock.now().getTime());
    await h.tickAt(h.local("2026-12-01T11:05", SP));
    expect((await h.sentTo("ana")).filter((s) => s.message.text.startsWith("Olga Berg logged"))).toHaveLength(
      1,
    );
  });

  it("accepts the internship's own people, and the intern logging her own meeting gets no notice", async () => {
    const { h, meetings, notices } = await setup();
    expect(await h.say("lena", "met @ana check-in call")).toMatch(/^Logged your meeting with Ana Souza/);
    expect(await h.say("ana", "met @olga lunch")).toMatch(/^Logged your meeting with Olga Berg/);
    expect(await meetings()).toHaveLength(2);
    expect((await notices()).map((n) => n.payload.text)).toEqual([
      "Lena Vogel logged a meeting with you today. Note: check-in call",
    ]);
  });
});
