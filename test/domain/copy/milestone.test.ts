import { describe, expect, it } from "vitest";
import {
  acceptedMessage,
  acceptRequestMessage,
  milestoneRefusalText,
  transitionRefusalText,
} from "../../../src/domain/copy/milestone.js";
import { type Milestone, permission, transition } from "../../../src/domain/milestones.js";

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

describe("why a milestone change is refused", () => {
  const why = (m: Milestone, action: Parameters<typeof transition>[1]) => {
    const next = transition(m, action);
    return next.ok ? undefined : transitionRefusalText(next.error, m);
  };

  it("names the state that stands in the way and the command that gets past it", () => {
    expect(why(milestone({ status: "accepted" }), "done")).toBe("Milestone #7 is already accepted.");
    expect(why(milestone({ status: "done" }), "move")).toBe(
      'Milestone #7 is done; reopen it first with "milestone reopen 7".',
    );
    expect(why(milestone({ status: "done" }), "block")).toBe(
      "Milestone #7 is done, so it cannot be blocked.",
    );
    expect(why(milestone({ status: "accepted" }), "accept")).toBe("Milestone #7 is already accepted.");
    expect(why(milestone({ status: "blocked" }), "accept")).toBe(
      'Milestone #7 is not done yet; the intern marks it with "milestone done 7" first.',
    );
    expect(why(milestone(), "reopen")).toBe("Milestone #7 is already open.");
    expect(why(milestone({ status: "blocked" }), "reopen")).toBeUndefined();
  });

  it("tells outsiders, the wrong role and an intern reopening an accepted milestone apart", () => {
    const text = (
      roles: Parameters<typeof permission>[0],
      action: Parameters<typeof permission>[1],
      m?: Milestone,
    ) => {
      const allowed = permission(roles, action, m);
      return allowed.ok ? undefined : milestoneRefusalText(allowed.error, action);
    };
    expect(text([], "view")).toBe("That milestone belongs to an internship you are not part of.");
    expect(text(["coordinator"], "move")).toBe("Only the intern and the supervisor can move milestones.");
    expect(text(["intern"], "accept")).toBe("Only the supervisor or the coordinator can accept a milestone.");
    expect(text(["intern"], "reopen", milestone({ status: "accepted" }))).toBe(
      "An accepted milestone can be reopened by the supervisor or the coordinator.",
    );
    expect(text(["supervisor"], "reopen", milestone({ status: "accepted" }))).toBeUndefined();
  });
});
