/**
 * The set-up form with the largest learning agreement a programme file allows, as Slack's strict fake and
 * the Bot Connector's card check see it: nothing is cut, and outcomes too long for one input stay out of
 * the form (and are kept on save) rather than being shortened.
 */
import { describe, expect, it } from "vitest";
import { renderModal } from "../../adapters/slack/render.js";
import { replyActivity } from "../../adapters/teams/cards.js";
import { DEFAULT_TERMS } from "../../src/domain/agreement.js";
import { readSetupValue, setupForm } from "../../src/domain/internship-setup.js";
import {
  criterionKey,
  type LearningAgreement,
  MAX_CRITERIA,
  MAX_OUTCOMES,
} from "../../src/domain/learning-agreement.js";
import { readLearningAnswers } from "../../src/domain/setup-learning.js";
import { adaptiveCardProblem } from "../fakes/adaptive-card-check.js";
import { checkView } from "../fakes/slack-blocks.js";

function agreement(outcomes: number, description: number): LearningAgreement {
  return {
    title: "T".repeat(200),
    hoursPerWeek: 60,
    outcomes: Array.from({ length: outcomes }, (_, i) => ({
      key: `outcome-${i}-${"k".repeat(28)}`.slice(0, 40),
      description: "d".repeat(description),
    })),
    criteria: Array.from({ length: MAX_CRITERIA }, (_, i) => {
      const name = `${i} ${"C".repeat(57)}`.slice(0, 60);
      return { key: criterionKey(name), name };
    }),
    midterm: "2027-01-15",
    final: "2027-02-20",
    language: { code: "pt-br", level: "native" },
  };
}

function form(learning: LearningAgreement, platform: "slack" | "teams") {
  return setupForm({
    platform,
    today: "2026-12-03",
    defaults: DEFAULT_TERMS,
    current: {
      key: "kenji-2026",
      intern: { id: "U0KENJI", name: "Kenji" },
      supervisor: { id: "U0OLGA", name: "Olga" },
      start: "2026-12-07",
      end: "2027-02-26",
      terms: DEFAULT_TERMS,
      learning,
    },
  });
}

describe("the learning agreement in the set-up form, at the platforms' limits", () => {
  it("shows outcomes that fit one input whole, in a modal and a card the platforms accept", () => {
    const fits = agreement(7, 300);
    const f = form(fits, "slack");
    const outcomes = f.fields.find((x) => x.id === "outcomes")!;
    expect(outcomes.initial!.length).toBeLessThanOrEqual(3000);
    expect(outcomes.initial!.split("\n")).toHaveLength(7);
    expect(checkView(renderModal(f, "Set up"), "modal")).toBeUndefined();
    const activity = replyActivity({ text: "Set up", form: form(fits, "teams") });
    expect(adaptiveCardProblem(activity)).toBeUndefined();
    expect(JSON.stringify(activity).length).toBeLessThan(80_000);
  });

  it("leaves outcomes too long for one input out of the form, and keeps them on save", () => {
    const large = agreement(MAX_OUTCOMES, 300);
    const f = form(large, "slack");
    expect(f.fields.map((x) => x.id)).not.toContain("outcomes");
    expect(checkView(renderModal(f, "Set up"), "modal")).toBeUndefined();
    const value = readSetupValue(f.value);
    expect(value.outcomesHidden).toBe(true);
    const answers = Object.fromEntries(
      f.fields.filter((x) => x.initial !== undefined).map((x) => [x.id, x.initial!]),
    );
    const read = readLearningAnswers(answers, large, !value.outcomesHidden, {
      start: "2026-12-07",
      end: "2027-02-26",
    });
    expect(read).toEqual({ ok: true, value: large });
  });
});
