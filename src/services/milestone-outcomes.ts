import { servesField } from "../domain/copy/milestone-form.js";
import type { LearningOutcome } from "../domain/learning-agreement.js";
import type { OutboundMessage } from "../domain/messages.js";
import type { Store } from "../ports/store.js";

/** The learning outcomes one milestone serves, in the agreement's order. */
export async function outcomesOfMilestone(
  store: Store,
  internshipId: number,
  milestoneId: number,
): Promise<LearningOutcome[]> {
  const keys = (await store.learning.outcomesOfMilestones(internshipId)).get(milestoneId);
  if (!keys?.length) return [];
  const outcomes = (await store.learning.get(internshipId))?.outcomes ?? [];
  return outcomes.filter((o) => keys.includes(o.key));
}

/** A milestone's message with the outcomes it serves under it (nothing added when it serves none). */
export function withOutcomes(
  message: OutboundMessage,
  outcomes: readonly LearningOutcome[],
): OutboundMessage {
  const fields = servesField(outcomes);
  return fields.length ? { ...message, fields: [...(message.fields ?? []), ...fields] } : message;
}
