import {
  criterionKey,
  DEFAULT_CRITERIA,
  type LearningAgreement,
  sameLearningAgreement,
} from "../../domain/learning-agreement.js";
import type { Store } from "../../ports/store.js";
import type { ProgrammeLearning } from "./learning-schema.js";
import type { ProgrammeInternship } from "./programme-schema.js";

/** The learning agreement a programme file gives, with the default criteria when it names none. */
export function learningFromFile(learning: ProgrammeLearning): LearningAgreement {
  const agreement: LearningAgreement = {
    outcomes: learning.outcomes.map((o) => ({ key: o.key, description: o.description })),
    criteria: learning.criteria
      ? learning.criteria.map((name) => ({ key: criterionKey(name), name }))
      : [...DEFAULT_CRITERIA],
  };
  if (learning.title) agreement.title = learning.title;
  if (learning.hoursPerWeek) agreement.hoursPerWeek = learning.hoursPerWeek;
  if (learning.evaluations?.midterm) agreement.midterm = learning.evaluations.midterm;
  if (learning.evaluations?.final) agreement.final = learning.evaluations.final;
  if (learning.language) agreement.language = { ...learning.language };
  return agreement;
}

export interface LearningImport {
  /** The learning agreement was new or different. */
  changed: boolean;
  /** Titles of planned milestones the internship did not have yet, now added. */
  milestonesAdded: string[];
  /** Outcomes the file no longer lists that milestones served: those milestones serve them no more. */
  unlinked: string[];
}

/**
 * Writes an internship's learning agreement and planned milestones from the file (inside the import's
 * transaction). A file without `learning:` leaves the stored one alone. A planned milestone is added
 * once, matched by title; after that it lives in chat, so a later import never moves it back.
 */
export async function importLearning(
  store: Store,
  workspaceId: number,
  internshipId: number,
  s: ProgrammeInternship,
  at: Date,
): Promise<LearningImport> {
  const result: LearningImport = { changed: false, milestonesAdded: [], unlinked: [] };
  if (s.learning) {
    const wanted = learningFromFile(s.learning);
    const stored = await store.learning.get(internshipId);
    if (!sameLearningAgreement(stored, wanted)) {
      const kept = new Set(wanted.outcomes.map((o) => o.key));
      const served = new Set([...(await store.learning.outcomesOfMilestones(internshipId)).values()].flat());
      result.unlinked = [...served].filter((key) => !kept.has(key));
      await store.learning.put(workspaceId, internshipId, wanted, at, { what: "the programme file" });
      result.changed = true;
    }
  }
  if (!s.milestones?.length) return result;
  const existing = new Map(
    (await store.milestones.listFor(internshipId)).map((m) => [m.title.toLowerCase(), m] as const),
  );
  for (const planned of s.milestones) {
    let milestone = existing.get(planned.title.toLowerCase());
    if (!milestone) {
      milestone = await store.milestones.add(
        workspaceId,
        { internshipId, title: planned.title, due: planned.due },
        at,
      );
      result.milestonesAdded.push(planned.title);
    }
    if (planned.outcomes?.length)
      await store.learning.link(workspaceId, milestone.id, internshipId, planned.outcomes);
  }
  return result;
}
