/** The learning agreement in `agreement show` and the answers to its changes in chat. */
import { neutralizeMentions as safe } from "../escape.js";
import { formatDate } from "../format.js";
import type { EvaluationDates, LearningAgreement } from "../learning-agreement.js";
import type { OutboundMessage } from "../messages.js";
import { truncateText } from "../text-cut.js";
import type { LocalDate } from "../types.js";

const names = (people: readonly string[]) => people.map(safe).join(", ");

export const learningAgreementCopy = {
  /** The block `agreement show` starts with. */
  section: (
    a: LearningAgreement | undefined,
    version: { version: number; on: LocalDate; by?: string; change: string } | undefined,
    dates: EvaluationDates,
    intern: string,
  ): string[] => {
    const whose = `Learning agreement for ${safe(intern)}`;
    if (!a)
      return [
        `${whose}: none yet. The supervisor or the coordinator adds its parts here (e.g. agreement outcome add market-research Plan and run a small market study; "help agreement" lists them all) or in the programme file.`,
      ];
    const heading = version
      ? `${whose}, version ${version.version} (since ${formatDate(version.on)}${version.by ? `, by ${safe(version.by)}` : ""}: ${safe(truncateText(version.change, 120))}):`
      : `${whose}:`;
    const outcomes = a.outcomes.length
      ? a.outcomes.map((o) => `${o.key} (${safe(truncateText(o.description, 120))})`).join("; ")
      : 'none yet ("agreement outcome add <key> <description>")';
    return [
      heading,
      `• Traineeship: ${a.title ? safe(a.title) : "no title yet"}${a.hoursPerWeek ? `, ${a.hoursPerWeek} hours a week` : ", hours a week not set"}`,
      `• Expected learning outcomes: ${outcomes}`,
      `• Evaluated on: ${a.criteria.map((c) => safe(c.name)).join(", ")}`,
      `• Evaluations: mid-term ${formatDate(dates.midterm)}${a.midterm ? "" : " (half time)"}, final ${formatDate(dates.final)}${a.final ? "" : " (last week)"}`,
      `• Working language: ${a.language ? `${a.language.code}${a.language.level ? `, the intern's level ${a.language.level}` : ""}` : "not set"}`,
    ];
  },
  monitoringPlan: () => "Monitoring plan (how the internship is followed: the working agreement's terms):",

  onlyEditors: (supervisor: string) =>
    `Only the supervisor, the backup, the coordinator and programme admins change the learning agreement; ${safe(supervisor)} can make the change. You can read it with "agreement show".`,
  refused: (error: string) => safe(error),
  outcomeServed: (key: string, milestones: readonly string[]) =>
    `Outcome ${key} cannot be removed: ${milestones.length === 1 ? "milestone" : "milestones"} ${milestones.join(", ")} ${milestones.length === 1 ? "serves" : "serve"} it. Remove it once no milestone serves it, or rename it instead (agreement outcome rename ${key} <description>). Nothing was changed.`,
  changed: (intern: string, version: number, change: string, told: readonly string[]) =>
    `The learning agreement for ${safe(intern)} is now version ${version}: ${safe(change)}.${told.length ? ` ${names(told)} ${told.length === 1 ? "is" : "are"} told.` : ""}`,
  changedMessage: (by: string, intern: string, version: number, change: string): OutboundMessage => ({
    text: `${safe(by)} changed the learning agreement for ${safe(intern)}: ${safe(change)} (version ${version}). Type "agreement show" to read it all.`,
    reason:
      "You are part of this internship, and the learning agreement says what it is meant to teach and how it is evaluated.",
  }),
};
