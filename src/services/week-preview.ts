/**
 * What Tandem would send for one internship over a span, found by running the real rules and the real
 * dispatcher (contact hours, daily budget, merging) on a private copy of the store, with a clock that jumps
 * from one due moment to the next and platforms that record instead of sending. Never a second, hand-kept
 * list of what the rules do: a change to a rule changes the preview. Nothing reaches the store or a chat.
 * Nobody answers or writes in the copy, so what answers would change (reminders, summaries, nudges) shows
 * as it would happen in silence.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Logger } from "pino";
import { mailRecipient, parseAddress } from "../domain/addresses.js";
import type { Address, OutboundMessage } from "../domain/messages.js";
import { introKeys } from "../domain/outbox-keys.js";
import type { Platform } from "../domain/types.js";
import type { ChatPlatform } from "../ports/chat-platform.js";
import { createSettableClock } from "../ports/clock.js";
import type { OutboxItem, Store } from "../ports/store.js";
import { createDispatcher } from "./dispatcher.js";
import type { InternshipContext } from "./internship-context.js";
import { createPlanner } from "./planner.js";
import { allRules } from "./rules/all-rules.js";
import { WAKEUP_KINDS, type WakeupKind } from "./rules/wakeup-rule.js";

export interface SimulatedSend {
  at: Date;
  address: Address;
  message: OutboundMessage;
}

const MINUTE_MS = 60_000;
/** The metronome ticks once a minute: a week of it, and a little more, bounds the steps. */
const MAX_STEPS = 8 * 24 * 60;
const KINDS: readonly WakeupKind[] = [...WAKEUP_KINDS, "welcome"];
const PLATFORMS: readonly Platform[] = ["slack", "teams", "console"];
/**
 * The copy is SQLite, whose calls never wait: without a pause the whole preview (seconds on a large
 * cohort) would hold the event loop, and a platform adapter could not answer "working on it" in time.
 */
const YIELD_EVERY = 200;

/** Whether a queued message is about this internship: to its people or channels, or its introductions. */
async function concernsInternship(copy: Store, ctx: InternshipContext) {
  const people = [ctx.intern, ctx.supervisor, ctx.backupSupervisor, ctx.coordinator];
  const users = new Set(people.flatMap((p) => (p ? Object.values(p.ids) : [])));
  const emails = new Set(people.flatMap((p) => (p?.email ? [p.email] : [])));
  const channels = new Set([
    ctx.internship.homeChannel,
    ...(await copy.internships.conversations(ctx.internship.id)),
  ]);
  const intros = (await copy.introductions.forInternship(ctx.internship.id)).map((i) => i.id);
  const introKey = (key: string) =>
    intros.some(
      (id) =>
        key === introKeys.ask(id) ||
        key === introKeys.group(id) ||
        key === introKeys.reschedule(id) ||
        key.startsWith(introKeys.followUpPrefix(id)),
    );
  return (row: OutboxItem): boolean => {
    if (introKey(row.key)) return true;
    const email = mailRecipient(row.address);
    if (email !== undefined) return emails.has(email);
    const parsed = parseAddress(row.address);
    if (!parsed) return false;
    if (parsed.kind === "user") return users.has(parsed.id);
    if (parsed.kind === "conv") return channels.has(parsed.id);
    if (parsed.kind === "group") return parsed.ids.some((id) => users.has(id));
    return false;
  };
}

/**
 * Leaves only this internship's work in the copy: other internships' wake-ups are cleared, and messages
 * already queued stay only when they concern it (those would really arrive, and count in the budget).
 */
async function isolate(copy: Store, ctx: InternshipContext): Promise<void> {
  const concerns = await concernsInternship(copy, ctx);
  for (const workspace of await copy.workspaces.list()) {
    let done = 0;
    for (const internship of await copy.internships.list(workspace.id)) {
      if (internship.id !== ctx.internship.id) await copy.wakeups.clearAll(internship.id);
      if (++done % YIELD_EVERY === 0) await nextTurn();
    }
    for (const row of await copy.outbox.list({ status: "pending", workspaceId: workspace.id })) {
      if (!concerns(row)) await copy.outbox.cancelPending(workspace.id, row.key);
    }
  }
}

/** The next moment anything is due: a wake-up of the internship or a queued message; undefined: nothing is. */
async function nextDue(copy: Store, ctx: InternshipContext, after: Date): Promise<Date | undefined> {
  const moments: number[] = [];
  for (const kind of KINDS) {
    const at = await copy.wakeups.get(ctx.internship.id, kind);
    if (at) moments.push(at.getTime());
  }
  for (const row of await copy.outbox.list({ status: "pending", workspaceId: ctx.workspace.id })) {
    moments.push(row.notBefore.getTime());
  }
  if (moments.length === 0) return undefined;
  // The metronome ticks on whole minutes, at least one minute apart.
  const earliest = Math.max(Math.min(...moments), after.getTime() + MINUTE_MS);
  return new Date(Math.ceil(earliest / MINUTE_MS) * MINUTE_MS);
}

/** Runs the copy from `from` until `until`; the caller owns the copy and closes it. */
export async function simulateSends(
  copy: Store,
  ctx: InternshipContext,
  span: { from: Date; until: Date },
  log: Logger,
): Promise<SimulatedSend[]> {
  // Only failures matter here: a rule that fails in the copy fails in the service too.
  const quiet = log.child({ component: "week-preview" }, { level: "error" });
  const clock = createSettableClock(span.from);
  const sent: SimulatedSend[] = [];
  const recorder = (name: Platform): ChatPlatform => ({
    name,
    routes: [],
    start: async () => {},
    stop: async () => {},
    send: async (address, message) => {
      sent.push({ at: clock.now(), address, message });
      return { ref: `preview:${sent.length}` };
    },
  });
  await isolate(copy, ctx);
  const planner = createPlanner({ store: copy, rules: allRules(copy, quiet), log: quiet });
  const dispatcher = createDispatcher({
    store: copy,
    platforms: new Map(PLATFORMS.map((p) => [p, recorder(p)])),
    // E-mails are previewed as if mail were on: the question is what people would get.
    mail: recorder("console"),
    clock,
    log: quiet,
    // A pass is never cut short: it sends instantly. A snapshot is of SQLite, where every process sends as
    // "local", so a sending lease the service held when the copy was made is ours.
    options: { elapsed: () => 0 },
    replica: "local",
  });
  let at: Date | undefined = span.from;
  for (let step = 0; at && at < span.until && step < MAX_STEPS; step++) {
    clock.set(at);
    await planner.tick(at);
    await dispatcher.dispatch(at);
    at = await nextDue(copy, ctx, at);
    await nextTurn();
  }
  return sent;
}
