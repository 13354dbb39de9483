/**
 * The requests the inbound benchmarks send, built and (for Slack) signed before the clock starts.
 * Event i goes to home channel ⌊i/2⌋ mod N: even events are the intern asking a question at top level
 * (a reply clock starts), odd ones a plain message without "?" in the thread of that channel's previous
 * question (one round, 2N events, earlier: an answer sent right after its question could be handled
 * before it). From the supervisor by default, so each answer closes a clock (a top-level message would
 * close one only if it mentioned the asker) and each channel has one clock open at a time; or from the
 * intern, so clocks pile up. The first round's plain messages have no earlier question: top level.
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
  // The same channel's question one round earlier, whose thread a plain message answers in.
  const earlier = i - 1 - 2 * pairs.length;
  return {
    pair,
    question,
    who,
    text: question ? QUESTION : PLAIN,
    ...(question || earlier < 0 ? {} : { earlier }),
  };
}

export function slackRequests(spec: BodySpec): PreparedRequest[] {
  const total = Math.round(spec.rate * spec.seconds);
  const secret = spec.secret ?? "";
  const pairs = benchPairs("slack", spec.channels);
  const startMs = firstAt(total);
  // One signing time for the whole run: the service accepts it for five minutes.
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: total }, (_, i) => {
    const { pair, question, who, text, earlier } = pick(spec, pairs, i);
    const ts = slackTsAt(sentAt(startMs, i));
    const eventId = `Ev${spec.runId}${String(i).padStart(7, "0")}`;
    const thread = earlier === undefined ? {} : { thread_ts: slackTsAt(sentAt(startMs, earlier)) };
    const body = JSON.stringify(
      eventCallback(messageEvent({ user: who.id, channel: pair.channel, text, ts, ...thread }), {
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
    const { pair, question, who, text, earlier } = pick(spec, pairs, i);
    const activity = channelMessage({
      serviceUrl: spec.serviceUrl ?? "http://127.0.0.1:9/",
      tenant: TEAMS_TENANT,
      from: { aad: who.id, name: who.name },
      id: String(base + i),
      timestamp: new Date(sentAt(startMs, i)),
      channel: pair.channel,
      // A question starts its own thread (the activity id is its root); an answer goes into one.
      ...(earlier === undefined ? {} : { root: String(base + earlier) }),
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
