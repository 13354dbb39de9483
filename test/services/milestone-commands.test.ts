import { describe, expect, it } from "vitest";
import { createBotHarness } from "../helpers/bot-harness.js";

describe("milestone commands", () => {
  it("lets the intern add a milestone and lists it with its number, date and status", async () => {
    const h = await createBotHarness();
    expect(await h.say("ana", 'milestone add "Market study" due 2026-12-15')).toBe(
      'Added milestone #1 "Market study", due Tue 15 Dec 2026.',
    );
    const list = await h.say("ana", "milestone list");
    expect(list).toContain("#1  Tue 15 Dec 2026  planned  Market study");
    expect((await h.store.milestones.history(1)).map((e) => e.action)).toEqual(["add"]);
  });

  it("orders the list by due date and marks open milestones past their date as overdue", async () => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "Later" due 2027-01-20');
    await h.say("ana", 'milestone add "Sooner" due 2026-12-10');
    h.clock.set(new Date("2026-12-12T15:00:00Z"));
    const lines = (await h.say("ana", "milestone list")).split("\n").slice(1);
    expect(lines[0]).toMatch(/^#2 .* overdue {2}Sooner$/);
    expect(lines[1]).toMatch(/^#1 .* planned {2}Later$/);
  });

  it("lets the supervisor add a milestone for a named intern", async () => {
    const h = await createBotHarness();
    expect(await h.say("bram", 'milestone add "Demo" due 15 Dec for @ben')).toContain("for Ben Okafor");
    const [m] = await h.store.milestones.listFor((await h.internship("ben-2026")).id);
    expect(m?.title).toBe("Demo");
    expect(m?.createdBy).toBe((await h.person("bram")).id);
  });

  it("asks a supervisor of several interns to say which one", async () => {
    const h = await createBotHarness();
    const answer = await h.say("bram", 'milestone add "Demo" due 15 Dec');
    expect(answer).toMatch(/several interns \(@ana, @ben\)/);
    expect(await h.store.milestones.listFor((await h.internship("ana-2026")).id)).toHaveLength(0);
  });

  it("walks a milestone through done, accept with feedback, and keeps every step in the history", async () => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    expect(await h.say("ana", "milestone done 1")).toContain("Marked #1");
    expect(await h.say("bram", "milestone accept #1 we use it in the Q1 plan")).toBe(
      'Accepted #1 "Survey" with feedback: we use it in the Q1 plan.',
    );
    const m = (await h.store.milestones.get(h.workspace.id, 1))!;
    expect(m.status).toBe("accepted");
    expect(m.feedback).toBe("we use it in the Q1 plan");
    expect((await h.store.milestones.history(1)).map((e) => `${e.action}:${e.toStatus}`)).toEqual([
      "add:planned",
      "done:done",
      "accept:accepted",
    ]);
  });

  it("moves a milestone, counts the move and records the reason", async () => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    expect(await h.say("ana", "milestone move 1 2026-12-22 because waiting on data")).toBe(
      'Moved #1 "Survey" from Tue 15 Dec 2026 to Tue 22 Dec 2026 because waiting on data.',
    );
    await h.say("ana", "milestone move 1 2027-01-05");
    const m = (await h.store.milestones.get(h.workspace.id, 1))!;
    expect(m.moves).toBe(2);
    expect((await h.store.milestones.history(1))[1]).toMatchObject({
      fromDue: "2026-12-15",
      toDue: "2026-12-22",
      note: "waiting on data",
    });
  });

  it("blocks with a reason, shows it in the list, and reopen clears it", async () => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("ana", "milestone block 1 no access to the CRM");
    expect(await h.say("bram", "milestone list for @ana")).toContain("blocked (no access to the CRM)");
    await h.say("bram", "milestone reopen 1");
    expect(await h.store.milestones.get(h.workspace.id, 1)).toMatchObject({ status: "planned" });
    expect((await h.store.milestones.get(h.workspace.id, 1))?.blockReason).toBeUndefined();
  });

  it("hides accepted milestones unless asked for all", async () => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("ana", "milestone done 1");
    await h.say("lena", "milestone accept 1");
    expect(await h.say("ana", "milestone list")).toContain("nothing open");
    expect(await h.say("ana", "milestone list all")).toContain("accepted  Survey");
  });
});

describe("milestone authorisation", () => {
  it("lets only the supervisor or coordinator accept", async () => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("ana", "milestone done 1");
    const before = await h.snapshot();
    expect(await h.say("ana", "milestone accept 1")).toBe(
      "Only the supervisor or the coordinator can accept a milestone.",
    );
    expect(await h.snapshot()).toBe(before);
    expect(await h.say("lena", "milestone accept 1")).toContain("Accepted #1");
  });

  it("does not let the coordinator add milestones", async () => {
    const h = await createBotHarness();
    expect(await h.say("lena", 'milestone add "X" due 2026-12-15')).toBe(
      "Only the intern and the supervisor can add milestones.",
    );
  });

  it("answers someone outside the internship as if the milestone did not exist, and writes nothing", async () => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "Secret plan" due 2026-12-15');
    const before = await h.snapshot();
    for (const command of [
      "milestone done 1",
      "milestone accept 1",
      "milestone move 1 2027-01-10",
      "milestone block 1 x",
      "milestone reopen 1",
    ]) {
      expect(await h.say("olga", command)).toBe(
        'There is no milestone #1. Type "milestone list" to see the numbers.',
      );
      expect(await h.say("ben", command)).toBe(
        'There is no milestone #1. Type "milestone list" to see the numbers.',
      );
    }
    expect(await h.snapshot()).toBe(before);
  });

  it("refuses to show another internship's milestones", async () => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "Secret plan" due 2026-12-15');
    const answer = await h.say("olga", "milestone list for @ana");
    expect(answer).toBe("You are not part of Ana Souza's internship, so you cannot see or change it.");
    expect(answer).not.toContain("Secret plan");
  });

  it("lets only supervisors reopen an accepted milestone", async () => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("ana", "milestone done 1");
    await h.say("bram", "milestone accept 1");
    expect(await h.say("ana", "milestone reopen 1")).toMatch(/supervisor or the coordinator/);
    expect(await h.say("chloe", "milestone reopen 1")).toContain("Reopened #1");
  });
});

describe("milestone bad input", () => {
  const cases: [string, RegExp][] = [
    ['milestone add "Survey" due 2026-11-20', /in the past/],
    ['milestone add "Survey" due 2027-06-01', /internship ends on Wed 31 Mar 2027/],
    ['milestone add "Survey" due someday', /not a date/],
    [`milestone add "${"x".repeat(201)}" due 2026-12-15`, /200/],
    ["milestone add", /milestone add/],
    ["milestone done", /milestone done needs a milestone number/],
    ["milestone done 99", /There is no milestone #99/],
    ["milestone move 1", /date/],
    ["milestone frobnicate 1", /milestone/],
    ["milestone accept 1", /not done yet/],
    ["milestone block 1", /reason/],
    ["milestone done 1 2 3", /takes just a milestone number/],
  ];
  it.each(cases)("answers %s clearly and writes nothing", async (command, expected) => {
    const h = await createBotHarness();
    await h.say("ana", 'milestone add "Existing" due 2026-12-20');
    const before = await h.snapshot();
    const actor = command.startsWith("milestone accept") ? "bram" : "ana";
    expect(await h.say(actor, command)).toMatch(expected);
    expect(await h.snapshot()).toBe(before);
  });

  it("echoes titles so that they cannot ping anyone", async () => {
    const h = await createBotHarness();
    const answer = await h.say("ana", 'milestone add "<!channel> ping @here and <@U999>" due 2026-12-15');
    expect(answer).not.toMatch(/<!channel>|<@U999>|(^|\s)@here\b/);
    const list = await h.say("ana", "milestone list");
    expect(list).not.toMatch(/<!channel>|<@U999>|(^|\s)@here\b/);
    expect((await h.store.milestones.get(h.workspace.id, 1))?.title).toBe(
      "<!channel> ping @here and <@U999>",
    );
  });

  it("tells an unknown person how to get added, but still helps", async () => {
    const h = await createBotHarness();
    expect(await h.say("stranger", "milestone list")).toMatch(/don't know you yet/);
    expect(await h.say("stranger", "help")).toMatch(/milestone/);
  });
});
