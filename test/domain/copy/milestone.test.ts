import { describe, expect, it } from "vitest";
import { acceptedMessage, acceptRequestMessage } from "../../../src/domain/copy/milestone.js";
import type { Milestone } from "../../../src/domain/milestones.js";

const milestone = (over: Partial<Milestone> = {}): Milestone => ({
  id: 7,
  workspaceId: 1,
  internshipId: 1,
  title: "Survey",
  due: "2026-12-15",
  status: "planned",
  moves: 0,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});

describe("milestone messages", () => {
  it("asks the supervisor to accept with a button and the command alternative", () => {
    const message = acceptRequestMessage(milestone(), "Ana Souza");
    expect(message.buttons).toEqual([
      { action: "milestone.accept", value: "7", label: "Accept…", style: "primary" },
    ]);
    expect(message.text).toContain('"milestone accept 7 <how you will use it>"');
    expect(message.reason).toMatch(/^Because/);
  });

  it("cannot ping through a title or feedback", () => {
    const text = acceptedMessage(milestone({ title: "<!channel> hi" }), "Bram", "tell @here").text;
    expect(text).not.toMatch(/<!channel>|(^|\s)@here\b/);
  });
});
