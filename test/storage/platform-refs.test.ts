import { expect, it } from "vitest";
import { describeEachStore } from "../helpers/each-store.js";
import { rawRows } from "../helpers/test-store.js";

describeEachStore("platform references", (each) => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));

  function setUp() {
    const store = each.store;
    const row = async () =>
      (await rawRows(store, "SELECT reference, updated_at FROM platform_references WHERE key = 'u1'"))[0];
    const save = async (reference: string, minute: number) =>
      await store.platformRefs.save("teams", "tenant", "user", "u1", reference, at(minute));
    return { store, row, save };
  }

  it("writes a reference only when it changed", async () => {
    const { store, row, save } = setUp();
    await save("ref-a", 0);
    await save("ref-a", 1);
    expect(await row()).toEqual({ reference: "ref-a", updated_at: at(0).getTime() });
    await save("ref-b", 2);
    expect(await row()).toEqual({ reference: "ref-b", updated_at: at(2).getTime() });
    expect(await store.platformRefs.get("teams", "tenant", "user", "u1")).toBe("ref-b");
    expect(await store.platformRefs.get("teams", "other-tenant", "user", "u1")).toBeUndefined();
  });

  it("does not trust a reference saved in a transaction that was rolled back", async () => {
    const { store, row, save } = setUp();
    await expect(
      store.transaction(async () => {
        await save("ref-a", 0);
        expect(await store.platformRefs.get("teams", "tenant", "user", "u1")).toBe("ref-a");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await store.platformRefs.get("teams", "tenant", "user", "u1")).toBeUndefined();
    await save("ref-a", 1);
    expect(await row()).toEqual({ reference: "ref-a", updated_at: at(1).getTime() });
  });
});
