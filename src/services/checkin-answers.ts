import { createHash } from "node:crypto";
import {
  answerStatus,
  type CheckinAnswers,
  cleanAnswer,
  mergeAnswers,
  parseConnectedness,
} from "../domain/checkins.js";
import { blockerNotice, checkinAnswered, checkinCopy } from "../domain/copy/checkin.js";
import { parseLocalDate } from "../domain/local-date.js";
import type { Reply } from "../domain/messages.js";
import { checkinKeys } from "../domain/outbox-keys.js";
import { err, ok, type Result } from "../domain/result.js";
import type { LocalDate } from "../domain/types.js";
import { type CommandContext, reply } from "./command-context.js";
import { addressed } from "./cover.js";
import { loadInternshipContext } from "./internship-context.js";
import { resolveScope, type Scope } from "./internship-scope.js";
import { directDraft } from "./notify.js";
import { touchInternship } from "./rules/wakeup-rule.js";

/** The same blocker text gives the same key: forwarded once, however often it is resent. */
const shortHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Reads a submitted check-in form; a bad score is an error, everything else is optional. */
export function answersFromForm(form: Record<string, string>): Result<CheckinAnswers> {
  const answers: CheckinAnswers = {};
  for (const field of ["progress", "nextSteps", "blockers"] as const) {
    const value = form[field] === undefined ? undefined : cleanAnswer(field, form[field]);
    if (value) answers[field] = value;
  }
  const score = form.connectedness?.trim();
  if (score) {
    const parsed = parseConnectedness(score);
    if (!parsed.ok) return parsed;
    answers.connectedness = parsed.value;
  }
  return ok(answers);
}

/** The intern's own current internship, or why the speaker cannot answer a check-in. */
export async function internshipForCheckin(ctx: CommandContext): Promise<Scope> {
  const scope = await resolveScope(ctx, undefined, "checkin");
  if (!scope.ok) return scope;
  if (!scope.value.roles.includes("intern")) {
    return err(checkinCopy.internsOnly());
  }
  if (ctx.today < scope.value.internship.start || ctx.today > scope.value.internship.end) {
    return err(checkinCopy.outsideInternship(scope.value.internship.start, scope.value.internship.end));
  }
  return scope;
}

/**
 * Stores answers for the intern's check-in of `date` (today unless a form names another open day),
 * merged with earlier ones; forwards a new blocker to the supervisor and, in "each" mode, the answers.
 */
export async function recordCheckinAnswers(
  ctx: CommandContext,
  answers: CheckinAnswers,
  date: LocalDate = ctx.today,
): Promise<Reply> {
  const scope = await internshipForCheckin(ctx);
  if (!scope.ok) return reply(scope.error);
  if (date > ctx.today) return reply(checkinCopy.inFuture());
  const status = answerStatus(answers);
  if (!status) return reply(checkinCopy.empty());
  const internship = scope.value.internship;
  // A form's date is client-made (a Teams card's data): an earlier day only while its check-in, sent to
  // the intern, is still open. Today's may be answered unasked (the "checkin" command).
  if (date !== ctx.today) {
    const earlier = await ctx.store.checkins.get(internship.id, date);
    // The rule marks a check-in sent at its next look; the prompt's outbox row says so at once.
    const prompt = await ctx.store.outbox.get(ctx.workspace.id, checkinKeys.prompt(internship.id, date));
    const sent = earlier?.sentAt || earlier?.answeredAt || prompt?.status === "sent";
    if (!earlier || !sent) return reply(checkinCopy.notOpen(parseLocalDate(date)));
    if (earlier.settledAt) return reply(checkinCopy.closed(date));
  }
  return await ctx.store.transaction(async () => {
    await ctx.store.checkins.create(ctx.workspace.id, internship.id, date, "due", ctx.now);
    const before = (await ctx.store.checkins.get(internship.id, date))!;
    const merged = mergeAnswers(before, answers);
    const next = answerStatus(merged) ?? status;
    await ctx.store.checkins.answer(before.id, merged, next, ctx.now);
    const after = (await ctx.store.checkins.get(internship.id, date))!;
    const context = (await loadInternshipContext(ctx.store, ctx.workspace.id, internship.id))!;
    // While the supervisor is on leave, blockers and answers go to whoever covers.
    const { to, words } = addressed(context, context.supervisor, ctx.now);
    const notBefore = context.calendarOf(to).nextWorkingMoment(ctx.now);
    const drafts = [];
    if (answers.blockers && answers.blockers !== before.blockers) {
      drafts.push(
        directDraft(
          ctx.workspace,
          to,
          checkinKeys.blocker(after.id, shortHash(answers.blockers)),
          words(blockerNotice(context.intern, after)),
          notBefore,
        ),
      );
    }
    // "Has not answered the last 3 check-ins", still waiting for its reader, is no longer true.
    await ctx.store.outbox.cancelPending(ctx.workspace.id, checkinKeys.missedStreakPrefix(internship.id));
    if (context.terms.checkIn.summary === "each") {
      // A partial answer still waiting is replaced by the fuller one: its reader gets the day once.
      if (next !== before.status)
        await ctx.store.outbox.cancelPending(ctx.workspace.id, checkinKeys.answerPrefix(after.id));
      drafts.push(
        directDraft(
          ctx.workspace,
          to,
          checkinKeys.answer(after.id, next),
          words(checkinAnswered(context.intern, after)),
          notBefore,
        ),
      );
    }
    for (const draft of drafts) if (draft) await ctx.store.outbox.enqueue(draft, ctx.now);
    await touchInternship(ctx.store, ctx.workspace.id, internship.id, ctx.now);
    const forwardedTo = !answers.blockers
      ? undefined
      : to.id === context.supervisor.id
        ? "supervisor"
        : to.name;
    return reply(checkinCopy.saved(date, forwardedTo, next === "partial"));
  });
}
