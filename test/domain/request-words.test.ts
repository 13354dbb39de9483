import { describe, expect, it } from "vitest";
import { asksForSomething, REQUEST_PHRASES } from "../../src/domain/request-words.js";
import { HOSTILE_TEXTS } from "../helpers/hard-text.js";

describe("asksForSomething: only a message that asks starts a reply clock", () => {
  it.each([
    "Great job on the setup, @ana! 🎉",
    "Thanks a lot, @bram!",
    "FYI: the deploy notes are in the wiki",
    "Please welcome Marc to the team!",
    "Please note the office is closed on Friday",
    "See <https://wiki.example/page?id=4|the wiki> for the notes",
    "Fixed `user?.name` in the parser",
    "I am pleased with the result", // "please" only as a whole word
    "Obrigada pela ajuda!",
    "Super gedaan, bedankt!",
    "Merci de votre aide",
  ])("does not ask: %s", (text) => {
    expect(asksForSomething(text)).toBe(false);
  });

  it.each([
    "@marc could you send me the CRM export",
    "Can I deploy to staging?",
    "¿Me ayudas con esto",
    "please review my pull request",
    "Let me know when the build is green",
    "@bram você pode revisar o relatório",
    "Kun je de export sturen",
    "Pourriez-vous valider le plan",
    "Kannst du mir das schicken",
    "Me dices cuándo terminas",
    "Envoyez le fichier, s’il vous plaît", // a curly apostrophe does not hide a request
  ])("asks: %s", (text) => {
    expect(asksForSomething(text)).toBe(true);
  });

  // A quadratic reading of "<" x 200,000 once took 80 s: the test timeout (20 s) is what catches it.
  // The time itself is measured, not asserted: bench/hostile-text.bench.ts prints it.
  it("reads huge texts full of markup delimiters to the end", () => {
    for (const text of HOSTILE_TEXTS) expect(asksForSomething(text)).toBe(false);
    expect(asksForSomething(`Could you send it? ${"<".repeat(200_000)}`)).toBe(true);
  });

  it("recognises every listed request phrase on its own, in every language", () => {
    for (const phrase of Object.values(REQUEST_PHRASES).flat()) expect(asksForSomething(phrase)).toBe(true);
  });
});
