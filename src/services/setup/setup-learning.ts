/**
 * The learning agreement's part of set-up: read from the form against what the internship has (an outcome
 * milestones serve cannot be dropped, as with `agreement outcome remove`), and saved as its next version.
 */

import type { SetupFormValue } from "../../domain/internship-setup.js";
import { type LearningAgreement, sameLearningAgreement } from "../../domain/learning-agreement.js";
import { err, type Result } from "../../domain/result.js";
import { readLearningAnswers } from "../../domain/setup-learning.js";
import type { Internship, LocalDate } from "../../domain/types.js";
import type { Store } from "../../ports/store.js";

type FieldErrors = Record<string, string>;

/** Outcome key -> the milestones serving it (`#3 "Survey"`). */
async function servedBy(store: Store, internshipId: number): Promise<Map<string, string[]>> {
  const links = await store.learning.outcomesOfMilestones(internshipId);
  const served = new Map<string, string[]>();
  for (const m of await store.milestones.listFor(internshipId)) {
    for (const key of links.get(m.id) ?? [])
      served.set(key, [...(served.get(key) ?? []), `#${m.id} "${m.title.slice(0, 60)}"`]);
  }
  return served;
}

export async function readSetupLearning(
  store: Store,
  edited: Internship | undefined,
  form: Record<string, string>,
  value: SetupFormValue,
  /** The rest of the form as read: its dates bound the evaluation dates when they are right. */
  answers: Result<{ start: LocalDate; end: LocalDate }, unknown>,
): Promise<Result<LearningAgreement | undefined, FieldErrors>> {
  const period = answers.ok ? answers.value : undefined;
  const kept = edited ? await store.learning.get(edited.id) : undefined;
  const read = readLearningAnswers(form, kept, value.outcomesHidden !== true, period);
  if (!read.ok || !read.value || !edited || !kept) return read;
  const now = new Set(read.value.outcomes.map((o) => o.key));
  const served = await servedBy(store, edited.id);
  const dropped = kept.outcomes.filter((o) => !now.has(o.key) && served.has(o.key));
  if (dropped.length === 0) return read;
  const named = dropped.map((o) => `${o.key} (served by ${served.get(o.key)!.join(", ")})`).join("; ");
  return err({
    outcomes: `Milestones serve ${named}: keep ${dropped.length === 1 ? "its line" : "their lines"} (the words after the colon may change), or link the milestones elsewhere first.`,
  });
}

/**
 * Saves the agreement as the internship's next version when it changed; outcomes milestones serve are
 * kept even if the form left them out (set up again without "for @intern"). The version, or undefined.
 */
export async function saveSetupLearning(
  store: Store,
  workspaceId: number,
  internshipId: number,
  learning: LearningAgreement,
  adminId: number | undefined,
  at: Date,
): Promise<number | undefined> {
  const stored = await store.learning.get(internshipId);
  const served = await servedBy(store, internshipId);
  const missing = (stored?.outcomes ?? []).filter(
    (o) => served.has(o.key) && !learning.outcomes.some((n) => n.key === o.key),
  );
  const agreement = missing.length ? { ...learning, outcomes: [...learning.outcomes, ...missing] } : learning;
  if (sameLearningAgreement(stored, agreement)) return undefined;
  return await store.learning.put(workspaceId, internshipId, agreement, at, {
    what: "set-up",
    ...(adminId !== undefined ? { by: adminId } : {}),
  });
}
