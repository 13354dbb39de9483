import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assessIsolation,
  connectednessTrend,
  DEFAULT_THRESHOLDS,
  type IsolationInputs,
  REASON_CODES,
  reasonText,
  recentConnectedness,
  storedInputs,
  thresholdsForCadence,
} from "../../src/domain/isolation.js";
import type { IsolationLevel } from "../../src/domain/records.js";

/** Everything known and fine. */
const CALM: Required<IsolationInputs> = {
  quietWorkingDays: 0,
  missedCheckins: 0,
  connectednessTrend: 0,
  recentConnectedness: 3,
  breachedQuestions: 0,
  introductionsNotHeld: 0,
  daysSinceMeeting: 2,
  colleaguesInTwoWeeks: 5,
};
const UNKNOWN: IsolationInputs = {
  quietWorkingDays: null,
  missedCheckins: null,
  connectednessTrend: null,
  recentConnectedness: null,
  breachedQuestions: null,
  introductionsNotHeld: null,
  daysSinceMeeting: null,
  colleaguesInTwoWeeks: null,
};

const codes = (inputs: IsolationInputs) => assessIsolation(inputs).reasons.map((r) => r.code);
const RANK: Record<IsolationLevel, number> = { ok: 0, watch: 1, at_risk: 2 };

describe("assessIsolation", () => {
  it("weighs inferred reasons one step less for an intern who says she feels connected and answers check-ins", () => {
    const lonely = { ...CALM, quietWorkingDays: 6, daysSinceMeeting: 25, colleaguesInTwoWeeks: 0 };
    expect(assessIsolation({ ...lonely, recentConnectedness: 3 })).toMatchObject({
      level: "at_risk",
      engaged: false,
    });
    const engaged = assessIsolation({ ...lonely, recentConnectedness: 4.3 });
    expect(engaged).toMatchObject({ level: "at_risk", engaged: true });
    expect(assessIsolation({ ...lonely, recentConnectedness: 4.3, quietWorkingDays: 0 })).toMatchObject({
      level: "watch",
      engaged: true,
    });
    // Missing check-ins is not engagement, whatever the last scores said.
    expect(assessIsolation({ ...lonely, recentConnectedness: 5, missedCheckins: 2 }).engaged).toBe(false);
    // What the company owes her keeps its full weight.
    expect(
      assessIsolation({ ...CALM, recentConnectedness: 5, breachedQuestions: 3, introductionsNotHeld: 1 })
        .level,
    ).toBe("at_risk");
  });

  it("is ok with no reasons when everything is fine", () => {
    expect(assessIsolation(CALM)).toEqual({ level: "ok", reasons: [], engaged: false });
  });

  it("is ok with no reasons when nothing is known yet", () => {
    expect(assessIsolation(UNKNOWN)).toEqual({ level: "ok", reasons: [], engaged: false });
  });

  it.each([
    ["quietWorkingDays", 2, 3, 5, "quiet"],
    ["missedCheckins", 1, 2, 4, "missed_checkins"],
    ["recentConnectedness", 3, 2.5, 1.5, "low_connectedness"],
    ["connectednessTrend", -0.5, -1, -2, "falling_connectedness"],
    ["breachedQuestions", 0, 1, 3, "unanswered_questions"],
    ["introductionsNotHeld", 0, 1, 3, "intro_not_held"],
    ["daysSinceMeeting", 9, 10, 21, "no_meeting"],
    ["colleaguesInTwoWeeks", 2, 1, 0, "few_colleagues"],
  ] as const)(
    "%s moves the signal: %d stays ok, %d is watch, %d is a strong reason",
    (input, below, mild, strong, code) => {
      expect(assessIsolation({ ...CALM, [input]: below }).level).toBe("ok");
      const watch = assessIsolation({ ...CALM, [input]: mild });
      expect(watch.level).toBe("watch");
      expect(watch.reasons.map((r) => r.code)).toEqual([code]);
      // A strong reason alone is still watch; with one mild reason beside it, at risk.
      expect(assessIsolation({ ...CALM, [input]: strong }).level).toBe("watch");
      const other = input === "quietWorkingDays" ? { breachedQuestions: 1 } : { quietWorkingDays: 3 };
      expect(assessIsolation({ ...CALM, ...other, [input]: strong }).level).toBe("at_risk");
      expect(assessIsolation({ ...CALM, ...other, [input]: mild }).level).toBe("watch");
    },
  );

  it("never lets an unknown input produce a reason", () => {
    for (const input of Object.keys(UNKNOWN) as (keyof IsolationInputs)[]) {
      expect(codes({ ...CALM, [input]: null })).toEqual([]);
    }
  });

  it("is at risk with three mild reasons", () => {
    const result = assessIsolation({
      ...CALM,
      quietWorkingDays: 3,
      missedCheckins: 2,
      colleaguesInTwoWeeks: 1,
    });
    expect(result.level).toBe("at_risk");
  });

  it("puts the strongest reason first, then the fixed order", () => {
    const result = assessIsolation({
      ...CALM,
      quietWorkingDays: 3,
      colleaguesInTwoWeeks: 0,
      missedCheckins: 2,
    });
    expect(result.reasons.map((r) => r.code)).toEqual(["few_colleagues", "quiet", "missed_checkins"]);
  });

  it("words every reason as a circumstance, with the reader as subject where it matters", () => {
    const inputs = { ...CALM, quietWorkingDays: 4, breachedQuestions: 1 };
    const stored = assessIsolation(inputs).reasons;
    expect(stored[0]?.text).toBe(
      "4 working days have passed without a message from the intern in the team's conversations",
    );
    expect(reasonText("quiet", storedInputs(inputs), "you")).toContain("without a message from you");
    expect(reasonText("unanswered_questions", storedInputs(inputs), { name: "Ana" })).toBe(
      "1 question from Ana waited longer than the agreed reply time in the last 2 weeks",
    );
    for (const r of stored) expect(r.text).not.toMatch(/fail|should|must|lazy|not engaged/i);
  });

  it("measures no meeting against the agreed cadence", () => {
    expect(assessIsolation({ ...CALM, daysSinceMeeting: 12 }, thresholdsForCadence("monthly")).level).toBe(
      "ok",
    );
    expect(assessIsolation({ ...CALM, daysSinceMeeting: 6 }, thresholdsForCadence("daily")).level).toBe(
      "watch",
    );
  });

  it("uses stable reason codes", () => {
    expect(REASON_CODES).toEqual([
      "quiet",
      "missed_checkins",
      "low_connectedness",
      "falling_connectedness",
      "unanswered_questions",
      "intro_not_held",
      "no_meeting",
      "few_colleagues",
    ]);
    expect(Object.keys(DEFAULT_THRESHOLDS).sort()).toEqual([...REASON_CODES].sort());
  });
});

describe("connectedness scores", () => {
  it("compares the mean of the last 3 with the mean of the ones before", () => {
    expect(connectednessTrend([4, 4, 2, 2, 2])).toBe(-2);
    expect(connectednessTrend([2, 3, 3, 4])).toBe(1.3);
    expect(connectednessTrend([3, 3, 3, 3, 3, 3])).toBe(0);
  });

  it("is unknown with fewer than 4 scores", () => {
    expect(connectednessTrend([])).toBeNull();
    expect(connectednessTrend([5, 1, 1])).toBeNull();
  });

  it("averages the last 3 scores, unknown with fewer", () => {
    expect(recentConnectedness([5, 2, 2, 3])).toBe(2.3);
    expect(recentConnectedness([1, 1])).toBeNull();
  });
});

describe("unknown inputs (property)", () => {
  const count = fc.option(fc.integer({ min: 0, max: 60 }), { nil: null });
  const score = fc.option(fc.double({ min: 1, max: 5, noNaN: true }), { nil: null });
  const trend = fc.option(fc.double({ min: -4, max: 4, noNaN: true }), { nil: null });
  const inputs = fc.record({
    quietWorkingDays: count,
    missedCheckins: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    connectednessTrend: trend,
    recentConnectedness: score,
    breachedQuestions: count,
    introductionsNotHeld: count,
    daysSinceMeeting: count,
    colleaguesInTwoWeeks: count,
  });
  const names = Object.keys(UNKNOWN) as (keyof IsolationInputs)[];

  // The intern's own score is also evidence in her favour (engaged): hiding it may only take that away,
  // so it is compared with a neutral score of 3, never engaged, before being hidden.
  it("setting any input to null never raises the level", () => {
    fc.assert(
      fc.property(inputs, fc.subarray(names, { minLength: 1 }), (given, hidden) => {
        const neutral =
          hidden.includes("recentConnectedness") && (given.recentConnectedness ?? 0) >= 4
            ? { ...given, recentConnectedness: 3 }
            : given;
        const before = assessIsolation(neutral);
        const after = assessIsolation({ ...given, ...Object.fromEntries(hidden.map((n) => [n, null])) });
        expect(RANK[after.level]).toBeLessThanOrEqual(RANK[before.level]);
        for (const r of after.reasons) expect(before.reasons.map((b) => b.code)).toContain(r.code);
      }),
    );
  });

  it("gives a reason text to every reason", () => {
    fc.assert(
      fc.property(inputs, (given) => {
        for (const r of assessIsolation(given).reasons) {
          expect(r.text.length).toBeGreaterThan(10);
          expect(reasonText(r.code, storedInputs(given), "you")).toBeDefined();
        }
      }),
    );
  });
});
