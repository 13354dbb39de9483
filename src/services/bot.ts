import type { Logger } from "pino";
import { parseCheckinReply } from "../domain/checkins.js";
import { helpText } from "../domain/command-syntax/help-text.js";
import { parseCommand, startsWithCommand } from "../domain/command-syntax/parse.js";
import { chatCopy } from "../domain/copy/chat.js";
import { checkinCopy, checkinForm } from "../domain/copy/checkin.js";
import { generalCopy } from "../domain/copy/general.js";
import { stripBidiControls } from "../domain/escape.js";
import {
  type ActionEvent,
  type InboundEvent,
  type MessageEvent,
  type Reply,
  replyMessage,
  type Speaker,
} from "../domain/messages.js";
import { inboundReplyKeys } from "../domain/outbox-keys.js";
import type { Person, Workspace } from "../domain/types.js";
import { localDateIn } from "../domain/zone-time.js";
import type { Clock } from "../ports/clock.js";
import type { Directories, PlatformDirectory } from "../ports/platform-directory.js";
import type { Store } from "../ports/store.js";
import { adoptOwnZone } from "./assumed-zone.js";
import { answersFromForm, internshipForCheckin, recordCheckinAnswers } from "./checkin-answers.js";
import { answerTrialCheckin, openTrialForm } from "./checkin-trial.js";
import { type CommandContext, reply } from "./command-context.js";
import { handleAgreementAction } from "./command-handlers/agreement-actions.js";
import { handleCertificateAction } from "./command-handlers/certificate.js";
import { handleEvaluationAction } from "./command-handlers/evaluate.js";
import { handleCommand } from "./command-handlers/handle-command.js";
import { handleIntroAction } from "./command-handlers/intro-actions.js";
import { handleMilestoneAction } from "./command-handlers/milestone-actions.js";
import { submitMilestoneForm } from "./command-handlers/milestone-form.js";
import { handleReflectionAction } from "./command-handlers/reflect.js";
import { confirmedAnswer, createDirectMessages } from "./direct-message.js";
import { linkNewcomer } from "./pending-people.js";
import { importChatFile, isFileForTandem } from "./programme/chat-import.js";
import { trackMessage, trackReaction } from "./reply-tracker.js";
import { createSetupDesk } from "./setup/setup-desk.js";
import { createWorkspaceCache } from "./workspace-cache.js";

export interface Bot {
  /** Handles one inbound event; a redelivered event id has no second effect and no reply. */
  handle(event: InboundEvent): Promise<Reply | undefined>;
}

export interface BotDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** What each platform knows of its people: links someone imported by e-mail when they first write. */
  directories?: Directories;
  /** Where the web portal is (PUBLIC_URL), when it is on: the `portal` and `report` commands link there. */
  publicUrl?: string;
  /** Sends a reply queued in the outbox at once, once its event committed (see InboundEvent.replyTo). */
  sendNow?: (workspaceId: number, key: string) => void;
}

const UNKNOWN_PERSON = generalCopy.unknownPerson();

/** The first word as typed, lower case: "Status update: ..." -> "status". */
const firstWord = (text: string) => /^[\p{L}-]+/u.exec(text.trim())?.[0]?.toLowerCase() ?? "";

/** What people typed, without bidi controls, before anything of it is read, stored or echoed. */
function withoutBidiControls(event: InboundEvent): InboundEvent {
  if (event.kind === "command") return { ...event, text: stripBidiControls(event.text) };
  if (event.kind === "message" && event.text !== undefined) {
    return { ...event, text: stripBidiControls(event.text) };
  }
  if (event.kind === "action") {
    const form = event.form
      ? Object.fromEntries(Object.entries(event.form).map(([k, v]) => [k, stripBidiControls(v)]))
      : undefined;
    return { ...event, value: stripBidiControls(event.value), ...(form ? { form } : {}) };
  }
  return event;
}

export function createBot({ store, clock, log, directories, publicUrl, sendNow }: BotDeps): Bot {
  const botLog = log.child({ component: "bot" });
  const setupDesk = createSetupDesk({ store, clock, log, ...(directories ? { directories } : {}) });

  /** Who is speaking, in which workspace, and their "today": undefined for strangers. */
  async function contextOf(speaker: Speaker, now: Date): Promise<CommandContext | undefined> {
    const workspace = await store.workspaces.find(speaker.platform, speaker.workspace);
    const person =
      workspace && (await store.people.byPlatformId(workspace.id, speaker.platform, speaker.user));
    if (!workspace || !person) return undefined;
    const today = localDateIn(person.timezone, now);
    return {
      store,
      log: botLog,
      now,
      workspace,
      speaker: person,
      today,
      ...(publicUrl ? { publicUrl } : {}),
    };
  }

  /**
   * Someone imported by e-mail, writing for the first time, is linked to their account before the event
   * is handled: the platform is asked outside the event's transaction (no network call holds it).
   */
  async function linkIfNewcomer(event: InboundEvent, now: Date): Promise<void> {
    const speaks =
      event.kind === "command" ||
      event.kind === "action" ||
      (event.kind === "message" && event.isDirect && !event.fromBot);
    const directory = directories?.get(event.platform);
    if (!speaks || !directory) return;
    const workspace = await store.workspaces.find(event.platform, event.workspace);
    if (!workspace || (await store.people.byPlatformId(workspace.id, event.platform, event.user))) return;
    await newcomer(directory, workspace, event.user, now);
  }

  /**
   * Someone whose time zone Tandem had to assume speaks, and their platform says their own zone with it
   * (Teams): theirs replaces the assumed one, and they are told once.
   */
  async function adoptSpeakersZone(event: InboundEvent, now: Date): Promise<void> {
    const speaks =
      event.kind === "command" ||
      event.kind === "action" ||
      (event.kind === "message" && event.isDirect && !event.fromBot);
    if (!speaks || !event.timezone) return;
    const zone = event.timezone;
    const workspace = await store.workspaces.find(event.platform, event.workspace);
    const person = workspace && (await store.people.byPlatformId(workspace.id, event.platform, event.user));
    if (!workspace || !person) return;
    const adopted = await store.transaction(
      async () => await adoptOwnZone(store, workspace, person, zone, now, true),
    );
    if (!adopted) return;
    botLog.info(
      { person: person.key, workspace: workspace.id, timezone: zone },
      "learnt an assumed time zone",
    );
    if (adopted.notice) sendNow?.(workspace.id, adopted.notice);
  }

  async function newcomer(
    directory: PlatformDirectory,
    workspace: Workspace,
    user: string,
    now: Date,
  ): Promise<Person | undefined> {
    try {
      const person = await linkNewcomer(store, directory, workspace, user, now);
      if (person)
        botLog.info({ person: person.key, workspace: workspace.id }, "linked a person imported by e-mail");
      return person;
    } catch (error) {
      botLog.warn({ err: error, workspace: workspace.id }, "could not ask the platform who a newcomer is");
      return undefined;
    }
  }

  const directMessages = createDirectMessages();
  // Channel messages read the same people and internships again and again: kept per directory version.
  const workspaces = createWorkspaceCache(store);

  /**
   * Text from a command (slash command, @mention) or a direct message. A command that does not parse is
   * an error with its usage; in a direct message it is chat, and a check-in answer only when the intern
   * says so (see direct-message.ts). A channel message never reaches here.
   */
  async function handleText(
    speaker: Speaker,
    text: string,
    direct?: MessageEvent,
  ): Promise<Reply | undefined> {
    const now = clock.now();
    const ctx = await contextOf(speaker, now);
    const parsed = parseCommand(text, { today: ctx?.today ?? localDateIn("UTC", now) });
    if (parsed.ok && parsed.value.name === "help")
      return reply(helpText(parsed.value.topic, speaker.platform));
    if (!ctx) return reply(parsed.ok || direct ? UNKNOWN_PERSON : parsed.error);
    if (parsed.ok) {
      const shared = "shared" in speaker && speaker.shared === true;
      return await handleCommand(shared ? { ...ctx, sharedReply: true } : ctx, parsed.value);
    }
    if (!direct) return reply(parsed.error);
    const commandWord = startsWithCommand(text) ? firstWord(text) : undefined;
    return await directMessages.handle(ctx, direct, text, commandWord);
  }

  async function handleAction(event: ActionEvent): Promise<Reply> {
    const ctx = await contextOf(event, clock.now());
    if (!ctx) return reply(UNKNOWN_PERSON);
    switch (event.action) {
      case "checkin.open": {
        const scope = await internshipForCheckin(ctx);
        return scope.ok
          ? { text: checkinCopy.formHeading(), form: checkinForm(ctx.today) }
          : reply(scope.error);
      }
      case "checkin.confirm": {
        const { date, text } = confirmedAnswer(event.value, ctx.today);
        return await recordCheckinAnswers(ctx, parseCheckinReply(text), date);
      }
      case "checkin-trial.open":
        return await openTrialForm(ctx, event.value);
      case "checkin-trial.answer":
        return await answerTrialCheckin(ctx, event.value, event.form ?? {});
      case "checkin.dismiss":
        return reply(checkinCopy.notSaved());
      case "checkin.answer": {
        const answers = answersFromForm(event.form ?? {});
        if (!answers.ok) return { text: answers.error, formErrors: { connectedness: answers.error } };
        const date = /^\d{4}-\d{2}-\d{2}$/.test(event.value) ? event.value : ctx.today;
        return await recordCheckinAnswers(ctx, answers.value, date);
      }
      case "milestone.accept":
        return await handleMilestoneAction(ctx, event);
      case "milestone.add":
        return await submitMilestoneForm(ctx, event);
      case "certificate.confirm":
        return await handleCertificateAction(ctx, event.value);
      // The welcome's buttons do what the commands do, nothing more.
      case "agreement.ack":
        return await handleCommand(ctx, {
          name: "agreement.ack",
          ...(event.value ? { intern: { kind: "id" as const, id: event.value } } : {}),
        });
      case "intro.optout":
        return await handleCommand(ctx, { name: "intro.optout" });
      case "reflection.open":
      case "reflection.answer":
        return await handleReflectionAction(ctx, event);
      case "evaluation.open":
      case "evaluation.submit":
        return await handleEvaluationAction(ctx, event);
      default:
        if (event.action.startsWith("intro.")) return await handleIntroAction(ctx, event);
        if (event.action.startsWith("agreement.")) return await handleAgreementAction(ctx, event);
        botLog.warn({ action: event.action }, "unknown action");
        return reply(chatCopy.buttonGone());
    }
  }

  /**
   * The reply as an outbox row for the event's `replyTo`, written with the event's effects: a post that
   * fails (a 429, a crash right after the commit) is retried by the dispatcher instead of lost. A reply
   * for a workspace Tandem does not know has no outbox to go to, and a form's button is shaped by each
   * platform (Slack's holds the command typed): the adapter posts those itself.
   */
  async function queueReply(event: InboundEvent, reply: Reply | undefined, now: Date) {
    if (!reply || !event.replyTo || reply.form || reply.formErrors) return { reply };
    const workspace = await store.workspaces.find(event.platform, event.workspace);
    if (!workspace) return { reply };
    const key = inboundReplyKeys.reply(event.id);
    // The speaker, when Tandem knows them: their export and erasure include what Tandem answered them.
    const speaker = await store.people.byPlatformId(workspace.id, event.platform, event.user);
    const draft = {
      workspaceId: workspace.id,
      key,
      ...(speaker ? { recipientId: speaker.id } : {}),
      address: event.replyTo,
      notBefore: now,
    };
    await store.outbox.enqueue({ ...draft, payload: replyMessage(reply) }, now);
    return { reply: { ...reply, queued: true as const }, queued: { workspaceId: workspace.id, key } };
  }

  /** What the event does, inside its transaction. */
  async function apply(event: InboundEvent, setup: Awaited<ReturnType<typeof setupDesk.prepare>>, now: Date) {
    if (setup) return await setup.apply();
    if (event.kind === "command") return await handleText(event, event.text);
    if (event.kind === "action") return await handleAction(event);
    if (event.kind === "reaction") {
      await trackReaction(store, workspaces, event, now);
      return undefined;
    }
    if (event.kind === "message" && !event.isDirect) {
      await trackMessage(store, workspaces, event, now);
      return undefined;
    }
    if (event.kind === "message" && !event.fromBot && !event.isSystem && event.text) {
      return await handleText(event, event.text, event);
    }
    return undefined;
  }

  return {
    async handle(inbound) {
      const event = withoutBidiControls(inbound);
      const now = clock.now();
      try {
        await linkIfNewcomer(event, now);
        await adoptSpeakersZone(event, now);
        // A programme file asks the platform and imports in its own transaction, never inside this one.
        if (event.kind === "message" && isFileForTandem(event)) {
          return await importChatFile(
            { store, clock, log: botLog, ...(directories ? { directories } : {}) },
            event,
          );
        }
        // Set-up asks the platform first (who is an admin, who was picked), outside any transaction.
        const setup = await setupDesk.prepare(event);
        // The dedupe record and the effects commit together: a failure rolls both back,
        // so the platform's retry gets a fresh chance instead of being swallowed. Events arriving together
        // share one commit; each still commits or rolls back on its own. One conversation's events keep
        // their order.
        const outcome = await store.batched(async () => {
          if (!(await store.inbound.firstSeen(event.platform, event.workspace, event.id, now))) {
            botLog.debug({ platform: event.platform, eventId: event.id }, "redelivered event ignored");
            return { reply: undefined };
          }
          return await queueReply(event, await apply(event, setup, now), now);
        }, event.conversation);
        // Committed: the queued reply goes now, not at the next tick.
        if (outcome.queued) sendNow?.(outcome.queued.workspaceId, outcome.queued.key);
        return outcome.reply;
      } catch (error) {
        // The speaker gets one clear sentence; the operator gets the details.
        botLog.error(
          { err: error, platform: event.platform, eventId: event.id, kind: event.kind },
          "event failed",
        );
        return { ...reply(chatCopy.failed()), failed: true };
      }
    },
  };
}
