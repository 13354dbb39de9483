import { closingMessage } from "../../domain/copy/closing.js";
import { EVALUATION_SIDES, roundStatus } from "../../domain/evaluations.js";
import { formatDate } from "../../domain/format.js";
import { closingKeys } from "../../domain/outbox-keys.js";
import type { Person } from "../../domain/types.js";
import { localDateIn } from "../../domain/zone-time.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { roundStates, windowClosed } from "../evaluation-rounds.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";
import { roundWords } from "../summary-render.js";
import { internshipOver } from "./after-end.js";

/** An internship that ended longer ago than this gets no closing message (a late import, an outage). */
const STALE_AFTER_MS = 14 * 24 * 60 * 60_000;

/**
 * Once an internship is over, its supervisor and coordinator are told once, at their next working
 * moment: the certificate's state (confirmed or not, by whom) and each evaluation round's state, with
 * the report and the certificate on the internship's portal page. `next`: the end, while it runs.
 */
export async function closingDrafts(
  store: Store,
  ctx: InternshipContext,
  now: Date,
): Promise<{ drafts: OutboxDraft[]; next: Date | undefined }> {
  const over = internshipOver(ctx);
  if (now.getTime() < over.getTime()) return { drafts: [], next: over };
  if (now.getTime() - over.getTime() > STALE_AFTER_MS) return { drafts: [], next: undefined };
  const confirmed = await store.certificates.lastConfirmation(ctx.internship.id);
  const by = confirmed && (await store.people.get(ctx.workspace.id, confirmed.personId));
  const agreement = await store.learning.get(ctx.internship.id);
  const evaluations: string[] = [];
  if (agreement) {
    for (const state of await roundStates(store, ctx, agreement)) {
      const submitted = new Set(state.submissions.map((e) => e.side));
      const status = roundStatus(submitted, { opened: true, closed: windowClosed(state, now) });
      const closes = state.closes && ctx.calendarOf(ctx.intern).localDate(state.closes);
      const words = roundWords({
        round: state.round,
        submitted: EVALUATION_SIDES.filter((side) => submitted.has(side)),
        status,
        closes,
        averages: undefined,
      });
      evaluations.push(`${state.round === "midterm" ? "mid-term" : "final"} ${words}`);
    }
  }
  const readers: ["supervisor" | "coordinator", Person | undefined][] = [
    ["supervisor", ctx.supervisor],
    ["coordinator", ctx.coordinator],
  ];
  const drafts: OutboxDraft[] = [];
  for (const [reader, person] of readers) {
    if (!person) continue;
    let at: Date;
    try {
      at = ctx.calendarOf(person).nextWorkingMoment(now);
    } catch {
      continue; // No working time at all.
    }
    const certificate = confirmed
      ? `confirmed by ${by?.name ?? "a supervisor"} on ${formatDate(localDateIn(by?.timezone ?? person.timezone, confirmed.at))}`
      : "not confirmed yet";
    const message = closingMessage({
      reader,
      internName: ctx.intern.name,
      ended: ctx.internship.end,
      certificate,
      evaluations,
    });
    const draft = directDraft(
      ctx.workspace,
      person,
      closingKeys.closing(ctx.internship.id, reader),
      message,
      at,
    );
    if (draft) drafts.push(draft);
  }
  return { drafts, next: undefined };
}
