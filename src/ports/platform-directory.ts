/**
 * What a chat platform knows about its people and channels, asked by the core when someone sets up an
 * internship or imports a programme: names, time zones and e-mail addresses come from here instead of
 * being typed by hand, and what Tandem will need later (the bot in the home channel, a DM to each
 * person) is checked at once instead of on the first morning.
 *
 * `workspace` is the platform's own id of the workspace (Workspace.externalId: a Slack team id, a Teams
 * tenant id, "demo" in the playground); `userId` and `channel` are the platform's ids (Person.ids[p],
 * Internship.homeChannel). Expected absence is `undefined` or a verdict saying so; a platform that
 * cannot answer (outage, a permission the app lacks) throws AppError whose message says what to do.
 */
import type { Platform } from "../domain/types.js";

/** A member of the workspace as the platform describes them. */
export interface DirectoryPerson {
  /** The platform's user id (Slack U…/W…, Teams 29:…, the playground's persona key). */
  userId: string;
  /** The name people know them by (Slack real_name, Teams name). */
  name: string;
  /** IANA time zone, when the platform knows it (Slack `tz`; Teams an activity's `localTimezone`). */
  timezone?: string;
  /** When the platform shares it (Slack needs the users:read.email scope). */
  email?: string;
  /** A workspace admin (Slack is_admin; Teams: an owner of the team). */
  isAdmin: boolean;
  /** The workspace's owner (Slack is_owner / is_primary_owner). */
  isOwner: boolean;
  isBot: boolean;
  /** Deactivated: still known to the platform, no longer reachable. */
  deleted: boolean;
}

/** Why Tandem cannot send someone a direct message. */
export type UnreachableReason =
  /** No such user in this workspace. */
  | "unknown-user"
  /** Deactivated or removed from the workspace. */
  | "deleted"
  /** A bot or app: it does not read DMs. */
  | "bot"
  /** Teams: the person has not installed Tandem (no conversation reference); Slack: DMs refused. */
  | "not-installed";

export type Reachability = { reachable: true } | { reachable: false; reason: UnreachableReason };

/** Whether Tandem's bot can read and post in a channel. */
export type ChannelMembership =
  | { state: "member"; name?: string }
  /** The channel exists but the bot was not invited (Slack: `/invite @Tandem` in it). */
  | { state: "not-member"; name?: string }
  /** Archived channels accept no posts. */
  | { state: "archived"; name?: string }
  /** No such channel, or a private one the bot cannot see. */
  | { state: "not-found" };

export interface PlatformDirectory {
  readonly platform: Platform;
  /** The person with this user id, or undefined when the workspace has no such user. */
  person(workspace: string, userId: string): Promise<DirectoryPerson | undefined>;
  /** The member with this e-mail address (case-insensitive), or undefined when none has it (yet). */
  byEmail(workspace: string, email: string): Promise<DirectoryPerson | undefined>;
  /** Whether a direct message from Tandem would reach this person now. */
  canMessage(workspace: string, userId: string): Promise<Reachability>;
  /** Whether Tandem's bot is a member of the channel (an internship's home channel). */
  botInChannel(workspace: string, channel: string): Promise<ChannelMembership>;
}

/** The directories of the platforms Tandem serves; the core picks the one of a workspace's platform. */
export type Directories = ReadonlyMap<Platform, PlatformDirectory>;
