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

  it("are read for several internships at once, with their internships and people, as one by one", async () => {
    const { store, workspace, internship, withReaction } = await setUp();
    await store.agreements.addVersion(workspace.id, internship.id, withReaction("eyes"), undefined, at);
    const all = await store.internships.list(workspace.id);
    const ids = [...all.map((i) => i.id), 999_999];
    const each = await store.internships.getEach(ids);
    expect(each.sort((a, b) => a.id - b.id)).toEqual(all.sort((a, b) => a.id - b.id));
    const terms = await store.agreements.currentTermsEach(ids);
    for (const i of all) expect(terms.get(i.id)).toEqual(await store.agreements.currentTerms(i.id));
    expect(terms.get(internship.id)?.replies.ackReaction).toBe("eyes");
    expect(terms.has(999_999)).toBe(false);
    const people = await store.people.list(workspace.id);
    const found = await store.people.getEach([...people.map((p) => p.id), 999_999]);
    expect(found.sort((a, b) => a.id - b.id)).toEqual(people.sort((a, b) => a.id - b.id));
    expect(await store.people.getEach([])).toEqual([]);
    expect(await store.internships.getEach([])).toEqual([]);
    expect(await store.agreements.currentTermsEach([])).toEqual(new Map());
  });
});
