import { describe, expect, it } from "vitest";
import { createEventBacklog, LEAST_WAITING } from "../../../adapters/slack/event-backlog.js";

function clock() {
  let ms = 10_000;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

const admitMany = (backlog: ReturnType<typeof createEventBacklog>, n: number) =>
  Array.from({ length: n }, () => backlog.admit());

describe("the Slack event backlog", () => {
  it("admits a burst that is recorded quickly, however large", () => {
    const time = clock();
    const backlog = createEventBacklog(time.now);
    const slots = admitMany(backlog, 5 * LEAST_WAITING);
    expect(slots.every((slot) => slot !== undefined)).toBe(true);
    expect(backlog.waiting()).toBe(5 * LEAST_WAITING);
  });

  it("refuses new events once many wait and the oldest has waited, and admits again once they are answered", () => {
    const time = clock();
    const backlog = createEventBacklog(time.now);
    const slots = admitMany(backlog, LEAST_WAITING);
    time.advance(300);
    expect(backlog.admit()).toBeUndefined();
    for (const slot of slots) slot?.done();
    expect(backlog.admit()).toBeDefined();
  });

  it("lets as many wait as were answered in the last second (Little's law), not fewer", () => {
    const time = clock();
    const backlog = createEventBacklog(time.now);
    // 400 answered within one second: up to 400 may wait for a second.
    time.advance(1_000 - (time.now() % 1_000));
    for (const slot of admitMany(backlog, 400)) slot?.done();
    time.advance(1_000);
    const waiting = admitMany(backlog, 399);
    time.advance(300);
    expect(waiting.every((slot) => slot !== undefined)).toBe(true);
    expect(backlog.admit()).toBeDefined(); // the 400th
    expect(backlog.admit()).toBeUndefined(); // the 401st, with the oldest waiting 300 ms
  });

  it("does not refuse because one slow event waits among few", () => {
    const time = clock();
    const backlog = createEventBacklog(time.now);
    backlog.admit(); // never answered (a slow set-up)
    time.advance(2_500);
    expect(admitMany(backlog, LEAST_WAITING - 1).every((slot) => slot !== undefined)).toBe(true);
  });

  it("frees a slot once only, however often it is answered", () => {
    const time = clock();
    const backlog = createEventBacklog(time.now);
    const slot = backlog.admit();
    backlog.admit();
    slot?.done();
    slot?.done();
    expect(backlog.waiting()).toBe(1);
  });
});
