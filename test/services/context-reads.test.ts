import { describe, expect, it } from "vitest";
import type { Store } from "../../src/ports/store.js";
import { sharedContextReads } from "../../src/services/internship-context.js";

/** Only what the reads call, counting each call. */
function countingStore() {
  const calls: string[] = [];
  const store = {
    workspaces: {
      get: async (id: number) => {
        calls.push(`workspace ${id}`);
        return { id };
      },
    },
    people: {
      get: async (_workspaceId: number, id: number) => {
        calls.push(`person ${id}`);
        if (id === 99) throw new Error("connection lost");
        return { id };
      },
    },
    daysOff: {
      of: async (id: number) => {
        calls.push(`days off ${id}`);
        return { holidays: [], closures: [] };
      },
    },
  } as unknown as Store;
  return { store, calls };
}

describe("reads shared by the contexts of one batch of wake-ups", () => {
  it("reads a workspace, a person and a workspace's days off once however many internships share them", async () => {
    const { store, calls } = countingStore();
    const reads = sharedContextReads(store);
    for (let i = 0; i < 5; i++) {
      await reads.workspace(1);
      await reads.person(1, 7);
      await reads.daysOff(1);
    }
    await reads.person(1, 8);
    expect(calls).toEqual(["workspace 1", "person 7", "days off 1", "person 8"]);
  });

  it("reads again after a failed read instead of keeping the failure", async () => {
    const { store, calls } = countingStore();
    const reads = sharedContextReads(store);
    await expect(reads.person(1, 99)).rejects.toThrow("connection lost");
    await expect(reads.person(1, 99)).rejects.toThrow("connection lost");
    expect(calls).toEqual(["person 99", "person 99"]);
  });
});
