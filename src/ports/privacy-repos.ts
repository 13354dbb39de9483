/** People's data under their control: one person's export and erasure, and retention by age. */

/** Everything Tandem holds about one person, as stored (JSON-ready rows). */
export type PersonExport = Record<string, unknown>;

export interface PersonDataRepo {
  /** Every row that is about the person or that they wrote, grouped by kind. */
  export(workspaceId: number, personId: number): Promise<PersonExport>;
  /**
   * Removes what the person wrote and what identifies them, keeping the rows that figures count
   * (check-in statuses and scores, meetings, reply times) under an anonymous person; returns how many
   * rows each kind touched (what is recorded about an erasure, never what was erased).
   */
  erase(workspaceId: number, personId: number, at: Date): Promise<Record<string, number>>;
}

/** Deletes or blanks data past its retention, a batch at a time; each returns how many rows it touched. */
export interface RetentionRepo {
  /** Inbound delivery ids received before `before`. */
  purgeInbound(before: Date, limit: number): Promise<number>;
  /** Payloads of outbox rows finished (sent, dead, expired) before `before`; the keys stay for dedupe. */
  blankOutboxPayloads(before: Date, limit: number): Promise<number>;
  /** Check-ins and reflections of internships that ended before `endedBefore` (YYYY-MM-DD). */
  purgeAnswers(endedBefore: string, limit: number): Promise<number>;
}
