/**
 * Passwordless sign-in to the portal: one-time links that work once, for 15 minutes. Only the SHA-256 of
 * a token is stored. A link comes from the `portal` chat command, or by e-mail from the sign-in page,
 * queued through the outbox (queueSignInLink).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Person } from "../../domain/types.js";
import type { Store } from "../../ports/store.js";
import { queueSignInLink, SIGN_IN_LINK_MINUTES, signInLinkKey } from "../sign-in-link.js";
import { isPortalPath, portalUrl } from "./portal-paths.js";
import { type Principal, parsePrincipal, principalText } from "./principal.js";

export const LINK_MINUTES = SIGN_IN_LINK_MINUTES;

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new link's token (256 random bits), stored as its hash. */
export async function createSignInToken(
  store: Store,
  principal: Principal,
  nextPath: string | undefined,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await store.portalLinks.add({
    tokenHash: tokenHash(token),
    principal: principalText(principal),
    ...(nextPath && isPortalPath(nextPath) ? { nextPath } : {}),
    createdAt: now,
    expiresAt: new Date(now.getTime() + LINK_MINUTES * 60_000),
  });
  return token;
}

/** The page that signs in with a token (it asks to confirm: mail scanners open links too). */
export function signInUrl(publicUrl: string, token: string): string {
  return portalUrl(publicUrl, `/portal/link/${token}`);
}

/** The chat `portal` command: a link that signs this person in, then opens `nextPath`. */
export async function chatSignInLink(
  store: Store,
  publicUrl: string,
  person: Person,
  nextPath: string | undefined,
  now: Date,
): Promise<string> {
  const principal: Principal = { kind: "person", workspaceId: person.workspaceId, personId: person.id };
  return signInUrl(publicUrl, await createSignInToken(store, principal, nextPath, now));
}

/**
 * The sign-in page: e-mails a link when someone has this address; says nothing either way (the page
 * gives the same answer). Returns the queued e-mail's outbox row (to send it now rather than at the next
 * tick), or undefined when none was queued.
 */
export async function emailSignInLink(
  store: Store,
  publicUrl: string,
  address: string,
  now: Date,
  /** The portal page the person was on their way to (an e-mail's link): the link opens it after sign-in. */
  nextPath?: string,
): Promise<{ workspaceId: number; key: string } | undefined> {
  const email = normalEmail(address);
  if (!email) return undefined;
  const people = await store.people.byEmail(email);
  const first = people[0];
  if (!first) return undefined;
  return await store.transaction(async () => {
    const token = await createSignInToken(store, { kind: "email", email }, nextPath, now);
    const url = signInUrl(publicUrl, token);
    const queued = await queueSignInLink(store, first, url, now);
    return queued ? { workspaceId: first.workspaceId, key: signInLinkKey(first, url) } : undefined;
  });
}

/** Uses a token once: who it signs in and where to go, or undefined (unknown, used or expired). */
export async function useSignInToken(
  store: Store,
  token: string,
  now: Date,
): Promise<{ principal: Principal; nextPath?: string } | undefined> {
  if (!/^[\w-]{20,100}$/.test(token)) return undefined;
  const link = await store.portalLinks.use(tokenHash(token), now);
  const principal = parsePrincipal(link?.principal);
  if (!link || !principal) return undefined;
  return { principal, ...(link.nextPath ? { nextPath: link.nextPath } : {}) };
}

/** Lower case and trimmed; undefined for what is not an address. */
export function normalEmail(text: string | undefined): string | undefined {
  const email = (text ?? "").trim().toLowerCase();
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
}
