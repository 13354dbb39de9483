/**
 * The requests the inbound benchmarks send, built and (for Slack) signed before the clock starts.
 * Event i goes to home channel ⌊i/2⌋ mod N: even events are the intern asking a question (a reply clock
 * starts), odd ones are a plain message without "?" (from the supervisor by default, which answers the
 * open question; or from the intern, so clocks pile up).
 */
import { eventCallback, messageEvent, slackSignature } from "../../test/fakes/slack-requests.js";
import { channelMessage } from "../../test/fakes/teams-activities.js";
import type { PreparedRequest } from "./load-generator.js";
import { type BenchPair, benchPairs, SLACK_TEAM, TEAMS_TENANT } from "./load-programme.js";

export type PlainFrom = "supervisor" | "intern";

export interface BodySpec {
  platform: "slack" | "teams";
  rate: number;
  seconds: number;
  /** Home channels (internships) the events spread over. */
  channels: number;
  plainFrom: PlainFrom;
  /** Unique per run, so event ids never repeat across runs. */
  runId: string;
  /** Slack: the signing secret. */
  secret?: string;
  /** Teams: the fake Bot Connector's URL. */
  serviceUrl?: string;
}

const QUESTION = "Could you look at my draft of the interview guide before Friday?";
const PLAIN = "Thanks, I am reading it now and will add comments in the doc.";

/**
 * When event i was written: one millisecond apart, so every message has its own time and a plain
 * message comes strictly after the question before it (an answer at the same instant closes nothing);
 * the last one just before the run starts.
 */
const sentAt = (startMs: number, i: number) => startMs + i;
const firstAt = (total: number) => Date.now() - total;

/** Slack's `ts` for a millisecond instant: seconds, a dot, six digits. */
const slackTsAt = (ms: number) => `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, "0")}`;

function pick(spec: BodySpec, pairs: BenchPair[], i: number) {
  const pair = pairs[Math.floor(i / 2) % pairs.length]!;
  const question = i % 2 === 0;
  const who = question || spec.plainFrom === "intern" ? pair.intern : pair.supervisor;
  return { pair, question, who, text: question ? QUESTION : PLAIN };
}

export function slackRequests(spec: BodySpec): PreparedRequest[] {
  const total = Math.round(spec.rate * spec.seconds);
  const secret = spec.secret ?? "";
  const pairs = benchPairs("slack", spec.channels);
  const startMs = firstAt(total);
  // One signing time for the whole run: the service accepts it for five minutes.
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: total }, (_, i) => {
    const { pair, question, who, text } = pick(spec, pairs, i);
    const ts = slackTsAt(sentAt(startMs, i));
    const eventId = `Ev${spec.runId}${String(i).padStart(7, "0")}`;
    const body = JSON.stringify(
      eventCallback(messageEvent({ user: who.id, channel: pair.channel, text, ts }), {
        team_id: SLACK_TEAM,
        event_id: eventId,
      }),
    );
    return {
      body: Buffer.from(body),
      tag: question ? "question" : "plain",
      // inbound_events keeps the event id; a question's clock is keyed by the message's ts.
      key: eventId,
      ...(question ? { ref: ts } : {}),
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": slackSignature(secret, timestamp, body),
      },
    };
  });
}

export function teamsRequests(spec: BodySpec): PreparedRequest[] {
  const total = Math.round(spec.rate * spec.seconds);
  const pairs = benchPairs("teams", spec.channels);
  const startMs = firstAt(total);
  const base = 1_800_000_000_000 + Number.parseInt(spec.runId, 36) * 10_000_000;
  return Array.from({ length: total }, (_, i) => {
    const { pair, question, who, text } = pick(spec, pairs, i);
    const activity = channelMessage({
      serviceUrl: spec.serviceUrl ?? "http://127.0.0.1:9/",
      tenant: TEAMS_TENANT,
      from: { aad: who.id, name: who.name },
      id: String(base + i),
      timestamp: new Date(sentAt(startMs, i)),
      channel: pair.channel,
      text,
    });
    return {
      body: Buffer.from(JSON.stringify(activity)),
      tag: question ? "question" : "plain",
      // The adapter's delivery id is conversation id | activity id; a clock is keyed by the activity id.
      key: `${activity.conversation.id}|${activity.id}`,
      ...(question ? { ref: activity.id } : {}),
      headers: { "content-type": "application/json" },
    };
  });
}
