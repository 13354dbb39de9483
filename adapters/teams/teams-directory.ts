/**
 * Teams' answers about people and channels, through the Bot Connector as the bot itself sees them: the
 * rosters of the teams Tandem is installed in (TeamsInfo: name, e-mail, user principal name), the name
 * and time zone each person's own activities carried (directory-notes.ts), and the stored conversation
 * references. The Bot Connector does not say who owns a team: that needs Microsoft Graph, so on Teams
 * nobody is flagged admin here and programme admins are named in Tandem instead.
 */
import { type TeamsChannelAccount, TeamsInfo, type TurnContext } from "botbuilder";
import { AppError } from "../../src/domain/errors.js";
import type { Clock } from "../../src/ports/clock.js";
import type {
  ChannelMembership,
  DirectoryPerson,
  PlatformDirectory,
  Reachability,
} from "../../src/ports/platform-directory.js";
import type { PlatformRefRepo } from "../../src/ports/platform-repos.js";
import { knownTeams, type SeenProfile, seenProfile, teamReference } from "./directory-notes.js";
import { splitConversation } from "./inbound.js";

/** Runs work in a proactive turn on a stored reference (timeouts set, errors returned, not swallowed). */
export type Converse = <T>(reference: object, work: (context: TurnContext) => Promise<T>) => Promise<T>;

/** Roster pages as large as the Bot Connector allows (it serves 50 to 500). */
const PAGE = 500;

function status(error: unknown): number | undefined {
  const e = error as { statusCode?: number; response?: { status?: number } };
  return e.statusCode ?? e.response?.status;
}

function askError(what: string, error: unknown): AppError {
  const code = status(error);
  return new AppError(
    "PLATFORM",
    `Teams could not answer ${what}${code ? ` (HTTP ${code})` : `: ${(error as Error).message ?? String(error)}`}`,
    { cause: error, retryable: code === undefined || code === 429 || code >= 500 },
  );
}

function toPerson(aad: string, member: TeamsChannelAccount | undefined, seen: SeenProfile | undefined) {
  const email = member?.email || member?.userPrincipalName;
  const person: DirectoryPerson = {
    userId: aad,
    name: member?.name || seen?.name || aad,
    ...(seen?.timezone ? { timezone: seen.timezone } : {}),
    ...(email ? { email } : {}),
    isAdmin: false,
    isOwner: false,
    isBot: false,
    deleted: false,
  };
  return person;
}

export function createTeamsDirectory(deps: {
  /** The stored references (guarded against forged activities when authentication is off). */
  refs: PlatformRefRepo;
  converse: Converse;
  clock: Clock;
}): PlatformDirectory {
  const { refs, converse } = deps;

  /** The teams Tandem is in, with a reference to reach each. */
  async function teams(tenant: string): Promise<{ team: string; reference: Record<string, unknown> }[]> {
    const found = [];
    for (const team of await knownTeams(refs, tenant)) {
      const reference = await teamReference(refs, tenant, team);
      if (reference) found.push({ team, reference });
    }
    return found;
  }

  /** The member's roster entry in their chat with Tandem or in any of its teams; undefined when none lists them. */
  async function rosterEntry(tenant: string, aad: string) {
    const personal = await refs.get("teams", tenant, "user", aad);
    const places: { reference: object; team?: string }[] = [
      ...(personal ? [{ reference: JSON.parse(personal) as object }] : []),
      ...(await teams(tenant)),
    ];
    for (const place of places) {
      try {
        return await converse(place.reference, async (context) =>
          place.team
            ? await TeamsInfo.getTeamMember(context, place.team, aad)
            : await TeamsInfo.getMember(context, aad),
        );
      } catch (error) {
        if (status(error) !== 404) throw askError(`who ${aad} is`, error);
      }
    }
    return undefined;
  }

  async function person(tenant: string, aad: string): Promise<DirectoryPerson | undefined> {
    const member = await rosterEntry(tenant, aad);
    const seen = await seenProfile(refs, tenant, aad);
    return member || seen ? toPerson(aad, member, seen) : undefined;
  }

  return {
    platform: "teams",
    person,
    async byEmail(tenant, email) {
      const wanted = email.trim().toLowerCase();
      for (const { team, reference } of await teams(tenant)) {
        let token: string | undefined;
        do {
          const page = await converse(reference, async (context) =>
            TeamsInfo.getPagedTeamMembers(context, team, PAGE, token),
          ).catch((error: unknown) => {
            throw askError(`the members of team ${team}`, error);
          });
          const found = page.members.find(
            (m) => m.email?.toLowerCase() === wanted || m.userPrincipalName?.toLowerCase() === wanted,
          );
          if (found?.aadObjectId) {
            return toPerson(found.aadObjectId, found, await seenProfile(refs, tenant, found.aadObjectId));
          }
          token = page.continuationToken || undefined;
        } while (token);
      }
      return undefined;
    },
    async canMessage(tenant, aad): Promise<Reachability> {
      if (await refs.get("teams", tenant, "user", aad)) return { reachable: true };
      // Tandem may start a chat with a member of a team it is installed in; the chat's reference is kept.
      for (const { team, reference } of await teams(tenant)) {
        try {
          const chat = await converse(reference, async (context) => {
            const member = await TeamsInfo.getTeamMember(context, team, aad);
            const connector = context.turnState.get(context.adapter.ConnectorClientKey) as {
              conversations: { createConversation(p: object): Promise<{ id?: string }> };
            };
            const created = await connector.conversations.createConversation({
              isGroup: false,
              bot: reference.bot,
              members: [{ id: member.id }],
              tenantId: tenant,
              channelData: { tenant: { id: tenant } },
            });
            return { id: created.id, member };
          });
          if (!chat.id) continue;
          const personal = {
            ...reference,
            conversation: { id: chat.id, conversationType: "personal", tenantId: tenant },
            user: { id: chat.member.id, name: chat.member.name, aadObjectId: aad },
          };
          await refs.save("teams", tenant, "user", aad, JSON.stringify(personal), deps.clock.now());
          return { reachable: true };
        } catch (error) {
          const code = status(error);
          if (code !== 404 && code !== 403) throw askError(`whether ${aad} can be messaged`, error);
        }
      }
      return (await person(tenant, aad))
        ? { reachable: false, reason: "not-installed" }
        : { reachable: false, reason: "unknown-user" };
    },
    async botInChannel(tenant, channel): Promise<ChannelMembership> {
      const id = splitConversation(channel.trim()).channel;
      if (await refs.get("teams", tenant, "conversation", id)) return { state: "member" };
      for (const { team, reference } of await teams(tenant)) {
        const channels = await converse(reference, async (context) =>
          TeamsInfo.getTeamChannels(context, team),
        ).catch((error: unknown) => {
          throw askError(`the channels of team ${team}`, error);
        });
        const found = channels.find((c) => c.id === id);
        if (found) {
          // Installed in the team, Tandem may post in any of its channels: keep the channel's reference.
          const channelRef = { ...reference, conversation: { ...(reference.conversation as object), id } };
          await refs.save("teams", tenant, "conversation", id, JSON.stringify(channelRef), deps.clock.now());
          return { state: "member", ...(found.name ? { name: found.name } : {}) };
        }
      }
      return { state: "not-found" };
    },
  };
}
