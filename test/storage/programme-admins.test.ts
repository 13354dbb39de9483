import { expect, it } from "vitest";
import { describeEachStore } from "../helpers/each-store.js";

describeEachStore("programme admins", (each) => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));

  it("lists a workspace's admins in the order they were added, each once", async () => {
    const { store } = each;
    const ws = await store.workspaces.ensure("teams", "tenant", "", at(0));
    const other = await store.workspaces.ensure("teams", "other", "", at(0));
    expect(await store.programmeAdmins.add(ws.id, "aad-lena", undefined, at(1))).toBe(true);
    expect(await store.programmeAdmins.add(ws.id, "aad-marc", "aad-lena", at(2))).toBe(true);
    expect(await store.programmeAdmins.add(ws.id, "aad-lena", "aad-marc", at(3))).toBe(false);
    expect(await store.programmeAdmins.list(ws.id)).toEqual(["aad-lena", "aad-marc"]);
    expect(await store.programmeAdmins.has(ws.id, "aad-marc")).toBe(true);
    expect(await store.programmeAdmins.has(other.id, "aad-marc")).toBe(false);
    expect(await store.programmeAdmins.list(other.id)).toEqual([]);
  });

  it("removes an admin, and says whether they were one", async () => {
    const { store } = each;
    const ws = await store.workspaces.ensure("slack", "T1", "", at(0));
    await store.programmeAdmins.add(ws.id, "U1", undefined, at(1));
    expect(await store.programmeAdmins.remove(ws.id, "U1")).toBe(true);
    expect(await store.programmeAdmins.remove(ws.id, "U1")).toBe(false);
    expect(await store.programmeAdmins.has(ws.id, "U1")).toBe(false);
  });

  it("forgets an admin added in a transaction that was rolled back", async () => {
    const { store } = each;
    const ws = await store.workspaces.ensure("slack", "T1", "", at(0));
    await expect(
      store.transaction(async () => {
        await store.programmeAdmins.add(ws.id, "U1", undefined, at(1));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await store.programmeAdmins.list(ws.id)).toEqual([]);
  });
});
