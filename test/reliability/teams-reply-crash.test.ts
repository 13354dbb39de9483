/**
 * SIGKILL between the commit and the send of an answer in the Teams personal chat: `tandem start` (a real
 * child process) stores Ana's command and queues its answer, and dies while the Bot Connector has not
 * taken it. Restarted on the same file, it sends the answer once its claim has run out, once; Teams'
 * redelivery of the activity then neither acts nor answers again.
 */
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/sqlite-store.js";
import { startFakeBotConnector } from "../fakes/bot-connector.js";
import { personalConversationId, personalMessage } from "../fakes/teams-activities.js";
import { eventually } from "../helpers/eventually.js";
import { seededDatabase, tempDatabasePath } from "../helpers/seeded-database.js";
import { startServing } from "./child.js";
import { teamsSample } from "./programmes.js";
import { IMPORTED_AT } from "./service.js";

const ANA = { aad: "aad-ana", name: "Ana Souza" };
const CHAT = personalConversationId(ANA);

describe("SIGKILL before a Teams answer reached the Bot Connector", { timeout: 90_000 }, () => {
  it("sends the answer after the restart, once, and a redelivered activity is not answered again", async () => {
    const databasePath = await seededDatabase(
      [teamsSample("tenant-1")],
      IMPORTED_AT,
      tempDatabasePath("tandem-teams-reply-crash"),
    );
    const connector = await startFakeBotConnector();
    const env = {
      PLATFORMS: "teams",
      DATABASE_PATH: databasePath,
      HOST: "127.0.0.1",
      TEAMS_ALLOW_UNAUTHENTICATED: "true",
      SCHEDULER: "off",
      // A dead replica's claims run out after 5 s (a third longer for a message), not 90.
      LEASE_SECONDS: "5",
    };
    const typed = personalMessage({
      serviceUrl: connector.url,
      tenant: "tenant-1",
      from: ANA,
      text: 'milestone add "Survey draft" due 2026-12-20',
    });
    const post = (base: string) =>
      fetch(`${base}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(typed),
      });
    const key = `reply-to:${CHAT}|${typed.id}`;
    const row = (store: ReturnType<typeof openStore>) =>
      store.db.prepare("SELECT status, attempts, platform_ref FROM outbox WHERE key = ?").get(key) as
        | { status: string; attempts: number; platform_ref: string | null }
        | undefined;
    try {
      // First life: the connector never answers the post of the answer, and the process dies meanwhile.
      connector.failIn(CHAT, 1, "hang");
      const first = await startServing(env);
      expect((await post(first.base)).status).toBe(200);
      await eventually(
        () => connector.calls.some((c) => c.conversationId === CHAT && c.status === 0),
        10_000,
      );
      first.child.process.kill("SIGKILL");
      expect(await first.child.exited).toMatchObject({ signal: "SIGKILL" });
      const atKill = openStore(databasePath);
      expect(row(atKill)).toMatchObject({ status: "sending", attempts: 1 });
      expect(atKill.db.prepare("SELECT title FROM milestones").all()).toEqual([{ title: "Survey draft" }]);
      await atKill.close();
      expect(connector.activities(CHAT)).toEqual([]);

      // Second life, its metronome beating every second: the answer goes once the dead claim ran out.
      const second = await startServing({ ...env, SCHEDULER: "on", TICK_SECONDS: "1" });
      try {
        const peek = openStore(databasePath);
        try {
          await eventually(() => row(peek)?.status === "sent", 30_000);
          const sent = row(peek)!;
          expect(sent.attempts).toBe(2);
          const answers = connector.activities(CHAT).filter((p) => p.id === sent.platform_ref);
          expect(answers).toHaveLength(1);
          expect(String(answers[0]!.activity.text)).toContain("Survey draft");
          // Teams delivers the activity again: nothing is added, nothing is said (what the metronome sends
          // Ana meanwhile may name the milestone too, so the answer is looked for by its own words).
          expect((await post(second.base)).status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          expect(peek.db.prepare("SELECT title FROM milestones").all()).toEqual([{ title: "Survey draft" }]);
          const sameWords = (p: { activity: Record<string, unknown> }) =>
            p.activity.text === answers[0]!.activity.text;
          expect(connector.activities(CHAT).filter(sameWords)).toHaveLength(1);
        } finally {
          await peek.close();
        }
      } finally {
        second.child.process.kill("SIGTERM");
        await second.child.exited;
      }
    } finally {
      await connector.close();
    }
  });
});
