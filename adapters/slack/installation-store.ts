/** @slack/oauth's InstallationStore on Tandem's database, one installation per workspace, sealed at rest. */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Clock } from "../../src/ports/clock.js";
import type { InstallationRepo } from "../../src/ports/platform-repos.js";
import type { TokenVault } from "./token-vault.js";

const keyOf = (query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }) =>
  query.isEnterpriseInstall && query.enterpriseId ? `E:${query.enterpriseId}` : (query.teamId ?? "");

/** `changed`: told the workspace key (team id, or `E:` and the enterprise id) after a store or delete here. */
export function createInstallationStore(
  repo: InstallationRepo,
  vault: TokenVault,
  clock: Clock,
  changed: (key: string) => void = () => undefined,
): InstallationStore {
  return {
    async storeInstallation(installation) {
      const key = keyOf({
        ...(installation.team?.id ? { teamId: installation.team.id } : {}),
        ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
      });
      await repo.save("slack", key, vault.seal(JSON.stringify(installation)), clock.now());
      changed(key);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const sealed = await repo.get("slack", keyOf(query));
      if (!sealed) throw new Error(`Tandem is not installed in Slack workspace ${keyOf(query) || "(none)"}`);
      return JSON.parse(vault.open(sealed)) as Installation<"v1" | "v2", boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await repo.remove("slack", keyOf(query));
      changed(keyOf(query));
    },
  };
}
