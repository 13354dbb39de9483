import { checkinWindow } from "../../domain/checkin-schedule.js";
import { generalCopy } from "../../domain/copy/general.js";
import { statusCopy as copy } from "../../domain/copy/status.js";
import { rolesOf } from "../../domain/internship-roles.js";
import { addDays } from "../../domain/local-date.js";
import type { Reply } from "../../domain/messages.js";
import { shownStatus } from "../../domain/milestones.js";
import { figuresByDirection } from "../../domain/reply-figures.js";
import type { Internship, Person } from "../../domain/types.js";
import { localDateIn } from "../../domain/zone-time.js";
import { waitingFor } from "../agreement-proposals.js";
import { type CommandContext, reply } from "../command-context.js";
import { loadInternshipContext } from "../internship-context.js";

/** A short overview of where the speaker stands in each internship they are part of. */
export async function handleStatusCommand(ctx: CommandContext): Promise<Reply> {
  const { store, workspace, speaker, today } = ctx;
  const internships = await store.internships.forPerson(workspace.id, speaker.id);
  const lines = [copy.you(speaker)];
  const colleague = await colleagueLines(ctx);
  if (internships.length === 0 && colleague.length === 0) lines.push(generalCopy.noInternship());
  for (const internship of internships) lines.push(...(await internshipLines(ctx, internship)));
  lines.push(...colleague);
  const leave = (await store.people.leaveOf(speaker.id)).filter((l) => l.to >= today);
  if (leave.length > 0) lines.push(copy.leave(leave));
  lines.push(copy.help());
  return reply(lines.join("\n"));
}

async function internshipLines(ctx: CommandContext, internship: Internship): Promise<string[]> {
  const { store, workspace, speaker, today } = ctx;
  const intern = await store.people.get(workspace.id, internship.internId);
  const header = copy.internship(
    intern?.name ?? internship.key,
    rolesOf(internship, speaker.id),
    internship,
    today,
  );
  const milestones = await store.milestones.listFor(internship.id);
  const shown = milestones.map((m) => shownStatus(m, today));
  const open = shown.filter((s) => s === "planned" || s === "blocked" || s === "overdue").length;
  const overdue = shown.filter((s) => s === "overdue").length;
  const awaiting = shown.filter((s) => s === "done").length;
  const agreement = await store.agreements.current(internship.id);
  const lines = [header, copy.milestones(open, overdue, awaiting)];
  const checkin = intern && (await checkinLine(ctx, internship, intern));
  if (checkin) lines.push(copy.checkin(checkin));
  const figures = figuresByDirection(await store.replyClocks.since(internship.id, new Date(0)), ctx.now);
  lines.push(...copy.replies(figures));
  if (agreement) {
    const mustAck =
      (internship.internId === speaker.id || internship.supervisorId === speaker.id) &&
      !agreement.acknowledgedBy.includes(speaker.id);
    const proposal = await store.agreements.proposal(internship.id);
    lines.push(
      copy.agreement(
        agreement.version,
        mustAck,
        proposal && {
          version: proposal.version,
          mustAnswer: waitingFor(internship, proposal).includes(speaker.id),
        },
      ),
    );
  }
  return lines;
}

/** Today's check-in state, or when the next one is due, in the intern's time. */
async function checkinLine(
  ctx: CommandContext,
  internship: Internship,
  intern: Person,
): Promise<string | undefined> {
  const context = await loadInternshipContext(ctx.store, ctx.workspace.id, internship.id);
  if (!context) return undefined;
  const calendar = context.calendarOf(intern);
  const today = calendar.localDate(ctx.now);
  const current = await ctx.store.checkins.get(internship.id, today);
  if (current) return copy.checkinToday(current.status);
  for (let day = 0; day <= 14; day += 1) {
    const date = addDays(today, day);
    if (date < internship.start) continue;
    if (date > internship.end) return copy.checkinNoneLeft();
    const window = checkinWindow(calendar, context.terms.checkIn, date);
    if (window && window.closesAt > ctx.now) return copy.checkinNext(window.sendAt, ctx.speaker.timezone);
  }
  return copy.checkinNoneSoon();
}

/** A colleague's open introduction requests (and who they agreed to meet), when they meet interns or were asked. */
async function colleagueLines(ctx: CommandContext): Promise<string[]> {
  const { store, workspace, speaker } = ctx;
  const intros = await store.introductions.forColleague(speaker.id);
  if (!(await store.people.isColleague(speaker.id)) && intros.length === 0) return [];
  const internOf = async (internshipId: number) => {
    const internship = await store.internships.get(workspace.id, internshipId);
    return (internship && (await store.people.get(workspace.id, internship.internId))?.name) ?? "an intern";
  };
  const waiting = await Promise.all(
    intros
      .filter((i) => i.status === "proposed")
      .map(async (i) => ({
        intern: await internOf(i.internshipId),
        since: localDateIn(speaker.timezone, i.proposedAt),
      })),
  );
  const agreed = await Promise.all(
    intros.filter((i) => i.status === "accepted").map((i) => internOf(i.internshipId)),
  );
  return copy.colleague(
    (await store.people.isColleague(speaker.id)) ? speaker.introCapacity : undefined,
    waiting,
    agreed,
  );
}
