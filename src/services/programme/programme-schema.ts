import { z } from "zod";
import {
  REPLY_PLACES,
  REPLY_TRIGGERS,
  SUMMARY_MODES,
  SYNC_CADENCES,
} from "../../domain/agreement-options.js";
import { PLATFORMS } from "../../domain/types.js";
import { learningSchema, plannedMilestoneSchema } from "./learning-schema.js";
import { isoDate } from "./schema-fields.js";

/** The programme file: one workspace's people, internships and agreements (YAML or JSON). */
const key = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    "must be 1-64 letters, digits, dots, dashes or underscores, e.g. intern1",
  );

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "is not an e-mail address, e.g. kenji@example.com");
const userIds = z.partialRecord(
  z.enum(PLATFORMS as ["slack", "teams", "console"]),
  z.string().trim().min(1).max(128),
);

/**
 * A person: name and time zone may be left to the platform (Slack, Teams) when it knows them, country
 * and contact hours are then proposed from the time zone; `email` stands in for a platform id that is
 * not known yet (resolved at import, or when the person first writes to Tandem).
 */
const person = z.strictObject({
  key,
  name: z.string().trim().min(1, "cannot be empty").max(120, "must be at most 120 characters").optional(),
  email: email.optional(),
  ids: userIds.default({}),
  timezone: z.string().trim().min(1, "cannot be empty; e.g. Europe/Brussels").optional(),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .length(2, "must be a two-letter ISO 3166-1 code, e.g. BE")
    .optional(),
  region: z.string().trim().toUpperCase().min(1).max(8).optional(),
  contactHours: z.string().trim().min(1, 'cannot be empty; e.g. "Mon-Fri 09:00-17:00"').optional(),
  department: z.string().trim().min(1).max(80).optional(),
  dailyBudget: z.number().int().min(1, "must be at least 1").max(50, "must be at most 50").optional(),
  languages: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, 'must be language codes, e.g. ["en", "pt"]'),
    )
    .max(10)
    .optional(),
  introCapacity: z.number().int().min(0).max(20, "must be at most 20 introductions a month").optional(),
  leave: z
    .array(z.strictObject({ from: isoDate, to: isoDate }))
    .max(200)
    .default([]),
});

/**
 * A programme admin: besides the workspace's own admins and owners, they may set up internships and
 * choose colleagues in chat. A key in `people`, or someone given as people are, by `email:` or `ids:`
 * (an HR lead need not be in any internship); `name` only labels the entry.
 */
const admin = z.preprocess(
  (value) => (typeof value === "string" ? { key: value } : value),
  z.strictObject({
    key: key.optional(),
    name: z.string().trim().min(1).max(120).optional(),
    email: email.optional(),
    ids: userIds.optional(),
  }),
);

const dayName = z
  .string()
  .trim()
  .min(1, "is required, e.g. Consciência Negra")
  .max(120, "must be at most 120 characters");

/** A public holiday the holiday library misses, for a country or one region of it. */
const holiday = z.strictObject({
  country: z.string().trim().toUpperCase().length(2, "must be a two-letter ISO 3166-1 code, e.g. BR"),
  region: z.string().trim().toUpperCase().min(1).max(8).optional(),
  date: isoDate,
  name: dayName,
});

/** Days the company is closed (inclusive), for everyone in the workspace or only the people listed. */
const closure = z.strictObject({
  from: isoDate,
  to: isoDate,
  name: dayName,
  people: z.array(key).min(1, "lists at least one person; leave it out to close for everyone").optional(),
});

const duration = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const agreement = z.strictObject({
  replyWithin: z.strictObject({ supervisor: duration.optional(), intern: duration.optional() }).optional(),
  replies: z
    .strictObject({
      warnAtPercent: z.number().int().min(10).max(99).optional(),
      escalateAfterPercent: z.number().int().min(10).max(400).optional(),
      where: z.enum(REPLY_PLACES, { error: `must be one of ${REPLY_PLACES.join(", ")}` }).optional(),
      ackReaction: z.string().trim().min(1).max(64).optional(),
      trigger: z.enum(REPLY_TRIGGERS, { error: `must be one of ${REPLY_TRIGGERS.join(", ")}` }).optional(),
      trackReaction: z.string().trim().min(1).max(64).optional(),
    })
    .optional(),
  checkIn: z
    .strictObject({
      at: z.string().trim().optional(),
      days: z.string().trim().optional(),
      reminderAfter: duration.optional(),
      summary: z.enum(SUMMARY_MODES, { error: `must be one of ${SUMMARY_MODES.join(", ")}` }).optional(),
    })
    .optional(),
  milestones: z
    .strictObject({
      remindDaysBefore: z.number().int().min(0).max(20).optional(),
      announceDone: z.boolean().optional(),
    })
    .optional(),
  syncMeeting: z.enum(SYNC_CADENCES, { error: `must be one of ${SYNC_CADENCES.join(", ")}` }).optional(),
  introductions: z
    .strictObject({
      target: z.number().int().min(0).max(50).optional(),
      departments: z.number().int().min(0).max(20).optional(),
      withinWeeks: z.number().int().min(1).max(104).optional(),
    })
    .optional(),
  nudges: z.strictObject({ perWeek: z.number().int().min(0).max(5).optional() }).optional(),
  tools: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
});

const internship = z.strictObject({
  key,
  intern: key,
  supervisor: key,
  backupSupervisor: key.optional(),
  coordinator: key.optional(),
  start: isoDate,
  end: isoDate,
  homeChannel: z.string().trim().min(1).max(256).optional(),
  /** Other conversations whose messages count for the reply-time rules. */
  conversations: z.array(z.string().trim().min(1).max(256)).max(20).optional(),
  agreement: agreement.optional(),
  /** The learning agreement (Erasmus+ Table A): outcomes, evaluation criteria and dates, language. */
  learning: learningSchema.optional(),
  /** Milestones planned from the start; after the import they live in chat (moved, done, accepted). */
  milestones: z.array(plannedMilestoneSchema).max(100).optional(),
});

export const programmeSchema = z.strictObject({
  workspace: z.strictObject({
    platform: z.enum(PLATFORMS as ["slack", "teams", "console"], {
      error: "must be slack, teams or console",
    }),
    id: z.string().trim().min(1, "is required: the Slack team id, Teams tenant id, or any name for console"),
    name: z.string().trim().max(120).optional(),
  }),
  people: z.array(person).min(1, "must list at least one person"),
  holidays: z.array(holiday).max(500).optional(),
  closures: z.array(closure).max(200).optional(),
  colleagues: z.array(key).default([]),
  admins: z.array(admin).max(100, "lists at most 100 programme admins").default([]),
  internships: z.array(internship).default([]),
});

export type Programme = z.output<typeof programmeSchema>;
export type ProgrammeInput = z.input<typeof programmeSchema>;
/** A person as the file gives them: some fields may still come from the platform. */
export type ProgrammePerson = Programme["people"][number];
/** A person with everything Tandem stores filled in, from the file, the platform or the defaults. */
export type CompletePerson = ProgrammePerson & {
  name: string;
  timezone: string;
  country: string;
  contactHours: string;
};
export type CompleteProgramme = Omit<Programme, "people"> & { people: CompletePerson[] };
export type ProgrammeInternship = Programme["internships"][number];
export type ProgrammeHoliday = NonNullable<Programme["holidays"]>[number];
export type ProgrammeClosure = NonNullable<Programme["closures"]>[number];
export type ProgrammeAdmin = Programme["admins"][number];
