import { describe, expect, it } from "vitest";
import { neutralizeMentions } from "../../../src/domain/escape.js";

const Z = "\u200B";

describe("neutralizeMentions", () => {
  it("turns Slack broadcast tokens into readable text that does not ping", () => {
    expect(neutralizeMentions("hi <!channel> and <!here> and <!everyone>")).toBe(
      `hi @${Z}channel and @${Z}here and @${Z}everyone`,
    );
    expect(neutralizeMentions("<!here|here> <!CHANNEL>")).toBe(`@${Z}here @${Z}channel`);
  });

  it("turns Slack user-group tokens into their name", () => {
    expect(neutralizeMentions("ask <!subteam^S123|@designers>")).toBe(`ask @${Z}designers`);
    expect(neutralizeMentions("ask <!subteam^S123>")).toBe(`ask @${Z}S123`);
  });

  it("turns user mentions into @name, or @id when there is no name", () => {
    expect(neutralizeMentions("thanks <@U123|ana>!")).toBe(`thanks @${Z}ana!`);
    expect(neutralizeMentions("thanks <@U123>")).toBe(`thanks @${Z}U123`);
    expect(neutralizeMentions("<@U1|Ana Maria>")).toBe(`@${Z}Ana Maria`);
  });

  it("breaks bare @here, @channel and @everyone in any case", () => {
    expect(neutralizeMentions("@here look, @Channel, (@everyone)")).toBe(
      `@${Z}here look, @${Z}Channel, (@${Z}everyone)`,
    );
  });

  it("leaves e-mail addresses, longer words and ordinary @names alone", () => {
    const text = "mail me@here.com, see @heretic and @ana";
    expect(neutralizeMentions(text)).toBe(text);
  });

  it("strips Teams <at> tags to their text", () => {
    expect(neutralizeMentions("hello <at>Ana Silva</at>")).toBe("hello Ana Silva");
    expect(neutralizeMentions('hello <at id="0">Ana</at> and </at> <AT>Bo</AT>')).toBe("hello Ana and  Bo");
    expect(neutralizeMentions("<at>@here</at>")).toBe(`@${Z}here`);
  });

  it("leaves other text, channel links and unclosed tokens unchanged", () => {
    for (const text of [
      "plain text",
      "see <#C1|general>",
      "a < b > c",
      "<!channel",
      "",
      "emoji 🎉 ünïcödé",
    ]) {
      expect(neutralizeMentions(text)).toBe(text);
    }
  });

  it("is idempotent", () => {
    const once = neutralizeMentions("<!here> @channel <@U1|ana> <at>Bo</at>");
    expect(neutralizeMentions(once)).toBe(once);
  });
});
