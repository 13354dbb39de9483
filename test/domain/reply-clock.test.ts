import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS } from "../../src/domain/agreement.js";
import type { ReplyPlace } from "../../src/domain/agreement-options.js";
import type { AgreementTerms } from "../../src/domain/agreement-terms.js";
import { type CalendarPerson, createCalendar } from "../../src/domain/calendar.js";
import {
  answers,
  type ClockStart,
  clockFor,
  type Direction,
  deadlines,
  type OpenClock,
  type Reply,
  type SeenMessage,
} from "../../src/domain/reply-clock.js";
import type { Internship } from "../../src/domain/types.js";

const HOUR = 3_600_000;
const INTERN = 1;
const SUPERVISOR = 2;
const BACKUP = 3;
const COLLEAGUE = 7;
const OTHER_COLLEAGUE = 8;

const internship: Internship = {
  id: 1,
  workspaceId: 1,
  key: "ana-2026",
  internId: INTERN,
  supervisorId: SUPERVISOR,
  backupSupervisorId: BACKUP,
  start: "2026-01-05",
  end: "2026-12-31",
  homeChannel: "C-home",
};

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

function calendar(overrides: Partial<CalendarPerson> = {}) {
  return createCalendar({
    timezone: "Europe/Brussels",
    country: "BE",
    contactHours: "Mon-Fri 09:00-17:00",
    leave: [],
    ...overrides,
  });
}

function terms(
  replyWithin: Partial<AgreementTerms["replyWithin"]> = {},
  replies: Partial<AgreementTerms["replies"]> = {},
): AgreementTerms {
  return {
    ...DEFAULT_TERMS,
    replyWithin: { ...DEFAULT_TERMS.replyWithin, ...replyWithin },
    replies: { ...DEFAULT_TERMS.replies, ...replies },
  };
}

describe("clockFor: which messages start a reply clock, and for whom", () => {
  /** A message; "?" marks a question, the rest are the people mentioned. */
  const said = (authorId: number, mark: "?" | "", ...mentionIds: number[]): SeenMessage => ({
    authorId,
    mentionIds,
    asks: mark === "?",
  });
  const company = (responderId: number): ClockStart => ({ direction: "to_company", responderId });
  const intern: ClockStart = { direction: "to_intern", responderId: INTERN };

  it.each<[string, SeenMessage, ClockStart]>([
    ["an intern question without a mention: the supervisor", said(INTERN, "?"), company(SUPERVISOR)],
    ["an intern question to the backup: the backup", said(INTERN, "?", BACKUP), company(BACKUP)],
    [
      "an intern question to a colleague and the supervisor: the supervisor",
      said(INTERN, "?", OTHER_COLLEAGUE, SUPERVISOR),
      company(SUPERVISOR),
    ],
    ["an intern question mentioning only themselves", said(INTERN, "?", INTERN), company(SUPERVISOR)],
    ["the supervisor asking the intern: the intern", said(SUPERVISOR, "?", INTERN), intern],
    ["the backup asking the intern among others", said(BACKUP, "?", COLLEAGUE, INTERN), intern],
  ])("starts a clock for %s", (_name, message, expected) => {
    expect(clockFor(message, internship)).toEqual(expected);
  });

  it.each<[string, SeenMessage]>([
    ["an intern statement without a question or a mention", said(INTERN, "")],
    ["an intern statement mentioning the supervisor (praise, thanks, FYI)", said(INTERN, "", SUPERVISOR)],
    ["an intern question to a colleague only", said(INTERN, "?", COLLEAGUE)],
    ["the supervisor's praise mentioning the intern", said(SUPERVISOR, "", INTERN)],
    ["a company question that does not mention the intern", said(SUPERVISOR, "?")],
    ["the supervisor asking someone else", said(SUPERVISOR, "?", COLLEAGUE)],
    ["a colleague asking the intern", said(COLLEAGUE, "?", SUPERVISOR, INTERN)],
    ["a colleague mentioning the supervisor", said(COLLEAGUE, "", SUPERVISOR)],
  ])("starts nothing for %s", (_name, message) => {
    expect(clockFor(message, internship)).toBeUndefined();
  });

  it("reads an unaddressed intern question in a thread as asked of the thread's other writers", () => {
    const inThread = (...threadPeople: number[]) => ({ ...said(INTERN, "?"), threadPeople });
    expect(clockFor(inThread(INTERN, COLLEAGUE), internship)).toBeUndefined();
    expect(clockFor(inThread(INTERN, COLLEAGUE, BACKUP), internship)).toEqual(company(BACKUP));
    expect(clockFor(inThread(INTERN), internship)).toEqual(company(SUPERVISOR));
    expect(clockFor({ ...inThread(COLLEAGUE), mentionIds: [SUPERVISOR] }, internship)).toEqual(
      company(SUPERVISOR),
    );
  });

  it.each<[string, SeenMessage, ClockStart | undefined]>([
    ["the supervisor's praise mentioning the intern", said(SUPERVISOR, "", INTERN), intern],
    ["an intern statement mentioning the backup", said(INTERN, "", BACKUP), company(BACKUP)],
    ["an intern question without a mention", said(INTERN, "?"), company(SUPERVISOR)],
    ["an intern statement to a colleague", said(INTERN, "", COLLEAGUE), undefined],
    ["a colleague mentioning the intern", said(COLLEAGUE, "", INTERN), undefined],
  ])("with reply.trigger mention, answers %s accordingly", (_name, message, expected) => {
    expect(clockFor(message, internship, "mention")).toEqual(expected);
  });
});

describe("answers: which messages stop a running clock", () => {
  const sentAt = at("2026-06-10T10:00:00Z");
  const later = at("2026-06-10T11:00:00Z");
  const toCompany: OpenClock = {
    direction: "to_company",
    messageRef: "q1",
    authorId: INTERN,
    responderId: SUPERVISOR,
    sentAt,
  };
  const toIntern: OpenClock = {
    direction: "to_intern",
    messageRef: "q1",
    authorId: SUPERVISOR,
    responderId: INTERN,
    sentAt,
  };
  const inThread: OpenClock = { ...toCompany, messageRef: "q2", threadRef: "root" };

  const early = at("2026-06-10T09:59:00Z");
  const reply = (authorId: number, threadRef?: string, when = later, mentionIds: number[] = []): Reply =>
    threadRef === undefined
      ? { authorId, at: when, mentionIds }
      : { authorId, at: when, threadRef, mentionIds };
  const mentioning = (authorId: number, ...mentionIds: number[]) =>
    reply(authorId, undefined, later, mentionIds);

  it.each<[string, OpenClock, Reply, ReplyPlace]>([
    ["the supervisor replying in the thread (both)", toCompany, reply(SUPERVISOR, "q1"), "both"],
    ["the supervisor replying in the thread (thread only)", toCompany, reply(SUPERVISOR, "q1"), "thread"],
    ["another company member replying in the thread", toCompany, reply(COLLEAGUE, "q1"), "both"],
    [
      "the supervisor replying in the thread the question was asked in",
      inThread,
      reply(SUPERVISOR, "root"),
      "both",
    ],
    [
      "a later top-level message of the responder to the asker (both)",
      toCompany,
      mentioning(SUPERVISOR, INTERN),
      "both",
    ],
    ["the intern replying in the thread to an intern-side clock", toIntern, reply(INTERN, "q1"), "thread"],
    [
      "a later top-level intern message to the asker (both)",
      toIntern,
      mentioning(INTERN, SUPERVISOR),
      "both",
    ],
  ])("closes on %s", (_name, clock, message, where) => {
    expect(answers(clock, message, internship, where)).toBe(true);
  });

  it.each<[string, OpenClock, Reply, ReplyPlace]>([
    [
      "a later top-level message of the responder to the asker (thread only)",
      toCompany,
      mentioning(SUPERVISOR, INTERN),
      "thread",
    ],
    ["an unrelated top-level message of the responder", toCompany, reply(SUPERVISOR), "both"],
    [
      "a top-level message to the intern by someone else of the company",
      toCompany,
      mentioning(BACKUP, INTERN),
      "both",
    ],
    ["an unrelated top-level intern message on an intern-side clock", toIntern, reply(INTERN), "both"],
    ["a company reply in a different thread", toCompany, reply(SUPERVISOR, "q9"), "both"],
    ["the intern following up on their own question", toCompany, reply(INTERN, "q1"), "both"],
    ["the intern posting again top-level", toCompany, mentioning(INTERN, SUPERVISOR), "both"],
    ["the supervisor following up on an intern-side clock", toIntern, reply(SUPERVISOR, "q1"), "both"],
    ["a colleague answering for the intern", toIntern, reply(COLLEAGUE, "q1"), "both"],
    [
      "a company message at the question's own instant",
      toCompany,
      reply(SUPERVISOR, undefined, sentAt, [INTERN]),
      "both",
    ],
    [
      "a company message in the thread before the question",
      toCompany,
      reply(SUPERVISOR, "q1", early),
      "both",
    ],
  ])("stays open on %s", (_name, clock, message, where) => {
    expect(answers(clock, message, internship, where)).toBe(false);
  });
});

describe("deadlines: every instant counted in the responder's working time", () => {
  it("counts a Thursday-afternoon question in Brussels through Christmas and the weekend", () => {
    const d = deadlines(calendar(), at("2026-12-24T16:00:00+01:00"), DEFAULT_TERMS, "to_company");
    expect(d.allowedMs).toBe(8 * HOUR);
    expect(iso(d.warnAt)).toBe(iso(at("2026-12-28T14:00:00+01:00"))); // 1h Thu + 5h Mon = 6h (75%)
    expect(iso(d.dueAt)).toBe(iso(at("2026-12-28T16:00:00+01:00"))); // 1h Thu + 7h Mon
    // Due + 4h: the last hour of Monday, then three on Tuesday; due + 8h: one on Monday, seven on Tuesday.
    expect(d.escalateAt.map(iso)).toEqual([
      iso(at("2026-12-29T12:00:00+01:00")),
      iso(at("2026-12-29T16:00:00+01:00")),
    ]);
  });

  it("moves the due time when leave covering the Monday is known", () => {
    const onLeave = calendar({ leave: [{ from: "2026-12-28", to: "2026-12-28" }] });
    const d = deadlines(onLeave, at("2026-12-24T16:00:00+01:00"), DEFAULT_TERMS, "to_company");
    expect(iso(d.dueAt)).toBe(iso(at("2026-12-29T16:00:00+01:00")));
  });

  it("lands on the right instant after the spring-forward weekend", () => {
    const d = deadlines(calendar(), at("2026-03-27T15:00:00+01:00"), DEFAULT_TERMS, "to_company");
    // Friday 15:00-17:00 CET, then Monday 09:00-15:00 CEST (UTC+2).
    expect(iso(d.dueAt)).toBe("2026-03-30T13:00:00.000Z");
  });

  const saoPaulo = { timezone: "America/Sao_Paulo", country: "BR" };
  it.each<[string, Partial<CalendarPerson>, Direction, string, string]>([
    [
      "an intern in São Paulo asked at 16:00 on Friday owes the reply Monday 12:00 local",
      saoPaulo,
      "to_intern",
      "2026-03-13T16:00:00-03:00",
      "2026-03-16T12:00:00-03:00",
    ],
    [
      "a question sent at night in the supervisor's zone counts from their next morning",
      {},
      "to_company",
      "2026-06-10T16:00:00-03:00", // 21:00 in Brussels
      "2026-06-11T17:00:00+02:00",
    ],
    [
      "a question sent in the small hours counts from 09:00 the same day",
      {},
      "to_company",
      "2026-06-10T02:00:00+02:00",
      "2026-06-10T17:00:00+02:00",
    ],
    [
      "a Saturday question to an intern counts from Monday morning",
      saoPaulo,
      "to_intern",
      "2026-06-13T11:00:00-03:00",
      "2026-06-15T13:00:00-03:00",
    ],
  ])("%s", (_name, person, direction, sentAt, dueAt) => {
    const d = deadlines(calendar(person), at(sentAt), DEFAULT_TERMS, direction);
    expect(d.allowedMs).toBe((direction === "to_company" ? 8 : 4) * HOUR);
    expect(iso(d.dueAt)).toBe(iso(at(dueAt)));
  });

  /** Wall-clock time in Brussels in June 2026 (CEST). */
  const june = (dayTime: string) => iso(at(`2026-06-${dayTime}:00+02:00`));

  it.each<[string, number, number, string, [string, string]]>([
    ["the defaults, 75% and 50%", 75, 50, "10T15:00", ["11T13:00", "11T17:00"]],
    ["a warning at half time, escalation a reply time later", 50, 100, "10T13:00", ["11T17:00", "12T17:00"]],
    ["an early warning and a quick escalation", 25, 25, "10T11:00", ["11T11:00", "11T13:00"]],
  ])(
    "places warning and escalations by the configured shares: %s",
    (_name, warn, escalate, warnAt, steps) => {
      const t = terms({}, { warnAtPercent: warn, escalateAfterPercent: escalate });
      const d = deadlines(calendar(), at("2026-06-10T09:00:00+02:00"), t, "to_company");
      expect(iso(d.warnAt)).toBe(june(warnAt));
      expect(iso(d.dueAt)).toBe(june("10T17:00"));
      expect(d.escalateAt.map(iso)).toEqual(steps.map(june));
    },
  );

  it.each<[string, string, string, number, string]>([
    ["a 4-hour contact day", "Mon-Fri 09:00-13:00", "2d", 8, "09T13:00"],
    ["a day with a lunch break (7h)", "Mon-Fri 09:00-12:00 13:00-17:00", "2d", 14, "09T17:00"],
    ["a short Friday: the longest day counts", "Mon-Thu 09:00-17:00; Fri 09:00-13:00", "1d", 8, "08T17:00"],
    ["half a 4-hour day", "Mon-Fri 09:00-13:00", "0.5d", 2, "08T11:00"],
  ])("measures days in the responder's contact day: %s", (_name, contactHours, within, hours, dueAt) => {
    const monday = at("2026-06-08T09:00:00+02:00");
    const d = deadlines(calendar({ contactHours }), monday, terms({ supervisor: within }), "to_company");
    expect(d.allowedMs).toBe(hours * HOUR);
    expect(iso(d.dueAt)).toBe(june(dueAt));
  });

  it("uses the intern's reply time for an intern-side clock and the supervisor's for the other", () => {
    const t = terms({ supervisor: "3h", intern: "90m" });
    const sentAt = at("2026-06-08T09:00:00+02:00");
    expect(deadlines(calendar(), sentAt, t, "to_company").allowedMs).toBe(3 * HOUR);
    expect(deadlines(calendar(), sentAt, t, "to_intern").allowedMs).toBe(1.5 * HOUR);
  });
});

describe("deadlines: properties", () => {
  const people: CalendarPerson[] = [
    { timezone: "Europe/Brussels", country: "BE", contactHours: "Mon-Fri 09:00-17:00", leave: [] },
    {
      timezone: "America/Sao_Paulo",
      country: "BR",
      contactHours: "Mon-Fri 09:00-12:00 13:00-18:00",
      leave: [{ from: "2026-07-06", to: "2026-07-17" }],
    },
    {
      timezone: "America/New_York",
      country: "US",
      region: "NY",
      contactHours: "Mon-Thu 08:00-18:00",
      leave: [],
    },
    { timezone: "Asia/Kolkata", country: "IN", contactHours: "Mon-Sat 10:00-14:00", leave: [] },
  ];
  const calendars = people.map((p) => createCalendar(p));
  const duration = fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom("m", "h", "d"))
    .map(([n, unit]) => (unit === "m" ? `${n * 15}m` : unit === "h" ? `${n}h` : `${Math.ceil(n / 8)}d`));

  it("orders warning, due time and escalations, and the due time is exactly the allowed working time", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31, 23, 59) }),
        fc.integer({ min: 0, max: calendars.length - 1 }),
        fc.constantFrom<Direction>("to_company", "to_intern"),
        duration,
        fc.integer({ min: 10, max: 99 }),
        fc.integer({ min: 10, max: 400 }),
        (ms, who, direction, within, warn, escalate) => {
          const cal = calendars[who]!;
          const sentAt = new Date(ms);
          const t = terms(
            { supervisor: within, intern: within },
            { warnAtPercent: warn, escalateAfterPercent: escalate },
          );
          const d = deadlines(cal, sentAt, t, direction);
          const [first, second] = d.escalateAt.map((x) => x.getTime()) as [number, number];
          expect(d.warnAt.getTime()).toBeLessThanOrEqual(d.dueAt.getTime());
          expect(d.dueAt.getTime()).toBeLessThanOrEqual(first);
          expect(first).toBeLessThanOrEqual(second);
          expect(d.warnAt.getTime()).toBeGreaterThanOrEqual(ms);
          expect(cal.workingTimeBetween(sentAt, d.dueAt)).toBe(d.allowedMs);
        },
      ),
      { numRuns: 300 },
    );
  });
});
