/**
 * Our own pacing of outgoing messages, so the platform's rate limits are rarely hit: a minimum spacing
 * per conversation and per workspace (tenant), and optionally at most N per workspace in any minute.
 * Slack: ~1 per second per channel and a per-workspace cap per minute; Teams: 60 per 30 s per conversation.
 */
export interface Pacer {
  /** Resolves when a message to this channel of this workspace may go. */
  wait(team: string, channel: string): Promise<void>;
}

const MINUTE = 60_000;

export function createPacer(options: {
  perChannelMs: number;
  perWorkspaceMs: number;
  /** At most this many per workspace in any sliding minute (Slack's workspace cap), when set. */
  perWorkspacePerMinute?: number;
  now?: () => number;
}): Pacer {
  const now = options.now ?? (() => performance.now());
  const nextForChannel = new Map<string, number>();
  const nextForWorkspace = new Map<string, number>();
  /** Each workspace's reserved send times of the last minute, oldest first. */
  const recent = new Map<string, number[]>();
  const cap = options.perWorkspacePerMinute;

  function forget(at: number): void {
    // Only reservations already in the past can go: dropping a future one would let a burst through.
    for (const [key, next] of nextForChannel) if (next <= at) nextForChannel.delete(key);
  }

  return {
    async wait(team, channel) {
      const key = `${team}:${channel}`;
      // The workspace's next slot is taken now even when this channel must wait longer, so one busy
      // conversation does not hold up the workspace's other conversations.
      const slot = Math.max(now(), nextForWorkspace.get(team) ?? 0);
      let start = Math.max(slot, nextForChannel.get(key) ?? 0);
      const times = recent.get(team) ?? [];
      if (cap !== undefined && times.length >= cap)
        start = Math.max(start, times[times.length - cap]! + MINUTE);
      // Reserve the slot before sleeping, so concurrent senders queue up instead of colliding.
      nextForChannel.set(key, start + options.perChannelMs);
      nextForWorkspace.set(team, slot + options.perWorkspaceMs);
      if (cap !== undefined) {
        times.push(start);
        if (times.length > cap) times.splice(0, times.length - cap);
        recent.set(team, times);
      }
      if (nextForChannel.size > 20_000) forget(now());
      const delay = start - now();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    },
  };
}
