/**
 * Changes to the learning agreement made in chat (`agreement title`, `agreement outcome add`, ...): each
 * takes the agreement as it is and gives the new one with a short description of the change, or says
 * which field is wrong and what to type instead. The limits are the programme file's (learning-schema.ts).
 */
import {
  criterionKey,
  DEFAULT_CRITERIA,
  type EvaluationCriterion,
  evaluationDates,
  LANGUAGE_LEVELS,
  type LanguageLevel,
  type LearningAgreement,
  MAX_CRITERIA,
  MAX_OUTCOMES,
  OUTCOME_KEY,
} from "./learning-agreement.js";
import { err, ok, type Result } from "./result.js";
import type { LocalDate } from "./types.js";

export const MAX_LEARNING_TITLE = 200;
export const MAX_OUTCOME_DESCRIPTION = 300;
export const MAX_OUTCOME_KEY = 40;
export const MAX_CRITERION_NAME = 60;
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

/** What changes: the agreement after it, and what to tell people (`title "Market analyst"`). */
export type LearningChange = Result<{ agreement: LearningAgreement; change: string }>;

/** An internship without a learning agreement starts from an empty one with the default criteria. */
export function emptyLearningAgreement(): LearningAgreement {
  return { outcomes: [], criteria: [...DEFAULT_CRITERIA] };
}

const length = (text: string) => [...text].length;

export function setLearningTitle(a: LearningAgreement, title: string): LearningChange {
  const clean = title.replace(/\s+/g, " ").trim();
  if (!clean) return err('The title cannot be empty, e.g. agreement title "Market research assistant".');
  if (length(clean) > MAX_LEARNING_TITLE)
    return err(
      `The title can have at most ${MAX_LEARNING_TITLE} characters; yours has ${length(clean)}. Shorten it.`,
    );
  if (a.title === clean) return err(`The title is already "${clean}"; nothing changed.`);
  return ok({ agreement: { ...a, title: clean }, change: `title "${clean}"` });
}

export function setHoursPerWeek(a: LearningAgreement, hours: number): LearningChange {
  if (!Number.isInteger(hours) || hours < 1 || hours > 60)
    return err("Hours per week must be a whole number from 1 to 60, e.g. agreement hours 30.");
  if (a.hoursPerWeek === hours) return err(`The hours per week are already ${hours}; nothing changed.`);
  return ok({ agreement: { ...a, hoursPerWeek: hours }, change: `${hours} hours a week` });
}

function checkKey(key: string): Result<string> {
  if (!OUTCOME_KEY.test(key) || key.length > MAX_OUTCOME_KEY)
    return err(
      `"${key}" is not an outcome key: keys are lower-case words joined by dashes, at most ${MAX_OUTCOME_KEY} characters, like market-research.`,
    );
  return ok(key);
}

function checkDescription(description: string, example: string): Result<string> {
  const clean = description.replace(/\s+/g, " ").trim();
  if (!clean) return err(`Say what the intern will be able to do after the key, e.g. ${example}.`);
  if (length(clean) > MAX_OUTCOME_DESCRIPTION)
    return err(
      `An outcome's description can have at most ${MAX_OUTCOME_DESCRIPTION} characters; yours has ${length(clean)}. Shorten it.`,
    );
  return ok(clean);
}

const known = (a: LearningAgreement) =>
  a.outcomes.length ? `its outcomes are ${a.outcomes.map((o) => o.key).join(", ")}` : "it lists none yet";

export function addOutcome(a: LearningAgreement, key: string, description: string): LearningChange {
  const k = checkKey(key);
  if (!k.ok) return k;
  if (a.outcomes.some((o) => o.key === key))
    return err(
      `The learning agreement already has an outcome "${key}"; to change its description type: agreement outcome rename ${key} <new description>.`,
    );
  if (a.outcomes.length >= MAX_OUTCOMES)
    return err(
      `The learning agreement lists at most ${MAX_OUTCOMES} outcomes; group the smaller ones or remove one first (agreement outcome remove <key>).`,
    );
  const d = checkDescription(description, `agreement outcome add ${key} Plan and run a small market study`);
  if (!d.ok) return d;
  return ok({
    agreement: { ...a, outcomes: [...a.outcomes, { key, description: d.value }] },
    change: `outcome ${key} added`,
  });
}

export function renameOutcome(a: LearningAgreement, key: string, description: string): LearningChange {
  const found = a.outcomes.find((o) => o.key === key);
  if (!found) return err(`"${key}" is not an outcome of this learning agreement; ${known(a)}.`);
  const d = checkDescription(description, `agreement outcome rename ${key} Run a market study on my own`);
  if (!d.ok) return d;
  if (found.description === d.value) return err(`Outcome ${key} already reads so; nothing changed.`);
  return ok({
    agreement: {
      ...a,
      outcomes: a.outcomes.map((o) => (o.key === key ? { key, description: d.value } : o)),
    },
    change: `outcome ${key} renamed`,
  });
}

/** Milestones serving the outcome keep it: the caller names them and refuses (see removeRefusal). */
export function removeOutcome(a: LearningAgreement, key: string): LearningChange {
  if (!a.outcomes.some((o) => o.key === key))
    return err(`"${key}" is not an outcome of this learning agreement; ${known(a)}.`);
  return ok({
    agreement: { ...a, outcomes: a.outcomes.filter((o) => o.key !== key) },
    change: `outcome ${key} removed`,
  });
}

/** `default` or a list of names: the criteria the intern is evaluated on, replacing the list. */
export function setCriteria(a: LearningAgreement, names: readonly string[] | "default"): LearningChange {
  let criteria: EvaluationCriterion[];
  if (names === "default") {
    criteria = [...DEFAULT_CRITERIA];
  } else {
    if (names.length === 0)
      return err(
        'Name the criteria separated by commas, e.g. agreement criteria Teamwork, Initiative, Communication; or "agreement criteria default" for the Erasmus+ list.',
      );
    if (names.length > MAX_CRITERIA)
      return err(`The learning agreement lists at most ${MAX_CRITERIA} criteria; you named ${names.length}.`);
    criteria = [];
    for (const raw of names) {
      const name = raw.replace(/\s+/g, " ").trim();
      const key = criterionKey(name);
      if (!key) return err(`"${name}" is not a criterion: name it in words, e.g. Teamwork.`);
      if (length(name) > MAX_CRITERION_NAME)
        return err(
          `A criterion's name can have at most ${MAX_CRITERION_NAME} characters: "${name}" is longer.`,
        );
      const twin = criteria.find((c) => c.key === key);
      if (twin) return err(`"${name}" is the same criterion as "${twin.name}"; name each one once.`);
      criteria.push({ key, name });
    }
  }
  const same = (x: EvaluationCriterion[]) => JSON.stringify(x.map((c) => [c.key, c.name]));
  if (same(criteria) === same(a.criteria)) return err("The criteria are already these; nothing changed.");
  return ok({
    agreement: { ...a, criteria },
    change:
      names === "default" ? "the default criteria" : `criteria ${criteria.map((c) => c.name).join(", ")}`,
  });
}

export type EvaluationRoundName = "midterm" | "final";

/** An evaluation date, or its default (undefined: mid-term at half time, final in the last week). */
export function setEvaluationDate(
  a: LearningAgreement,
  internship: { start: LocalDate; end: LocalDate },
  round: EvaluationRoundName,
  date: LocalDate | undefined,
): LearningChange {
  const label = round === "midterm" ? "mid-term" : "final";
  if (date !== undefined && (date < internship.start || date > internship.end))
    return err(
      `The ${label} evaluation must fall within the internship (${internship.start} to ${internship.end}); ${date} does not.`,
    );
  if (a[round] === date)
    return err(`The ${label} evaluation is already ${date ?? "at its default date"}; nothing changed.`);
  const next: LearningAgreement = { ...a };
  if (date === undefined) delete next[round];
  else next[round] = date;
  const { midterm, final } = evaluationDates(internship, next);
  if (midterm >= final)
    return err(
      `The mid-term evaluation (${midterm}) must come before the final one (${final}); pick another date.`,
    );
  return ok({ agreement: next, change: `${label} evaluation ${date ?? "at its default date"}` });
}

/** The main working language (a code like en or pt-br) and, optionally, the intern's CEFR level. */
export function setLanguage(a: LearningAgreement, code: string, level: string | undefined): LearningChange {
  const c = code.toLowerCase();
  if (!LANGUAGE_CODE.test(c))
    return err(
      `"${code}" is not a language code; write one like en or pt-br, e.g. agreement language en B2.`,
    );
  let lvl: LanguageLevel | undefined;
  if (level !== undefined) {
    const wanted = level.toLowerCase() === "native" ? "native" : level.toUpperCase();
    lvl = LANGUAGE_LEVELS.find((l) => l === wanted);
    if (!lvl)
      return err(
        `"${level}" is not a language level; the intern's level is one of ${LANGUAGE_LEVELS.join(", ")} (CEFR levels).`,
      );
  }
  if (a.language?.code === c && a.language.level === lvl)
    return err(`The working language is already ${c}${lvl ? ` (${lvl})` : ""}; nothing changed.`);
  const language: LearningAgreement["language"] = lvl ? { code: c, level: lvl } : { code: c };
  return ok({
    agreement: { ...a, language },
    change: `working language ${c}${lvl ? `, the intern's level ${lvl}` : ""}`,
  });
}
