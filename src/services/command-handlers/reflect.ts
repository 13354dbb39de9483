import { neutralizeMentions } from "../../domain/escape.js";
import { formatDate } from "../../domain/format.js";
import type { OutboundForm, Reply } from "../../domain/messages.js";
import { isoWeek } from "../../domain/milestone-followup.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveScope } from "../internship-scope.js";
import { REFLECTION_QUESTION } from "../rules/reflection-rule.js";

const MAX_REFLECTION = 2000;
const WEEK = /^\d{4}-W\d{2}$/;

export interface ReflectionActionInput {
  action: string;
  value: string;
  form?: Record<string, string>;
}

/** The reflection as a form: the question, and whether the coordinator may read the answer. */
export function reflectionForm(week: string): OutboundForm {
  return {
    action: "reflection.answer",
    value: week,
    title: `Reflection, ${week}`,
    submitLabel: "Save",
    fields: [
      { id: "text", label: REFLECTION_QUESTION, kind: "text", multiline: true, maxLength: MAX_REFLECTION },
      {
        id: "share",
        label: "May your coordinator read this?",
        kind: "choice",
        choices: [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No, keep it to myself" },
        ],
      },
    ],
  };
}

/** The speaker's own running internship, as its intern; or why they cannot write a reflection. */
function internshipToReflectOn(ctx: CommandContext) {
  const asIntern = ctx.store.internships
    .forPerson(ctx.workspace.id, ctx.speaker.id)
    .some((i) => i.internId === ctx.speaker.id);
  if (!asIntern) {
    return {
      ok: false as const,
      error:
        "Reflections are written by the intern; coordinators read the ones interns share in their weekly digest.",
    };
  }
  // An intern's own internships come first, so resolveScope never asks "for @intern" here.
  const scope = resolveScope(ctx, undefined, "reflect");
  if (!scope.ok) return scope;
  const { start, end } = scope.internship;
  if (ctx.today < start || ctx.today > end) {
    return {
      ok: false as const,
      error: `Your internship runs from ${formatDate(start)} to ${formatDate(end)}; reflections are written during it.`,
    };
  }
  return scope;
}

function save(ctx: CommandContext, week: string, text: string, shared: boolean): Reply {
  const scope = internshipToReflectOn(ctx);
  if (!scope.ok) return reply(scope.error);
  const trimmed = text.trim();
  if (!trimmed) return reply('That reflection was empty, so nothing was saved. Type "reflect" to try again.');
  if (trimmed.length > MAX_REFLECTION) {
    return reply(`That reflection is ${trimmed.length} characters long; keep it to ${MAX_REFLECTION}.`);
  }
  ctx.store.reflections.save(
    ctx.workspace.id,
    { internshipId: scope.internship.id, week, text: trimmed, shared },
    ctx.now,
  );
  if (!shared) {
    return reply(
      `Saved your reflection for ${week}; it stays private. To let your coordinator read it, type "reflect" (or press Answer on the weekly question) and choose "Yes".`,
    );
  }
  const coordinator =
    scope.internship.coordinatorId === undefined
      ? undefined
      : ctx.store.people.get(ctx.workspace.id, scope.internship.coordinatorId);
  return reply(
    coordinator
      ? `Saved your reflection for ${week}; ${neutralizeMentions(coordinator.name)} (your coordinator) will read it in their weekly digest.`
      : `Saved your reflection for ${week}; your internship has no coordinator, so nobody else reads it yet.`,
  );
}

/** `reflect`: the form; `reflect <text>`: a private reflection for the current ISO week. Interns only. */
export function handleReflectCommand(
  ctx: CommandContext,
  command: { name: "reflect"; text?: string },
): Reply {
  const week = isoWeek(ctx.today);
  if (command.text === undefined || !command.text.trim()) {
    const scope = internshipToReflectOn(ctx);
    if (!scope.ok) return reply(scope.error);
    return { text: `Your reflection for ${week}:`, form: reflectionForm(week) };
  }
  return save(ctx, week, command.text, false);
}

/** `reflection.open` (the prompt's button) returns the form; `reflection.answer` stores what it sent. */
export function handleReflectionAction(ctx: CommandContext, event: ReflectionActionInput): Reply {
  const current = isoWeek(ctx.today);
  // A week from the form is taken as it is, unless it is malformed or in the future.
  const week = WEEK.test(event.value) && event.value <= current ? event.value : current;
  if (event.action === "reflection.open") {
    const scope = internshipToReflectOn(ctx);
    if (!scope.ok) return reply(scope.error);
    return { text: `Your reflection for ${week}:`, form: reflectionForm(week) };
  }
  if (event.action === "reflection.answer") {
    const form = event.form ?? {};
    return save(ctx, week, form.text ?? "", form.share?.trim().toLowerCase() === "yes");
  }
  return reply('That button is no longer supported; type "reflect" to write this week\'s reflection.');
}
