/**
 * The noise budget: which ready outbox rows go out now, merged or alone, and which wait.
 * Pure apart from the calendars it is given: the dispatcher loads people and counts, this decides.
 */

import { mailRecipient } from "../domain/addresses.js";
import type { WorkingCalendar } from "../domain/calendar.js";
import { whereToRead } from "../domain/copy/delivery.js";
import { composeMerged, type MergeReason } from "../domain/copy/merged.js";
import { foldIntoWelcomeBack } from "../domain/copy/welcome-back.js";
import type { Address, OutboundMessage } from "../domain/messages.js";
import {
  checkinKeys,
  inboundReplyKeys,
  keyFamily,
  noticeKeys,
  replyKeys,
  welcomeKeys,
} from "../domain/outbox-keys.js";
import { nextWorkingDayStart } from "../domain/working-days.js";
import type { OutboxItem } from "../ports/store.js";

export interface RecipientInfo {
  calendar: WorkingCalendar;
  /** Proactive messages allowed per local day (Person.dailyBudget). */
  budget: number;
  /** Distinct messages delivered since the start of their local day (a merged message counts once). */
  sentToday: number;
}

export interface Delivery {
  /** Every row this one message delivers; more than one for a merged message. */
  items: OutboxItem[];
  address: Address;
  message: OutboundMessage;
  /** Set when rows were merged, so the dispatcher can log and give them one shared ref. */
  merged?: { recipientId: number; budget: number };
}

export interface Deferral {
  item: OutboxItem;
  until: Date;
  why: "outside contact hours" | "daily budget used up" | "welcome day";
}

export interface DeliveryPlan {
  expire: OutboxItem[];
  send: Delivery[];
  defer: Deferral[];
  /** Recipients whose calendar could not answer; their rows are sent ungated rather than stuck. */
  ungated: { recipientId: number; error: unknown }[];
}

const single = (item: OutboxItem): Delivery => ({
  items: [item],
  address: item.address,
  message: item.payload,
});

/**
 * Expired rows first (never grouped); channel posts, replies and rows for unknown people go out as they are;
 * rows for a person are grouped: outside contact hours they wait for the next working moment, over
 * budget they wait for the next working day, one row is sent as is, several are merged into one.
 */
export function planDeliveries(
  items: readonly OutboxItem[],
  recipients: ReadonlyMap<number, RecipientInfo>,
  now: Date,
): DeliveryPlan {
  const plan: DeliveryPlan = { expire: [], send: [], defer: [], ungated: [] };
  // Rows for a person are planned together; e-mails by address, as one inbox may be several records (a
  // coordinator by e-mail is one person per company): one daily budget, one merged message.
  const groups = new Map<string, OutboxItem[]>();
  for (const item of items) {
    if (item.expiresAt && now.getTime() > item.expiresAt.getTime()) {
      plan.expire.push(item);
    } else if (
      item.recipientId === undefined ||
      !recipients.has(item.recipientId) ||
      // Someone who just wrote is answered now, whatever the hour or their budget.
      inboundReplyKeys.isReply(item.key)
    ) {
      plan.send.push(single(item));
    } else {
      const inbox = mailRecipient(item.address) === undefined ? `person:${item.recipientId}` : item.address;
      const group = groups.get(inbox);
      if (group) group.push(item);
      else groups.set(inbox, [item]);
    }
  }
  for (const group of groups.values()) {
    const recipientId = group[0]!.recipientId!;
    const info = recipients.get(recipientId)!;
    try {
      planGroup(plan, recipientId, group, info, now);
    } catch (error) {
      // E.g. no working time within years (endless leave): better sent than silently stuck.
      plan.ungated.push({ recipientId, error });
      plan.send.push(...group.map(single));
    }
  }
  return plan;
}

function planGroup(
  plan: DeliveryPlan,
  recipientId: number,
  group: OutboxItem[],
  info: RecipientInfo,
  now: Date,
): void {
  const { calendar } = info;
  // A budget below one would hold messages forever; the programme file already forbids it.
  const budget = Math.max(1, info.budget);
  if (!calendar.isWorkingTime(now)) {
    const until = calendar.nextWorkingMoment(now);
    for (const item of group) plan.defer.push({ item, until, why: "outside contact hours" });
    return;
  }
  if (info.sentToday >= budget) {
    const until = nextWorkingDayStart(calendar, now);
    for (const item of group) plan.defer.push({ item, until, why: "daily budget used up" });
    return;
  }
  // A return is one message: everything that waited for the person rides in their welcome back.
  const welcome = group.find((item) => noticeKeys.isWelcomeBack(item.key));
  if (welcome) {
    plan.send.push(welcomeBackDelivery(welcome, group, recipientId, budget));
    return;
  }
  // A first day carries the welcome and the check-in at most: the rest waits a day unless due today.
  // (A colleague's welcome explains the introduction request it comes with: that one travels with it.)
  if (group.some((item) => welcomeKeys.isPersonWelcome(item.key))) {
    const until = nextWorkingDayStart(calendar, now);
    const today = (item: OutboxItem) =>
      welcomeKeys.isPersonWelcome(item.key) ||
      checkinKeys.promptInternship(item.key) !== undefined ||
      // The weekly digest belongs to its day (its why-line names it); a day later it would not be true.
      keyFamily(item.key) === "digest" ||
      // A trial check-in was asked for just now ("try checkin"): holding it a day would answer nobody.
      keyFamily(item.key) === "checkin-trial" ||
      keyFamily(item.key) === "checkin-trial-preview" ||
      replyKeys.isAlert(item.key) ||
      (item.expiresAt !== undefined && item.expiresAt.getTime() <= until.getTime());
    for (const item of group.filter((i) => !today(i))) plan.defer.push({ item, until, why: "welcome day" });
    group = group.filter(today);
  }
  // Alerts about open questions travel together; everything else is its own message.
  const alerts = group.filter((item) => replyKeys.isAlert(item.key));
  const bundles: OutboxItem[][] = [
    ...group.filter((item) => !replyKeys.isAlert(item.key)).map((item) => [item]),
  ];
  if (alerts.length > 0) bundles.push(alerts);
  const slots = budget - info.sentToday;
  // Within the budget each bundle goes as it is; over it, the last free slot carries the rest merged into one.
  const separate = bundles.length <= slots ? bundles : bundles.slice(0, slots - 1);
  for (const bundle of separate) {
    plan.send.push(
      bundle.length === 1
        ? single(bundle[0]!)
        : mergedDelivery(bundle, { kind: "replies" }, recipientId, budget),
    );
  }
  const rest = bundles.slice(separate.length).flat();
  if (rest.length > 0) plan.send.push(mergedDelivery(rest, { kind: "budget", budget }, recipientId, budget));
}

function welcomeBackDelivery(
  welcome: OutboxItem,
  group: OutboxItem[],
  recipientId: number,
  budget: number,
): Delivery {
  const waited = group.filter((item) => item !== welcome);
  return {
    items: [welcome, ...waited],
    address: welcome.address,
    message: foldIntoWelcomeBack(
      welcome.payload,
      waited.map((item) => ({ key: item.key, message: item.payload })),
    ),
    ...(waited.length > 0 ? { merged: { recipientId, budget } } : {}),
  };
}

function mergedDelivery(
  items: OutboxItem[],
  why: MergeReason,
  recipientId: number,
  budget: number,
): Delivery {
  return {
    items,
    address: items[0]!.address,
    message: composeMerged(
      items.map((item) => item.payload),
      why,
      items.map((item) => whereToRead(keyFamily(item.key))),
    ),
    merged: { recipientId, budget },
  };
}

/**
 * Deliveries that must not overtake each other, in plan order: those sharing a recipient or an
 * address form one lane (transitively). Lanes are independent of each other and may be sent at once.
 */
export function deliveryLanes(deliveries: readonly Delivery[]): Delivery[][] {
  const parent = deliveries.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const owner = new Map<string, number>();
  deliveries.forEach((delivery, i) => {
    const keys = delivery.items.flatMap((item) => [
      `address:${item.address}`,
      ...(item.recipientId === undefined ? [] : [`recipient:${item.recipientId}`]),
    ]);
    for (const key of [`address:${delivery.address}`, ...keys]) {
      const seen = owner.get(key);
      if (seen === undefined) {
        owner.set(key, i);
        continue;
      }
      const [a, b] = [root(seen), root(i)];
      parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  // A lane's root is its earliest delivery, so lanes come out in the order they start.
  const lanes = new Map<number, Delivery[]>();
  deliveries.forEach((delivery, i) => {
    const r = root(i);
    const lane = lanes.get(r);
    if (lane) lane.push(delivery);
    else lanes.set(r, [delivery]);
  });
  return [...lanes.values()];
}
