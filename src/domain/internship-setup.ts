/**
 * The set-up form (`setup`): who takes part in an internship, where, when, and the agreement's main
 * terms, with their defaults shown; and its answers read back into checked values. Pure: the platform's
 * checks (do these people exist, is Tandem in the channel) are the service's (services/setup/).
 */
import { setTerm } from "./agreement.js";
import { SYNC_CADENCES } from "./agreement-options.js";
import type { AgreementTerms } from "./agreement-terms.js";
import type { LearningAgreement } from "./learning-agreement.js";
import { addDays, parseLocalDate, weekdayOf } from "./local-date.js";
import type { FormField, OutboundForm } from "./messages.js";
import { isEmail } from "./platform-ids.js";
import { err, ok, type Result } from "./result.js";
import { learningFields } from "./setup-learning.js";
import type { LocalDate, Platform } from "./types.js";

export const SETUP_ACTION = "setup.submit";

/** The people an internship names, as the form's field ids. */
export const SETUP_ROLES = ["intern", "supervisor", "backup", "coordinator"] as const;
export type SetupRole = (typeof SETUP_ROLES)[number];

/** The agreement terms the form asks for, by field id, with the `agreement set` name that checks each. */
const TERM_FIELDS = [
  {
    id: "checkinAt",
    term: "checkin.at",
    label: "Daily check-in at",
    hint: "HH:MM in the intern's time zone",
  },
  { id: "checkinDays", term: "checkin.days", label: "Check-in days", hint: "e.g. Mon-Fri or Mon,Wed,Fri" },
  {
    id: "replySupervisor",
    term: "reply.supervisor",
    label: "Supervisor replies within",
    hint: "in the supervisor's working time, e.g. 8h or 1d (1h to 5d)",
  },
  {
    id: "replyIntern",
    term: "reply.intern",
    label: "Intern replies within",
    hint: "in the intern's working time, e.g. 4h",
  },
  { id: "sync", term: "sync", label: "Live meeting of intern and supervisor", hint: undefined },
] as const;

/** Someone already chosen, shown by name in the pickers. */
export interface SetupPerson {
  id: string;
  name: string;
}

/** What an existing internship holds, to edit it. */
export interface SetupCurrent {
  key: string;
  intern: SetupPerson;
  supervisor: SetupPerson;
  backup?: SetupPerson;
  coordinator?: SetupPerson;
  /** A coordinator outside the workspace, reached by e-mail. */
  coordinatorEmail?: string;
  home?: string;
  start: LocalDate;
  end: LocalDate;
  terms: AgreementTerms;
  learning?: LearningAgreement;
}

/** What travels in the form's value: the internship edited, and (Teams) the home where it was typed. */
export interface SetupFormValue {
  edit?: string;
  home?: string;
  /** The outcomes were too long for the form: they stay as they are (see setup-learning.ts). */
  outcomesHidden?: true;
}

export interface SetupFormInput {
  platform: Platform;
  today: LocalDate;
  /** The terms a new internship starts with (the defaults). */
  defaults: AgreementTerms;
  /** Teams has no channel picker: the channel where `setup` was typed is the home channel. */
  typedIn?: string;
  current?: SetupCurrent;
}

/** The next Monday (today when it is one): a new internship's proposed first day. */
export function proposedStart(today: LocalDate): LocalDate {
  const weekday = weekdayOf(today);
  return weekday === 1 ? today : addDays(today, 8 - weekday);
}

/** Twelve weeks, ending on a Friday. */
export function proposedEnd(start: LocalDate): LocalDate {
  return addDays(start, 7 * 12 - 3);
}

const person = (
  id: SetupRole,
  label: string,
  chosen: SetupPerson | undefined,
  optional: boolean,
): FormField => ({
  id,
  label,
  kind: "user",
  ...(optional ? { optional } : {}),
  ...(chosen ? { initial: chosen.id, choices: [{ value: chosen.id, label: chosen.name }] } : {}),
});

export function setupForm(input: SetupFormInput): OutboundForm {
  const { current, platform } = input;
  const terms = current?.terms ?? input.defaults;
  const start = current?.start ?? proposedStart(input.today);
  const value: SetupFormValue = {
    ...(current ? { edit: current.key } : {}),
    // Typed in a chat, an edit keeps the home it had.
    ...(platform === "teams" && (input.typedIn ?? current?.home)
      ? { home: input.typedIn ?? current?.home }
      : {}),
  };
  const fields: FormField[] = [
    person("intern", "Intern", current?.intern, false),
    person("supervisor", "Supervisor", current?.supervisor, false),
    {
      ...person("backup", "Backup supervisor", current?.backup, true),
      hint: "answers for the supervisor on leave",
    },
    {
      ...person("coordinator", "University coordinator", current?.coordinator, true),
      hint: "receives the weekly digest",
    },
    {
      id: "coordinatorEmail",
      label: "Or the coordinator's e-mail",
      kind: "text",
      optional: true,
      maxLength: 254,
      ...(current?.coordinatorEmail ? { initial: current.coordinatorEmail } : {}),
      hint: "for a coordinator outside this workspace: Tandem writes to them by e-mail",
    },
  ];
  // Teams: the home channel is where the command was typed (see the form's intro).
  if (platform !== "teams") {
    fields.push({
      id: "home",
      label: "Home channel",
      kind: "channel",
      optional: true,
      ...(current?.home ? { initial: current.home } : {}),
      hint: "where intern and supervisor talk; Tandem must be a member",
    });
  }
  fields.push(
    { id: "start", label: "First day", kind: "date", initial: start },
    { id: "end", label: "Last day", kind: "date", initial: current?.end ?? proposedEnd(start) },
  );
  for (const t of TERM_FIELDS) {
    const initial =
      t.id === "checkinAt"
        ? terms.checkIn.at
        : t.id === "checkinDays"
          ? terms.checkIn.days
          : t.id === "replySupervisor"
            ? terms.replyWithin.supervisor
            : t.id === "replyIntern"
              ? terms.replyWithin.intern
              : terms.syncMeeting;
    fields.push(
      t.id === "sync"
        ? {
            id: t.id,
            label: t.label,
            kind: "choice",
            initial,
            choices: SYNC_CADENCES.map((c) => ({ value: c, label: c === "none" ? "No fixed meeting" : c })),
          }
        : { id: t.id, label: t.label, kind: "text", initial, maxLength: 40, hint: t.hint },
    );
  }
  const learning = learningFields(current?.learning);
  fields.push(...learning.fields);
  if (!learning.outcomesShown) value.outcomesHidden = true;
  return {
    action: SETUP_ACTION,
    value: JSON.stringify(value),
    title: current ? "Edit internship" : "Set up an internship",
    submitLabel: "Save",
    fields,
  };
}

/** The form's value, or nothing usable when it was forged or damaged. */
export function readSetupValue(value: string): SetupFormValue {
  try {
    const parsed = JSON.parse(value) as Record<string, unknown> | null;
    const text = (v: unknown) =>
      typeof v === "string" && v.trim() && v.length <= 512 ? v.trim() : undefined;
    const edit = text(parsed?.edit);
    const home = text(parsed?.home);
    return {
      ...(edit ? { edit } : {}),
      ...(home ? { home } : {}),
      ...(parsed?.outcomesHidden === true ? { outcomesHidden: true as const } : {}),
    };
  } catch {
    return {};
  }
}

/** The answers, checked: platform user ids, dates and the terms they make. */
export interface SetupAnswers {
  people: { role: SetupRole; id: string }[];
  /** The coordinator's address when they are not picked from the workspace. */
  coordinatorEmail?: string;
  home?: string;
  start: LocalDate;
  end: LocalDate;
  terms: AgreementTerms;
}

/** Field id -> what is wrong with it, in words that say what to do. */
export type FieldErrors = Record<string, string>;

const ROLE_NAMES: Record<SetupRole, string> = {
  intern: "the intern",
  supervisor: "the supervisor",
  backup: "the backup supervisor",
  coordinator: "the coordinator",
};

/** A typed or picked person: an id, or in the console a key, with or without "@". */
const userId = (raw: string | undefined) => raw?.trim().replace(/^@/, "") || undefined;

/**
 * Reads a submitted set-up form. `base` is the terms the internship has (or the defaults): the form's
 * terms are written over them, so terms the form does not show keep their value.
 */
export function readSetupAnswers(
  form: Record<string, string>,
  base: AgreementTerms,
  home: string | undefined,
): Result<SetupAnswers, FieldErrors> {
  const errors: FieldErrors = {};
  const people: SetupAnswers["people"] = [];
  for (const role of SETUP_ROLES) {
    const id = userId(form[role]);
    if (!id) {
      if (role === "intern" || role === "supervisor") errors[role] = `Choose ${ROLE_NAMES[role]}.`;
      continue;
    }
    const same = people.find((p) => p.id === id);
    if (same) errors[role] = `${ROLE_NAMES[same.role]} is already this person; choose someone else.`;
    else people.push({ role, id });
  }
  const coordinatorEmail = form.coordinatorEmail?.trim().toLowerCase() || undefined;
  if (coordinatorEmail && !isEmail(coordinatorEmail))
    errors.coordinatorEmail = "Give an e-mail address, e.g. lena.vogel@uni.example, or leave it empty.";
  else if (coordinatorEmail && people.some((p) => p.role === "coordinator"))
    errors.coordinatorEmail = "Choose the coordinator above or give their e-mail, not both.";
  const start = parseLocalDate(form.start?.trim() ?? "");
  const end = parseLocalDate(form.end?.trim() ?? "");
  if (!start) errors.start = "Give the first day as a date, e.g. 2026-12-07.";
  if (!end) errors.end = "Give the last day as a date, e.g. 2027-02-26.";
  if (start && end && end < start) errors.end = "The last day comes before the first day.";
  let terms = base;
  for (const t of TERM_FIELDS) {
    const raw = form[t.id]?.trim();
    if (!raw) {
      errors[t.id] = `Give ${t.label.toLowerCase()}${t.hint ? ` (${t.hint})` : ""}.`;
      continue;
    }
    const next = setTerm(terms, t.term, raw);
    if (next.ok) terms = next.value;
    else errors[t.id] = next.error.replace(/^[\w.]+: /, "");
  }
  const chosenHome = form.home?.trim() || home;
  if (Object.keys(errors).length > 0) return err(errors);
  return ok({
    people,
    ...(coordinatorEmail ? { coordinatorEmail } : {}),
    ...(chosenHome ? { home: chosenHome } : {}),
    start: start!,
    end: end!,
    terms,
  });
}
