import type { CertificateRepo } from "../../ports/learning-repos.js";
import { type ConfirmationRow, toConfirmation } from "../rows/certificate-row.js";
import type { Sql } from "./sql.js";

export function createCertificateRepo(sql: Sql): CertificateRepo {
  return {
    async confirm(workspaceId, internshipId, personId, draftHash, at) {
      await sql.run(
        `INSERT INTO certificate_confirmations (workspace_id, internship_id, confirmed_by, draft_hash, confirmed_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [workspaceId, internshipId, personId, draftHash, at.getTime()],
      );
    },
    async lastConfirmation(internshipId) {
      const row = await sql.one<ConfirmationRow>(
        `SELECT confirmed_by, draft_hash, confirmed_at FROM certificate_confirmations
         WHERE internship_id = $1 ORDER BY confirmed_at DESC, id DESC LIMIT 1`,
        [internshipId],
      );
      return row && toConfirmation(row);
    },
  };
}
