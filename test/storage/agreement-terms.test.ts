import { expect, it } from "vitest";
import { DEFAULT_TERMS } from "../../src/domain/agreement.js";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import { describeEachStore } from "../helpers/each-store.js";
import { sampleProgramme } from "../helpers/programme.js";

const at = new Date("2026-11-30T12:00:00Z");

describeEachStore("the current agreement's terms", (each) => {
  async function setUp() {
    const store = each.store;
    await importProgramme(store, sampleProgramme(), at);
    const workspace = (await store.workspaces.find("console", "test"))!;
    const internship = (await store.internships.byKey(workspace.id, "ana-2026"))!;
    const withReaction = (ackReaction: string) => ({
      ...DEFAULT_TERMS,
      replies: { ...DEFAULT_TERMS.replies, ackReaction },
    });
    return { store, workspace, internship, withReaction };
  }

  it("are shared read-only: a caller cannot change them for the next one", async () => {
    const { store, internship } = await setUp();
    const terms = (await store.agreements.currentTerms(internship.id))!;
    expect(() => {
      (terms.replies as { ackReaction: string }).ackReaction = "tada";
    }).toThrow(TypeError);
    expect((await store.agreements.currentTerms(internship.id))?.replies.ackReaction).toBe(
      terms.replies.ackReaction,
    );
  });

  it("follow a new version, also one written after a version that was rolled back", async () => {
    const { store, workspace, internship, withReaction } = await setUp();
    await expect(
      store.transaction(async () => {
        await store.agreements.addVersion(workspace.id, internship.id, withReaction("eyes"), undefined, at);
        expect((await store.agreements.currentTerms(internship.id))?.replies.ackReaction).toBe("eyes");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    // On SQLite the next version gets the rolled-back one's row id, with other terms.
    await store.agreements.addVersion(workspace.id, internship.id, withReaction("thumbsup"), undefined, at);
    expect((await store.agreements.currentTerms(internship.id))?.replies.ackReaction).toBe("thumbsup");
  });
});
