import { describe, expect, it } from "vitest";
import {
  escapeMarkdown,
  formCard,
  messageActivity,
  messageCard,
  replyActivity,
} from "../../../adapters/teams/cards.js";
import { checkinConfirmButtons, checkinForm } from "../../../src/domain/copy/checkin.js";
import type { OutboundForm } from "../../../src/domain/messages.js";

type Block = Record<string, unknown>;
const bodyOf = (card: Block) => card.body as Block[];

describe("Adaptive Cards for Teams", () => {
  it("escapes text so <at> cannot ping and markdown cannot format", () => {
    const hostile = "<at>Bram Peeters</at> **urgent** _now_ [click](https://evil.example) `x` ~y~ a\\b & c";
    const escaped = escapeMarkdown(hostile);
    expect(escaped).not.toContain("<at>");
    expect(escaped).toBe(
      "&lt;at&gt;Bram Peeters&lt;/at&gt; \\*\\*urgent\\*\\* \\_now\\_ \\[click\\](https://evil.example) \\`x\\` \\~y\\~ a\\\\b &amp; c",
    );
    // Every text that reaches Teams is escaped: plain messages, card blocks and facts alike.
    const plain = messageActivity({ text: hostile });
    expect(plain).toEqual({ type: "message", text: escaped });
    const card = messageCard({ text: hostile, fields: [{ label: "*Who*", value: "<at>Ana</at>" }] });
    expect(JSON.stringify(card)).not.toContain("<at>");
    expect(bodyOf(card)[1]).toEqual({
      type: "FactSet",
      facts: [{ title: "\\*Who\\*", value: "&lt;at&gt;Ana&lt;/at&gt;" }],
    });
  });

  it("sends plain text when there is nothing but text, and a card with a one-line summary otherwise", () => {
    expect(messageActivity({ text: "Saved." })).toEqual({ type: "message", text: "Saved." });
    const activity = messageActivity({ text: "First line\nmore", reason: "because" });
    expect(activity.text).toBe("First line");
    expect(activity.attachments).toEqual([
      { contentType: "application/vnd.microsoft.card.adaptive", content: expect.any(Object) },
    ]);
  });

  it("renders a message with facts, buttons, a link and why it was sent", () => {
    const card = messageCard({
      text: "Overdue: Ana Souza's message was due for your reply at Wed 2 Dec, 14:00 your time.",
      fields: [{ label: "Asked", value: "Tue 1 Dec, 14:00" }],
      buttons: [
        { action: "milestone.accept", value: "7", label: "Accept", style: "primary" },
        { action: "milestone.reopen", value: "7", label: "Reopen", style: "danger" },
      ],
      link: "https://teams.microsoft.com/l/message/19:home@thread.tacv2/1",
      reason: "Your working agreement says you reply within 8h.",
    });
    expect(card).toMatchInlineSnapshot(`
      {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "actions": [
          {
            "data": {
              "tandemAction": "milestone.accept",
              "tandemValue": "7",
            },
            "style": "positive",
            "title": "Accept",
            "type": "Action.Submit",
          },
          {
            "data": {
              "tandemAction": "milestone.reopen",
              "tandemValue": "7",
            },
            "style": "destructive",
            "title": "Reopen",
            "type": "Action.Submit",
          },
          {
            "title": "Open the message",
            "type": "Action.OpenUrl",
            "url": "https://teams.microsoft.com/l/message/19:home@thread.tacv2/1",
          },
        ],
        "body": [
          {
            "text": "Overdue: Ana Souza's message was due for your reply at Wed 2 Dec, 14:00 your time.",
            "type": "TextBlock",
            "wrap": true,
          },
          {
            "facts": [
              {
                "title": "Asked",
                "value": "Tue 1 Dec, 14:00",
              },
            ],
            "type": "FactSet",
          },
          {
            "isSubtle": true,
            "size": "Small",
            "text": "Why: Your working agreement says you reply within 8h.",
            "type": "TextBlock",
            "wrap": true,
          },
        ],
        "type": "AdaptiveCard",
        "version": "1.5",
      }
    `);
  });

  it("renders a form with text and choice inputs whose Action.Submit carries the action and value", () => {
    const card = formCard(checkinForm("2026-12-01"), "Your check-in:");
    const body = bodyOf(card);
    expect(body[0]).toMatchObject({ type: "TextBlock", weight: "Bolder", text: "Check-in, 1 Dec" });
    expect(body[1]).toMatchObject({ type: "TextBlock", text: "Your check-in:" });
    const inputs = body.filter((b) => String(b.type).startsWith("Input."));
    expect(inputs.map((i) => [i.type, i.id])).toEqual([
      ["Input.Text", "progress"],
      ["Input.Text", "nextSteps"],
      ["Input.Text", "blockers"],
      ["Input.ChoiceSet", "connectedness"],
    ]);
    expect(inputs[0]).toMatchObject({ isMultiline: true, maxLength: 2000, isRequired: false });
    expect(inputs[3]).toMatchObject({
      style: "expanded",
      choices: ["1", "2", "3", "4", "5"].map((n) => ({ title: n, value: n })),
    });
    expect(card.actions).toEqual([
      {
        type: "Action.Submit",
        title: "Send",
        data: { tandemAction: "checkin.answer", tandemValue: "2026-12-01" },
      },
    ]);
  });

  it("marks required inputs and escapes the form's title", () => {
    const form: OutboundForm = {
      action: "milestone.block",
      value: "3",
      title: "Why is *it* blocked?",
      submitLabel: "Save",
      fields: [{ id: "reason", label: "Reason", kind: "text" }],
    };
    const card = formCard(form);
    expect(bodyOf(card)[0]?.text).toBe("Why is \\*it\\* blocked?");
    expect(bodyOf(card)[1]).toEqual({
      type: "Input.Text",
      id: "reason",
      label: "Reason",
      isRequired: true,
      isMultiline: false,
    });
  });

  it("answers a command with text, or with the form card when the reply asks for one", () => {
    expect(replyActivity({ text: "Done." })).toEqual({ type: "message", text: "Done." });
    const withForm = replyActivity({ text: "Your check-in:", form: checkinForm("2026-12-01") });
    const attachments = withForm.attachments as { content: Block }[];
    expect(attachments[0]?.content.type).toBe("AdaptiveCard");
    expect(attachments[0]?.content.version).toBe("1.5");
  });

  it("shows a reply's buttons (Save this as your check-in? Yes / No) as Action.Submit with Tandem's action", () => {
    const buttons = checkinConfirmButtons("2026-12-01", "finished the survey");
    const activity = replyActivity({ text: "Save this as your check-in for Tue 1 Dec 2026?", buttons });
    const card = (activity.attachments as { content: Block }[])[0]!.content;
    expect(JSON.stringify(card)).toContain('"tandemAction":"checkin.confirm"');
    expect(JSON.stringify(card)).toContain('"tandemValue":"2026-12-01\\nfinished the survey"');
    expect(JSON.stringify(card)).toContain('"tandemAction":"checkin.dismiss"');
  });
});
