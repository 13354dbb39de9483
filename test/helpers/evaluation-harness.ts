import { createPlanner } from "../../src/services/planner.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { createEvaluationRule } from "../../src/services/rules/evaluation-rule.js";
import { createBotHarness } from "./bot-harness.js";
import { sampleProgramme } from "./programme.js";

/**
 * Ana's internship (2026-11-01 to 2027-03-31): mid-term Fri 15 Jan 2027, final Thu 25 Mar 2027. Ana works
 * in São Paulo, Bram (her supervisor) in Brussels, both Mon-Fri 09:00-17:00.
 */
export function evaluationProgramme() {
  const p = sampleProgramme();
  p.internships![0] = {
    ...p.internships![0]!,
    learning: {
      outcomes: [
        { key: "market-research", description: "Plan and run a small market study" },
        { key: "presenting", description: "Present findings to a client" },
      ],
      criteria: ["Teamwork", "Initiative"],
    },
  };
  return p;
}

export const SUPERVISOR_FORM = {
  "criterion.teamwork": "4",
  "criterion.teamwork.comment": "Asks the right people",
  "criterion.initiative": "3",
  "outcome.market-research": "partly",
  "outcome.presenting": "not-yet",
};
export const INTERN_FORM = {
  "criterion.teamwork": "5",
  "criterion.initiative": "4",
  "outcome.market-research": "achieved",
  "outcome.presenting": "partly",
  "hosting.project-clarity": "4",
  "hosting.supervision": "5",
  "hosting.reply-times": "2",
  "hosting.reply-times.comment": "Answers often came the next day",
  "hosting.inclusion": "4",
  "hosting.intercultural-learning": "5",
};

/** A harness with the evaluation rule alone, ticks at given instants, the evaluation rows and a submit. */
export async function evaluationHarness(programme: ProgrammeInput = evaluationProgramme()) {
  const h = await createBotHarness({ programme, now: "2027-01-10T12:00:00Z" });
  const planner = createPlanner({
    store: h.store,
    rules: [createEvaluationRule({ store: h.store, log: h.log.log })],
    log: h.log.log,
  });
  const tick = async (iso: string) => {
    h.clock.set(new Date(iso));
    await planner.tick(h.clock.now());
  };
  const ship = await h.internship("ana-2026");
  const ana = await h.person("ana");
  const bram = await h.person("bram");
  /** The requests and reminders queued (the readable notices are not among them). */
  const requests = async () =>
    (await h.store.outbox.list())
      .filter((o) => o.key.startsWith("evaluation:") && !o.key.includes(":readable:"))
      .map((o) => ({
        key: o.key,
        to: o.recipientId === ana.id ? "ana" : o.recipientId === bram.id ? "bram" : o.recipientId,
        notBefore: o.notBefore.toISOString(),
        expiresAt: o.expiresAt?.toISOString(),
        status: o.status,
      }));
  let n = 0;
  const submit = (user: string, round: string, form: Record<string, string>, id = `eval-${++n}`) =>
    h.bot.handle({
      kind: "action",
      id,
      platform: "console",
      workspace: "test",
      user,
      conversation: `console:test:user:${user}`,
      at: h.clock.now(),
      action: "evaluation.submit",
      value: `${ship.id}:${round}`,
      form,
    });
  return { h, tick, ship, requests, submit };
}
