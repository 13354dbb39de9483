import { describe, expect, it } from "vitest";
import {
  escapeSlack,
  renderHome,
  renderMessage,
  renderModal,
  renderReply,
} from "../../../adapters/slack/render.js";
import { checkinConfirmButtons } from "../../../src/domain/copy/checkin.js";
import type { OutboundForm } from "../../../src/domain/messages.js";
import { checkBlocks, checkView } from "../../fakes/slack-blocks.js";

type Block = Record<string, unknown> & { text?: { text: string }; elements?: Record<string, unknown>[] };
const texts = (blocks: Record<string, unknown>[]) => JSON.stringify(blocks);

const CHECKIN_FORM: OutboundForm = {
  action: "checkin.answer",
  value: "2026-12-01",
  title: "Check-in, Tue 1 Dec 2026",
  submitLabel: "Send",
  fields: [
    {
      id: "progress",
      label: "What moved forward?",
      kind: "text",
      multiline: true,
      maxLength: 2000,
      optional: true,
    },
    {
      id: "connectedness",
      label: "How connected to the team do you feel (1-5)?",
      kind: "choice",
      optional: true,
      choices: ["1", "2", "3"].map((n) => ({ value: n, label: n })),
    },
  ],
};

describe("Block Kit rendering", () => {
  it("escapes & < > so user text can neither ping a channel nor make a link", () => {
    expect(escapeSlack("Q&A <!channel> <https://evil.example|click> a > b")).toBe(
      "Q&amp;A &lt;!channel&gt; &lt;https://evil.example|click&gt; a &gt; b",
    );
    const rendered = renderMessage({
      text: "Hey <!channel> & <@U0BRAM>",
      fields: [{ label: "<!here>", value: "<!everyone>" }],
      reason: "because <!channel>",
    });
    const all = texts(rendered.blocks) + rendered.text;
    expect(all).not.toMatch(/<!(channel|here|everyone)>|<@U0BRAM>/);
    expect(rendered.text).toBe("Hey &lt;!channel&gt; &amp; &lt;@U0BRAM&gt;");
  });

  it("renders a nudge with fields, buttons, a link to the message and why it was sent", () => {
    expect(
      renderMessage({
        text: "Overdue: Ana Souza's message in #home was due for your reply.",
        fields: [{ label: "Asked", value: "Tue 1 Dec, 10:00" }],
        buttons: [{ action: "checkin.open", value: "2026-12-01", label: "Answer", style: "primary" }],
        link: "https://slack.com/archives/C0HOME/p1796130000000100",
        reason: "Your agreement says replies within 8h.",
      }),
    ).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "Overdue: Ana Souza's message in #home was due for your reply.",
              "type": "mrkdwn",
              "verbatim": true,
            },
            "type": "section",
          },
          {
            "fields": [
              {
                "text": "*Asked*
      Tue 1 Dec, 10:00",
                "type": "mrkdwn",
                "verbatim": true,
              },
            ],
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "<https://slack.com/archives/C0HOME/p1796130000000100|Open the message>",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
          {
            "elements": [
              {
                "action_id": "checkin.open",
                "style": "primary",
                "text": {
                  "emoji": true,
                  "text": "Answer",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "2026-12-01",
              },
            ],
            "type": "actions",
          },
          {
            "elements": [
              {
                "text": "_Why: Your agreement says replies within 8h._",
                "type": "mrkdwn",
                "verbatim": true,
              },
            ],
            "type": "context",
          },
        ],
        "text": "Overdue: Ana Souza's message in #home was due for your reply.",
      }
    `);
  });

  it("leaves buttons without a style unstyled and keeps at most 10 fields", () => {
    const rendered = renderMessage({
      text: "x",
      fields: Array.from({ length: 12 }, (_, i) => ({ label: `l${i}`, value: `v${i}` })),
      buttons: [{ action: "a", value: "v", label: "Go" }],
    });
    const [, fields, actions] = rendered.blocks as Block[];
    expect(fields?.fields).toHaveLength(10);
    expect(actions?.elements?.[0]).not.toHaveProperty("style");
  });

  it("splits long text over sections without cutting an escaped character or an emoji in two", () => {
    const text = `${"a".repeat(2998)}&&${"b".repeat(100)}`;
    const parts = (renderMessage({ text }).blocks as Block[]).map((b) => b.text?.text ?? "");
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.length <= 3000)).toBe(true);
    expect(parts.join("")).toBe(escapeSlack(text));
    expect(parts[1]?.startsWith("&amp;")).toBe(true);
    const emoji = `${"a".repeat(2999)}😀tail`;
    const halves = (renderMessage({ text: emoji }).blocks as Block[]).map((b) => b.text?.text ?? "");
    expect(halves).toEqual(["a".repeat(2999), "😀tail"]);
    const family = `${"a".repeat(2990)}👩‍👩‍👧‍👦tail`; // one grapheme of 11 code units
    const apart = (renderMessage({ text: family }).blocks as Block[]).map((b) => b.text?.text ?? "");
    expect(apart).toEqual(["a".repeat(2990), "👩‍👩‍👧‍👦tail"]);
  });

  it("renders an empty text as one blank section, which Slack accepts", () => {
    expect(renderMessage({ text: "" }).blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: " ", verbatim: true } },
    ]);
  });

  it("answers a slash command ephemerally unless the reply is public", () => {
    expect(renderReply({ text: "Saved." }).response_type).toBe("ephemeral");
    expect(renderReply({ text: "Done!", public: true }).response_type).toBe("in_channel");
  });

  it("shows a reply's buttons (Save this as your check-in? Yes / No) in an actions block", () => {
    const buttons = checkinConfirmButtons("2026-12-01", "finished the survey");
    const rendered = renderReply({ text: "Save this as your check-in for Tue 1 Dec 2026?", buttons });
    expect(checkBlocks(rendered.blocks, "message")).toBeUndefined();
    const actions = rendered.blocks.find((b) => b.type === "actions") as {
      elements: Record<string, unknown>[];
    };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      ["checkin.confirm", "2026-12-01\nfinished the survey"],
      ["checkin.dismiss", "2026-12-01"],
    ]);
  });

  it("renders a form as a modal with a text input and a choice, carrying its action and value", () => {
    expect(renderModal(CHECKIN_FORM, "Your check-in:")).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": "Your check-in:",
              "type": "mrkdwn",
              "verbatim": true,
            },
            "type": "section",
          },
          {
            "block_id": "progress",
            "element": {
              "action_id": "progress",
              "max_length": 2000,
              "multiline": true,
              "type": "plain_text_input",
            },
            "label": {
              "text": "What moved forward?",
              "type": "plain_text",
            },
            "optional": true,
            "type": "input",
          },
          {
            "block_id": "connectedness",
            "element": {
              "action_id": "connectedness",
              "options": [
                {
                  "text": {
                    "text": "1",
                    "type": "plain_text",
                  },
                  "value": "1",
                },
                {
                  "text": {
                    "text": "2",
                    "type": "plain_text",
                  },
                  "value": "2",
                },
                {
                  "text": {
                    "text": "3",
                    "type": "plain_text",
                  },
                  "value": "3",
                },
              ],
              "type": "static_select",
            },
            "label": {
              "text": "How connected to the team do you feel (1-5)?",
              "type": "plain_text",
            },
            "optional": true,
            "type": "input",
          },
        ],
        "callback_id": "checkin.answer",
        "close": {
          "text": "Cancel",
          "type": "plain_text",
        },
        "private_metadata": "2026-12-01",
        "submit": {
          "text": "Send",
          "type": "plain_text",
        },
        "title": {
          "text": "Check-in, Tue 1 Dec 2026",
          "type": "plain_text",
        },
        "type": "modal",
      }
    `);
  });

  it("stays within Slack's limits for long text, many fields and many buttons", () => {
    const rendered = renderMessage({
      text: "&".repeat(5000),
      fields: Array.from({ length: 12 }, (_, i) => ({ label: `l${i}`, value: "v".repeat(2000) })),
      buttons: Array.from({ length: 30 }, (_, i) => ({
        action: `a${i}`,
        value: `${i}`,
        label: "L".repeat(100),
      })),
      link: "https://slack.com/archives/C1/p1",
      reason: "why",
    });
    expect(checkBlocks(rendered.blocks, "message")).toBeUndefined();
    expect(checkView(renderModal(CHECKIN_FORM, "x".repeat(4000)), "modal")).toBeUndefined();
    expect(checkView(renderHome("status"), "home")).toBeUndefined();
  });

  it("shortens a modal title to Slack's 24 characters", () => {
    const modal = renderModal({ ...CHECKIN_FORM, title: "A very long title for a modal window" });
    expect((modal.title as { text: string }).text).toHaveLength(24);
  });

  it("renders App Home with a header and the status text, escaped", () => {
    const home = renderHome("Status <!channel>");
    expect(home.type).toBe("home");
    expect(JSON.stringify(home)).toContain("Status &lt;!channel&gt;");
  });
});
