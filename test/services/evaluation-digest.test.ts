import { describe, expect, it } from "vitest";
import { summarizeInternship } from "../../src/services/internship-summary.js";
import { renderBrief } from "../../src/services/summary-render.js";
import { evaluationHarness, INTERN_FORM } from "../helpers/evaluation-harness.js";

describe("the coordinator's digest while an evaluation window is open", () => {
  it("says the round is open, until when, and how many of the two are in; nothing once it closed", async () => {
    const { h, tick, ship, submit } = await evaluationHarness();
    // Mid-term Fri 15 Jan 2027; its window closes Thu 21 Jan (Ana's week, the later).
    await tick("2027-01-15T12:30:00Z");
    await submit("ana", "midterm", INTERN_FORM);
    const brief = async (now: string) =>
      renderBrief(
        (await summarizeInternship(
          h.store,
          h.workspace.id,
          ship.id,
          new Date("2027-01-11T03:00:00Z"),
          new Date("2027-01-18T03:00:00Z"),
          new Date(now),
        ))!,
        "ana",
      );
    expect(await brief("2027-01-18T08:00:00Z")).toContain(
      "mid-term evaluation open until Thu 21 Jan 2027, 1 of 2 in",
    );
    expect(await brief("2027-01-25T08:00:00Z")).not.toContain("evaluation open");
  });
});
