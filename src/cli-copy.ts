/** `tandem copy --from <database> --to <database> [--replace]`: moves an installation between engines. */
import { resolve } from "node:path";
import { type CliIo, option } from "./cli-args.js";
import { AppError } from "./domain/errors.js";
import { sqliteCopySource, sqliteCopyTarget } from "./storage/copy-sqlite.js";
import {
  type CopySource,
  type CopyTarget,
  checkSource,
  copyStore,
  type DatabaseLocation,
} from "./storage/copy-store.js";
import { postgresCopySource, postgresCopyTarget } from "./storage/postgres/copy-postgres.js";
import { databaseUrlProblem, redactDatabaseUrl } from "./storage/postgres/database-url.js";

const EXAMPLE =
  "tandem copy --from sqlite:./data/tandem.db --to postgres://tandem@db.example.com:5432/tandem";

/** `sqlite:<file>` or a postgres:// URL; anything else is refused with what is expected (never a password). */
export function parseLocation(text: string | undefined, flag: "--from" | "--to"): DatabaseLocation {
  if (!text) throw new AppError("BAD_INPUT", `copy needs ${flag}, e.g. ${EXAMPLE}`);
  if (/^sqlite:/i.test(text)) {
    const path = text.replace(/^sqlite:(\/\/(?=\/))?/i, "");
    if (!path) throw new AppError("BAD_INPUT", `${flag} sqlite: needs a file, e.g. sqlite:./data/tandem.db`);
    return { engine: "sqlite", path };
  }
  if (/^postgres(ql)?:/i.test(text)) {
    const problem = databaseUrlProblem(text);
    if (problem) throw new AppError("BAD_INPUT", `${flag} ${redactDatabaseUrl(text)} ${problem}`);
    return { engine: "postgres", url: text };
  }
  throw new AppError(
    "BAD_INPUT",
    `${flag} "${redactDatabaseUrl(text)}" must be sqlite:<file> (e.g. sqlite:./data/tandem.db) or a postgres:// URL`,
  );
}

/** How a location is shown: the file, or the URL without its password. */
export function describe(location: DatabaseLocation): string {
  return location.engine === "sqlite" ? `sqlite:${location.path}` : redactDatabaseUrl(location.url);
}

function same(a: DatabaseLocation, b: DatabaseLocation): boolean {
  if (a.engine === "sqlite" && b.engine === "sqlite") return resolve(a.path) === resolve(b.path);
  if (a.engine === "postgres" && b.engine === "postgres") {
    const [x, y] = [new URL(a.url.replace("@/", "@localhost/")), new URL(b.url.replace("@/", "@localhost/"))];
    return x.host === y.host && x.pathname === y.pathname;
  }
  return false;
}

export async function copy(args: string[], io: CliIo): Promise<void> {
  const from = parseLocation(option(args, "--from"), "--from");
  const to = parseLocation(option(args, "--to"), "--to");
  const unknown = args.filter((a) => a.startsWith("--") && !["--from", "--to", "--replace"].includes(a));
  if (unknown.length > 0) {
    throw new AppError(
      "BAD_INPUT",
      `copy does not know ${unknown.join(", ")}; it takes --from, --to and --replace`,
    );
  }
  if (same(from, to)) throw new AppError("BAD_INPUT", "--from and --to name the same database");
  const now = new Date();
  const source: CopySource =
    from.engine === "sqlite" ? sqliteCopySource(from.path) : await postgresCopySource(from.url);
  let target: CopyTarget | undefined;
  try {
    await checkSource(source);
    target = to.engine === "sqlite" ? sqliteCopyTarget(to.path, now) : await postgresCopyTarget(to.url, now);
    io.stdout.write(`copying ${describe(from)} to ${describe(to)}\n`);
    const report = await copyStore(source, target, {
      replace: args.includes("--replace"),
      onTable: (table, rows) => io.stdout.write(`  ${table}: ${rows} rows\n`),
    });
    io.stdout.write(
      `copied ${report.rows} rows in ${report.tables.length} tables; every table holds as many rows as the source, and new ids continue after the copied ones\n`,
    );
  } finally {
    await target?.close();
    await source.close();
  }
}
