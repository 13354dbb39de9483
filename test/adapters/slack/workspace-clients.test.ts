import { describe, expect, it } from "vitest";
import { installedClients, TOKEN_KEPT_MS } from "../../../adapters/slack/workspace-clients.js";

/** An installer whose stored tokens the test changes, counting how often each workspace is read. */
function fakeInstaller(tokens: Record<string, string | undefined>) {
  const reads: string[] = [];
  return {
    reads,
    tokens,
    async authorize(source: { teamId?: string }) {
      reads.push(source.teamId ?? "");
      const botToken = tokens[source.teamId ?? ""];
      if (botToken === undefined) throw new Error(`no installation for ${source.teamId}`);
      return { botToken };
    },
  };
}

describe("Slack clients per installed workspace", () => {
  it("reads a workspace's installation once for many sends, concurrent ones included", async () => {
    const installer = fakeInstaller({ T1: "xoxb-1", T2: "xoxb-2" });
    const clients = installedClients(installer, {}, () => 0);
    const [a, b] = await Promise.all([clients.clientFor("T1"), clients.clientFor("T1")]);
    const c = await clients.clientFor("T1");
    await clients.clientFor("T2");
    expect(a).toBe(b);
    expect(a).toBe(c);
    expect(a.token).toBe("xoxb-1");
    expect(installer.reads).toEqual(["T1", "T2"]);
  });

  it("uses a token stored again once it is forgotten, or after a while at the latest", async () => {
    let now = 0;
    const installer = fakeInstaller({ T1: "xoxb-old" });
    const clients = installedClients(installer, {}, () => now);
    expect((await clients.clientFor("T1")).token).toBe("xoxb-old");
    installer.tokens.T1 = "xoxb-new";
    now = TOKEN_KEPT_MS - 1;
    expect((await clients.clientFor("T1")).token).toBe("xoxb-old");
    now = TOKEN_KEPT_MS;
    expect((await clients.clientFor("T1")).token).toBe("xoxb-new");
    installer.tokens.T1 = "xoxb-newer";
    clients.forget("T1");
    expect((await clients.clientFor("T1")).token).toBe("xoxb-newer");
  });

  it("keeps the same client while the token is unchanged, after reading it again", async () => {
    const installer = fakeInstaller({ T1: "xoxb-1" });
    const clients = installedClients(installer, {}, () => 0);
    const first = await clients.clientFor("T1");
    clients.forget("T1");
    expect(await clients.clientFor("T1")).toBe(first);
    expect(installer.reads).toEqual(["T1", "T1"]);
  });

  it("does not keep a failed lookup: the next send reads the installation again", async () => {
    const installer = fakeInstaller({});
    const clients = installedClients(installer, {}, () => 0);
    await expect(clients.clientFor("T1")).rejects.toMatchObject({ code: "OUTAGE" });
    installer.tokens.T1 = "xoxb-1";
    expect((await clients.clientFor("T1")).token).toBe("xoxb-1");
    expect(installer.reads).toEqual(["T1", "T1"]);
  });
});
