import type { Logger } from "pino";
import type { Store } from "../../ports/store.js";
import { lapseDueProposal } from "../agreement-proposals.js";
import type { PlanRule } from "../planner.js";
import { createWakeupRule } from "./wakeup-rule.js";

/** Proposed agreement changes that nobody accepted in time lapse; the proposer is told. */
export function createAgreementRule(deps: { store: Store; log: Logger }): PlanRule {
  return createWakeupRule({
    kind: "agreement",
    store: deps.store,
    log: deps.log,
    evaluate: async (context, now) => await lapseDueProposal(deps.store, context, now),
  });
}
