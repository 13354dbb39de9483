import { describe, expect, it } from "vitest";
import { summarizeWholeInternship } from "../../src/services/internship-summary.js";
import { erasePerson, exportPerson } from "../../src/services/person-data.js";
import { createServiceHarness } from "../helpers/service-harness.js";
import { rawRows, tableNames } from "../helpers/test-store.js";

const SP = "America/Sao_Paulo";
const ANA_WORDS = [
  "survey drafted",
  "the client contract is late",
  "decisions come by email",
  "Market study",
  "coffee chat",
];

/** Ana's month so far: check-ins with a blocker forwarded to Bram, a milestone, a reflection, meetings. */
async function anaWithHistory() {
  const h = await createServiceHarness({ rules: "checkin" });
  await h.tickAt(h.local("2026-12-01T09:30", SP));
  await h.bot.handle({
    kind: "action",
    id: "form-1",
    platform: "console",
    workspace: "test",
    user: "ana",
    conversation: "console:test:user:ana",
    at: h.clock.now(),
    action: "checkin.answer",
    value: "2026-12-01",
    form: { progress: "survey drafted", blockers: "the client contract is late", connectedness: "4" },
  });
  await h.say("ana", 'milestone add "Market study" due 2026-12-15');
  await h.say("ana", "met @bram coffee chat");
  const ana = await h.internship("ana-2026");
  await h.store.reflections.save(
    h.workspace.id,
    { internshipId: ana.id, week: "2026-W49", text: "decisions come by email", shared: true },
    h.clock.now(),
  );
  await h.tickAt(h.local("2026-12-01T11:00", SP));
  return h;
}

/** Every row of every table, as text: what someone reading the database file would see. */
const dump = async (h: Awaited<ReturnType<typeof anaWithHistory>>) => {
  const tables = await tableNames(h.store);
  const rows = await Promise.all(tables.map((name) => rawRows(h.store, `SELECT * FROM "${name}"`)));
  return rows.map((r) => JSON.stringify(r)).join("\n");
};

const figures = async (h: Awaited<ReturnType<typeof anaWithHistory>>) => {
  const s = (await summarizeWholeInternship(
    h.store,
    h.workspace.id,
    (
      await h.internship("ana-2026")
    ).id,
    h.clock.now(),
  ))!;
  return {
    checkins: s.checkins,
    milestones: Object.values(s.milestones).map((list) => list.length),
    replies: s.replies,
    introductions: s.introductions,
  };
};

describe("a person's data under their control", () => {
  it("exports everything Tandem holds about the intern as JSON", async () => {
    const h = await anaWithHistory();
    const exported = await exportPerson(h.store, h.workspace, "ana", h.clock.now());
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    const data = exported.value as unknown as Record<string, unknown[]> & { profile: { name: string } };
    expect(data.profile.name).toBe("Ana Souza");
    expect(data.roles).toEqual([
      { internship: "ana-2026", start: "2026-11-01", end: "2027-03-31", roles: ["intern"] },
    ]);
    expect(data.checkins).toHaveLength(1);
    expect(data.reflections).toHaveLength(1);
    expect(data.milestones).toHaveLength(1);
    expect(data.meetings).toHaveLength(1);
    expect(data.outbox?.length).toBeGreaterThan(0);
    expect(data.audit?.length).toBeGreaterThan(0);
    const text = JSON.stringify(data);
    for (const words of ANA_WORDS) expect(text).toContain(words);
    // Bram's export has his roles and the blocker forwarded to him, not Ana's reflection.
    const bram = await exportPerson(h.store, h.workspace, "bram", h.clock.now());
    expect(bram.ok && JSON.stringify(bram.value)).toContain("the client contract is late");
    expect(bram.ok && JSON.stringify(bram.value)).not.toContain("decisions come by email");
  });

  it("erases the intern everywhere, records only that an erasure happened, and keeps the figures", async () => {
    const h = await anaWithHistory();
    const anaId = (await h.person("ana")).id;
    const before = await figures(h);
    expect(before.checkins.scores).toHaveLength(1);
    expect(await dump(h)).toContain("the client contract is late");
    const erased = await erasePerson(h.store, h.workspace, "ana", h.clock.now());
    expect(erased.ok).toBe(true);

    const all = await dump(h);
    for (const words of [...ANA_WORDS, "Ana Souza"]) expect(all).not.toContain(words);
    expect(await h.store.people.byKey(h.workspace.id, "ana")).toBeUndefined();
    const again = await exportPerson(h.store, h.workspace, `erased-${anaId}`, h.clock.now());
    expect(again.ok).toBe(true);
    if (again.ok) {
      const text = JSON.stringify(again.value);
      for (const words of [...ANA_WORDS, "Ana Souza", '"ana"']) expect(text).not.toContain(words);
      expect((again.value as unknown as { identities: unknown[] }).identities).toEqual([]);
    }
    expect(await figures(h)).toEqual(before);
    const audit = await h.store.audit.list(h.workspace.id);
    expect(audit.find((a) => a.action === "person.erase")).toMatchObject({
      entity: "person",
      entityId: anaId,
    });
    expect(audit.find((a) => a.action === "person.erase")?.detail).toBeUndefined();
    // Nothing queued for her is sent any more.
    const sent = h.platform.sent.length;
    await h.tickAt(h.local("2026-12-02T09:30", SP));
    expect(h.platform.sent.slice(sent).filter((s) => s.address.endsWith(":user:ana"))).toEqual([]);
  });

  it("exports and erases what Tandem answered the intern in a direct message (the reply's row names her)", async () => {
    const h = await anaWithHistory();
    const anaId = (await h.person("ana")).id;
    const address = "console:test:user:ana";
    await h.bot.handle({
      kind: "message",
      id: "dm-1",
      platform: "console",
      workspace: "test",
      user: "ana",
      conversation: address,
      replyTo: address,
      at: h.clock.now(),
      messageRef: "dm-1",
      mentions: [],
      asks: false,
      isDirect: true,
      fromBot: false,
      text: "milestone list",
    });
    const reply = await h.store.outbox.get(h.workspace.id, "reply-to:dm-1");
    expect(reply).toMatchObject({ recipientId: anaId, address });
    expect(reply?.payload.text).toContain("Market study");

    const exported = await exportPerson(h.store, h.workspace, "ana", h.clock.now());
    const rows = exported.ok ? (exported.value as unknown as { outbox: { key: string }[] }).outbox : [];
    expect(rows.find((r) => r.key === "reply-to:dm-1")).toMatchObject({
      payload: { text: expect.stringContaining("Market study") },
    });
    expect((await erasePerson(h.store, h.workspace, "ana", h.clock.now())).ok).toBe(true);
    const erased = await h.store.outbox.get(h.workspace.id, "reply-to:dm-1");
    expect(erased?.address).toBe("");
    expect(JSON.stringify(erased?.payload)).not.toContain("Market study");
  });

  it("says which keys exist when the person is unknown", async () => {
    const h = await anaWithHistory();
    const missing = await exportPerson(h.store, h.workspace, "anna", h.clock.now());
    expect(missing).toEqual({
      ok: false,
      error: expect.stringMatching(/^there is no person "anna" in console:test \(known: ana, /),
    });
  });
});
