import { describe, expect, it } from "vitest";
import { mailSubject, renderMail } from "../../../adapters/email/mail-render.js";

describe("a message as an e-mail", () => {
  it("takes the first line as the subject, cut at a word when it is long", () => {
    expect(mailSubject("\n  Your weekly digest  \nmore")).toBe("Your weekly digest");
    const long = `Ana Souza's supervisor has not answered ${"a question ".repeat(10)}`;
    const subject = mailSubject(long);
    expect(subject.length).toBeLessThanOrEqual(90);
    expect(subject.endsWith("…")).toBe(true);
    // Cut between words: what is kept is followed by a space in the original.
    expect(long.startsWith(`${subject.slice(0, -1)} `)).toBe(true);
  });

  it("links web addresses in the HTML part, leaving the sentence's full stop outside the link", () => {
    const { html, text } = renderMail({
      text: "Sign in here: https://t.example/portal/sign-in?token=a&b=1.",
    });
    expect(html).toContain(
      '<a href="https://t.example/portal/sign-in?token=a&amp;b=1">https://t.example/portal/sign-in?token=a&amp;b=1</a>.',
    );
    expect(text).toBe("Sign in here: https://t.example/portal/sign-in?token=a&b=1.");
  });

  it("keeps paragraphs and lines, and shows a chat deep link only when it is a web address", () => {
    const { html } = renderMail({ text: "One\ntwo\n\nThree", link: "slack://channel?id=C1" });
    expect(html).toContain("<p>One<br>\ntwo</p>\n<p>Three</p>");
    expect(html).not.toContain("Open the message");
    expect(renderMail({ text: "x", link: "https://acme.slack.com/archives/C1/p1" }).html).toContain(
      '<a href="https://acme.slack.com/archives/C1/p1">Open the message</a>',
    );
  });

  it("escapes names and values in the fields table", () => {
    const { html } = renderMail({ text: "x", fields: [{ label: "<b>Who</b>", value: 'Ana "A" & co' }] });
    expect(html).toContain("&lt;b&gt;Who&lt;/b&gt;");
    expect(html).toContain("Ana &quot;A&quot; &amp; co");
  });
});
