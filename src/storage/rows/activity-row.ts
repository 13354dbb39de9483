import type { Meeting } from "../../domain/records.js";

export interface MeetingRow {
  id: number;
  internship_id: number;
  person_id: number;
  note: string | null;
  at: number;
}

export function toMeeting(row: MeetingRow): Meeting {
  const meeting: Meeting = {
    id: row.id,
    internshipId: row.internship_id,
    personId: row.person_id,
    at: new Date(row.at),
  };
  if (row.note !== null) meeting.note = row.note;
  return meeting;
}
