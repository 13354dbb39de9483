/**
 * The largest messages real programmes produce, sent through the real botbuilder CloudAdapter to the
 * fake Bot Connector, which refuses what Teams refuses (413 MessageSizeTooBig): every one arrives.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTeamsPlatform } from "../../../adapters/teams/teams-platform.js";
import type { OutboundMessage } from "../../../src/domain/messages.js";
import type { ChatPlatform } from "../../../src/ports/chat-platform.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import type { SqliteStore } from "../../../src/storage/sqlite-store.js";
import {
  type FakeBotConnector,
  MESSAGE_BYTES_REFUSED,
  startFakeBotConnector,
} from "../../fakes/bot-connector.js";
import { BOT, personalConversationId, teamsUserId } from "../../fakes/teams-activities.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createTestStore } from "../../helpers/test-store.js";
import { mergedBudget, milestoneList, weeklyDigest } from "../../helpers/worst-messages.js";

const TENANT = "tenant-1";
let fake: FakeBotConnector;
let store: SqliteStore;
let teams: ChatPlatform;

/** What TurnContext.getConversationReference stores for a person's personal chat with Tandem. */
async function rememberPersonalChat(aad: string) {
  const reference = {
    activityId: "1764000000001",
    user: { id: teamsUserId({ aad, name: aad }), name: aad, aadObjectId: aad },
    bot: BOT,
    conversation: {
      id: personalConversationId({ aad, name: aad }),
      conversationType: "personal",
      tenantId: TENANT,
    },
    channelId: "msteams",
    serviceUrl: fake.url,
  };
  await store.platformRefs.save("teams", TENANT, "user", aad, JSON.stringify(reference), new Date());
}

beforeEach(async () => {
  fake = await startFakeBotConnector({ limits: [] });
  store = createTestStore();
  teams = createTeamsPlatform(
    { appType: "MultiTenant", allowUnauthenticated: true, sendTimeoutMs: 2_000 },
    {
      clock: createSettableClock(new Date("2026-12-16T12:00:00Z")),
      log: captureLog().log,
      refs: store.platformRefs,
    },
  );
  await teams.start(async () => undefined);
});
afterEach(async () => {
  await teams.stop();
  await store.close();
  await fake.close();
});

describe("the worst messages on Teams", () => {
  it("arrive through botbuilder, under the size Teams guarantees and with at most 6 actions a card", async () => {
    const worst: OutboundMessage[] = [milestoneList, weeklyDigest, mergedBudget].flatMap((arbitrary) =>
      fc.sample(arbitrary, { numRuns: 2, seed: 13 }),
    );
    const digest = { ...worst[2]!, text: worst[2]!.text.repeat(4) };
    expect(digest.text.length * 2).toBeGreaterThan(MESSAGE_BYTES_REFUSED);
    const all = [...worst, digest];
    for (const [i, message] of all.entries()) {
      await rememberPersonalChat(`aad-${i}`);
      await teams.send(`teams:${TENANT}:user:aad-${i}`, message);
    }
    expect(fake.calls.filter((c) => c.status !== 200)).toEqual([]);
    const posted = fake.activities();
    expect(posted).toHaveLength(all.length);
    for (const { activity } of posted) {
      expect(JSON.stringify(activity).length * 2).toBeLessThanOrEqual(80 * 1024);
      const cards = (activity.attachments as { content: { actions?: unknown[] } }[] | undefined) ?? [];
      for (const card of cards) expect(card.content.actions?.length ?? 0).toBeLessThanOrEqual(6);
    }
    const values = posted
      .slice(4, 6)
      .flatMap(({ activity }) =>
        (activity.attachments as { content: { actions?: { data?: { tandemValue?: string } }[] } }[]).flatMap(
          (a) =>
            (a.content.actions ?? []).flatMap((action) => (action.data ? [action.data.tandemValue] : [])),
        ),
      );
    expect(values).toEqual(worst.slice(4).flatMap((m) => (m.buttons ?? []).map((b) => b.value)));
  });
});
