import { describe, expect, it } from "vitest";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import { createBotHarness } from "../helpers/bot-harness.js";
import { sampleProgramme } from "../helpers/programme.js";

describe("my hours and my country", () => {
  it("shows a person their contact hours and country", async () => {
    const h = await createBotHarness();
    expect(await h.say("bram", "my hours")).toBe(
      "Your contact hours: Mon-Fri 09:00-17:00 (Europe/Brussels). Tandem messages you, and counts your reply times, only then. Change them with e.g. my hours Mon-Thu 08:00-16:00.",
    );
    expect(await h.say("lena", "my country")).toMatch(/^Your public holidays are those of DE-BE\./);
  });

  it("sets a person's own contact hours, audits it and wakes the rules of their internships", async () => {
    const h = await createBotHarness();
    expect(await h.say("ana", "my hours Mon-Thu 08:00-16:00")).toBe(
      "Done: your contact hours are now Mon-Thu 08:00-16:00 (America/Sao_Paulo). Tandem messages you, and counts your reply times, only then.",
    );
    expect((await h.person("ana")).contactHours).toBe("Mon-Thu 08:00-16:00");
    expect((await h.store.audit.list(h.workspace.id)).some((a) => a.action === "my.hours")).toBe(true);
    expect(await h.say("ana", "my hours mon-thu 8:00-16:00")).toBe(
      "That is what Tandem already had; nothing changed.",
    );
  });

  it("sets the country and region whose holidays count, and refuses an unknown one with an example", async () => {
    const h = await createBotHarness();
    expect(await h.say("ana", "my country br sp")).toBe(
      "Done: the public holidays of BR-SP are now your days off.",
    );
    expect(await h.person("ana")).toMatchObject({ country: "BR", region: "SP" });
    expect(await h.say("ana", "my country BR")).toBe(
      "Done: the public holidays of BR are now your days off.",
    );
    expect((await h.person("ana")).region).toBeUndefined();
    const before = await h.snapshot();
    expect(await h.say("ana", "my country XX")).toMatch(
      /country "XX" is not an ISO 3166-1 code.*e\.g\. my country BR SP/,
    );
    expect(await h.say("ana", "my country BR ZZ")).toMatch(/region "ZZ" is not a region of BR/);
    expect(await h.say("ana", "my hours whenever")).toMatch(/For example: my hours Mon-Thu 08:00-16:00$/);
    expect(await h.snapshot()).toBe(before);
  });

  it("keeps what a person set when a later import leaves the field out", async () => {
    const h = await createBotHarness();
    await h.say("bram", "my hours Mon-Thu 08:00-16:00");
    const file = sampleProgramme();
    file.people = file.people.map((p) => (p.key === "bram" ? { ...p, contactHours: undefined } : p));
    await importProgramme(h.store, file, h.clock.now());
    expect((await h.person("bram")).contactHours).toBe("Mon-Thu 08:00-16:00");
  });
});

describe("my timezone", () => {
  it("shows and sets a person's own time zone, spelled as the time zone database does, keeping hours and country", async () => {
    const h = await createBotHarness();
    expect(await h.say("ana", "my timezone")).toBe(
      "Your time zone: America/Sao_Paulo. Your contact hours and check-in times count in it. Change it with e.g. my timezone America/Sao_Paulo.",
    );
    const before = await h.person("ana");
    expect(await h.say("ana", "my timezone europe/lisbon")).toBe(
      `Done: your time zone is now Europe/Lisbon; your contact hours ${before.contactHours} count in it. Your country and hours stay as they were (my country, my hours).`,
    );
    expect(await h.person("ana")).toMatchObject({
      timezone: "Europe/Lisbon",
      country: before.country,
      contactHours: before.contactHours,
    });
    expect((await h.store.audit.list(h.workspace.id)).some((a) => a.action === "my.timezone")).toBe(true);
    const snapshot = await h.snapshot();
    expect(await h.say("ana", "my timezone Mars/Olympus")).toMatch(/^Give an IANA time zone name, e\.g\./);
    expect(await h.snapshot()).toBe(snapshot);
  });
});

describe("my digests", () => {
  function withEmail() {
    const file = sampleProgramme();
    file.people = file.people.map((p) => (p.key === "bram" ? { ...p, email: "bram@acme.example" } : p));
    return file;
  }

  it("sends a person's digests by e-mail once they choose it, and back in chat when they say so", async () => {
    const h = await createBotHarness({ programme: withEmail() });
    expect(await h.say("bram", "my digests")).toBe(
      "Your weekly digests come here, in chat. Type my digests email to have them sent to your address instead.",
    );
    expect(await h.say("bram", "my digests e-mail")).toBe(
      "Done: from the next one, your weekly digests go by e-mail to bram@acme.example.",
    );
    expect((await h.person("bram")).digestsTo).toBe("email");
    expect((await h.store.audit.list(h.workspace.id)).some((a) => a.action === "my.digests")).toBe(true);
    expect(await h.say("bram", "my digests email")).toBe("That is what Tandem already had; nothing changed.");
    expect(await h.say("bram", "my digests chat")).toBe(
      "Done: from the next one, your weekly digests come here, in chat.",
    );
    expect((await h.person("bram")).digestsTo).toBeUndefined();
  });

  it("keeps digests in chat for someone without an address, and says what to type when the choice is unclear", async () => {
    const h = await createBotHarness();
    const before = await h.snapshot();
    expect(await h.say("ana", "my digests email")).toMatch(/^Tandem has no e-mail address for you/);
    expect(await h.say("ana", "my digests inbox")).toMatch(/my digests email, or my digests chat\.$/);
    expect(await h.snapshot()).toBe(before);
    expect((await h.person("ana")).digestsTo).toBeUndefined();
  });
});
