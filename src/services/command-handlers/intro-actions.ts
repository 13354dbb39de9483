import { groupAddress } from "../../domain/addresses.js";
import {
  countryName,
  describeOverlap,
  nextSharedMoment,
  profileOf,
  weeklyOverlap,
} from "../../domain/colleague-choice.js";
import { echo } from "../../domain/command-syntax/echo.js";
import { groupIntroduction, introActionCopy, rescheduleOffer } from "../../domain/copy/intro.js";
import { formatInstant } from "../../domain/format.js";
import type { OutboundMessage, Reply } from "../../domain/messages.js";
import { introKeys } from "../../domain/outbox-keys.js";
import type { Introduction, IntroductionStatus } from "../../domain/records.js";
import type { Person } from "../../domain/types.js";
import { type CommandContext, reply } from "../command-context.js";
import { type InternshipContext, loadInternshipContext } from "../internship-context.js";
import { touchInternship } from "../rules/wakeup-rule.js";

export interface IntroActionInput {
  action: string;
  value: string;
  form?: Record<string, string>;
}

interface Loaded {
  ctx: CommandContext;
  intro: Introduction;
  internship: InternshipContext;
  intern: Person;
  colleague: Person;
}

const firstName = (person: Person) => person.name.split(" ")[0] ?? person.name;

/**
 * Buttons on introduction messages: the colleague's "yes" / "not now", "did you meet?" from either
 * person, and the one offer to find a new time. Every change is one transaction.
 */
export async function handleIntroAction(ctx: CommandContext, event: IntroActionInput): Promise<Reply> {
  const match = /^#?(\d{1,9})$/.exec(event.value.trim());
  const intro = match ? await ctx.store.introductions.get(ctx.workspace.id, Number(match[1])) : undefined;
  const internship = intro && (await loadInternshipContext(ctx.store, ctx.workspace.id, intro.internshipId));
  const colleague = intro && (await ctx.store.people.get(ctx.workspace.id, intro.colleagueId));
  if (!intro || !internship || !colleague) {
    return reply(introActionCopy.unknownIntro(echo(event.value)));
  }
  const loaded: Loaded = { ctx, intro, internship, intern: internship.intern, colleague };
  const between = introActionCopy.between(firstName(loaded.intern), firstName(colleague));
  const speakerId = ctx.speaker.id;
  const isColleague = speakerId === colleague.id;
  const isParticipant = isColleague || speakerId === loaded.intern.id;
  return await ctx.store.transaction(async () => {
    switch (event.action) {
      case "intro.accept":
        return isColleague
          ? await accept(loaded)
          : reply(introActionCopy.onlyColleagueAccepts(between, firstName(colleague)));
      case "intro.decline":
        return isColleague
          ? await decline(loaded)
          : reply(introActionCopy.onlyColleagueAnswers(between, firstName(colleague)));
      case "intro.met":
        return isParticipant ? await met(loaded) : reply(between);
      case "intro.notmet":
        return isParticipant ? await notMet(loaded) : reply(between);
      case "intro.reschedule":
        return isParticipant ? await reschedule(loaded) : reply(between);
      default:
        return reply(introActionCopy.unknownButton(echo(event.action)));
    }
  });
}

async function setStatus(
  l: Loaded,
  status: IntroductionStatus,
  fields: { conversation?: string; metAnswer?: boolean; rescheduled?: boolean } = {},
) {
  const { store, workspace, speaker, now } = l.ctx;
  await store.introductions.setStatus(l.intro.id, status, now, fields);
  await store.audit.record(
    {
      workspaceId: workspace.id,
      actorId: speaker.id,
      actorLabel: speaker.key,
      action: `introduction.${status}`,
      entity: "introduction",
      entityId: l.intro.id,
    },
    now,
  );
  await touchInternship(store, workspace.id, l.intro.internshipId, now);
}

async function accept(l: Loaded): Promise<Reply> {
  const { ctx, intro, intern, colleague } = l;
  if (intro.status === "accepted" || intro.status === "held" || intro.status === "not_held") {
    return reply(introActionCopy.alreadyAccepted(firstName(intern)));
  }
  if (intro.status === "declined") {
    return reply(introActionCopy.requestClosed(firstName(intern)));
  }
  const platform = ctx.workspace.platform;
  const users = [intern.ids[platform], colleague.ids[platform]];
  if (users.some((u) => u === undefined)) {
    return reply(introActionCopy.cannotReach(firstName(intern), platform));
  }
  const internCalendar = l.internship.calendarOf(intern);
  const colleagueCalendar = l.internship.calendarOf(colleague);
  const address = groupAddress(platform, ctx.workspace.externalId, users as string[]);
  await setStatus(l, "accepted", { conversation: address });
  // The group message waits until both are at work, so neither finds it alone at night.
  const sendAt = nextSharedMoment(internCalendar, colleagueCalendar, ctx.now) ?? ctx.now;
  await ctx.store.outbox.enqueue(
    {
      workspaceId: ctx.workspace.id,
      key: introKeys.group(intro.id),
      address,
      payload: groupIntroductionOf(l),
      notBefore: sendAt,
    },
    ctx.now,
  );
  await ctx.store.activity.addExchange(ctx.workspace.id, {
    internshipId: intro.internshipId,
    personId: colleague.id,
    source: "introduction",
    at: ctx.now,
  });
  const when = sendAt > ctx.now ? formatInstant(sendAt, colleague.timezone) : undefined;
  return reply(introActionCopy.accepted(intern.name, when));
}

function groupIntroductionOf(l: Loaded): OutboundMessage {
  const { intern, colleague, internship } = l;
  const overlap = weeklyOverlap(
    internship.calendarOf(intern),
    internship.calendarOf(colleague),
    internship.calendarOf(intern).localDate(l.ctx.now),
  );
  const side = (person: Person) => ({
    name: person.name,
    first: firstName(person),
    country: countryName(person.country),
    profile: profileOf(person),
  });
  return groupIntroduction({
    intern: side(intern),
    colleague: side(colleague),
    supervisor: internship.supervisor.name,
    sameCountry: intern.country === colleague.country,
    sharedHours: describeOverlap(overlap, intern.timezone, colleague.timezone),
    plan: internship.terms.introductions,
  });
}

async function decline(l: Loaded): Promise<Reply> {
  const { intro, intern } = l;
  if (intro.status !== "proposed") {
    return intro.status === "declined"
      ? reply(introActionCopy.declineClosed(firstName(intern)))
      : reply(introActionCopy.declineAfterYes(firstName(intern)));
  }
  await setStatus(l, "declined");
  return reply(introActionCopy.declined(firstName(intern)));
}

async function met(l: Loaded): Promise<Reply> {
  const { ctx, intro, intern, colleague } = l;
  const other = ctx.speaker.id === intern.id ? colleague : intern;
  if (intro.status === "held") return reply(introActionCopy.alreadyMet(firstName(other)));
  if (intro.status === "proposed" || intro.status === "declined") {
    return reply(introActionCopy.noMeetingToRecord(firstName(colleague)));
  }
  await setStatus(l, "held", { metAnswer: true });
  await ctx.store.outbox.cancelPending(ctx.workspace.id, introKeys.followUpPrefix(intro.id));
  await ctx.store.activity.addMeeting(
    ctx.workspace.id,
    intro.internshipId,
    colleague.id,
    "introduction",
    ctx.now,
  );
  await ctx.store.activity.addExchange(ctx.workspace.id, {
    internshipId: intro.internshipId,
    personId: colleague.id,
    source: "meeting",
    at: ctx.now,
  });
  return reply(introActionCopy.met(firstName(other)));
}

async function notMet(l: Loaded): Promise<Reply> {
  const { ctx, intro, intern, colleague } = l;
  const other = ctx.speaker.id === intern.id ? colleague : intern;
  if (intro.status === "held") {
    return reply(introActionCopy.otherSaidMet(firstName(other)));
  }
  if (intro.status === "not_held") return reply(introActionCopy.alreadyNotMet());
  if (intro.status !== "accepted") {
    return reply(introActionCopy.nothingToAnswer(firstName(colleague)));
  }
  await setStatus(l, "not_held", { metAnswer: true });
  await ctx.store.outbox.cancelPending(ctx.workspace.id, introKeys.followUpPrefix(intro.id));
  if (intro.rescheduled || !intro.conversation) {
    return reply(introActionCopy.notMetFinal());
  }
  await ctx.store.outbox.enqueue(
    {
      workspaceId: ctx.workspace.id,
      key: introKeys.reschedule(intro.id),
      address: intro.conversation,
      payload: rescheduleOffer(intro.id, intern.name, colleague.name),
      notBefore: ctx.now,
    },
    ctx.now,
  );
  return reply(introActionCopy.notMetOffered());
}

async function reschedule(l: Loaded): Promise<Reply> {
  const { intro } = l;
  if (intro.status === "accepted" && intro.rescheduled) {
    return reply(introActionCopy.rescheduleAlready());
  }
  if (intro.status === "held") return reply(introActionCopy.rescheduleMet());
  if (intro.status !== "not_held" || intro.rescheduled) {
    return reply(introActionCopy.rescheduleRefused());
  }
  await setStatus(l, "accepted", { rescheduled: true });
  return reply(introActionCopy.rescheduled());
}
