import { describe, expect, it } from "vitest";
import { AppError } from "../../src/domain/errors.js";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { queueDirect } from "../../src/services/notify.js";
import { createBotHarness } from "../helpers/bot-harness.js";

describe("people the platform cannot reach", () => {
  it("dead-letters the message and tells the supervisor once, without retrying forever", async () => {
    const h = await createBotHarness({ now: "2026-12-01T14:00:00Z" });
    h.log.allowErrors("send failed for good; message dead-lettered");
    const sent: string[] = [];
    const platform: ChatPlatform = {
      name: "console",
      routes: [],
      start: async () => undefined,
      stop: async () => undefined,
      send: async (address) => {
        if (address.endsWith(":user:ana")) throw new AppError("UNREACHABLE", "ana never installed the app");
        sent.push(address);
        return {};
      },
    };
    const dispatcher = createDispatcher({
      store: h.store,
      platforms: new Map<Platform, ChatPlatform>([["console", platform]]),
      clock: h.clock,
      log: h.log.log,
    });
    await queueDirect(h.store, h.workspace, await h.person("ana"), "first", { text: "one" }, h.clock.now());
    await queueDirect(h.store, h.workspace, await h.person("ana"), "second", { text: "two" }, h.clock.now());
    await dispatcher.dispatch(h.clock.now());
    await dispatcher.dispatch(h.clock.now());
    expect((await h.store.outbox.get(h.workspace.id, "first"))?.status).toBe("dead");
    expect((await h.store.outbox.get(h.workspace.id, "second"))?.status).toBe("dead");
    const report = await h.store.outbox.get(h.workspace.id, `unreachable:${(await h.person("ana")).id}`);
    expect(report?.recipientId).toBe((await h.person("bram")).id);
    expect(report?.payload.text).toContain("Tandem cannot reach Ana Souza");
    expect(sent).toEqual(["console:test:user:bram"]);
  });
});
