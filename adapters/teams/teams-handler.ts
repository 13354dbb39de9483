/** The TeamsActivityHandler: every activity keeps its conversation reference, then goes to the core. */
import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  TeamsActivityHandler,
  type TurnContext,
} from "botbuilder";
import type { Logger } from "pino";
import { userAddress } from "../../src/domain/addresses.js";
import type { InboundEvent, Reply } from "../../src/domain/messages.js";
import type { InboundHandler } from "../../src/ports/chat-platform.js";
import type { Clock } from "../../src/ports/clock.js";
import type { PlatformRefRepo } from "../../src/ports/platform-repos.js";
import { formCard, replyActivity } from "./cards.js";
import { noteActivity, timezoneOf } from "./directory-notes.js";
import {
  actionEvent,
  messageEvent,
  reactionEvent,
  splitConversation,
  type TeamsActivity,
  tenantOf,
} from "./inbound.js";
import { saveReferences, userLookupFor } from "./references.js";
import { readSentFile, sentFile } from "./shared-file.js";

/** Set in a turn's state when its activity could not be recorded and no person heard about it. */
export const NOT_RECORDED = Symbol("tandem.notRecorded");

/** A file sent to Tandem is downloaded within the turn; Teams redelivers an activity not answered in 15 s. */
const FILE_TIMEOUT_MS = 10_000;

/** The speaker's own time zone travels with what they said (it corrects one Tandem had to assume). */
function withZone(event: InboundEvent, context: TurnContext): InboundEvent {
  const timezone = timezoneOf(context.activity as TeamsActivity);
  return timezone ? { ...event, timezone } : event;
}

/** The reply goes to the speaker's personal chat with Tandem, through the outbox (see answer()). */
function inPersonalChat(event: InboundEvent): InboundEvent {
  return { ...event, replyTo: userAddress("teams", event.workspace, event.user) };
}

export class TandemTeamsHandler extends TeamsActivityHandler {
  constructor(
    private readonly core: InboundHandler,
    private readonly refs: PlatformRefRepo,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Where names, time zones and teams seen in activities are noted for the directory. */
    private readonly notes: PlatformRefRepo = refs,
  ) {
    super();
    // Every activity: remember how to reach its conversation and its sender, before anything else.
    this.onTurn(async (context, next) => {
      await saveReferences(this.refs, context, this.clock.now());
      await noteActivity(this.notes, context, this.clock.now());
      await next();
    });
    this.onMessage(async (context, next) => {
      const activity = context.activity as TeamsActivity;
      const data =
        activity.value && typeof activity.value === "object"
          ? (activity.value as Record<string, unknown>)
          : undefined;
      const event = data?.tandemAction
        ? actionEvent(activity, data, this.clock.now())
        : messageEvent(
            activity,
            await userLookupFor(this.refs, tenantOf(activity) ?? "", activity),
            this.clock.now(),
          );
      const file = sentFile((activity as { attachments?: unknown }).attachments);
      if (event?.kind === "message" && event.isDirect && !event.fromBot && file) {
        event.attachment = await readSentFile(file, FILE_TIMEOUT_MS);
      }
      await this.answer(context, event);
      await next();
    });
    this.onReactionsAdded(async (context, next) => {
      const event = reactionEvent(context.activity as TeamsActivity, this.clock.now());
      const reply = event && (await this.core(event));
      if (reply?.failed) context.turnState.set(NOT_RECORDED, true);
      await next();
    });
    this.onInstallationUpdate(async (_context, next) => {
      this.log.info("Tandem installed or updated in a Teams conversation");
      await next();
    });
  }

  /**
   * Replies to what a person said to Tandem go back into the same conversation. In their personal chat the
   * core queues the reply in the outbox with the activity's effects and sends it at once through the chat's
   * stored reference (saved in onTurn, before this): a 429, a 5xx or a crash after the commit is retried
   * instead of lost, and a redelivered activity is not answered twice. What the core did not queue (a form,
   * a failure) and replies in channels and group chats (in the thread) are sent within the turn.
   */
  private async answer(context: TurnContext, event: InboundEvent | undefined): Promise<void> {
    if (!event) return;
    const personal = (context.activity as TeamsActivity).conversation?.conversationType === "personal";
    const reply = await this.core(withZone(personal ? inPersonalChat(event) : event, context));
    if (!reply || reply.queued) return;
    if (personal || event.kind === "command" || event.kind === "action")
      await context.sendActivity(replyActivity(reply) as never);
    // Nobody was told: the activity is answered 500 so Teams may deliver it again.
    else if (reply.failed) context.turnState.set(NOT_RECORDED, true);
  }

  /**
   * botbuilder reads `value.action.type` of an adaptiveCard/action invoke without looking, so one without
   * an action failed the turn and was answered 501: it is a bad request, and answered as one.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name, value } = context.activity as TeamsActivity;
    const action = (value as { action?: unknown } | undefined)?.action;
    if (name === "adaptiveCard/action" && (typeof action !== "object" || action === null)) {
      return {
        status: 400,
        body: {
          statusCode: 400,
          type: "application/vnd.microsoft.error",
          value: { code: "BadRequest", message: "Missing action property" },
        },
      };
    }
    return super.onInvokeActivity(context);
  }

  /** Action.Execute: the same as Action.Submit, answered in the invoke response. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    // Universal Actions name the action in `verb`; Tandem's own data (tandemAction) wins when present.
    const data = {
      tandemAction: invokeValue.action?.verb,
      ...(invokeValue.action?.data ?? {}),
    } as Record<string, unknown>;
    const event = actionEvent(context.activity as TeamsActivity, data, this.clock.now());
    const reply: Reply | undefined = event ? await this.core(withZone(event, context)) : undefined;
    // A form to fill in replaces the card; anything else is a message for the person.
    if (reply?.form) {
      return {
        statusCode: 200,
        type: "application/vnd.microsoft.card.adaptive",
        value: formCard(reply.form, reply.text) as never,
      };
    }
    return {
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
      value: (reply?.text ?? "Done.") as never,
    };
  }
}

export { splitConversation };
