/** The Block Kit renderer against the worst messages real programmes produce: never over a Slack limit. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionOf } from "../../../adapters/slack/action-ids.js";
import { blockAction } from "../../../adapters/slack/inbound.js";
import { renderHome, renderMessage, renderModal } from "../../../adapters/slack/render.js";
import { composeMerged } from "../../../src/domain/copy/merged.js";
import type { OutboundMessage } from "../../../src/domain/messages.js";
import { blocksTextLength, checkView, refuseMessageBlocks } from "../../fakes/slack-blocks.js";
import { hardText, isWellFormed } from "../../helpers/hard-text.js";
import {
  anyMessage,
  mergedBudget,
  milestoneList,
  weeklyDigest,
  worstMessage,
} from "../../helpers/worst-messages.js";

type Element = { action_id?: string; value?: string };
const elementsOf = (blocks: Record<string, unknown>[]) =>
  blocks.flatMap((b) => (b.type === "actions" ? (b.elements as Element[]) : []));

function expectAccepted(message: OutboundMessage) {
  const rendered = renderMessage(message);
  expect(refuseMessageBlocks(rendered.blocks)).toBeUndefined();
  expect(rendered.text.length).toBeLessThanOrEqual(3000);
  const ids = elementsOf(rendered.blocks).map((e) => e.action_id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(isWellFormed(JSON.stringify(rendered))).toBe(true);
  return rendered;
}

describe("Block Kit within Slack's limits, whatever the message", () => {
  it("renders 60 milestones, a 40-intern digest and a merge of 30 items as messages Slack accepts", () => {
    for (const worst of [milestoneList, weeklyDigest, mergedBudget]) {
      fc.assert(
        fc.property(worst, (message) => void expectAccepted(message)),
        { numRuns: 30 },
      );
    }
  });

  it("never produces a payload over a limit, for any text, fields and buttons", () => {
    fc.assert(
      fc.property(worstMessage, (message) => void expectAccepted(message)),
      { numRuns: 150 },
    );
  });

  it("keeps every button of a merged message, each with an id of its own that maps back to its action", () => {
    const items: OutboundMessage[] = Array.from({ length: 25 }, (_, i) => ({
      text: `Milestone #${i + 1} is done`,
      buttons: [{ action: "milestone.accept", value: String(i + 1), label: "Accept" }],
    }));
    const rendered = expectAccepted(composeMerged(items, { kind: "budget", budget: 3 }));
    const buttons = elementsOf(rendered.blocks);
    expect(buttons).toHaveLength(25);
    expect(buttons[0]?.action_id).toBe("milestone.accept");
    expect(buttons[2]?.action_id).toBe("milestone.accept#3");
    const pressed = blockAction(
      {
        type: "block_actions",
        user: { id: "U0BRAM" },
        team: { id: "T1" },
        trigger_id: "t1",
        actions: [{ action_id: buttons[2]?.action_id, value: buttons[2]?.value }],
      },
      new Date("2026-12-16T10:00:00Z"),
    );
    expect(pressed).toMatchObject({ action: "milestone.accept", value: "3" });
    expect(buttons.map((b) => actionOf(b.action_id ?? ""))).toEqual(Array(25).fill("milestone.accept"));
  });

  it("cuts a digest too long for one message with a line saying where the rest can be read", () => {
    const text = Array.from({ length: 40 }, (_, i) => `Intern ${i}: ${"a reflection 😀 ".repeat(50)}`).join(
      "\n\n",
    );
    const rendered = expectAccepted({ text, more: 'Type "report" to read every intern\'s week.' });
    const all = JSON.stringify(rendered.blocks);
    expect(all).toContain(
      'shortened to fit one Slack message. Type \\"report\\" to read every intern\'s week.',
    );
    expect(all).toContain("Intern 0: a reflection");
    expect(blocksTextLength(rendered.blocks)).toBeGreaterThan(7000);
    expect(JSON.stringify(renderMessage({ text: "short" }))).not.toContain("shortened");
  });

  it("keeps long check-in answers in their fields, whole emoji included, within the text budget", () => {
    const answer = `${"a".repeat(1990)}👩‍👩‍👧‍👦${"b".repeat(600)}`;
    const rendered = expectAccepted({
      text: "Ana answered the check-in of Wed 16 Dec:",
      fields: ["Moved forward", "Next", "Blocker", "Connected"].map((label) => ({ label, value: answer })),
    });
    const fields = ((rendered.blocks[1]?.fields ?? []) as { text: string }[]).map((f) => f.text);
    expect(fields).toHaveLength(4);
    for (const field of fields) {
      expect(field.length).toBeLessThanOrEqual(2000);
      expect(field.endsWith("…")).toBe(true);
    }
  });

  it("renders modals and App Home within a view's limits, declaring every input's maximum length", () => {
    fc.assert(
      fc.property(hardText(60, 1), hardText(300), anyMessage, (title, label, intro) => {
        const modal = renderModal(
          {
            action: "checkin.answer",
            value: "2026-12-16",
            title,
            submitLabel: title,
            fields: [
              { id: "progress", label: label || "x", kind: "text", multiline: true },
              { id: "score", label: "Score", kind: "choice", choices: [{ value: "1", label: title }] },
            ],
          },
          intro.text,
        );
        expect(checkView(modal, "modal")).toBeUndefined();
        const input = (modal.blocks as { element: { type: string; max_length?: number } }[]).find(
          (b) => b.element?.type === "plain_text_input",
        );
        expect(input?.element.max_length).toBe(3000);
        expect(checkView(renderHome(intro.text), "home")).toBeUndefined();
      }),
      { numRuns: 25 },
    );
  });
});
