import { withDefaults } from "../domain/agreement.js";
import type { AgreementTerms, PartialTerms } from "../domain/agreement-terms.js";
import type { Agreement, AgreementRepo } from "../ports/store.js";
import type { SqliteDatabase } from "./open-database.js";
import { type AgreementRow, toAgreement } from "./rows/agreement-row.js";
import type { Synchronous } from "./synchronous.js";

export function createAgreementRepo(db: SqliteDatabase): Synchronous<AgreementRepo> {
  const current = db.prepare<[number], AgreementRow>(
    "SELECT * FROM agreements WHERE internship_id = ? AND state = 'agreed' ORDER BY version DESC LIMIT 1",
  );
  const currentText = db.prepare<[number], Pick<AgreementRow, "terms">>(
    "SELECT terms FROM agreements WHERE internship_id = ? AND state = 'agreed' ORDER BY version DESC LIMIT 1",
  );
  const open = db.prepare<[number], AgreementRow>(
    "SELECT * FROM agreements WHERE internship_id = ? AND state = 'proposed' ORDER BY version DESC LIMIT 1",
  );
  const all = db.prepare<[number], AgreementRow>(
    "SELECT * FROM agreements WHERE internship_id = ? ORDER BY version",
  );
  const byId = db.prepare<[number], AgreementRow>("SELECT * FROM agreements WHERE id = ?");
  const lastVersion = db.prepare<[number], { version: number | null }>(
    "SELECT MAX(version) AS version FROM agreements WHERE internship_id = ?",
  );
  // Parsed terms are kept by their stored text (frozen, as callers share them). Not by row id: a rolled-back
  // version's id is given to the next one, with other terms.
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
  const acks = db.prepare<[number], { person_id: number }>(
    "SELECT person_id FROM agreement_acks WHERE agreement_id = ? ORDER BY acked_at",
  );
  const insert = db.prepare(
    `INSERT INTO agreements (workspace_id, internship_id, version, terms, created_by, created_at, state, lapses_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const replaceOpen = db.prepare(
    "UPDATE agreements SET state = 'replaced', decided_at = ? WHERE internship_id = ? AND state = 'proposed'",
  );
  const decide = db.prepare(
    `UPDATE agreements SET state = ?, decided_at = ?, decided_by = ?, decline_reason = ?
     WHERE id = ? AND state = 'proposed'`,
  );
  const ack = db.prepare(
    "INSERT INTO agreement_acks (agreement_id, person_id, workspace_id, acked_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
  );

  const toAgreementWithAcks = (row: AgreementRow) =>
    toAgreement(
      row,
      acks.all(row.id).map((a) => a.person_id),
    );

  const write = (
    workspaceId: number,
    internshipId: number,
    terms: AgreementTerms,
    createdBy: number | undefined,
    at: Date,
    state: "agreed" | "proposed",
    lapsesAt: Date | undefined,
  ): Agreement => {
    replaceOpen.run(at.getTime(), internshipId);
    const version = (lastVersion.get(internshipId)?.version ?? 0) + 1;
    const id = insert.run(
      workspaceId,
      internshipId,
      version,
      JSON.stringify(terms),
      createdBy ?? null,
      at.getTime(),
      state,
      lapsesAt?.getTime() ?? null,
    ).lastInsertRowid;
    return toAgreementWithAcks(byId.get(Number(id))!);
  };

  return {
    current: (internshipId) => {
      const row = current.get(internshipId);
      return row ? toAgreementWithAcks(row) : undefined;
    },
    currentTerms: (internshipId) => {
      const row = currentText.get(internshipId);
      return row ? termsOf(row.terms) : undefined;
    },
    currentTermsEach: (internshipIds) =>
      new Map(
        internshipIds.flatMap((id) => {
          const row = currentText.get(id);
          return row ? [[id, termsOf(row.terms)] as const] : [];
        }),
      ),
    proposal: (internshipId) => {
      const row = open.get(internshipId);
      return row ? toAgreementWithAcks(row) : undefined;
    },
    versions: (internshipId) => all.all(internshipId).map(toAgreementWithAcks),
    addVersion: (workspaceId, internshipId, terms, createdBy, at) =>
      write(workspaceId, internshipId, terms, createdBy, at, "agreed", undefined),
    propose: (workspaceId, internshipId, terms, createdBy, at, lapsesAt) =>
      write(workspaceId, internshipId, terms, createdBy, at, "proposed", lapsesAt),
    decide: (agreementId, state, decidedBy, at, reason) =>
      decide.run(state, at.getTime(), decidedBy ?? null, reason ?? null, agreementId).changes > 0,
    acknowledge: (workspaceId, agreementId, personId, at) =>
      ack.run(agreementId, personId, workspaceId, at.getTime()).changes > 0,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
