import { describe, expect, it } from "vitest";
import type { Platform } from "../../src/domain/types.js";
import { localDateIn } from "../../src/domain/zone-time.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import type { CommandContext } from "../../src/services/command-context.js";
import { handleReflectCommand, handleReflectionAction } from "../../src/services/command-handlers/reflect.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { createPlanner } from "../../src/services/planner.js";
import { createReflectionRule } from "../../src/services/rules/reflection-rule.js";
import { createWeeklyDigestRule } from "../../src/services/rules/weekly-digest-rule.js";
import { createTicker } from "../../src/services/ticker.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";
const QUESTION =
  "What did you notice this week about how decisions, negotiation or written communication work here?";

/** lena coordinates ana and ben; a planner runs the reflection and digest rules only. */
async function setup() {
  const programme = sampleProgramme();
  programme.internships = programme.internships!.map((i) =>
    i.key === "ben-2026" ? { ...i, coordinator: "lena" } : i,
  );
  const h = await createServiceHarness({ programme, rules: "checkin" });
  const platforms = new Map<Platform, ChatPlatform>([["console", h.platform]]);
  const build = () => {
    const rules = [
      createReflectionRule({ store: h.store, log: h.log.log }),
      createWeeklyDigestRule({ store: h.store, log: h.log.log }),
    ];
    const planner = createPlanner({ store: h.store, rules, log: h.log.log });
    const dispatcher = createDispatcher({ store: h.store, platforms, clock: h.clock, log: h.log.log });
    return createTicker({ planner, dispatcher, log: h.log.log });
  };
  let ticker = build();
  const tick = async (at: Date) => {
    h.clock.set(at);
    return await ticker.tick(at);
  };
  /** What the bot gives a command handler when `key` speaks at `at`. */
  const ctxOf = async (key: string, at: Date): Promise<CommandContext> => {
    h.clock.set(at);
    const speaker = await h.person(key);
    return {
      store: h.store,
      log: h.log.log,
      now: at,
      workspace: h.workspace,
      speaker,
      today: localDateIn(speaker.timezone, at),
    };
  };
  const prompts = async () =>
    (await h.sentTo("ana")).filter((s) => s.message.buttons?.[0]?.action === "reflection.open");
  const reflections = async (key = "ana-2026") =>
    await h.store.reflections.forInternship((await h.internship(key)).id);
  return { h, tick, ctxOf, prompts, reflections, restart: () => (ticker = build()) };
}

describe("weekly reflection prompt", () => {
  it("asks the intern once a week, after 14:00 on her last working day, with a button and the command", async () => {
    const { h, tick, prompts, restart } = await setup();
    await tick(h.local("2026-12-04T13:59", SP));
    expect(await prompts()).toHaveLength(0);
    await tick(h.local("2026-12-04T14:00", SP));
    await tick(h.local("2026-12-04T14:30", SP));
    restart();
    await tick(h.local("2026-12-04T16:00", SP));
    await tick(h.local("2026-12-05T11:00", SP));
    const sent = await prompts();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.message.text).toContain(QUESTION);
    expect(sent[0]?.message.text).toContain('type "reflect <text>"');
    expect(sent[0]?.message.buttons).toEqual([
      { action: "reflection.open", value: "2026-W49", label: "Answer", style: "primary" },
    ]);
    expect(sent[0]?.message.reason).toContain("nobody else reads the answer unless you share it");
    expect(
      await h.store.outbox.get(h.workspace.id, `reflection:${(await h.internship("ana-2026")).id}:2026-W49`),
    ).toBeDefined();
    await tick(h.local("2026-12-11T14:00", SP));
    expect((await prompts()).map((s) => s.message.buttons?.[0]?.value)).toEqual(["2026-W49", "2026-W50"]);
  });

  it("asks on Thursday when Friday is a public holiday (Christmas in Brazil)", async () => {
    const { h, tick, prompts } = await setup();
    await tick(h.local("2026-12-24T14:05", SP));
    expect((await prompts()).map((s) => s.message.buttons?.[0]?.value)).toEqual(["2026-W52"]);
  });

  it("asks on the internship's last day when it ends mid-week", async () => {
    const { h, tick, prompts } = await setup();
    await tick(h.local("2027-03-31T14:00", SP));
    expect((await prompts()).map((s) => s.message.buttons?.[0]?.value)).toEqual(["2027-W13"]);
  });

  it("does not ask when this week's reflection is already written", async () => {
    const { h, tick, ctxOf, prompts } = await setup();
    await handleReflectCommand(await ctxOf("ana", h.local("2026-12-03T10:00", SP)), {
      name: "reflect",
      text: "Decisions are made in the Monday meeting.",
    });
    await tick(h.local("2026-12-04T15:00", SP));
    expect(await prompts()).toHaveLength(0);
  });
});

describe("writing a reflection", () => {
  it("stores `reflect <text>` for the current ISO week, not shared, and says how to share it", async () => {
    const { h, ctxOf, reflections } = await setup();
    const answer = await handleReflectCommand(await ctxOf("ana", h.local("2026-12-02T10:00", SP)), {
      name: "reflect",
      text: "  People write long emails before a decision.  ",
    });
    expect(answer.text).toContain("Saved your reflection for the week of Mon 30 Nov 2026; it stays private.");
    expect(answer.text).toContain('type "reflect"');
    expect(await reflections()).toEqual([
      expect.objectContaining({
        week: "2026-W49",
        text: "People write long emails before a decision.",
        shared: false,
      }),
    ]);
  });

  it("opens a form with the question and a share choice, and stores a shared answer", async () => {
    const { h, ctxOf, reflections } = await setup();
    const at = h.local("2026-12-04T14:10", SP);
    const opened = await handleReflectionAction(await ctxOf("ana", at), {
      action: "reflection.open",
      value: "2026-W49",
    });
    expect(opened.form).toMatchObject({ action: "reflection.answer", value: "2026-W49" });
    expect(opened.form?.fields).toEqual([
      expect.objectContaining({ id: "text", label: QUESTION, kind: "text", multiline: true }),
      expect.objectContaining({
        id: "share",
        label: "May your coordinator read this?",
        kind: "choice",
        choices: [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No, keep it to myself" },
        ],
      }),
    ]);
    const saved = await handleReflectionAction(await ctxOf("ana", at), {
      action: "reflection.answer",
      value: "2026-W49",
      form: { text: "Negotiation happens in the corridor.", share: "yes" },
    });
    expect(saved.text).toBe(
      "Saved your reflection for the week of Mon 30 Nov 2026; Lena Vogel (your coordinator) will read it in their weekly digest.",
    );
    expect(await reflections()).toEqual([expect.objectContaining({ week: "2026-W49", shared: true })]);
  });

  it("refuses non-interns and empty answers, and writes nothing", async () => {
    const { h, ctxOf, reflections } = await setup();
    const at = h.local("2026-12-02T10:00", BXL);
    expect(
      (await handleReflectCommand(await ctxOf("bram", at), { name: "reflect", text: "hello" })).text,
    ).toContain("Reflections are written by the intern");
    expect(
      (
        await handleReflectionAction(await ctxOf("ana", at), {
          action: "reflection.answer",
          value: "2026-W49",
          form: { text: " " },
        })
      ).text,
    ).toContain("nothing was saved");
    expect(await reflections()).toEqual([]);
  });
});

describe("reflections in the coordinator's digest", () => {
  it("shows the coordinator only what interns shared, and the supervisor none of it", async () => {
    const { h, tick, ctxOf } = await setup();
    await handleReflectionAction(await ctxOf("ana", h.local("2026-12-04T14:10", SP)), {
      action: "reflection.answer",
      value: "2026-W49",
      form: { text: "Decisions need <!channel> consensus first.", share: "yes" },
    });
    await handleReflectCommand(await ctxOf("ben", h.local("2026-12-04T15:00", BXL)), {
      name: "reflect",
      text: "A private thought.",
    });
    await tick(h.local("2026-12-07T09:00", BXL));
    // The digest counts shared reflections; `digest for @intern` shows them (issue 13: the coordinator's
    // digest is a short paragraph per intern).
    const lena = (await h.store.outbox.get(h.workspace.id, `digest:${(await h.person("lena")).id}:2026-W49`))!
      .payload.text;
    expect(lena).toContain("1 shared reflection");
    expect(lena).not.toContain("A private thought.");
    h.clock.set(h.local("2026-12-07T10:00", BXL));
    expect(await h.say("lena", "digest for @ana")).toContain(
      "Reflections shared with the coordinator: 2026-W49: Decisions need @\u200Bchannel consensus first.",
    );
    const bens = await h.say("lena", "digest for @ben");
    expect(bens).toContain("Reflections shared with the coordinator: none");
    expect(bens).not.toContain("A private thought.");
    expect(await h.say("bram", "digest for @ana")).not.toContain("Decisions need");
    const bramId = (await h.person("bram")).id;
    const bram = (await h.store.outbox.list())
      .filter((o) => o.key.startsWith(`digest:${bramId}:`))
      .map((o) => o.payload.text)
      .join("\n");
    expect(bram).toContain("Ana Souza");
    expect(bram).not.toContain("Decisions need");
    expect(bram).not.toContain("A private thought.");
  });
});
