import { describe, expect, it } from "vitest";
import { type Persona, runPlayground } from "../../../adapters/console/playground.js";
import type { InboundEvent, MessageEvent, ReactionEvent, Reply } from "../../../src/domain/messages.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { createTerminal } from "../../helpers/streams.js";

const PEOPLE: Persona[] = [
  { key: "ana", name: "Ana Souza", timezone: "America/Sao_Paulo", roles: ["intern"] },
  { key: "bram", name: "Bram Peeters", timezone: "Europe/Brussels", roles: ["supervisor"] },
  { key: "chloe", name: "Chloé Martin", timezone: "Europe/Brussels", roles: [] },
];
const START = new Date("2026-12-01T12:00:00Z");
const REF = /^\d{13}\.[0-9a-f]{8}\.\d+$/;

async function play(
  lines: string[],
  options: {
    people?: Persona[];
    homeChannel?: string;
    reply?: (event: InboundEvent) => Reply | undefined;
  } = {},
) {
  const terminal = createTerminal();
  const clock = createSettableClock(START);
  const events: InboundEvent[] = [];
  const done = runPlayground({
    input: terminal.input,
    output: terminal.output,
    clock,
    workspace: "demo",
    people: async () => options.people ?? PEOPLE,
    handler: async (event) => {
      events.push(event);
      return options.reply?.(event);
    },
    tick: async () => undefined,
    initialPersona: "ana",
    ...(options.homeChannel ? { homeChannel: options.homeChannel } : {}),
  });
  terminal.type(...lines);
  terminal.end();
  await done;
  const messages = events.filter((e): e is MessageEvent => e.kind === "message");
  const reactions = events.filter((e): e is ReactionEvent => e.kind === "reaction");
  return { out: terminal.text(), events, messages, reactions };
}

describe("playground channel: /say", () => {
  it("posts a metadata-only message in the home channel as the current persona", async () => {
    const { out, events } = await play(["/say Morning all, the survey draft is in the folder"]);
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event).toEqual({
      kind: "message",
      id: expect.stringMatching(/^console-[0-9a-f-]{36}$/),
      platform: "console",
      workspace: "demo",
      user: "ana",
      conversation: "console:demo:conv:home",
      messageRef: expect.stringMatching(REF),
      mentions: [],
      asks: false,
      isDirect: false,
      fromBot: false,
      at: START,
      permalink: expect.stringMatching(/^console:\/\/demo\/home\/\d+\./),
    });
    expect("text" in event).toBe(false);
    expect(JSON.stringify(event)).not.toContain("survey");
    expect(event.kind === "message" && event.messageRef.startsWith(`${START.getTime()}.`)).toBe(true);
    expect(event.kind === "message" && event.permalink?.endsWith(event.messageRef)).toBe(true);
    expect(out).toContain("#home  Ana Souza: Morning all, the survey draft is in the folder  (message #1)");
  });

  it("resolves @key and @FirstName mentions, case- and accent-insensitively, once each", async () => {
    const { out, messages } = await play([
      "/say @bram could you look at the survey? cc @Chloe, @BRAM and ana@example.com",
      "/as bram",
      "/say thanks @Chloé. @ana: on it",
      "/say @zed and @nobody, hello",
    ]);
    expect(messages.map((m) => [m.user, m.mentions, m.asks])).toEqual([
      ["ana", ["bram", "chloe"], true],
      ["bram", ["chloe", "ana"], false],
      ["bram", [], false],
    ]);
    expect(out).toContain("(@zed, @nobody: nobody here by that name, so not a mention; /who)");
    expect(out).toContain("#home  Bram Peeters: thanks @Chloé. @ana: on it  (message #2)");
  });

  it("uses the clock for `at` and the ref, numbers messages in order and keeps refs unique", async () => {
    const { out, messages } = await play(["/say one", "/time +1h", "/say two", "/say three?"]);
    const later = new Date("2026-12-01T13:00:00Z");
    expect(messages.map((m) => m.at)).toEqual([START, later, later]);
    const refs = messages.map((m) => m.messageRef);
    expect(new Set(refs).size).toBe(3);
    for (const ref of refs) expect(ref).toMatch(REF);
    expect(refs[1]!.startsWith(`${later.getTime()}.`)).toBe(true);
    expect(refs[2]!.startsWith(`${later.getTime()}.`)).toBe(true);
    expect(messages[2]!.asks).toBe(true);
    expect(out).toContain("Ana Souza: two  (message #2)");
    expect(out).toContain("Ana Souza: three?  (message #3)");
  });

  it("gives different refs after a restart at the same clock time (same database)", async () => {
    const first = await play(["/say hello"]);
    const second = await play(["/say hello"]);
    expect(first.messages[0]!.messageRef).not.toBe(second.messages[0]!.messageRef);
    expect(second.out).toContain("(message #1)");
  });

  it("posts in the configured home channel", async () => {
    const { out, events } = await play(["/say hi", "/react 1"], { homeChannel: "interns-br" });
    expect(events.map((e) => e.conversation)).toEqual([
      "console:demo:conv:interns-br",
      "console:demo:conv:interns-br",
    ]);
    expect(out).toContain("#interns-br  Ana Souza: hi  (message #1)");
  });
});

describe("playground channel: /thread and /react", () => {
  it("replies in the thread of message #n, also when #n is itself a reply", async () => {
    const { out, messages } = await play([
      "/say @bram where is the style guide?",
      "/as bram",
      "/thread 1 In the wiki, @ana",
      "/as ana",
      "/thread #2 thanks!",
    ]);
    const [question, answer, thanks] = messages;
    expect(question!.threadRef).toBeUndefined();
    expect("threadRef" in question!).toBe(false);
    expect(answer).toMatchObject({ user: "bram", threadRef: question!.messageRef, mentions: ["ana"] });
    expect(thanks).toMatchObject({ user: "ana", threadRef: question!.messageRef, mentions: [] });
    expect(answer!.messageRef).not.toBe(question!.messageRef);
    for (const m of messages) expect("text" in m).toBe(false);
    expect(out).toContain("#home (thread of #1)  Bram Peeters: In the wiki, @ana  (message #2)");
    expect(out).toContain("#home (thread of #2)  Ana Souza: thanks!  (message #3)");
  });

  it("adds reactions to message #n, white_check_mark unless named", async () => {
    const { out, messages, reactions } = await play([
      "/say @bram can you review the plan?",
      "/as bram",
      "/react 1",
      "/react #1 :eyes:",
      "/react 1 +1",
    ]);
    const ref = messages[0]!.messageRef;
    expect(reactions).toEqual(
      ["white_check_mark", "eyes", "+1"].map((reaction) => ({
        kind: "reaction",
        id: expect.stringMatching(/^console-/),
        platform: "console",
        workspace: "demo",
        user: "bram",
        conversation: "console:demo:conv:home",
        messageRef: ref,
        reaction,
        itemAuthor: "ana",
        at: START,
      })),
    );
    expect(out).toContain("#home  Bram Peeters reacted :white_check_mark: to message #1");
    expect(out).toContain("#home  Bram Peeters reacted :eyes: to message #1");
  });

  it("explains bad input and sends nothing for it", async () => {
    const { out, events } = await play([
      "/say",
      "/thread 9 hello",
      "/react 9",
      "/say first",
      "/thread",
      "/thread 1",
      "/thread one hello",
      "/react",
      "/react x",
      "/react 1 not!a:reaction",
      "/react 1 eyes please",
    ]);
    expect(events).toHaveLength(1);
    expect(out).toContain("What do you want to say? /say <text> posts it in #home.");
    expect(out).toContain("There is no message #9 in this session; /say posts one.");
    expect(out.match(/There is no message #9 in this session/g)).toHaveLength(2);
    expect(out).toContain("Which message? /thread <n> <text> replies in the thread of message #n.");
    expect(out).toContain("What do you want to reply? /thread 1 <text>");
    expect(out).toContain('"one" is not a message number; /thread <n> <text>, e.g. /thread 1 on it!');
    expect(out).toContain("Which message? /react <n> [emoji] reacts to message #n, e.g. /react 1 eyes");
    expect(out).toContain('"x" is not a message number; /react <n> [emoji], e.g. /react 1 eyes');
    expect(out).toContain('"not!a:reaction" is not a reaction name; try white_check_mark, eyes or +1.');
    expect(out).toContain('"eyes please" is not a reaction name');
    expect(out).not.toContain("is not a playground command");
  });

  it("needs someone to speak as", async () => {
    const { out, events } = await play(["/say hi", "/react 1"], { people: [] });
    expect(events).toHaveLength(0);
    expect(out.match(/Nobody to speak as yet: \/who lists the people\./g)).toHaveLength(2);
  });
});

describe("playground channel: replies and help", () => {
  it("prints what the handler answers, forms included, as for commands", async () => {
    const { out, events } = await play(["/say hello", "/react 1", "looks good"], {
      reply: (event) =>
        event.kind === "message"
          ? { text: "Noted in the channel." }
          : event.kind === "reaction"
            ? {
                text: "Was that an answer?",
                form: {
                  action: "reply.confirm",
                  value: "1",
                  title: "Reply",
                  submitLabel: "Send",
                  fields: [{ id: "note", label: "Anything to add?", kind: "text" }],
                },
              }
            : undefined,
    });
    expect(out).toContain("Noted in the channel.");
    expect(out).toContain("Was that an answer?");
    expect(out).toContain("  Anything to add?");
    expect(events.map((e) => e.kind)).toEqual(["message", "reaction", "action"]);
    expect(events[2]).toMatchObject({ action: "reply.confirm", value: "1", form: { note: "looks good" } });
  });

  it("lists the channel commands in /help", async () => {
    const { out } = await play(["/help"]);
    expect(out).toMatch(/\/say <text> +post in the home channel/);
    expect(out).toMatch(/\/thread <n> <text> +reply in the thread of message #n/);
    expect(out).toMatch(/\/react <n> \[emoji\] +react to message #n/);
    expect(out).toMatch(/\/as <person> +speak as someone/);
  });
});
