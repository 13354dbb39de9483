/**
 * The certificate draft (Erasmus+ Table D) for one internship, from what Tandem saw: the real period and
 * days, the hours agreed, the accepted milestones with the supervisor's feedback, the outcomes and the
 * milestones behind each, and the figures that show how the internship was followed.
 */
import { createHash } from "node:crypto";
import { type Certificate, daysAccounted, weeksBetween } from "../../domain/certificate.js";
import { neutralizeMentions } from "../../domain/escape.js";
import type { EvaluationAnswers } from "../../domain/evaluations.js";
import type { LearningAgreement } from "../../domain/learning-agreement.js";
import { addDays } from "../../domain/local-date.js";
import { lastEntry } from "../../domain/milestone-followup.js";
import type { LocalDate } from "../../domain/types.js";
import { localDateIn } from "../../domain/zone-time.js";
import type { Store } from "../../ports/store.js";
import { regularWorkingDay, roundWindow, scheduledDates, windowClosed } from "../evaluation-rounds.js";
import { type InternshipContext, loadInternshipContext } from "../internship-context.js";
import { summarizeWholeInternship } from "../internship-summary.js";

const safe = neutralizeMentions;

export async function draftCertificate(
  store: Store,
  workspaceId: number,
  internshipId: number,
  now: Date,
): Promise<Certificate | undefined> {
  const ctx = await loadInternshipContext(store, workspaceId, internshipId);
  const summary = ctx && (await summarizeWholeInternship(store, workspaceId, internshipId, now));
  if (!ctx || !summary) return undefined;
  const { workspace, internship, intern, supervisor, coordinator } = ctx;
  const calendar = ctx.calendarOf(intern);
  const today = calendar.localDate(now);
  const running = today < internship.end;
  // Figures run to today while the internship runs (its first day, before it starts), else to its end.
  let to = internship.end;
  // biome-ignore lint/complexity/useMathMinMax: these are ISO date strings, which Math.max cannot compare
  if (running) to = today < internship.start ? internship.start : today;
  const learning = await store.learning.get(internship.id);
  const served = await store.learning.outcomesOfMilestones(internship.id);
  const milestones = await store.milestones.listFor(internship.id);

  const tasks: Certificate["tasks"] = [];
  for (const m of milestones.filter((x) => x.status === "accepted")) {
    const accepted = lastEntry(await store.milestones.history(m.id), "accept");
    tasks.push({
      title: safe(m.title),
      due: m.due,
      acceptedOn: accepted ? calendar.localDate(accepted.at) : undefined,
      feedback: m.feedback === undefined ? undefined : safe(m.feedback),
    });
  }
  const { answers: final, state: finalEvaluation } = await finalBySupervisor(store, ctx, learning, now);
  const outcomes: Certificate["outcomes"] = (learning?.outcomes ?? []).map((o) => ({
    key: o.key,
    description: safe(o.description),
    milestones: milestones
      .filter((m) => served.get(m.id)?.includes(o.key))
      .map((m) => ({ title: safe(m.title), accepted: m.status === "accepted" }))
      .sort((a, b) => Number(b.accepted) - Number(a.accepted)),
    rating: final?.outcomes[o.key]?.replace("-", " "),
  }));
  const meetings = await store.activity.meetingsSince(
    internship.id,
    calendar.atLocalTime(internship.start, "00:00"),
  );
  const certificate: Certificate = {
    internshipKey: internship.key,
    intern: safe(intern.name),
    host: safe(workspace.name || workspace.externalId),
    supervisor: safe(supervisor.name),
    coordinator: coordinator ? safe(coordinator.name) : undefined,
    title: learning?.title === undefined ? undefined : safe(learning.title),
    period: {
      start: internship.start,
      end: internship.end,
      to,
      running,
      weeks: weeksBetween(internship.start, to),
    },
    days: daysAccounted(calendar, internship.start, to),
    hoursPerWeek: learning?.hoursPerWeek,
    tasks,
    outcomes,
    evaluation: (learning?.criteria ?? []).map((c) => ({
      criterion: c.name,
      rating: final?.criteria[c.key]?.score,
      comment:
        final?.criteria[c.key]?.comment === undefined ? undefined : safe(final.criteria[c.key]!.comment!),
    })),
    finalEvaluation,
    confirmableFrom: confirmableFrom(ctx, scheduledDates(ctx, learning).final),
    monitoring: {
      checkins: {
        answered: summary.checkins.answered,
        partial: summary.checkins.partial,
        missed: summary.checkins.missed,
      },
      replies: { byCompany: summary.replies.to_company, byIntern: summary.replies.to_intern },
      liveMeetings: meetings.length,
      colleaguesMet: summary.introductions.met.length,
      departments: summary.introductions.departments,
    },
    confirmation: undefined,
  };
  const confirmed = await store.certificates.lastConfirmation(internship.id);
  if (confirmed) {
    const by = await store.people.get(workspaceId, confirmed.personId);
    certificate.confirmation = {
      by: safe(by?.name ?? "a supervisor"),
      at: confirmed.at,
      on: localDateIn(by?.timezone ?? intern.timezone, confirmed.at),
      current: confirmed.draftHash === certificateHash(certificate),
    };
  }
  return certificate;
}

/**
 * The supervisor's final evaluation, once anyone may read it: both sides submitted, or the window (a
 * working week of each) closed. Before that the certificate says "not submitted yet" to everyone, so
 * it never lifts the evaluations' blindness.
 */
async function finalBySupervisor(
  store: Store,
  ctx: InternshipContext,
  learning: LearningAgreement | undefined,
  now: Date,
): Promise<{ answers: EvaluationAnswers | undefined; state: Certificate["finalEvaluation"] }> {
  const submitted = await store.evaluations.forRound(ctx.internship.id, "final");
  const supervisor = submitted.find((e) => e.side === "supervisor");
  if (!supervisor) return { answers: undefined, state: { state: "not-submitted" } };
  const { final } = scheduledDates(ctx, learning);
  const window = roundWindow(ctx, final);
  const both = submitted.some((e) => e.side === "intern");
  return both || windowClosed(window, now)
    ? { answers: supervisor.answers, state: { state: "shown" } }
    : { answers: undefined, state: { state: "blind", closes: window.closes! } };
}

/** What a confirmation confirms: the draft's content, without the confirmation itself. */
export function certificateHash(certificate: Certificate): string {
  const { confirmation: _, ...content } = certificate;
  return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 32);
}

/**
 * The draft's figures run to today, so a confirmation before the intern's last working day would lapse at
 * the next check-in: confirming opens on that day, or on the final evaluation's date if it is later.
 */
function confirmableFrom(ctx: InternshipContext, finalDate: LocalDate): LocalDate {
  const works = regularWorkingDay(ctx.calendarOf(ctx.intern));
  let last = ctx.internship.end;
  for (let n = 0; n < 14 && last > ctx.internship.start && !works(last); n++) last = addDays(last, -1);
  return last > finalDate ? last : finalDate;
}
