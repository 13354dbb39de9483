/**
 * `npm start` and `tandem` read a .env file in the working directory: a Slack set-up written there
 * serves Slack (it once opened the playground in silence), and the start-up line says so.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { eventually } from "./helpers/eventually.js";
import { freePort, ROOT } from "./reliability/child.js";

let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function folderWith(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "tandem-dotenv-"));
  writeFileSync(join(dir, ".env"), `${lines.join("\n")}\n`);
  return dir;
}

/** `tandem <args>` in this process, in `cwd`, with stdin already closed (the playground quits at once). */
async function tandemIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = "";
  let stderr = "";
  const stdin = new PassThrough();
  stdin.end();
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
    stdin,
    env: { LOG_LEVEL: "silent", ...env },
    cwd,
  });
  return { code, stdout, stderr };
}

describe("a .env file in the working directory", () => {
  it("is read by tandem start: the playground names the file its settings came from", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-dotenv-"));
    const database = join(dir, "state", "play.db");
    writeFileSync(
      join(dir, ".env"),
      `PLATFORMS=console\nDATABASE_PATH=${database}\nPORT=0\nHOST=127.0.0.1\n`,
    );
    const result = await tandemIn(dir, ["start"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(
      new RegExp(
        `^Tandem serves the console playground; HTTP on 127\\.0\\.0\\.1:\\d+ \\(/healthz, /readyz\\); database SQLite ${database}; settings from ${join(dir, ".env")} \\(4 of Tandem's variables\\) and the environment \\(LOG_LEVEL\\)\\.$`,
        "m",
      ),
    );
    expect(existsSync(database)).toBe(true);
  });

  it("is read by the other commands too, under what the environment sets", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-dotenv-"));
    writeFileSync(join(dir, ".env"), `DATABASE_PATH=${join(dir, "from-file.db")}\n`);
    expect((await tandemIn(dir, ["migrate"])).code).toBe(0);
    expect(existsSync(join(dir, "from-file.db"))).toBe(true);
    const overridden = join(dir, "from-environment.db");
    expect((await tandemIn(dir, ["migrate"], { DATABASE_PATH: overridden })).code).toBe(0);
    expect(existsSync(overridden)).toBe(true);
  });

  it("is named when one of its values is wrong", async () => {
    const dir = folderWith(["PLATFORMS=slak"]);
    const result = await tandemIn(dir, ["migrate"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `tandem: PLATFORMS is not valid: must list only slack, teams, console (got "slak"); for example PLATFORMS=slack,console (PLATFORMS is set in ${join(dir, ".env")})\n`,
    );
  });

  it("stops start with a network failure, not a refused token, when Slack cannot be reached", async () => {
    const closed = await freePort();
    const dir = folderWith([
      "PLATFORMS=slack",
      "SLACK_BOT_TOKEN=xoxb-test",
      "SLACK_SIGNING_SECRET=secret",
      `SLACK_API_URL=http://127.0.0.1:${closed}/api/`,
      "PORT=0",
      "HOST=127.0.0.1",
    ]);
    const result = await tandemIn(dir, ["start"], { DATABASE_PATH: join(dir, "tandem.db") });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^tandem: cannot reach Slack at 127\\.0\\.0\\.1:${closed} \\(auth\\.test: ECONNREFUSED\\): a network failure, not a refused token`,
      ),
    );
  });

  it("serves Slack when the installed tandem command starts in a folder whose .env configures it", async () => {
    fake = await startFakeSlackApi();
    const port = await freePort();
    const dir = folderWith([
      "# what an operator writes after creating the Slack app",
      "PLATFORMS=slack",
      "SLACK_BOT_TOKEN=xoxb-test",
      "SLACK_SIGNING_SECRET=secret",
      `SLACK_API_URL=${fake.url}`,
      `PORT=${port}`,
      "HOST=127.0.0.1",
      "DATABASE_PATH=./state/tandem.db",
      "SCHEDULER=off",
    ]);
    // bin/tandem.js is what `tandem` runs; the environment holds nothing of Tandem's.
    const child = spawn(process.execPath, [join(ROOT, "bin", "tandem.js"), "start"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const line = await eventually(
        () => output.split("\n").find((l) => l.includes("Tandem serves")),
        30_000,
      );
      expect(JSON.parse(line).msg).toBe(
        `Tandem serves Slack (HTTP, events at /slack/events; one workspace); HTTP on 127.0.0.1:${port} (/healthz, /readyz); database SQLite ./state/tandem.db; scheduler off (an external cron runs tandem tick); settings from ${join(dir, ".env")} (8 of Tandem's variables).`,
      );
      expect(fake.calls("auth.test")[0]?.token).toBe("xoxb-test");
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(existsSync(join(dir, "state", "tandem.db"))).toBe(true);
      expect(output).not.toContain("xoxb-test");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
