import type { CertificateRepo } from "../ports/learning-repos.js";
import type { SqliteDatabase } from "./open-database.js";
import { type ConfirmationRow, toConfirmation } from "./rows/certificate-row.js";
import type { Synchronous } from "./synchronous.js";

export function createCertificateRepo(db: SqliteDatabase): Synchronous<CertificateRepo> {
  const insert = db.prepare(
    `INSERT INTO certificate_confirmations (workspace_id, internship_id, confirmed_by, draft_hash, confirmed_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const last = db.prepare<[number], ConfirmationRow>(
    `SELECT confirmed_by, draft_hash, confirmed_at FROM certificate_confirmations
     WHERE internship_id = ? ORDER BY confirmed_at DESC, id DESC LIMIT 1`,
  );
  return {
    confirm: (workspaceId, internshipId, personId, draftHash, at) => {
      insert.run(workspaceId, internshipId, personId, draftHash, at.getTime());
    },
    lastConfirmation: (internshipId) => {
      const row = last.get(internshipId);
      return row && toConfirmation(row);
    },
  };
}
