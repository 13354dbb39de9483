/** Core types shared by the domain rules, services, storage and adapters. */

export type Platform = "slack" | "teams" | "console";
export const PLATFORMS: readonly Platform[] = ["slack", "teams", "console"];

/** A calendar date without a time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

export interface LeavePeriod {
  from: LocalDate;
  to: LocalDate; // inclusive
}

export interface Workspace {
  id: number;
  platform: Platform;
  externalId: string; // Slack team id, Teams tenant id, "demo" for the console
  name: string;
}

export const DEFAULT_DAILY_BUDGET = 6;
export const DEFAULT_INTRO_CAPACITY = 2;

export interface Person {
  id: number;
  workspaceId: number;
  key: string; // unique within the workspace, from the programme file
  name: string;
  timezone: string; // IANA, e.g. Europe/Brussels
  country: string; // ISO 3166-1 alpha-2
  region?: string; // e.g. NY, BY
  contactHours: string; // e.g. "Mon-Fri 09:00-17:00"
  department?: string;
  leave: LeavePeriod[];
  /** Proactive bot messages per local day before the rest is merged into a digest. */
  dailyBudget: number;
  /** Languages the person is happy to talk in, e.g. ["en", "pt"]: shown in introductions. */
  languages: string[];
  /** Introductions a month a colleague takes (default 2). */
  introCapacity: number;
  ids: Partial<Record<Platform, string>>; // platform user ids
  /** Lower-case e-mail address: delivery for someone with no id on the workspace's platform, and the portal. */
  email?: string;
  /** Set when a person with both a chat id and an address wants digests by e-mail (`my digests email`). */
  digestsTo?: "email";
}

export interface Internship {
  id: number;
  workspaceId: number;
  key: string;
  internId: number;
  supervisorId: number;
  backupSupervisorId?: number;
  coordinatorId?: number;
  start: LocalDate;
  end: LocalDate;
  homeChannel?: string;
  /** When Tandem began following it (its import): Tandem saw nothing before, so claims no period before. */
  addedAt?: Date;
}

export type Role = "intern" | "supervisor" | "backupSupervisor" | "coordinator";
