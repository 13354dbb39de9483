import { describe, expect, it } from "vitest";
import { type Config, loadConfig } from "../src/config.js";
import type { SettingsSource } from "../src/env-file.js";
import { describeStart } from "../src/startup-summary.js";

const noFile: SettingsSource = {
  file: "/srv/tandem/.env",
  found: false,
  fromFile: [],
  fromEnvironment: [],
  overridden: [],
  unknown: [],
};

function config(env: Record<string, string>): Config {
  return loadConfig(env);
}

describe("the start-up line", () => {
  it("says the playground runs on the defaults when nothing is configured, and where a .env was looked for", () => {
    expect(describeStart(config({}), noFile, 3000)).toBe(
      "Tandem serves the console playground; HTTP on 0.0.0.0:3000 (/healthz, /readyz); database SQLite ./data/tandem.db; settings: the defaults (no /srv/tandem/.env).",
    );
  });

  it("names the mail server and sender without the password in SMTP_URL", () => {
    const line = describeStart(
      config({ SMTP_URL: "smtps://tandem:secret-pw@smtp.uni.example:465", MAIL_FROM: "tandem@uni.example" }),
      noFile,
      3000,
    );
    expect(line).toContain("; e-mail through smtps://smtp.uni.example:465 from tandem@uni.example;");
    expect(line).not.toContain("secret-pw");
  });

  it("says where the web portal is when PUBLIC_URL turns it on", () => {
    const line = describeStart(
      config({ PUBLIC_URL: "https://tandem.example.edu/", PORTAL_SECRET: "x".repeat(32) }),
      noFile,
      3000,
    );
    expect(line).toContain("; web portal at https://tandem.example.edu/portal;");
    expect(line).not.toContain("x".repeat(32));
  });

  it("names Slack's mode, Teams, the file the settings came from and what the environment overrode", () => {
    const settings: SettingsSource = {
      ...noFile,
      found: true,
      fromFile: ["PLATFORMS", "SLACK_APP_TOKEN", "SLACK_BOT_TOKEN", "SLACK_MODE"],
      fromEnvironment: ["PORT"],
      overridden: ["PORT"],
    };
    const line = describeStart(
      config({
        PLATFORMS: "slack,teams",
        SLACK_MODE: "socket",
        SLACK_BOT_TOKEN: "xoxb-1",
        SLACK_APP_TOKEN: "xapp-1",
        MICROSOFT_APP_ID: "app",
        MICROSOFT_APP_PASSWORD: "pw",
        PORT: "8080",
        SCHEDULER: "off",
      }),
      settings,
      8080,
    );
    expect(line).toBe(
      "Tandem serves Slack (Socket Mode, no public URL needed; one workspace) and Microsoft Teams (activities at /api/messages); HTTP on 0.0.0.0:8080 (/healthz, /readyz); database SQLite ./data/tandem.db; scheduler off (an external cron runs tandem tick); settings from /srv/tandem/.env (4 of Tandem's variables) and the environment (PORT) (its PORT overrides the file's).",
    );
    expect(line).not.toContain("xoxb-1");
  });

  it("shows Slack over HTTP with OAuth installs, PostgreSQL without its password, and settings from the environment", () => {
    const line = describeStart(
      config({
        PLATFORMS: "slack",
        SLACK_SIGNING_SECRET: "s",
        SLACK_CLIENT_ID: "1.2",
        SLACK_CLIENT_SECRET: "c",
        SLACK_STATE_SECRET: "a-long-random-string",
        SLACK_TOKEN_KEY: Buffer.alloc(32, 1).toString("base64"),
        DATABASE_URL: "postgres://tandem:hunter2@db:5432/tandem",
        HOST: "127.0.0.1",
      }),
      { ...noFile, file: "", fromEnvironment: ["PLATFORMS", "DATABASE_URL"] },
      3000,
    );
    expect(line).toContain("Slack (HTTP, events at /slack/events; workspaces install it at /slack/install)");
    expect(line).toContain("HTTP on 127.0.0.1:3000");
    expect(line).toContain("database PostgreSQL postgres://tandem:***@db:5432/tandem");
    expect(line).not.toContain("hunter2");
    expect(line).toMatch(/settings from the environment \(PLATFORMS, DATABASE_URL\)\.$/);
  });

  it("warns that Teams authentication is off", () => {
    const line = describeStart(
      config({ PLATFORMS: "teams", TEAMS_ALLOW_UNAUTHENTICATED: "true", HOST: "127.0.0.1" }),
      noFile,
      3000,
    );
    expect(line).toContain(
      "Microsoft Teams (activities at /api/messages, authentication OFF: local tests only)",
    );
  });
});
