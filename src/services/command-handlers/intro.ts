import { countryName } from "../../domain/colleague-choice.js";
import type { MentionRef } from "../../domain/command-syntax/types.js";
import { coverage } from "../../domain/coverage.js";
import { formatDate, plural } from "../../domain/format.js";
import { addDays } from "../../domain/local-date.js";
import type { Reply } from "../../domain/messages.js";
import type { Person } from "../../domain/types.js";
import { type CommandContext, reply } from "../command-context.js";
import { loadInternshipContext } from "../internship-context.js";
import { resolveScope } from "../internship-scope.js";

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
    return reply(
      'You are an intern here, so Tandem introduces colleagues to you rather than you to other interns; nothing changed. Type "intro status" to see your introductions.',
    );
  }
  const limit = `at most ${plural(speaker.introCapacity, "introduction")} a month`;
  if (store.people.isColleague(speaker.id)) {
    return reply(`You already meet interns (${limit}). Type "intro optout" to stop.`);
  }
  store.people.setColleague(speaker.id, true);
  audit(ctx, "intro.optin");
  // Interns waiting for a colleague may find one now.
  for (const internship of store.internships.list(workspace.id)) {
    if (internship.start <= addDays(today, 1) && internship.end >= addDays(today, -1)) {
      store.wakeups.touch(workspace.id, internship.id, ["introductions"], now);
    }
  }
  const capacity =
    speaker.introCapacity === 0
      ? " Your monthly number of introductions is 0 in the programme file, so ask the coordinator to raise it."
      : "";
  return reply(
    `Thank you! Tandem may ask you to meet an intern (${limit}, only interns whose working hours overlap yours). You are always asked first and can say "not now".${capacity} Type "intro optout" to stop.`,
  );
}

function optOut(ctx: CommandContext): Reply {
  const { store, workspace, speaker, now } = ctx;
  if (!store.people.isColleague(speaker.id)) {
    return reply(
      'You are not on the list of colleagues who meet interns, so nothing changed. Type "intro optin" to join.',
    );
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
  const closed = withdrawn > 0 ? ` ${plural(withdrawn, "open request")} to you closed.` : "";
  return reply(
    `Done: Tandem will not ask you to meet interns any more.${closed} Introductions you already said yes to stay as they are. Type "intro optin" to join again.`,
  );
}

function describe(person: Person): string {
  const where = [person.department, countryName(person.country)].filter(Boolean).join(", ");
  return `${person.name} (${where})`;
}

function status(ctx: CommandContext, intern: MentionRef | undefined): Reply {
  const { store, workspace, speaker } = ctx;
  const mine = store.internships.forPerson(workspace.id, speaker.id);
  if (!intern && mine.length === 0) return colleagueStatus(ctx);
  const scope = resolveScope(ctx, intern, "intro status");
  if (!scope.ok) return reply(scope.error);
  const context = loadInternshipContext(store, workspace.id, scope.internship.id);
  if (!context) return reply("That internship could not be loaded; please try again.");
  const intros = store.introductions.forInternship(scope.internship.id);
  const people = new Map<number, Person>();
  for (const intro of intros) {
    const person = store.people.get(workspace.id, intro.colleagueId);
    if (person) people.set(person.id, person);
  }
  const plan = context.terms.introductions;
  const cover = coverage(intros, people, plan);
  const deadline = addDays(scope.internship.start, plan.withinWeeks * 7);
  const lines = [
    `Introductions for ${scope.intern.name}: ${cover.met.length} of ${plural(plan.target, "colleague")} met, from ${cover.departments.length} of ${plural(plan.departments, "department")}; the plan runs until ${formatDate(deadline)}.`,
  ];
  if (cover.reached) lines.push("The plan is reached. 🎉");
  else if (ctx.today > deadline)
    lines.push("The planned weeks are over; Tandem goes on introducing colleagues.");
  lines.push(
    cover.met.length > 0
      ? `Met: ${cover.met.map(describe).join("; ")}`
      : "Met: nobody through an introduction yet.",
  );
  if (cover.departments.length > 0) lines.push(`Departments: ${cover.departments.join(", ")}`);
  const named = (status: string) =>
    intros
      .filter((i) => i.status === status)
      .map((i) => people.get(i.colleagueId))
      .filter((p): p is Person => p !== undefined);
  const agreed = named("accepted");
  if (agreed.length > 0) lines.push(`Agreed to meet, not met yet: ${agreed.map((p) => p.name).join(", ")}`);
  const notHeld = named("not_held");
  if (notHeld.length > 0) lines.push(`Did not manage to meet: ${notHeld.map((p) => p.name).join(", ")}`);
  // Who is being asked or said "not now" is not named: a colleague's no should not feel like a rejection.
  const asking = intros.filter((i) => i.status === "proposed").length;
  if (asking > 0) lines.push(`Waiting for ${plural(asking, "colleague")} to answer a request.`);
  return reply(lines.join("\n"));
}

function colleagueStatus(ctx: CommandContext): Reply {
  const { store, speaker } = ctx;
  if (!store.people.isColleague(speaker.id)) {
    return reply(
      'You are not part of an internship, and not on the list of colleagues who meet interns. Type "intro optin" to join it.',
    );
  }
  return reply(
    `You meet interns: Tandem asks you at most ${plural(speaker.introCapacity, "time")} a month, always first. Type "intro optout" to stop.`,
  );
}
