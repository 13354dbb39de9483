/**
 * The portal's sign-in links by e-mail, through the outbox like every other message (same key rules,
 * retries and dead letters). A link is sent at once, whatever the hour or the day's budget: the person
 * has just asked for it and it expires in minutes, so it carries no recipient for the noise budget.
 */
import { createHash } from "node:crypto";
import { mailAddress } from "../domain/addresses.js";
import { signInLinkMessage } from "../domain/copy/sign-in.js";
import { portalKeys } from "../domain/outbox-keys.js";
import type { Person } from "../domain/types.js";
import type { Store } from "../ports/store.js";

/** How long a sign-in link works; the e-mail is not sent any later either. */
export const SIGN_IN_LINK_MINUTES = 15;

/** The outbox key of the e-mail carrying `url`: for `dispatcher.sendNow`, so it need not wait for a tick. */
export function signInLinkKey(person: Person, url: string): string {
  return portalKeys.signIn(person.id, createHash("sha256").update(url).digest("hex").slice(0, 24));
}

/**
 * Queues an e-mail with `url` (the one-time link) to `person.email`. The key is derived from the link, so
 * asking twice for the same link sends one e-mail, and a new link is a new e-mail. False when the person
 * has no address or this link was queued before.
 */
export async function queueSignInLink(
  store: Store,
  person: Person,
  url: string,
  now: Date,
): Promise<boolean> {
  if (!person.email) return false;
  return await store.outbox.enqueue(
    {
      workspaceId: person.workspaceId,
      key: signInLinkKey(person, url),
      address: mailAddress(person.email),
      payload: signInLinkMessage(person.name, url, SIGN_IN_LINK_MINUTES),
      notBefore: now,
      expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000),
    },
    now,
  );
}
