import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar.js";
import {
  type Candidate,
  type ChoiceInput,
  chooseColleague,
  describeOverlap,
  MIN_OVERLAP_MINUTES,
  nextSharedMoment,
  overlapMinutes,
  rankColleagues,
  tieBreak,
  weeklyOverlap,
} from "../../src/domain/colleague-choice.js";
import type { Person } from "../../src/domain/types.js";

const ZONES: Record<string, string> = {
  "Europe/Brussels": "BE",
  "Europe/Lisbon": "PT",
  "America/Sao_Paulo": "BR",
  "America/New_York": "US",
  "Asia/Tokyo": "JP",
};

let ids = 0;
function person(overrides: Partial<Person> = {}): Person {
  const id = overrides.id ?? ++ids;
  const timezone = overrides.timezone ?? "Europe/Brussels";
  return {
    id,
    workspaceId: 1,
    key: `p${id}`,
    name: `Person ${id}`,
    timezone,
    country: ZONES[timezone] ?? "BE",
    contactHours: "Mon-Fri 09:00-17:00",
    leave: [],
    dailyBudget: 6,
    languages: [],
    introCapacity: 2,
    ids: {},
    ...overrides,
  };
}

const calendarOf = (p: Person) => createCalendar(p);
const cal = (timezone: string, contactHours = "Mon-Fri 09:00-17:00", country = ZONES[timezone] ?? "BE") =>
  createCalendar({ timezone, country, contactHours, leave: [] });

function candidate(p: Person, extra: Partial<Candidate> = {}): Candidate {
  return { person: p, calendar: calendarOf(p), usedThisMonth: 0, ...extra };
}

const NOW = new Date("2026-12-01T14:00:00Z"); // a Tuesday
const intern = person({ timezone: "America/Sao_Paulo", department: "Engineering" });

function input(candidates: Candidate[], overrides: Partial<ChoiceInput> = {}): ChoiceInput {
  return {
    intern,
    internCalendar: calendarOf(intern),
    candidates,
    alreadyAsked: new Set(),
    metDepartments: new Set(),
    metCountries: new Set(["BR"]),
    now: NOW,
    seed: 1,
    ...overrides,
  };
}

describe("overlapMinutes", () => {
  it.each([
    ["America/Sao_Paulo", "Europe/Brussels", "2026-12-07", 240],
    ["Europe/Brussels", "Europe/Lisbon", "2026-12-07", 420],
    ["America/Sao_Paulo", "Asia/Tokyo", "2026-12-07", 0],
    // New York moves to summer time three weeks before Brussels: the gap narrows, then widens again.
    ["America/New_York", "Europe/Brussels", "2026-01-12", 120],
    ["America/New_York", "Europe/Brussels", "2026-03-09", 180],
    ["America/New_York", "Europe/Brussels", "2026-04-06", 120],
  ])("%s and %s share the right minutes on a working day in the week of %s", (a, b, week, minutes) => {
    expect(overlapMinutes(cal(a), cal(b), week)).toBe(minutes);
    expect(overlapMinutes(cal(b), cal(a), week)).toBe(minutes);
  });

  it("counts the whole week and ignores holidays and leave (a typical week)", () => {
    const onLeave = createCalendar({
      timezone: "Europe/Brussels",
      country: "BE",
      contactHours: "Mon-Fri 09:00-17:00",
      leave: [{ from: "2026-12-21", to: "2027-01-03" }],
    });
    const overlap = weeklyOverlap(cal("America/Sao_Paulo"), onLeave, "2026-12-21");
    expect(overlap.totalMinutes).toBe(5 * 240);
    expect(overlap.bestDayMinutes).toBe(240);
  });

  it("takes the best day when hours differ by day", () => {
    const partTime = cal("Europe/Brussels", "Mon 13:00-17:00; Wed 09:00-12:00");
    expect(overlapMinutes(cal("America/Sao_Paulo"), partTime, "2026-12-07")).toBe(240);
    const morning = cal("Europe/Brussels", "Mon-Fri 08:00-12:00");
    expect(overlapMinutes(cal("America/Sao_Paulo"), morning, "2026-12-07")).toBe(0);
  });

  it("describes the shared hours in both zones, across midnight too", () => {
    const a = cal("America/Sao_Paulo");
    expect(
      describeOverlap(
        weeklyOverlap(a, cal("Europe/Brussels"), "2026-12-07"),
        "America/Sao_Paulo",
        "Europe/Brussels",
      ),
    ).toEqual(["Mon-Fri: 09:00-13:00 in Sao Paulo = 13:00-17:00 in Brussels"]);
    const sydney = createCalendar({
      timezone: "Australia/Sydney",
      country: "AU",
      contactHours: "Mon-Fri 06:00-19:00",
      leave: [],
    });
    expect(
      describeOverlap(weeklyOverlap(a, sydney, "2026-12-07"), "America/Sao_Paulo", "Australia/Sydney"),
    ).toEqual(["Mon-Thu: 16:00-17:00 in Sao Paulo = 06:00-07:00 (next day) in Sydney"]);
  });

  it("finds the next moment both are at work", () => {
    const saturday = new Date("2026-12-05T10:00:00Z");
    expect(nextSharedMoment(cal("America/Sao_Paulo"), cal("Europe/Brussels"), saturday)).toEqual(
      new Date("2026-12-07T12:00:00Z"),
    );
    expect(nextSharedMoment(cal("America/Sao_Paulo"), cal("Asia/Tokyo"), saturday)).toBeUndefined();
  });
});

describe("chooseColleague", () => {
  it("leaves out the intern, colleagues asked before, full ones and those without an hour of overlap", () => {
    const asked = person({ department: "Sales" });
    const full = person({ department: "Sales", introCapacity: 2 });
    const none = person({ department: "Sales", introCapacity: 0 });
    const tokyo = person({ department: "Sales", timezone: "Asia/Tokyo" });
    const early = person({ department: "Sales", contactHours: "Mon-Fri 07:00-13:30" });
    const chosen = chooseColleague(
      input(
        [
          candidate(intern),
          candidate(asked),
          candidate(full, { usedThisMonth: 2 }),
          candidate(none),
          candidate(tokyo),
          candidate(early),
        ],
        { alreadyAsked: new Set([asked.id]) },
      ),
    );
    expect(chosen).toBeUndefined();
    // 07:00-13:30 Brussels overlaps São Paulo's 09:00 (13:00 Brussels) by half an hour only.
    expect(overlapMinutes(calendarOf(intern), calendarOf(early), "2026-12-01")).toBe(30);
    expect(MIN_OVERLAP_MINUTES).toBe(60);
  });

  it.each([
    [
      "a department not met yet first",
      { department: "Sales" },
      { department: "Engineering", timezone: "Europe/Lisbon" },
    ],
    [
      "then a country not met yet",
      { department: "Sales", timezone: "Europe/Lisbon" },
      { department: "Sales" },
    ],
    ["then whoever was asked least recently", {}, {}],
  ])("ranks %s", (_name, better: Partial<Person>, worse: Partial<Person>) => {
    const a = person(better);
    const b = person(worse);
    const recent = _name.includes("least recently");
    const candidates = [
      candidate(b, recent ? { lastProposedAt: new Date("2026-11-30T10:00:00Z") } : {}),
      candidate(a, recent ? { lastProposedAt: new Date("2026-11-20T10:00:00Z") } : {}),
    ];
    const met = { metDepartments: new Set(["Engineering"]), metCountries: new Set(["BR", "BE"]) };
    if (!_name.includes("country")) met.metCountries = new Set(["BR"]);
    expect(chooseColleague(input(candidates, met))?.id).toBe(a.id);
  });

  it("prefers more capacity left when all else is equal, and a never-asked colleague over an asked one", () => {
    const roomy = person({ introCapacity: 4 });
    const tight = person({ introCapacity: 2 });
    expect(
      chooseColleague(input([candidate(tight, { usedThisMonth: 1 }), candidate(roomy, { usedThisMonth: 1 })]))
        ?.id,
    ).toBe(roomy.id);
    const fresh = person();
    const asked = person();
    expect(
      chooseColleague(
        input([candidate(asked, { lastProposedAt: new Date("2026-01-01T00:00:00Z") }), candidate(fresh)]),
      )?.id,
    ).toBe(fresh.id);
  });

  it("breaks ties with the seed: the same seed gives the same colleague, other seeds rotate", () => {
    const team = Array.from({ length: 5 }, () => candidate(person({ department: "Sales" })));
    const first = (seed: number) => chooseColleague(input(team, { seed }))!.id;
    expect(first(42)).toBe(first(42));
    const picks = new Set(Array.from({ length: 40 }, (_, seed) => first(seed)));
    expect(picks.size).toBe(5);
  });

  it("ranks with reasons", () => {
    const sales = person({ department: "Sales", timezone: "Europe/Lisbon" });
    const [top] = rankColleagues(input([candidate(sales)]));
    expect(top).toMatchObject({
      newDepartment: true,
      newCountry: true,
      capacityLeft: 2,
      overlapMinutes: 300,
    });
  });
});

describe("chooseColleague over many rounds", () => {
  const colleagueArb = fc.record({
    timezone: fc.constantFrom(...Object.keys(ZONES)),
    department: fc.option(fc.constantFrom("Sales", "Engineering", "Operations", "Legal"), { nil: undefined }),
    introCapacity: fc.integer({ min: 0, max: 3 }),
  });
  const internArb = fc.record({ timezone: fc.constantFrom(...Object.keys(ZONES)) });

  it("never exceeds a colleague's monthly capacity, honours overlap, never asks twice, and prefers what is new", () => {
    fc.assert(
      fc.property(
        fc.array(colleagueArb, { minLength: 1, maxLength: 10 }),
        fc.array(internArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        (colleagueSpecs, internSpecs, months) => {
          const colleagues = colleagueSpecs.map((spec) => person(spec));
          const interns = internSpecs.map((spec) => person(spec));
          const calendars = new Map([...colleagues, ...interns].map((p) => [p.id, calendarOf(p)]));
          const asked = new Map(interns.map((i) => [i.id, new Set<number>()]));
          const metDepartments = new Map(interns.map((i) => [i.id, new Set<string>()]));
          const metCountries = new Map(interns.map((i) => [i.id, new Set([i.country])]));
          const lastProposed = new Map<number, Date>();
          for (let month = 0; month < months; month++) {
            const used = new Map<number, number>();
            for (let week = 0; week < 4; week++) {
              for (const [order, i] of interns.entries()) {
                const now = new Date(Date.UTC(2027, month, 1 + week * 7, 14, order));
                const candidates = colleagues.map((c) => {
                  const cand: Candidate = {
                    person: c,
                    calendar: calendars.get(c.id)!,
                    usedThisMonth: used.get(c.id) ?? 0,
                  };
                  const last = lastProposed.get(c.id);
                  if (last) cand.lastProposedAt = last;
                  return cand;
                });
                const choice: ChoiceInput = {
                  intern: i,
                  internCalendar: calendars.get(i.id)!,
                  candidates,
                  alreadyAsked: asked.get(i.id)!,
                  metDepartments: metDepartments.get(i.id)!,
                  metCountries: metCountries.get(i.id)!,
                  now,
                  seed: i.id * 31 + month * 4 + week,
                };
                const weekStart = choice.internCalendar.localDate(now);
                const eligible = candidates.filter(
                  (c) =>
                    !choice.alreadyAsked.has(c.person.id) &&
                    c.person.introCapacity - c.usedThisMonth > 0 &&
                    overlapMinutes(choice.internCalendar, c.calendar, weekStart) >= MIN_OVERLAP_MINUTES,
                );
                const chosen = chooseColleague(choice);
                if (eligible.length === 0) {
                  expect(chosen).toBeUndefined();
                  continue;
                }
                expect(chosen).toBeDefined();
                const isNewDept = (p: Person) =>
                  p.department !== undefined && !choice.metDepartments.has(p.department);
                if (eligible.some((c) => isNewDept(c.person))) expect(isNewDept(chosen!)).toBe(true);
                expect(eligible.map((c) => c.person.id)).toContain(chosen!.id);
                used.set(chosen!.id, (used.get(chosen!.id) ?? 0) + 1);
                lastProposed.set(chosen!.id, now);
                asked.get(i.id)!.add(chosen!.id);
                if (chosen!.department) metDepartments.get(i.id)!.add(chosen!.department);
                metCountries.get(i.id)!.add(chosen!.country);
              }
            }
            for (const c of colleagues) expect(used.get(c.id) ?? 0).toBeLessThanOrEqual(c.introCapacity);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("spreads the tie-break over equally good colleagues, whatever the seeds and ids", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 3, maxLength: 8 }),
        (base, team) => {
          const picks = new Map(team.map((id) => [id, 0]));
          for (let seed = base; seed < base + team.length * 300; seed++) {
            const first = team.reduce((best, id) => (tieBreak(seed, id) < tieBreak(seed, best) ? id : best));
            picks.set(first, picks.get(first)! + 1);
          }
          const counts = [...picks.values()];
          // 300 picks each on average: a factor of 1.5 is about four standard deviations.
          expect(Math.max(...counts)).toBeLessThanOrEqual(1.5 * Math.min(...counts));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("lets many interns' first choices fall evenly on equally good colleagues", () => {
    const team = Array.from({ length: 6 }, () =>
      candidate(person({ department: "Sales", introCapacity: 20 })),
    );
    const picks = new Map(team.map((c) => [c.person.id, 0]));
    for (let internship = 1; internship <= 600; internship++) {
      const id = chooseColleague(input(team, { seed: internship * 7919 + 2900 }))!.id;
      picks.set(id, picks.get(id)! + 1);
    }
    const counts = [...picks.values()];
    expect(Math.max(...counts)).toBeLessThanOrEqual(2 * Math.min(...counts));
  });

  it("rotates equally good colleagues when they are chosen week after week", () => {
    const team = Array.from({ length: 4 }, () => person({ department: "Sales", introCapacity: 20 }));
    const last = new Map<number, Date>();
    const picks = new Map(team.map((p) => [p.id, 0]));
    for (let round = 0; round < 40; round++) {
      const other = person({ timezone: "Europe/Lisbon" });
      const candidates = team.map((p) => {
        const c = candidate(p);
        const at = last.get(p.id);
        if (at) c.lastProposedAt = at;
        return c;
      });
      const id = chooseColleague(
        input(candidates, { intern: other, internCalendar: calendarOf(other), seed: round }),
      )!.id;
      last.set(id, new Date(NOW.getTime() + round * 60_000));
      picks.set(id, picks.get(id)! + 1);
    }
    expect([...picks.values()]).toEqual([10, 10, 10, 10]);
  });
});
