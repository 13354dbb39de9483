/**
 * The largest messages real programmes produce, as fast-check arbitraries: long titles with emoji and
 * markup, `milestone list all` with 60 milestones, a weekly digest for 40 interns with long
 * reflections, a budget merge of 30 items with their buttons. Renderer property tests use them.
 */
import fc from "fast-check";
import { composeMerged } from "../../src/domain/copy/merged.js";
import type { OutboundButton, OutboundMessage } from "../../src/domain/messages.js";
import { hardText } from "./hard-text.js";

/** Text of `min`..`max` characters, a hard piece repeated (so long strings stay fast to generate). */
const longText = (pieceMax: number, length: { min: number; max: number }) =>
  fc.tuple(hardText(pieceMax, 1), fc.integer(length)).map(([piece, target]) => {
    let text = "";
    for (let i = 0; text.length < target; i += 1) text += `${piece}${i % 10 === 9 ? "\n" : " "}`;
    return text;
  });

export const title = longText(40, { min: 120, max: 200 });

export const milestoneList: fc.Arbitrary<OutboundMessage> = fc
  .array(title, { minLength: 60, maxLength: 60 })
  .map((titles) => ({
    text: [
      "Milestones of Ana Souza (all):",
      ...titles.map((t, i) => `#${i + 1} "${t}" due Wed 16 Dec 2026, open (moved twice)`),
    ].join("\n"),
    more: 'Type "milestone list" for the open ones only.',
  }));

export const weeklyDigest: fc.Arbitrary<OutboundMessage> = fc
  .array(fc.tuple(hardText(60, 1), longText(300, { min: 300, max: 2000 })), { minLength: 40, maxLength: 40 })
  .map((interns) => ({
    text: [
      "Weekly digest for the week of 14 Dec 2026 (40 interns):",
      ...interns.map(
        ([name, reflection], i) =>
          `*${name} (${i})*\nCheck-ins: 4 of 5, connectedness 3.8/5 (was 4.1)\nMilestones: 2 done, 1 slipping\nReflection: ${reflection}`,
      ),
    ].join("\n\n"),
    reason: "You coordinate these internships; the programme sends you a digest every Friday.",
    more: 'Type "report" to read every intern\'s week.',
  }));

const itemButtons = (i: number): OutboundButton[][] => [
  [{ action: "milestone.accept", value: String(i), label: "Accept", style: "primary" }],
  [
    { action: "intro.accept", value: String(i), label: "Yes, introduce us" },
    { action: "intro.decline", value: String(i), label: "Not now", style: "danger" },
  ],
  [{ action: "checkin.open", value: "2026-12-16", label: "Answer" }],
  [],
];

export const mergedBudget: fc.Arbitrary<OutboundMessage> = fc
  .array(fc.tuple(title, longText(300, { min: 100, max: 1500 }), fc.nat(3)), { minLength: 30, maxLength: 30 })
  .map((items) =>
    composeMerged(
      items.map(([t, detail, kind], i) => ({
        text: `Milestone #${i + 1} "${t}" is done: ${detail}`,
        fields: [{ label: "Due", value: "Wed 16 Dec 2026" }],
        buttons: itemButtons(i + 1)[kind]!,
        reason: "You supervise this internship.",
        link: "https://slack.com/archives/C0HOME/p1796130000000100",
      })),
      { kind: "budget", budget: 3 },
      ["milestone list"],
      // Unshaped: the renderers must cope even with what the core's message budget would have shortened.
      Number.POSITIVE_INFINITY,
    ),
  );

/** Any message the core could ask for, with every part at its worst. */
export const anyMessage: fc.Arbitrary<OutboundMessage> = fc.record(
  {
    text: longText(400, { min: 0, max: 50_000 }),
    fields: fc.array(fc.record({ label: hardText(300, 1), value: longText(300, { min: 1, max: 3000 }) }), {
      maxLength: 14,
    }),
    buttons: fc.array(
      fc.record({
        action: fc.constantFrom("milestone.accept", "intro.accept", "checkin.open"),
        value: fc.string({ maxLength: 12 }),
        label: hardText(120, 1),
      }),
      { maxLength: 120 },
    ),
    reason: hardText(2000),
    link: fc.constant("https://slack.com/archives/C0HOME/p1796130000000100"),
    more: hardText(300),
  },
  { requiredKeys: ["text"] },
);

export const worstMessage = fc.oneof(milestoneList, weeklyDigest, mergedBudget, anyMessage);
