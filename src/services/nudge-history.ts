/**
 * What Tandem told an intern, and their supervisor, about the connection signal: read back from the
 * outbox, so caps and "what Tandem said" sentences rest on the messages themselves.
 */
import type { WorkingCalendar } from "../domain/calendar.js";
import { addDays } from "../domain/local-date.js";
import { isolationKeys } from "../domain/outbox-keys.js";
import type { LocalDate } from "../domain/types.js";
import type { OutboxItem, Store } from "../ports/store.js";

export interface SignalMessage {
  key: string;
  /** The reason code of a nudge ("" for a supervisor's note). */
  code: string;
  /** The intern's local date it was (or is to be) delivered on. */
  date: LocalDate;
  text: string;
  /** Delivered, or still waiting to go out; withdrawn and failed rows are not here. */
  status: "sent" | "waiting";
  row: OutboxItem;
}

function read(rows: readonly OutboxItem[], calendar: WorkingCalendar, nudge: boolean): SignalMessage[] {
  return rows.flatMap((row): SignalMessage[] => {
    if (row.status === "expired" || row.status === "dead") return [];
    return [
      {
        key: row.key,
        code: nudge ? isolationKeys.nudgeCode(row.key) : "",
        date: calendar.localDate(row.sentAt ?? row.notBefore),
        text: row.payload.text,
        status: row.status === "sent" ? "sent" : "waiting",
        row,
      },
    ];
  });
}

/** The intern's nudges, delivered or waiting, oldest first (dates in the intern's calendar). */
export async function nudgesTo(
  store: Store,
  workspaceId: number,
  internshipId: number,
  calendar: WorkingCalendar,
): Promise<SignalMessage[]> {
  return read(
    await store.outbox.withPrefix(workspaceId, isolationKeys.nudgePrefix(internshipId)),
    calendar,
    true,
  );
}

/** The supervisor's at-risk notes, delivered or waiting, oldest first (dates in the intern's calendar). */
export async function riskNotes(
  store: Store,
  workspaceId: number,
  internshipId: number,
  calendar: WorkingCalendar,
): Promise<SignalMessage[]> {
  return read(
    await store.outbox.withPrefix(workspaceId, isolationKeys.riskPrefix(internshipId)),
    calendar,
    false,
  );
}

/** Messages dated within the `days` days that end with `today` (today included). */
export function within(messages: readonly SignalMessage[], today: LocalDate, days: number): SignalMessage[] {
  const from = addDays(today, -(days - 1));
  return messages.filter((m) => m.date >= from && m.date <= today);
}
