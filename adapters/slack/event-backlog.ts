/**
 * Overload: events arriving faster than Tandem records them are answered 503 with Retry-After at once,
 * instead of queueing until Slack's 3 s deadline passes (a late answer is a failed delivery anyway, and
 * the work is still done afterwards, which is how a backlog feeds itself) or until every connection is
 * busy and new ones are reset. Nothing is accepted that is not recorded: a refused event is not recorded
 * and Slack delivers it again (the dedupe record makes a duplicate harmless).
 *
 * How much may wait follows Little's law: what was recorded in the last second, times the wait allowed.
 * An event is refused only when that many already wait and the oldest of them has waited a while, so a
 * burst that is being recorded quickly, or one slow event among fast ones, refuses nothing.
 */

/** Longest an accepted event should wait for its commit: well inside Slack's 3 seconds. */
export const TARGET_WAIT_MS = 1_000;
/** Waiting events never refused, however little was recorded lately (a cold start, a quiet hour). */
export const LEAST_WAITING = 100;
/** The oldest waiting event must have waited this long before anything is refused. */
const BEHIND_MS = 250;
/** What Slack (or a load balancer trying another replica) is told to wait, in seconds. */
export const RETRY_AFTER_SECONDS = 1;

export interface EventBacklog {
  /** A slot for an arriving event, released once it is answered; undefined: refuse it now. */
  admit(): { done(): void } | undefined;
  /** Events admitted and not answered yet. */
  waiting(): number;
}

/** `now`: a monotonic clock in milliseconds (performance.now), not the domain's Clock. */
export function createEventBacklog(now: () => number): EventBacklog {
  /** Admission time of each waiting event, oldest first (a Map keeps insertion order). */
  const waiting = new Map<object, number>();
  // Events answered in the current and the previous second.
  let second = Math.floor(now() / 1000);
  let thisSecond = 0;
  let lastSecond = 0;

  const roll = (at: number) => {
    const current = Math.floor(at / 1000);
    if (current === second) return;
    lastSecond = current === second + 1 ? thisSecond : 0;
    thisSecond = 0;
    second = current;
  };

  return {
    admit() {
      const at = now();
      roll(at);
      const allowed = Math.max(LEAST_WAITING, (lastSecond * TARGET_WAIT_MS) / 1000);
      const oldest = waiting.values().next().value;
      if (waiting.size >= allowed && oldest !== undefined && at - oldest >= BEHIND_MS) return undefined;
      const slot = {};
      waiting.set(slot, at);
      return {
        done: () => {
          if (!waiting.delete(slot)) return;
          roll(now());
          thisSecond += 1;
        },
      };
    },
    waiting: () => waiting.size,
  };
}
