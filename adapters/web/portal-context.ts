/** What the portal's routes share: the store, the clock, the log, the public address and the limits. */
import type { Logger } from "pino";
import type { Clock } from "../../src/ports/clock.js";
import type { Store } from "../../src/ports/store.js";

export interface SignInLimits {
  /** Sign-in e-mails one address may ask for per window. */
  perAddress: number;
  /** Sign-in requests one client (IP address) may make per window. */
  perClient: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS: SignInLimits = { perAddress: 5, perClient: 30, windowMs: 15 * 60_000 };

export interface PortalDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** PUBLIC_URL: links point there; https makes the cookies Secure (behind a TLS proxy: X-Forwarded-Proto). */
  publicUrl: string;
  /** PORTAL_SECRET: signs the session and CSRF cookies. */
  secret: string;
  limits?: Partial<SignInLimits>;
  /** Sends a queued outbox row at once (the dispatcher's sendNow): a sign-in e-mail should not wait a tick. */
  sendNow?: (workspaceId: number, key: string) => void;
}

export type PortalContext = PortalDeps & { log: Logger; limits: SignInLimits };
