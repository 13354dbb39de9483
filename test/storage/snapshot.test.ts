/**
 * Store.snapshot, the private copy preview week runs the rules on: on both engines it holds the
 * workspace's rows with their ids, and nothing done to it reaches the store. PostgreSQL copies only the
 * workspace asked for (its rows into an in-memory SQLite store); SQLite copies its whole image.
 */
import { expect, it } from "vitest";
import { describeEachStore } from "../helpers/each-store.js";
import { personInput } from "../helpers/person-input.js";

const AT = new Date("2026-12-01T10:00:00Z");

describeEachStore("a private copy of the store", (each) => {
  it("holds the workspace's people with their ids and platform ids, and writes to it stay in it", async () => {
    const { store } = each;
    const acme = await store.workspaces.ensure("slack", "T1", "Acme", AT);
    const other = await store.workspaces.ensure("slack", "T2", "Other", AT);
    await store.people.upsert(acme.id, personInput("ana", { ids: { slack: "U0ANA" } }), AT);
    await store.people.upsert(other.id, personInput("zed", { ids: { slack: "U0ZED" } }), AT);
    await store.platformRefs.save("slack", "T1", "user", "U0ANA", '{"ana":1}', AT);
    await store.platformRefs.save("slack", "T2", "user", "U0ZED", '{"zed":1}', AT);
    const ana = (await store.people.byKey(acme.id, "ana"))!;

    const copy = await store.snapshot!({ workspaceId: acme.id });
    try {
      expect(await copy.people.byKey(acme.id, "ana")).toEqual(ana);
      expect(await copy.people.byPlatformId(acme.id, "slack", "U0ANA")).toEqual(ana);
      await copy.people.upsert(acme.id, personInput("ben"), AT);
      const others = (await copy.workspaces.list()).map((w) => w.externalId);
      // PostgreSQL reads only the workspace asked for; SQLite's image holds them all.
      expect(others).toEqual(each.kind === "postgres" ? ["T1"] : ["T1", "T2"]);
      expect(await copy.platformRefs.get("slack", "T1", "user", "U0ANA")).toBe('{"ana":1}');
      if (each.kind === "postgres") {
        expect(await copy.people.byKey(other.id, "zed")).toBeUndefined();
        expect(await copy.platformRefs.get("slack", "T2", "user", "U0ZED")).toBeUndefined();
      }
    } finally {
      await copy.close();
    }
    expect(await store.people.byKey(acme.id, "ben")).toBeUndefined();
    expect((await store.workspaces.list()).map((w) => w.externalId)).toEqual(["T1", "T2"]);
  });
});
