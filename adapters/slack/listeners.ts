/**
 * Bolt listeners: every Slack payload becomes an InboundEvent for the core, and the core's reply is shown
 * where the person is (the slash command's acknowledgement, a modal, a DM, App Home). Each listener uses
 * the client Bolt authorised for the payload's workspace.
 */
import type { App, webApi } from "@slack/bolt";
import type { Logger } from "pino";
import { userAddress } from "../../src/domain/addresses.js";
import type { Reply } from "../../src/domain/messages.js";
import type { InboundHandler } from "../../src/ports/chat-platform.js";
import type { Clock } from "../../src/ports/clock.js";
import { actionOf } from "./action-ids.js";
import { slackConversation } from "./addresses.js";
import { eventRecorded } from "./event-ack.js";
import { OPEN_FORM, pressedFormButton, withFormButton } from "./form-button.js";
import {
  blockAction,
  mentionCommand,
  messageEvent,
  reactionEvent,
  slashCommand,
  viewSubmission,
} from "./inbound.js";
import { REQUEST_TIME, SLASH_COMMANDS } from "./protocol.js";
import { renderHome, renderMessage, renderModal, renderReply } from "./render.js";
import { readSharedFile } from "./shared-file.js";

type Client = webApi.WebClient;

/** Slack wants a slash command acknowledged within 3 s, network included: a slower answer follows. */
const COMMAND_ACK_MS = 1_500;
const WORKING = "Working on it: the answer follows in a moment.";

/** The promise's value when it settles within `ms` (its error, thrown), else undefined. */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A reply in a direct message that the core did not queue in the outbox (see InboundEvent.replyTo): a
 * form, a failure, a workspace Tandem does not know. A form becomes a button that opens it (form-button.ts).
 */
async function postReply(client: Client, channel: string, reply: Reply, command?: string): Promise<void> {
  if (reply.queued) return;
  const { text, buttons } = withFormButton(reply, command);
  const rendered = renderMessage({ text, ...(buttons?.length ? { buttons } : {}) });
  await client.chat.postMessage({ channel, ...rendered, unfurl_links: false });
}

export function listen(
  bolt: App,
  handle: InboundHandler,
  deps: { clock: Clock; log: Logger; botUserId?: string; fileTimeoutMs?: number; commandAckMs?: number },
): void {
  const { log, clock, botUserId } = deps;
  const commandAckMs = deps.commandAckMs ?? COMMAND_ACK_MS;
  const fileTimeoutMs = deps.fileTimeoutMs ?? 10_000;
  const requestTime = (context: Record<string, unknown>) =>
    new Date(
      typeof context[REQUEST_TIME] === "number" ? (context[REQUEST_TIME] as number) : clock.now().getTime(),
    );
  const ownUser = (context: Record<string, unknown>) =>
    (context.botUserId as string | undefined) ?? botUserId;

  bolt.command(SLASH_COMMANDS, async ({ command, ack, context, client, respond }) => {
    const event = slashCommand(command as never, requestTime(context));
    if (!event) return await ack();
    const work = handle(event);
    const quick = await settledWithin(work, commandAckMs);
    if (quick) {
      const reply = quick.value;
      if (reply?.form) {
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: renderModal(reply.form, reply.text) as never,
        });
        return;
      }
      return await ack(reply ? renderReply(reply) : undefined);
    }
    // Slack shows the person an error when a command is not answered within 3 seconds (a preview of a
    // large cohort takes longer): say it is coming, and answer through the command's response_url.
    await ack({ response_type: "ephemeral", text: WORKING });
    const reply = await work;
    if (!reply) return;
    if (reply.form) {
      try {
        await client.views.open({
          trigger_id: command.trigger_id,
          view: renderModal(reply.form, reply.text) as never,
        });
      } catch (error) {
        // The trigger lasts 3 seconds too: the form comes as a button in the DM instead.
        log.warn({ err: error }, "a slow command's form could not open; offered in the DM");
        await postReply(client, event.user, reply, event.text);
      }
      return;
    }
    await respond(renderReply(reply));
  });
  bolt.event("message", async ({ event, body, context, client }) => {
    const inbound = messageEvent(body.team_id ?? "", body.event_id, event as never);
    if (!inbound || inbound.user === ownUser(context)) return;
    const [file] = ((event as { files?: unknown[] }).files ?? []) as Record<string, unknown>[];
    if (inbound.isDirect && !inbound.fromBot && file) {
      inbound.attachment = await readSharedFile(file, context.botToken, fileTimeoutMs);
    }
    const channel = (event as { channel: string }).channel;
    if (inbound.isDirect) inbound.replyTo = slackConversation(body.team_id ?? "", channel);
    const reply = await handle(inbound);
    // A person told in a direct message that it failed retries themselves; anything else Slack redelivers.
    eventRecorded(context, inbound.isDirect || !reply?.failed);
    if (reply && inbound.isDirect) await postReply(client, channel, reply, inbound.text);
  });
  bolt.event("app_mention", async ({ event, body, context, client }) => {
    const inbound = mentionCommand(body.team_id ?? "", body.event_id, event as never, ownUser(context));
    const reply = inbound && (await handle(inbound));
    eventRecorded(context, true);
    if (reply && inbound) {
      await client.chat.postEphemeral({
        channel: event.channel,
        user: inbound.user,
        ...renderMessage({ text: reply.text }),
      });
    }
  });
  bolt.event("reaction_added", async ({ event, body, context }) => {
    const inbound = reactionEvent(body.team_id ?? "", body.event_id, event as never);
    const reply = inbound && (await handle(inbound));
    eventRecorded(context, !reply?.failed);
  });
  bolt.event("member_joined_channel", async ({ event }) => {
    log.debug({ channel: event.channel, user: event.user }, "member joined a channel");
  });
  bolt.event("app_home_opened", async ({ event, body, context, client }) => {
    if (event.tab !== "home" || typeof event.user !== "string" || !event.user) return;
    const reply = await handle({
      kind: "command",
      id: `home:${body.event_id}`,
      platform: "slack",
      workspace: body.team_id ?? "",
      user: event.user,
      conversation: `slack:${body.team_id}:user:${event.user}`,
      at: clock.now(),
      text: "status",
    });
    eventRecorded(context, true);
    if (reply) await client.views.publish({ user_id: event.user, view: renderHome(reply.text) as never });
  });
  bolt.action(/.+/, async ({ ack, body, action, context, respond, client }) => {
    await ack();
    const trigger = (body as { trigger_id?: string }).trigger_id;
    if (actionOf((action as { action_id?: string }).action_id ?? "") === OPEN_FORM && trigger) {
      await openFormButton(body as never, (action as { value?: string }).value, trigger, client);
      return;
    }
    const inbound = blockAction(body as never, requestTime(context));
    const inPlace = Boolean((body as { response_url?: string }).response_url);
    // Nowhere to answer in place: the reply is a direct message, queued with the click's effects.
    if (inbound && !inPlace) inbound.replyTo = userAddress("slack", inbound.workspace, inbound.user);
    const reply = inbound && (await handle(inbound));
    if (!reply || !inbound) return;
    if (reply.form && trigger) {
      await client.views.open({ trigger_id: trigger, view: renderModal(reply.form, reply.text) as never });
    } else if (inPlace) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        ...renderMessage({ text: reply.text, ...(reply.buttons ? { buttons: reply.buttons } : {}) }),
      });
    } else await postReply(client, inbound.user, reply);
  });
  bolt.view(/.+/, async ({ ack, body, context, client }) => {
    const inbound = viewSubmission(body as never, requestTime(context));
    if (inbound) inbound.replyTo = userAddress("slack", inbound.workspace, inbound.user);
    const reply = inbound && (await handle(inbound));
    if (reply?.formErrors) {
      await ack({ response_action: "errors", errors: reply.formErrors });
      return;
    }
    await ack();
    if (reply && inbound) await postReply(client, inbound.user, reply);
  });
  /**
   * A form button pressed in a direct message: the command it holds runs again for the presser and its
   * form opens; whatever else the command answers (a refusal, a usage) is posted in the DM, never dropped.
   */
  async function openFormButton(
    body: { user?: { id?: string }; team?: { id?: string } | null; channel?: { id?: string } },
    value: string | undefined,
    trigger: string,
    client: Client,
  ): Promise<void> {
    const user = body.user?.id ?? "";
    const team = body.team?.id ?? "";
    const channel = body.channel?.id ?? user;
    const pressed = pressedFormButton(value);
    let reply: Reply | undefined;
    if (!pressed) {
      log.warn({ actionId: OPEN_FORM }, "a form button arrived without a readable command or form");
      reply = { text: "This button no longer works: type the command again to get the form." };
    } else if ("form" in pressed) reply = { text: "", form: pressed.form };
    else {
      reply = await handle({
        kind: "command",
        id: `form:${trigger}`,
        platform: "slack",
        workspace: team,
        user,
        conversation: userAddress("slack", team, user),
        at: clock.now(),
        text: pressed.command,
      });
    }
    if (!reply) return;
    if (!reply.form) return await postReply(client, channel, reply);
    try {
      await client.views.open({
        trigger_id: trigger,
        view: renderModal(reply.form, reply.text || undefined) as never,
      });
    } catch (error) {
      // Slack gives 3 seconds to open a modal from a press: a slow platform check can miss them.
      log.warn({ err: error, actionId: OPEN_FORM }, "could not open a form from its button");
      await postReply(client, channel, {
        text: `Slack did not let me open the form in time (${(error as Error).message}): press the button again.`,
      });
    }
  }

  bolt.error(async (error) => {
    log.error({ err: error }, "Slack listener failed");
  });
}
