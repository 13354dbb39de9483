/**
 * `tandem copy`: moves a whole installation from one database to another (SQLite to PostgreSQL, or back).
 * Both engines have the same tables and columns (migrations/postgres/0001_initial.sql), so the copy is row
 * for row with the ids kept: parents before children, in batches (bounded memory), read from one consistent
 * snapshot of the source and written in one transaction on the target, which must be migrated and empty.
 * Each engine's side of it lives next to its store: copy-sqlite.ts and postgres/copy-postgres.ts.
 */
import { AppError } from "../domain/errors.js";
import { readMigrations } from "./migrate.js";

/** A database named on the command line: a SQLite file or a PostgreSQL URL. */
export type DatabaseLocation = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };

/** One table as the copy sees it: its columns, the primary key it is read in, the tables it refers to. */
export interface CopyTable {
  name: string;
  columns: string[];
  key: string[];
  parents: string[];
}

/** What a copy needs from the database it reads. */
export interface CopySource {
  /** Migration versions applied, and those this Tandem ships for the engine. */
  migrations(): Promise<{ applied: number[]; dir: string }>;
  tables(): Promise<CopyTable[]>;
  /** Runs `fn` on one consistent snapshot: every count and batch inside sees the same moment. */
  snapshot<T>(fn: () => Promise<T>): Promise<T>;
  count(table: string): Promise<number>;
  /** The table's rows in key order, `size` at a time, as arrays in `table.columns` order. */
  batches(table: CopyTable, size: number): AsyncIterable<unknown[][]>;
  close(): Promise<void>;
}

/** What a copy needs from the database it writes (already migrated by its opener). */
export interface CopyTarget {
  tables(): Promise<CopyTable[]>;
  /** Runs `fn` in one transaction: a failure anywhere leaves the target as it was. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  count(table: string): Promise<number>;
  /** Deletes every row of these tables (children first, as given). */
  clear(tables: CopyTable[]): Promise<void>;
  insert(table: CopyTable, rows: unknown[][]): Promise<void>;
  /** Moves every id generator past the highest id copied, so the next insert gets a fresh id. */
  continueIds(tables: CopyTable[]): Promise<void>;
  close(): Promise<void>;
}

export interface CopyOptions {
  /** Delete what the target holds first, instead of refusing a target that is not empty. */
  replace?: boolean;
  /** Rows per read and per INSERT. */
  batchSize?: number;
  /** Called after each table with the rows copied. */
  onTable?: (table: string, rows: number) => void;
}

export interface CopyReport {
  tables: { name: string; rows: number }[];
  rows: number;
}

/**
 * Not copied: each engine's migration bookkeeping is its own; the health probe's row is scratch space that a
 * target already started once would otherwise count as data; directory versions are written by the target's
 * own triggers as the rows arrive; sending leases and heartbeats belong to the source's running replicas.
 */
const NOT_COPIED = new Set([
  "schema_migrations",
  "health_probe",
  "directory_versions",
  "leases",
  "replica_heartbeats",
]);

/** A table or column name in double quotes, as both engines read it. */
export function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Parents before children; among tables that do not depend on each other, by name (a stable order). */
export function copyOrder(tables: CopyTable[]): CopyTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: CopyTable[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (table: CopyTable, path: string[]): void => {
    if (placed.has(table.name)) return;
    if (visiting.has(table.name)) {
      throw new AppError(
        "INTERNAL",
        `tables refer to each other in a cycle: ${[...path, table.name].join(" -> ")}`,
      );
    }
    visiting.add(table.name);
    for (const parent of [...table.parents].sort()) {
      const found = byName.get(parent);
      if (found && parent !== table.name) visit(found, [...path, table.name]);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table, []);
  return ordered;
}

/** The newest version of the engine's migrations, and whether `applied` is exactly up to it. */
function schemaProblem(applied: number[], dir: string): string | undefined {
  const known = readMigrations(dir).map((f) => f.version);
  const newest = known.at(-1) ?? 0;
  const newestApplied = Math.max(0, ...applied);
  if (newestApplied > newest) {
    return `it is at migration ${newestApplied}, newer than this Tandem (${newest}): copy with the Tandem that wrote it`;
  }
  const pending = known.filter((v) => !applied.includes(v));
  if (pending.length > 0) {
    return applied.length === 0
      ? "it holds no Tandem schema (no applied migrations)"
      : `migrations ${pending.join(", ")} are not applied to it yet: run tandem migrate on it with this Tandem first`;
  }
  return undefined;
}

/** The same tables with the same columns on both sides, or one sentence saying where they differ. */
function matchTables(source: CopyTable[], target: CopyTable[]): CopyTable[] {
  const wanted = source.filter((t) => !NOT_COPIED.has(t.name));
  const targets = new Map(target.filter((t) => !NOT_COPIED.has(t.name)).map((t) => [t.name, t]));
  const missing = wanted.filter((t) => !targets.has(t.name)).map((t) => t.name);
  const extra = [...targets.keys()].filter((name) => !wanted.some((t) => t.name === name));
  if (missing.length > 0 || extra.length > 0) {
    throw new AppError(
      "BAD_INPUT",
      `the two databases have different tables (${[
        missing.length ? `only the source has ${missing.join(", ")}` : "",
        extra.length ? `only the target has ${extra.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; ")}): both must be at the same migration`,
    );
  }
  for (const table of wanted) {
    const other = targets.get(table.name)!;
    const a = [...table.columns].sort().join(", ");
    const b = [...other.columns].sort().join(", ");
    if (a !== b) {
      throw new AppError(
        "BAD_INPUT",
        `table ${table.name} has columns (${a}) on the source but (${b}) on the target: both must be at the same migration`,
      );
    }
  }
  // The target's dependencies decide the order: its foreign keys are the ones checked on insert.
  return copyOrder(wanted.map((t) => ({ ...t, parents: targets.get(t.name)!.parents })));
}

/** Refuses a source whose schema is not exactly this Tandem's: before the target is even opened. */
export async function checkSource(source: CopySource): Promise<void> {
  const status = await source.migrations();
  const problem = schemaProblem(status.applied, status.dir);
  if (problem) throw new AppError("BAD_INPUT", `the source database cannot be copied: ${problem}`);
}

/** Copies every table of `source` into `target`; see the file comment. Closes neither. */
export async function copyStore(
  source: CopySource,
  target: CopyTarget,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const size = options.batchSize ?? 1000;
  await checkSource(source);
  const tables = matchTables(await source.tables(), await target.tables());
  return source.snapshot(() =>
    target.transaction(async () => {
      const held: string[] = [];
      for (const table of tables) {
        const rows = await target.count(table.name);
        if (rows > 0) held.push(`${table.name} ${rows}`);
      }
      if (held.length > 0 && !options.replace) {
        throw new AppError(
          "BAD_INPUT",
          `the target database is not empty (rows: ${held.join(", ")}); copy into a new, empty database, or add --replace to delete everything it holds first`,
        );
      }
      if (held.length > 0) await target.clear([...tables].reverse());
      const report: CopyReport = { tables: [], rows: 0 };
      for (const table of tables) {
        const expected = await source.count(table.name);
        let copied = 0;
        for await (const batch of source.batches(table, size)) {
          await target.insert(table, batch);
          copied += batch.length;
        }
        const landed = await target.count(table.name);
        if (copied !== expected || landed !== expected) {
          throw new AppError(
            "INTERNAL",
            `table ${table.name}: the source holds ${expected} rows, ${copied} were read and the target holds ${landed}; nothing was copied`,
          );
        }
        report.tables.push({ name: table.name, rows: copied });
        report.rows += copied;
        options.onTable?.(table.name, copied);
      }
      await target.continueIds(tables);
      return report;
    }),
  );
}
