import { evaluationReadable } from "../../domain/copy/evaluation-readable.js";
import {
  EVALUATION_SIDES,
  type EvaluationViewer,
  type SubmittedEvaluation,
} from "../../domain/evaluations.js";
import { evaluationKeys } from "../../domain/outbox-keys.js";
import type { Person } from "../../domain/types.js";
import type { OutboxDraft } from "../../ports/store.js";
import { type RoundState, windowClosed } from "../evaluation-rounds.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";

/** A round that became readable longer ago than this is not announced any more (a late import, a long outage). */
const STALE_AFTER_MS = 14 * 24 * 60 * 60_000;

/**
 * When a round becomes readable (both sides in, or the window closed), the intern, the supervisor and the
 * coordinator are told once, each at their next working moment. Not the person whose submission made it
 * readable: the answer to their form said so. A window that closed with nothing in tells the coordinator
 * alone. `next`: when to look again (the close), while the round is still blind.
 */
export function readableNotices(
  ctx: InternshipContext,
  state: RoundState,
  now: Date,
): { drafts: OutboxDraft[]; next: Date | undefined } {
  const submitted = new Set(state.submissions.map((e) => e.side));
  const bothIn = EVALUATION_SIDES.every((side) => submitted.has(side));
  if (!bothIn && !windowClosed(state, now)) return { drafts: [], next: state.closes };
  if (!bothIn && !state.closes) return { drafts: [], next: undefined };
  // The submission that completed the round: the later one (the later record when both came at once).
  const later = (a: SubmittedEvaluation, b: SubmittedEvaluation) =>
    b.submittedAt.getTime() > a.submittedAt.getTime() ||
    (b.submittedAt.getTime() === a.submittedAt.getTime() && b.id > a.id)
      ? b
      : a;
  const last = bothIn ? state.submissions.reduce(later) : undefined;
  const readableAt = last ? last.submittedAt : state.closes!;
  if (now.getTime() - readableAt.getTime() > STALE_AFTER_MS) return { drafts: [], next: undefined };
  const readers: [EvaluationViewer, Person | undefined][] = [
    ["intern", ctx.intern],
    ["supervisor", ctx.supervisor],
    ["coordinator", ctx.coordinator],
  ];
  // The backup may have written the supervisor's side: the supervisor is not told it is theirs.
  const supervisorSide = state.submissions.find((e) => e.side === "supervisor");
  const bySomeoneElse =
    supervisorSide && supervisorSide.authorId !== ctx.supervisor.id
      ? supervisorSide.authorId === ctx.backupSupervisor?.id
        ? ctx.backupSupervisor.name
        : "another supervisor"
      : undefined;
  const drafts: OutboxDraft[] = [];
  for (const [reader, person] of readers) {
    if (!person || person.id === last?.authorId) continue;
    if (submitted.size === 0 && reader !== "coordinator") continue;
    let at: Date;
    try {
      at = ctx.calendarOf(person).nextWorkingMoment(now);
    } catch {
      continue; // No working time at all: nobody to tell at a decent hour.
    }
    const message = evaluationReadable({
      round: state.round,
      reader,
      internName: ctx.intern.name,
      mention: `@${ctx.intern.key}`,
      submitted,
      closedAt: bothIn ? undefined : state.closes,
      timezone: person.timezone,
      byEmail: !person.ids[ctx.workspace.platform] && person.email !== undefined,
      ...(reader === "supervisor" && bySomeoneElse ? { supervisorSideBy: bySomeoneElse } : {}),
    });
    const key = evaluationKeys.readable(ctx.internship.id, state.round, reader);
    const draft = directDraft(ctx.workspace, person, key, message, at);
    if (draft) drafts.push(draft);
  }
  return { drafts, next: undefined };
}
