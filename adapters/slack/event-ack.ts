/**
 * Events API deliveries are acknowledged once their listener says the event is recorded, not before the
 * write as Bolt does: an acknowledged event is never lost to a crash, and one that could not be recorded
 * is left unacknowledged so Slack delivers it again (the dedupe record makes a late duplicate harmless).
 * Both receivers (HTTP and Socket Mode) hold Bolt's automatic acknowledgement this way.
 */

/** Context key of the function a listener calls, before any slow reply to Slack, with the outcome. */
export const EVENT_RECORDED = "tandemEventRecorded";
export type EventRecorded = (recorded: boolean) => void;

/** Slack stops waiting after 3 s and retries; a listener that never answers must not hold the request. */
const ANSWER_WITHIN_MS = 3_000;

export interface HeldEventAck {
  /** Goes into Bolt's context under EVENT_RECORDED. */
  recorded: EventRecorded;
  /** After Bolt finished: events no listener recorded (the bot's own messages, ignored kinds) are accepted. */
  release(): void;
}

export function holdEventAck(outcome: { accept(): void; refuse(): void; timedOut(): void }): HeldEventAck {
  let settled = false;
  const settle = (then: () => void) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    then();
  };
  const timer = setTimeout(() => settle(outcome.timedOut), ANSWER_WITHIN_MS);
  timer.unref();
  return {
    recorded: (ok) => settle(ok ? outcome.accept : outcome.refuse),
    release: () => settle(outcome.accept),
  };
}

/** What a listener calls; a no-op for requests that are not events. */
export function eventRecorded(context: Record<string, unknown>, ok: boolean): void {
  (context[EVENT_RECORDED] as EventRecorded | undefined)?.(ok);
}
