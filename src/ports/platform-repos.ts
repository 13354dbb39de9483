/** The store's part that adapters own: references for reaching people, and installations. */
import type { Platform } from "../domain/types.js";

/** Adapter-owned references for reaching people later (Teams conversation references). */
export interface PlatformRefRepo {
  save(
    platform: Platform,
    workspace: string,
    kind: "user" | "conversation",
    key: string,
    reference: string,
    at: Date,
  ): Promise<void>;
  get(
    platform: Platform,
    workspace: string,
    kind: "user" | "conversation",
    key: string,
  ): Promise<string | undefined>;
}

/** A platform's installation per workspace (Slack OAuth), stored as the adapter's encrypted text. */
export interface InstallationRepo {
  save(platform: Platform, workspace: string, data: string, at: Date): Promise<void>;
  get(platform: Platform, workspace: string): Promise<string | undefined>;
  remove(platform: Platform, workspace: string): Promise<void>;
  /** Every stored installation of a platform, to check at start that each can still be opened. */
  list(platform: Platform): Promise<{ workspace: string; data: string }[]>;
}
