import { describe, expect, it } from "vitest";
import { conversationAddress, userAddress } from "../../src/domain/addresses.js";
import type { Address, OutboundMessage } from "../../src/domain/messages.js";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import { createSettableClock } from "../../src/ports/clock.js";
import type { OutboxItem } from "../../src/ports/store.js";
import { type Delivery, deliveryLanes } from "../../src/services/delivery-policy.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { captureLog } from "../helpers/log-capture.js";
import { personInput } from "../helpers/person-input.js";
import { openTestStore } from "../helpers/test-store.js";

/** Tuesday 2026-12-01, 10:00 in Brussels: inside everyone's contact hours. */
const NOW = new Date("2026-12-01T09:00:00Z");

/** A platform whose sends take a while, logging when each starts and ends. */
function slowPlatform(ms: number) {
  const events: { at: "start" | "end"; text: string; address: Address }[] = [];
  let inFlight = 0;
  let peak = 0;
  const platform: ChatPlatform = {
    name: "console",
    routes: [],
    async start() {},
    async stop() {},
    async send(address: Address, message: OutboundMessage) {
      events.push({ at: "start", text: message.text, address });
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, ms));
      inFlight -= 1;
      events.push({ at: "end", text: message.text, address });
      return { ref: message.text };
    },
  };
  return { platform, events, peak: () => peak };
}

async function setup(concurrency?: number) {
  const store = await openTestStore(undefined, { now: NOW });
  const clock = createSettableClock(NOW);
  const workspace = await store.workspaces.ensure("console", "w", "", NOW);
  const slow = slowPlatform(15);
  const dispatcher = createDispatcher({
    store,
    platforms: new Map<Platform, ChatPlatform>([["console", slow.platform]]),
    clock,
    log: captureLog().log,
    ...(concurrency ? { options: { concurrency } } : {}),
  });
  const person = async (key: string) => (await store.people.upsert(workspace.id, personInput(key), NOW)).id;
  let counter = 0;
  const enqueue = async (text: string, to: { person: number; key: string } | { channel: string }) => {
    const address =
      "channel" in to ? conversationAddress("console", "w", to.channel) : userAddress("console", "w", to.key);
    await store.outbox.enqueue(
      {
        workspaceId: workspace.id,
        key: `m${++counter}`,
        address,
        payload: { text },
        notBefore: NOW,
        ...("person" in to ? { recipientId: to.person } : {}),
      },
      NOW,
    );
  };
  return { store, dispatcher, person, enqueue, ...slow };
}

/** Index of an event in the log. */
const when = (events: { at: string; text: string }[], at: "start" | "end", text: string) =>
  events.findIndex((e) => e.at === at && e.text === text);

describe("dispatcher concurrency", () => {
  it("sends to different recipients at the same time, and one recipient's messages one after another in order", async () => {
    const t = await setup();
    const ana = { person: await t.person("ana"), key: "ana" };
    const bram = { person: await t.person("bram"), key: "bram" };
    const chloe = { person: await t.person("chloe"), key: "chloe" };
    await t.enqueue("ana 1", ana);
    await t.enqueue("ana 2", ana);
    await t.enqueue("bram 1", bram);
    await t.enqueue("ana 3", ana);
    await t.enqueue("chloe 1", chloe);
    await t.enqueue("bram 2", bram);

    expect(await t.dispatcher.dispatch(NOW)).toMatchObject({ sent: 6, merged: 0 });

    // Different recipients overlap: bram's and chloe's first messages start before ana's first ends.
    expect(t.peak()).toBe(3);
    expect(when(t.events, "start", "bram 1")).toBeLessThan(when(t.events, "end", "ana 1"));
    expect(when(t.events, "start", "chloe 1")).toBeLessThan(when(t.events, "end", "ana 1"));
    // One recipient's: each starts only after the one before it ended, in the order queued.
    for (const [before, after] of [
      ["ana 1", "ana 2"],
      ["ana 2", "ana 3"],
      ["bram 1", "bram 2"],
    ] as const) {
      expect(when(t.events, "end", before)).toBeLessThan(when(t.events, "start", after));
    }
  });

  it("keeps posts to one conversation in order, one at a time", async () => {
    const t = await setup();
    for (const text of ["first", "second", "third"]) await t.enqueue(text, { channel: "general" });
    await t.enqueue("elsewhere", { channel: "random" });
    await t.dispatcher.dispatch(NOW);
    const general = t.events.filter((e) => e.address.endsWith("general"));
    expect(general.map((e) => `${e.at} ${e.text}`)).toEqual([
      "start first",
      "end first",
      "start second",
      "end second",
      "start third",
      "end third",
    ]);
    expect(when(t.events, "start", "elsewhere")).toBeLessThan(when(t.events, "end", "first"));
  });

  it("never has more deliveries in flight than allowed", async () => {
    const t = await setup(2);
    for (const key of ["a", "b", "c", "d", "e"])
      await t.enqueue(`to ${key}`, { person: await t.person(key), key });
    expect(await t.dispatcher.dispatch(NOW)).toMatchObject({ sent: 5 });
    expect(t.peak()).toBe(2);
  });
});

describe("delivery lanes", () => {
  const item = (id: number, address: string, recipientId?: number): OutboxItem => ({
    id,
    workspaceId: 1,
    key: `k${id}`,
    address,
    payload: { text: `m${id}` },
    status: "sending",
    notBefore: NOW,
    attempts: 1,
    ...(recipientId === undefined ? {} : { recipientId }),
  });
  const single = (i: OutboxItem): Delivery => ({ items: [i], address: i.address, message: i.payload });
  const ids = (lanes: Delivery[][]) => lanes.map((lane) => lane.map((d) => d.items[0]!.id));

  it("joins deliveries that share a recipient or an address, transitively, in plan order", () => {
    const plan = [
      single(item(1, "dm:ana", 10)),
      single(item(2, "channel:home")),
      single(item(3, "dm:bram", 11)),
      // Reaches ana through her id at another address, then joins bram's lane through his address.
      single(item(4, "group:ana-bram", 10)),
      single(item(5, "group:ana-bram", 11)),
      single(item(6, "channel:home")),
    ];
    expect(ids(deliveryLanes(plan))).toEqual([
      [1, 3, 4, 5],
      [2, 6],
    ]);
  });
});
