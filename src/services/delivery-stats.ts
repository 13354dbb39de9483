/** Messages sent and dead-lettered by this process over the last hour, for health. */
export interface DeliveryStats {
  record(kind: "sent" | "dead", count: number, at: Date): void;
  lastHour(now: Date): { sent: number; dead: number };
}

const HOUR_MS = 60 * 60_000;

export function createDeliveryStats(): DeliveryStats {
  // One entry per minute and kind keeps this small whatever the volume.
  const minutes = new Map<string, { kind: "sent" | "dead"; minute: number; count: number }>();
  return {
    record(kind, count, at) {
      if (count <= 0) return;
      const minute = Math.floor(at.getTime() / 60_000);
      const key = `${kind}:${minute}`;
      const entry = minutes.get(key) ?? { kind, minute, count: 0 };
      entry.count += count;
      minutes.set(key, entry);
    },
    lastHour(now) {
      const since = Math.floor((now.getTime() - HOUR_MS) / 60_000);
      const totals = { sent: 0, dead: 0 };
      for (const [key, entry] of minutes) {
        if (entry.minute <= since) minutes.delete(key);
        else totals[entry.kind] += entry.count;
      }
      return totals;
    },
  };
}
