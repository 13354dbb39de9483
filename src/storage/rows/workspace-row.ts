import type { Platform, Workspace } from "../../domain/types.js";

export interface WorkspaceRow {
  id: number;
  platform: Platform;
  external_id: string;
  name: string;
}

export const toWorkspace = (row: WorkspaceRow): Workspace => ({
  id: row.id,
  platform: row.platform,
  externalId: row.external_id,
  name: row.name,
});
