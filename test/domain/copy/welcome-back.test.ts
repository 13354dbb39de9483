import { describe, expect, it } from "vitest";
import { emptySections, foldIntoWelcomeBack, welcomeBack } from "../../../src/domain/copy/welcome-back.js";
import type { Person } from "../../../src/domain/types.js";

const welcome = { text: "Welcome back, Bram. While you were away (Mon 14 Dec 2026 to Fri 18 Dec 2026):" };

describe("what waited, folded into the welcome back", () => {
  it("shows an evaluation request in full under what waits for them, not as a one-line mention", () => {
    const folded = foldIntoWelcomeBack(welcome, [
      {
        key: "checkin-summary:1:2026-12-18",
        message: { text: "Ana Souza's check-ins from Mon 14 Dec 2026 to Fri 18 Dec 2026: all 5 answered." },
      },
      {
        key: "evaluation:1:midterm:supervisor:request",
        message: {
          text: 'It is time for Ana Souza\'s mid-term evaluation.\nPress Evaluate, or type "evaluate midterm for @ana".',
          buttons: [{ action: "evaluation.open", value: "1:midterm", label: "Evaluate" }],
        },
      },
    ]);
    const [, waiting, rest] = folded.text.split("\n\n");
    expect(waiting).toBe(
      'Waiting for you:\n1. It is time for Ana Souza\'s mid-term evaluation.\n   Press Evaluate, or type "evaluate midterm for @ana".',
    );
    expect(rest).toBe(
      "Also while you were away:\n• Ana Souza's check-ins from Mon 14 Dec 2026 to Fri 18 Dec 2026: all 5 answered.",
    );
    expect(folded.buttons?.map((b) => b.label)).toEqual(["Evaluate"]);
  });

  it("names one day away as a day, not as a period from a day to the same day", () => {
    const bram = { name: "Bram Peeters" } as Person;
    const one = welcomeBack(bram, { from: "2026-12-03", to: "2026-12-03" }, emptySections());
    expect(one.text).toMatch(/^Welcome back, Bram\. While you were away \(on Thu 3 Dec 2026\):/);
    const week = welcomeBack(bram, { from: "2026-12-14", to: "2026-12-18" }, emptySections());
    expect(week.text).toMatch(
      /^Welcome back, Bram\. While you were away \(Mon 14 Dec 2026 to Fri 18 Dec 2026\):/,
    );
  });
});
