/**
 * `milestone add` with nothing after it opens the milestone form: the title, the due date and, when the
 * learning agreement lists outcomes, the ones it serves (several may be picked). Submitting it adds the
 * milestone as the typed command would; a wrong due date or outcome is shown beside its field.
 */
import { parseDate } from "../../domain/command-syntax/dates.js";
import type { Command, MentionRef } from "../../domain/command-syntax/types.js";
import { milestoneRefusalText } from "../../domain/copy/milestone.js";
import { milestoneFormCopy as copy } from "../../domain/copy/milestone-form.js";
import type { ActionEvent, Reply } from "../../domain/messages.js";
import { permission } from "../../domain/milestones.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveScope } from "../internship-scope.js";
import { addMilestone } from "./milestone.js";

export async function openMilestoneForm(
  ctx: CommandContext,
  command: Extract<Command, { name: "milestone.form" }>,
): Promise<Reply> {
  const scope = await resolveScope(ctx, command.intern, "milestone add for @ana");
  if (!scope.ok) return reply(scope.error);
  const allowed = permission(scope.value.roles, "add");
  if (!allowed.ok) return reply(milestoneRefusalText(allowed.error, "add"));
  const { internship, intern } = scope.value;
  const forOther = intern.id !== ctx.speaker.id;
  const outcomes = (await ctx.store.learning.get(internship.id))?.outcomes ?? [];
  // The form names the intern by their platform id, so its submission is about the same internship.
  const value = forOther ? (intern.ids[ctx.workspace.platform] ?? "") : "";
  const name = forOther ? intern.name : "";
  return { text: copy.prompt(name), form: copy.form(value, name, ctx.today, outcomes) };
}

export async function submitMilestoneForm(ctx: CommandContext, event: ActionEvent): Promise<Reply> {
  const form = event.form ?? {};
  const title = (form.title ?? "").replace(/\s+/g, " ").trim();
  if (!title) return { text: copy.noTitle(), formErrors: { title: copy.noTitle() } };
  const length = [...title].length;
  if (length > 200)
    return { text: copy.titleTooLong(length), formErrors: { title: copy.titleTooLong(length) } };
  const dueText = (form.due ?? "").trim();
  if (!dueText) return { text: copy.noDate(), formErrors: { due: copy.noDate() } };
  const due = parseDate(dueText, ctx.today);
  if (!due.ok) return { text: due.error, formErrors: { due: due.error } };
  const outcomes = [
    ...new Set(
      (form.outcomes ?? "")
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
  const intern: MentionRef | undefined = event.value ? { kind: "id", id: event.value } : undefined;
  return await addMilestone(
    ctx,
    {
      name: "milestone.add",
      title,
      due: due.value,
      ...(intern ? { intern } : {}),
      ...(outcomes.length ? { outcomes } : {}),
    },
    true,
  );
}
