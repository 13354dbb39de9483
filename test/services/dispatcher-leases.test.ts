import { describe, expect, it } from "vitest";
import { userAddress } from "../../src/domain/addresses.js";
import type { Address, OutboundMessage } from "../../src/domain/messages.js";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import { createSettableClock } from "../../src/ports/clock.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { captureLog } from "../helpers/log-capture.js";
import { openTestStore } from "../helpers/test-store.js";

const NOW = new Date("2026-12-01T09:00:00Z");

describe("a dispatcher that loses its workspace's sending lease during a pass", () => {
  it("sends nothing more there once a renewal finds the lease taken, and leaves the rows to the new holder", async () => {
    const store = await openTestStore(undefined, { now: NOW });
    const clock = createSettableClock(NOW);
    const workspace = await store.workspaces.ensure("console", "w", "", NOW);
    const lease = `send:${workspace.id}`;
    const sent: Address[] = [];
    const log = captureLog();
    const platform: ChatPlatform = {
      name: "console",
      routes: [],
      async start() {},
      async stop() {},
      async send(address: Address, message: OutboundMessage) {
        if (sent.length === 0) {
          // While the first message is on its way, the lease runs out and another replica takes it.
          await store.leases.release(lease, "replica-a");
          await store.leases.acquire(lease, "replica-b", NOW, new Date(NOW.getTime() + 60_000));
        }
        sent.push(address);
        await new Promise((resolve) => setTimeout(resolve, 60));
        return { ref: message.text };
      },
    };
    const dispatcher = createDispatcher({
      store,
      platforms: new Map<Platform, ChatPlatform>([["console", platform]]),
      clock,
      log: log.log,
      replica: "replica-a",
      // Renewed every 10 ms; one send at a time.
      options: { sendLeaseMs: 30, concurrency: 1 },
    });
    for (const key of ["ana", "ben", "cleo"]) {
      await store.outbox.enqueue(
        {
          workspaceId: workspace.id,
          key: `m-${key}`,
          address: userAddress("console", "w", key),
          payload: { text: `hello ${key}` },
          notBefore: NOW,
        },
        NOW,
      );
    }
    const result = await dispatcher.dispatch(NOW);
    expect(sent).toEqual([userAddress("console", "w", "ana")]);
    expect(result.sent).toBe(1);
    const rows = await store.outbox.withPrefix(workspace.id, "m-");
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ["m-ana", "sent"],
      ["m-ben", "sending"],
      ["m-cleo", "sending"],
    ]);
    expect(log.lines.map((l) => l.msg)).toContain("another replica took these workspaces' sending leases");
    await store.close();
  });
});
