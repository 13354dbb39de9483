import type { PortalLink } from "../../ports/portal-repos.js";

export interface PortalLinkRow {
  token_hash: string;
  principal: string;
  next_path: string | null;
  created_at: number | string;
  expires_at: number | string;
}

export function toPortalLink(row: PortalLinkRow): PortalLink {
  return {
    tokenHash: row.token_hash,
    principal: row.principal,
    ...(row.next_path ? { nextPath: row.next_path } : {}),
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
  };
}
