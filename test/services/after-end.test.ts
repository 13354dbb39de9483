import { describe, expect, it } from "vitest";
import { certificateHash, draftCertificate } from "../../src/services/certificate/certificate.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

/** Ana's internship ends Wed 9 Dec 2026; she answers no check-in in its last week. */
function endingProgramme() {
  const p = sampleProgramme();
  p.internships = [{ ...p.internships![0]!, end: "2026-12-09" }];
  return p;
}

describe("after an internship has ended", () => {
  it("sends no check-in, check-in note, nudge or signal alert after its last day, and withdraws those waiting", async () => {
    const h = await createServiceHarness({ programme: endingProgramme(), rules: "every" });
    const after: string[] = [];
    // Every hour from Thu 3 Dec to Tue 15 Dec.
    for (
      let t = Date.parse("2026-12-03T00:00:00Z");
      t <= Date.parse("2026-12-15T23:00:00Z");
      t += 3_600_000
    ) {
      const before = h.platform.sent.length;
      await h.tickAt(new Date(t));
      // Ana's last day ends at midnight in São Paulo: Thu 10 Dec 03:00 UTC.
      if (t >= Date.parse("2026-12-10T03:00:00Z"))
        after.push(...h.platform.sent.slice(before).map((s) => s.message.text.split("\n")[0]!));
    }
    const running = after.filter((text) =>
      /check-in|short call|connection signal|extra contact|did not answer|introduc|reflection/i.test(text),
    );
    expect(running).toEqual([]);
    const waiting = (await h.store.outbox.list()).filter(
      (o) => o.status === "pending" && /^(checkin|isolation|nudge|pattern|intro)/.test(o.key),
    );
    expect(waiting).toEqual([]);
  }, 120_000);
});

describe("digests about an internship that has ended", () => {
  it("list it as ended, not as needing attention, and follow no signal or pattern after the end", async () => {
    const h = await createServiceHarness({ programme: endingProgramme(), rules: "every" });
    for (let t = Date.parse("2026-12-03T00:00:00Z"); t <= Date.parse("2026-12-14T18:00:00Z"); t += 3_600_000)
      await h.tickAt(new Date(t));
    const digests = (await h.store.outbox.list()).filter((o) => o.payload.text.includes("2026-W50"));
    const lena = (await h.person("lena")).id;
    const bram = (await h.person("bram")).id;
    const coordinator = digests.find((o) => o.recipientId === lena)?.payload.text ?? "";
    expect(coordinator).toContain("Ana Souza (@ana), internship ended Wed 9 Dec 2026: nothing to flag");
    expect(coordinator).not.toContain("needs attention");
    const supervisor = digests.find((o) => o.recipientId === bram)?.payload.text ?? "";
    expect(supervisor).toContain("Connection signal: not followed since the internship ended Wed 9 Dec 2026");
    expect(supervisor).not.toContain("Pattern worth a look");
  }, 120_000);
});

describe("the closing message", () => {
  it("tells the supervisor and the coordinator once, in their working hours, with the certificate's and the evaluations' state", async () => {
    const h = await createServiceHarness({ programme: endingProgramme(), rules: "every" });
    for (let t = Date.parse("2026-12-08T00:00:00Z"); t <= Date.parse("2026-12-11T18:00:00Z"); t += 3_600_000)
      await h.tickAt(new Date(t));
    const ship = await h.internship("ana-2026");
    const closing = (await h.store.outbox.list()).filter((o) => o.key.startsWith(`closing:${ship.id}:`));
    expect(closing.map((o) => o.key).sort()).toEqual([
      `closing:${ship.id}:coordinator`,
      `closing:${ship.id}:supervisor`,
    ]);
    const bram = closing.find((o) => o.key.endsWith(":supervisor"))!;
    // Thu 10 Dec, 09:00 in Brussels: Bram's first working moment after Ana's last day.
    expect(bram.notBefore.toISOString()).toBe("2026-12-10T08:00:00.000Z");
    expect(bram.payload.text).toContain("Ana Souza's internship ended Wed 9 Dec 2026.");
    expect(bram.payload.text).toContain("Certificate (Table D): not confirmed yet.");
    expect(bram.payload.text).toContain(
      "report and the certificate are on the internship's page in Tandem's portal",
    );
    expect((await h.sentTo("lena")).filter((s) => s.message.text.includes("internship ended"))).toHaveLength(
      1,
    );
  }, 120_000);
});

describe("a confirmed certificate draft that changes", () => {
  it("tells whoever confirmed it once, in their working hours, with a way to confirm the new draft, and not again each day", async () => {
    // Ana's internship ends Fri 18 Dec; Bram confirms the draft on Wed 16 Dec, then a day's figures change it.
    const p = sampleProgramme();
    p.internships = [{ ...p.internships![0]!, end: "2026-12-18" }];
    const h = await createServiceHarness({ programme: p, rules: "every" });
    const ship = await h.internship("ana-2026");
    const bram = await h.person("bram");
    const wed = new Date("2026-12-16T14:00:00Z");
    await h.tickAt(wed);
    const draft = (await draftCertificate(h.store, ship.workspaceId, ship.id, wed))!;
    await h.store.certificates.confirm(ship.workspaceId, ship.id, bram.id, certificateHash(draft), wed);
    await h.store.wakeups.touch(ship.workspaceId, ship.id, ["evaluations"], wed);
    for (let t = wed.getTime(); t <= Date.parse("2026-12-19T18:00:00Z"); t += 3_600_000)
      await h.tickAt(new Date(t));
    const told = (await h.store.outbox.list()).filter((o) =>
      o.key.startsWith(`certificate-changed:${ship.id}:`),
    );
    expect(told).toHaveLength(1);
    const current = (await draftCertificate(
      h.store,
      ship.workspaceId,
      ship.id,
      new Date(told[0]!.notBefore),
    ))!;
    expect(current.confirmation?.current).toBe(false);
    expect(told[0]!.key).toMatch(new RegExp(`^certificate-changed:${ship.id}:[0-9a-f]{32}$`));
    // Thu 17 Dec, 09:00 in Brussels: Bram's first working moment once the draft moved on.
    expect(told[0]!.notBefore.toISOString()).toBe("2026-12-17T08:00:00.000Z");
    expect(told[0]!.payload.text).toContain(
      "The certificate draft (Table D) for Ana Souza changed since you confirmed it on Wed 16 Dec 2026",
    );
    expect(told[0]!.payload.text).toContain("certificate confirm for @ana");
    expect(told[0]!.payload.buttons?.[0]?.value).toMatch(new RegExp(`^${ship.id}:[0-9a-f]{32}$`));
    expect(told[0]!.payload.reason).toMatch(/^Because you confirmed Ana Souza's certificate draft/);
  }, 120_000);
});
