/**
 * The dispatcher's e-mail deliveries: no workspace outage holds or ends them (the mail server is not the
 * chat platform), each carries the portal page it concerns, and failures take the chat sends' paths:
 * retries with backoff, then a dead letter; a recipient the server refuses for good (5xx) is dead-lettered
 * and reported once to whoever works with them.
 */
import type { Logger } from "pino";
import type { OutboundMessage } from "../domain/messages.js";
import { internshipOfKey, portalKeys } from "../domain/outbox-keys.js";
import type { Clock } from "../ports/clock.js";
import type { MailSender } from "../ports/mail-sender.js";
import type { Store } from "../ports/store.js";
import type { DeliveryFailures } from "./delivery-failures.js";
import type { Delivery } from "./delivery-policy.js";
import type { DeliveryStats } from "./delivery-stats.js";
import type { LaneStep } from "./dispatch-lanes.js";
import { portalPaths } from "./portal/portal-paths.js";

type Counts = { sent: number; merged: number; retried: number; dead: number; refused: number };

export interface MailDelivery {
  deliver(delivery: Delivery, now: Date, result: Counts, context: Record<string, unknown>): Promise<LaneStep>;
}

/** The message as the e-mail carries it: with its portal page, except a sign-in link (it is one already). */
export function withPortalPath(delivery: Delivery): OutboundMessage {
  const first = delivery.items[0]!;
  if (portalKeys.isSignIn(first.key)) return delivery.message;
  const internship = delivery.merged ? undefined : internshipOfKey(first.key);
  const portalPath = internship === undefined ? portalPaths.home() : portalPaths.internship(internship);
  return { ...delivery.message, portalPath };
}

export function createMailDelivery(deps: {
  store: Store;
  log: Logger;
  stats: DeliveryStats;
  clock: Clock;
  failures: DeliveryFailures;
  sender: MailSender | undefined;
}): MailDelivery {
  const { store, log, stats, failures, sender } = deps;
  return {
    async deliver(delivery, now, result, context) {
      const { items, merged } = delivery;
      const first = items[0]!;
      if (!sender) {
        await failures.deadLetter(items, "e-mail is off: SMTP_URL is not set", now, result);
        log.warn(
          context,
          "a message is due by e-mail but SMTP_URL is not set; set SMTP_URL and MAIL_FROM to send it",
        );
        return undefined;
      }
      let ref: string | undefined;
      try {
        ref = (await sender.send(delivery.address, withPortalPath(delivery))).ref;
      } catch (error) {
        let retryAt: Date | undefined;
        for (const item of items) retryAt = (await failures.fail(item, error, now, result)) ?? retryAt;
        return retryAt && { giveUpUntil: retryAt };
      }
      // One shared ref makes sentTo count a merged message once, as for chat.
      if (merged) ref ??= `merged:${first.id}`;
      const at = deps.clock.now();
      await store.transaction(async () => {
        for (const item of items) await store.outbox.markSent(item.id, at, ref);
      });
      result.sent += items.length;
      stats.record("sent", items.length, at);
      if (merged) result.merged += 1;
      log.debug(context, "e-mail sent");
      return undefined;
    },
  };
}
