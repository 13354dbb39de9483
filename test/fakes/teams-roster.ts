/**
 * The rosters a fake Bot Connector answers with, as Teams does for a bot: GET
 * /v3/conversations/{id}/members/{userId} (a Teams user id 29:... or an AAD object id; 404
 * MemberNotFoundInConversation otherwise), GET /v3/conversations/{id}/pagedmembers (pageSize 50..500,
 * continuationToken) and GET /v3/teams/{teamId}/conversations (the team's channels, General named
 * null). A team's roster answers for the team id and every channel of the team; a personal chat's
 * (a:1<aad>) for its one user. The roster never says who owns a team.
 */
import { personalConversationId, teamsUserId } from "./teams-activities.js";

export interface RosterMember {
  aad: string;
  name: string;
  email?: string;
  /** userPrincipalName; the e-mail when omitted. */
  upn?: string;
  /** "user" (default) or "guest", as the Bot Connector reports it. */
  userRole?: "user" | "guest";
}

export interface FakeTeam {
  id: string;
  /** AAD ids of the team's members. */
  members: string[];
  /** Channels besides General (whose id is the team id). */
  channels?: { id: string; name: string }[];
}

export interface FakeRoster {
  tenant: string;
  people: RosterMember[];
  teams: FakeTeam[];
}

type Answer = [status: number, body: unknown];

const account = (m: RosterMember, tenant: string) => ({
  id: teamsUserId(m),
  name: m.name,
  aadObjectId: m.aad,
  ...(m.email ? { email: m.email } : {}),
  userPrincipalName: m.upn ?? m.email ?? `${m.aad}@tenant.example`,
  givenName: m.name.split(" ")[0],
  surname: m.name.split(" ").slice(1).join(" "),
  tenantId: tenant,
  userRole: m.userRole ?? "user",
});

const notFound = (what: string): Answer => [
  404,
  { error: { code: "MemberNotFoundInConversation", message: `${what} is not a member of the conversation` } },
];

/** The members of a conversation the fake knows, or undefined when it knows no such conversation. */
function membersOf(roster: FakeRoster, conversationId: string): RosterMember[] | undefined {
  const channel = conversationId.split(";messageid=")[0] ?? conversationId;
  const team = roster.teams.find((t) => t.id === channel || t.channels?.some((c) => c.id === channel));
  if (team) return roster.people.filter((p) => team.members.includes(p.aad));
  const one = roster.people.find((p) => personalConversationId(p) === channel);
  return one ? [one] : undefined;
}

/** The answer to a roster GET, or undefined for any other route. */
export function answerRoster(
  roster: FakeRoster,
  method: string,
  segments: string[],
  query: URLSearchParams,
): Answer | undefined {
  if (method !== "GET") return undefined;
  const [version, collection, id, resource, memberId] = segments;
  if (version !== "v3" || !id) return undefined;
  if (collection === "teams" && resource === "conversations" && segments.length === 4) {
    const team = roster.teams.find((t) => t.id === id);
    if (!team)
      return [404, { error: { code: "NotFound", message: "the bot is not installed in this team" } }];
    return [200, { conversations: [{ id: team.id, name: null }, ...(team.channels ?? [])] }];
  }
  if (collection !== "conversations") return undefined;
  const members = membersOf(roster, id);
  if (!members) return [404, { error: { code: "ConversationNotFound", message: "unknown conversation" } }];
  if (resource === "members" && memberId && segments.length === 5) {
    const found = members.find((m) => m.aad === memberId || teamsUserId(m) === memberId);
    return found ? [200, account(found, roster.tenant)] : notFound(memberId);
  }
  if (resource === "pagedmembers" && segments.length === 4) {
    const size = Math.min(500, Math.max(50, Number(query.get("pageSize") ?? 200) || 200));
    const from = Number(query.get("continuationToken") ?? 0) || 0;
    const page = members.slice(from, from + size).map((m) => account(m, roster.tenant));
    const next = from + size < members.length ? { continuationToken: String(from + size) } : {};
    return [200, { members: page, ...next }];
  }
  return undefined;
}
