import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { migrationStatus } from "../src/storage/migrate.js";
import { openStore } from "../src/storage/sqlite-store.js";
import { sampleProgramme } from "./helpers/programme.js";
import { cli } from "./helpers/run-cli.js";

function workdir() {
  const dir = mkdtempSync(join(tmpdir(), "tandem-cli-"));
  return { dir, env: { DATABASE_PATH: join(dir, "tandem.db") } };
}

describe("tandem CLI", () => {
  it("migrates, then says the database is up to date", async () => {
    const { env } = workdir();
    // Every file in migrations/, in order: a new migration needs no change here.
    const versions = readdirSync(join(import.meta.dirname, "..", "migrations"))
      .filter((name) => /^\d{4}_.*\.sql$/.test(name))
      .sort()
      .map((name) => Number(name.slice(0, 4)));
    expect(versions.length).toBeGreaterThanOrEqual(7);
    expect(await cli(["migrate"], env)).toMatchObject({
      code: 0,
      stdout: `applied migrations ${versions.join(", ")}\n`,
    });
    expect(await cli(["migrate"], env)).toMatchObject({ code: 0, stdout: "the database is up to date\n" });
  });

  it("imports a YAML programme, reimports it as a no-op, and exports the same programme", async () => {
    const { dir, env } = workdir();
    const file = join(dir, "programme.yaml");
    writeFileSync(file, stringify(sampleProgramme()));
    const first = await cli(["import", file], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("people 7 new");
    const second = await cli(["import", file], env);
    expect(second.stdout).toContain("people 0 new, 0 updated, 7 unchanged");
    expect(second.stdout).toContain("agreements 0 new versions, 3 unchanged");
    const out = join(dir, "export.yaml");
    expect((await cli(["export", "--out", out], env)).code).toBe(0);
    expect((await cli(["import", out], env)).stdout).toContain("people 0 new, 0 updated, 7 unchanged");
    expect(readFileSync(out, "utf8")).toContain("key: ana-2026");
  });

  it("refuses an invalid programme with every problem listed and exit code 1", async () => {
    const { dir, env } = workdir();
    const file = join(dir, "bad.json");
    const programme = sampleProgramme();
    programme.people[0]!.timezone = "Mars/Olympus";
    programme.internships![0]!.supervisor = "nobody";
    writeFileSync(file, JSON.stringify(programme));
    const result = await cli(["import", file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("nothing was imported");
    expect(result.stderr).toContain('people[0] (ana).timezone: "Mars/Olympus" is not an IANA time zone');
    expect(result.stderr).toContain('internships[0] (ana-2026).supervisor: "nobody" is not a key in people');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("runs one tick at a given instant and reports what it did", async () => {
    const { env } = workdir();
    const result = await cli(["tick", "--at", "2026-12-01T09:30:00Z"], env);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(
      /tick at 2026-12-01T09:30:00.000Z: planned \d+, sent \d+, retrying 0, deferred \d+, dead 0, expired 0/,
    );
  });

  it.each([
    [["tick", "--at", "tomorrow"], /--at "tomorrow" is not an ISO instant/],
    [["tick", "--at"], /--at needs a value/],
    [["import"], /import needs a file/],
    [["import", "/nonexistent/file.yaml"], /cannot read \/nonexistent\/file.yaml: ENOENT/],
    [["export", "--workspace", "slack"], /--workspace "slack" must look like slack:T0001/],
    [["export", "--workspace", "slack:T404"], /there is no workspace slack:T404/],
  ])("answers %j with a clear error", async (args, expected) => {
    const { env } = workdir();
    const result = await cli(args, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(expected);
  });

  describe("report", () => {
    /** The sample programme imported, with one overdue milestone and one answered check-in for ana. */
    async function withData() {
      const { dir, env } = workdir();
      const file = join(dir, "programme.yaml");
      writeFileSync(file, stringify(sampleProgramme()));
      expect((await cli(["import", file], env)).code).toBe(0);
      const at = new Date("2026-12-01T12:00:00Z");
      const store = openStore(env.DATABASE_PATH, { now: at });
      const ws = (await store.workspaces.find("console", "test"))!;
      const ana = (await store.internships.byKey(ws.id, "ana-2026"))!;
      const m = await store.milestones.add(
        ws.id,
        { internshipId: ana.id, title: "Survey draft", due: "2026-12-02", createdBy: ana.internId },
        at,
      );
      await store.checkins.create(ws.id, ana.id, "2026-12-01", "due", at);
      const checkin = (await store.checkins.get(ana.id, "2026-12-01"))!;
      await store.checkins.answer(
        checkin.id,
        { progress: "a", nextSteps: "b", connectedness: 4 },
        "answered",
        at,
      );
      await store.close();
      return { dir, env, milestoneId: m.id };
    }
    const AT = ["--at", "2026-12-10T12:00:00Z"];

    it("writes the Markdown report to stdout by default", async () => {
      const { env, milestoneId } = await withData();
      const result = await cli(["report", "ana-2026", ...AT], env);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toMatch(/^# Internship report: Ana Souza \(ana-2026\)\n/);
      expect(result.stdout).toContain("Period: Sun 1 Nov 2026 to Thu 10 Dec 2026 (week 6).");
      expect(result.stdout).toContain(`- Overdue: #${milestoneId} "Survey draft" (due Wed 2 Dec 2026)`);
      expect(result.stdout).toContain("- 1 answered, 0 partly answered, 0 missed, 0 skipped");
      expect(result.stdout).toContain("- not computed yet");
    });

    it("writes CSV rows of section,metric,value", async () => {
      const { env } = await withData();
      const result = await cli(["report", "--format", "csv", "ana-2026", ...AT], env);
      expect(result.code).toBe(0);
      const rows = result.stdout.trimEnd().split("\n");
      expect(rows[0]).toBe("section,metric,value");
      expect(rows).toEqual(
        expect.arrayContaining(["report,internship,ana-2026", "checkins,answered,1", "isolation,level,"]),
      );
    });

    it("writes JSON to a file with --out and names the workspace with --workspace", async () => {
      const { dir, env } = await withData();
      const out = join(dir, "ana.json");
      const result = await cli(
        ["report", "ana-2026", "--workspace", "console:test", "--format", "json", "--out", out, ...AT],
        env,
      );
      expect(result).toMatchObject({ code: 0, stdout: `wrote the json report on ana-2026 to ${out}\n` });
      const json = JSON.parse(readFileSync(out, "utf8"));
      expect(json).toMatchObject({
        internshipKey: "ana-2026",
        checkins: { answered: 1, averageScore: 4 },
        isolation: null,
      });
    });

    it.each([
      [
        ["report", "nobody"],
        /there is no internship "nobody" in console:test \(known: ana-2026, ben-2026, piet-2026\)/,
      ],
      [
        ["report"],
        /report needs an internship key, e.g. tandem report ana-2026 \(known: ana-2026, ben-2026, piet-2026\)/,
      ],
      [
        ["report", "ana-2026", "--format", "pdf"],
        /--format "pdf" is not a report format; use md, csv or json/,
      ],
      [["report", "ana-2026", "--format"], /--format needs a value/],
      [["report", "ana-2026", "--workspace", "slack:T404"], /there is no workspace slack:T404/],
      [["report", "ana-2026", "--at", "soon"], /--at "soon" is not an ISO instant/],
      [["certificate"], /certificate needs an internship key, e.g. tandem certificate ana-2026/],
      [
        ["certificate", "ana-2026", "--format", "csv"],
        /--format "csv" is not a certificate format; use md, json or html/,
      ],
    ])("answers %j with a clear error", async (args, expected) => {
      const { env } = await withData();
      const result = await cli(args, env);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(expected);
    });

    it("writes the certificate draft as Markdown, or as a page to print with --format html --out", async () => {
      const { dir, env } = await withData();
      const md = await cli(["certificate", "ana-2026", ...AT], env);
      expect(md).toMatchObject({ code: 0, stderr: "" });
      expect(md.stdout).toMatch(/^# Traineeship certificate \(draft\): Ana Souza\n/);
      expect(md.stdout).toContain("- Daily check-ins answered: 1; 0 missed.");
      const out = join(dir, "certificate.html");
      const html = await cli(["certificate", "ana-2026", "--format", "html", "--out", out, ...AT], env);
      expect(html).toMatchObject({ code: 0, stdout: `wrote the html certificate on ana-2026 to ${out}\n` });
      expect(readFileSync(out, "utf8")).toMatch(/^<!doctype html>\n<html lang="en">/);
    });
  });

  it("names the bad variable when the configuration is wrong", async () => {
    const result = await cli(["migrate"], { PORT: "eighty" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tandem: PORT .*for example PORT=3000\n$/);
  });

  it("explains unknown commands and prints usage on help", async () => {
    expect((await cli(["frobnicate"])).stderr).toContain('"frobnicate" is not a command');
    expect((await cli(["help"])).stdout).toContain("tick [--at <ISO time>]");
  });

  it("builds the Teams app package for the configured bot, or says which variable is missing", async () => {
    const { dir, env } = workdir();
    const out = join(dir, "tandem-teams.zip");
    const built = await cli(["teams-manifest", "--out", out], {
      ...env,
      MICROSOFT_APP_ID: "11111111-2222-3333-4444-555555555555",
    });
    expect(built.code).toBe(0);
    const zip = readFileSync(out);
    expect(zip.subarray(0, 4).toString("hex")).toBe("504b0304");
    expect(zip.toString("latin1")).toContain('"botId": "11111111-2222-3333-4444-555555555555"');
    const missing = await cli(["teams-manifest", "--out", out], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/MICROSOFT_APP_ID is needed/);
  });

  describe("backup", () => {
    async function imported() {
      const { dir, env } = workdir();
      const file = join(dir, "programme.yaml");
      writeFileSync(file, stringify(sampleProgramme()));
      expect((await cli(["import", file], env)).code).toBe(0);
      return { dir, env };
    }

    it("copies the database into one file that opens, holds the data and passes an integrity check", async () => {
      const { dir, env } = await imported();
      const out = join(dir, "backups", "tandem-copy.db");
      mkdirSync(join(dir, "backups"));
      const result = await cli(["backup", out], env);
      expect(result).toMatchObject({
        code: 0,
        stderr: "",
        stdout: `backup written to ${out}: integrity ok\n`,
      });
      // No -wal or -shm is needed, and no partial file is left behind.
      expect(readdirSync(join(dir, "backups"))).toEqual(["tandem-copy.db"]);
      const copy = openStore(out);
      try {
        expect(migrationStatus(copy.db).current).toBe(true);
        expect((await copy.workspaces.list()).map((w) => w.externalId)).toEqual(["test"]);
        expect(copy.db.pragma("integrity_check", { simple: true })).toBe("ok");
      } finally {
        await copy.close();
      }
    });

    it("backs up while another connection holds an open write transaction, without its uncommitted rows", async () => {
      const { dir, env } = await imported();
      const writer = openStore(env.DATABASE_PATH);
      try {
        const ws = (await writer.workspaces.find("console", "test"))!;
        const ana = (await writer.internships.byKey(ws.id, "ana-2026"))!;
        writer.db.exec("BEGIN IMMEDIATE");
        await writer.milestones.add(
          ws.id,
          { internshipId: ana.id, title: "Uncommitted", due: "2026-12-02", createdBy: ana.internId },
          new Date("2026-12-01T12:00:00Z"),
        );
        const out = join(dir, "during-write.db");
        expect(await cli(["backup", out], env)).toMatchObject({ code: 0 });
        writer.db.exec("COMMIT");
        const copy = openStore(out);
        try {
          expect(copy.db.prepare("SELECT count(*) AS n FROM milestones").get()).toEqual({ n: 0 });
          expect(await copy.people.list((await copy.workspaces.find("console", "test"))!.id)).toHaveLength(7);
        } finally {
          await copy.close();
        }
      } finally {
        await writer.close();
      }
    });

    it("replaces an earlier backup at the same path", async () => {
      const { dir, env } = await imported();
      const out = join(dir, "again.db");
      expect((await cli(["backup", out], env)).code).toBe(0);
      expect((await cli(["backup", out], env)).code).toBe(0);
      const copy = openStore(out);
      expect(await copy.workspaces.list()).toHaveLength(1);
      await copy.close();
    });

    it.each([
      [(_dir: string) => ["backup"], /^tandem: backup needs a target file, e.g. tandem backup/],
      [
        (dir: string) => ["backup", join(dir, "missing", "copy.db")],
        /^tandem: cannot write the backup to .*missing\/copy\.db: the folder .*missing does not exist\n$/,
      ],
      [(dir: string) => ["backup", dir], /^tandem: cannot write the backup to .*: .* is a folder\n$/],
    ])("answers a bad target with one clear line (%#)", async (args, expected) => {
      const { dir, env } = await imported();
      const result = await cli(await args(dir), env);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(expected);
      expect(readdirSync(dir).filter((f) => f.includes("partial"))).toEqual([]);
    });

    it("says when DATABASE_PATH is not a database at all", async () => {
      const { dir, env } = workdir();
      writeFileSync(env.DATABASE_PATH, "not a database, just text that is long enough to have a header");
      const result = await cli(["backup", join(dir, "copy.db")], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^tandem: DATABASE_PATH ".*tandem\.db" cannot be opened \(file is not a database\)\n$/,
      );
    });

    it("refuses to back up a database that does not exist instead of creating an empty one", async () => {
      const { dir, env } = workdir();
      const result = await cli(["backup", join(dir, "copy.db")], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^tandem: DATABASE_PATH ".*tandem\.db" does not exist, so there is nothing to back up/,
      );
      expect(existsSync(env.DATABASE_PATH)).toBe(false);
    });
  });
});
