import { expect, it } from "vitest";
import { describeEachStore } from "../helpers/each-store.js";

describeEachStore("portal links and sessions", (each) => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
  const link = (hash: string) => ({
    tokenHash: hash,
    principal: '{"kind":"person","workspaceId":1,"personId":2}',
    nextPath: "/portal/internships/3",
    createdAt: at(0),
    expiresAt: at(15),
  });

  it("uses a link once, before it expires", async () => {
    const { store } = each;
    await store.portalLinks.add(link("a"));
    await store.portalLinks.add(link("b"));
    expect(await store.portalLinks.use("a", at(5))).toEqual(link("a"));
    expect(await store.portalLinks.use("a", at(6))).toBeUndefined();
    expect(await store.portalLinks.use("b", at(15))).toBeUndefined();
    expect(await store.portalLinks.use("unknown", at(1))).toBeUndefined();
  });

  it("prunes expired links", async () => {
    const { store } = each;
    await store.portalLinks.add(link("a"));
    expect(await store.portalLinks.prune(at(10))).toBe(0);
    expect(await store.portalLinks.prune(at(16))).toBe(1);
    expect(await store.portalLinks.use("a", at(1))).toBeUndefined();
  });

  it("keeps a session until it expires, rewrites it and destroys it", async () => {
    const { store } = each;
    await store.portalSessions.set("s", '{"v":1}', at(30));
    expect(await store.portalSessions.get("s", at(29))).toBe('{"v":1}');
    expect(await store.portalSessions.get("s", at(30))).toBeUndefined();
    await store.portalSessions.set("s", '{"v":2}', at(60));
    expect(await store.portalSessions.get("s", at(31))).toBe('{"v":2}');
    expect(await store.portalSessions.prune(at(59))).toBe(0);
    await store.portalSessions.destroy("s");
    expect(await store.portalSessions.get("s", at(31))).toBeUndefined();
  });

  it("counts hits per key in fixed windows, starting again once a window ended", async () => {
    const { store } = each;
    const window = 15 * 60_000;
    expect(await store.portalLimits.hit("a", window, at(0))).toEqual({ count: 1, resetAt: at(15) });
    expect(await store.portalLimits.hit("a", window, at(5))).toEqual({ count: 2, resetAt: at(15) });
    expect(await store.portalLimits.hit("b", window, at(5))).toEqual({ count: 1, resetAt: at(20) });
    expect(await store.portalLimits.hit("a", window, at(15))).toEqual({ count: 1, resetAt: at(30) });
    expect(await store.portalLimits.prune(at(25))).toBe(1);
    expect(await store.portalLimits.hit("b", window, at(26))).toEqual({ count: 1, resetAt: at(41) });
  });
});
