import { describe, expect, it } from "vitest";
import { outcomeGapMessage } from "../../../src/domain/copy/learning.js";

const outcome = (key: string) => ({ key, description: `About ${key}` });

describe("the outcome-gap note's words", () => {
  it("counts the outcomes without a milestone in plain words, never as a double negative", () => {
    const text = (missing: number, total: number) =>
      outcomeGapMessage("Ana Souza", "@ana", ["a", "b", "c"].slice(0, missing).map(outcome), total).text;
    expect(text(1, 1)).toContain("and its learning outcome has no milestone serving it yet: a (About a).");
    expect(text(3, 3)).toContain("and none of its 3 learning outcomes has a milestone serving it yet: a (");
    expect(text(1, 3)).toContain("and 1 of its 3 learning outcomes has no milestone serving it yet: a (");
    expect(text(2, 3)).toContain("and 2 of its 3 learning outcomes have no milestone serving them yet: a (");
  });
});
