import { groupAddress } from "../../domain/addresses.js";
import {
  countryName,
  describeOverlap,
  nextSharedMoment,
  profileOf,
  weeklyOverlap,
} from "../../domain/colleague-choice.js";
import { echo } from "../../domain/command-syntax/echo.js";
import { formatInstant } from "../../domain/format.js";
import type { OutboundMessage, Reply } from "../../domain/messages.js";
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
export function handleIntroAction(ctx: CommandContext, event: IntroActionInput): Reply {
  const match = /^#?(\d{1,9})$/.exec(event.value.trim());
  const intro = match ? ctx.store.introductions.get(ctx.workspace.id, Number(match[1])) : undefined;
  const internship = intro && loadInternshipContext(ctx.store, ctx.workspace.id, intro.internshipId);
  const colleague = intro && ctx.store.people.get(ctx.workspace.id, intro.colleagueId);
  if (!intro || !internship || !colleague) {
    return reply(
      `That button names no introduction I know (${echo(event.value)}); type "intro status" to see yours.`,
    );
  }
  const loaded: Loaded = { ctx, intro, internship, intern: internship.intern, colleague };
  const between = `This introduction is between ${firstName(loaded.intern)} and ${firstName(colleague)}.`;
  const speakerId = ctx.speaker.id;
  const isColleague = speakerId === colleague.id;
  const isParticipant = isColleague || speakerId === loaded.intern.id;
  return ctx.store.transaction(() => {
    switch (event.action) {
      case "intro.accept":
        return isColleague ? accept(loaded) : reply(`${between} Only ${firstName(colleague)} can say yes.`);
      case "intro.decline":
        return isColleague ? decline(loaded) : reply(`${between} Only ${firstName(colleague)} can answer.`);
      case "intro.met":
        return isParticipant ? met(loaded) : reply(between);
      case "intro.notmet":
        return isParticipant ? notMet(loaded) : reply(between);
      case "intro.reschedule":
        return isParticipant ? reschedule(loaded) : reply(between);
      default:
        return reply(
          `I don't know the button ${echo(event.action)}; type "intro status" to see your introductions.`,
        );
    }
  });
}

function setStatus(
  l: Loaded,
  status: IntroductionStatus,
  fields: { conversation?: string; metAnswer?: boolean; rescheduled?: boolean } = {},
) {
  const { store, workspace, speaker, now } = l.ctx;
  store.introductions.setStatus(l.intro.id, status, now, fields);
  store.audit.record(
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
  touchInternship(store, workspace.id, l.intro.internshipId, now);
}

function accept(l: Loaded): Reply {
  const { ctx, intro, intern, colleague } = l;
  if (intro.status === "accepted" || intro.status === "held" || intro.status === "not_held") {
    return reply(`You already said yes to meeting ${firstName(intern)}; thank you!`);
  }
  if (intro.status === "declined") {
    return reply(
      `This request has closed (you said not now, or it waited more than a working week), so nothing changed. Tandem will not ask you about ${firstName(intern)} again.`,
    );
  }
  const platform = ctx.workspace.platform;
  const users = [intern.ids[platform], colleague.ids[platform]];
  if (users.some((u) => u === undefined)) {
    return reply(
      `I cannot reach ${firstName(intern)} on ${platform} yet, so nothing changed; please ask the programme coordinator to add their ${platform} id.`,
    );
  }
  const internCalendar = l.internship.calendarOf(intern);
  const colleagueCalendar = l.internship.calendarOf(colleague);
  const address = groupAddress(platform, ctx.workspace.externalId, users as string[]);
  setStatus(l, "accepted", { conversation: address });
  // The group message waits until both are at work, so neither finds it alone at night.
  const sendAt = nextSharedMoment(internCalendar, colleagueCalendar, ctx.now) ?? ctx.now;
  ctx.store.outbox.enqueue(
    {
      workspaceId: ctx.workspace.id,
      key: `intro-group:${intro.id}`,
      address,
      payload: groupIntroduction(l),
      notBefore: sendAt,
    },
    ctx.now,
  );
  ctx.store.activity.addExchange(ctx.workspace.id, {
    internshipId: intro.internshipId,
    personId: colleague.id,
    source: "introduction",
    at: ctx.now,
  });
  const when =
    sendAt > ctx.now ? ` on ${formatInstant(sendAt, colleague.timezone)} your time, when you both work` : "";
  return reply(
    `Thank you! Tandem opens a group conversation with ${intern.name}${when}, with a short introduction of you both.`,
  );
}

function groupIntroduction(l: Loaded): OutboundMessage {
  const { intern, colleague, internship } = l;
  const overlap = weeklyOverlap(
    internship.calendarOf(intern),
    internship.calendarOf(colleague),
    internship.calendarOf(intern).localDate(l.ctx.now),
  );
  const hours = describeOverlap(overlap, intern.timezone, colleague.timezone);
  const places =
    intern.country === colleague.country
      ? `in your two teams in ${countryName(intern.country)}`
      : `in ${countryName(intern.country)} and in ${countryName(colleague.country)}, and in your two teams`;
  const plan = internship.terms.introductions;
  return {
    text: `${intern.name}, meet ${colleague.name}; ${colleague.name}, meet ${intern.name}! ${firstName(colleague)} agreed to meet ${firstName(intern)}, who is a virtual intern with ${internship.supervisor.name}. Find 30 minutes for a call when you both work.`,
    fields: [
      { label: intern.name, value: profileOf(intern) },
      { label: colleague.name, value: profileOf(colleague) },
      { label: "When you both work", value: hours.join("\n") || "no shared hours in a typical week" },
      {
        label: "To start the conversation",
        value: `How are things done differently ${places}? For example: who makes a decision and how, how you negotiate a deadline or a disagreement, and how direct a written message can be.`,
      },
    ],
    reason: `${firstName(colleague)} said yes to meeting ${firstName(intern)}. Meeting colleagues beyond one team is part of ${firstName(intern)}'s internship plan (${plan.target} colleagues from ${plan.departments} departments); in a working week Tandem asks you both whether you met.`,
  };
}

function decline(l: Loaded): Reply {
  const { intro, intern } = l;
  if (intro.status !== "proposed") {
    return intro.status === "declined"
      ? reply(`That request has already closed; Tandem will not ask you about ${firstName(intern)} again.`)
      : reply(
          `You already said yes to meeting ${firstName(intern)}. If you cannot meet after all, answer "Not yet" when Tandem asks whether you met.`,
        );
  }
  setStatus(l, "declined");
  return reply(
    `No problem. Tandem will not ask you about ${firstName(intern)} again, and ${firstName(intern)} is not told.`,
  );
}

function met(l: Loaded): Reply {
  const { ctx, intro, intern, colleague } = l;
  const other = ctx.speaker.id === intern.id ? colleague : intern;
  if (intro.status === "held") return reply(`Already noted: you and ${firstName(other)} met. Thanks!`);
  if (intro.status === "proposed" || intro.status === "declined") {
    return reply(
      `${firstName(colleague)} has not agreed to this introduction, so there is no meeting to record.`,
    );
  }
  setStatus(l, "held", { metAnswer: true });
  ctx.store.outbox.cancelPending(ctx.workspace.id, `intro-followup:${intro.id}:`);
  ctx.store.activity.addMeeting(ctx.workspace.id, intro.internshipId, colleague.id, "introduction", ctx.now);
  ctx.store.activity.addExchange(ctx.workspace.id, {
    internshipId: intro.internshipId,
    personId: colleague.id,
    source: "meeting",
    at: ctx.now,
  });
  return reply(`Great, noted: you and ${firstName(other)} met. Thank you for telling me.`);
}

function notMet(l: Loaded): Reply {
  const { ctx, intro, intern, colleague } = l;
  const other = ctx.speaker.id === intern.id ? colleague : intern;
  if (intro.status === "held") {
    return reply(`${firstName(other)} said you met, so it stays recorded as a meeting. Thanks!`);
  }
  if (intro.status === "not_held") return reply("Already noted that you have not met yet. Thanks!");
  if (intro.status !== "accepted") {
    return reply(
      `${firstName(colleague)} has not agreed to this introduction, so there is nothing to answer.`,
    );
  }
  setStatus(l, "not_held", { metAnswer: true });
  ctx.store.outbox.cancelPending(ctx.workspace.id, `intro-followup:${intro.id}:`);
  if (intro.rescheduled || !intro.conversation) {
    return reply("Thanks for telling me. Tandem will not ask about this introduction again.");
  }
  const value = String(intro.id);
  ctx.store.outbox.enqueue(
    {
      workspaceId: ctx.workspace.id,
      key: `intro-reschedule:${intro.id}`,
      address: intro.conversation,
      payload: {
        text: `${intern.name} and ${colleague.name}, you have not managed to meet yet. Would you like to find a new time?`,
        buttons: [
          { action: "intro.reschedule", value, label: "Yes, we'll find a new time", style: "primary" },
        ],
        reason:
          "Tandem offers a new time once; if you pick one, it asks again in a working week. If not, nothing more happens.",
      },
      notBefore: ctx.now,
    },
    ctx.now,
  );
  return reply("Thanks for telling me. I offered you both one chance to find a new time.");
}

function reschedule(l: Loaded): Reply {
  const { intro } = l;
  if (intro.status === "accepted" && intro.rescheduled) {
    return reply("Already done: Tandem asks again in a working week whether you met.");
  }
  if (intro.status === "held") return reply("You have already met; nothing to reschedule.");
  if (intro.status !== "not_held" || intro.rescheduled) {
    return reply("This introduction cannot be rescheduled (again), so nothing changed.");
  }
  setStatus(l, "accepted", { rescheduled: true });
  return reply("Good luck finding a time! Tandem asks you both again in a working week whether you met.");
}
