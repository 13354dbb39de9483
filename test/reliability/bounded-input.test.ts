/**
 * Input and connections on the real service (Slack and Teams on one HTTP server): oversized, unsigned,
 * slow and silent requests are refused early, with bounded memory and time, while /healthz and a signed
 * command keep working.
 */
import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { slackSignature } from "../fakes/slack-requests.js";
import { personalInstall, personalMessage } from "../fakes/teams-activities.js";
import { slackSample, teamsSample } from "./programmes.js";
import { type ReliableService, SECRET, startReliableService } from "./service.js";

let s: ReliableService | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

const MB = 1024 * 1024;

async function start(httpLimits?: Parameters<typeof startReliableService>[0]["httpLimits"]) {
  return await startReliableService({
    programmes: [slackSample("T1"), teamsSample("tenant-1")],
    platforms: ["slack", "teams"],
    ...(httpLimits ? { httpLimits } : {}),
  });
}

/**
 * Streams `total` bytes to `path` in 64 KB chunks (never holding them), stopping when the server
 * answers or closes the connection. Resolves with the status (if any) and how much was sent.
 */
function streamPost(
  base: string,
  path: string,
  headers: Record<string, string>,
  total: number,
): Promise<{ status?: number; sent: number }> {
  const { hostname, port } = new URL(base);
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ ...(status !== undefined ? { status } : {}), sent });
    };
    const req = request({ hostname, port, path, method: "POST", headers }, (res) => {
      status = res.statusCode;
      res.resume();
      res.on("end", finish);
    });
    req.on("error", finish);
    req.on("close", finish);
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

const slackHeaders = (now: Date, extra: Record<string, string> = {}) => {
  const ts = Math.floor(now.getTime() / 1000);
  return {
    "content-type": "application/json",
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": slackSignature(SECRET, ts, "not the body"),
    ...extra,
  };
};

describe("bounded input", { timeout: 60_000 }, () => {
  it("refuses 100 MB bodies on every route before or at 1 MB, and memory stays bounded", async () => {
    s = await start();
    global.gc?.();
    const before = process.memoryUsage().rss;
    const hundred = 100 * MB;
    const now = s.clock.now();
    const cases: { path: string; headers: Record<string, string>; status: number }[] = [
      // Without Slack's headers: refused before a byte is read.
      { path: "/slack/events", headers: { "content-type": "application/json" }, status: 401 },
      // A timestamp an hour ahead (Bolt alone accepts future ones).
      {
        path: "/slack/events",
        headers: slackHeaders(new Date(now.getTime() + 3_600_000)),
        status: 401,
      },
      // Plausible headers and a declared length over the limit.
      {
        path: "/slack/events",
        headers: slackHeaders(now, { "content-length": String(hundred) }),
        status: 413,
      },
      // Chunked, so no length to judge by: reading stops at 1 MB.
      { path: "/slack/events", headers: slackHeaders(now), status: 413 },
      { path: "/api/messages", headers: { "content-type": "application/json" }, status: 413 },
      {
        path: "/api/messages",
        headers: { "content-type": "application/json", "content-length": String(hundred) },
        status: 413,
      },
      { path: "/healthz", headers: { "content-length": String(hundred) }, status: 413 },
      { path: "/nowhere", headers: { "content-length": String(hundred) }, status: 413 },
    ];
    for (const { path, headers, status } of cases) {
      const answer = await streamPost(s.base, path, headers, hundred);
      expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(status);
      // The connection was closed long before the 100 MB were through.
      expect(answer.sent, path).toBeLessThan(20 * MB);
    }
    const grown = (process.memoryUsage().rss - before) / MB;
    console.log(`RSS growth over ${cases.length} refused 100 MB POSTs: ${grown.toFixed(1)} MB`);
    expect(grown).toBeLessThan(50);
    // Still serving.
    expect(await s.healthy()).toBe(true);
    expect((await s.command({ user_id: "U0ANA", text: "status" })).status).toBe(200);
    expect(s.log.lines.some((l) => l.msg === "Slack request refused" && l.status === 413)).toBe(true);
  });

  it("answers a Teams activity over 1 MB with 413, not 'not JSON'", async () => {
    s = await start();
    const text = "x".repeat(MB + 10);
    const response = await s.activity(undefined, JSON.stringify({ type: "message", text }));
    expect(response.status).toBe(413);
    expect(await response.text()).not.toContain("JSON");
  });

  it("cuts off a slow body at the request timeout", { timeout: 40_000 }, async () => {
    s = await start({ requestSeconds: 2, headersSeconds: 1 });
    const { port } = new URL(s.base);
    const socket = connect(Number(port), "127.0.0.1");
    const started = Date.now();
    let answer = "";
    socket.on("data", (d) => {
      answer += String(d);
    });
    socket.write(
      "POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
    );
    // A byte a second: never idle, never done.
    const drip = setInterval(() => socket.write(" "), 500);
    await new Promise((resolve) => socket.on("close", resolve));
    clearInterval(drip);
    // Node's own request timeout is 300 s: closing within 15 s shows ours applies, with room for a busy machine.
    const took = (Date.now() - started) / 1000;
    expect(took).toBeLessThan(15);
    expect(answer).toMatch(/^HTTP\/1.1 408/);
  });

  it("closes 1,500 silent sockets (three times the cap) after the idle timeout while /healthz and a signed command answer", {
    timeout: 40_000,
  }, async () => {
    s = await start({ idleSeconds: 2, maxConnections: 500 });
    const { port } = new URL(s.base);
    const sockets: Socket[] = [];
    let closed = 0;
    for (let i = 0; i < 1_500; i += 1) {
      const socket = connect(Number(port), "127.0.0.1");
      socket.on("error", () => undefined);
      socket.on("close", () => {
        closed += 1;
      });
      sockets.push(socket);
      if (i % 200 === 199) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const opened = Date.now();
    // Beyond the cap the longest-silent ones made room, so the service still answers.
    const health = await fetch(`${s.base}/healthz`);
    expect(health.status).toBe(200);
    const command = await s.command({ user_id: "U0ANA", text: "status" });
    expect(command.status).toBe(200);
    expect(await command.text()).toContain("Ana");
    // Without an idle limit Node keeps a silent socket open: closing them all within 15 s shows the limit
    // applies, with room for a busy machine (what they close at exactly is not the point).
    await expect.poll(() => closed, { timeout: 15_000, interval: 100 }).toBe(1_500);
    expect((Date.now() - opened) / 1000).toBeLessThan(15);
    for (const socket of sockets) socket.destroy();
  });

  it("refuses a signed request naming another workspace in single-token mode, and writes nothing", async () => {
    s = await startReliableService({ programmes: [slackSample("T1"), slackSample("T2")] });
    const t2 = (await s.workspace("slack", "T2")).id;
    const milestones = () =>
      (
        s!.peek.db.prepare("SELECT count(*) AS n FROM milestones WHERE workspace_id = ?").get(t2) as {
          n: number;
        }
      ).n;
    const forged = await s.command({
      user_id: "U0ANA",
      team_id: "T2",
      text: 'milestone add "forged" due 2026-12-20',
    });
    expect(forged.status).toBe(403);
    const event = await s.event(
      { type: "message", user: "U0ANA", channel: "C0HOME", text: "hello?", ts: "1764590400.000100" },
      { team_id: "T2" },
    );
    expect(event.status).toBe(403);
    const pressed = await s.press({ user: "U0ANA", team_id: "T2", action_id: "milestone.done", value: "1" });
    expect(pressed.status).toBe(403);
    expect(milestones()).toBe(0);
    expect(s.peek.db.prepare("SELECT count(*) AS n FROM inbound_events").get()).toEqual({ n: 0 });
    // The token's own workspace is served as before.
    const own = await s.command({
      user_id: "U0ANA",
      team_id: "T1",
      text: 'milestone add "real" due 2026-12-20',
    });
    expect(own.status).toBe(200);
  });

  it("never lets an unauthenticated Teams activity re-point a stored conversation reference", async () => {
    s = await start();
    const as = (serviceUrl: string) => ({
      serviceUrl,
      tenant: "tenant-1",
      from: { aad: "aad-ana", name: "Ana" },
      timestamp: s!.clock.now(),
    });
    expect((await s.activity(personalInstall(as(s.connector.url)))).status).toBeLessThan(300);
    const stored = await s.peek.platformRefs.get("teams", "tenant-1", "user", "aad-ana");
    expect(stored).toContain(s.connector.url);
    // The forged activity's own reply goes to its serviceUrl (nothing listens there) and fails.
    s.log.allowErrors("Teams turn failed");
    await s.activity(personalMessage({ ...as("http://127.0.0.1:9/"), text: "help" }));
    expect(await s.peek.platformRefs.get("teams", "tenant-1", "user", "aad-ana")).toBe(stored);
  });
});
