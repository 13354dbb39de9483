/**
 * Tenants: Slack workspaces T1 and T2 run the same programme (same people, names, Slack user ids and
 * home channel), and a Teams tenant is even called "T1" with the same ids. Every command and payload
 * from T2 (and from the Teams "T1") that names T1's milestone numbers, people, channels and messages
 * neither shows T1's data nor changes it.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { messageEvent, reactionAddedEvent, slackTs } from "../fakes/slack-requests.js";
import { type Common, personalInstall, personalMessage, submitMessage } from "../fakes/teams-activities.js";
import { neverInstalled } from "../helpers/log-capture.js";
import { slackSample, teamsSample } from "./programmes.js";
import { eventually, fingerprint, type ReliableService, startReliableService } from "./service.js";
import type { ServiceState } from "./service-state.js";

const SECRET = "T1-SECRET";

/** Commands naming T1's things; `{m}` is a T1 milestone number, `{who}` a T1 person. */
const TEMPLATES = [
  "status",
  "why",
  "checkin",
  "checkin history",
  "checkin history for {who}",
  "milestone list",
  "milestone list all",
  "milestone list all for {who}",
  "milestone done {m}",
  "milestone accept {m} used in the board deck",
  "milestone move {m} 2026-12-30 because reasons",
  "milestone block {m} waiting for data",
  "milestone reopen {m}",
  'milestone add "sneaky" due 2026-12-20 for {who}',
  "agreement show",
  "agreement show for {who}",
  "agreement set reply.supervisor 1h for {who}",
  "agreement set checkin.at 07:00 for {who}",
  "agreement ack for {who}",
  "agreement accept for {who}",
  "agreement decline not now for {who}",
  "intro status",
  "intro status for {who}",
  "intro optin",
  "noreply",
  "noreply all",
  "met {who} a call",
  "leave list",
  "leave 2026-12-24 2026-12-31",
  "reflect about T1",
  "pause nudges 1w",
];
const WHO = ["<@U0ANA>", "<@U0BRAM>", "@ana", "@bram", "<@U0ANA|ana>"];

export interface TenantsReport {
  commands: number;
  payloads: number;
  t1Milestones: number;
  /** Read from the database and the fakes once everything was handled. */
  t1Unchanged?: boolean;
  t1?: ServiceState;
  t2?: ServiceState;
  /** T2's commands the service answered (HTTP), and Slack requests it handled to their end. */
  t2Answered?: number;
  slackProcessed?: number;
  /** Texts T1 never wrote that carried its secret, from the fakes and the answers. */
  leaks?: string[];
}

export async function tenantIsolation(randomCommands: number): Promise<TenantsReport> {
  const t1 = slackSample("T1", {});
  const t2 = slackSample("T2");
  t1.internships = t1.internships!.map((i) =>
    i.key === "ana-2026" ? { ...i, agreement: { ...i.agreement, tools: [`${SECRET}-tool`] } } : i,
  );
  const teamsT1 = {
    ...teamsSample("T1"),
    people: t1.people.map((p) => ({ ...p, ids: { teams: p.ids!.slack! } })),
  };
  const s = await startReliableService({
    programmes: [t1, t2, teamsT1],
    platforms: ["slack", "teams"],
    // Several Slack workspaces are OAuth installs (a single bot token serves its own workspace only).
    slackInstalls: ["T1", "T2"],
    fakeSlack: { perChannelPerSecond: 1_000_000, channelBurst: 1_000_000 },
    connectorLimits: [],
    logLevel: "debug",
  });
  // Nobody installed Tandem in Teams T1: what the rules queue there is dead-lettered.
  s.log.allowErrors(neverInstalled);
  const report: TenantsReport = { commands: 0, payloads: 0, t1Milestones: 0 };
  try {
    s.clock.set(new Date("2026-12-01T13:00:00Z"));
    const ws1 = (await s.workspace("slack", "T1")).id;
    // T1's own life: milestones (one done, one accepted), a reflection, a meeting, a question in C0HOME.
    const t1Say = async (user: string, text: string) => {
      const response = await s.command({ user_id: user, team_id: "T1", text });
      expect(response.status).toBe(200);
      return response.text();
    };
    for (const n of [1, 2, 3])
      await t1Say("U0ANA", `milestone add "${SECRET} milestone ${n}" due 2026-12-1${n}`);
    const t1Ids = (
      s.peek.db.prepare("SELECT id FROM milestones WHERE workspace_id = ?").all(ws1) as { id: number }[]
    ).map((r) => r.id);
    report.t1Milestones = t1Ids.length;
    expect(t1Ids).toHaveLength(3);
    await t1Say("U0ANA", `milestone done ${t1Ids[1]}`);
    await t1Say("U0ANA", `milestone done ${t1Ids[2]}`);
    await t1Say("U0BRAM", `milestone accept ${t1Ids[2]} ${SECRET} feedback`);
    await t1Say("U0ANA", `reflect ${SECRET} reflection`);
    await t1Say("U0ANA", `met <@U0BRAM> ${SECRET} call`);
    // The marker shows wherever T1's own people look, so a leak would show it too.
    expect(await t1Say("U0ANA", "milestone list all")).toContain(SECRET);
    expect(await t1Say("U0BRAM", "agreement show for <@U0ANA>")).toContain(SECRET);
    const question = slackTs(s.clock.now());
    await s.event(messageEvent({ user: "U0ANA", channel: "C0HOME", text: "T1 question?", ts: question }), {
      team_id: "T1",
    });
    await eventually(() =>
      s.peek.db.prepare("SELECT 1 FROM tracked_messages WHERE workspace_id = ?").get(ws1),
    );
    await s.tickAt(new Date("2026-12-01T13:01:00Z"));

    const before = fingerprint(s.peek.db, { workspaceId: ws1 });
    const leaks: string[] = [];
    const look = (where: string, text: string) => {
      if (text.includes(SECRET)) leaks.push(`${where}: ${text.slice(0, 200)}`);
    };
    const slackFrom = s.fake.calls().length;
    let answered = 0;
    const t2Say = async (user: string, text: string) => {
      const response = await s.command({ user_id: user, team_id: "T2", text });
      expect(response.status, text).toBeLessThan(500);
      look(`T2 ${user}: ${text}`, await response.text());
      report.commands += 1;
      if (response.status === 200) answered += 1;
    };
    const t2Commands = TEMPLATES.flatMap((t) =>
      t.includes("{")
        ? t1Ids.flatMap((m) => WHO.map((who) => t.replace("{m}", String(m)).replace("{who}", who)))
        : [t],
    );
    for (const text of new Set(t2Commands)) {
      for (const user of ["U0ANA", "U0BRAM", "U0LENA"]) await t2Say(user, text);
    }
    if (randomCommands > 0) {
      const command = fc.tuple(
        fc.constantFrom(...TEMPLATES),
        fc.constantFrom(...t1Ids),
        fc.constantFrom(...WHO),
      );
      const users = fc.constantFrom("U0ANA", "U0BRAM", "U0CHLOE", "U0LENA", "U0BEN");
      await fc.assert(
        fc.asyncProperty(command, users, async ([template, m, who], user) => {
          await t2Say(user, template.replace("{m}", String(m)).replace("{who}", who));
        }),
        { numRuns: randomCommands },
      );
    }
    // Payloads from T2: buttons and modals naming T1's milestones, and T1's message in a channel of the same name.
    for (const m of t1Ids) {
      const accepted = await s.press({
        user: "U0BRAM",
        team_id: "T2",
        action_id: "milestone.accept",
        value: String(m),
      });
      const submitted = await s.submit({
        user: "U0BRAM",
        team_id: "T2",
        callback_id: "milestone.accept",
        private_metadata: String(m),
        values: { feedback: "stolen" },
      });
      expect([accepted.status, submitted.status]).toEqual([200, 200]);
      report.payloads += 2;
    }
    await s.event(
      reactionAddedEvent({
        user: "U0BRAM",
        reaction: "white_check_mark",
        channel: "C0HOME",
        ts: question,
        item_user: "U0ANA",
        event_ts: slackTs(s.clock.now()),
      }),
      { team_id: "T2" },
    );
    await s.event(
      messageEvent({
        user: "U0BRAM",
        channel: "C0HOME",
        text: "answer",
        ts: slackTs(s.clock.now()),
        thread_ts: question,
      }),
      { team_id: "T2" },
    );
    await s.event(
      messageEvent({
        user: "U0ANA",
        channel: "D0ANA",
        text: "milestone list all",
        ts: slackTs(s.clock.now()),
        channel_type: "im",
      }),
      { team_id: "T2" },
    );
    report.payloads += 3;
    await teamsAsT1(s, t1Ids, look, report);
    // Slack's listeners reply after the acknowledgement: look only once every one of them returned.
    await s.slackSettled();
    for (const call of s.fake.calls().slice(slackFrom))
      look(`Slack ${call.method}`, JSON.stringify(call.params));

    const ws2 = (await s.workspace("slack", "T2")).id;
    Object.assign(report, {
      t1Unchanged: fingerprint(s.peek.db, { workspaceId: ws1 }) === before,
      t1: s.state(ws1),
      t2: s.state(ws2),
      t2Answered: answered,
      slackProcessed: s.slackProcessed(),
      leaks,
    });
    expect(leaks, "T1's data shown to another tenant").toEqual([]);
    expect(fingerprint(s.peek.db, { workspaceId: ws1 }), "T1's data changed").toBe(before);
    const misaddressed = s.peek.db
      .prepare("SELECT key, address FROM outbox WHERE workspace_id <> ? AND address LIKE 'slack:T1:%'")
      .all(ws1);
    expect(misaddressed).toEqual([]);
    // T2 was really served: its own milestones were made by the commands above.
    const own = s.peek.db.prepare("SELECT count(*) AS n FROM milestones WHERE workspace_id = ?").get(ws2) as {
      n: number;
    };
    expect(own.n).toBeGreaterThan(0);
    return report;
  } finally {
    await s.stop();
  }
}

/** The Teams tenant called "T1", whose people have T1's Slack ids as their Teams ids. */
async function teamsAsT1(
  s: ReliableService,
  t1Ids: number[],
  look: (where: string, text: string) => void,
  report: TenantsReport,
): Promise<void> {
  const as = (id: string): Common => ({
    serviceUrl: s.connector.url,
    tenant: "T1",
    from: { aad: id, name: id },
    timestamp: s.clock.now(),
  });
  const from = s.connector.activities().length;
  for (const id of ["U0ANA", "U0BRAM"]) await s.activity(personalInstall(as(id)));
  for (const m of t1Ids) {
    for (const text of [
      `milestone done ${m}`,
      `milestone accept ${m} ok`,
      "milestone list all",
      "agreement show",
      "checkin history",
    ]) {
      const response = await s.activity(personalMessage({ ...as("U0BRAM"), text }));
      expect(response.status).toBe(200);
      report.commands += 1;
    }
    const response = await s.activity(
      submitMessage({
        ...as("U0BRAM"),
        action: "milestone.accept",
        value: String(m),
        inputs: { feedback: "x" },
      }),
    );
    expect(response.status).toBe(200);
    report.payloads += 1;
  }
  for (const { activity } of s.connector.activities().slice(from))
    look("Teams reply", JSON.stringify(activity));
}
