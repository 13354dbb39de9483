import { z } from "zod";
import { MAX_TITLE } from "../../domain/command-syntax/milestone-title.js";
import {
  criterionKey,
  LANGUAGE_LEVELS,
  MAX_CRITERIA,
  MAX_OUTCOMES,
  OUTCOME_KEY,
} from "../../domain/learning-agreement.js";
import { isoDate } from "./schema-fields.js";

const outcomeKey = z
  .string()
  .trim()
  .max(40, "must be at most 40 characters")
  .regex(OUTCOME_KEY, "must be lower-case words joined by dashes, e.g. market-research");

/** A programme file's learning agreement for one internship (Erasmus+ Table A). */
export const learningSchema = z.strictObject({
  title: z.string().trim().min(1, "cannot be empty").max(200, "must be at most 200 characters").optional(),
  hoursPerWeek: z
    .number()
    .int("must be a whole number of hours")
    .min(1, "must be at least 1")
    .max(60, "must be at most 60")
    .optional(),
  outcomes: z
    .array(
      z.strictObject({
        key: outcomeKey,
        description: z
          .string()
          .trim()
          .min(1, "cannot be empty: say what the intern will be able to do")
          .max(300, "must be at most 300 characters"),
      }),
    )
    .max(MAX_OUTCOMES, `lists at most ${MAX_OUTCOMES} outcomes; group the smaller ones`)
    .default([]),
  /** Criterion names; left out, the Erasmus+ list. */
  criteria: z
    .array(
      z
        .string()
        .trim()
        .min(1, "cannot be empty")
        .max(60, "must be at most 60 characters")
        .refine((name) => criterionKey(name) !== "", "must contain letters or digits, e.g. Teamwork"),
    )
    .min(1, "lists at least one criterion; leave criteria out for the default list")
    .max(MAX_CRITERIA, `lists at most ${MAX_CRITERIA} criteria`)
    .optional(),
  evaluations: z.strictObject({ midterm: isoDate.optional(), final: isoDate.optional() }).optional(),
  language: z
    .strictObject({
      code: z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, "must be a language code, e.g. en or pt-br"),
      level: z
        .enum(LANGUAGE_LEVELS, { error: `must be one of ${LANGUAGE_LEVELS.join(", ")} (CEFR levels)` })
        .optional(),
    })
    .optional(),
});

/** A milestone the internship starts with, and the outcomes it serves (keys of `learning.outcomes`). */
export const plannedMilestoneSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, "cannot be empty")
    .max(MAX_TITLE, `must be at most ${MAX_TITLE} characters`),
  due: isoDate,
  outcomes: z.array(outcomeKey).max(MAX_OUTCOMES).optional(),
});

export type ProgrammeLearning = z.output<typeof learningSchema>;
export type PlannedMilestone = z.output<typeof plannedMilestoneSchema>;
