import { describe, expect, it } from "vitest";
import type { OutboundButton } from "../../src/domain/messages.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
type Harness = Awaited<ReturnType<typeof createServiceHarness>>;

let counter = 0;

/** Submits a form (or presses a button with form answers) as `user`, as an adapter passes it. */
async function submit(
  h: Harness,
  user: string,
  action: string,
  value: string,
  form?: Record<string, string>,
) {
  return await h.bot.handle({
    kind: "action",
    id: `trial-${++counter}`,
    platform: "console",
    workspace: "test",
    user,
    conversation: `console:test:user:${user}`,
    at: h.clock.now(),
    action,
    value,
    ...(form ? { form } : {}),
  });
}

/** Asks as `asker` at a São Paulo wall time, then lets the scheduler run at that moment. */
async function askAt(h: Harness, asker: string, local: string, text = "try checkin for @ana") {
  h.clock.set(h.local(local, SP));
  const answer = await h.say(asker, text);
  await h.tickAt(h.clock.now());
  return answer;
}

const trialOf = async (h: Harness) => {
  const sent = (await h.sentTo("ana")).filter((s) => s.message.text.includes("trial check-in"));
  expect(sent).toHaveLength(1);
  return sent[0]!.message.buttons![0]! as OutboundButton;
};

describe("try checkin", () => {
  it("sends the intern the real questions now, marked as a trial, and stores no check-in", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    const answer = await askAt(h, "bram", "2026-12-01T08:00");
    // 08:00 is before Ana's contact hours (09:00-17:00): the trial waits for them, and says so.
    expect(answer).toBe(
      "Ana Souza gets a trial check-in, marked as a trial: nothing of it is saved or counted. It waits for Ana's contact hours: Tue 1 Dec, 09:00, their time. When Ana answers, you get a preview of what you receive, in a daily summary at the end of Ana's check-in day.",
    );
    expect(await h.sentTo("ana")).toHaveLength(0);
    await h.tickAt(h.local("2026-12-01T09:00", SP));
    const sent = await h.sentTo("ana");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message.text).toContain("this is a trial check-in (Tue 1 Dec 2026)");
    expect(sent[0]!.message.text).toContain("How connected do you feel to the team?");
    expect(sent[0]!.message.buttons?.[0]).toMatchObject({ action: "checkin-trial.open", label: "Answer" });
    const internshipId = (await h.internship("ana-2026")).id;
    expect(await h.store.checkins.get(internshipId, "2026-12-01")).toBeUndefined();
  });

  it("previews the supervisor's daily summary, built from the trial's answers, for whoever asked", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    expect(await askAt(h, "lena", "2026-12-01T10:00")).toContain("Ana Souza gets a trial check-in now");
    const button = await trialOf(h);
    const opened = await submit(h, "ana", button.action, button.value);
    expect(opened?.form).toMatchObject({ action: "checkin-trial.answer", value: button.value });
    expect(opened?.form?.title).toBe("Trial check-in, 1 Dec");
    const answers = { progress: "read the codebase", nextSteps: "first ticket", connectedness: "4" };
    const thanks = await submit(h, "ana", "checkin-trial.answer", button.value, answers);
    expect(thanks?.text).toBe(
      "Thanks! That was a trial: nothing was saved or counted. Lena Vogel gets a preview of what your supervisor would receive.",
    );
    await h.tickAt(h.clock.now());
    // Lena (Berlin) asked: the preview is hers, in her contact hours; Bram gets nothing.
    const [preview, ...more] = await h.sentTo("lena");
    expect(more).toHaveLength(0);
    expect(preview?.message.text).toContain(
      "After a real check-in Bram Peeters (supervisor) receives this, in a daily summary at the end of Ana's check-in day:\nAna Souza's check-in for Tue 1 Dec 2026:",
    );
    expect(preview?.message.fields).toContainEqual({ label: "Moved forward", value: "read the codebase" });
    expect(preview?.message.fields).toContainEqual({ label: "Connected to the team", value: "4/5" });
    expect(await h.sentTo("bram")).toHaveLength(0);
    // The day's real check-in (09:30) is untouched: the trial's answers are not its answers. Its prompt
    // went out at this 10:00 tick, and since the dispatcher wakes the check-in rule for a prompt it sent
    // (1b4b62b) the row says so at once.
    const internshipId = (await h.internship("ana-2026")).id;
    const real = await h.store.checkins.get(internshipId, "2026-12-01");
    expect(real?.status).toBe("sent");
    expect(real?.answeredAt).toBeUndefined();
    expect(real?.progress).toBeUndefined();
  });

  it("shows each answer as it comes, and the blocker notice, when the agreement says so", async () => {
    const programme = sampleProgramme();
    programme.internships![0]!.agreement = { checkIn: { summary: "each" } };
    const h = await createServiceHarness({ rules: "checkin", programme });
    await askAt(h, "bram", "2026-12-01T10:00");
    const button = await trialOf(h);
    await submit(h, "ana", "checkin-trial.answer", button.value, { blockers: "no VPN access" });
    await h.tickAt(h.clock.now());
    const [preview] = await h.sentTo("bram");
    expect(preview?.message.text).toContain(
      "After a real check-in you receive this, as soon as each answer comes:",
    );
    expect(preview?.message.text).toContain("Ana Souza answered the check-in of Tue 1 Dec 2026:");
    expect(preview?.message.text).toContain(
      "A blocker also goes out at once, on its own: Ana Souza is blocked: “no VPN access”",
    );
  });

  it("works before the internship starts, and for the intern's own trial", async () => {
    const programme = sampleProgramme();
    programme.internships![0]!.start = "2027-01-04";
    const h = await createServiceHarness({ rules: "checkin", programme });
    const answer = await askAt(h, "ana", "2026-12-01T10:00", "try checkin");
    expect(answer).toContain("A trial check-in is on its way to you now");
    expect(answer).toContain("you get a preview of what Bram Peeters (supervisor) receives");
    const button = await trialOf(h);
    await submit(h, "ana", "checkin-trial.answer", button.value, { progress: "set up my laptop" });
    await h.tickAt(h.clock.now());
    const previews = (await h.sentTo("ana")).filter((s) =>
      s.message.text.startsWith("Trial check-in answered"),
    );
    expect(previews).toHaveLength(1);
    expect(previews[0]!.message.text).toContain("Ana Souza's check-in for Tue 1 Dec 2026 (partly answered):");
  });

  it("asks for one trial at a time, refuses an ended internship, and refuses outsiders", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await askAt(h, "bram", "2026-12-01T07:00");
    expect(await h.say("bram", "try checkin for @ana")).toBe(
      "A trial check-in for Ana Souza is already waiting for their contact hours (Tue 1 Dec, 09:00 their time); it is enough.",
    );
    expect(await h.say("olga", "try checkin for @ana")).toBe(
      "You are not part of Ana Souza's internship, so you cannot see or change it.",
    );
    expect(await h.say("bram", "try checkin for")).toContain('"for" needs the person after it');
    expect(await h.say("bram", "try")).toBe(
      'try needs checkin, e.g. try checkin for @ana. Type "help try" for details.',
    );
    h.clock.set(h.local("2027-04-02T10:00", SP));
    expect(await h.say("bram", "try checkin for @ana")).toBe(
      "Ana Souza's internship ended on Wed 31 Mar 2027; there is no check-in to try.",
    );
  });

  it("lets a programme admin without a part in the internship try it, and sends them the preview", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.store.programmeAdmins.add(h.workspace.id, "olga", undefined, h.clock.now());
    const answer = await askAt(h, "olga", "2026-12-01T10:00");
    expect(answer).toContain("Ana Souza gets a trial check-in now");
    expect(answer).toContain("you get a preview of what Bram Peeters (supervisor) receives");
    const button = await trialOf(h);
    await submit(h, "ana", "checkin-trial.answer", button.value, { progress: "hello" });
    await h.tickAt(h.clock.now());
    expect((await h.sentTo("olga")).map((s) => s.message.text.split("\n")[0])).toEqual([
      expect.stringMatching(/^Trial check-in answered by Ana Souza/),
    ]);
    // Naming someone who is no intern still says so.
    expect(await h.say("olga", "try checkin for @bram")).toBe("Bram Peeters is not an intern.");
  });

  it("takes a trial's answer once, only from its intern, only for a trial Tandem sent, and never an empty one", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await askAt(h, "bram", "2026-12-01T10:00");
    const button = await trialOf(h);
    const notYours = "That trial check-in is not yours to answer; your real check-ins arrive on their own.";
    expect((await submit(h, "ben", "checkin-trial.answer", button.value, { progress: "x" }))?.text).toBe(
      notYours,
    );
    const [id, at, requester] = button.value.split(":");
    const forged = `${id}:${Number(at) + 1}:${requester}`;
    expect((await submit(h, "ana", "checkin-trial.open", forged))?.text).toBe(notYours);
    expect((await submit(h, "ana", "checkin-trial.answer", "garbage", { progress: "x" }))?.text).toBe(
      notYours,
    );
    expect((await submit(h, "ana", "checkin-trial.answer", button.value, {}))?.text).toContain("no answers");
    expect(
      (await submit(h, "ana", "checkin-trial.answer", button.value, { connectedness: "9" }))?.formErrors,
    ).toEqual({
      connectedness: expect.stringContaining("answer with a number from 1 to 5"),
    });
    await submit(h, "ana", "checkin-trial.answer", button.value, { progress: "first" });
    expect((await submit(h, "ana", "checkin-trial.answer", button.value, { progress: "again" }))?.text).toBe(
      "You answered this trial already; the preview went out with your first answer.",
    );
    await h.tickAt(h.clock.now());
    expect(await h.sentTo("bram")).toHaveLength(1);
  });
});
