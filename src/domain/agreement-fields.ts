/** The terms `agreement set` can change: how each is named, read, checked and written. */

import { REPLY_PLACES, REPLY_TRIGGERS, SUMMARY_MODES, SYNC_CADENCES } from "./agreement-options.js";
import type { AgreementTerms } from "./agreement-terms.js";
import { readDays } from "./contact-hours.js";
import { readDuration } from "./duration.js";
import { err, ok, type Result } from "./result.js";

/** One term of the agreement: how `agreement set` names it, reads it, checks it and writes it. */
export interface AgreementField {
  name: string;
  description: string;
  example: string;
  get(terms: AgreementTerms): string;
  /** Writes the value into `terms`, or refuses with the error sentence and leaves them alone. */
  set(terms: AgreementTerms, value: string): Result<void>;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function checked<T>(parse: (value: string) => Result<T>, write: (terms: AgreementTerms, value: T) => void) {
  return (terms: AgreementTerms, raw: string): Result<void> => {
    const result = parse(raw.trim());
    if (!result.ok) return result;
    write(terms, result.value);
    return ok(undefined);
  };
}

/** The text as typed when it reads as a duration (terms keep people's spelling). */
const duration = (v: string): Result<string> => {
  const read = readDuration(v);
  return read.ok ? ok(v) : read;
};

/**
 * Reply times from 1h to 5d of the responder's working time: shorter asks for an answer within the
 * hour, longer is not a reply time. A day counts as 8h here, as the responder's own day is unknown.
 */
export const REPLY_RANGE = { min: "1h", max: "5d" } as const;
const MINUTES = { m: 1, h: 60, d: 8 * 60 } as const;
const replyTime = (v: string): Result<string> => {
  const read = readDuration(v);
  if (!read.ok) return read;
  const minutes = read.value.amount * MINUTES[read.value.unit];
  if (minutes < 60) {
    return err(
      `"${v}" is shorter than 1h; a reply time goes from ${REPLY_RANGE.min} to ${REPLY_RANGE.max} (5 working days) of the working time of whoever replies.`,
    );
  }
  if (minutes > 5 * MINUTES.d) {
    return err(
      `"${v}" is longer than 5 working days; a reply time goes from ${REPLY_RANGE.min} to ${REPLY_RANGE.max} of the working time of whoever replies.`,
    );
  }
  return ok(v);
};
const days = (v: string): Result<string> => {
  const read = readDays(v);
  return read.ok ? ok(v) : read;
};
const count =
  (min: number, max: number) =>
  (v: string): Result<number> =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max
      ? ok(Number(v))
      : err(`"${v}" must be a whole number from ${min} to ${max}.`);
const oneOf =
  <T extends string>(options: readonly T[], what: string) =>
  (v: string): Result<T> =>
    (options as readonly string[]).includes(v.toLowerCase())
      ? ok(v.toLowerCase() as T)
      : err(`"${v}" is not ${what}; use one of ${options.join(", ")}.`);
const percent =
  (min: number, max: number) =>
  (v: string): Result<number> => {
    const match = /^(\d{1,3})\s*%?$/.exec(v);
    const n = match ? Number(match[1]) : Number.NaN;
    return n >= min && n <= max
      ? ok(n)
      : err(`"${v}" must be a percentage from ${min}% to ${max}%, e.g. 75%.`);
  };
const reactionName = (v: string): Result<string> => {
  const name = v.replace(/^:|:$/g, "").toLowerCase();
  return /^[a-z0-9_+-]{1,64}$/.test(name)
    ? ok(name)
    : err(`"${v}" is not a reaction name; write it like white_check_mark or :eyes:.`);
};
const yesNo = (v: string): Result<boolean> =>
  /^(yes|on|true)$/i.test(v)
    ? ok(true)
    : /^(no|off|false)$/i.test(v)
      ? ok(false)
      : err(`"${v}" must be yes or no.`);

export const AGREEMENT_FIELDS: readonly AgreementField[] = [
  {
    name: "reply.supervisor",
    description: "how soon the supervisor answers the intern, counted in the supervisor's contact hours",
    example: "8h",
    get: (t) => t.replyWithin.supervisor,
    set: checked(replyTime, (t, v) => {
      t.replyWithin.supervisor = v;
    }),
  },
  {
    name: "reply.intern",
    description: "how soon the intern answers the supervisor, counted in the intern's contact hours",
    example: "4h",
    get: (t) => t.replyWithin.intern,
    set: checked(replyTime, (t, v) => {
      t.replyWithin.intern = v;
    }),
  },
  {
    name: "reply.warn",
    description: "share of the reply time after which the responder is warned, inside their contact hours",
    example: "75%",
    get: (t) => `${t.replies.warnAtPercent}%`,
    set: checked(percent(10, 99), (t, v) => {
      t.replies.warnAtPercent = v;
    }),
  },
  {
    name: "reply.escalate",
    description:
      "how long an overdue reply waits before the backup supervisor, then the coordinator, hear about it (share of the reply time)",
    example: "50%",
    get: (t) => `${t.replies.escalateAfterPercent}%`,
    set: checked(percent(10, 400), (t, v) => {
      t.replies.escalateAfterPercent = v;
    }),
  },
  {
    name: "reply.where",
    description:
      "where a reply counts: in the question's thread only, or in the thread or the channel after it",
    example: "both",
    get: (t) => t.replies.where,
    set: checked(oneOf(REPLY_PLACES, "a reply place"), (t, v) => {
      t.replies.where = v;
    }),
  },
  {
    name: "reply.ack",
    description: "the reaction with which the responder acknowledges a message instead of replying",
    example: "white_check_mark",
    get: (t) => t.replies.ackReaction,
    set: checked(reactionName, (t, v) => {
      t.replies.ackReaction = v;
    }),
  },
  {
    name: "reply.trigger",
    description:
      "what starts a reply clock: a message that asks for something (a question, a request or the tracking reaction), or every mention",
    example: "request",
    get: (t) => t.replies.trigger,
    set: checked(oneOf(REPLY_TRIGGERS, "a reply trigger"), (t, v) => {
      t.replies.trigger = v;
    }),
  },
  {
    name: "reply.track",
    description: "the reaction with which the asker marks their own message so that Tandem tracks its reply",
    example: "hourglass",
    get: (t) => t.replies.trackReaction,
    set: checked(reactionName, (t, v) => {
      t.replies.trackReaction = v;
    }),
  },
  {
    name: "checkin.at",
    description: "local time of the intern's daily check-in, on the 24-hour clock",
    example: "09:30",
    get: (t) => t.checkIn.at,
    set: checked(
      (v): Result<string> =>
        TIME.test(v) ? ok(v) : err(`"${v}" is not a time; write it like 09:30 (24-hour clock).`),
      (t, v) => {
        t.checkIn.at = v;
      },
    ),
  },
  {
    name: "checkin.days",
    description: "days on which the check-in is sent",
    example: "Mon-Fri",
    get: (t) => t.checkIn.days,
    set: checked(days, (t, v) => {
      t.checkIn.days = v;
    }),
  },
  {
    name: "checkin.reminder",
    description: "working time of the intern after which an unanswered check-in is recalled once",
    example: "3h",
    get: (t) => t.checkIn.reminderAfter,
    set: checked(duration, (t, v) => {
      t.checkIn.reminderAfter = v;
    }),
  },
  {
    name: "checkin.summary",
    description: "the supervisor gets a daily summary of check-in answers, or each answer as it comes",
    example: "daily",
    get: (t) => t.checkIn.summary,
    set: checked(oneOf(SUMMARY_MODES, "a summary mode"), (t, v) => {
      t.checkIn.summary = v;
    }),
  },
  {
    name: "milestone.remind",
    description: "how many of the intern's working days before a due date the intern is reminded",
    example: "2",
    get: (t) => String(t.milestones.remindDaysBefore),
    set: checked(count(0, 20), (t, v) => {
      t.milestones.remindDaysBefore = v;
    }),
  },
  {
    name: "milestone.announce",
    description: "announce done milestones in the internship's home channel (yes or no)",
    example: "yes",
    get: (t) => (t.milestones.announceDone ? "yes" : "no"),
    set: checked(yesNo, (t, v) => {
      t.milestones.announceDone = v;
    }),
  },
  {
    name: "sync",
    description: "how often intern and supervisor meet live: daily, weekly, biweekly, monthly or none",
    example: "weekly",
    get: (t) => t.syncMeeting,
    set: checked(oneOf(SYNC_CADENCES, "a meeting cadence"), (t, v) => {
      t.syncMeeting = v;
    }),
  },
  {
    name: "intro.target",
    description: "how many colleagues the intern should meet",
    example: "6",
    get: (t) => String(t.introductions.target),
    set: checked(count(0, 50), (t, v) => {
      t.introductions.target = v;
    }),
  },
  {
    name: "intro.departments",
    description: "from how many different departments",
    example: "3",
    get: (t) => String(t.introductions.departments),
    set: checked(count(0, 20), (t, v) => {
      t.introductions.departments = v;
    }),
  },
  {
    name: "intro.weeks",
    description: "within how many weeks of the start",
    example: "6",
    get: (t) => String(t.introductions.withinWeeks),
    set: checked(count(1, 104), (t, v) => {
      t.introductions.withinWeeks = v;
    }),
  },
  {
    name: "nudges.perWeek",
    description: "at most this many supportive nudges to the intern in any 7 days (0 turns them off)",
    example: "1",
    get: (t) => String(t.nudges.perWeek),
    set: checked(count(0, 5), (t, v) => {
      t.nudges.perWeek = v;
    }),
  },
  {
    name: "tools",
    description: "the agreed tools, separated by commas",
    example: "Slack, Zoom, Jira",
    get: (t) => t.tools.join(", "),
    set: checked(
      (v): Result<string[]> => {
        const tools = v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        return tools.length > 20 || tools.some((tool) => tool.length > 40)
          ? err("List at most 20 tools of up to 40 characters, separated by commas, e.g. Slack, Zoom.")
          : ok(tools);
      },
      (t, v) => {
        t.tools = v;
      },
    ),
  },
];

export function agreementField(name: string): AgreementField | undefined {
  const wanted = name.toLowerCase();
  return AGREEMENT_FIELDS.find((f) => f.name.toLowerCase() === wanted);
}
