/**
 * Redelivery: every kind of Slack event and Teams activity arrives four times (Slack's retries carry
 * the same event_id with X-Slack-Retry-Num 1..3; Teams redelivers the same activity id). The first
 * delivery has its effect; the other three change no table and make no platform call.
 */
import { DateTime } from "luxon";
import { expect } from "vitest";
import {
  appHomeOpenedEvent,
  appMentionEvent,
  eventCallback,
  messageEvent,
  reactionAddedEvent,
  slackTs,
} from "../fakes/slack-requests.js";
import { slackSample } from "./programmes.js";
import { eventually, fingerprint, type ReliableService, startReliableService } from "./service.js";
import type { ServiceState } from "./service-state.js";

const SP = "America/Sao_Paulo";
export const local = (iso: string) => DateTime.fromISO(iso, { zone: SP }).toJSDate();

export interface RedeliveryReport {
  deliveries: number;
  effects: number;
  /** What kinds of event were redelivered, in order. */
  kinds: string[];
  /** What the service did in the end, read from the database and the fake platform. */
  state?: ServiceState;
  /** Slack requests the receiver handled to their end, by its own log. */
  slackProcessed?: number;
}

/** Delivers one event four times and checks that only the first one did anything. */
export async function fourTimes(
  s: ReliableService,
  what: string,
  deliver: (retry: number) => Promise<Response>,
  platformCalls: () => number,
  settled: () => boolean | Promise<boolean>,
  report: RedeliveryReport,
): Promise<void> {
  const before = fingerprint(s.peek.db);
  const done = listenersDone(s);
  const callsBefore = platformCalls();
  const ignoredBefore = s.log.lines.filter((l) => l.msg === "redelivered event ignored").length;
  expect((await deliver(0)).status, what).toBeLessThan(300);
  await eventually(settled, 10_000);
  await done(1);
  // A DM reply goes through the outbox and is sent at once after the commit: settled once it is sent.
  await eventually(
    () =>
      s.peek.db
        .prepare("SELECT 1 FROM outbox WHERE key LIKE 'reply-to:%' AND status IN ('pending', 'sending')")
        .all().length === 0,
    10_000,
  );
  const once = fingerprint(s.peek.db);
  const callsOnce = platformCalls();
  expect(once !== before || callsOnce > callsBefore, `${what} had an effect`).toBe(true);
  for (let retry = 1; retry <= 3; retry++) {
    expect((await deliver(retry)).status, `${what}, retry ${retry}`).toBeLessThan(300);
  }
  // The third redelivery has been looked at once its "ignored" line is logged.
  await eventually(
    () => s.log.lines.filter((l) => l.msg === "redelivered event ignored").length >= ignoredBefore + 3,
  );
  await done(4);
  expect(fingerprint(s.peek.db), `${what}: redeliveries wrote nothing`).toBe(once);
  expect(platformCalls(), `${what}: redeliveries called the platform`).toBe(callsOnce);
  report.deliveries += 4;
  report.effects += 1;
  if (!report.kinds.includes(what)) report.kinds.push(what);
}

/**
 * Waits until the listeners of `deliveries` requests since this call have returned. Slack is answered
 * before its listeners reply, so the receiver's "processed" line counts; Teams answers after the turn.
 */
function listenersDone(s: ReliableService): (deliveries: number) => Promise<unknown> {
  const processed = () => s.log.lines.filter((l) => l.msg === "Slack request processed").length;
  const before = processed();
  return async (deliveries) =>
    s.platforms.includes("slack") ? eventually(() => processed() >= before + deliveries, 10_000) : undefined;
}

export const milestoneId = (s: ReliableService, title: string) =>
  (s.peek.db.prepare("SELECT id FROM milestones WHERE title = ?").get(title) as { id: number } | undefined)
    ?.id;
export const milestoneStatus = (s: ReliableService, id: number) =>
  (s.peek.db.prepare("SELECT status FROM milestones WHERE id = ?").get(id) as { status: string }).status;

export async function slackRedelivery(rounds: number): Promise<RedeliveryReport> {
  const s = await startReliableService({ programmes: [slackSample("T1")], logLevel: "debug" });
  const report: RedeliveryReport = { deliveries: 0, effects: 0, kinds: [] };
  const calls = () => s.fake.calls().length;
  const ana = await s.workspace("slack", "T1");
  const internship = (await s.peek.internships.byKey(ana.id, "ana-2026"))!;
  const clocks = async () => await s.peek.replyClocks.since(internship.id, new Date(0));
  try {
    // The check-in goes out at 09:30 in São Paulo; ana answers it in her DM.
    await s.tickAt(local("2026-12-01T09:30"));
    s.clock.set(local("2026-12-01T09:45"));
    const answer = eventCallback(
      messageEvent({
        user: "U0ANA",
        channel: "D0ANA",
        text: "done: survey draft\nconnected: 4",
        ts: slackTs(s.clock.now()),
      }),
    );
    const answered = async () =>
      (await s.peek.checkins.get(internship.id, "2026-12-01"))?.answeredAt !== undefined;
    await fourTimes(
      s,
      "check-in answer in a DM",
      (n) => s.post(answer, "json", retry(n)),
      calls,
      answered,
      report,
    );

    for (let round = 0; round < rounds; round++) {
      s.clock.set(new Date(local("2026-12-01T10:00").getTime() + round * 60_000));
      const ts = slackTs(s.clock.now());
      const events: [string, Record<string, unknown>, () => boolean | Promise<boolean>][] = [
        [
          "question in the home channel",
          messageEvent({ user: "U0ANA", channel: "C0HOME", text: `Question ${round}?`, ts }),
          async () => (await clocks()).some((c) => c.messageRef === ts),
        ],
        [
          "acknowledgement reaction",
          reactionAddedEvent({
            user: "U0BRAM",
            reaction: "white_check_mark",
            channel: "C0HOME",
            ts,
            item_user: "U0ANA",
            event_ts: slackTs(s.clock.now()),
          }),
          async () => (await clocks()).some((c) => c.messageRef === ts && c.closeReason === "reaction"),
        ],
        [
          "@mention command",
          appMentionEvent({
            user: "U0ANA",
            channel: "C0HOME",
            text: `<@UBOT> milestone add "Slack ${round}" due 2026-12-20`,
            ts: slackTs(s.clock.now()),
          }),
          () =>
            s.fake.calls("chat.postEphemeral").length > round &&
            milestoneId(s, `Slack ${round}`) !== undefined,
        ],
      ];
      for (const [what, event, settled] of events) {
        const body = eventCallback(event);
        await fourTimes(s, what, (n) => s.post(body, "json", retry(n)), calls, settled, report);
      }
      const id = milestoneId(s, `Slack ${round}`)!;
      const done = eventCallback(
        messageEvent({
          user: "U0ANA",
          channel: "D0ANA",
          text: `milestone done ${id}`,
          ts: slackTs(s.clock.now()),
        }),
      );
      const replied = () => s.fake.okCalls("chat.postMessage").length;
      const repliesBefore = replied();
      await fourTimes(
        s,
        "command in a DM",
        (n) => s.post(done, "json", retry(n)),
        calls,
        () => milestoneStatus(s, id) === "done" && replied() > repliesBefore,
        report,
      );
      const trigger = `press.${round}`;
      const opened = s.fake.calls("views.open").length;
      await fourTimes(
        s,
        "button press",
        () =>
          s.press({ user: "U0BRAM", action_id: "milestone.accept", value: String(id), trigger_id: trigger }),
        calls,
        () => s.fake.calls("views.open").length > opened,
        report,
      );
      const submission = { user: "U0BRAM", callback_id: "milestone.accept", private_metadata: String(id) };
      await fourTimes(
        s,
        "modal submission",
        () =>
          s.submit({
            ...submission,
            view_id: `VACC${round}`,
            trigger_id: `submit.${round}`,
            values: { feedback: "Q1 deck" },
          }),
        calls,
        () => milestoneStatus(s, id) === "accepted",
        report,
      );
      const published = s.fake.calls("views.publish").length;
      const home = eventCallback(appHomeOpenedEvent({ user: "U0ANA", event_ts: slackTs(s.clock.now()) }));
      await fourTimes(
        s,
        "App Home opened",
        (n) => s.post(home, "json", retry(n)),
        calls,
        () => s.fake.calls("views.publish").length > published,
        report,
      );
    }
    await expectOutboxSentOnce(s, () => s.fake.okCalls("chat.postMessage").length);
    report.state = s.state();
    report.slackProcessed = s.slackProcessed();
    return report;
  } finally {
    await s.stop();
  }
}

/** Slack's retry headers for the n-th redelivery (none on the first delivery). */
function retry(n: number): Record<string, string> | undefined {
  return n === 0 ? undefined : { "x-slack-retry-num": String(n), "x-slack-retry-reason": "http_timeout" };
}

/** After the redeliveries, a pass sends every queued message exactly once. */
export async function expectOutboxSentOnce(s: ReliableService, delivered: () => number): Promise<void> {
  const before = delivered();
  const at = new Date(s.clock.now().getTime() + 60_000);
  const result = await s.tickAt(at);
  expect(result.dispatch.dead + result.dispatch.retried).toBe(0);
  const messages = s.peek.db
    .prepare(
      "SELECT count(DISTINCT coalesce(platform_ref, id)) AS n FROM outbox WHERE status = 'sent' AND sent_at = ?",
    )
    .get(at.getTime()) as { n: number };
  expect(messages.n).toBeGreaterThan(0);
  expect(delivered() - before).toBe(messages.n);
}
