import { parseDays } from "./contact-hours.js";
import { parseDuration } from "./duration.js";
import { problemOf } from "./errors.js";

export const SYNC_CADENCES = ["daily", "weekly", "biweekly", "monthly", "none"] as const;
export type SyncCadence = (typeof SYNC_CADENCES)[number];

/** The working agreement between intern and company, as stored (JSON) and enforced. */
export interface AgreementTerms {
  replyWithin: { supervisor: string; intern: string };
  checkIn: { at: string; days: string };
  syncMeeting: SyncCadence;
  introductions: { target: number; departments: number; withinWeeks: number };
  tools: string[];
}

export const DEFAULT_TERMS: AgreementTerms = {
  replyWithin: { supervisor: "8h", intern: "4h" },
  checkIn: { at: "09:30", days: "Mon-Fri" },
  syncMeeting: "weekly",
  introductions: { target: 6, departments: 3, withinWeeks: 6 },
  tools: [],
};

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const checkDuration = (value: string) => problemOf(() => parseDuration(value));
const checkDays = (value: string) => problemOf(() => parseDays(value));

function wholeNumber(value: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= min && n <= max ? n : undefined;
}

type Setter = (terms: AgreementTerms, value: string) => string | undefined;

/** Runs `apply` only when `error` is undefined; returns the error otherwise. */
function unless(error: string | undefined, apply: () => void): string | undefined {
  if (error === undefined) apply();
  return error;
}

/** One setter per field of `agreement set`; each returns an error sentence or undefined. */
const SETTERS: Record<string, Setter> = {
  "reply.supervisor": (t, v) =>
    unless(checkDuration(v), () => {
      t.replyWithin.supervisor = v.trim();
    }),
  "reply.intern": (t, v) =>
    unless(checkDuration(v), () => {
      t.replyWithin.intern = v.trim();
    }),
  "checkin.at": (t, v) =>
    unless(
      TIME.test(v.trim()) ? undefined : `"${v}" is not a time; write it like 09:30 (24-hour clock).`,
      () => {
        t.checkIn.at = v.trim();
      },
    ),
  "checkin.days": (t, v) =>
    unless(checkDays(v), () => {
      t.checkIn.days = v.trim();
    }),
  sync: (t, v) => {
    const cadence = v.trim().toLowerCase();
    const known = (SYNC_CADENCES as readonly string[]).includes(cadence);
    return unless(
      known ? undefined : `"${v}" is not a meeting cadence; use one of ${SYNC_CADENCES.join(", ")}.`,
      () => {
        t.syncMeeting = cadence as SyncCadence;
      },
    );
  },
  "intro.target": (t, v) =>
    setCount(v, 0, 50, (n) => {
      t.introductions.target = n;
    }),
  "intro.departments": (t, v) =>
    setCount(v, 0, 20, (n) => {
      t.introductions.departments = n;
    }),
  "intro.weeks": (t, v) =>
    setCount(v, 1, 104, (n) => {
      t.introductions.withinWeeks = n;
    }),
  tools: (t, v) => {
    const tools = v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = tools.length > 20 || tools.some((tool) => tool.length > 40);
    return unless(
      bad
        ? "List at most 20 tools of up to 40 characters, separated by commas, e.g. Slack, Zoom."
        : undefined,
      () => {
        t.tools = tools;
      },
    );
  },
};

function setCount(value: string, min: number, max: number, apply: (n: number) => void): string | undefined {
  const n = wholeNumber(value, min, max);
  if (n === undefined) return `"${value}" must be a whole number from ${min} to ${max}.`;
  apply(n);
  return undefined;
}

export const AGREEMENT_FIELDS = Object.keys(SETTERS);

export function cloneTerms(terms: AgreementTerms): AgreementTerms {
  return structuredClone(terms);
}

/** Returns the new terms, or the error to show; the input is never modified. */
export function setTerm(
  terms: AgreementTerms,
  field: string,
  value: string,
): { ok: true; terms: AgreementTerms } | { ok: false; error: string } {
  const setter = SETTERS[field.toLowerCase()];
  if (!setter) {
    return {
      ok: false,
      error: `"${field}" is not an agreement field. Fields: ${AGREEMENT_FIELDS.join(", ")}.`,
    };
  }
  const next = cloneTerms(terms);
  const error = setter(next, value);
  return error ? { ok: false, error: `${field}: ${error}` } : { ok: true, terms: next };
}

/** Terms as a programme file may give them: any part left out takes its default. */
export interface PartialTerms {
  replyWithin?: Partial<AgreementTerms["replyWithin"]> | undefined;
  checkIn?: Partial<AgreementTerms["checkIn"]> | undefined;
  syncMeeting?: SyncCadence | undefined;
  introductions?: Partial<AgreementTerms["introductions"]> | undefined;
  tools?: string[] | undefined;
}

function defined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Completes partial terms from a programme file with the defaults. */
export function withDefaults(partial: PartialTerms | undefined): AgreementTerms {
  const d = DEFAULT_TERMS;
  return {
    replyWithin: { ...d.replyWithin, ...defined(partial?.replyWithin) },
    checkIn: { ...d.checkIn, ...defined(partial?.checkIn) },
    syncMeeting: partial?.syncMeeting ?? d.syncMeeting,
    introductions: { ...d.introductions, ...defined(partial?.introductions) },
    tools: partial?.tools ? [...partial.tools] : [...d.tools],
  };
}

/** Field errors of a whole terms object, for the programme importer. */
export function termsErrors(terms: AgreementTerms): { field: string; error: string }[] {
  const errors: { field: string; error: string }[] = [];
  const check = (field: string, value: string) => {
    const result = setTerm(terms, field, value);
    if (!result.ok) errors.push({ field, error: result.error.slice(field.length + 2) });
  };
  check("reply.supervisor", terms.replyWithin.supervisor);
  check("reply.intern", terms.replyWithin.intern);
  check("checkin.at", terms.checkIn.at);
  check("checkin.days", terms.checkIn.days);
  check("sync", terms.syncMeeting);
  check("intro.target", String(terms.introductions.target));
  check("intro.departments", String(terms.introductions.departments));
  check("intro.weeks", String(terms.introductions.withinWeeks));
  return errors;
}

/** Stable JSON for comparing versions: same terms, same text. */
export function termsKey(terms: AgreementTerms): string {
  return JSON.stringify(withDefaults(terms));
}

export function describeTerms(terms: AgreementTerms): string[] {
  const intro = terms.introductions;
  return [
    `Reply within: supervisor ${terms.replyWithin.supervisor}, intern ${terms.replyWithin.intern} (working time of whoever replies)`,
    `Check-in: ${terms.checkIn.at} on ${terms.checkIn.days}, intern's local time`,
    `Sync meeting: ${terms.syncMeeting}`,
    `Introductions: ${intro.target} colleagues from at least ${intro.departments} departments within ${intro.withinWeeks} weeks`,
    `Tools: ${terms.tools.length > 0 ? terms.tools.join(", ") : "none agreed yet"}`,
  ];
}
