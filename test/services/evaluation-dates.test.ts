import { describe, expect, it } from "vitest";
import { evaluationDates } from "../../src/domain/learning-agreement.js";
import { evaluationHarness, evaluationProgramme } from "../helpers/evaluation-harness.js";

/** Ana's internship ending `end`, with the agreement's evaluation dates left out unless given. */
function endingOn(end: string, evaluations?: { midterm?: string; final?: string }) {
  const p = evaluationProgramme();
  const ship = p.internships![0]!;
  p.internships![0] = {
    ...ship,
    end,
    learning: { ...ship.learning!, ...(evaluations ? { evaluations } : {}) },
  };
  return p;
}

async function firstRequests(end: string, evaluations?: { midterm?: string; final?: string }) {
  const { h, tick, requests } = await evaluationHarness(endingOn(end, evaluations));
  return { h, tick, requests };
}

describe("the evaluation dates", () => {
  it("moves a default that falls on a weekend to the Friday before, for the request and every answer", async () => {
    // 1 Nov 2026 to Fri 16 Apr 2027: half time is Sat 23 Jan, the last week starts Sat 10 Apr.
    const { h, tick, requests } = await firstRequests("2027-04-16");
    await tick("2027-01-22T13:00:00Z");
    expect((await requests()).map((r) => [r.key.split(":")[2], r.to, r.notBefore]).sort()).toEqual([
      ["midterm", "ana", "2027-01-22T12:00:00.000Z"],
      ["midterm", "bram", "2027-01-22T08:00:00.000Z"],
    ]);
    await tick("2027-04-09T13:00:00Z");
    expect(
      (await requests()).filter((r) => r.key.includes(":final:")).map((r) => [r.to, r.notBefore]),
    ).toEqual(
      expect.arrayContaining([
        ["bram", "2027-04-09T07:00:00.000Z"],
        ["ana", "2027-04-09T12:00:00.000Z"],
      ]),
    );
    expect(await h.say("ana", "outcomes")).toContain("mid-term Fri 22 Jan 2027, final Fri 9 Apr 2027");
    expect(await h.say("ana", "agreement")).toMatch(/mid-term Fri 22 Jan 2027.*final Fri 9 Apr 2027/s);
  });

  it("moves a default on the intern's public holiday to the day before, a working day of both", async () => {
    // Ending Thu 1 Apr 2027: the last week starts Fri 26 Mar, Good Friday in Brazil (not in Belgium).
    const { tick, requests } = await firstRequests("2027-04-01");
    await tick("2027-03-25T13:00:00Z");
    expect(
      (await requests())
        .filter((r) => r.key.includes(":final:"))
        .map((r) => [r.to, r.notBefore])
        .sort(),
    ).toEqual([
      ["ana", "2027-03-25T12:00:00.000Z"],
      ["bram", "2027-03-25T08:00:00.000Z"],
    ]);
  });

  it("keeps an agreed date on a day off, and asks each person on their own next working day", async () => {
    // Easter Monday, 29 Mar 2027: a public holiday in Belgium, a working day in Brazil.
    const { tick, requests } = await firstRequests("2027-04-09", { final: "2027-03-29" });
    await tick("2027-03-30T13:00:00Z");
    expect(
      (await requests())
        .filter((r) => r.key.includes(":final:"))
        .map((r) => [r.to, r.notBefore])
        .sort(),
    ).toEqual([
      ["ana", "2027-03-29T12:00:00.000Z"],
      ["bram", "2027-03-30T07:00:00.000Z"],
    ]);
  });
});

describe("default evaluation dates in the domain", () => {
  const weekdays = (date: string) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
  it("fall back to the intern's working day when the two weeks share none, and never before the start", () => {
    const internship = { start: "2027-01-04", end: "2027-01-16" };
    // The intern works weekdays, the supervisor only on Sundays: the intern's Friday it is.
    const sundays = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() === 0;
    expect(evaluationDates(internship, undefined, [weekdays, sundays]).final).toBe("2027-01-08");
    // Nothing earlier is a working day within the internship: the default stays.
    expect(evaluationDates(internship, undefined, [() => false]).midterm).toBe("2027-01-10");
    expect(evaluationDates(internship, { final: "2027-01-09" }, [weekdays]).final).toBe("2027-01-09");
  });
});
