import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import type { MessageEvent } from "../../src/domain/messages.js";
import { createSettableClock } from "../../src/ports/clock.js";
import { createBot } from "../../src/services/bot.js";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import { openStore, type SqliteStore } from "../../src/storage/sqlite-store.js";
import { captureLog } from "../helpers/log-capture.js";
import { sampleProgramme } from "../helpers/programme.js";

const SP = "America/Sao_Paulo";
const local = (iso: string, zone = SP) => DateTime.fromISO(iso, { zone }).toJSDate();
const opened: SqliteStore[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The bot on a SQLite file, and a second connection to the same file: what `tandem` commands use. */
async function setup() {
  const folder = mkdtempSync(join(tmpdir(), "tandem-workspace-cache-"));
  folders.push(folder);
  const path = join(folder, "tandem.db");
  const clock = createSettableClock(new Date("2026-11-30T08:00:00Z"));
  const store = openStore(path, { now: clock.now() });
  opened.push(store);
  await importProgramme(store, sampleProgramme(), clock.now());
  const bot = createBot({ store, clock, log: captureLog().log });
  const cli = openStore(path);
  opened.push(cli);
  const ws = (await store.workspaces.find("console", "test"))!;
  let n = 0;
  /** Ana asks a question in her home channel at `at` (her time); returns the clock it started. */
  const ask = async (at: Date) => {
    n += 1;
    clock.set(new Date(at.getTime() + 60_000));
    const event: MessageEvent = {
      kind: "message",
      id: `ev-${n}`,
      platform: "console",
      workspace: "test",
      user: "ana",
      conversation: "console:test:conv:home",
      at,
      messageRef: `m${n}`,
      mentions: [],
      asks: true,
      isDirect: false,
      fromBot: false,
    };
    await bot.handle(event);
    return (await store.replyClocks.openByMessage(ws.id, `m${n}`))[0];
  };
  const person = async (key: string) => (await store.people.byKey(ws.id, key))!;
  return { store, cli, ws, ask, person };
}

describe("what channel messages keep about a workspace", () => {
  it("sees leave that another process added: the next question runs on the backup's clock", async () => {
    const { cli, ws, ask, person } = await setup();
    const bram = await person("bram");
    const before = await ask(local("2026-12-07T10:00"));
    expect(before?.responderId).toBe(bram.id);
    await cli.people.addLeave(ws.id, bram.id, { from: "2026-12-08", to: "2026-12-11" }, new Date());
    const during = await ask(local("2026-12-08T10:00"));
    expect(during?.responderId).toBe((await person("chloe")).id);
  });

  it("sees another supervisor that a re-import gave the internship", async () => {
    const { cli, ask, person } = await setup();
    await ask(local("2026-12-07T10:00"));
    const programme = sampleProgramme();
    const ana = programme.internships!.find((i) => i.key === "ana-2026")!;
    ana.supervisor = "olga";
    await importProgramme(cli, programme, new Date());
    const after = await ask(local("2026-12-07T11:00"));
    expect(after?.responderId).toBe((await person("olga")).id);
  });

  it("reads people and internships once while nothing about them changes", async () => {
    const { store, ask } = await setup();
    const reads: string[] = [];
    for (const [name, repo] of [
      ["people", store.people],
      ["internships", store.internships],
      ["agreements", store.agreements],
      ["daysOff", store.daysOff],
    ] as const) {
      for (const [method, fn] of Object.entries(repo)) {
        if (typeof fn !== "function") continue;
        (repo as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          reads.push(`${name}.${method}`);
          return (fn as (...a: unknown[]) => unknown)(...args);
        };
      }
    }
    await ask(local("2026-12-07T10:00"));
    expect(reads.length).toBeGreaterThan(0);
    reads.length = 0;
    const second = await ask(local("2026-12-07T11:00"));
    expect(second).toBeDefined();
    expect(reads).toEqual([]);
  });
});
