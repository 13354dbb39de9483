import { actingFor } from "../../domain/availability.js";
import type { Command } from "../../domain/command-syntax/types.js";
import { coverNotice, leaveCopy, leaveNotice, uncoveredNotice } from "../../domain/copy/leave.js";
import type { Reply } from "../../domain/messages.js";
import { noticeKeys } from "../../domain/outbox-keys.js";
import type { LocalDate, Person } from "../../domain/types.js";
import { type CommandContext, reply } from "../command-context.js";
import { type InternshipContext, loadInternshipContexts } from "../internship-context.js";
import { queueDirect } from "../notify.js";
import { touchInternship } from "../rules/wakeup-rule.js";

type LeaveCommand = Extract<Command, { name: `leave.${string}` }>;

export async function handleLeaveCommand(ctx: CommandContext, command: LeaveCommand): Promise<Reply> {
  if (command.name === "leave.list") return await list(ctx);
  const { from, to } = command;
  if (to < ctx.today) return reply(leaveCopy.alreadyOver(from, to));
  const overlapping = (await ctx.store.people.leaveOf(ctx.speaker.id)).find(
    (l) => l.from <= to && from <= l.to,
  );
  if (overlapping && overlapping.from <= from && to <= overlapping.to) {
    return reply(leaveCopy.alreadyOnLeave(overlapping.from, overlapping.to));
  }
  const covers = new Set<string>();
  let isIntern = false;
  await ctx.store.transaction(async () => {
    await ctx.store.people.addLeave(ctx.workspace.id, ctx.speaker.id, { from, to }, ctx.now);
    await ctx.store.audit.record(
      {
        workspaceId: ctx.workspace.id,
        actorId: ctx.speaker.id,
        actorLabel: ctx.speaker.key,
        action: "leave.add",
        entity: "person",
        entityId: ctx.speaker.id,
        detail: { from, to },
      },
      ctx.now,
    );
    for (const internship of await ctx.store.internships.forPerson(ctx.workspace.id, ctx.speaker.id)) {
      await touchInternship(ctx.store, ctx.workspace.id, internship.id, ctx.now);
    }
    for (const context of await runningContexts(ctx)) {
      if (context.internship.internId === ctx.speaker.id) isIntern = true;
      const cover = await tellAbout(ctx, context, from, to);
      if (cover) covers.add(cover.name);
    }
  });
  return reply(leaveCopy.noted(from, to, [...covers], isIntern));
}

/** The speaker's internships that have not ended, loaded with the leave just added. */
async function runningContexts(ctx: CommandContext): Promise<InternshipContext[]> {
  const running = (await ctx.store.internships.forPerson(ctx.workspace.id, ctx.speaker.id)).filter(
    (i) => i.end >= ctx.today,
  );
  return loadInternshipContexts(ctx.store, ctx.workspace.id, running);
}

/**
 * Tells one internship about the speaker's leave: the other side hears who covers; a covering backup
 * hears what comes to them; with nobody to cover the company side, the coordinator hears it once.
 * Returns who covers the speaker in this internship.
 */
async function tellAbout(
  ctx: CommandContext,
  context: InternshipContext,
  from: LocalDate,
  to: LocalDate,
): Promise<Person | undefined> {
  const { internship, intern } = context;
  const away = (await ctx.store.people.get(ctx.workspace.id, ctx.speaker.id)) ?? ctx.speaker;
  const queue = async (person: Person, key: string, payload: Parameters<typeof queueDirect>[4]) =>
    await queueDirect(ctx.store, ctx.workspace, person, key, payload, ctx.now);
  if (away.id === internship.internId) {
    await queue(
      context.supervisor,
      noticeKeys.leave(away.id, from, to, context.supervisor.id),
      leaveNotice(away, from, to, undefined, true),
    );
    return undefined;
  }
  if (away.id !== internship.supervisorId && away.id !== internship.backupSupervisorId) return undefined;
  // Cover is chosen on the first day of the leave, as every rule will choose it then.
  const firstDay = context.calendarOf(away).atLocalTime(from, "12:00");
  const acting = actingFor(away, internship, context, firstDay);
  const cover = acting && acting.id !== away.id ? acting : undefined;
  await queue(
    intern,
    noticeKeys.leave(away.id, from, to, intern.id),
    leaveNotice(away, from, to, cover, false),
  );
  if (cover && away.id === internship.supervisorId) {
    await queue(
      cover,
      noticeKeys.cover(away.id, from, to, internship.id),
      coverNotice(away, intern, from, to),
    );
  } else if (!cover && away.id === internship.supervisorId && context.coordinator) {
    await queue(
      context.coordinator,
      noticeKeys.uncovered(away.id, from, to, internship.id),
      uncoveredNotice(away, intern, from, to),
    );
  }
  return cover;
}

async function list(ctx: CommandContext): Promise<Reply> {
  const upcoming = (await ctx.store.people.leaveOf(ctx.speaker.id)).filter((l) => l.to >= ctx.today);
  if (upcoming.length === 0) return reply(leaveCopy.none());
  return reply(leaveCopy.list(upcoming));
}
