import type { MentionRef } from "../domain/command-syntax/types.js";
import { generalCopy } from "../domain/copy/general.js";
import { rolesOf } from "../domain/internship-roles.js";
import { err, ok, type Result } from "../domain/result.js";
import type { Internship, Person, Role } from "../domain/types.js";
import type { CommandContext } from "./command-context.js";

export type Scope = Result<{ internship: Internship; roles: Role[]; intern: Person }>;

/** Finds the person a mention names in the speaker's workspace. */
export async function resolveMention(ctx: CommandContext, ref: MentionRef): Promise<Person | undefined> {
  const { store, workspace } = ctx;
  if (ref.kind === "id") return await store.people.byPlatformId(workspace.id, workspace.platform, ref.id);
  return (
    (await store.people.byHandle(workspace.id, ref.name)) ??
    (await store.people.byPlatformId(workspace.id, workspace.platform, ref.name))
  );
}

function mentionText(ref: MentionRef): string {
  return ref.kind === "name" ? `@${ref.name}` : "that person";
}

/** Running today, else the one that ended last, else the first to start. */
function pickCurrent(internships: Internship[], today: string): Internship | undefined {
  return (
    internships.find((i) => i.start <= today && today <= i.end) ??
    internships.filter((i) => i.end < today).sort((a, b) => (a.end < b.end ? 1 : -1))[0] ??
    internships.slice().sort((a, b) => (a.start < b.start ? -1 : 1))[0]
  );
}

/**
 * A colleague with no part in any internship: "ask to be added to an internship" would be wrong advice for
 * them, and they see introductions only.
 */
async function isColleagueOnly(ctx: CommandContext, mine: readonly Internship[]): Promise<boolean> {
  if (mine.length > 0) return false;
  const { store, speaker } = ctx;
  return (
    (await store.people.isColleague(speaker.id)) ||
    (await store.introductions.forColleague(speaker.id)).length > 0
  );
}

/**
 * Which internship a command is about: the one named by `for @intern`, or the speaker's own when
 * there is only one. Never one the speaker has no part in.
 */
export async function resolveScope(
  ctx: CommandContext,
  intern: MentionRef | undefined,
  example: string,
): Promise<Scope> {
  const { store, workspace, speaker, today } = ctx;
  const mine = await store.internships.forPerson(workspace.id, speaker.id);
  let candidates = mine;
  if (intern) {
    const person = await resolveMention(ctx, intern);
    if (!person) return err(generalCopy.unknownMention(mentionText(intern)));
    const theirs = mine.filter((i) => i.internId === person.id);
    if (theirs.length === 0) {
      const isIntern = (await store.internships.forPerson(workspace.id, person.id)).some(
        (i) => i.internId === person.id,
      );
      if (!isIntern) return err(generalCopy.notAnIntern(person.name));
      return err(
        (await isColleagueOnly(ctx, mine))
          ? generalCopy.colleagueNotInTheirInternship(person.name)
          : generalCopy.notInTheirInternship(person.name),
      );
    }
    candidates = theirs;
  } else {
    const asIntern = mine.filter((i) => i.internId === speaker.id);
    if (asIntern.length > 0) candidates = asIntern;
  }
  if (candidates.length === 0) {
    return err((await isColleagueOnly(ctx, mine)) ? generalCopy.colleagueOnly() : generalCopy.noInternship());
  }
  const interns = new Set(candidates.map((i) => i.internId));
  if (interns.size > 1) {
    const names = (await Promise.all([...interns].map((id) => store.people.get(workspace.id, id))))
      .filter((p): p is Person => p !== undefined)
      .map((p) => `@${p.key}`);
    return err(generalCopy.whichIntern(names, example));
  }
  const internship = pickCurrent(candidates, today)!;
  const internPerson = (await store.people.get(workspace.id, internship.internId))!;
  return ok({ internship, roles: rolesOf(internship, speaker.id), intern: internPerson });
}

/**
 * As resolveScope, and a programme admin may also name any intern of the workspace: whoever set an
 * internship up can try it out and preview it without a part in it.
 */
export async function resolveScopeOrAdmin(
  ctx: CommandContext,
  intern: MentionRef | undefined,
  example: string,
): Promise<Scope> {
  const scope = await resolveScope(ctx, intern, example);
  if (scope.ok || !intern) return scope;
  const { store, workspace, speaker } = ctx;
  const userId = speaker.ids[workspace.platform];
  if (!userId || !(await store.programmeAdmins.has(workspace.id, userId))) return scope;
  const person = await resolveMention(ctx, intern);
  if (!person) return scope;
  const theirs = (await store.internships.forPerson(workspace.id, person.id)).filter(
    (i) => i.internId === person.id,
  );
  const internship = pickCurrent(theirs, ctx.today);
  if (!internship) return scope;
  return ok({ internship, roles: rolesOf(internship, speaker.id), intern: person });
}
