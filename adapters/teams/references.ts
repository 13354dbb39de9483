/** Conversation references, stored so Tandem can write to people and channels later (proactive messages). */
import { TurnContext } from "botbuilder";
import type { PlatformRefRepo } from "../../src/ports/platform-repos.js";
import { mentionedIds, splitConversation, type TeamsActivity, tenantOf, type UserLookup } from "./inbound.js";

/** Teams user ids (29:...) map to AAD object ids under this key prefix. */
const TEAMS_ID = "teams-id:";

export async function saveReferences(refs: PlatformRefRepo, context: TurnContext, at: Date): Promise<void> {
  const activity = context.activity as TeamsActivity;
  const tenant = tenantOf(activity);
  const conversationId = activity.conversation?.id;
  if (!tenant || !conversationId) return;
  // Without the activity's id: a proactive message is a new post, not a reply to whatever came last, and
  // the stored reference stays the same from one activity to the next (so saving it costs no write).
  const { activityId: _last, ...lasting } = TurnContext.getConversationReference(context.activity);
  const reference = JSON.stringify(lasting);
  const user = activity.from?.aadObjectId;
  if (user && activity.from?.id)
    await refs.save("teams", tenant, "user", `${TEAMS_ID}${activity.from.id}`, user, at);
  if (activity.conversation?.conversationType === "personal") {
    if (user) await refs.save("teams", tenant, "user", user, reference, at);
  } else {
    const { channel } = splitConversation(conversationId);
    // Nor whoever wrote last: a channel's reference is the channel's, the same for every message in it.
    const { user: _writer, ...channelReference } = lasting;
    const conversation = { ...channelReference.conversation, id: channel };
    await refs.save(
      "teams",
      tenant,
      "conversation",
      channel,
      JSON.stringify({ ...channelReference, conversation }),
      at,
    );
  }
}

/**
 * Without authentication (local tests only) anyone can post any activity: a forged one may add a
 * reference nobody had yet, but never re-point a stored one (a person's chat at another serviceUrl
 * would receive their check-ins and summaries).
 */
export function keepingStoredReferences(refs: PlatformRefRepo): PlatformRefRepo {
  return {
    get: async (...key) => await refs.get(...key),
    save: async (platform, workspace, kind, key, reference, at) => {
      if ((await refs.get(platform, workspace, kind, key)) === undefined)
        await refs.save(platform, workspace, kind, key, reference, at);
    },
  };
}

/** AAD ids of the people an activity mentions, read before the (synchronous) mapping in inbound.ts. */
export async function userLookupFor(
  refs: PlatformRefRepo,
  tenant: string,
  activity: TeamsActivity,
): Promise<UserLookup> {
  const known = new Map<string, string>();
  for (const id of new Set(mentionedIds(activity))) {
    const aad = await refs.get("teams", tenant, "user", `${TEAMS_ID}${id}`);
    if (aad) known.set(id, aad);
  }
  return (teamsUserId) => known.get(teamsUserId);
}
