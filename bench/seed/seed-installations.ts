/**
 * Slack OAuth installations for benchmark workspaces, stored the way a real install stores them:
 * through the adapter's installation store (sealed with the token key), so @slack/oauth's authorize()
 * finds a bot token for each workspace. Workspace T<n> gets bot token xoxb-<n>.
 */
import { createInstallationStore } from "../../adapters/slack/installation-store.js";
import { createTokenVault } from "../../adapters/slack/token-vault.js";
import { BOT_SCOPES, type InstallationStore } from "../../adapters/slack/workspace-clients.js";
import { createSettableClock } from "../../src/ports/clock.js";
import type { Store } from "../../src/ports/store.js";

type Installation = Parameters<InstallationStore["storeInstallation"]>[0];

export const botToken = (team: string) => `xoxb-${team.slice(1)}`;

/** Installs the app in every team; returns the token -> team map a fake Slack accepts. */
export async function seedInstallations(
  store: Store,
  teams: readonly string[],
  tokenKey: string,
  at: Date,
): Promise<Record<string, string>> {
  const installations = createInstallationStore(
    store.installations,
    createTokenVault(tokenKey),
    createSettableClock(at),
  );
  const tokens: Record<string, string> = {};
  for (const team of teams) {
    const n = team.slice(1);
    const installation: Installation = {
      team: { id: team, name: `Workspace ${n}` },
      enterprise: undefined,
      user: { token: undefined, scopes: undefined, id: `UADMIN${n}` },
      bot: { token: botToken(team), scopes: BOT_SCOPES, id: `B${n}`, userId: `UB${n}` },
      appId: "A0TANDEM",
      tokenType: "bot",
      isEnterpriseInstall: false,
      authVersion: "v2",
    };
    await installations.storeInstallation(installation);
    tokens[botToken(team)] = team;
  }
  return tokens;
}
