import { countryName } from "../../domain/colleague-choice.js";
import type { MentionRef } from "../../domain/command-syntax/types.js";
import { colleagueLine, introCommandCopy, introStatus } from "../../domain/copy/intro.js";
import { addDays } from "../../domain/local-date.js";
import type { Reply } from "../../domain/messages.js";
import type { Person } from "../../domain/types.js";
import { type CommandContext, reply } from "../command-context.js";
import { loadInternshipContext } from "../internship-context.js";
import { resolveScope } from "../internship-scope.js";
import { planStatus } from "../intro-plan.js";

export type IntroCommand =
  | { name: "intro.optin" }
  | { name: "intro.optout" }
  | { name: "intro.status"; intern?: MentionRef };

/** `intro optin`, `intro optout` and `intro status`. */
export async function handleIntroCommand(ctx: CommandContext, command: IntroCommand): Promise<Reply> {
  switch (command.name) {
    case "intro.optin":
      return await ctx.store.transaction(async () => await optIn(ctx));
    case "intro.optout":
      return await ctx.store.transaction(async () => await optOut(ctx));
    case "intro.status":
      return await status(ctx, command.intern);
  }
}

async function audit(ctx: CommandContext, action: string, detail?: unknown) {
  const { store, workspace, speaker, now } = ctx;
  await store.audit.record(
    {
      workspaceId: workspace.id,
      actorId: speaker.id,
      actorLabel: speaker.key,
      action,
      entity: "person",
      entityId: speaker.id,
      detail,
    },
    now,
  );
}

/** Internships the speaker is (or will be) the intern of. */
async function ownInternships(ctx: CommandContext) {
  return (await ctx.store.internships.forPerson(ctx.workspace.id, ctx.speaker.id)).filter(
    (i) => i.internId === ctx.speaker.id && i.end >= ctx.today,
  );
}

async function optIn(ctx: CommandContext): Promise<Reply> {
  const { store, workspace, speaker, now, today } = ctx;
  if ((await ownInternships(ctx)).length > 0) {
    return reply(introCommandCopy.internCannotOptIn());
  }
  if (await store.people.isColleague(speaker.id)) {
    return reply(introCommandCopy.alreadyOptedIn(speaker.introCapacity));
  }
  await store.people.setColleague(speaker.id, true);
  await audit(ctx, "intro.optin");
  // Interns waiting for a colleague may find one now.
  for (const internship of await store.internships.list(workspace.id)) {
    if (internship.start <= addDays(today, 1) && internship.end >= addDays(today, -1)) {
      await store.wakeups.touch(workspace.id, internship.id, ["introductions"], now);
    }
  }
  return reply(introCommandCopy.optedIn(speaker.introCapacity));
}

async function optOut(ctx: CommandContext): Promise<Reply> {
  const { store, workspace, speaker, now } = ctx;
  if (!(await store.people.isColleague(speaker.id))) {
    return reply(introCommandCopy.notOptedIn());
  }
  await store.people.setColleague(speaker.id, false);
  // Requests still waiting for this person's answer close now; accepted introductions stay as they are.
  let withdrawn = 0;
  for (const internship of await store.internships.list(workspace.id)) {
    for (const intro of await store.introductions.forInternship(internship.id)) {
      if (intro.colleagueId !== speaker.id || intro.status !== "proposed") continue;
      await store.introductions.setStatus(intro.id, "declined", now);
      await store.wakeups.touch(workspace.id, internship.id, ["introductions"], now);
      withdrawn += 1;
    }
  }
  await audit(ctx, "intro.optout", { withdrawn });
  return reply(introCommandCopy.optedOut(withdrawn));
}

const describe = (person: Person) =>
  colleagueLine(person.name, person.department, countryName(person.country));

async function status(ctx: CommandContext, intern: MentionRef | undefined): Promise<Reply> {
  const { store, workspace, speaker } = ctx;
  const mine = await store.internships.forPerson(workspace.id, speaker.id);
  if (!intern && mine.length === 0) return await colleagueStatus(ctx);
  const scope = await resolveScope(ctx, intern, "intro status");
  if (!scope.ok) return reply(scope.error);
  const context = await loadInternshipContext(store, workspace.id, scope.value.internship.id);
  if (!context) return reply(introCommandCopy.notLoaded());
  const intros = await store.introductions.forInternship(scope.value.internship.id);
  const people = new Map<number, Person>();
  for (const intro of intros) {
    const person = await store.people.get(workspace.id, intro.colleagueId);
    if (person) people.set(person.id, person);
  }
  const plan = context.terms.introductions;
  // `until` is exclusive: a meeting logged this very instant counts.
  const status = await planStatus(store, context, intros, ctx.today, new Date(ctx.now.getTime() + 1));
  const cover = status.coverage;
  const deadline = addDays(scope.value.internship.start, plan.withinWeeks * 7);
  const named = (status: string) =>
    intros
      .filter((i) => i.status === status)
      .map((i) => people.get(i.colleagueId))
      .filter((p): p is Person => p !== undefined)
      .map((p) => p.name);
  return reply(
    introStatus({
      intern: scope.value.intern.name,
      met: cover.met.map(describe),
      departments: cover.departments,
      plan,
      deadline,
      reached: cover.reached,
      behind: status.state === "behind",
      expected: status.expected,
      pastDeadline: ctx.today > deadline,
      agreed: named("accepted"),
      notHeld: named("not_held"),
      asking: intros.filter((i) => i.status === "proposed").length,
    }),
  );
}

async function colleagueStatus(ctx: CommandContext): Promise<Reply> {
  const { store, speaker } = ctx;
  if (!(await store.people.isColleague(speaker.id))) {
    return reply(introCommandCopy.neitherInternNorColleague());
  }
  return reply(introCommandCopy.colleagueStatus(speaker.introCapacity));
}
