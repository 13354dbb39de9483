import type { Logger } from "pino";
import { evaluationRequest } from "../../domain/copy/evaluation.js";
import { EVALUATION_SIDES } from "../../domain/evaluations.js";
import { evaluationKeys } from "../../domain/outbox-keys.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { addressed } from "../cover.js";
import { roundStates, sidePerson } from "../evaluation-rounds.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";
import type { PlanRule } from "../planner.js";
import { certificateChangedDrafts } from "./certificate-changed.js";
import { closingDrafts } from "./closing.js";
import { readableNotices } from "./evaluation-readable.js";
import { createWakeupRule, type Evaluation } from "./wakeup-rule.js";

/**
 * At each evaluation date, each side is asked for their evaluation at the start of their first working
 * day, and reminded once at the start of their fourth working day; nothing to a side that has
 * submitted, nothing after the round's window closes (one close for both sides, see roundWindow). Once
 * the round can be read, each reader hears it once (see readableNotices).
 */
export function createEvaluationRule(deps: { store: Store; log: Logger }): PlanRule {
  const { store } = deps;

  async function evaluate(ctx: InternshipContext, now: Date): Promise<Evaluation> {
    const drafts: OutboxDraft[] = [];
    let next: Date | undefined;
    const lookAt = (at: Date) => {
      if (!next || at.getTime() < next.getTime()) next = at;
    };
    // The closing message rides on this rule: it reads the rounds' states too.
    const closing = await closingDrafts(store, ctx, now);
    drafts.push(...closing.drafts);
    if (closing.next) lookAt(closing.next);
    // So does the note that a confirmed certificate draft changed (the final evaluation is in it).
    const changed = await certificateChangedDrafts(store, ctx, now);
    drafts.push(...changed.drafts);
    if (changed.next) lookAt(changed.next);
    const agreement = await store.learning.get(ctx.internship.id);
    if (!agreement) return { drafts, next };
    for (const state of await roundStates(store, ctx, agreement)) {
      const readable = readableNotices(ctx, state, now);
      drafts.push(...readable.drafts);
      if (readable.next && readable.next.getTime() > now.getTime()) lookAt(readable.next);
      const submitted = new Set(state.submissions.map((e) => e.side));
      for (const side of EVALUATION_SIDES) {
        const window = state.windows[side];
        const closes = state.closes;
        if (!window || !closes || submitted.has(side) || now.getTime() >= closes.getTime()) continue;
        if (now.getTime() < window.opens.getTime()) {
          lookAt(window.opens);
          continue;
        }
        const reminder = now.getTime() >= window.reminderAt.getTime();
        if (!reminder) lookAt(window.reminderAt);
        const sendAt = reminder ? window.reminderAt : window.opens;
        // The supervisor's request goes to whoever covers while they are away.
        const person = sidePerson(ctx, side);
        const { to, words } =
          side === "supervisor" ? addressed(ctx, person, sendAt) : { to: person, words: <T>(m: T) => m };
        const key = (reminder ? evaluationKeys.reminder : evaluationKeys.request)(
          ctx.internship.id,
          state.round,
          side,
        );
        const message = evaluationRequest({
          internshipId: ctx.internship.id,
          round: state.round,
          side,
          internName: ctx.intern.name,
          mention: `@${ctx.intern.key}`,
          closes,
          timezone: to.timezone,
          reminder,
          byEmail: !to.ids[ctx.workspace.platform] && to.email !== undefined,
        });
        const draft = directDraft(ctx.workspace, to, key, words(message), sendAt, closes);
        if (draft) drafts.push(draft);
      }
    }
    return { drafts, next };
  }

  return createWakeupRule({ kind: "evaluations", store, log: deps.log, evaluate });
}
