import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../src/domain/errors.js";
import { applyEnvFile } from "../src/env-file.js";

function folderWith(envText?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tandem-env-"));
  if (envText !== undefined) writeFileSync(join(dir, ".env"), envText);
  return dir;
}

describe("the .env file", () => {
  it("fills the variables the environment leaves unset, comments and quotes read as dotenv does", () => {
    const dir = folderWith(
      [
        "# Slack, one workspace",
        "PLATFORMS=slack",
        'SLACK_BOT_TOKEN="xoxb-from-file"',
        "SLACK_SIGNING_SECRET=abc # a comment",
        "HTTPS_PROXY=http://proxy.internal:3128",
        "",
      ].join("\n"),
    );
    const env: NodeJS.ProcessEnv = { PORT: "4000" };
    const source = applyEnvFile(env, dir);
    expect(env).toMatchObject({
      PLATFORMS: "slack",
      SLACK_BOT_TOKEN: "xoxb-from-file",
      SLACK_SIGNING_SECRET: "abc",
      // Not Tandem's, but its libraries read it: the file sets it as Node's --env-file would.
      HTTPS_PROXY: "http://proxy.internal:3128",
      PORT: "4000",
    });
    expect(source).toEqual({
      file: join(dir, ".env"),
      found: true,
      fromFile: ["PLATFORMS", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"],
      fromEnvironment: ["PORT"],
      overridden: [],
      unknown: [],
    });
  });

  it("lets a variable set in the environment win over the file, and says which ones did", () => {
    const dir = folderWith("PLATFORMS=slack\nPORT=3000\nLOG_LEVEL=info\n");
    const env: NodeJS.ProcessEnv = { PLATFORMS: "console", LOG_LEVEL: "info" };
    const source = applyEnvFile(env, dir);
    expect(env.PLATFORMS).toBe("console");
    expect(env.PORT).toBe("3000");
    expect(source.fromFile).toEqual(["PORT"]);
    // LOG_LEVEL is the same in both: nothing was overridden there.
    expect(source.overridden).toEqual(["PLATFORMS"]);
  });

  it("treats a blank environment value as unset, as the configuration does", () => {
    const dir = folderWith("SLACK_BOT_TOKEN=xoxb-file\n");
    const env: NodeJS.ProcessEnv = { SLACK_BOT_TOKEN: "  " };
    expect(applyEnvFile(env, dir).fromFile).toEqual(["SLACK_BOT_TOKEN"]);
    expect(env.SLACK_BOT_TOKEN).toBe("xoxb-file");
  });

  it("names a misspelt Tandem variable with the one probably meant, and leaves other names alone", () => {
    const dir = folderWith("SLACK_TOKEN=xoxb-1\nSLACK_SIGNNG_SECRET=x\nDATABASE_PTH=./x.db\nTZ=UTC\n");
    expect(applyEnvFile({}, dir).unknown).toEqual([
      { name: "DATABASE_PTH", meant: "DATABASE_PATH" },
      { name: "SLACK_SIGNNG_SECRET", meant: "SLACK_SIGNING_SECRET" },
      { name: "SLACK_TOKEN", meant: "SLACK_BOT_TOKEN or SLACK_APP_TOKEN or SLACK_TOKEN_KEY" },
    ]);
  });

  it("is optional: without one, the settings come from the environment alone", () => {
    const dir = folderWith();
    const env: NodeJS.ProcessEnv = { PORT: "3000" };
    expect(applyEnvFile(env, dir)).toEqual({
      file: join(dir, ".env"),
      found: false,
      fromFile: [],
      fromEnvironment: ["PORT"],
      overridden: [],
      unknown: [],
    });
    expect(env).toEqual({ PORT: "3000" });
  });

  it("stops with the file named when it is there but cannot be read", () => {
    const dir = folderWith();
    mkdirSync(join(dir, ".env"));
    expect(() => applyEnvFile({}, dir)).toThrow(AppError);
    expect(() => applyEnvFile({}, dir)).toThrow(`cannot read ${join(dir, ".env")} (EISDIR)`);
  });
});
