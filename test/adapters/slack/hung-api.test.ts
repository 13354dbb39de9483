/**
 * A hung Slack Web API must not stall Tandem (issue 15): each call times out, a lane gives up after its
 * first timeout (the rest of it back to the queue, attempts not counted), a pass starts no new send once
 * its time is up, planning never waits for a dispatch in flight, and stopping starts no new send.
 * The real Slack platform and dispatcher against the fake Web API, which holds calls without answering.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createSlackPlatform } from "../../../adapters/slack/slack-platform.js";
import type { Platform } from "../../../src/domain/types.js";
import type { ChatPlatform } from "../../../src/ports/chat-platform.js";
import { createDispatcher, type DispatchOptions } from "../../../src/services/dispatcher.js";
import { queueDirect } from "../../../src/services/notify.js";
import { createPlanner } from "../../../src/services/planner.js";
import { createTicker } from "../../../src/services/ticker.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { createBotHarness } from "../../helpers/bot-harness.js";
import { eventually } from "../../helpers/eventually.js";
import { slackProgramme } from "./slack-harness.js";

let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(options: Partial<DispatchOptions> = {}) {
  fake = await startFakeSlackApi();
  const h = await createBotHarness({ now: "2026-12-01T14:00:00Z", programme: slackProgramme() });
  h.log.allowErrors("send failed; will retry");
  const slack = createSlackPlatform(
    {
      auth: { kind: "token", botToken: "xoxb-test" },
      connection: { mode: "http", signingSecret: "secret" },
      apiUrl: fake.url,
      perChannelMs: 0,
      timeoutMs: 300,
    },
    { clock: h.clock, log: h.log.log },
  );
  const platforms = new Map<Platform, ChatPlatform>([["slack", slack]]);
  const dispatcher = createDispatcher({
    store: h.store,
    platforms,
    clock: h.clock,
    log: h.log.log,
    options: { backoffMs: () => 60_000, ...options },
  });
  /** Two messages for each of these people: one lane each. */
  const queueTwoEach = async (people: string[]) => {
    for (const key of people) {
      for (const n of [1, 2]) {
        await queueDirect(
          h.store,
          h.workspace,
          await h.person(key),
          `hung:${key}:${n}`,
          { text: `${n}` },
          h.clock.now(),
        );
      }
    }
  };
  const status = async (key: string) => await h.store.outbox.get(h.workspace.id, key);
  return { h, fake, dispatcher, queueTwoEach, status };
}

describe("a hung Slack Web API", () => {
  it("gives each lane up after its first timeout and puts the rest back unattempted", async () => {
    const { fake, dispatcher, queueTwoEach, status, h } = await setup();
    await queueTwoEach(["ana", "bram", "lena"]);
    fake.hangNext("chat.postMessage", 100);
    const result = await dispatcher.dispatch(h.clock.now());
    // One call per lane, not one per message: the second of each waits for the next pass.
    expect(fake.calls("chat.postMessage")).toHaveLength(3);
    expect(result).toMatchObject({ sent: 0, dead: 0, retried: 3, putBack: 3 });
    for (const key of ["ana", "bram", "lena"]) {
      expect(await status(`hung:${key}:1`)).toMatchObject({ status: "pending", attempts: 1 });
      expect(await status(`hung:${key}:2`)).toMatchObject({ status: "pending", attempts: 0 });
    }
  });

  it("starts no new send once the pass's time is up; what is left waits for the next tick", async () => {
    const { fake, dispatcher, queueTwoEach, h } = await setup({ concurrency: 1, passMs: 100 });
    await queueTwoEach(["ana", "bram", "lena"]);
    fake.hangNext("chat.postMessage", 100);
    const result = await dispatcher.dispatch(h.clock.now());
    expect(fake.calls("chat.postMessage")).toHaveLength(1);
    expect(result).toMatchObject({ retried: 1, putBack: 5 });
    expect(
      (await h.store.outbox.list({ status: "pending" })).filter((i) => i.key.startsWith("hung:")),
    ).toHaveLength(6);
  });

  it("plans a later tick while an earlier tick's sends hang, and stops without starting new sends", async () => {
    const { fake, dispatcher, queueTwoEach, h } = await setup({ concurrency: 1 });
    const planned: string[] = [];
    const planner = createPlanner({
      store: h.store,
      rules: [
        {
          name: "probe",
          plan: async (now) => {
            planned.push(now.toISOString());
            return [];
          },
        },
      ],
      log: h.log.log,
    });
    const ticker = createTicker({ planner, dispatcher, log: h.log.log });
    await queueTwoEach(["ana", "bram", "lena"]);
    fake.hangNext("chat.postMessage", 100);
    let firstEnded = false;
    const first = ticker.tick(new Date("2026-12-01T14:00:00Z")).finally(() => {
      firstEnded = true;
    });
    await fake.waitFor("chat.postMessage", 1);
    const second = ticker.tick(new Date("2026-12-01T14:01:00Z"));
    // Planning at 14:01 happens at once (the store is asynchronous: within a few turns), while the 14:00
    // send still hangs.
    await eventually(() => planned.length === 2);
    expect(firstEnded).toBe(false);
    expect(planned).toEqual(["2026-12-01T14:00:00.000Z", "2026-12-01T14:01:00.000Z"]);
    await ticker.stop();
    await Promise.all([first, second]);
    // The hung send timed out; stopping started no other.
    expect(fake.calls("chat.postMessage")).toHaveLength(1);
  });
});
