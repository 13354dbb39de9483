/** The real `tandem` CLI in a child process (node --import tsx src/cli.ts ...), as an operator runs it. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");

export interface Child {
  process: ChildProcess;
  output(): string;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * An empty working directory: tandem reads a .env where it runs, and a developer's .env in the clone
 * (PLATFORMS, DATABASE_URL) must not change what these children do.
 */
const CWD = mkdtempSync(join(tmpdir(), "tandem-child-"));

export function spawnTandem(args: string[], env: Record<string, string>): Child {
  const tsx = import.meta.resolve("tsx");
  const child = spawn(process.execPath, ["--import", tsx, join(ROOT, "src", "cli.ts"), ...args], {
    cwd: CWD,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { process: child, output: () => text, exited };
}

/** Runs a CLI command to its end; fails with its output when the exit code is not 0. */
export async function runTandem(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawnTandem(args, env);
  const { code, signal } = await child.exited;
  if (code !== 0)
    throw new Error(`tandem ${args.join(" ")} ended with ${code ?? signal}:\n${child.output()}`);
  return child.output();
}

/** A TCP port nobody listens on right now (the CLI's PORT cannot be 0 and still be known). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `tandem start` in a child process on a free port, once its /healthz answers. */
export async function startServing(env: Record<string, string>): Promise<{ child: Child; base: string }> {
  const port = await freePort();
  const child = spawnTandem(["start"], { ...env, PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, base };
    if (Date.now() > deadline) throw new Error(`tandem start did not come up:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The environment for a Slack service on loopback talking to a fake Web API. */
export function slackEnv(databasePath: string, apiUrl: string, port = 0): Record<string, string> {
  return {
    PLATFORMS: "slack",
    DATABASE_PATH: databasePath,
    PORT: String(port),
    SCHEDULER: "off",
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: "secret",
    SLACK_API_URL: apiUrl,
  };
}
