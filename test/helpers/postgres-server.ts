/**
 * A throwaway PostgreSQL server for the tests: initdb and pg_ctl in a temporary folder, on a free loopback
 * port, without durability (fsync off: nothing here must survive a crash). As root it runs as the
 * `postgres` user, since PostgreSQL refuses to run as root.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PostgresServer {
  /** postgres://tandem@127.0.0.1:<port>/postgres: a superuser that may create databases. */
  url: string;
  /** The postmaster's process id (the benchmarks count the CPU of it and its backends). */
  pid: number;
  stop(): Promise<void>;
}

/** The folder holding initdb and pg_ctl: the PATH first, then Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresBin(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) return dir;
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], "bin");
  throw new Error(
    "the tests need a PostgreSQL server, but initdb and pg_ctl were found neither on the PATH nor in /usr/lib/postgresql/*/bin: install them with `apt-get install -y postgresql`, or set TANDEM_TEST_POSTGRES to the URL of a server whose user may create databases (postgres://user@127.0.0.1:5432/postgres)",
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** `settings`: more server settings (`-c name=value`), after the defaults below so they win. */
export async function startPostgres(settings: readonly string[] = []): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const exec = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, tool), ...args]) : run(join(bin, tool), args);
  const dir = await mkdtemp(join(tmpdir(), "tandem-pg-"));
  const data = join(dir, "data");
  try {
    if (asRoot) {
      const { stdout } = await run("id", ["-u", "postgres"]);
      await chown(dir, Number(stdout.trim()), -1);
    }
    await exec("initdb", [
      "-D",
      data,
      "-U",
      "tandem",
      "--auth=trust",
      "--no-sync",
      "-E",
      "UTF8",
      "--locale=C",
    ]);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      "-c unix_socket_directories=''",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
      ...settings.map((s) => `-c ${s}`),
    ].join(" ");
    await exec("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "30", "start"]);
    const pid = Number((await readFile(join(data, "postmaster.pid"), "utf8")).split("\n", 1)[0]);
    return {
      url: `postgres://tandem@127.0.0.1:${port}/postgres`,
      pid,
      async stop() {
        await exec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await exec("pg_ctl", ["-D", data, "-m", "immediate", "stop"]).catch(() => undefined);
    const log = await readFile(join(dir, "log"), "utf8").catch(() => "");
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `the throwaway PostgreSQL server did not start: ${(error as Error).message}${log ? `\n${log.slice(-2000)}` : ""}`,
    );
  }
}
