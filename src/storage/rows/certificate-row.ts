export interface ConfirmationRow {
  confirmed_by: number;
  draft_hash: string;
  confirmed_at: number;
}

export function toConfirmation(row: ConfirmationRow): { personId: number; draftHash: string; at: Date } {
  return {
    personId: Number(row.confirmed_by),
    draftHash: row.draft_hash,
    at: new Date(Number(row.confirmed_at)),
  };
}
