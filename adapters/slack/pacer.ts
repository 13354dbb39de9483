/**
 * Our own pacing for chat.postMessage: about one message per second per channel and a steady rate per
 * workspace, so Slack's limits are rarely hit (its client would otherwise pause its whole queue).
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
