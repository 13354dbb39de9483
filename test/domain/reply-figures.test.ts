import { describe, expect, it } from "vitest";
import { describeFigures } from "../../src/domain/copy/reply.js";
import type { Direction } from "../../src/domain/reply-clock.js";
import {
  figuresByDirection,
  figuresByWeek,
  type ReplyFigures,
  replyFigures,
} from "../../src/domain/reply-figures.js";
import type { CloseReason, TrackedMessage } from "../../src/domain/reply-records.js";

const HOUR = 3_600_000;
const NOW = new Date("2026-06-12T12:00:00Z");
const ALLOWED = 8 * HOUR;

let nextId = 1;
/** A clock asked on Monday 8 June 2026 unless told otherwise, due eight working hours later. */
function clock(over: Partial<TrackedMessage> = {}): TrackedMessage {
  const id = nextId++;
  return {
    id,
    workspaceId: 1,
    internshipId: 1,
    conversation: "C-home",
    messageRef: `m${id}`,
    direction: "to_company",
    authorId: 1,
    responderId: 2,
    sentAt: new Date("2026-06-08T09:00:00Z"),
    allowedMs: ALLOWED,
    dueAt: new Date("2026-06-08T17:00:00Z"),
    ...over,
  };
}

/** Closed after `hours` of the responder's working time. */
function closed(hours: number, reason: CloseReason = "reply", over: Partial<TrackedMessage> = {}) {
  return clock({
    closedAt: new Date("2026-06-09T10:00:00Z"),
    closedBy: 2,
    closeReason: reason,
    replyMs: hours * HOUR,
    ...over,
  });
}

const open = (dueAt: string, over: Partial<TrackedMessage> = {}) =>
  clock({ dueAt: new Date(dueAt), ...over });

describe("replyFigures", () => {
  it.each<[string, number[], number, number]>([
    ["one reply", [2], 2, 2],
    ["three replies (nearest rank: 2nd and 3rd)", [3, 1, 2], 2, 3],
    ["four replies (nearest rank: 2nd and 4th)", [4, 1, 3, 2], 2, 4],
    ["ten replies, given in any order", [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5, 9],
    ["eleven replies (90% of 11 rounds up to the 10th)", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 6, 10],
    ["twenty replies", Array.from({ length: 20 }, (_, i) => i + 1), 10, 18],
  ])("takes the median and 90th percentile by nearest rank: %s", (_name, hours, median, p90) => {
    const f = replyFigures(
      hours.map((h) => closed(h)),
      NOW,
    );
    expect(f.medianHours).toBe(median);
    expect(f.p90Hours).toBe(p90);
    expect(f.answered).toBe(hours.length);
  });

  it.each<[string, number, number]>([
    ["ninety minutes", 1.5 * HOUR, 1.5],
    ["one hour and twenty minutes", 80 * 60_000, 1.3],
    ["a few seconds", 5_000, 0],
    ["two hours and fifteen minutes", 2.25 * HOUR, 2.3],
  ])("reports hours to one decimal: %s", (_name, replyMs, hours) => {
    const f = replyFigures([closed(0, "reply", { replyMs })], NOW);
    expect(f.medianHours).toBe(hours);
    expect(f.p90Hours).toBe(hours);
  });

  it.each<[string, TrackedMessage[], Partial<ReplyFigures>]>([
    [
      "all replies on time, one exactly at the limit",
      [closed(1), closed(8)],
      { answered: 2, onTime: 2, withinShare: 1, breaches: 0, overdue: 0, waiting: 0 },
    ],
    [
      "one of three replies late",
      [closed(1), closed(4), closed(9)],
      { answered: 3, onTime: 2, late: 1, withinShare: 2 / 3, breaches: 1, overdue: 0 },
    ],
    [
      "a late acknowledgement counts as answered and late",
      [closed(2, "reaction"), closed(12, "reaction")],
      { answered: 2, late: 1, withinShare: 0.5, breaches: 1 },
    ],
    [
      "an open question past its due time is overdue and not on time",
      [closed(1), open("2026-06-11T17:00:00Z")],
      { answered: 1, onTime: 1, overdue: 1, waiting: 0, withinShare: 0.5, breaches: 1 },
    ],
    [
      "an open question due exactly now is overdue",
      [open(NOW.toISOString())],
      { answered: 0, overdue: 1, waiting: 0, withinShare: 0, breaches: 1 },
    ],
    [
      "an open question not yet due is waiting, no breach",
      [open("2026-06-12T12:00:01Z")],
      { answered: 0, overdue: 0, waiting: 1, breaches: 0 },
    ],
    [
      "late replies and overdue questions add up",
      [closed(9), closed(10), open("2026-06-10T09:00:00Z"), open("2026-06-15T09:00:00Z")],
      { answered: 2, late: 2, overdue: 1, waiting: 1, withinShare: 0, breaches: 3 },
    ],
    [
      "questions the asker closed with noreply are left out; one the end closed past its due time is missed",
      [
        closed(1),
        closed(30, "noreply"),
        closed(40, "ended"),
        clock({ closedAt: NOW, closeReason: "noreply" }),
      ],
      {
        answered: 1,
        medianHours: 1,
        p90Hours: 1,
        withinShare: 0.5,
        breaches: 1,
        overdue: 0,
        waiting: 0,
        unanswered: 1,
        endedInTime: 0,
      },
    ],
  ])("counts answers, on-time share and breaches: %s", (_name, clocks, expected) => {
    expect(replyFigures(clocks, NOW)).toMatchObject(expected);
  });

  it("leaves timings and share out when nothing was answered", () => {
    // The end closed this one before its due time (17:00): not missed, and no share to give.
    const ended = clock({ closedAt: new Date("2026-06-08T12:00:00Z"), closeReason: "ended" });
    const f = replyFigures([open("2026-06-15T09:00:00Z"), ended], NOW);
    expect(f).toEqual({
      answered: 0,
      onTime: 0,
      late: 0,
      overdue: 0,
      waiting: 1,
      unanswered: 0,
      endedInTime: 1,
      breaches: 0,
    });
  });
});

describe("figuresByDirection and figuresByWeek", () => {
  const toIntern = (over: Partial<TrackedMessage>) => ({ direction: "to_intern" as Direction, ...over });

  it("splits clocks by who owes the reply", () => {
    const figures = figuresByDirection(
      [closed(2), closed(6), closed(1, "reply", toIntern({})), open("2026-06-10T09:00:00Z", toIntern({}))],
      NOW,
    );
    expect(figures.to_company).toEqual({
      answered: 2,
      medianHours: 2,
      p90Hours: 6,
      withinShare: 1,
      onTime: 2,
      late: 0,
      overdue: 0,
      waiting: 0,
      unanswered: 0,
      endedInTime: 0,
      breaches: 0,
    });
    // The overdue question counts as not on time: one of two.
    expect(figures.to_intern).toEqual({
      answered: 1,
      medianHours: 1,
      p90Hours: 1,
      withinShare: 0.5,
      onTime: 1,
      late: 0,
      overdue: 1,
      waiting: 0,
      unanswered: 0,
      endedInTime: 0,
      breaches: 1,
    });
  });

  it("gives empty figures to a direction without clocks", () => {
    expect(figuresByDirection([closed(2)], NOW).to_intern).toEqual({
      answered: 0,
      onTime: 0,
      late: 0,
      overdue: 0,
      waiting: 0,
      unanswered: 0,
      endedInTime: 0,
      breaches: 0,
    });
  });

  it("groups clocks by the week of the question and lists the weeks in order", () => {
    const weekOf = (at: Date) =>
      at.getTime() < Date.parse("2026-06-08T00:00:00Z") ? "2026-W23" : "2026-W24";
    const earlier = { sentAt: new Date("2026-06-02T09:00:00Z") };
    const weeks = figuresByWeek(
      [closed(3), closed(9, "reply", earlier), closed(1, "reply", toIntern(earlier)), closed(5)],
      NOW,
      weekOf,
    );
    expect([...weeks.keys()]).toEqual(["2026-W23", "2026-W24"]);
    expect(weeks.get("2026-W23")!.to_company).toMatchObject({ answered: 1, medianHours: 9, breaches: 1 });
    expect(weeks.get("2026-W23")!.to_intern).toMatchObject({ answered: 1, medianHours: 1, breaches: 0 });
    expect(weeks.get("2026-W24")!.to_company).toMatchObject({ answered: 2, medianHours: 3, p90Hours: 5 });
    expect(weeks.get("2026-W24")!.to_intern).toEqual({
      answered: 0,
      onTime: 0,
      late: 0,
      overdue: 0,
      waiting: 0,
      unanswered: 0,
      endedInTime: 0,
      breaches: 0,
    });
  });

  it.each<[string, string[], string[]]>([
    ["two-digit weeks", ["2026-W10", "2026-W02", "2026-W09"], ["2026-W02", "2026-W09", "2026-W10"]],
    ["across a year end", ["2027-W01", "2026-W53", "2026-W52"], ["2026-W52", "2026-W53", "2027-W01"]],
  ])("orders weeks however the clocks arrive: %s", (_name, given, ordered) => {
    const clocks = given.map((_, day) =>
      closed(1, "reply", { sentAt: new Date(Date.UTC(2026, 0, day + 1)) }),
    );
    const weeks = figuresByWeek(clocks, NOW, (at) => given[at.getUTCDate() - 1]!);
    expect([...weeks.keys()]).toEqual(ordered);
  });

  it("gives no weeks for no clocks", () => {
    expect(figuresByWeek([], NOW, () => "2026-W01").size).toBe(0);
  });
});

describe("describeFigures", () => {
  const none = {
    answered: 0,
    onTime: 0,
    late: 0,
    overdue: 0,
    waiting: 0,
    unanswered: 0,
    endedInTime: 0,
    breaches: 0,
  };
  it.each<[string, ReplyFigures, string]>([
    ["nothing asked yet", none, "no questions yet"],
    [
      "replies with one late",
      {
        ...none,
        answered: 10,
        onTime: 9,
        late: 1,
        medianHours: 2.5,
        p90Hours: 4.1,
        withinShare: 0.9,
        breaches: 1,
      },
      "10 questions: 9 answered on time, 1 answered late; half answered within 2.5h, 9 in 10 within 4.1h of working time",
    ],
    [
      "one answered on time and one overdue",
      {
        ...none,
        answered: 1,
        onTime: 1,
        overdue: 1,
        medianHours: 1,
        p90Hours: 1,
        withinShare: 0.5,
        breaches: 1,
      },
      "2 questions: 1 answered on time, 1 overdue without a reply; answered in 1h of working time",
    ],
    [
      "only a question not due yet",
      { ...none, waiting: 1 },
      "1 question: 1 waiting for a reply, not due yet",
    ],
    [
      "only an overdue question",
      { ...none, overdue: 1, withinShare: 0, breaches: 1 },
      "1 question: 1 overdue without a reply",
    ],
    [
      "a question the end closed past its due time and one still within it",
      { ...none, unanswered: 1, endedInTime: 1, withinShare: 0, breaches: 1 },
      "2 questions: 1 never answered (overdue when the internship ended), 1 without a reply when the internship ended, not due yet",
    ],
  ])("describes %s, each question once", (_name, figures, text) => {
    expect(describeFigures(figures)).toBe(text);
  });

  it("describes the figures of real clocks in one line", () => {
    const f = replyFigures([closed(1), closed(3), closed(12), open("2026-06-10T09:00:00Z")], NOW);
    expect(describeFigures(f)).toBe(
      "4 questions: 2 answered on time, 1 answered late, 1 overdue without a reply; half answered within 3h, all within 12h of working time",
    );
  });
});
