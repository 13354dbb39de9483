import type { IsolationLevel, StoredSignal } from "../../domain/records.js";

export interface SignalRow {
  internship_id: number;
  local_date: string;
  level: IsolationLevel;
  reasons: string;
  inputs: string;
  computed_at: number;
}

export const toSignal = (row: SignalRow): StoredSignal => ({
  internshipId: row.internship_id,
  date: row.local_date,
  level: row.level,
  reasons: JSON.parse(row.reasons) as StoredSignal["reasons"],
  inputs: JSON.parse(row.inputs) as StoredSignal["inputs"],
  computedAt: new Date(row.computed_at),
});
