/** `why`, `pause nudges` and `resume nudges`: the intern stays in charge of Tandem's nudges. */
import type { Subject } from "../../domain/copy/isolation.js";
import { neutralizeMentions } from "../../domain/escape.js";
import { formatDate, formatInstant } from "../../domain/format.js";
import {
  INPUT_LABELS,
  INPUT_NAMES,
  type IsolationInputName,
  LEVEL_NAMES,
  reasonText,
} from "../../domain/isolation.js";
import { addDays } from "../../domain/local-date.js";
import type { Reply } from "../../domain/messages.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveScope } from "../internship-scope.js";
import { calendarFor } from "../person-calendar.js";

const UNKNOWN = "unknown (not enough data yet)";

function formatInput(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return UNKNOWN;
  if (name === "connectednessTrend") return `${value > 0 ? "+" : ""}${value}`;
  return String(value);
}

/** The latest signal of the speaker's internship: level, reasons and every input it came from. */
export async function handleWhyCommand(ctx: CommandContext): Promise<Reply> {
  const scope = await resolveScope(ctx, undefined, "why");
  if (!scope.ok) return reply(scope.error);
  const { internship, intern } = scope.value;
  const own = intern.id === ctx.speaker.id;
  // Names come from the programme file: echoed like any other text.
  const name = neutralizeMentions(intern.name);
  const signal = await ctx.store.signals.latest(internship.id);
  if (!signal) {
    return reply(
      `There is no connection signal for ${own ? "you" : name} yet: Tandem computes it at the start of each of ${own ? "your" : `${name}'s`} working days.`,
    );
  }
  const subject: Subject = own ? "you" : { name };
  const lines = [
    `Connection signal for ${own ? "you" : name}, computed ${formatDate(signal.date)}: ${LEVEL_NAMES[signal.level]}.`,
  ];
  if (signal.reasons.length === 0) {
    lines.push("No reason for concern: nothing in the figures below reached a threshold.");
  } else {
    lines.push("Because:");
    for (const r of signal.reasons) lines.push(`• ${reasonText(r.code, signal.inputs, subject) ?? r.text}`);
  }
  lines.push("Computed from (unknown means Tandem has not seen enough yet, and it never counts):");
  const names = [
    ...INPUT_NAMES.filter((n) => n in signal.inputs),
    ...Object.keys(signal.inputs).filter((n) => !(n in INPUT_LABELS)),
  ];
  for (const name of names) {
    const label = INPUT_LABELS[name as IsolationInputName] ?? name;
    lines.push(`• ${label}: ${formatInput(name, signal.inputs[name])}`);
  }
  lines.push(
    "Watch starts from one reason; at risk from a few together (at risk also tells the supervisor, privately).",
  );
  if (own) {
    const paused = await ctx.store.internships.nudgesPausedUntil(internship.id);
    lines.push(
      paused && paused > ctx.now
        ? `Your nudges are paused until ${formatInstant(paused, ctx.speaker.timezone)}; type "resume nudges" to turn them back on.`
        : 'To pause nudges, type "pause nudges 1w".',
    );
  }
  return reply(lines.join("\n"));
}

type NudgeCommand = { name: "nudges.pause"; days: number } | { name: "nudges.resume" };

/** Only the intern pauses or resumes their own nudges; a pause ends at their local midnight after N days. */
export async function handlePauseNudges(ctx: CommandContext, command: NudgeCommand): Promise<Reply> {
  const { store, workspace, speaker } = ctx;
  const asIntern = (await store.internships.forPerson(workspace.id, speaker.id)).some(
    (i) => i.internId === speaker.id,
  );
  if (!asIntern) {
    return reply(
      'Only an intern can pause or resume their own nudges. Supervisors\' alerts follow the working agreement; type "agreement show" to see it.',
    );
  }
  const scope = await resolveScope(ctx, undefined, "pause nudges 1w");
  if (!scope.ok) return reply(scope.error);
  const { internship } = scope.value;
  const audit = async (action: string, detail?: unknown) =>
    await store.audit.record(
      {
        workspaceId: workspace.id,
        actorId: speaker.id,
        actorLabel: speaker.key,
        action,
        entity: "internship",
        entityId: internship.id,
        ...(detail === undefined ? {} : { detail }),
      },
      ctx.now,
    );

  if (command.name === "nudges.resume") {
    const paused = await store.internships.nudgesPausedUntil(internship.id);
    if (!paused || paused <= ctx.now) return reply("Your nudges were not paused; nothing changed.");
    await store.transaction(async () => {
      await store.internships.pauseNudges(internship.id, undefined);
      await audit("nudges.resume");
    });
    return reply('Your nudges are back on. Type "why" any time to see what they are based on.');
  }

  const lastDay = addDays(ctx.today, command.days - 1);
  const until = (await calendarFor(store, speaker)).atLocalTime(addDays(ctx.today, command.days), "00:00");
  await store.transaction(async () => {
    await store.internships.pauseNudges(internship.id, until);
    await audit("nudges.pause", { days: command.days, until: until.toISOString() });
  });
  return reply(
    `Your nudges are paused up to and including ${formatDate(lastDay)}. Check-ins, reply alerts and milestone reminders go on as agreed. Type "resume nudges" to turn them back on earlier.`,
  );
}
