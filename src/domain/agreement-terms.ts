/** The shapes of the working agreement, apart from the rules that read and change it (agreement.ts). */
import type { ReplyPlace, ReplyTrigger, SummaryMode, SyncCadence } from "./agreement-options.js";

/** The working agreement between intern and company, as stored (JSON) and enforced. */
export interface AgreementTerms {
  replyWithin: { supervisor: string; intern: string };
  /** How reply clocks warn, escalate and stop; see src/domain/reply-clock.ts. */
  replies: {
    warnAtPercent: number;
    escalateAfterPercent: number;
    where: ReplyPlace;
    ackReaction: string;
    trigger: ReplyTrigger;
    /** The reaction with which the asker marks their own message for tracking. */
    trackReaction: string;
  };
  checkIn: { at: string; days: string; reminderAfter: string; summary: SummaryMode };
  milestones: { remindDaysBefore: number; announceDone: boolean };
  syncMeeting: SyncCadence;
  introductions: { target: number; departments: number; withinWeeks: number };
  /** Supportive nudges to the intern: at most `perWeek` in any 7 days, 0 turns them off. */
  nudges: { perWeek: number };
  tools: string[];
}

/** Terms as a programme file (or an older stored version) may give them: missing parts take defaults. */
export interface PartialTerms {
  replyWithin?: Partial<AgreementTerms["replyWithin"]> | undefined;
  replies?: Partial<AgreementTerms["replies"]> | undefined;
  checkIn?: Partial<AgreementTerms["checkIn"]> | undefined;
  milestones?: Partial<AgreementTerms["milestones"]> | undefined;
  syncMeeting?: SyncCadence | undefined;
  introductions?: Partial<AgreementTerms["introductions"]> | undefined;
  nudges?: Partial<AgreementTerms["nudges"]> | undefined;
  tools?: string[] | undefined;
}
