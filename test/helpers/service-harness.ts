import { DateTime } from "luxon";
import type { Platform } from "../../src/domain/types.js";
import type { ChatPlatform } from "../../src/ports/chat-platform.js";
import { createDispatcher } from "../../src/services/dispatcher.js";
import { createPlanner, type PlanRule } from "../../src/services/planner.js";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { createAgreementRule } from "../../src/services/rules/agreement-rule.js";
import { allRules } from "../../src/services/rules/all-rules.js";
import { createCheckinRule } from "../../src/services/rules/checkin-rule.js";
import { createMilestoneRule } from "../../src/services/rules/milestone-rule.js";
import { createReplyRule } from "../../src/services/rules/reply-rule.js";
import { createWelcomeRule } from "../../src/services/rules/welcome-rule.js";
import { createTicker } from "../../src/services/ticker.js";
import { createBotHarness } from "./bot-harness.js";
import { createRecordingPlatform } from "./recording-platform.js";
import type { StoreKind } from "./test-store.js";

/**
 * The bot harness plus the real rules, planner and dispatcher delivering to a recording platform:
 * `tickAt` moves the clock and runs one pass, as node-cron would.
 */
export async function createServiceHarness(
  options: {
    now?: string;
    programme?: ProgrammeInput;
    rules?: "all" | "checkin" | "every";
    /** Adds the welcome rule ("every" has it anyway): most tests read messages without the welcome. */
    welcome?: boolean;
    /** SQLite or PostgreSQL: TANDEM_TEST_STORE by default (see test-store.ts). */
    store?: StoreKind;
    /** "file": the harness outlives its test (a simulation several tests read); closed when the file ends. */
    closeAfter?: "test" | "file";
  } = {},
) {
  // Imported the day before the tests look, so every internship is awake from then on.
  const h = await createBotHarness({ now: "2026-11-30T08:00:00Z", ...options });
  const platform = createRecordingPlatform("console");
  const platforms = new Map<Platform, ChatPlatform>([["console", platform]]);
  const buildTicker = () => {
    // "every": all the rules a running Tandem has (allRules), the welcome back among them.
    const rules: PlanRule[] =
      options.rules === "every"
        ? allRules(h.store, h.log.log)
        : [createCheckinRule({ store: h.store, log: h.log.log })];
    if (options.rules !== "checkin" && options.rules !== "every") {
      rules.push(
        createMilestoneRule({ store: h.store, log: h.log.log }),
        createReplyRule({ store: h.store, log: h.log.log }),
        createAgreementRule({ store: h.store, log: h.log.log }),
      );
    }
    if (options.welcome && options.rules !== "every") {
      rules.unshift(createWelcomeRule({ store: h.store, log: h.log.log }));
    }
    const planner = createPlanner({ store: h.store, rules, log: h.log.log });
    const dispatcher = createDispatcher({ store: h.store, platforms, clock: h.clock, log: h.log.log });
    return createTicker({ planner, dispatcher, log: h.log.log });
  };
  let ticker = buildTicker();
  const tickAt = async (at: Date | string) => {
    h.clock.set(typeof at === "string" ? new Date(at) : at);
    return await ticker.tick(h.clock.now());
  };
  /** A wall-clock time in a zone, e.g. local("2026-12-01T09:30", "America/Sao_Paulo"). */
  const local = (isoLocal: string, zone: string) => DateTime.fromISO(isoLocal, { zone }).toJSDate();
  /** What was delivered to a person (by key), oldest first. */
  const sentTo = async (key: string) => {
    const person = await h.person(key);
    return platform.sent.filter((s) => s.address.endsWith(`:user:${person.ids.console ?? person.key}`));
  };
  return {
    ...h,
    platform,
    tickAt,
    local,
    sentTo,
    /** A new planner and dispatcher on the same database, as after a restart. */
    restart: () => {
      ticker = buildTicker();
    },
  };
}
