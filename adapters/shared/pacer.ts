/**
 * Our own pacing of outgoing messages: a minimum spacing per conversation and per workspace (tenant),
 * so the platform's rate limits are rarely hit. Slack: ~1 per second per channel; Teams: 60 per 30 s
 * per conversation.
 */
export interface Pacer {
  /** Resolves when a message to this channel of this workspace may go. */
  wait(team: string, channel: string): Promise<void>;
}

export function createPacer(options: {
  perChannelMs: number;
  perWorkspaceMs: number;
  now?: () => number;
}): Pacer {
  const now = options.now ?? (() => performance.now());
  const nextForChannel = new Map<string, number>();
  const nextForWorkspace = new Map<string, number>();
  return {
    async wait(team, channel) {
      const key = `${team}:${channel}`;
      const start = Math.max(now(), nextForChannel.get(key) ?? 0, nextForWorkspace.get(team) ?? 0);
      // Reserve the slot before sleeping, so concurrent senders queue up instead of colliding.
      nextForChannel.set(key, start + options.perChannelMs);
      nextForWorkspace.set(team, start + options.perWorkspaceMs);
      if (nextForChannel.size > 10_000) nextForChannel.clear();
      const delay = start - now();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    },
  };
}
