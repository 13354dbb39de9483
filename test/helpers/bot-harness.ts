import { createSettableClock } from "../../src/ports/clock.js";
import { createBot } from "../../src/services/bot.js";
import { importProgramme } from "../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { captureLog } from "./log-capture.js";
import { sampleProgramme } from "./programme.js";
import { openTestStore, rawRows, type StoreKind } from "./test-store.js";

let counter = 0;

/**
 * The real bot on a real database with the sample programme, at a fixed instant: SQLite in memory, or a
 * PostgreSQL database of its own with `store: "postgres"` or TANDEM_TEST_STORE=postgres. Closed after the test.
 */
export async function createBotHarness(
  options: {
    now?: string;
    programme?: ProgrammeInput;
    store?: StoreKind;
    /** "file": the harness outlives its test (a simulation several tests read); closed when the file ends. */
    closeAfter?: "test" | "file";
    /** PUBLIC_URL: the web portal is on, and `portal` and `report` link there. */
    publicUrl?: string;
  } = {},
) {
  const clock = createSettableClock(new Date(options.now ?? "2026-12-01T14:00:00Z"));
  const store = await openTestStore(options.store, {
    now: clock.now(),
    ...(options.closeAfter ? { closeAfter: options.closeAfter } : {}),
  });
  const programme = options.programme ?? sampleProgramme();
  await importProgramme(store, programme, clock.now());
  const captured = captureLog();
  const bot = createBot({
    store,
    clock,
    log: captured.log,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const workspace = programme.workspace.id;
  const platform = programme.workspace.platform;

  /** Sends a command as `user` and returns the reply text ("" when there is none). */
  async function say(user: string, text: string, id = `evt-${++counter}`): Promise<string> {
    const reply = await bot.handle({
      kind: "command",
      id,
      platform,
      workspace,
      user,
      conversation: `${platform}:${workspace}:user:${user}`,
      at: clock.now(),
      text,
    });
    return reply?.text ?? "";
  }

  /**
   * A direct message to Tandem as `user` (a Slack DM, a Teams personal chat); `threadRef` makes it a reply
   * in that thread. Returns the whole reply (buttons too), or undefined when Tandem says nothing.
   */
  async function dm(user: string, text: string, options: { threadRef?: string; id?: string } = {}) {
    const id = options.id ?? `evt-${++counter}`;
    return bot.handle({
      kind: "message",
      id,
      platform,
      workspace,
      user,
      conversation: `${platform}:${workspace}:user:${user}`,
      at: clock.now(),
      messageRef: id,
      ...(options.threadRef ? { threadRef: options.threadRef } : {}),
      mentions: [],
      asks: text.includes("?"),
      isDirect: true,
      fromBot: false,
      text,
    });
  }

  /**
   * A message in the internship's home channel as an adapter passes it: metadata only (who, mentions,
   * whether it asks for something, thread), at the platform's time `at`.
   */
  async function homeMessage(
    user: string,
    at: Date,
    message: { id: string; ref: string; mentions?: string[]; asks?: boolean; thread?: string | undefined },
  ) {
    return bot.handle({
      kind: "message",
      id: message.id,
      platform,
      workspace,
      user,
      conversation: `${platform}:${workspace}:conv:home`,
      at,
      messageRef: message.ref,
      ...(message.thread ? { threadRef: message.thread } : {}),
      mentions: message.mentions ?? [],
      asks: message.asks ?? false,
      isDirect: false,
      fromBot: false,
    });
  }

  /** Presses a button as `user` (an action event with the button's action and value). */
  async function press(user: string, button: { action: string; value: string }) {
    return bot.handle({
      kind: "action",
      id: `evt-${++counter}`,
      platform,
      workspace,
      user,
      conversation: `${platform}:${workspace}:user:${user}`,
      at: clock.now(),
      action: button.action,
      value: button.value,
    });
  }

  const ws = (await store.workspaces.find(platform, workspace))!;
  const person = async (key: string) => (await store.people.byKey(ws.id, key))!;
  const internship = async (key: string) => (await store.internships.byKey(ws.id, key))!;
  /** A fingerprint of every table a command may write, to prove that nothing was written. */
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        [
          "milestones",
          "milestone_history",
          "agreements",
          "agreement_acks",
          "leave_periods",
          "outbox",
          "audit_log",
        ].map(async (t) =>
          (await rawRows(store, `SELECT * FROM ${t}`)).map((row) => JSON.stringify(row)).sort(),
        ),
      ),
    );
  return {
    store,
    clock,
    bot,
    say,
    dm,
    press,
    homeMessage,
    log: captured,
    workspace: ws,
    person,
    internship,
    snapshot,
  };
}
