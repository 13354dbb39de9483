import { describe, expect, it } from "vitest";
import type { OutboundForm, Reply } from "../../src/domain/messages.js";
import { createBotHarness } from "../helpers/bot-harness.js";
import { sampleProgramme } from "../helpers/programme.js";

function programme() {
  const p = sampleProgramme();
  p.internships![0] = {
    ...p.internships![0]!,
    agreement: { ...p.internships![0]!.agreement, milestones: { announceDone: true } },
    learning: {
      outcomes: [
        { key: "market-research", description: "Plan and run a small market study" },
        { key: "presenting", description: "Present findings to a client" },
      ],
    },
  };
  return p;
}

let n = 0;
async function harness(withLearning = true) {
  const h = await createBotHarness(withLearning ? { programme: programme() } : {});
  const ship = await h.internship("ana-2026");
  /** Submits the form as `user` would on any platform: the form's action and value, the answers. */
  const submit = async (user: string, form: OutboundForm, answers: Record<string, string>): Promise<Reply> =>
    (await h.bot.handle({
      kind: "action",
      id: `form-${++n}`,
      platform: "console",
      workspace: "test",
      user,
      conversation: `console:test:user:${user}`,
      at: h.clock.now(),
      action: form.action,
      value: form.value,
      form: answers,
    }))!;
  const open = async (user: string, text = "milestone add") => {
    const reply = (await h.bot.handle({
      kind: "command",
      id: `cmd-${++n}`,
      platform: "console",
      workspace: "test",
      user,
      conversation: `console:test:user:${user}`,
      at: h.clock.now(),
      text,
    }))!;
    return reply;
  };
  return { h, ship, submit, open };
}

describe("the milestone form", () => {
  it("asks for the title, the due date and the outcomes it serves, several of which may be picked", async () => {
    const { open } = await harness();
    const reply = await open("ana");
    expect(reply.text).toMatch(
      /^Add a milestone: its title, when it is due, and the learning outcomes it serves/,
    );
    expect(reply.form).toMatchObject({ action: "milestone.add", value: "", submitLabel: "Add" });
    expect(reply.form!.fields.map((f) => [f.id, f.kind, f.optional ?? false, f.multiple ?? false])).toEqual([
      ["title", "text", false, false],
      ["due", "date", false, false],
      ["outcomes", "choice", true, true],
    ]);
    expect(reply.form!.fields[1]!.initial).toBe("2026-12-01");
    expect(reply.form!.fields[2]!.choices).toEqual([
      { value: "market-research", label: "market-research: Plan and run a small market study" },
      { value: "presenting", label: "presenting: Present findings to a client" },
    ]);
  });

  it("adds the milestone linked to the outcomes picked, for the intern the supervisor named", async () => {
    const { h, ship, submit, open } = await harness();
    const reply = await open("bram", "milestone add for @ana");
    expect(reply.text).toMatch(/^Add a milestone for Ana Souza/);
    expect(reply.form!.value).toBe("ana");
    const added = await submit("bram", reply.form!, {
      title: "  Client   deck ",
      due: "2026-12-18",
      outcomes: "market-research,presenting",
    });
    expect(added.text).toBe(
      'Added milestone #1 "Client deck" for Ana Souza, due Fri 18 Dec 2026. It serves the outcomes market-research, presenting.',
    );
    expect(await h.store.learning.outcomesOfMilestones(ship.id)).toEqual(
      new Map([[1, ["market-research", "presenting"]]]),
    );
  });

  it("shows a wrong title, due date or outcome beside its field and adds nothing", async () => {
    const { h, ship, submit, open } = await harness();
    const { form } = await open("ana");
    expect((await submit("ana", form!, { title: " ", due: "2026-12-18" })).formErrors).toEqual({
      title: "Give the milestone a title, e.g. Draft of the market study.",
    });
    expect((await submit("ana", form!, { title: "Survey", due: "2026-11-20" })).formErrors).toEqual({
      due: "Fri 20 Nov 2026 is in the past; pick a due date from today on.",
    });
    expect((await submit("ana", form!, { title: "Survey", due: "2027-05-01" })).formErrors).toEqual({
      due: "The internship ends on Wed 31 Mar 2027; pick a due date on or before it.",
    });
    expect((await submit("ana", form!, { title: "Survey" })).formErrors).toEqual({
      due: "Pick the date it is due.",
    });
    const forged = await submit("ana", form!, { title: "Survey", due: "2026-12-18", outcomes: "pitching" });
    expect(forged.formErrors?.outcomes).toMatch(
      /^"pitching" is not an outcome of this internship's learning agreement/,
    );
    expect(await h.store.milestones.listFor(ship.id)).toEqual([]);
  });

  it("leaves the outcomes out when the internship has no learning agreement", async () => {
    const { submit, open } = await harness(false);
    const { form } = await open("ana");
    expect(form!.fields.map((f) => f.id)).toEqual(["title", "due"]);
    expect((await submit("ana", form!, { title: "Survey", due: "2026-12-18" })).text).toBe(
      'Added milestone #1 "Survey", due Fri 18 Dec 2026.',
    );
  });

  it("refuses someone outside the internship before the form opens", async () => {
    const { open } = await harness();
    const reply = await open("olga", "milestone add for @ana");
    expect(reply.form).toBeUndefined();
  });
});

describe("a milestone's messages name the outcomes it serves", () => {
  it("shows them under the request to accept, the announcement and the acceptance", async () => {
    const { h } = await harness();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15 for outcome market-research');
    await h.say("ana", "milestone done 1");
    const serves = [
      { label: "Serves the outcome", value: "market-research (Plan and run a small market study)" },
    ];
    const sent = async (prefix: string) =>
      (await h.store.outbox.list()).filter((o) => o.key.startsWith(prefix)).map((o) => o.payload.fields);
    expect(await sent("milestone-accept:1:")).toEqual([serves]);
    expect(await sent("milestone-announce:1:")).toEqual([serves]);
    await h.say("bram", "milestone accept 1 We use it in the sales pitch");
    expect(await sent("milestone-accepted:1:")).toEqual([serves]);
  });

  it("adds nothing to the messages of a milestone that serves no outcome", async () => {
    const { h } = await harness();
    await h.say("ana", 'milestone add "Survey" due 2026-12-15');
    await h.say("ana", "milestone done 1");
    const [request] = (await h.store.outbox.list()).filter((o) => o.key.startsWith("milestone-accept:1:"));
    expect(request!.payload.fields).toBeUndefined();
  });
});
