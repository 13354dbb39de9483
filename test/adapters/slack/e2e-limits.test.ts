/**
 * The largest messages real programmes produce, sent through the real Bolt client to the fake Web API,
 * which refuses what Slack refuses (invalid_blocks, msg_blocks_too_long): every one arrives.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createSlackPlatform } from "../../../adapters/slack/slack-platform.js";
import { userAddress } from "../../../src/domain/addresses.js";
import type { OutboundMessage } from "../../../src/domain/messages.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { blocksTextLength, refuseMessageBlocks } from "../../fakes/slack-blocks.js";
import { captureLog } from "../../helpers/log-capture.js";
import { mergedBudget, milestoneList, weeklyDigest } from "../../helpers/worst-messages.js";

let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("the worst messages on Slack", () => {
  it("arrive through Bolt, within every limit: 60 milestones, a 40-intern digest and a merge of 30 items with their buttons", async () => {
    fake = await startFakeSlackApi({ channelBurst: 100, perChannelPerSecond: 100 });
    const slack = createSlackPlatform(
      {
        auth: { kind: "token", botToken: "xoxb-test" },
        connection: { mode: "http", signingSecret: "secret" },
        apiUrl: fake.url,
        perChannelMs: 0,
      },
      { clock: createSettableClock(new Date("2026-12-16T12:00:00Z")), log: captureLog().log },
    );
    const worst: OutboundMessage[] = [milestoneList, weeklyDigest, mergedBudget].flatMap((arbitrary) =>
      fc.sample(arbitrary, { numRuns: 2, seed: 13 }),
    );
    // Unshaped, each of them is more than Slack takes in one message.
    for (const message of worst) expect(message.text.length).toBeGreaterThan(12_000);
    for (const [i, message] of worst.entries())
      await slack.send(userAddress("slack", "T1", `U0N${i}`), message);

    const posted = fake.calls("chat.postMessage");
    expect(posted).toHaveLength(worst.length);
    for (const call of posted) {
      expect(call.response).toMatchObject({ ok: true });
      expect(refuseMessageBlocks(call.params.blocks)).toBeUndefined();
      expect(blocksTextLength(call.params.blocks)).toBeGreaterThan(5_000);
    }
    const merged = posted
      .slice(4)
      .flatMap((call) =>
        (call.params.blocks as { type: string; elements?: { value?: string }[] }[])
          .filter((b) => b.type === "actions")
          .flatMap((b) => b.elements ?? []),
      );
    const wanted = worst.slice(4).flatMap((m) => m.buttons ?? []);
    expect(merged.map((b) => b.value)).toEqual(wanted.map((b) => b.value));
  });
});
