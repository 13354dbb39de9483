/**
 * BENCH_PG_TRACE=1: counts the statements the service sends to PostgreSQL, each one a round trip (pg sends
 * the next only after the previous one's answer), by kind. Wraps pg.Client's query in this process: the
 * service runs here, the load generator in a child process.
 */
import pg from "pg";

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

const counts = new Map<string, number>();
/** Events handled: the deliveries in the dedupe inserts (one statement may insert a batch's, as arrays). */
let handled = 0;
let installed = false;
const stacked = new Set<string>();

/** A statement's kind: its first words, with savepoint names and literals dropped. */
function kindOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (/^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT) /i.test(flat)) return flat.replace(/ \S+$/, "");
  const table =
    /^(?:INSERT INTO|UPDATE|DELETE FROM) (\w+)/i.exec(flat)?.[1] ?? /\bFROM (\w+)/i.exec(flat)?.[1] ?? "";
  return `${flat.split(" ", 1)[0]!.toUpperCase()}${table ? ` ${table}` : ""}${flat.length > 60 ? ` [${flat.slice(0, 60)}...]` : ` [${flat}]`}`;
}

export function tracePostgres(): void {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query as unknown as Query;
  (pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args) {
    const first = args[0];
    const text = typeof first === "string" ? first : (first as { text?: string } | undefined)?.text;
    if (text) {
      const kind = kindOf(text);
      if (kind.startsWith("INSERT inbound_events")) {
        const values = (first as { values?: unknown[] } | undefined)?.values ?? (args[1] as unknown[]);
        handled += Array.isArray(values?.[0]) ? (values[0] as unknown[]).length : 1;
      }
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      // BENCH_PG_TRACE_STACK=<words>: where the first statement of that kind comes from.
      const wanted = process.env.BENCH_PG_TRACE_STACK;
      if (wanted && kind.includes(wanted) && !stacked.has(kind)) {
        stacked.add(kind);
        console.log(`${kind}\n${new Error().stack}`);
      }
    }
    return original.apply(this, args);
  };
}

/**
 * Statements since the last call, per event handled (its dedupe insert: the service also handles events the
 * client gave up on) or per `per` (the fan-out's messages), the total and each kind, most frequent first.
 */
export function takeTrace(per?: { what: string; n: number }): string {
  const n = Math.max(1, per?.n ?? handled);
  handled = 0;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const lines = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `    ${(count / n).toFixed(2).padStart(6)}  ${kind}`);
  counts.clear();
  return `  statements per ${per?.what ?? "event handled"} (${n}): ${(total / n).toFixed(2)}\n${lines.join("\n")}`;
}
