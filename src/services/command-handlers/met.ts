/** `met @person [note]`: logs a live meeting between an intern and someone from the company. */
import type { MentionRef } from "../../domain/command-syntax/types.js";
import { metCopy as copy } from "../../domain/copy/met.js";
import { rolesOf } from "../../domain/internship-roles.js";
import type { Reply } from "../../domain/messages.js";
import { meetingKeys } from "../../domain/outbox-keys.js";
import { err, ok, type Result } from "../../domain/result.js";
import type { Internship, Person } from "../../domain/types.js";
import { localDateIn } from "../../domain/zone-time.js";
import { type CommandContext, reply } from "../command-context.js";
import { loadInternshipContext } from "../internship-context.js";
import { resolveMention } from "../internship-scope.js";
import { directDraft } from "../notify.js";
import { touchInternship } from "../rules/wakeup-rule.js";

/** The intern's internships, the one running on the intern's `today` first, then the latest to end. */
async function internshipsAsIntern(ctx: CommandContext, person: Person): Promise<Internship[]> {
  const today = localDateIn(person.timezone, ctx.now);
  return (await ctx.store.internships.forPerson(ctx.workspace.id, person.id))
    .filter((i) => i.internId === person.id)
    .sort((a, b) => {
      const running = (i: Internship) => (i.start <= today && today <= i.end ? 0 : 1);
      return running(a) - running(b) || (a.end < b.end ? 1 : a.end > b.end ? -1 : 0);
    });
}

/**
 * Who met whom: the intern names a person from the company, or a company member names the intern.
 * "Inside the internship" means: a role in it, or a company member (somebody who is nobody's intern).
 * Another intern is not the company, and a meeting with oneself is no meeting.
 */
async function resolveMeeting(
  ctx: CommandContext,
  other: Person,
): Promise<Result<{ internship: Internship; intern: Person; partner: Person }>> {
  const { speaker } = ctx;
  const speakerInternships = await internshipsAsIntern(ctx, speaker);
  const otherInternships = await internshipsAsIntern(ctx, other);
  if (speakerInternships.length > 0) {
    const internship = speakerInternships[0]!;
    if (otherInternships.length > 0 && rolesOf(internship, other.id).length === 0) {
      return err(copy.otherIntern(other.name));
    }
    return ok({ internship, intern: speaker, partner: other });
  }
  if (otherInternships.length === 0) {
    return err(copy.notAnIntern(other.name));
  }
  return ok({ internship: otherInternships[0]!, intern: other, partner: speaker });
}

/**
 * Who may log a meeting with an intern: the intern, the internship's people, and colleagues whose
 * introduction to the intern was accepted or held. Anyone else would clear the isolation signal unseen.
 */
async function mayLogWith(ctx: CommandContext, internship: Internship): Promise<boolean> {
  const { speaker } = ctx;
  if (rolesOf(internship, speaker.id).length > 0) return true;
  return (await ctx.store.introductions.forInternship(internship.id)).some(
    (i) => i.colleagueId === speaker.id && (i.status === "accepted" || i.status === "held"),
  );
}

export async function handleMetCommand(
  ctx: CommandContext,
  command: { name: "met"; person: MentionRef; note?: string },
): Promise<Reply> {
  const { store, workspace, speaker, now } = ctx;
  const other = await resolveMention(ctx, command.person);
  if (!other) {
    return reply(copy.unknownPerson(command.person.kind === "name" ? command.person.name : undefined));
  }
  if (other.id === speaker.id) return reply(copy.self());
  const resolved = await resolveMeeting(ctx, other);
  if (!resolved.ok) return reply(resolved.error);
  const { internship, intern, partner } = resolved.value;
  if (intern.id !== speaker.id && !(await mayLogWith(ctx, internship)))
    return reply(copy.notAllowed(intern.name));
  const internToday = localDateIn(intern.timezone, now);
  if (internToday < internship.start || internToday > internship.end) {
    const whose = intern.id === speaker.id ? "" : intern.name;
    return reply(copy.outsideInternship(whose, internship.start, internship.end));
  }
  const note = command.note?.trim() || undefined;
  await store.transaction(async () => {
    const meeting = await store.activity.addMeeting(workspace.id, internship.id, partner.id, note, now);
    await store.activity.addExchange(workspace.id, {
      internshipId: internship.id,
      personId: partner.id,
      source: "meeting",
      at: now,
    });
    await store.audit.record(
      {
        workspaceId: workspace.id,
        actorId: speaker.id,
        actorLabel: speaker.key,
        action: "meeting.log",
        entity: "meeting",
        entityId: meeting.id,
        // The note stays in the meetings table only; the audit keeps who met whom.
        detail: { internshipId: internship.id, personId: partner.id },
      },
      now,
    );
    if (intern.id !== speaker.id) {
      // Told in the intern's working time, through the outbox: one notice per meeting.
      const context = await loadInternshipContext(store, workspace.id, internship.id);
      const notBefore = context?.calendarOf(intern).nextWorkingMoment(now) ?? now;
      const draft = directDraft(
        workspace,
        intern,
        meetingKeys.logged(meeting.id),
        copy.loggedForYou(speaker.name, note),
        notBefore,
      );
      if (draft) await store.outbox.enqueue(draft, now);
    }
    // The signal is refreshed at the next tick, so "why" shows the meeting the same day.
    await touchInternship(store, workspace.id, internship.id, now);
  });
  if (intern.id === speaker.id) return reply(copy.loggedByIntern(partner.name, note));
  return reply(copy.loggedWithIntern(intern.name, note));
}
