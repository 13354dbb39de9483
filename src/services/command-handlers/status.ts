import { checkinWindow } from "../../domain/checkin-schedule.js";
import type { CheckinStatus } from "../../domain/checkins.js";
import { formatDate, formatInstant } from "../../domain/format.js";
import { addDays } from "../../domain/local-date.js";
import type { Reply } from "../../domain/messages.js";
import { rolesOf, shownStatus } from "../../domain/milestones.js";
import { describeFigures, figuresByDirection } from "../../domain/reply-figures.js";
import type { Internship, Person, Role } from "../../domain/types.js";
import { type CommandContext, reply } from "../command-context.js";
import { loadInternshipContext } from "../internship-context.js";

const ROLE_NAMES: Record<Role, string> = {
  intern: "intern",
  supervisor: "supervisor",
  backupSupervisor: "backup supervisor",
  coordinator: "coordinator",
};

/** A short overview of where the speaker stands in each internship they are part of. */
export function handleStatusCommand(ctx: CommandContext): Reply {
  const { store, workspace, speaker, today } = ctx;
  const internships = store.internships.forPerson(workspace.id, speaker.id);
  const lines = [`You are ${speaker.name} (${speaker.timezone}, contact hours ${speaker.contactHours}).`];
  if (internships.length === 0) {
    lines.push(
      "You are not part of any internship yet. Ask your coordinator to add you to the programme file.",
    );
  }
  for (const internship of internships) lines.push(...internshipLines(ctx, internship));
  const leave = store.people.leaveOf(speaker.id).filter((l) => l.to >= today);
  if (leave.length > 0) {
    lines.push(`Leave: ${leave.map((l) => `${formatDate(l.from)} to ${formatDate(l.to)}`).join(", ")}`);
  }
  lines.push('Type "help" for every command.');
  return reply(lines.join("\n"));
}

function internshipLines(ctx: CommandContext, internship: Internship): string[] {
  const { store, workspace, speaker, today } = ctx;
  const intern = store.people.get(workspace.id, internship.internId);
  const roles = rolesOf(internship, speaker.id).map((r) => ROLE_NAMES[r]);
  const when =
    today < internship.start
      ? `starts ${formatDate(internship.start)}`
      : today > internship.end
        ? `ended ${formatDate(internship.end)}`
        : `runs until ${formatDate(internship.end)}`;
  const header = `• ${intern?.name ?? internship.key}'s internship (you: ${roles.join(", ")}), ${when}`;
  const milestones = store.milestones.listFor(internship.id);
  const shown = milestones.map((m) => shownStatus(m, today));
  const open = shown.filter((s) => s === "planned" || s === "blocked" || s === "overdue").length;
  const overdue = shown.filter((s) => s === "overdue").length;
  const awaiting = shown.filter((s) => s === "done").length;
  const parts = [`${open} open milestone${open === 1 ? "" : "s"}`];
  if (overdue > 0) parts.push(`${overdue} overdue`);
  if (awaiting > 0) parts.push(`${awaiting} waiting for acceptance`);
  const agreement = store.agreements.current(internship.id);
  const lines = [header, `  Milestones: ${parts.join(", ")}`];
  const checkin = intern && checkinLine(ctx, internship, intern);
  if (checkin) lines.push(`  Check-in: ${checkin}`);
  const figures = figuresByDirection(store.replyClocks.since(internship.id, new Date(0)), ctx.now);
  lines.push(
    `  Replies to the intern: ${describeFigures(figures.to_company)}`,
    `  Replies from the intern: ${describeFigures(figures.to_intern)}`,
  );
  if (agreement) {
    const mustAck =
      (internship.internId === speaker.id || internship.supervisorId === speaker.id) &&
      !agreement.acknowledgedBy.includes(speaker.id);
    lines.push(
      `  Agreement: version ${agreement.version}${mustAck ? ' — waiting for your acknowledgement: type "agreement ack"' : ""}`,
    );
  }
  return lines;
}

const CHECKIN_STATES: Record<CheckinStatus, string> = {
  due: "on its way",
  sent: "waiting for an answer",
  answered: "answered",
  partial: "partly answered",
  missed: "missed",
  skipped: "skipped",
};

/** Today's check-in state, or when the next one is due, in the intern's time. */
function checkinLine(ctx: CommandContext, internship: Internship, intern: Person): string | undefined {
  const context = loadInternshipContext(ctx.store, ctx.workspace.id, internship.id);
  if (!context) return undefined;
  const calendar = context.calendarOf(intern);
  const today = calendar.localDate(ctx.now);
  const current = ctx.store.checkins.get(internship.id, today);
  if (current) return `today's is ${CHECKIN_STATES[current.status]}`;
  for (let day = 0; day <= 14; day += 1) {
    const date = addDays(today, day);
    if (date < internship.start) continue;
    if (date > internship.end) return "none left in this internship";
    const window = checkinWindow(calendar, context.terms.checkIn, date);
    if (window && window.closesAt > ctx.now)
      return `next on ${formatInstant(window.sendAt, ctx.speaker.timezone)} (your time)`;
  }
  return "none in the next two weeks";
}
