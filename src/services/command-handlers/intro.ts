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
export function handleIntroCommand(ctx: CommandContext, command: IntroCommand): Reply {
  switch (command.name) {
    case "intro.optin":
      return ctx.store.transaction(() => optIn(ctx));
    case "intro.optout":
      return ctx.store.transaction(() => optOut(ctx));
    case "intro.status":
      return status(ctx, command.intern);
  }
}

function audit(ctx: CommandContext, action: string, detail?: unknown) {
  const { store, workspace, speaker, now } = ctx;
  store.audit.record(
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
function ownInternships(ctx: CommandContext) {
  return ctx.store.internships
    .forPerson(ctx.workspace.id, ctx.speaker.id)
    .filter((i) => i.internId === ctx.speaker.id && i.end >= ctx.today);
}

function optIn(ctx: CommandContext): Reply {
  const { store, workspace, speaker, now, today } = ctx;
  if (ownInternships(ctx).length > 0) {
    return reply(introCommandCopy.internCannotOptIn());
  }
  if (store.people.isColleague(speaker.id)) {
    return reply(introCommandCopy.alreadyOptedIn(speaker.introCapacity));
  }
  store.people.setColleague(speaker.id, true);
  audit(ctx, "intro.optin");
  // Interns waiting for a colleague may find one now.
  for (const internship of store.internships.list(workspace.id)) {
    if (internship.start <= addDays(today, 1) && internship.end >= addDays(today, -1)) {
      store.wakeups.touch(workspace.id, internship.id, ["introductions"], now);
    }
  }
  return reply(introCommandCopy.optedIn(speaker.introCapacity));
}

function optOut(ctx: CommandContext): Reply {
  const { store, workspace, speaker, now } = ctx;
  if (!store.people.isColleague(speaker.id)) {
    return reply(introCommandCopy.notOptedIn());
  }
  store.people.setColleague(speaker.id, false);
  // Requests still waiting for this person's answer close now; accepted introductions stay as they are.
  let withdrawn = 0;
  for (const internship of store.internships.list(workspace.id)) {
    for (const intro of store.introductions.forInternship(internship.id)) {
      if (intro.colleagueId !== speaker.id || intro.status !== "proposed") continue;
      store.introductions.setStatus(intro.id, "declined", now);
      store.wakeups.touch(workspace.id, internship.id, ["introductions"], now);
      withdrawn += 1;
    }
  }
  audit(ctx, "intro.optout", { withdrawn });
  return reply(introCommandCopy.optedOut(withdrawn));
}

const describe = (person: Person) =>
  colleagueLine(person.name, person.department, countryName(person.country));

function status(ctx: CommandContext, intern: MentionRef | undefined): Reply {
  const { store, workspace, speaker } = ctx;
  const mine = store.internships.forPerson(workspace.id, speaker.id);
  if (!intern && mine.length === 0) return colleagueStatus(ctx);
  const scope = resolveScope(ctx, intern, "intro status");
  if (!scope.ok) return reply(scope.error);
  const context = loadInternshipContext(store, workspace.id, scope.value.internship.id);
  if (!context) return reply(introCommandCopy.notLoaded());
  const intros = store.introductions.forInternship(scope.value.internship.id);
  const people = new Map<number, Person>();
  for (const intro of intros) {
    const person = store.people.get(workspace.id, intro.colleagueId);
    if (person) people.set(person.id, person);
  }
  const plan = context.terms.introductions;
  // `until` is exclusive: a meeting logged this very instant counts.
  const status = planStatus(store, context, intros, ctx.today, new Date(ctx.now.getTime() + 1));
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

function colleagueStatus(ctx: CommandContext): Reply {
  const { store, speaker } = ctx;
  if (!store.people.isColleague(speaker.id)) {
    return reply(introCommandCopy.neitherInternNorColleague());
  }
  return reply(introCommandCopy.colleagueStatus(speaker.introCapacity));
}
