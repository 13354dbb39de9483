import type { Logger } from "pino";
import type { Dispatcher, DispatchResult } from "./dispatcher.js";
import type { Planner, PlanResult } from "./planner.js";
import type { Retention } from "./retention.js";

export interface TickResult {
  plan: PlanResult;
  dispatch: DispatchResult;
  /** A rule or the dispatch failed: `tandem tick` exits non-zero, health says so. */
  failed: boolean;
}

/** The last pass as health reports it. */
export interface TickHealth {
  lastTickAt?: Date;
  /** The last pass that failed, and why, until a later one succeeds. */
  failing?: { at: Date; failedRules: string[]; error?: string };
}

export interface Ticker {
  /**
   * One pass: plan what is due at `now` at once, then send it. Planning never waits for sending: while
   * a dispatch is running, the next one is queued behind it (at most one), and resolves this tick.
   * Planning passes do not overlap either: a tick that arrives while one runs shares it. A large plan
   * (a fan-out) starts sending what it committed so far while it plans the rest.
   */
  tick(now: Date): Promise<TickResult>;
  /** Resolves when no pass is running: for a clean shutdown. */
  idle(): Promise<void>;
  /** Starts no new delivery and waits for those in flight (bounded by the platform's HTTP timeout). */
  stop(): Promise<void>;
  health(): TickHealth;
}

export function createTicker(deps: {
  planner: Planner;
  dispatcher: Dispatcher;
  log: Logger;
  retention?: Retention;
}): Ticker {
  const log = deps.log.child({ component: "ticker" });
  let running: Promise<unknown> = Promise.resolve();
  let queued: { now: Date; pass: Promise<DispatchResult> } | undefined;
  const health: TickHealth = {};
  /**
   * The planning pass under way. When planning takes longer than a tick (thousands of due wake-ups on a
   * busy database), overlapping passes would only add load to the same work: later ticks share this one,
   * and the tick after it plans what came due meanwhile.
   */
  let planning: Promise<PlanResult> | undefined;
  const planFor = (now: Date, committed: () => void) => {
    planning ??= deps.planner.tick(now, committed).finally(() => {
      planning = undefined;
    });
    return planning;
  };

  /** Dispatches run one after another; ticks that arrive meanwhile share the one queued behind. */
  function dispatchAfter(now: Date): Promise<DispatchResult> {
    if (queued) {
      if (now.getTime() > queued.now.getTime()) queued.now = now;
      return queued.pass;
    }
    const entry: { now: Date; pass: Promise<DispatchResult> } = { now, pass: Promise.resolve() as never };
    entry.pass = running.then(async () => {
      if (queued === entry) queued = undefined;
      return await deps.dispatcher.dispatch(entry.now);
    });
    queued = entry;
    running = entry.pass.catch(() => undefined);
    return entry.pass;
  }

  return {
    async tick(now) {
      let plan: PlanResult;
      let dispatch: DispatchResult;
      // Every dispatch pass this tick asked for: those started while planning went on, and the last.
      const passes = new Set<Promise<DispatchResult>>();
      try {
        plan = await planFor(now, () => {
          const pass = dispatchAfter(now);
          // Awaited below, after planning: until then a failure must not count as unhandled.
          pass.catch(() => undefined);
          passes.add(pass);
        });
        passes.add(dispatchAfter(now));
        dispatch = sumOf(await Promise.all(passes));
      } catch (error) {
        health.lastTickAt = now;
        health.failing = { at: now, failedRules: [], error: (error as Error).message };
        log.error({ err: error }, "tick failed");
        throw error;
      }
      // Old data is removed once a day, a few batches a tick; a failure is loud like a failed rule.
      try {
        await deps.retention?.run(now);
      } catch (error) {
        log.error({ err: error }, "retention failed; it is tried again next tick");
        plan = { ...plan, failedRules: [...plan.failedRules, "retention"] };
      }
      const failed = plan.failedRules.length > 0;
      health.lastTickAt = now;
      if (failed) health.failing = { at: now, failedRules: plan.failedRules };
      else delete health.failing;
      return { plan, dispatch, failed };
    },
    idle: () => running.then(() => undefined),
    async stop() {
      deps.dispatcher.stop();
      await running;
    },
    health: () => ({ ...health }),
  };
}

/** Several dispatch passes' results as one. */
function sumOf(results: readonly DispatchResult[]): DispatchResult {
  const [first, ...rest] = results;
  const sum = { ...first! };
  for (const result of rest) {
    for (const name of Object.keys(sum) as (keyof DispatchResult)[]) sum[name] += result[name];
  }
  return sum;
}
