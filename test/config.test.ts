import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { AppError } from "../src/domain/errors.js";

const SLACK = { PLATFORMS: "slack", SLACK_BOT_TOKEN: "xoxb-1-2-3", SLACK_SIGNING_SECRET: "shh-signing" };
const TEAMS = { PLATFORMS: "teams", MICROSOFT_APP_ID: "app-id", MICROSOFT_APP_PASSWORD: "app-password" };

function configError(env: NodeJS.ProcessEnv): AppError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFIG");
    return error as AppError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe("loadConfig defaults", () => {
  it("runs the console playground on port 3000 with ./data/tandem.db and the scheduler on", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      platforms: ["console"],
      databasePath: "./data/tandem.db",
      port: 3000,
      logLevel: "info",
      scheduler: true,
      slack: { mode: "http" },
      teams: { appType: "MultiTenant", allowUnauthenticated: false },
    });
    expect(config.slack.botToken).toBeUndefined();
    expect(config.retention).toEqual({ inboundDays: 30, outboxDays: 90, answersDays: 365 });
  });

  it("treats empty and blank values as unset", () => {
    expect(loadConfig({ PLATFORMS: "", PORT: "  ", DATABASE_PATH: "" })).toMatchObject({
      platforms: ["console"],
      port: 3000,
      databasePath: "./data/tandem.db",
    });
  });

  it("reads good values, tolerating whitespace, case and duplicates in PLATFORMS", () => {
    const config = loadConfig({
      ...SLACK,
      PLATFORMS: " Slack , console,slack ,, ",
      PORT: " 8080 ",
      DATABASE_PATH: "  /var/lib/tandem/db.sqlite ",
      LOG_LEVEL: "debug",
      SCHEDULER: "off",
      SLACK_BOT_TOKEN: "  xoxb-1-2-3  ",
    });
    expect(config.platforms).toEqual(["slack", "console"]);
    expect(config.port).toBe(8080);
    expect(config.databasePath).toBe("/var/lib/tandem/db.sqlite");
    expect(config.logLevel).toBe("debug");
    expect(config.scheduler).toBe(false);
    expect(config.slack.botToken).toBe("xoxb-1-2-3");
  });
});

describe("loadConfig refuses a bad value with one line naming the variable and an example", () => {
  it.each([
    ["PLATFORMS", "slak"],
    ["PLATFORMS", ","],
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["PORT", "30.5"],
    ["LOG_LEVEL", "loud"],
    ["SCHEDULER", "maybe"],
    ["SLACK_MODE", "websocket"],
    ["SLACK_API_URL", "not a url"],
    ["SLACK_BOT_TOKEN", "abc"],
    ["SLACK_APP_TOKEN", "xoxb-wrong-kind"],
    ["MICROSOFT_APP_TYPE", "x"],
    ["TEAMS_ALLOW_UNAUTHENTICATED", "yes"],
    ["RETENTION_INBOUND_DAYS", "0"],
    ["RETENTION_OUTBOX_DAYS", "ninety"],
    ["RETENTION_ANSWERS_DAYS", "36.5"],
    ["PUBLIC_URL", "tandem.example.edu"],
    ["PUBLIC_URL", "ftp://tandem.example.edu"],
    ["PORTAL_SECRET", "short"],
  ])("%s=%s", (name, value) => {
    const { message } = configError({ [name]: value });
    expect(message.startsWith(`${name} `)).toBe(true);
    expect(message).toContain("for example");
    expect(message).toContain(`${name}=`);
    expect(message).not.toContain("\n");
  });

  it("shows the bad value of an ordinary variable, to help spot typos", () => {
    expect(configError({ PLATFORMS: "slak" }).message).toContain('"slak"');
    expect(configError({ PLATFORMS: "slak" }).message).toMatch(/slack, teams, console/);
  });
});

describe("loadConfig checks what each platform needs", () => {
  it("accepts a complete Slack setup in http and in socket mode", () => {
    expect(loadConfig(SLACK).slack).toMatchObject({ botToken: "xoxb-1-2-3", signingSecret: "shh-signing" });
    const socket = loadConfig({
      PLATFORMS: "slack",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_MODE: "socket",
      SLACK_APP_TOKEN: "xapp-1",
    });
    expect(socket.slack).toMatchObject({ mode: "socket", appToken: "xapp-1" });
  });

  it("needs SLACK_BOT_TOKEN when PLATFORMS includes slack", () => {
    const { message } = configError({ ...SLACK, SLACK_BOT_TOKEN: undefined });
    expect(message).toMatch(/^SLACK_BOT_TOKEN is required/);
    expect(message).toContain("for example");
  });

  it("needs SLACK_SIGNING_SECRET in http mode", () => {
    expect(configError({ ...SLACK, SLACK_SIGNING_SECRET: undefined }).message).toMatch(
      /^SLACK_SIGNING_SECRET is required/,
    );
  });

  it("needs SLACK_APP_TOKEN when SLACK_MODE=socket", () => {
    const { message } = configError({ PLATFORMS: "slack", SLACK_BOT_TOKEN: "xoxb-1", SLACK_MODE: "socket" });
    expect(message).toMatch(/^SLACK_APP_TOKEN is required when SLACK_MODE=socket/);
  });

  it("does not ask for Slack settings when Slack is not used", () => {
    expect(loadConfig({ PLATFORMS: "console", SLACK_MODE: "socket" }).platforms).toEqual(["console"]);
  });

  it("needs MICROSOFT_APP_ID for teams unless TEAMS_ALLOW_UNAUTHENTICATED=true", () => {
    const { message } = configError({ PLATFORMS: "teams" });
    expect(message).toMatch(/^MICROSOFT_APP_ID is required/);
    expect(message).toContain("TEAMS_ALLOW_UNAUTHENTICATED=true");
    const local = loadConfig({ PLATFORMS: "teams", TEAMS_ALLOW_UNAUTHENTICATED: "true", HOST: "127.0.0.1" });
    expect(local.teams).toMatchObject({ allowUnauthenticated: true });
    expect(local.teams.appId).toBeUndefined();
  });

  it("refuses Teams without authentication unless the server listens on loopback only", () => {
    const open = configError({ PLATFORMS: "teams", TEAMS_ALLOW_UNAUTHENTICATED: "true" });
    expect(open.message).toMatch(/^TEAMS_ALLOW_UNAUTHENTICATED is true, which is only for local tests/);
    expect(open.message).toContain("HOST is 0.0.0.0");
    expect(open.message).toContain("HOST=127.0.0.1");
    expect(
      configError({ PLATFORMS: "teams", TEAMS_ALLOW_UNAUTHENTICATED: "true", HOST: "10.0.0.5" }).message,
    ).toContain("HOST is 10.0.0.5");
    for (const host of ["127.0.0.1", "::1", "localhost"]) {
      expect(loadConfig({ PLATFORMS: "teams", TEAMS_ALLOW_UNAUTHENTICATED: "true", HOST: host }).host).toBe(
        host,
      );
    }
    // With an app id authentication is on whatever the flag says, so any address will do.
    expect(loadConfig({ ...TEAMS, TEAMS_ALLOW_UNAUTHENTICATED: "true" }).host).toBe("0.0.0.0");
  });

  it("needs MICROSOFT_APP_PASSWORD with an app id, except for a managed identity", () => {
    expect(configError({ ...TEAMS, MICROSOFT_APP_PASSWORD: undefined }).message).toMatch(
      /^MICROSOFT_APP_PASSWORD is required/,
    );
    expect(
      loadConfig({ ...TEAMS, MICROSOFT_APP_PASSWORD: undefined, MICROSOFT_APP_TYPE: "UserAssignedMSI" }).teams
        .appType,
    ).toBe("UserAssignedMSI");
  });

  it("needs MICROSOFT_APP_TENANT_ID for a SingleTenant app", () => {
    const { message } = configError({ ...TEAMS, MICROSOFT_APP_TYPE: "SingleTenant" });
    expect(message).toMatch(/^MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=SingleTenant/);
    const ok = loadConfig({
      ...TEAMS,
      MICROSOFT_APP_TYPE: "SingleTenant",
      MICROSOFT_APP_TENANT_ID: "tenant-1",
    });
    expect(ok.teams).toMatchObject({ appType: "SingleTenant", tenantId: "tenant-1" });
  });
});

describe("loadConfig turns the portal on with PUBLIC_URL", () => {
  const SECRET = "a-portal-secret-of-at-least-32-characters";

  it("keeps the portal off without PUBLIC_URL", () => {
    const config = loadConfig({});
    expect(config.publicUrl).toBeUndefined();
    expect(config.portal).toBeUndefined();
  });

  it("takes the address without its trailing slash, with the signing secret", () => {
    const config = loadConfig({ PUBLIC_URL: "https://tandem.example.edu/", PORTAL_SECRET: SECRET });
    expect(config.publicUrl).toBe("https://tandem.example.edu");
    expect(config.portal).toEqual({ secret: SECRET });
  });

  it("requires PORTAL_SECRET with PUBLIC_URL, and never shows it", () => {
    expect(configError({ PUBLIC_URL: "https://tandem.example.edu" }).message).toMatch(
      /^PORTAL_SECRET is required with PUBLIC_URL/,
    );
    const { message } = configError({ PUBLIC_URL: "https://t.example", PORTAL_SECRET: "secret-value-123" });
    expect(message).not.toContain("secret-value");
  });
});

describe("loadConfig turns e-mail on with SMTP_URL and MAIL_FROM", () => {
  it("keeps e-mail off without SMTP_URL", () => {
    expect(loadConfig({}).mail).toBeUndefined();
  });

  it("takes the server and the sender", () => {
    const config = loadConfig({
      SMTP_URL: "smtp://127.0.0.1:2525",
      MAIL_FROM: "Tandem <tandem@uni.example>",
    });
    expect(config.mail).toEqual({ smtpUrl: "smtp://127.0.0.1:2525", from: "Tandem <tandem@uni.example>" });
  });

  it("requires each with the other, and says what to write", () => {
    expect(configError({ SMTP_URL: "smtp://mail.example" }).message).toMatch(
      /^MAIL_FROM is required with SMTP_URL/,
    );
    expect(configError({ MAIL_FROM: "t@uni.example" }).message).toMatch(
      /^SMTP_URL is required with MAIL_FROM/,
    );
    expect(configError({ SMTP_URL: "http://mail.example", MAIL_FROM: "t@uni.example" }).message).toMatch(
      /^SMTP_URL is not valid: must be an smtp:\/\/ or smtps:\/\/ address; for example SMTP_URL=/,
    );
    expect(configError({ SMTP_URL: "smtp://mail.example", MAIL_FROM: "tandem" }).message).toMatch(
      /^MAIL_FROM is not valid: must be an address/,
    );
  });

  it("never shows the password in SMTP_URL", () => {
    const { message } = configError({ SMTP_URL: "http://user:secret-value-123@mail.example" });
    expect(message).not.toContain("secret-value");
  });
});

describe("loadConfig keeps secrets out of error messages", () => {
  it.each([
    ["SLACK_BOT_TOKEN", { SLACK_BOT_TOKEN: "secret-value-123" }],
    ["SLACK_APP_TOKEN", { SLACK_APP_TOKEN: "secret-value-123" }],
    ["SLACK_SIGNING_SECRET", { ...SLACK, SLACK_MODE: "socket", SLACK_SIGNING_SECRET: "secret-value-123" }],
    ["MICROSOFT_APP_PASSWORD", { PLATFORMS: "teams", MICROSOFT_APP_PASSWORD: "secret-value-123" }],
  ])("%s", (_name, env) => {
    const { message } = configError(env);
    expect(message).not.toContain("secret-value-123");
    expect(message).not.toContain("secret-value");
  });

  it("never echoes a valid secret when another variable is wrong", () => {
    const { message } = configError({ ...SLACK, SLACK_BOT_TOKEN: "xoxb-secret-value-123", PORT: "abc" });
    expect(message).toMatch(/^PORT /);
    expect(message).not.toContain("secret-value-123");
  });
});
