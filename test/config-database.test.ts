import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { AppError } from "../src/domain/errors.js";
import { redactDatabaseUrl } from "../src/storage/postgres/database-url.js";

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

describe("DATABASE_URL and DATABASE_POOL_SIZE", () => {
  it("leaves PostgreSQL off by default: the SQLite file, and a pool of 10 should it be turned on", () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.databasePath).toBe("./data/tandem.db");
    expect(config.databasePoolSize).toBe(10);
  });

  it.each([
    "postgres://tandem:s3cret@db.internal:5432/tandem",
    "postgresql://tandem@10.0.0.5/tandem?sslmode=require",
    "postgres://tandem@/tandem?host=/var/run/postgresql",
  ])("accepts %s", (url) => {
    expect(loadConfig({ DATABASE_URL: ` ${url} `, DATABASE_POOL_SIZE: "25" })).toMatchObject({
      databaseUrl: url,
      databasePoolSize: 25,
    });
  });

  it("refuses another scheme, saying what is expected and never showing the password", () => {
    const { message } = configError({ DATABASE_URL: "mysql://tandem:hunter2@db.internal/tandem" });
    expect(message).toMatch(/^DATABASE_URL is not valid: must start with postgres:\/\/ or postgresql:\/\//);
    expect(message).toContain("it starts with mysql:");
    expect(message).toContain("DATABASE_PATH");
    expect(message).not.toContain("hunter2");
  });

  it("refuses a file path given as DATABASE_URL", () => {
    const { message } = configError({ DATABASE_URL: "./data/tandem.db" });
    expect(message).toMatch(/must be a URL starting with postgres:\/\//);
    expect(message).toContain("for example DATABASE_URL=postgres://");
  });

  it("refuses a malformed URL without echoing it", () => {
    const { message } = configError({ DATABASE_URL: "postgres://tandem:hunter2@db.internal:port/tandem" });
    expect(message).toMatch(/is not a well-formed URL/);
    expect(message).not.toContain("hunter2");
  });

  it.each(["0", "-3", "2.5", "many"])("refuses DATABASE_POOL_SIZE=%s", (size) => {
    expect(configError({ DATABASE_POOL_SIZE: size }).message).toMatch(/^DATABASE_POOL_SIZE is not valid/);
  });
});

describe("redactDatabaseUrl", () => {
  it.each([
    ["postgres://tandem:s3cret@db:5432/tandem", "postgres://tandem:***@db:5432/tandem"],
    ["postgres://tandem:p@ss:w0rd@db/tandem", "postgres://tandem:***@db/tandem"],
    [
      "postgres://tandem@db/tandem?sslmode=require&password=s3cret",
      "postgres://tandem@db/tandem?sslmode=require&password=***",
    ],
    ["postgres://tandem@db/tandem", "postgres://tandem@db/tandem"],
    ["postgres://db/tandem", "postgres://db/tandem"],
  ])("shows %s as %s", (url, shown) => {
    expect(redactDatabaseUrl(url)).toBe(shown);
  });
});

describe("TICK_SECONDS and LEASE_SECONDS", () => {
  it("ticks every minute and leases for 90 seconds by default", () => {
    expect(loadConfig({})).toMatchObject({ tickSeconds: 60, leaseSeconds: 90 });
  });

  it("accepts a shorter tick that divides the minute, and a shorter lease", () => {
    expect(loadConfig({ TICK_SECONDS: "5", LEASE_SECONDS: "10" })).toMatchObject({
      tickSeconds: 5,
      leaseSeconds: 10,
    });
  });

  it.each(["0", "7", "90", "1.5"])("refuses TICK_SECONDS=%s", (seconds) => {
    expect(configError({ TICK_SECONDS: seconds }).message).toMatch(/^TICK_SECONDS is not valid/);
  });

  it.each(["4", "3601", "soon"])("refuses LEASE_SECONDS=%s", (seconds) => {
    expect(configError({ LEASE_SECONDS: seconds }).message).toMatch(/^LEASE_SECONDS is not valid/);
  });
});
