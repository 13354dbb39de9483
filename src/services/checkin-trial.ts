/**
 * Trial check-ins (`try checkin`): the real questions, sent now through the outbox and marked as a trial,
 * so people see a check-in work before the intern's first real morning. Nothing of a trial is stored as a
 * check-in (no streak, figure or digest counts it); its answer sends whoever asked a preview of the
 * supervisor's message, built from the answers by the same words as the real one.
 */
import type { Checkin } from "../domain/checkins.js";
import { answerStatus } from "../domain/checkins.js";
import type { MentionRef } from "../domain/command-syntax/types.js";
import { blockerNotice, checkinAnswered, checkinCopy, checkinSummary } from "../domain/copy/checkin.js";
import { generalCopy } from "../domain/copy/general.js";
import { trialCheckinForm, trialCheckinPrompt, trialCopy, trialPreview } from "../domain/copy/trial.js";
import type { Reply } from "../domain/messages.js";
import { isSlipping } from "../domain/milestones.js";
import { trialKeys } from "../domain/outbox-keys.js";
import type { Person } from "../domain/types.js";
import { answersFromForm } from "./checkin-answers.js";
import { type CommandContext, reply } from "./command-context.js";
import { type InternshipContext, loadInternshipContext } from "./internship-context.js";
import { resolveScopeOrAdmin } from "./internship-scope.js";
import { directDraft, queueDirect } from "./notify.js";

const DAY_MS = 86_400_000;

/** What a trial's button and form carry: `<internship>:<requested at, ms>:<requester>`. */
const trialValue = (internshipId: number, requestedAt: number, requesterId: number) =>
  `${internshipId}:${requestedAt}:${requesterId}`;

function readTrialValue(value: string) {
  const m = /^(\d{1,12}):(\d{1,15}):(\d{1,12})$/.exec(value);
  return m ? { internshipId: Number(m[1]), requestedAt: Number(m[2]), requesterId: Number(m[3]) } : undefined;
}

/** The first moment the intern's contact hours allow a message from `at`; undefined when that is `at` itself. */
function arrival(ctx: InternshipContext, at: Date): Date | undefined {
  try {
    const first = ctx.calendarOf(ctx.intern).nextWorkingMoment(at);
    return first.getTime() > at.getTime() ? first : undefined;
  } catch {
    // No working time at all: the dispatcher sends ungated, so it goes out now.
    return undefined;
  }
}

/** `try checkin [for @intern]`: queues the trial for the intern; anyone in the internship may ask. */
export async function requestTrialCheckin(
  ctx: CommandContext,
  intern: MentionRef | undefined,
): Promise<Reply> {
  const scope = await resolveScopeOrAdmin(ctx, intern, "try checkin");
  if (!scope.ok) return reply(scope.error);
  const { store, workspace, now } = ctx;
  const context = await loadInternshipContext(store, workspace.id, scope.value.internship.id);
  if (!context) return reply(generalCopy.noInternship());
  const { internship, terms } = context;
  const internToday = context.calendarOf(context.intern).localDate(now);
  if (internToday > internship.end) return reply(trialCopy.ended(context.intern, internship.end));
  const waiting = (await store.outbox.withPrefix(workspace.id, trialKeys.promptPrefix(internship.id))).find(
    (row) => row.status === "pending" || row.status === "sending",
  );
  if (waiting) return reply(trialCopy.waiting(context.intern, waiting.notBefore));
  const requestedAt = now.getTime();
  const arrivesAt = arrival(context, now);
  const prompt = trialCheckinPrompt(
    context.intern,
    ctx.speaker,
    internToday,
    terms.checkIn,
    trialValue(internship.id, requestedAt, ctx.speaker.id),
  );
  // A trial held back for days (the budget, a platform outage) would only puzzle: it lapses a day after it was due.
  const expiresAt = new Date((arrivesAt ?? now).getTime() + DAY_MS);
  const draft = directDraft(
    workspace,
    context.intern,
    trialKeys.prompt(internship.id, requestedAt),
    prompt,
    now,
    expiresAt,
  );
  if (!draft) return reply(trialCopy.unreachable(context.intern, workspace.platform));
  await store.outbox.enqueue(draft, now);
  return reply(
    trialCopy.sent(context.intern, ctx.speaker, context.supervisor, terms.checkIn.summary, arrivesAt),
  );
}

/** The trial a button or form names, when it was sent to the speaker; else why not. */
async function trialFor(
  ctx: CommandContext,
  value: string,
): Promise<
  | { ok: true; context: InternshipContext; requester: Person; internshipId: number; requestedAt: number }
  | { ok: false; reply: Reply }
> {
  const refused = { ok: false as const, reply: reply(trialCopy.notYours()) };
  const trial = readTrialValue(value);
  if (!trial) return refused;
  const context = await loadInternshipContext(ctx.store, ctx.workspace.id, trial.internshipId);
  if (!context || context.intern.id !== ctx.speaker.id) return refused;
  // The value is client-made (a card's data): only one Tandem really sent counts.
  const sent = await ctx.store.outbox.get(
    ctx.workspace.id,
    trialKeys.prompt(trial.internshipId, trial.requestedAt),
  );
  if (sent?.payload.buttons?.[0]?.value !== value) return refused;
  const requester = await ctx.store.people.get(ctx.workspace.id, trial.requesterId);
  if (!requester) return refused;
  return { ok: true, context, requester, internshipId: trial.internshipId, requestedAt: trial.requestedAt };
}

/** The trial's Answer button: the check-in form, submitted as a trial. */
export async function openTrialForm(ctx: CommandContext, value: string): Promise<Reply> {
  const trial = await trialFor(ctx, value);
  if (!trial.ok) return trial.reply;
  return { text: checkinCopy.formHeading(), form: trialCheckinForm(ctx.today, value) };
}

/** A submitted trial form: nothing is stored; whoever asked gets the supervisor's message as a preview. */
export async function answerTrialCheckin(
  ctx: CommandContext,
  value: string,
  form: Record<string, string>,
): Promise<Reply> {
  const trial = await trialFor(ctx, value);
  if (!trial.ok) return trial.reply;
  const answers = answersFromForm(form);
  if (!answers.ok) return { text: answers.error, formErrors: { connectedness: answers.error } };
  // As with a real check-in, an empty form is no answer.
  const status = answerStatus(answers.value);
  if (!status) return reply(trialCopy.empty());
  const { context, requester, internshipId, requestedAt } = trial;
  const key = trialKeys.preview(internshipId, requestedAt);
  if (await ctx.store.outbox.get(ctx.workspace.id, key)) return reply(trialCopy.alreadyAnswered());
  const { intern, supervisor, terms } = context;
  const checkin: Checkin = {
    ...answers.value,
    id: 0,
    workspaceId: ctx.workspace.id,
    internshipId,
    date: ctx.today,
    status,
  };
  const mode = terms.checkIn.summary;
  const message =
    mode === "daily"
      ? checkinSummary(intern, checkin, (await ctx.store.milestones.listFor(internshipId)).filter(isSlipping))
      : checkinAnswered(intern, checkin);
  const blocker = checkin.blockers ? blockerNotice(intern, checkin) : undefined;
  const preview = trialPreview(intern, supervisor, requester, mode, message, blocker);
  await queueDirect(ctx.store, ctx.workspace, requester, key, preview, ctx.now);
  return reply(trialCopy.answered(intern, requester));
}
