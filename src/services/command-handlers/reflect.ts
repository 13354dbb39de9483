import { reflectionCopy, reflectionForm } from "../../domain/copy/reflection.js";
import { isoWeek } from "../../domain/local-date.js";
import type { Reply } from "../../domain/messages.js";
import { err } from "../../domain/result.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveScope, type Scope } from "../internship-scope.js";

const MAX_REFLECTION = 2000;
const WEEK = /^\d{4}-W\d{2}$/;

export interface ReflectionActionInput {
  action: string;
  value: string;
  form?: Record<string, string>;
}

/** The speaker's own running internship, as its intern; or why they cannot write a reflection. */
async function internshipToReflectOn(ctx: CommandContext): Promise<Scope> {
  const asIntern = (await ctx.store.internships.forPerson(ctx.workspace.id, ctx.speaker.id)).some(
    (i) => i.internId === ctx.speaker.id,
  );
  if (!asIntern) {
    return err(reflectionCopy.internsOnly());
  }
  // An intern's own internships come first, so resolveScope never asks "for @intern" here.
  const scope = await resolveScope(ctx, undefined, "reflect");
  if (!scope.ok) return scope;
  const { start, end } = scope.value.internship;
  if (ctx.today < start || ctx.today > end) {
    return err(reflectionCopy.outsideInternship(start, end));
  }
  return scope;
}

async function save(ctx: CommandContext, week: string, text: string, shared: boolean): Promise<Reply> {
  const scope = await internshipToReflectOn(ctx);
  if (!scope.ok) return reply(scope.error);
  const trimmed = text.trim();
  if (!trimmed) return reply(reflectionCopy.empty());
  if (trimmed.length > MAX_REFLECTION) {
    return reply(reflectionCopy.tooLong(trimmed.length, MAX_REFLECTION));
  }
  await ctx.store.reflections.save(
    ctx.workspace.id,
    { internshipId: scope.value.internship.id, week, text: trimmed, shared },
    ctx.now,
  );
  if (!shared) {
    return reply(reflectionCopy.savedPrivately(week));
  }
  const coordinator =
    scope.value.internship.coordinatorId === undefined
      ? undefined
      : await ctx.store.people.get(ctx.workspace.id, scope.value.internship.coordinatorId);
  return reply(reflectionCopy.savedShared(week, coordinator?.name));
}

/** `reflect`: the form; `reflect <text>`: a private reflection for the current ISO week. Interns only. */
export async function handleReflectCommand(
  ctx: CommandContext,
  command: { name: "reflect"; text?: string },
): Promise<Reply> {
  const week = isoWeek(ctx.today);
  if (command.text === undefined || !command.text.trim()) {
    const scope = await internshipToReflectOn(ctx);
    if (!scope.ok) return reply(scope.error);
    return { text: reflectionCopy.formHeading(week), form: reflectionForm(week, MAX_REFLECTION) };
  }
  return await save(ctx, week, command.text, false);
}

/** `reflection.open` (the prompt's button) returns the form; `reflection.answer` stores what it sent. */
export async function handleReflectionAction(
  ctx: CommandContext,
  event: ReflectionActionInput,
): Promise<Reply> {
  const current = isoWeek(ctx.today);
  // A week from the form is taken as it is, unless it is malformed or in the future.
  const week = WEEK.test(event.value) && event.value <= current ? event.value : current;
  if (event.action === "reflection.open") {
    const scope = await internshipToReflectOn(ctx);
    if (!scope.ok) return reply(scope.error);
    return { text: reflectionCopy.formHeading(week), form: reflectionForm(week, MAX_REFLECTION) };
  }
  if (event.action === "reflection.answer") {
    const form = event.form ?? {};
    return await save(ctx, week, form.text ?? "", form.share?.trim().toLowerCase() === "yes");
  }
  return reply(reflectionCopy.unknownButton());
}
