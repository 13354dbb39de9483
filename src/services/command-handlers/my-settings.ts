import type { Command } from "../../domain/command-syntax/types.js";
import { mySettingsCopy as copy } from "../../domain/copy/my-settings.js";
import type { Reply } from "../../domain/messages.js";
import { clearZoneAssumed } from "../assumed-zone.js";
import { type CommandContext, reply } from "../command-context.js";
import { type PersonChanges, updatePerson } from "../person-update.js";
import { touchInternship } from "../rules/wakeup-rule.js";

type MySettingsCommand = Extract<Command, { name: `my.${string}` }>;

/** `my hours`, `my country` and `my timezone`: each person corrects what Tandem proposed for them, or shows it. */
export async function handleMySettingsCommand(
  ctx: CommandContext,
  command: MySettingsCommand,
): Promise<Reply> {
  const me = ctx.speaker;
  if (command.name === "my.digests") return await digests(ctx, command.to);
  if (command.name === "my.timezone") {
    if (!command.timezone) return reply(copy.timezone(me.timezone));
    const changed = await change(ctx, "my.timezone", { timezone: command.timezone });
    // Said by the person themselves: never replaced by what the platform says later.
    await clearZoneAssumed(ctx.store, ctx.workspace, me.id, ctx.now);
    return changed ? reply(copy.timezoneSet(command.timezone, me.contactHours)) : reply(copy.unchanged());
  }
  if (command.name === "my.hours") {
    if (!command.hours) return reply(copy.hours(me.contactHours, me.timezone));
    return (await change(ctx, "my.hours", { contactHours: command.hours }))
      ? reply(copy.hoursSet(command.hours, me.timezone))
      : reply(copy.unchanged());
  }
  if (!command.country) return reply(copy.country(me.country, me.region));
  return (await change(ctx, "my.country", { country: command.country, region: command.region }))
    ? reply(copy.countrySet(command.country, command.region))
    : reply(copy.unchanged());
}

/** `my digests email|chat`: where the speaker's weekly digests go (digests already queued keep theirs). */
async function digests(ctx: CommandContext, to: "email" | "chat" | undefined): Promise<Reply> {
  const me = ctx.speaker;
  const now = me.digestsTo === "email" && me.email ? "email" : "chat";
  if (!to) return reply(copy.digests(now, me.email));
  if (to === "email" && !me.email) return reply(copy.noEmail());
  if (to === now) return reply(copy.unchanged());
  await ctx.store.transaction(async () => {
    await ctx.store.people.setDigestsTo(me.id, to);
    await ctx.store.audit.record(
      {
        workspaceId: ctx.workspace.id,
        actorId: me.id,
        actorLabel: me.key,
        action: "my.digests",
        entity: "person",
        entityId: me.id,
        detail: { to },
      },
      ctx.now,
    );
  });
  return reply(copy.digestsSet(to, me.email));
}

/** Saves the change, audits it, and has the rules look again at the speaker's internships. */
async function change(ctx: CommandContext, action: string, changes: PersonChanges): Promise<boolean> {
  return await ctx.store.transaction(async () => {
    const changed = await updatePerson(ctx.store, ctx.speaker, changes, ctx.now);
    if (!changed) return false;
    await ctx.store.audit.record(
      {
        workspaceId: ctx.workspace.id,
        actorId: ctx.speaker.id,
        actorLabel: ctx.speaker.key,
        action,
        entity: "person",
        entityId: ctx.speaker.id,
        detail: changes,
      },
      ctx.now,
    );
    for (const internship of await ctx.store.internships.forPerson(ctx.workspace.id, ctx.speaker.id)) {
      await touchInternship(ctx.store, ctx.workspace.id, internship.id, ctx.now);
    }
    return true;
  });
}
