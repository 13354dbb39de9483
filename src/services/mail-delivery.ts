/**
 * The dispatcher's e-mail deliveries: no workspace outage holds or ends them (the mail server is not the
 * chat platform), each carries the portal page it concerns, and failures take the chat sends' paths:
 * retries with backoff, then a dead letter; a recipient the server refuses for good (5xx) is dead-lettered
 * and reported once to whoever works with them.
 */
import type { Logger } from "pino";
import { mailRecipient } from "../domain/addresses.js";
import { forMailReader } from "../domain/copy/mail-reader.js";
import type { Address, OutboundMessage } from "../domain/messages.js";
import { evaluationOfKey, internshipOfKey, portalKeys } from "../domain/outbox-keys.js";
import type { Clock } from "../ports/clock.js";
import type { MailSender } from "../ports/mail-sender.js";
import type { OutboxItem, Store } from "../ports/store.js";
import type { DeliveryFailures } from "./delivery-failures.js";
import type { Delivery } from "./delivery-policy.js";
import type { DeliveryStats } from "./delivery-stats.js";
import type { LaneStep } from "./dispatch-lanes.js";
import { personAddress } from "./notify.js";
import { portalPaths } from "./portal/portal-paths.js";

type Counts = {
  sent: number;
  merged: number;
  retried: number;
  dead: number;
  refused: number;
  deferred: number;
};

/** Without SMTP_URL, e-mails wait this long between looks: for the person to link a chat account, or for mail to be set up. */
const MAIL_OFF_WAIT_MS = 6 * 60 * 60_000;

export interface MailDelivery {
  deliver(delivery: Delivery, now: Date, result: Counts, context: Record<string, unknown>): Promise<LaneStep>;
  /**
   * The chat address a row queued for e-mail goes to now, when its recipient has a chat account since
   * (a person imported by e-mail who then wrote to Tandem) and did not choose e-mail for it.
   */
  chatAddressNow(item: OutboxItem): Promise<Address | undefined>;
}

/**
 * The message as the e-mail carries it: without chat commands or buttons (an inbox has neither), with its
 * portal page instead, except a sign-in link (it is one already) and a message that names its page
 * itself (a welcome about several interns links to the start page).
 */
export function withPortalPath(delivery: Delivery): OutboundMessage {
  const first = delivery.items[0]!;
  const message = forMailReader(delivery.message);
  if (portalKeys.isSignIn(first.key) || message.portalPath) return message;
  const internship = delivery.merged ? undefined : internshipOfKey(first.key);
  // An evaluation's request or reminder links to its form, for people who have no chat to press Evaluate in.
  const evaluation = delivery.merged ? undefined : evaluationOfKey(first.key);
  const portalPath = evaluation
    ? portalPaths.evaluation(evaluation.internshipId, evaluation.round)
    : internship === undefined
      ? portalPaths.home()
      : portalPaths.internship(internship);
  return { ...message, portalPath };
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
    async chatAddressNow(item) {
      if (item.recipientId === undefined) return undefined;
      const person = await store.people.get(item.workspaceId, item.recipientId);
      const workspace = person && (await store.workspaces.get(item.workspaceId));
      const address = workspace && personAddress(workspace, person, item.key);
      return address && mailRecipient(address) === undefined ? address : undefined;
    },
    async deliver(delivery, now, result, context) {
      const { items, merged } = delivery;
      const first = items[0]!;
      if (!sender) {
        // Not dead-lettered: its key would be spent, and a person imported by e-mail who links their chat
        // account later would never get it (their welcome, for one). Rows with a window expire as usual.
        const until = new Date(now.getTime() + MAIL_OFF_WAIT_MS);
        await store.transaction(async () => {
          for (const item of items) await store.outbox.defer(item.id, until);
        });
        result.deferred += items.length;
        log.warn(
          context,
          "a message is due by e-mail but SMTP_URL is not set; it waits (set SMTP_URL and MAIL_FROM to send it)",
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
