import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli } from "../src/cli.js";
import { sampleProgramme } from "./helpers/programme.js";

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: {
      write: (t: string) => {
        stdout += t;
      },
    },
    stderr: {
      write: (t: string) => {
        stderr += t;
      },
    },
    stdin: new PassThrough(),
    env: { LOG_LEVEL: "silent", ...env },
  });
  return { code, stdout, stderr };
}

function workdir() {
  const dir = mkdtempSync(join(tmpdir(), "tandem-cli-"));
  return { dir, env: { DATABASE_PATH: join(dir, "tandem.db") } };
}

describe("tandem CLI", () => {
  it("migrates, then says the database is up to date", async () => {
    const { env } = workdir();
    expect(await cli(["migrate"], env)).toMatchObject({ code: 0, stdout: "applied migrations 1, 2, 3\n" });
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
    expect(result.stdout).toContain("tick at 2026-12-01T09:30:00.000Z: planned 0, sent 0");
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

  it("names the bad variable when the configuration is wrong", async () => {
    const result = await cli(["migrate"], { PORT: "eighty" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tandem: PORT .*for example PORT=3000\n$/);
  });

  it("explains unknown commands and prints usage on help", async () => {
    expect((await cli(["frobnicate"])).stderr).toContain('"frobnicate" is not a command');
    expect((await cli(["help"])).stdout).toContain("tick [--at <ISO time>]");
  });
});
