import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar.js";
import { evaluationForm } from "../../src/domain/copy/evaluation.js";
import {
  answersFromForm,
  EVALUATION_SIDES,
  evaluationWindow,
  HOSTING_QUESTIONS,
  questionsFor,
  visibleSides,
} from "../../src/domain/evaluations.js";
import { evaluationKeys, evaluationOfKey } from "../../src/domain/outbox-keys.js";

const agreement = {
  criteria: [{ key: "teamwork", name: "Teamwork" }],
  outcomes: [{ key: "presenting", description: "Present findings to a client" }],
};

describe("evaluation answers from a form", () => {
  it("reads scores (also as typed with their words), optional comments and outcome ratings", () => {
    const answers = answersFromForm(
      {
        "criterion.teamwork": "4 - very good",
        "criterion.teamwork.comment": "  Asks the right people ",
        "outcome.presenting": "Not yet",
      },
      questionsFor("supervisor", agreement),
    );
    expect(answers).toEqual({
      ok: true,
      value: {
        criteria: { teamwork: { score: 4, comment: "Asks the right people" } },
        outcomes: { presenting: "not-yet" },
      },
    });
  });

  it("names each wrong or missing answer by its field, the intern's hosting questions included", () => {
    const form = {
      "criterion.teamwork": "10",
      "outcome.presenting": "mostly",
      "criterion.teamwork.comment": "x".repeat(501),
    };
    const answers = answersFromForm(form, questionsFor("intern", agreement));
    expect(answers.ok).toBe(false);
    if (answers.ok) return;
    expect(answers.error["criterion.teamwork"]).toBe('Rate your teamwork from 1 to 5 (not "10").');
    expect(answers.error["criterion.teamwork.comment"]).toBe(
      "Keep the comment to 500 characters (it has 501).",
    );
    expect(answers.error["outcome.presenting"]).toMatch(/^Say whether presenting is achieved/);
    expect(Object.keys(answers.error).filter((id) => id.startsWith("hosting."))).toEqual(
      HOSTING_QUESTIONS.map((q) => `hosting.${q.key}`),
    );
  });
});

describe("the evaluation window", () => {
  it("is a working week of the person from the date: holidays and leave lengthen it, the reminder on its fourth day", () => {
    const calendar = createCalendar({
      timezone: "Europe/Brussels",
      country: "BE",
      contactHours: "Mon-Fri 09:00-17:00",
      leave: [{ from: "2027-01-19", to: "2027-01-19" }],
    });
    // Fri 15 (1), Mon 18 (2), Tue 19 on leave, Wed 20 (3), Thu 21 (4), Fri 22 (5).
    expect(evaluationWindow(calendar, "2027-01-15")).toEqual({
      opens: new Date("2027-01-15T08:00:00Z"),
      reminderAt: new Date("2027-01-21T08:00:00Z"),
      closes: new Date("2027-01-22T16:00:00Z"),
    });
  });
});

describe("who reads which side", () => {
  it("keeps each side's answers from the other and from the coordinator until both are in or the window closed", () => {
    const one = new Set(["intern"] as const);
    expect(visibleSides("intern", one, false)).toEqual(["intern"]);
    expect(visibleSides("supervisor", one, false)).toEqual([]);
    expect(visibleSides("coordinator", one, false)).toEqual([]);
    expect(visibleSides("supervisor", one, true)).toEqual(["intern"]);
    const both = new Set(["intern", "supervisor"] as const);
    expect(visibleSides("coordinator", both, false)).toEqual(["supervisor", "intern"]);
  });

  it("spells the request and reminder keys on the prefix a submission withdraws", () => {
    expect(evaluationKeys.request(3, "midterm", "intern")).toBe("evaluation:3:midterm:intern:request");
    expect(evaluationKeys.reminder(3, "final", "supervisor")).toBe("evaluation:3:final:supervisor:reminder");
    expect(
      evaluationKeys
        .request(3, "midterm", "intern")
        .startsWith(evaluationKeys.prefix(3, "midterm", "intern")),
    ).toBe(true);
    // A readable notice is no side's: a submission does not withdraw it; its e-mail links to the round's page.
    const readable = evaluationKeys.readable(3, "final", "coordinator");
    expect(
      EVALUATION_SIDES.some((side) => readable.startsWith(evaluationKeys.prefix(3, "final", side))),
    ).toBe(false);
    expect(evaluationOfKey(readable)).toEqual({ internshipId: 3, round: "final" });
  });
});

describe("the evaluation form's words", () => {
  it("asks the intern about their own criteria in a sentence, keeping acronyms as written", () => {
    const questions = questionsFor("intern", {
      criteria: [
        { key: "ict-skills", name: "ICT skills" },
        { key: "analytical-skills", name: "Analytical skills" },
      ],
      outcomes: [],
    });
    const labels = evaluationForm(1, "midterm", "intern", questions).fields.map((f) => f.label);
    expect(labels).toContain("Your ICT skills");
    expect(labels).toContain("Your analytical skills");
  });
});
