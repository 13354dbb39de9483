import { withDefaults } from "../../domain/agreement.js";
import type { AgreementTerms, PartialTerms } from "../../domain/agreement-terms.js";
import type { Agreement, AgreementRepo } from "../../ports/store.js";
import { type AgreementRow, toAgreement } from "../rows/agreement-row.js";
import type { Sql } from "./sql.js";

interface Row extends AgreementRow {
  /** JSON array of the person ids who acknowledged, in the order they did. */
  acks_json: string;
}

// The acknowledgements come along as JSON text instead of one more query per version.
const AGREEMENT = `a.*,
  (SELECT coalesce(json_agg(person_id ORDER BY acked_at, person_id), '[]')::text
     FROM agreement_acks WHERE agreement_id = a.id) AS acks_json`;

const toAgreementWithAcks = (row: Row) => toAgreement(row, JSON.parse(row.acks_json) as number[]);

export function createAgreementRepo(sql: Sql): AgreementRepo {
  const newest = async (internshipId: number, state: "agreed" | "proposed") => {
    const row = await sql.one<Row>(
      `SELECT ${AGREEMENT} FROM agreements a WHERE internship_id = $1 AND state = $2 ORDER BY version DESC LIMIT 1`,
      [internshipId, state],
    );
    return row ? toAgreementWithAcks(row) : undefined;
  };
  // Parsed terms are kept by their stored text (frozen, as callers share them). Not by row id: a rolled-back
  // version's id may be given to the next one, with other terms.
  const parsed = new Map<string, Readonly<AgreementTerms>>();
  const PARSED_KEPT = 10_000;
  const termsOf = (text: string): Readonly<AgreementTerms> => {
    let terms = parsed.get(text);
    if (!terms) {
      if (parsed.size >= PARSED_KEPT) parsed.clear();
      terms = deepFreeze(withDefaults(JSON.parse(text) as PartialTerms));
      parsed.set(text, terms);
    }
    return terms;
  };

  const write = (
    workspaceId: number,
    internshipId: number,
    terms: AgreementTerms,
    createdBy: number | undefined,
    at: Date,
    state: "agreed" | "proposed",
    lapsesAt: Date | undefined,
  ): Promise<Agreement> =>
    sql.atomic(async () => {
      // Writers of the same internship's agreement take turns, so two replicas never pick the same version
      // number. NO KEY UPDATE: rows that merely reference the internship are not held up.
      await sql.run("SELECT 1 FROM internships WHERE id = $1 FOR NO KEY UPDATE", [internshipId]);
      await sql.run(
        "UPDATE agreements SET state = 'replaced', decided_at = $1 WHERE internship_id = $2 AND state = 'proposed'",
        [at.getTime(), internshipId],
      );
      const row = await sql.one<Row>(
        `INSERT INTO agreements (workspace_id, internship_id, version, terms, created_by, created_at, state, lapses_at)
         SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7 FROM agreements WHERE internship_id = $2
         RETURNING *, '[]' AS acks_json`,
        [
          workspaceId,
          internshipId,
          JSON.stringify(terms),
          createdBy ?? null,
          at.getTime(),
          state,
          lapsesAt?.getTime() ?? null,
        ],
      );
      return toAgreementWithAcks(row!);
    });

  return {
    current: (internshipId) => newest(internshipId, "agreed"),
    currentTerms: async (internshipId) => {
      const row = await sql.one<Pick<Row, "terms">>(
        "SELECT terms FROM agreements WHERE internship_id = $1 AND state = 'agreed' ORDER BY version DESC LIMIT 1",
        [internshipId],
      );
      return row ? termsOf(row.terms) : undefined;
    },
    // The newest agreed version of each, in one statement.
    currentTermsEach: async (internshipIds) => {
      if (internshipIds.length === 0) return new Map();
      const rows = await sql.rows<{ internship_id: number; terms: string }>(
        `SELECT DISTINCT ON (internship_id) internship_id, terms FROM agreements
         WHERE internship_id = ANY($1::bigint[]) AND state = 'agreed' ORDER BY internship_id, version DESC`,
        [[...internshipIds]],
      );
      return new Map(rows.map((r) => [r.internship_id, termsOf(r.terms)]));
    },
    proposal: (internshipId) => newest(internshipId, "proposed"),
    versions: async (internshipId) =>
      (
        await sql.rows<Row>(
          `SELECT ${AGREEMENT} FROM agreements a WHERE internship_id = $1 ORDER BY version`,
          [internshipId],
        )
      ).map(toAgreementWithAcks),
    addVersion: (workspaceId, internshipId, terms, createdBy, at) =>
      write(workspaceId, internshipId, terms, createdBy, at, "agreed", undefined),
    propose: (workspaceId, internshipId, terms, createdBy, at, lapsesAt) =>
      write(workspaceId, internshipId, terms, createdBy, at, "proposed", lapsesAt),
    decide: async (agreementId, state, decidedBy, at, reason) =>
      (await sql.run(
        `UPDATE agreements SET state = $1, decided_at = $2, decided_by = $3, decline_reason = $4
         WHERE id = $5 AND state = 'proposed'`,
        [state, at.getTime(), decidedBy ?? null, reason ?? null, agreementId],
      )) > 0,
    acknowledge: async (workspaceId, agreementId, personId, at) =>
      (await sql.run(
        "INSERT INTO agreement_acks (agreement_id, person_id, workspace_id, acked_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [agreementId, personId, workspaceId, at.getTime()],
      )) > 0,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
