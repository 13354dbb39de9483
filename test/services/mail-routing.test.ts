import { describe, expect, it } from "vitest";
import { queueDirect } from "../../src/services/notify.js";
import { erasePerson } from "../../src/services/person-data.js";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { queueSignInLink, signInLinkKey } from "../../src/services/sign-in-link.js";
import { openTestStore, testStoreKind } from "../helpers/test-store.js";

const NOW = new Date("2026-12-01T10:00:00Z");

/** A Slack workspace whose coordinator has no Slack account, only an address. */
function programme(): ProgrammeInput {
  const person = (key: string, name: string, slack?: string) => ({
    key,
    name,
    timezone: "Europe/Brussels",
    country: "BE",
    contactHours: "Mon-Fri 09:00-17:00",
    ...(slack ? { ids: { slack } } : {}),
  });
  return {
    workspace: { platform: "slack", id: "T1" },
    people: [
      person("ana", "Ana Souza", "U0ANA"),
      { ...person("bram", "Bram Peeters", "U0BRAM"), email: "Bram@Example.com" },
      { ...person("lena", "Lena Vogel"), email: "lena@uni.example" },
    ],
    internships: [
      {
        key: "ana-2026",
        intern: "ana",
        supervisor: "bram",
        coordinator: "lena",
        start: "2026-11-01",
        end: "2027-03-31",
      },
    ],
  };
}

async function setUp() {
  const store = await openTestStore(testStoreKind());
  await importProgramme(store, programme(), NOW);
  const workspace = (await store.workspaces.find("slack", "T1"))!;
  const person = async (key: string) => (await store.people.byKey(workspace.id, key))!;
  return { store, workspace, person };
}

describe("people reached by e-mail", () => {
  it("keeps the address from the programme file, lower-case, and finds people by it across workspaces", async () => {
    const { store, person } = await setUp();
    expect((await person("bram")).email).toBe("bram@example.com");
    expect((await person("lena")).ids).toEqual({});
    const found = await store.people.byEmail("LENA@uni.example");
    expect(found.map((p) => p.key)).toEqual(["lena"]);
    expect(await store.people.byEmail("nobody@example.com")).toEqual([]);
  });

  it("queues messages for someone with no chat id to their e-mail address", async () => {
    const { store, workspace, person } = await setUp();
    expect(await queueDirect(store, workspace, await person("lena"), "note:1", { text: "hi" }, NOW)).toBe(
      true,
    );
    const row = await store.outbox.get(workspace.id, "note:1");
    expect(row?.address).toBe("email:lena@uni.example");
    expect(row?.recipientId).toBe((await person("lena")).id);
  });

  it("sends chat users their messages in chat, and their digests by e-mail only once they choose it", async () => {
    const { store, workspace, person } = await setUp();
    const bram = await person("bram");
    await queueDirect(store, workspace, bram, "digest:2:1:2026-W49", { text: "week" }, NOW);
    expect((await store.outbox.get(workspace.id, "digest:2:1:2026-W49"))?.address).toBe(
      "slack:T1:user:U0BRAM",
    );
    await store.people.setDigestsTo(bram.id, "email");
    const choosing = await person("bram");
    expect(choosing.digestsTo).toBe("email");
    await queueDirect(store, workspace, choosing, "digest:2:1:2026-W50", { text: "week" }, NOW);
    await queueDirect(store, workspace, choosing, "nudge:1:x", { text: "nudge" }, NOW);
    expect((await store.outbox.get(workspace.id, "digest:2:1:2026-W50"))?.address).toBe(
      "email:bram@example.com",
    );
    expect((await store.outbox.get(workspace.id, "nudge:1:x"))?.address).toBe("slack:T1:user:U0BRAM");
  });

  it("keeps the address and the digest choice when the same file is imported again", async () => {
    const { store, workspace, person } = await setUp();
    await store.people.setDigestsTo((await person("bram")).id, "email");
    await importProgramme(store, programme(), NOW);
    expect((await person("bram")).email).toBe("bram@example.com");
    expect((await person("bram")).digestsTo).toBe("email");
    expect(workspace.platform).toBe("slack");
  });
});

describe("erasing a person reached by e-mail", () => {
  it("forgets their address", async () => {
    const { store, workspace } = await setUp();
    expect((await erasePerson(store, workspace, "lena", NOW)).ok).toBe(true);
    expect(await store.people.byEmail("lena@uni.example")).toEqual([]);
  });
});

describe("portal sign-in links", () => {
  it("queues one e-mail per link, at once and expiring with the link, outside the daily budget", async () => {
    const { store, workspace, person } = await setUp();
    const lena = await person("lena");
    const url = "https://tandem.example/portal/sign-in/abc123";
    expect(await queueSignInLink(store, lena, url, NOW)).toBe(true);
    expect(await queueSignInLink(store, lena, url, NOW)).toBe(false);
    expect(await queueSignInLink(store, lena, `${url}x`, NOW)).toBe(true);
    const claimed = await store.outbox.claim(NOW, 60_000, 10, [workspace.id]);
    expect(claimed).toHaveLength(2);
    const first = claimed[0]!;
    expect(first.address).toBe("email:lena@uni.example");
    expect(first.recipientId).toBeUndefined();
    expect(first.payload.text).toContain(url);
    expect(first.expiresAt?.getTime()).toBe(NOW.getTime() + 15 * 60_000);
    expect(claimed.map((row) => row.key)).toContain(signInLinkKey(lena, url));
  });

  it("queues nothing for someone without an address", async () => {
    const { store, person } = await setUp();
    expect(await queueSignInLink(store, await person("ana"), "https://x.example/l", NOW)).toBe(false);
  });
});
