/** What a proposed agreement change changes, and who must accept it before it counts. */
import { AGREEMENT_FIELDS } from "./agreement-fields.js";
import type { AgreementTerms } from "./agreement-terms.js";
import type { Internship } from "./types.js";

export interface TermChange {
  field: string;
  from: string;
  to: string;
}

/** A proposal nobody answers lapses after this many working days of the people who must answer. */
export const PROPOSAL_WORKING_DAYS = 5;

/** The terms that differ, in the order `agreement set` lists its fields. */
export function termChanges(from: AgreementTerms, to: AgreementTerms): TermChange[] {
  return AGREEMENT_FIELDS.flatMap((field) => {
    const before = field.get(from);
    const after = field.get(to);
    return before === after ? [] : [{ field: field.name, from: before, to: after }];
  });
}

/**
 * The agreement binds the intern and the supervisor: both must accept a change, except the one of them
 * who proposed it (proposing is accepting). A backup's or coordinator's proposal needs both.
 */
export function answerersOf(
  internship: Pick<Internship, "internId" | "supervisorId">,
  proposerId: number | undefined,
): number[] {
  return [internship.internId, internship.supervisorId].filter((id) => id !== proposerId);
}
