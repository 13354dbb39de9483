import type { Command } from "../../domain/command-syntax/types.js";
import { formatDate } from "../../domain/format.js";
import type { Reply } from "../../domain/messages.js";
import { noticeKeys } from "../../domain/outbox-keys.js";
import type { Person } from "../../domain/types.js";
import { type CommandContext, reply } from "../command-context.js";
import { queueDirect } from "../notify.js";
import { touchInternship } from "../rules/wakeup-rule.js";

type LeaveCommand = Extract<Command, { name: `leave.${string}` }>;

export function handleLeaveCommand(ctx: CommandContext, command: LeaveCommand): Reply {
  if (command.name === "leave.list") return list(ctx);
  const { from, to } = command;
  if (to < ctx.today)
    return reply(
      `That leave (${formatDate(from)} to ${formatDate(to)}) is already over; give dates from today on.`,
    );
  const overlapping = ctx.store.people.leaveOf(ctx.speaker.id).find((l) => l.from <= to && from <= l.to);
  if (overlapping && overlapping.from <= from && to <= overlapping.to) {
    return reply(
      `You are already on leave from ${formatDate(overlapping.from)} to ${formatDate(overlapping.to)}.`,
    );
  }
  ctx.store.transaction(() => {
    ctx.store.people.addLeave(ctx.workspace.id, ctx.speaker.id, { from, to }, ctx.now);
    ctx.store.audit.record(
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
    for (const internship of ctx.store.internships.forPerson(ctx.workspace.id, ctx.speaker.id)) {
      touchInternship(ctx.store, ctx.workspace.id, internship.id, ctx.now);
    }
    for (const person of peopleToTell(ctx)) {
      queueDirect(
        ctx.store,
        ctx.workspace,
        person,
        noticeKeys.leave(ctx.speaker.id, from, to, person.id),
        {
          text: `${ctx.speaker.name} will be on leave from ${formatDate(from)} to ${formatDate(to)}.`,
          reason: "You work with them; Tandem pauses their check-ins and reply deadlines for those days.",
        },
        ctx.now,
      );
    }
  });
  return reply(
    `Noted: you are on leave from ${formatDate(from)} to ${formatDate(to)}. Tandem pauses your check-ins and nudges then, and reply deadlines skip those days. The people you work with have been told.`,
  );
}

/** The other side of each of the speaker's running internships. */
function peopleToTell(ctx: CommandContext): Person[] {
  const ids = new Set<number>();
  for (const i of ctx.store.internships.forPerson(ctx.workspace.id, ctx.speaker.id)) {
    if (i.end < ctx.today) continue;
    if (i.internId === ctx.speaker.id) ids.add(i.supervisorId);
    else ids.add(i.internId);
  }
  ids.delete(ctx.speaker.id);
  return [...ids]
    .map((id) => ctx.store.people.get(ctx.workspace.id, id))
    .filter((p): p is Person => p !== undefined);
}

function list(ctx: CommandContext): Reply {
  const upcoming = ctx.store.people.leaveOf(ctx.speaker.id).filter((l) => l.to >= ctx.today);
  if (upcoming.length === 0) return reply("You have no leave planned. Add some with: leave 24 Dec 1 Jan");
  return reply(
    ["Your leave:", ...upcoming.map((l) => `• ${formatDate(l.from)} to ${formatDate(l.to)}`)].join("\n"),
  );
}
