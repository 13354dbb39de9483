/**
 * The playground's directory: its workspace's members are the people already in Tandem (the personas)
 * plus a roster of members Tandem does not know yet, so set-up and import by e-mail can be tried
 * without a real Slack or Teams. Every well-formed channel of the playground has Tandem in it.
 */
import type { Person } from "../../src/domain/types.js";
import type {
  ChannelMembership,
  DirectoryPerson,
  PlatformDirectory,
  Reachability,
} from "../../src/ports/platform-directory.js";
import type { Store } from "../../src/ports/store.js";
import { DEMO_WORKSPACE } from "./demo-programme.js";

/** A member of the playground workspace as "the platform" knows them. */
export interface RosterMember {
  key: string;
  name: string;
  timezone: string;
  email: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isBot?: boolean;
  deleted?: boolean;
}

const member = (key: string, name: string, timezone: string, extra: Partial<RosterMember> = {}) => ({
  key,
  name,
  timezone,
  email: `${key}@playground.example`,
  ...extra,
});

/**
 * The demo workspace's members: the demo programme's people (Marc, in Operations, is a workspace admin
 * and Lena its owner), two who are not in any internship yet (Kenji, a new intern in Tokyo; Olga, a
 * supervisor in Warsaw), a bot and a deactivated account, for the checks that refuse them.
 */
export const PLAYGROUND_ROSTER: readonly RosterMember[] = [
  member("ana", "Ana Souza", "America/Sao_Paulo"),
  member("bram", "Bram Peeters", "Europe/Brussels"),
  member("chloe", "Chloé Martin", "Europe/Brussels"),
  member("lena", "Lena Vogel", "Europe/Berlin", { isOwner: true }),
  member("dries", "Dries Janssens", "Europe/Brussels"),
  member("ines", "Inês Costa", "Europe/Lisbon"),
  member("sofie", "Sofie Claes", "Europe/Brussels"),
  member("tiago", "Tiago Ramos", "Europe/Lisbon"),
  member("marc", "Marc Dubois", "Europe/Brussels", { isAdmin: true }),
  member("rita", "Rita Almeida", "Europe/Lisbon"),
  member("kenji", "Kenji Sato", "Asia/Tokyo"),
  member("olga", "Olga Nowak", "Europe/Warsaw"),
  member("helpbot", "Help Bot", "UTC", { isBot: true }),
  member("pieter", "Pieter Maes", "Europe/Brussels", { deleted: true }),
];

/** A channel name as the playground accepts it (`home`, `intern-kenji`); a leading # is allowed. */
const CHANNEL = /^#?[a-z0-9][a-z0-9_-]{0,79}$/;

function fromRoster(m: RosterMember): DirectoryPerson {
  return {
    userId: m.key,
    name: m.name,
    timezone: m.timezone,
    email: m.email,
    isAdmin: (m.isAdmin ?? false) || (m.isOwner ?? false),
    isOwner: m.isOwner ?? false,
    isBot: m.isBot ?? false,
    deleted: m.deleted ?? false,
  };
}

/** Someone imported into a console workspace: the playground knows what Tandem was told. */
function fromPerson(p: Person, listed: DirectoryPerson | undefined): DirectoryPerson {
  return {
    ...(listed ?? { isAdmin: false, isOwner: false, isBot: false, deleted: false }),
    userId: p.ids.console ?? p.key,
    name: p.name,
    timezone: p.timezone,
  };
}

export function createConsoleDirectory(
  store: Store,
  roster: readonly RosterMember[] = PLAYGROUND_ROSTER,
): PlatformDirectory {
  // The roster is the demo workspace's; another console workspace has only the people imported into it.
  const listed = (workspace: string) => (workspace === DEMO_WORKSPACE ? roster.map(fromRoster) : []);

  async function imported(workspace: string, userId: string): Promise<Person | undefined> {
    const ws = await store.workspaces.find("console", workspace);
    if (!ws) return undefined;
    return (
      (await store.people.byPlatformId(ws.id, "console", userId)) ?? (await store.people.byKey(ws.id, userId))
    );
  }

  async function person(workspace: string, userId: string): Promise<DirectoryPerson | undefined> {
    const wanted = userId.trim().replace(/^@/, "");
    const known = listed(workspace).find((m) => m.userId === wanted);
    const p = await imported(workspace, wanted);
    return p ? fromPerson(p, known) : known;
  }

  return {
    platform: "console",
    person,
    async byEmail(workspace, email) {
      const wanted = email.trim().toLowerCase();
      const found = listed(workspace).find((m) => m.email?.toLowerCase() === wanted);
      return found ? await person(workspace, found.userId) : undefined;
    },
    async canMessage(workspace, userId): Promise<Reachability> {
      const p = await person(workspace, userId);
      if (!p) return { reachable: false, reason: "unknown-user" };
      if (p.deleted) return { reachable: false, reason: "deleted" };
      if (p.isBot) return { reachable: false, reason: "bot" };
      return { reachable: true };
    },
    async botInChannel(_workspace, channel): Promise<ChannelMembership> {
      const name = channel.trim().toLowerCase();
      return CHANNEL.test(name) ? { state: "member", name: name.replace(/^#/, "") } : { state: "not-found" };
    },
  };
}
