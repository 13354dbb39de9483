import { describe, expect, it } from "vitest";
import { pressedFormButton } from "../../../adapters/slack/form-button.js";

describe("a pressed form button's value", () => {
  it("reads a command to run again, and an older button's form", () => {
    expect(pressedFormButton("command:setup for @ana")).toEqual({ command: "setup for @ana" });
    expect(pressedFormButton(JSON.stringify({ action: "reflection.answer", fields: [] }))).toEqual({
      form: { action: "reflection.answer", fields: [] },
    });
  });

  it("refuses what a forged payload may hold instead of a string (the fuzz test sent these)", () => {
    for (const value of [undefined, "", "command:  ", "{", "null", 42, {}, ["command:x"], null, true]) {
      expect(pressedFormButton(value)).toBeUndefined();
    }
  });
});
