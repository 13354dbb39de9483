/** The store's part the web portal owns: one-time sign-in links and signed-in sessions. */

/** A sign-in link as stored: only the SHA-256 of its token is kept. */
export interface PortalLink {
  tokenHash: string;
  /** Who the link signs in, as JSON written by src/services/portal/principal.ts. */
  principal: string;
  /** A portal path to open after signing in. */
  nextPath?: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface PortalLinkRepo {
  add(link: PortalLink): Promise<void>;
  /**
   * Uses the link: returns it and marks it used when it exists, is unused and has not expired at `now`;
   * undefined otherwise. Two requests racing with the same token: one wins.
   */
  use(tokenHash: string, now: Date): Promise<PortalLink | undefined>;
  /** Deletes links that expired before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

export interface PortalSessionRepo {
  /** The session's data, unless it expired at `now`. */
  get(idHash: string, now: Date): Promise<string | undefined>;
  /** Writes (or rewrites) the session with its new expiry. */
  set(idHash: string, data: string, expiresAt: Date): Promise<void>;
  destroy(idHash: string): Promise<void>;
  /** Deletes sessions that expired before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** Fixed-window counters for the sign-in limits, shared by every replica. */
export interface PortalLimitRepo {
  /** Counts one request for `key` in its window (a new window of `windowMs` once the last one ended). */
  hit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetAt: Date }>;
  /** Deletes counters whose window ended before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}
