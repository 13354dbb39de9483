/** Stored facts that the isolation signal, introductions and digests read. Metadata, never message text. */

export type ExchangeSource = "mention" | "thread" | "meeting" | "introduction";

export interface Exchange {
  internshipId: number;
  /** The person the intern exchanged with. */
  personId: number;
  source: ExchangeSource;
  at: Date;
}

export interface Meeting {
  id: number;
  internshipId: number;
  personId: number;
  note?: string;
  at: Date;
}

export type IntroductionStatus = "proposed" | "accepted" | "declined" | "held" | "not_held";

export interface Introduction {
  id: number;
  workspaceId: number;
  internshipId: number;
  colleagueId: number;
  status: IntroductionStatus;
  conversation?: string;
  proposedAt: Date;
  /** The colleague's accept or decline; empty on a lapsed one (declined because nobody answered). */
  respondedAt?: Date;
  metAnswerAt?: Date;
  rescheduled: boolean;
}

/** Declined because the colleague never answered within the working week: not a no. */
export const introductionLapsed = (i: Introduction): boolean =>
  i.status === "declined" && i.respondedAt === undefined;

export type IsolationLevel = "ok" | "watch" | "at_risk";

export interface StoredSignal {
  internshipId: number;
  date: string;
  level: IsolationLevel;
  /** Reason codes with the sentence shown to people. */
  reasons: { code: string; text: string }[];
  /** Every input; null where it is unknown (never counted as zero). */
  inputs: Record<string, number | null>;
  computedAt: Date;
}

export interface Reflection {
  internshipId: number;
  week: string;
  text: string;
  shared: boolean;
  createdAt: Date;
}
