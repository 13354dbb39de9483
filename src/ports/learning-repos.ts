/**
 * The repositories of the learning agreement (issue 19): outcomes and criteria, two-way evaluations and the
 * certificate's confirmations. Part of the Store port (see store.ts), kept apart to keep that file readable.
 */
import type { EvaluationRound, NewEvaluation, SubmittedEvaluation } from "../domain/evaluations.js";
import type { LearningAgreement, LearningAgreementVersion } from "../domain/learning-agreement.js";

/**
 * Each internship's learning agreement (outcomes, evaluation criteria and dates, language) and which
 * outcomes its milestones serve.
 */
export interface LearningAgreementRepo {
  get(internshipId: number): Promise<LearningAgreement | undefined>;
  /**
   * Replaces the agreement and records it as its next version (what changed, and who changed it when a
   * person did); returns that version's number. Outcomes are kept by key, so the milestones serving one
   * stay linked; an outcome left out is removed with its links (the caller refuses that while milestones
   * serve it).
   */
  put(
    workspaceId: number,
    internshipId: number,
    agreement: LearningAgreement,
    at: Date,
    change?: { what: string; by?: number },
  ): Promise<number>;
  /** Every recorded version, oldest first. */
  versions(internshipId: number): Promise<LearningAgreementVersion[]>;
  /** Links a milestone to outcomes of its internship, by key; keys the agreement lacks are ignored. */
  link(
    workspaceId: number,
    milestoneId: number,
    internshipId: number,
    keys: readonly string[],
  ): Promise<void>;
  /** The outcome keys each milestone of the internship serves, by milestone id (agreement order). */
  outcomesOfMilestones(internshipId: number): Promise<Map<number, string[]>>;
}

/**
 * Two-way evaluations, one record per internship, round and side, written once at submission and never
 * edited. Who may read which is the caller's business (see visibleSides in src/domain/evaluations.ts).
 */
export interface EvaluationRepo {
  /** Stores a submission; undefined (nothing written) when that round and side was submitted before. */
  submit(workspaceId: number, evaluation: NewEvaluation, at: Date): Promise<SubmittedEvaluation | undefined>;
  /** The round's submissions, the supervisor's first. */
  forRound(internshipId: number, round: EvaluationRound): Promise<SubmittedEvaluation[]>;
  /** Every submission of the internship, oldest first. */
  forInternship(internshipId: number): Promise<SubmittedEvaluation[]>;
}

/** Supervisors' confirmations of the certificate draft: who confirmed which draft (its hash) and when. */
export interface CertificateRepo {
  confirm(
    workspaceId: number,
    internshipId: number,
    personId: number,
    draftHash: string,
    at: Date,
  ): Promise<void>;
  /** The newest confirmation, if any. */
  lastConfirmation(
    internshipId: number,
  ): Promise<{ personId: number; draftHash: string; at: Date } | undefined>;
}
