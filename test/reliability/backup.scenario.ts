/**
 * Backups while the service writes: a stream of slash commands adds and completes milestones while
 * copies are taken, in this process with `backupDatabase` on a second connection and in a child process
 * with `tandem backup <file>`. Every copy opens, passes `PRAGMA integrity_check`, holds every migration,
 * and is transaction-consistent (no milestone without its history, no history without its milestone).
 */

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { expect } from "vitest";
import { backupDatabase } from "../../src/storage/backup.js";
import { migrationStatus } from "../../src/storage/migrate.js";
import { openStore } from "../../src/storage/sqlite-store.js";
import { runTandem, slackEnv } from "./child.js";
import { slackSample } from "./programmes.js";
import { startReliableService } from "./service.js";
import type { ServiceState } from "./service-state.js";

export interface BackupReport {
  commands: number;
  inProcess: number;
  cli: number;
  largestCopyMilestones: number;
  /** Read at the end: the copies in the folder, each checked again, and what they and the service hold. */
  copies?: { inProcess: number; cli: number };
  finalCopyMilestones?: number;
  service?: ServiceState;
}

async function checkCopy(file: string): Promise<number> {
  // File format bytes 18-19: 1 for a rollback journal, 2 for WAL (which would need its -wal file).
  const header = readFileSync(file).subarray(18, 20);
  expect([...header], "a self-contained copy").toEqual([1, 1]);
  const copy = openStore(file);
  try {
    expect(copy.db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.db.pragma("foreign_key_check")).toEqual([]);
    expect(migrationStatus(copy.db).current).toBe(true);
    const orphans = copy.db
      .prepare(
        `SELECT (SELECT count(*) FROM milestones m WHERE NOT EXISTS
                  (SELECT 1 FROM milestone_history h WHERE h.milestone_id = m.id AND h.action = 'add')) AS lonely,
                (SELECT count(*) FROM milestones WHERE status = 'done') AS done,
                (SELECT count(*) FROM milestone_history WHERE action = 'done') AS doneHistory`,
      )
      .get() as { lonely: number; done: number; doneHistory: number };
    expect(orphans.lonely).toBe(0);
    expect(orphans.done).toBe(orphans.doneHistory);
    return (copy.db.prepare("SELECT count(*) AS n FROM milestones").get() as { n: number }).n;
  } finally {
    await copy.close();
  }
}

export async function backupWhileWriting(commands: number, backups: number): Promise<BackupReport> {
  const s = await startReliableService({
    programmes: [slackSample("T1")],
    fakeSlack: { perChannelPerSecond: 1_000_000, channelBurst: 1_000_000 },
  });
  const report: BackupReport = { commands: 0, inProcess: 0, cli: 0, largestCopyMilestones: 0 };
  const folder = dirname(s.databasePath);
  try {
    s.clock.set(new Date("2026-12-01T13:00:00Z"));
    let stop = false;
    let failed = false;
    const stream = (async () => {
      // At least `commands` commands, and on until the backups are done.
      for (let n = 0; !failed && (n < commands || !stop); n++) {
        const added = await s.command({
          user_id: "U0ANA",
          text: `milestone add "Backup ${n}" due 2026-12-20`,
        });
        expect(added.status).toBe(200);
        const id = (await added.text()).match(/#(\d+)/)?.[1];
        if (id && n % 2 === 0)
          expect((await s.command({ user_id: "U0ANA", text: `milestone done ${id}` })).status).toBe(200);
        report.commands += 1;
      }
    })();
    // The stream is awaited below; until then its failure must not surface as an unhandled rejection.
    stream.catch(() => undefined);
    const source = openStore(s.databasePath);
    const writtenBefore = report.commands;
    try {
      for (let i = 0; i < backups; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const file = join(folder, `copy-${i}.db`);
        await backupDatabase(source.db, file);
        report.largestCopyMilestones = Math.max(report.largestCopyMilestones, await checkCopy(file));
        report.inProcess += 1;
        // The same through the CLI, from another process, while this one keeps writing.
        const cliFile = join(folder, `cli-copy-${i}.db`);
        const output = await runTandem(["backup", cliFile], slackEnv(s.databasePath, s.fake.url));
        expect(output).toContain(`backup written to ${cliFile}: integrity ok`);
        report.largestCopyMilestones = Math.max(report.largestCopyMilestones, await checkCopy(cliFile));
        report.cli += 1;
        expect(existsSync(`${cliFile}-wal`)).toBe(false);
      }
    } catch (error) {
      failed = true;
      await stream.catch(() => undefined);
      throw error;
    } finally {
      await source.close();
    }
    expect(report.commands, "commands were written while the backups ran").toBeGreaterThan(writtenBefore);
    stop = true;
    await stream;
    // A last copy after the stream holds everything it wrote.
    const final = join(folder, "final.db");
    await runTandem(["backup", final], slackEnv(s.databasePath, s.fake.url));
    expect(await checkCopy(final)).toBe(report.commands);
    const files = readdirSync(folder);
    // The copies on disk that still open read-only and pass the integrity check.
    const good = (pattern: RegExp) =>
      files
        .filter((f) => pattern.test(f))
        .filter((f) => {
          const copy = new Database(join(folder, f), { readonly: true });
          try {
            return copy.pragma("integrity_check", { simple: true }) === "ok";
          } finally {
            copy.close();
          }
        }).length;
    report.copies = { inProcess: good(/^copy-\d+\.db$/), cli: good(/^cli-copy-\d+\.db$/) };
    const last = new Database(final, { readonly: true });
    report.finalCopyMilestones = last.prepare("SELECT count(*) FROM milestones").pluck().get() as number;
    last.close();
    report.service = s.state();
    return report;
  } finally {
    await s.stop();
  }
}
