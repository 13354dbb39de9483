/** `met @person [note]`: logs a live meeting between an intern and someone from the company. */
import type { MentionRef } from "../../domain/command-syntax/types.js";
import { neutralizeMentions } from "../../domain/escape.js";
import { formatDate, localDateIn } from "../../domain/format.js";
import type { Reply } from "../../domain/messages.js";
import { rolesOf } from "../../domain/milestones.js";
import type { Internship, Person } from "../../domain/types.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveMention } from "../internship-scope.js";
import { touchInternship } from "../rules/wakeup-rule.js";

const EXAMPLE = "met @bram weekly call about the survey";

/** The intern's internships, the one running on the intern's `today` first, then the latest to end. */
function internshipsAsIntern(ctx: CommandContext, person: Person): Internship[] {
  const today = localDateIn(person.timezone, ctx.now);
  return ctx.store.internships
    .forPerson(ctx.workspace.id, person.id)
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
function resolveMeeting(
  ctx: CommandContext,
  other: Person,
): { internship: Internship; intern: Person; partner: Person } | { error: string } {
  const { speaker } = ctx;
  const speakerInternships = internshipsAsIntern(ctx, speaker);
  const otherInternships = internshipsAsIntern(ctx, other);
  const name = neutralizeMentions(other.name);
  if (speakerInternships.length > 0) {
    const internship = speakerInternships[0]!;
    if (otherInternships.length > 0 && rolesOf(internship, other.id).length === 0) {
      return {
        error: `${name} is an intern too, not part of your internship's company side, so this meeting does not count for your connection signal. Log meetings with people from the company, e.g. ${EXAMPLE}.`,
      };
    }
    return { internship, intern: speaker, partner: other };
  }
  if (otherInternships.length === 0) {
    return {
      error: `${name} is not an intern; "met" logs a live meeting with an intern, e.g. met @ana call about the survey.`,
    };
  }
  return { internship: otherInternships[0]!, intern: other, partner: speaker };
}

export function handleMetCommand(
  ctx: CommandContext,
  command: { name: "met"; person: MentionRef; note?: string },
): Reply {
  const { store, workspace, speaker, now } = ctx;
  const other = resolveMention(ctx, command.person);
  if (!other) {
    const who =
      command.person.kind === "name" ? `@${neutralizeMentions(command.person.name)}` : "that person";
    return reply(`I don't know ${who} in this workspace. Check the name and try again, e.g. ${EXAMPLE}.`);
  }
  if (other.id === speaker.id) {
    return reply(`A meeting needs someone else: name the person you met, e.g. ${EXAMPLE}.`);
  }
  const resolved = resolveMeeting(ctx, other);
  if ("error" in resolved) return reply(resolved.error);
  const { internship, intern, partner } = resolved;
  const internToday = localDateIn(intern.timezone, now);
  if (internToday < internship.start || internToday > internship.end) {
    const whose = intern.id === speaker.id ? "Your" : `${neutralizeMentions(intern.name)}'s`;
    return reply(
      `${whose} internship runs from ${formatDate(internship.start)} to ${formatDate(internship.end)}, so there is no meeting to log today.`,
    );
  }
  const note = command.note?.trim() || undefined;
  store.transaction(() => {
    const meeting = store.activity.addMeeting(workspace.id, internship.id, partner.id, note, now);
    store.activity.addExchange(workspace.id, {
      internshipId: internship.id,
      personId: partner.id,
      source: "meeting",
      at: now,
    });
    store.audit.record(
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
    // The signal is refreshed at the next tick, so "why" shows the meeting the same day.
    touchInternship(store, workspace.id, internship.id, now);
  });
  const noted = note ? ` Note: ${neutralizeMentions(note)}` : "";
  if (intern.id === speaker.id) {
    return reply(
      `Logged your meeting with ${neutralizeMentions(partner.name)} today.${noted} Live conversations count for your connection signal.`,
    );
  }
  return reply(
    `Logged your meeting with ${neutralizeMentions(intern.name)} today.${noted} Thank you: live contact helps ${neutralizeMentions(intern.name)} feel part of the team.`,
  );
}
