import { afterEach, describe, expect, it, vi } from "vitest";
import { createPacer } from "../../../adapters/shared/pacer.js";

afterEach(() => {
  vi.useRealTimers();
});

/** Starts `count` sends at once and returns when each was let through, in ms after the start. */
async function releaseTimes(
  pacer: ReturnType<typeof createPacer>,
  sends: [string, string][],
): Promise<number[]> {
  const start = Date.now();
  const times: number[] = [];
  const all = sends.map(([team, channel]) =>
    pacer.wait(team, channel).then(() => times.push(Date.now() - start)),
  );
  await vi.runAllTimersAsync();
  await Promise.all(all);
  return times.sort((a, b) => a - b);
}

describe("the pacer", () => {
  it("spaces messages to one channel, and lets other channels go meanwhile", async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = createPacer({ perChannelMs: 1_000, perWorkspaceMs: 10, now: () => Date.now() });
    const times = await releaseTimes(pacer, [
      ["T1", "C1"],
      ["T1", "C1"],
      ["T1", "C2"],
    ]);
    // The second C1 message takes the 10 ms workspace slot but waits for its channel; C2 goes at 20 ms.
    expect(times).toEqual([0, 20, 1_000]);
  });

  it("keeps a workspace under its cap for any sliding minute", async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = createPacer({
      perChannelMs: 0,
      perWorkspaceMs: 0,
      perWorkspacePerMinute: 3,
      now: () => Date.now(),
    });
    const sends = Array.from({ length: 7 }, (_, i): [string, string] => ["T1", `C${i}`]);
    const times = await releaseTimes(pacer, sends);
    expect(times).toEqual([0, 0, 0, 60_000, 60_000, 60_000, 120_000]);
    const other = await releaseTimes(pacer, [["T2", "C1"]]);
    expect(other).toEqual([0]);
  });
});
