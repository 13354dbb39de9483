/**
 * The learning agreement's part of the set-up form, all of it optional: the traineeship's title and hours,
 * the expected outcomes (one a line, `key: description`), the criteria (left empty: the Erasmus+ list),
 * the evaluation dates (left empty: half time and the last week) and the working language with the
 * intern's level. Every field fits Slack's and Teams' input limits (3,000 characters a text input).
 */

import {
  criterionKey,
  DEFAULT_CRITERIA,
  type EvaluationCriterion,
  evaluationDates,
  LANGUAGE_LEVELS,
  type LearningAgreement,
  type LearningOutcome,
  MAX_CRITERIA,
  MAX_OUTCOMES,
  OUTCOME_KEY,
} from "./learning-agreement.js";
import {
  LANGUAGE_CODE,
  MAX_CRITERION_NAME,
  MAX_LEARNING_TITLE,
  MAX_OUTCOME_DESCRIPTION,
  MAX_OUTCOME_KEY,
} from "./learning-changes.js";
import { parseLocalDate } from "./local-date.js";
import type { FormField } from "./messages.js";
import { err, ok, type Result } from "./result.js";
import type { LocalDate } from "./types.js";

/** The most a platform's text input holds (Slack's plain_text_input; Teams takes more). */
export const SETUP_TEXT_MAX = 3000;

export const LEARNING_FIELD_LABELS = {
  learningTitle: "Traineeship title",
  hoursPerWeek: "Hours per week",
  outcomes: "Expected learning outcomes",
  criteria: "Evaluation criteria",
  midterm: "Mid-term evaluation",
  final: "Final evaluation",
  language: "Working language and level",
} as const;

const outcomeLines = (outcomes: readonly LearningOutcome[]) =>
  outcomes.map((o) => `${o.key}: ${o.description}`).join("\n");

const isDefault = (criteria: readonly EvaluationCriterion[]) =>
  JSON.stringify(criteria) === JSON.stringify(DEFAULT_CRITERIA);

/**
 * The fields, filled in with the agreement being edited. Outcomes too long for one input are left out of
 * the form (`outcomesShown` false): they stay as they are, and `agreement outcome ...` changes them.
 */
export function learningFields(current: LearningAgreement | undefined): {
  fields: FormField[];
  outcomesShown: boolean;
} {
  const lines = outcomeLines(current?.outcomes ?? []);
  const outcomesShown = lines.length <= SETUP_TEXT_MAX;
  const text = (
    id: keyof typeof LEARNING_FIELD_LABELS,
    maxLength: number,
    hint: string,
    initial: string | undefined,
    multiline = false,
  ): FormField => ({
    id,
    label: LEARNING_FIELD_LABELS[id],
    kind: "text",
    optional: true,
    maxLength,
    hint,
    ...(multiline ? { multiline } : {}),
    ...(initial ? { initial } : {}),
  });
  const date = (id: "midterm" | "final", hint: string): FormField => ({
    id,
    label: LEARNING_FIELD_LABELS[id],
    kind: "date",
    optional: true,
    hint,
    ...(current?.[id] ? { initial: current[id] } : {}),
  });
  const fields: FormField[] = [
    text(
      "learningTitle",
      MAX_LEARNING_TITLE,
      "learning agreement (optional), e.g. Market research assistant",
      current?.title,
    ),
    text("hoursPerWeek", 2, "a whole number from 1 to 60", current?.hoursPerWeek?.toString()),
  ];
  if (outcomesShown)
    fields.push(
      text(
        "outcomes",
        SETUP_TEXT_MAX,
        "one a line, a key and what the intern will be able to do, e.g. market-research: Plan and run a small market study",
        lines,
        true,
      ),
    );
  fields.push(
    text(
      "criteria",
      1000,
      "separated by commas; left empty: analytical skills, initiative, adaptability, communication, teamwork, decision-making, ICT skills, foreign languages, intercultural awareness",
      current && !isDefault(current.criteria) ? current.criteria.map((c) => c.name).join(", ") : undefined,
      true,
    ),
    date("midterm", "left empty: half time"),
    date("final", "left empty: the last week"),
    text(
      "language",
      20,
      `a language code and the intern's level (${LANGUAGE_LEVELS.join(", ")}), e.g. en B2`,
      current?.language
        ? `${current.language.code}${current.language.level ? ` ${current.language.level}` : ""}`
        : undefined,
    ),
  );
  return { fields, outcomesShown };
}

type FieldErrors = Record<string, string>;

function readOutcomes(text: string, errors: FieldErrors): LearningOutcome[] {
  const outcomes: LearningOutcome[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    const key = (colon === -1 ? line : line.slice(0, colon)).trim().toLowerCase();
    const description =
      colon === -1
        ? ""
        : line
            .slice(colon + 1)
            .replace(/\s+/g, " ")
            .trim();
    const where = `Line ${i + 1}`;
    if (!OUTCOME_KEY.test(key) || key.length > MAX_OUTCOME_KEY)
      errors.outcomes = `${where}: "${key.slice(0, 40)}" is not an outcome key; write lower-case words joined by dashes, then a colon and the description, e.g. market-research: Plan and run a small market study.`;
    else if (!description)
      errors.outcomes = `${where}: say what the intern will be able to do after "${key}:", e.g. ${key}: Plan and run a small market study.`;
    else if ([...description].length > MAX_OUTCOME_DESCRIPTION)
      errors.outcomes = `${where}: the description of ${key} has more than ${MAX_OUTCOME_DESCRIPTION} characters; shorten it.`;
    else if (outcomes.some((o) => o.key === key))
      errors.outcomes = `${where}: "${key}" is used twice; give every outcome its own key.`;
    else outcomes.push({ key, description });
    if (errors.outcomes) return [];
  }
  if (outcomes.length > MAX_OUTCOMES) {
    errors.outcomes = `At most ${MAX_OUTCOMES} outcomes (there are ${outcomes.length}); group the smaller ones.`;
    return [];
  }
  return outcomes;
}

function readCriteria(text: string, errors: FieldErrors): EvaluationCriterion[] {
  const names = text
    .split(/[,;\n]/)
    .map((n) => n.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (names.length === 0) return [...DEFAULT_CRITERIA];
  if (names.length > MAX_CRITERIA) {
    errors.criteria = `At most ${MAX_CRITERIA} criteria (there are ${names.length}).`;
    return [];
  }
  const criteria: EvaluationCriterion[] = [];
  for (const name of names) {
    const key = criterionKey(name);
    const twin = criteria.find((c) => c.key === key);
    if (!key) errors.criteria = `"${name.slice(0, 40)}" is not a criterion: name it in words, e.g. Teamwork.`;
    else if ([...name].length > MAX_CRITERION_NAME)
      errors.criteria = `A criterion's name has at most ${MAX_CRITERION_NAME} characters: "${name.slice(0, 40)}…" is longer.`;
    else if (twin) errors.criteria = `"${name}" is the same criterion as "${twin.name}"; name each one once.`;
    else criteria.push({ key, name });
    if (errors.criteria) return [];
  }
  return criteria;
}

/**
 * The learning agreement the form describes, or undefined when it says nothing of one (every field empty
 * and none stored). `kept` is the stored agreement whose outcomes stay when the form did not show them.
 */
export function readLearningAnswers(
  form: Record<string, string>,
  kept: LearningAgreement | undefined,
  outcomesShown: boolean,
  period: { start: LocalDate; end: LocalDate } | undefined,
): Result<LearningAgreement | undefined, FieldErrors> {
  const value = (id: keyof typeof LEARNING_FIELD_LABELS) => form[id]?.trim() ?? "";
  const ids = Object.keys(LEARNING_FIELD_LABELS) as (keyof typeof LEARNING_FIELD_LABELS)[];
  if (!kept && ids.every((id) => value(id) === "")) return ok(undefined);
  const errors: FieldErrors = {};
  const agreement: LearningAgreement = {
    outcomes: outcomesShown ? readOutcomes(value("outcomes"), errors) : [...(kept?.outcomes ?? [])],
    criteria: readCriteria(value("criteria"), errors),
  };
  const title = value("learningTitle").replace(/\s+/g, " ");
  if (title) agreement.title = title.slice(0, MAX_LEARNING_TITLE);
  const hours = value("hoursPerWeek");
  if (hours) {
    const n = Number(hours);
    if (!/^\d{1,2}$/.test(hours) || n < 1 || n > 60)
      errors.hoursPerWeek =
        "Give the hours per week as a whole number from 1 to 60, e.g. 30, or leave it empty.";
    else agreement.hoursPerWeek = n;
  }
  for (const round of ["midterm", "final"] as const) {
    const text = value(round);
    if (!text) continue;
    const date = parseLocalDate(text);
    if (!date) errors[round] = "Give a date, e.g. 2027-01-29, or leave it empty for the default.";
    else if (period && (date < period.start || date > period.end))
      errors[round] =
        `Pick a day within the internship (${period.start} to ${period.end}), or leave it empty.`;
    else agreement[round] = date;
  }
  if (period && (agreement.midterm || agreement.final) && !errors.midterm && !errors.final) {
    const { midterm, final } = evaluationDates(period, agreement);
    if (midterm >= final)
      errors.midterm = `The mid-term evaluation (${midterm}) must come before the final one (${final}).`;
  }
  const language = value("language");
  if (language) {
    const [code = "", level, extra] = language.split(/\s+/);
    const wanted = level?.toLowerCase() === "native" ? "native" : level?.toUpperCase();
    const lvl = LANGUAGE_LEVELS.find((l) => l === wanted);
    if (!LANGUAGE_CODE.test(code.toLowerCase()) || extra !== undefined)
      errors.language = "Give a language code and, if you like, the intern's level, e.g. en B2 or pt-br.";
    else if (level !== undefined && !lvl)
      errors.language = `The intern's level is one of ${LANGUAGE_LEVELS.join(", ")} (CEFR levels), e.g. en B2.`;
    else agreement.language = lvl ? { code: code.toLowerCase(), level: lvl } : { code: code.toLowerCase() };
  }
  return Object.keys(errors).length > 0 ? err(errors) : ok(agreement);
}
