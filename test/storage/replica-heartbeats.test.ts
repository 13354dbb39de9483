import { expect, it } from "vitest";
import { describeEachStore } from "../helpers/each-store.js";

const T0 = new Date("2026-12-01T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachStore("replica heartbeats", (each) => {
  it("lists the replicas seen since an instant, by name, each once however often it beat", async () => {
    const { store } = each;
    await store.replicas.beat("replica-b", T0);
    await store.replicas.beat("replica-a", at(1_000));
    await store.replicas.beat("replica-a", at(5_000));
    expect(await store.replicas.live(T0)).toEqual(["replica-a", "replica-b"]);
    expect(await store.replicas.live(at(1))).toEqual(["replica-a"]);
    expect(await store.replicas.live(at(5_001))).toEqual([]);
  });

  it("keeps a replica's latest beat, even one earlier than the last (a clock set back), and forgets one that leaves", async () => {
    const { store } = each;
    await store.replicas.beat("replica-a", at(60_000));
    await store.replicas.beat("replica-a", at(1_000));
    expect(await store.replicas.live(at(2_000))).toEqual([]);
    await store.replicas.beat("replica-b", T0);
    await store.replicas.leave("replica-b");
    await store.replicas.leave("replica-c");
    expect(await store.replicas.live(T0)).toEqual(["replica-a"]);
  });
});
