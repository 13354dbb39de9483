import { describe, expect, it } from "vitest";
import { renderReply } from "../../adapters/slack/render.js";
import { escapeMarkdown } from "../../adapters/teams/cards.js";
import { stripBidiControls } from "../../src/domain/escape.js";
import { createBotHarness } from "../helpers/bot-harness.js";
import { rawRows } from "../helpers/test-store.js";

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const RLO = "\u202E";

describe("text people type, stored and echoed", () => {
  it("drops every bidi control and keeps right-to-left letters", () => {
    const controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";
    expect(stripBidiControls(`a${controls}b שלום`)).toBe("ab שלום");
  });

  it("stores and echoes a milestone title without its right-to-left override", async () => {
    const h = await createBotHarness();
    const answer = await h.say("ana", `milestone add "Invoice ${RLO}fdp.exe" due 2026-12-15`);
    expect(answer).toBe('Added milestone #1 "Invoice fdp.exe", due Tue 15 Dec 2026.');
    const stored = await rawRows(h.store, "SELECT title FROM milestones");
    expect(stored.map((r) => r.title)).toEqual(["Invoice fdp.exe"]);
    expect(await h.say("ana", "milestone list")).not.toMatch(BIDI);
  });

  it("quotes a command it cannot read without bidi controls", async () => {
    const h = await createBotHarness();
    const answer = await h.say("ana", `milestone frobnicate ${RLO}exe.pdf`);
    expect(answer).not.toMatch(BIDI);
  });

  it("shows Slack emphasis people typed as written, never in Tandem's voice", async () => {
    const h = await createBotHarness();
    const title = "*URGENT* _read_ ~now~ `rm -rf`";
    const answer = await h.say("ana", `milestone add "${title}" due 2026-12-15`);
    expect(answer).toContain(title);
    const slack = renderReply({ text: answer });
    const shown = [slack.text, ...slack.blocks.map((b) => JSON.stringify(b))].join("\n");
    // No emphasis mark of the title is left for mrkdwn to read; the words are all there.
    expect(shown).not.toMatch(/[*_~`]/);
    for (const word of ["URGENT", "read", "now", "rm -rf"]) expect(shown).toContain(word);
    expect(slack.text).toContain("\u2217URGENT\u2217 \u02CDread\u02CD \u223Cnow\u223C \u02CBrm -rf\u02CB");
    // Teams escapes the same marks with backslashes (it reads them as markdown).
    expect(escapeMarkdown(`${title} ${RLO}`)).toBe("\\*URGENT\\* \\_read\\_ \\~now\\~ \\`rm -rf\\` ");
  });
});
