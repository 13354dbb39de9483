import { outcomeGapMessage } from "../../domain/copy/learning.js";
import { evaluationDates, outcomesWithoutMilestone, quarterDay } from "../../domain/learning-agreement.js";
import { learningKeys } from "../../domain/outbox-keys.js";
import type { LocalDate } from "../../domain/types.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { addressed } from "../cover.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";

/**
 * From a quarter of the way through until the mid-term evaluation: the supervisor hears once (the key)
 * of the learning outcomes no milestone serves yet. Nothing when every outcome has one.
 */
export async function outcomeGapDraft(
  store: Store,
  context: InternshipContext,
  now: Date,
  today: LocalDate,
): Promise<OutboxDraft | undefined> {
  const { workspace, internship, intern, supervisor } = context;
  if (today < quarterDay(internship)) return undefined;
  const agreement = await store.learning.get(internship.id);
  if (!agreement || agreement.outcomes.length === 0) return undefined;
  const { midterm } = evaluationDates(internship, agreement);
  if (today >= midterm) return undefined;
  const missing = outcomesWithoutMilestone(
    agreement,
    await store.learning.outcomesOfMilestones(internship.id),
  );
  if (missing.length === 0) return undefined;
  const { to, words } = addressed(context, supervisor, now);
  const calendar = context.calendarOf(to);
  return directDraft(
    workspace,
    to,
    learningKeys.outcomeGap(internship.id),
    words(outcomeGapMessage(intern.name, `@${intern.key}`, missing, agreement.outcomes.length)),
    calendar.nextWorkingMoment(now),
    calendar.atLocalTime(midterm, "00:00"),
  );
}
