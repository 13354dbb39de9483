/**
 * Permanent Slack errors are never silent (issue 15): a person or channel Slack cannot reach is reported
 * once to whoever works with them; a bot token Slack refuses pauses the workspace's sends (nothing is
 * dead-lettered, nobody is told "not installed"), health and readiness say so, and sending resumes once
 * Slack accepts the token again. Through the real service, store and the fake Web API.
 */
import { afterEach, describe, expect, it } from "vitest";
import { conversationAddress } from "../../../src/domain/addresses.js";
import { queueDirect } from "../../../src/services/notify.js";
import { allowErrorLogs } from "../../helpers/log-capture.js";
import { PACED_TIMEOUT, type SlackService, startSlackService } from "./slack-harness.js";

let s: SlackService | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

const at = (iso: string) => new Date(iso);

async function queue(svc: SlackService, person: string, key: string, text: string) {
  const who = (await svc.peek.people.byKey(svc.workspace.id, person))!;
  await queueDirect(svc.peek, svc.workspace, who, key, { text }, svc.clock.now());
}

const getJson = async (svc: SlackService, path: string) => {
  const response = await fetch(`${svc.base}${path}`);
  type Report = {
    status: string;
    reasons: string[];
    checks: { pausedWorkspaces: Record<string, string>[] };
  };
  return { status: response.status, body: (await response.json()) as Report };
};

describe("permanent Slack errors", () => {
  it(
    "reports a person Slack cannot reach (user_not_found) once to their supervisor, and dead-letters at once",
    async () => {
      s = await startSlackService();
      allowErrorLogs("send failed for good; message dead-lettered");
      s.clock.set(at("2026-12-01T14:00:00Z"));
      await queue(s, "ana", "loud:one", "first");
      await queue(s, "ana", "loud:two", "second");
      s.fake.failNext("chat.postMessage", { error: "user_not_found", when: { channel: "U0ANA" } }, 5);
      const result = await s.tickAt(at("2026-12-01T14:00:00Z"));
      expect(result.dispatch.dead).toBeGreaterThanOrEqual(2);
      expect(await s.peek.outbox.get(s.workspace.id, "loud:one")).toMatchObject({
        status: "dead",
        attempts: 1,
      });
      expect((await s.peek.outbox.get(s.workspace.id, "loud:two"))?.status).toBe("dead");
      const ana = (await s.peek.people.byKey(s.workspace.id, "ana"))!;
      const report = await s.peek.outbox.get(s.workspace.id, `unreachable:${ana.id}`);
      expect(report?.status).toBe("sent");
      expect(s.dmWith("U0BRAM", "Tandem cannot reach Ana Souza: Slack says")).toHaveLength(1);
      await s.tickAt(at("2026-12-01T14:01:00Z"));
      expect(s.dmWith("U0BRAM", "Tandem cannot reach Ana Souza")).toHaveLength(1);
    },
    PACED_TIMEOUT,
  );

  it(
    "tells the coordinator once when Tandem cannot post in a home channel it was removed from",
    async () => {
      s = await startSlackService();
      allowErrorLogs("send failed for good; message dead-lettered");
      s.clock.set(at("2026-12-01T14:00:00Z"));
      await s.peek.outbox.enqueue(
        {
          workspaceId: s.workspace.id,
          key: "loud:channel",
          address: conversationAddress("slack", "T1", "C0HOME"),
          payload: { text: "Milestone accepted" },
          notBefore: s.clock.now(),
        },
        s.clock.now(),
      );
      s.fake.failNext("chat.postMessage", { error: "not_in_channel", when: { channel: "C0HOME" } });
      await s.tickAt(at("2026-12-01T14:00:00Z"));
      expect((await s.peek.outbox.get(s.workspace.id, "loud:channel"))?.status).toBe("dead");
      const notice = s.dmWith("U0LENA", "Tandem cannot post in the home channel of Ana Souza's internship");
      expect(notice).toHaveLength(1);
    },
    PACED_TIMEOUT,
  );

  it(
    "pauses a workspace whose bot token Slack revoked: nothing dead-lettered or reported, not ready, then resumes",
    async () => {
      s = await startSlackService();
      allowErrorLogs(/the platform refused Tandem in this workspace/);
      s.clock.set(at("2026-12-01T14:00:00Z"));
      await queue(s, "ana", "loud:ana", "for ana");
      await queue(s, "bram", "loud:bram", "for bram");
      s.fake.setToken("xoxb-test", undefined);

      const first = await s.tickAt(at("2026-12-01T14:00:00Z"));
      expect(first.dispatch).toMatchObject({ dead: 0, sent: 0 });
      expect(first.dispatch.paused).toBeGreaterThanOrEqual(2);
      for (const key of ["loud:ana", "loud:bram"]) {
        expect(await s.peek.outbox.get(s.workspace.id, key)).toMatchObject({
          status: "pending",
          attempts: 0,
        });
      }
      expect(await s.peek.outbox.withPrefix(s.workspace.id, "unreachable:")).toEqual([]);
      const health = await getJson(s, "/healthz");
      expect(health.status).toBe(200);
      expect(health.body.status).toBe("degraded");
      expect(health.body.checks.pausedWorkspaces).toEqual([
        expect.objectContaining({ workspace: "slack:T1", reason: expect.stringContaining("token_revoked") }),
      ]);
      const ready = await getJson(s, "/readyz");
      expect(ready.status).toBe(503);
      expect(ready.body.reasons.join(" ")).toContain("sends are paused in every workspace");

      // Paused: a minute later nothing is even tried.
      const calls = s.fake.calls("chat.postMessage").length;
      await s.tickAt(at("2026-12-01T14:01:00Z"));
      expect(s.fake.calls("chat.postMessage")).toHaveLength(calls);

      // The token works again; the next probe succeeds and everything waiting goes out.
      s.fake.setToken("xoxb-test", "T1");
      const resumed = await s.tickAt(at("2026-12-01T14:06:00Z"));
      expect(resumed.dispatch.dead).toBe(0);
      expect(s.dmWith("U0ANA", "for ana")).toHaveLength(1);
      expect(s.dmWith("U0BRAM", "for bram")).toHaveLength(1);
      expect((await s.peek.outbox.get(s.workspace.id, "loud:ana"))?.status).toBe("sent");
      expect((await s.peek.outbox.get(s.workspace.id, "loud:bram"))?.status).toBe("sent");
      expect((await getJson(s, "/readyz")).status).toBe(200);
      expect((await getJson(s, "/healthz")).body.checks.pausedWorkspaces).toEqual([]);
    },
    PACED_TIMEOUT,
  );
});
