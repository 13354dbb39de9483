/**
 * Several `tandem start` replicas (real child processes, Slack in HTTP mode) on one fresh PostgreSQL
 * database and the fake Slack Web API, as an operator runs them behind a load balancer: each has its own
 * port and REPLICA_ID. Each talks to the fake through a pass-through proxy of its own, which tells when a
 * killed replica's last requests have all landed. The database is migrated and seeded here first.
 */
import type { Installation } from "@slack/bolt";
import { createInstallationStore } from "../../adapters/slack/installation-store.js";
import { createTokenVault } from "../../adapters/slack/token-vault.js";
import { systemClock } from "../../src/ports/clock.js";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { openPostgresStore, type PostgresStore } from "../../src/storage/postgres/postgres-store.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import { signedRequest } from "../fakes/slack-requests.js";
import { freshDatabase } from "../helpers/postgres.js";
import { type Child, freePort, spawnTandem } from "./child.js";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.js";

const SECRET = "secret";
const TOKEN_KEY = Buffer.alloc(32, 7).toString("base64");

export interface ReplicaOptions {
  /** Imported before the replicas start; `seed()` imports more while they run. */
  programmes?: ProgrammeInput[];
  count?: number;
  /**
   * Slack workspaces Tandem is installed in through OAuth (each with its own token `xoxb-<team>`);
   * without them, one bot token serves workspace T1.
   */
  installs?: string[];
  /** More environment for every replica, e.g. SCHEDULER, TICK_SECONDS, LEASE_SECONDS, LOG_LEVEL. */
  env?: Record<string, string>;
}

export interface Replica {
  /** Its REPLICA_ID. */
  id: string;
  base: string;
  child: Child;
  /** Its own way to the fake Slack: what it sent, and whether a killed one's requests all landed. */
  proxy: FaultProxy;
  alive: boolean;
}

export interface Replicas {
  replicas: Replica[];
  fake: FakeSlackApi;
  /** This process's own connection to the shared database, to seed it and to look at it. */
  store: PostgresStore;
  rows<T>(text: string, values?: readonly unknown[]): Promise<T[]>;
  /** Imports programmes as an operator would, in one transaction, without their welcome messages. */
  seed(programmes: ProgrammeInput[]): Promise<void>;
  /** Posts a signed Slack request to replica `n`, timed now (the replicas run on real time). */
  post(
    n: number,
    body: Record<string, unknown>,
    contentType: "json" | "form",
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** Slack requests replica `n` handled to their end, replies included, by its own debug line. */
  processed(n: number): number;
  /** SIGKILL, then waits until everything the replica had put on the wire reached the fake Slack. */
  kill(n: number): Promise<void>;
  /**
   * Stops the replicas still running (SIGTERM; SIGKILL after a minute, a paced send's longest wait),
   * then the fake and the proxies; returns how each ended, with the end of its output when not cleanly.
   */
  stop(): Promise<{ id: string; code: number | null; signal: NodeJS.Signals | null; output?: string }[]>;
}

/** An installation as Slack's OAuth flow stores it: the bot token of `team`. */
function installation(team: string): Installation<"v2", false> {
  return {
    team: { id: team, name: `Workspace ${team}` },
    enterprise: undefined,
    isEnterpriseInstall: false,
    appId: "A0TANDEM",
    tokenType: "bot",
    user: { id: "U0ADMIN", token: undefined, scopes: undefined },
    bot: { token: `xoxb-${team}`, scopes: ["chat:write"], id: "BBOT", userId: "UBOT" },
  };
}

/** Polls `check` every `everyMs` until it holds; fails saying `what` did not happen in time. */
export async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
  everyMs = 20,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export async function startReplicas(options: ReplicaOptions): Promise<Replicas> {
  const installs = options.installs ?? [];
  const fake = await startFakeSlackApi({
    tokens: installs.length
      ? Object.fromEntries(installs.map((team) => [`xoxb-${team}`, team]))
      : { "xoxb-test": "T1" },
  });
  const databaseUrl = await freshDatabase();
  const store = await openPostgresStore(databaseUrl, { now: new Date(), poolSize: 4 });
  const seed = async (programmes: ProgrammeInput[]) => {
    const now = new Date();
    await store.transaction(async () => {
      for (const programme of programmes) await importProgramme(store, programme, now);
      // A deployment whose people were welcomed long ago: the welcome has tests of its own.
      await store.sql.run("DELETE FROM wakeups WHERE kind = 'welcome'");
    });
  };
  await seed(options.programmes ?? []);
  const sealed = createInstallationStore(store.installations, createTokenVault(TOKEN_KEY), systemClock);
  for (const team of installs) await sealed.storeInstallation(installation(team));

  const slack: Record<string, string> = installs.length
    ? {
        SLACK_CLIENT_ID: "123.456",
        SLACK_CLIENT_SECRET: "client-secret",
        SLACK_STATE_SECRET: "a-long-enough-state-secret",
        SLACK_TOKEN_KEY: TOKEN_KEY,
      }
    : { SLACK_BOT_TOKEN: "xoxb-test" };
  const replicas: Replica[] = [];
  for (let n = 0; n < (options.count ?? 3); n++) {
    const port = await freePort();
    const proxy = await startFaultProxy(fake.url);
    const id = `replica-${n + 1}`;
    const child = spawnTandem(["start"], {
      PLATFORMS: "slack",
      DATABASE_URL: databaseUrl,
      REPLICA_ID: id,
      PORT: String(port),
      HOST: "127.0.0.1",
      SLACK_MODE: "http",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: proxy.url,
      ...slack,
      ...options.env,
    });
    replicas.push({ id, base: `http://127.0.0.1:${port}`, child, proxy, alive: true });
  }
  const set: Replicas = {
    replicas,
    fake,
    store,
    rows: (text, values) => store.sql.rows(text, values),
    seed,
    post: (n, body, contentType, headers) =>
      signedRequest(replicas[n]!.base, SECRET, body, {
        contentType,
        timestamp: new Date(),
        ...(headers ? { headers } : {}),
      }),
    processed: (n) => replicas[n]!.child.output().split('"msg":"Slack request processed"').length - 1,
    async kill(n) {
      const replica = replicas[n]!;
      replica.child.process.kill("SIGKILL");
      await replica.child.exited;
      replica.alive = false;
      await until(() => replica.proxy.idle(), 10_000, `${replica.id}'s last requests landing`);
    },
    async stop() {
      const ended = [];
      for (const replica of replicas) {
        const stopping = replica.alive;
        if (stopping) replica.child.process.kill("SIGTERM");
        const timer = setTimeout(() => replica.child.process.kill("SIGKILL"), 60_000);
        const exit = await replica.child.exited;
        clearTimeout(timer);
        const clean = !stopping || exit.code === 0;
        ended.push({
          id: replica.id,
          ...exit,
          ...(clean ? {} : { output: replica.child.output().split("\n").slice(-20).join("\n") }),
        });
        replica.alive = false;
      }
      for (const replica of replicas) await replica.proxy.close();
      await fake.close();
      await store.close();
      return ended;
    },
  };
  try {
    for (const replica of replicas) {
      let exited = false;
      void replica.child.exited.then(() => {
        exited = true;
      });
      await until(
        async () => {
          if (exited) throw new Error(`${replica.id} ended at start-up:\n${replica.child.output()}`);
          const answer = await fetch(`${replica.base}/readyz`).catch(() => undefined);
          return answer?.status === 200;
        },
        60_000,
        `${replica.id} ready`,
      );
    }
  } catch (error) {
    await set.stop();
    throw error;
  }
  return set;
}
