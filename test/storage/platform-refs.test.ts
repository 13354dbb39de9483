import { describe, expect, it } from "vitest";
import { createTestStore } from "../helpers/test-store.js";

describe("platform references", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));

  function setUp() {
    const store = createTestStore();
    const row = () =>
      store.db.prepare("SELECT reference, updated_at FROM platform_references WHERE key = 'u1'").get() as
        | { reference: string; updated_at: number }
        | undefined;
    const save = (reference: string, minute: number) =>
      store.platformRefs.save("teams", "tenant", "user", "u1", reference, at(minute));
    return { store, row, save };
  }

  it("writes a reference only when it changed", () => {
    const { store, row, save } = setUp();
    save("ref-a", 0);
    save("ref-a", 1);
    expect(row()).toEqual({ reference: "ref-a", updated_at: at(0).getTime() });
    save("ref-b", 2);
    expect(row()).toEqual({ reference: "ref-b", updated_at: at(2).getTime() });
    expect(store.platformRefs.get("teams", "tenant", "user", "u1")).toBe("ref-b");
    expect(store.platformRefs.get("teams", "other-tenant", "user", "u1")).toBeUndefined();
  });

  it("does not trust a reference saved in a transaction that was rolled back", () => {
    const { store, row, save } = setUp();
    expect(() =>
      store.transaction(() => {
        save("ref-a", 0);
        expect(store.platformRefs.get("teams", "tenant", "user", "u1")).toBe("ref-a");
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(store.platformRefs.get("teams", "tenant", "user", "u1")).toBeUndefined();
    save("ref-a", 1);
    expect(row()).toEqual({ reference: "ref-a", updated_at: at(1).getTime() });
  });
});
