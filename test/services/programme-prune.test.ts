import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import { openStore } from "../../src/storage/sqlite-store.js";
import { sampleProgramme } from "../helpers/programme.js";
import { cli } from "../helpers/run-cli.js";
import { createServiceHarness } from "../helpers/service-harness.js";
import { onPostgresRun, rawRows } from "../helpers/test-store.js";

const SP = "America/Sao_Paulo";

/** The sample programme with Chloé (Ana's backup) listed as a colleague too. */
const programme = () => ({ ...sampleProgramme(), colleagues: ["olga", "chloe"] });

/** The same without Ana's internship and without Chloé. */
function withoutAna() {
  const full = sampleProgramme();
  return {
    ...full,
    people: full.people.filter((p) => p.key !== "chloe"),
    internships: (full.internships ?? []).filter((s) => s.key !== "ana-2026"),
  };
}

describe("importing a programme that no longer lists an internship or a person", () => {
  it("shows what it would end and ends nothing without --apply", async () => {
    const h = await createServiceHarness({ rules: "checkin", programme: programme() });
    await h.tickAt(h.local("2026-12-01T09:00", SP));
    const before = await h.internship("ana-2026");
    const summary = await importProgramme(h.store, withoutAna(), h.clock.now());
    expect(summary.pruning).toEqual({
      internships: ["ana-2026"],
      roles: ["chloe: colleague", "chloe: backup supervisor in ana-2026"],
      applied: false,
    });
    expect(await h.internship("ana-2026")).toEqual(before);
    expect(await h.store.people.isColleague((await h.person("chloe")).id)).toBe(true);
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    expect(
      (await h.sentTo("ana")).filter((s) => s.message.buttons?.[0]?.action === "checkin.open"),
    ).toHaveLength(1);
  });

  it("with --apply ends the internship today, withdraws its wake-ups and waiting messages, and removes the roles", async () => {
    const h = await createServiceHarness({ rules: "checkin", programme: programme() });
    await h.tickAt(h.local("2026-12-01T09:00", SP));
    const ana = await h.internship("ana-2026");
    h.clock.set(h.local("2026-12-01T08:00", SP));
    // A check-in planned for later this morning waits in the outbox, and a milestone reminder too.
    await h.say("ana", 'milestone add "Survey" due 2026-12-02');
    await h.store.outbox.enqueue(
      {
        workspaceId: h.workspace.id,
        key: `checkin:${ana.id}:2026-12-01`,
        recipientId: (await h.person("ana")).id,
        address: "console:test:user:ana",
        payload: { text: "How is it going?" },
        notBefore: h.local("2026-12-01T09:30", SP),
      },
      h.clock.now(),
    );
    const summary = await importProgramme(h.store, withoutAna(), h.clock.now(), "test", { prune: true });
    expect(summary.pruning.applied).toBe(true);
    const ended = await h.internship("ana-2026");
    expect(ended).toMatchObject({
      end: "2026-12-01",
      supervisorId: ana.supervisorId,
      internId: ana.internId,
    });
    expect(ended.backupSupervisorId).toBeUndefined();
    expect(await h.store.people.isColleague((await h.person("chloe")).id)).toBe(false);
    expect(
      await rawRows(h.store, `SELECT count(*) AS n FROM wakeups WHERE internship_id = ${ana.id}`),
    ).toEqual([{ n: 0 }]);
    const anaId = (await h.person("ana")).id;
    expect((await h.store.outbox.list({ status: "pending" })).filter((o) => o.recipientId === anaId)).toEqual(
      [],
    );
    // Ben's internship is listed: untouched.
    expect((await h.internship("ben-2026")).end).toBe("2027-02-28");
    const sentBefore = h.platform.sent.length;
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    await h.tickAt(h.local("2026-12-02T09:30", SP));
    expect(h.platform.sent.slice(sentBefore).filter((s) => s.address.endsWith(":user:ana"))).toEqual([]);
    expect((await h.store.audit.list(h.workspace.id)).map((a) => a.action)).toContain("internship.end");
    // A second import with --apply has nothing left to end.
    expect(
      (await importProgramme(h.store, withoutAna(), h.clock.now(), "test", { prune: true })).pruning,
    ).toEqual({
      internships: [],
      roles: [],
      applied: true,
    });
  });
});

describe.skipIf(onPostgresRun())("tandem import --apply (SQLite only: the CLI opens DATABASE_PATH)", () => {
  it("says what the file no longer lists and how to apply it, then applies it with the flag", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-prune-"));
    const env = { DATABASE_PATH: join(dir, "tandem.db") };
    const full = join(dir, "full.yaml");
    const smaller = join(dir, "smaller.yaml");
    writeFileSync(full, stringify(programme()));
    writeFileSync(smaller, stringify(withoutAna()));
    expect((await cli(["import", full], env)).code).toBe(0);
    const shown = await cli(["import", smaller], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`not in ${smaller} any more, still running (nothing was ended):`);
    expect(shown.stdout).toContain("  internship ana-2026 (ends today)");
    expect(shown.stdout).toContain("  role chloe: backup supervisor in ana-2026");
    expect(shown.stdout).toContain(`tandem import ${smaller} --apply`);
    const applied = await cli(["import", "--apply", smaller], env);
    expect(applied.stdout).toContain(`ended and removed, no longer in ${smaller}:`);
    const store = openStore(env.DATABASE_PATH, { now: new Date() });
    try {
      const ws = (await store.workspaces.find("console", "test"))!;
      // Ended today (the machine's date, the programme's internship otherwise runs to 2027-03-31).
      expect((await store.internships.byKey(ws.id, "ana-2026"))?.end).toBe(
        new Date().toISOString().slice(0, 10),
      );
    } finally {
      await store.close();
    }
  });
});
