import { outcomeGapMessage } from "../../domain/copy/learning.js";
import { outcomesWithoutMilestone, quarterDay } from "../../domain/learning-agreement.js";
import { learningKeys } from "../../domain/outbox-keys.js";
import type { LocalDate } from "../../domain/types.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { addressed } from "../cover.js";
import { scheduledDates } from "../evaluation-rounds.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";

/**
 * The supervisor hears once of the learning outcomes no milestone serves yet: first queued between a
 * quarter of the way through and the mid-term evaluation. Until it is delivered (it may wait for
 * leave, contact hours or the daily budget) every look keeps it true: an outcome that got a milestone
 * meanwhile leaves the note, which is withdrawn when none is left, and queued again if a gap reopens.
 * It no longer helps once the final evaluation has begun.
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
  const { midterm, final } = scheduledDates(context, agreement);
  const family = (await store.outbox.withPrefix(workspace.id, learningKeys.outcomeGap(internship.id))).filter(
    (row) => learningKeys.isOutcomeGapOf(row.key, internship.id),
  );
  // Once: a note delivered (or being delivered) is never followed by another.
  if (family.some((row) => row.status === "sent" || row.status === "sending")) return undefined;
  const waiting = family.filter((row) => row.status === "pending");
  const withdraw = async () => {
    for (const row of waiting) await store.outbox.cancelPending(workspace.id, row.key);
  };
  if ((family.length === 0 && today >= midterm) || today >= final) {
    await withdraw();
    return undefined;
  }
  const missing = outcomesWithoutMilestone(
    agreement,
    await store.learning.outcomesOfMilestones(internship.id),
  );
  if (missing.length === 0) {
    await withdraw();
    return undefined;
  }
  const { to, words } = addressed(context, supervisor, now);
  const message = words(outcomeGapMessage(intern.name, `@${intern.key}`, missing, agreement.outcomes.length));
  // The waiting note already says this to this person: it stays as it is.
  const current = waiting.find(
    (row) => row.recipientId === to.id && JSON.stringify(row.payload) === JSON.stringify(message),
  );
  if (current) return undefined;
  await withdraw();
  const calendar = context.calendarOf(to);
  return directDraft(
    workspace,
    to,
    family.length === 0
      ? learningKeys.outcomeGap(internship.id)
      : learningKeys.outcomeGapRevision(internship.id, family.length),
    message,
    calendar.nextWorkingMoment(now),
    calendar.atLocalTime(final, "00:00"),
  );
}
