/** The words an import answers with, the same from `tandem import` and from a file sent in chat. */
import type { ImportSummary } from "./import-programme.js";

export function importedLine(s: ImportSummary, file: string): string {
  return `imported ${file} into ${s.workspace}: people ${s.people.created} new, ${s.people.updated} updated, ${s.people.unchanged} unchanged; internships ${s.internships.created} new, ${s.internships.updated} updated, ${s.internships.unchanged} unchanged; agreements ${s.agreements.versioned} new versions, ${s.agreements.unchanged} unchanged; days off ${s.daysOff.holidays} added holidays, ${s.daysOff.closures} closures${s.daysOff.changed ? " (changed)" : ""}${learningPart(s.learning)}${adminsPart(s.admins)}\n`;
}

function learningPart(l: ImportSummary["learning"]): string {
  return l.updated || l.milestonesAdded
    ? `; learning agreements ${l.updated} updated, ${l.milestonesAdded} planned milestones added`
    : "";
}

function adminsPart(a: ImportSummary["admins"]): string {
  return a.listed > 0 ? `; programme admins ${a.added} new, ${a.listed - a.added} unchanged` : "";
}

/** What the platform said and what was proposed, for the admin to confirm or fix. */
export function importReport(r: ImportSummary["report"], platform: string): string {
  const block = (title: string, lines: string[]) =>
    lines.length ? `${title}:\n${lines.map((l) => `  ${l}`).join("\n")}\n` : "";
  const unchecked =
    !r.checkedWith && (platform === "slack" || platform === "teams")
      ? `${platform} was not asked (PLATFORMS does not include it here): ids were checked for their shape only\n`
      : "";
  return (
    block("to confirm", r.notes) +
    block("to fix", r.warnings) +
    (r.pending.length ? `pending until they first write to Tandem: ${r.pending.join(", ")}\n` : "") +
    unchecked
  );
}

/** What the file no longer lists: ended and removed with --apply, otherwise how to apply it. */
export function pruneReport(p: ImportSummary["pruning"], file: string, apply: string): string {
  if (p.internships.length === 0 && p.roles.length === 0) return "";
  const lines = [
    ...p.internships.map((key) => `  internship ${key} (ends today)`),
    ...p.roles.map((role) => `  role ${role}`),
  ];
  return p.applied
    ? `ended and removed, no longer in ${file}:\n${lines.join("\n")}\n`
    : `not in ${file} any more, still running (nothing was ended):\n${lines.join("\n")}\nto end these internships and remove these roles: ${apply}\n`;
}
