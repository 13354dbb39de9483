/** The Adaptive Card renderer against the worst messages real programmes produce: never over a Teams limit. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cardLength, escapeMarkdown, messageActivity } from "../../../adapters/teams/cards.js";
import { composeMerged } from "../../../src/domain/copy/merged.js";
import type { OutboundMessage } from "../../../src/domain/messages.js";
import { MESSAGE_BYTES_REFUSED } from "../../fakes/bot-connector.js";
import { hardText, isWellFormed } from "../../helpers/hard-text.js";
import { mergedBudget, milestoneList, weeklyDigest, worstMessage } from "../../helpers/worst-messages.js";

type Card = { version: string; body: Record<string, unknown>[]; actions?: { data?: unknown }[] };
const cardsOf = (activity: Record<string, unknown>) =>
  ((activity.attachments ?? []) as { content: Card }[]).map((a) => a.content);

function expectAccepted(message: OutboundMessage) {
  const activity = messageActivity(message);
  const json = JSON.stringify(activity);
  // Guaranteed delivery is under about 80 KB; the fake refuses over 100 KB, as Teams does.
  expect(json.length * 2).toBeLessThanOrEqual(80 * 1024);
  expect(Buffer.byteLength(json, "utf8")).toBeLessThanOrEqual(80 * 1024);
  expect(json.length * 2).toBeLessThan(MESSAGE_BYTES_REFUSED);
  expect(isWellFormed(json)).toBe(true);
  for (const card of cardsOf(activity)) {
    expect(card.version).toBe("1.5");
    expect(card.actions?.length ?? 0).toBeLessThanOrEqual(6);
  }
  return activity;
}

describe("Adaptive Cards within Teams' limits, whatever the message", () => {
  it("counts text as it travels, escaped and written as JSON", () => {
    const any = fc.oneof(
      hardText(200),
      fc.string({ unit: "binary", maxLength: 50 }),
      fc.constantFrom('\\"\t\u0001'),
    );
    fc.assert(
      fc.property(any, (text) => {
        expect(cardLength(text)).toBe(JSON.stringify(escapeMarkdown(text)).length - 2);
      }),
    );
  });

  it("renders 60 milestones, a 40-intern digest and a merge of 30 items as activities Teams delivers", () => {
    for (const worst of [milestoneList, weeklyDigest, mergedBudget]) {
      fc.assert(
        fc.property(worst, (message) => void expectAccepted(message)),
        { numRuns: 20 },
      );
    }
  });

  it("never produces an activity over the size Teams guarantees, or a card with more than 6 actions", () => {
    fc.assert(
      fc.property(worstMessage, (message) => void expectAccepted(message)),
      { numRuns: 120 },
    );
  });

  it("shows every button of a merged message, 6 to a card, in order", () => {
    const items: OutboundMessage[] = Array.from({ length: 14 }, (_, i) => ({
      text: `Milestone #${i + 1} is done`,
      buttons: [{ action: "milestone.accept", value: String(i + 1), label: "Accept" }],
    }));
    const activity = expectAccepted(composeMerged(items, { kind: "budget", budget: 3 }));
    const cards = cardsOf(activity);
    expect(cards.map((c) => c.actions?.length)).toEqual([6, 6, 2]);
    expect(activity.attachmentLayout).toBe("list");
    expect(cards[1]?.body[0]).toMatchObject({ text: "More actions for the message above (2 of 3):" });
    const values = cards.flatMap((c) =>
      (c.actions ?? []).map((a) => (a.data as { tandemValue: string }).tandemValue),
    );
    expect(values).toEqual(items.map((_, i) => String(i + 1)));
  });

  it("cuts a 40-intern digest to fit, with a line saying where the rest can be read", () => {
    const text = Array.from(
      { length: 40 },
      (_, i) => `Intern ${i}: ${"a long reflection 😀 ".repeat(400)}`,
    ).join("\n\n");
    expect(text.length * 2).toBeGreaterThan(MESSAGE_BYTES_REFUSED * 3);
    const activity = expectAccepted({
      text,
      reason: "weekly",
      more: 'Type "report" to read every intern\'s week.',
    });
    const body = cardsOf(activity)[0]?.body ?? [];
    expect(body[0]).toMatchObject({ type: "TextBlock" });
    expect(String(body[0]?.text).length).toBeGreaterThan(20_000);
    expect(body[1]).toMatchObject({
      text: '…shortened to fit one Teams message. Type "report" to read every intern\'s week.',
    });
    const plain = expectAccepted({ text, more: "Type report." });
    expect(String(plain.text)).toMatch(/shortened to fit one Teams message\. Type report\.$/);
  });
});
