/**
 * What the fuzzer sends: command texts (valid heads with hostile arguments, huge texts, unicode, control
 * characters, mention injection) through every way a person can type to Tandem, and random or broken
 * JSON to both webhooks.
 */
import fc from "fast-check";

/** Stands for the fake Bot Connector's URL, known once it runs. */
export const CONNECTOR = "{connector}";

/** Every way to ping someone, in Slack's and Teams' markup, and as typed. */
export const MENTIONS = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!here|here>",
  "<!channel|@channel>",
  "<@U0BRAM>",
  "<@U0ANA|ana>",
  "<@W0LENA>",
  "<!subteam^S0123|@devs>",
  "@here",
  "@channel",
  "@everyone",
  "<at>Bram Peeters</at>",
  "<at id='0'>Ana</at>",
  "<@aad-bram>",
] as const;

const HEADS = [
  "",
  "help",
  "help milestone",
  "status",
  "why",
  "checkin",
  "checkin history",
  "checkin history for",
  "milestone add",
  "milestone list",
  "milestone list all for",
  "milestone done",
  "milestone move",
  "milestone block",
  "milestone accept",
  "milestone reopen",
  "agreement show",
  "agreement show for",
  "agreement set",
  "agreement set reply.supervisor",
  "agreement ack",
  "intro status",
  "intro optin",
  "noreply",
  "met",
  "leave",
  "leave list",
  "reflect",
  "pause nudges",
  "resume nudges",
] as const;

const WORDS = [
  '"',
  "'",
  '"Survey draft"',
  "#",
  "#1",
  "1",
  "0",
  "-1",
  "99999999999999999999",
  "due",
  "tomorrow",
  "2026-12-15",
  "2026-02-30",
  "15/12/2026",
  "in 2 weeks",
  "because",
  "for",
  "all",
  "8h",
  "\u0000",
  "\u0007",
  "\n",
  "\r\n",
  "\t",
  "\u202e",
  "\u200b",
  "\ufeff",
  "😀",
  "👩🏽‍💻",
  "ﷺ",
  "%",
  "_",
  "&amp;",
  "&lt;!channel&gt;",
  "<",
  ">",
  "&",
  "*bold*",
  "`code`",
  "<https://evil.example|click>",
  "<script>",
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MENTIONS) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

/** A command text: a known head with hostile arguments, a huge one, or noise. */
export const commandText = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(fc.constantFrom(...HEADS), fc.array(piece, { maxLength: 8 }), fc.constantFrom(" ", "", "  "))
      .map(([head, parts, gap]) => [head, ...parts].join(gap || " ")),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom("milestone add", "reflect", "met @bram", "milestone block 1", ""),
        fc.integer({ min: 3_000, max: 45_000 }),
        fc.constantFrom("a", "<!channel> ", "é", "😀", "<", "&", "\u0000"),
      )
      .map(([head, size, unit]) => `${head} "${unit.repeat(Math.ceil(size / unit.length))}" due tomorrow`),
  },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
);

/** Valid-looking envelopes with any field replaced by any JSON value. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
const maybe = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyJson });

const slackEventBody = fc.record({
  type: maybe(fc.constant("event_callback")),
  team_id: maybe(fc.constantFrom("T1", "T2", "")),
  event_id: maybe(fc.string({ minLength: 1, maxLength: 12 }).map((s) => `Ev${s}`)),
  event: maybe(
    fc.record(
      {
        type: maybe(
          fc.constantFrom(
            "message",
            "app_mention",
            "reaction_added",
            "app_home_opened",
            "member_joined_channel",
          ),
        ),
        user: maybe(fc.constantFrom("U0ANA", "U0BRAM", "UBOT")),
        channel: maybe(fc.constantFrom("C0HOME", "D0ANA", "")),
        channel_type: maybe(fc.constantFrom("im", "channel")),
        text: maybe(commandText),
        ts: maybe(fc.constantFrom("1764590400.000100", "abc", "-1", "1e400")),
        thread_ts: maybe(fc.constant("1764590400.000100")),
        subtype: maybe(fc.constantFrom("bot_message", "message_changed")),
        item: maybe(fc.record({ type: maybe(fc.constant("message")), channel: anyJson, ts: anyJson })),
        reaction: maybe(fc.constant("white_check_mark")),
        tab: maybe(fc.constant("home")),
      },
      { requiredKeys: [] },
    ),
  ),
});

const interactivityPayload = fc.record(
  {
    type: maybe(fc.constantFrom("block_actions", "view_submission", "shortcut", "message_action")),
    user: maybe(
      fc.record({ id: maybe(fc.constantFrom("U0ANA", "U0BRAM")), team_id: maybe(fc.constant("T1")) }),
    ),
    team: maybe(fc.record({ id: maybe(fc.constant("T1")) })),
    trigger_id: maybe(fc.string({ maxLength: 10 })),
    actions: maybe(
      fc.array(
        fc.record({
          action_id: maybe(fc.constantFrom("milestone.accept", "checkin.open", "tandem.form", "x")),
          value: anyJson,
        }),
        { maxLength: 2 },
      ),
    ),
    view: maybe(
      fc.record({
        id: anyJson,
        callback_id: maybe(fc.constantFrom("milestone.accept", "checkin.answer", "reflection.answer")),
        private_metadata: anyJson,
        state: maybe(fc.record({ values: anyJson })),
      }),
    ),
  },
  { requiredKeys: [] },
);

const teamsActivityBody = fc.record(
  {
    type: maybe(
      fc.constantFrom("message", "invoke", "messageReaction", "conversationUpdate", "installationUpdate"),
    ),
    id: maybe(fc.string({ minLength: 1, maxLength: 10 })),
    serviceUrl: maybe(fc.constant(CONNECTOR)),
    text: maybe(commandText),
    name: maybe(fc.constant("adaptiveCard/action")),
    value: anyJson,
    from: maybe(
      fc.record({
        id: maybe(fc.constant("29:1aad-ana")),
        aadObjectId: maybe(fc.constantFrom("aad-ana", "aad-bram")),
      }),
    ),
    conversation: maybe(
      fc.record({
        id: maybe(fc.constantFrom("a:1aad-ana", "19:home@thread.tacv2")),
        conversationType: maybe(fc.constantFrom("personal", "channel")),
        tenantId: maybe(fc.constantFrom("tenant-1", "tenant-2")),
      }),
    ),
    recipient: maybe(fc.record({ id: maybe(fc.constant("28:bot-id")) })),
    entities: anyJson,
    replyToId: anyJson,
    reactionsAdded: anyJson,
  },
  { requiredKeys: [] },
);

/** Text that is not JSON, or JSON cut short. */
const broken = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.jsonValue().map((v) => JSON.stringify(v ?? {}).slice(0, -1)),
  fc.constantFrom("{", "[", '{"type":', "null", "\u0000", '{"payload":}', ""),
);

export type FuzzInput =
  | { kind: "slash"; user: string; command: string; text: string }
  | { kind: "dm" | "mention"; user: string; text: string }
  | { kind: "teams" | "teams-mention"; user: string; text: string }
  | { kind: "slack-json"; body: unknown }
  | { kind: "slack-broken"; raw: string; contentType: "json" | "form" }
  | { kind: "interactivity"; payload: string }
  | { kind: "teams-json"; body: unknown }
  | { kind: "teams-broken"; raw: string };

const who = fc.constantFrom("U0ANA", "U0BRAM", "U0NOBODY");
export const fuzzInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("slash" as const),
      user: who,
      command: fc.constantFrom("/tandem", "/milestone"),
      text: commandText,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("dm" as const),
      user: fc.constantFrom("U0ANA", "U0BRAM"),
      text: commandText,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("mention" as const), user: who, text: commandText }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("teams" as const),
      user: fc.constantFrom("ana", "bram", "nobody"),
      text: commandText,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("teams-mention" as const),
      user: fc.constantFrom("ana", "bram"),
      text: commandText,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("slack-json" as const),
      body: fc.oneof(slackEventBody, anyJson),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("slack-broken" as const),
      raw: broken,
      contentType: fc.constantFrom("json" as const, "form" as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("interactivity" as const),
      payload: fc.oneof(
        interactivityPayload.map((p) => JSON.stringify(p)),
        broken,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("teams-json" as const),
      body: fc.oneof(teamsActivityBody, anyJson),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("teams-broken" as const), raw: broken }) },
);
