import { withDefaults } from "../../domain/agreement.js";
import type { PartialTerms } from "../../domain/agreement-terms.js";
import type { Agreement, AgreementState } from "../../ports/store.js";

export interface AgreementRow {
  id: number;
  internship_id: number;
  version: number;
  terms: string;
  state: AgreementState;
  created_by: number | null;
  created_at: number;
  lapses_at: number | null;
  decided_at: number | null;
  decided_by: number | null;
  decline_reason: string | null;
}

/** The acknowledgements are read by each engine its own way (SQLite: one query; PostgreSQL: JSON in the row). */
export function toAgreement(row: AgreementRow, acknowledgedBy: number[]): Agreement {
  const agreement: Agreement = {
    id: row.id,
    internshipId: row.internship_id,
    version: row.version,
    // Older versions lack later fields: they read with today's defaults.
    terms: withDefaults(JSON.parse(row.terms) as PartialTerms),
    state: row.state,
    createdAt: new Date(row.created_at),
    acknowledgedBy: acknowledgedBy,
  };
  if (row.created_by !== null) agreement.createdBy = row.created_by;
  if (row.lapses_at !== null) agreement.lapsesAt = new Date(row.lapses_at);
  if (row.decided_at !== null) agreement.decidedAt = new Date(row.decided_at);
  if (row.decided_by !== null) agreement.decidedBy = row.decided_by;
  if (row.decline_reason !== null) agreement.declineReason = row.decline_reason;
  return agreement;
}
