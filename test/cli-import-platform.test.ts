/** `tandem import` asks the platform it serves: the real Slack directory against the fake Web API. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { cli } from "./helpers/run-cli.js";

let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const FILE = `
workspace: { platform: slack, id: T1 }
people:
  - key: ana
    email: ana@acme.example
  - key: bram
    ids: { slack: U0BRAM }
  - key: kenji
    email: kenji@acme.example
    name: Kenji Sato
    timezone: Asia/Tokyo
internships:
  - key: ana-2026
    intern: ana
    supervisor: bram
    start: 2026-12-01
    end: 2027-03-31
    homeChannel: C0HOME
`;

async function setUp() {
  fake = await startFakeSlackApi({
    users: [
      {
        id: "U0ANA",
        name: "ana",
        real_name: "Ana Souza",
        tz: "America/Sao_Paulo",
        email: "ana@acme.example",
      },
      { id: "U0BRAM", name: "bram", real_name: "Bram Peeters", tz: "Europe/Brussels" },
    ],
    channels: [{ id: "C0HOME", name: "intern-ana", members: ["U0ANA"] }],
  });
  const dir = mkdtempSync(join(tmpdir(), "tandem-cli-platform-"));
  const file = join(dir, "programme.yaml");
  writeFileSync(file, FILE);
  const env = {
    DATABASE_PATH: join(dir, "tandem.db"),
    PLATFORMS: "slack",
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: "secret",
    SLACK_API_URL: fake.url,
  };
  return { file, env };
}

describe("tandem import with the platform configured", () => {
  it("resolves e-mails, fills names and time zones, and lists what to confirm and what to fix", async () => {
    const { file, env } = await setUp();
    const { code, stdout, stderr } = await cli(["import", file], env);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("people 3 new");
    expect(stdout).toContain("to confirm:\n  people[0] (ana): ana@acme.example is Slack member U0ANA\n");
    expect(stdout).toContain("  people[0] (ana): name and time zone America/Sao_Paulo from Slack\n");
    expect(stdout).toContain("to fix:\n");
    expect(stdout).toContain(
      "  internships[0] (ana-2026).homeChannel: Tandem is not in #intern-ana: type /invite @Tandem in it\n",
    );
    expect(stdout).toContain("pending until they first write to Tandem: kenji\n");
    expect(fake?.calls("users.lookupByEmail")).toHaveLength(2);
  });

  it("refuses an id Slack does not know, and writes nothing", async () => {
    const { file, env } = await setUp();
    writeFileSync(file, FILE.replace("U0BRAM", "U0NOBODY"));
    const { code, stderr } = await cli(["import", file], env);
    expect(code).not.toBe(0);
    expect(stderr).toContain("people[1] (bram).ids.slack: Slack has no member U0NOBODY in this workspace");
    const again = await cli(["import", file], { ...env, PLATFORMS: "console" });
    expect(again.stderr).toContain(
      "people[1] (bram).timezone: is required: Tandem could not ask Slack for it",
    );
  });
});
