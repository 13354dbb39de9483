/**
 * What Teams tells a bot about people only in passing, kept for the directory: each sender's name and
 * time zone (an activity's `localTimezone`, or its clientInfo entity), and the teams Tandem is
 * installed in (whose rosters the directory reads). Kept beside the conversation references.
 */
import { TurnContext } from "botbuilder";
import type { PlatformRefRepo } from "../../src/ports/platform-repos.js";
import { splitConversation, type TeamsActivity, tenantOf } from "./inbound.js";

/** A person as their own activities showed them. */
export interface SeenProfile {
  name?: string;
  timezone?: string;
  /** Their Teams user id (29:...) in this bot's conversations. */
  teamsId?: string;
}

const PROFILE = "profile:";
const TEAM = "team:";
/** The ids of the teams Tandem has heard from in a tenant, as one JSON list. */
const TEAMS_INDEX = "teams-index";

/** A real IANA zone, or undefined: what a client sends is not trusted blindly. */
export function ianaZone(zone: unknown): string | undefined {
  if (typeof zone !== "string" || !zone || zone.length > 64) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** The sender's own time zone, as their client sent it with the activity. */
export function timezoneOf(activity: TeamsActivity & { localTimezone?: unknown }): string | undefined {
  const entities: unknown = activity.entities;
  const clientInfo = Array.isArray(entities)
    ? (entities as { type?: unknown; timezone?: unknown }[]).find((e) => e?.type === "clientInfo")
    : undefined;
  return ianaZone(activity.localTimezone) ?? ianaZone(clientInfo?.timezone);
}

function parse<T>(text: string | undefined): T | undefined {
  try {
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

export async function seenProfile(
  refs: PlatformRefRepo,
  tenant: string,
  aad: string,
): Promise<SeenProfile | undefined> {
  return parse<SeenProfile>(await refs.get("teams", tenant, "user", `${PROFILE}${aad}`));
}

export async function knownTeams(refs: PlatformRefRepo, tenant: string): Promise<string[]> {
  return parse<string[]>(await refs.get("teams", tenant, "conversation", TEAMS_INDEX)) ?? [];
}

/** A reference that reaches a team (its General channel, whose id is the team's). */
export async function teamReference(
  refs: PlatformRefRepo,
  tenant: string,
  team: string,
): Promise<Record<string, unknown> | undefined> {
  return parse(await refs.get("teams", tenant, "conversation", `${TEAM}${team}`));
}

/** Saves only what changed: most activities change nothing, and cost no write. */
async function saveIfChanged(
  refs: PlatformRefRepo,
  tenant: string,
  kind: "user" | "conversation",
  key: string,
  value: string,
  at: Date,
): Promise<void> {
  if ((await refs.get("teams", tenant, kind, key)) !== value)
    await refs.save("teams", tenant, kind, key, value, at);
}

/** Called for every activity, after its conversation references were saved. */
export async function noteActivity(refs: PlatformRefRepo, context: TurnContext, at: Date): Promise<void> {
  const activity = context.activity as TeamsActivity & {
    channelData?: { team?: { id?: string } };
    localTimezone?: unknown;
  };
  const tenant = tenantOf(activity);
  if (!tenant) return;
  const aad = activity.from?.aadObjectId;
  if (aad && activity.from?.role !== "bot") {
    const before = (await seenProfile(refs, tenant, aad)) ?? {};
    const timezone = timezoneOf(activity) ?? before.timezone;
    const name =
      typeof activity.from?.name === "string" && activity.from.name ? activity.from.name : before.name;
    const profile: SeenProfile = {
      ...(name ? { name } : {}),
      ...(timezone ? { timezone } : {}),
      ...(activity.from?.id ? { teamsId: activity.from.id } : {}),
    };
    await saveIfChanged(refs, tenant, "user", `${PROFILE}${aad}`, JSON.stringify(profile), at);
  }
  const team = activity.channelData?.team?.id;
  const conversationId = activity.conversation?.id;
  if (team && conversationId) {
    const {
      activityId: _id,
      user: _user,
      ...reference
    } = TurnContext.getConversationReference(context.activity);
    const teamRef = {
      ...reference,
      conversation: { ...reference.conversation, id: splitConversation(team).channel },
    };
    await saveIfChanged(refs, tenant, "conversation", `${TEAM}${team}`, JSON.stringify(teamRef), at);
    const teams = await knownTeams(refs, tenant);
    if (!teams.includes(team)) {
      await refs.save("teams", tenant, "conversation", TEAMS_INDEX, JSON.stringify([...teams, team]), at);
    }
  }
}
