import type { Logger } from "pino";
import type { Store } from "../../ports/store.js";
import type { PlanRule } from "../planner.js";
import { createAgreementRule } from "./agreement-rule.js";
import { createCheckinRule } from "./checkin-rule.js";
import { createEvaluationRule } from "./evaluation-rule.js";
import { createIntroductionRule } from "./introduction-rule.js";
import { createIsolationRule } from "./isolation-rule.js";
import { createMilestoneRule } from "./milestone-rule.js";
import { createPatternRule } from "./pattern-rule.js";
import { createReflectionRule } from "./reflection-rule.js";
import { createReplyRule } from "./reply-rule.js";
import { createWeeklyDigestRule } from "./weekly-digest-rule.js";
import { createWelcomeBackRule } from "./welcome-back-rule.js";
import { createWelcomeRule } from "./welcome-rule.js";

/** Every rule that fills the outbox, in the order a tick runs them: the service and the benchmarks share it. */
export function allRules(store: Store, log: Logger): PlanRule[] {
  return [
    // First: a person's welcome is queued before anything else the same tick has for them.
    createWelcomeRule({ store, log }),
    createCheckinRule({ store, log }),
    createMilestoneRule({ store, log }),
    createReplyRule({ store, log }),
    createIsolationRule({ store, log }),
    // After the isolation rule: it reads the signal stored at the start of the intern's day.
    createPatternRule({ store, log }),
    createIntroductionRule({ store, log }),
    createWeeklyDigestRule({ store, log }),
    createReflectionRule({ store, log }),
    createAgreementRule({ store, log }),
    createEvaluationRule({ store, log }),
    // Last: it reads what the other rules planned for the leave (an at-risk note, a digest).
    createWelcomeBackRule({ store, log }),
  ];
}
