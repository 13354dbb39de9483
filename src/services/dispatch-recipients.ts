import type { Logger } from "pino";
import { mailRecipient } from "../domain/addresses.js";
import type { WorkingCalendar } from "../domain/calendar.js";
import type { WorkspaceDaysOff } from "../domain/days-off.js";
import { inboundReplyKeys } from "../domain/outbox-keys.js";
import type { Person } from "../domain/types.js";
import { startOfLocalDay } from "../domain/working-days.js";
import type { OutboxItem, Store } from "../ports/store.js";
import type { RecipientInfo } from "./delivery-policy.js";
import { calendarWith } from "./person-calendar.js";

type Recipient = { calendar: WorkingCalendar; budget: number } | null;
/** What a pass reads once: its recipients (see RECIPIENTS_KEPT) and each workspace's days off. */
export interface PassCache {
  recipients: Map<number, Recipient>;
  daysOff: Map<number, Promise<WorkspaceDaysOff>>;
  /** The people (one per company) who read Tandem's e-mail at an address, by address. */
  inboxes: Map<string, number[]>;
}
/** Recipients a pass keeps loaded (the oldest loaded makes room): several batches' worth. */
const RECIPIENTS_KEPT = 1_000;

export const newPassCache = (): PassCache => ({
  recipients: new Map(),
  daysOff: new Map(),
  inboxes: new Map(),
});

/** Who a dispatch batch goes to: each recipient's calendar, daily budget and messages sent today. */
export function createRecipientReader(store: Store, log: Logger) {
  /**
   * People and calendars for this pass; counts are read per batch since sends change them. At most
   * RECIPIENTS_KEPT are kept: a fan-out to 10,000 people held 10,000 calendars until its pass ended.
   * A batch's recipients are read at once (on PostgreSQL, over several connections: one after another they
   * cost three round trips each before the batch could start sending), days off once per workspace.
   */
  async function recipientsOf(
    batch: OutboxItem[],
    now: Date,
    cache: PassCache,
  ): Promise<Map<number, RecipientInfo>> {
    const ids = new Map<number, number>();
    for (const item of batch) {
      // A reply is sent ungated (see planDeliveries): its recipient need not be read for it.
      if (item.recipientId !== undefined && !ids.has(item.recipientId) && !inboundReplyKeys.isReply(item.key))
        ids.set(item.recipientId, item.workspaceId);
    }
    const missing = [...ids].filter(([id]) => !cache.recipients.has(id));
    // The batch's new recipients in one statement (one round trip each on PostgreSQL before).
    const people = new Map(
      (missing.length > 0 ? await store.people.getEach(missing.map(([id]) => id)) : []).map((p) => [p.id, p]),
    );
    const loaded = await Promise.all(
      missing.map(
        async ([id, workspaceId]) =>
          [id, await loadRecipient(workspaceId, id, people.get(id), cache)] as const,
      ),
    );
    for (const [id, recipient] of loaded) {
      if (cache.recipients.size >= RECIPIENTS_KEPT)
        cache.recipients.delete(cache.recipients.keys().next().value!);
      cache.recipients.set(id, recipient);
    }
    const known = [...ids.keys()].flatMap((id) => {
      const recipient = cache.recipients.get(id);
      return recipient ? [{ id, recipient }] : [];
    });
    // One daily budget per inbox: what went to every record of a coordinator by e-mail (one per company)
    // counts, from the start of this recipient's day (it is one person).
    const inboxOf = new Map<number, number[]>();
    for (const item of batch) {
      const email = mailRecipient(item.address);
      if (email === undefined || item.recipientId === undefined || !ids.has(item.recipientId)) continue;
      let records = cache.inboxes.get(email);
      if (!records) {
        records = (await store.people.byEmail(email)).map((p) => p.id);
        cache.inboxes.set(email, records);
      }
      inboxOf.set(item.recipientId, records);
    }
    const counts = known.flatMap(({ id, recipient }) => {
      const since = startOfLocalDay(recipient.calendar, now);
      return [id, ...(inboxOf.get(id) ?? []).filter((other) => other !== id)].map((recipientId) => ({
        recipientId,
        since,
      }));
    });
    // One statement for the batch, each from the start of the recipient's own day.
    const sent = await store.outbox.sentToEach(counts);
    const sentToday = (id: number) =>
      [id, ...(inboxOf.get(id) ?? []).filter((other) => other !== id)].reduce(
        (sum, other) => sum + (sent.get(other) ?? 0),
        0,
      );
    return new Map(known.map(({ id, recipient }) => [id, { ...recipient, sentToday: sentToday(id) }]));
  }

  async function loadRecipient(
    workspaceId: number,
    id: number,
    person: Person | undefined,
    cache: PassCache,
  ): Promise<Recipient> {
    if (person?.workspaceId !== workspaceId) {
      log.debug({ recipientId: id }, "recipient no longer exists; sending without contact-hour checks");
      return null;
    }
    try {
      let daysOff = cache.daysOff.get(workspaceId);
      if (!daysOff) {
        daysOff = store.daysOff.of(workspaceId);
        // A failed read is not kept: the next recipient of the workspace reads again.
        daysOff.catch(() => cache.daysOff.delete(workspaceId));
        cache.daysOff.set(workspaceId, daysOff);
      }
      return { calendar: calendarWith(person, await daysOff), budget: person.dailyBudget };
    } catch (error) {
      log.error(
        { err: error, recipientId: id, person: person.key },
        "cannot build this person's calendar; sending ungated until their time zone, country or contact hours are fixed",
      );
      return null;
    }
  }

  return recipientsOf;
}
