import { randomUUID } from "node:crypto";
import { conversationAddress } from "../../src/domain/addresses.js";
import type { MessageEvent, ReactionEvent, Reply } from "../../src/domain/messages.js";
import { asksForSomething } from "../../src/domain/request-words.js";
import type { InboundHandler } from "../../src/ports/chat-platform.js";
import type { Clock } from "../../src/ports/clock.js";
import { findPersona, type Persona } from "./persona.js";

export interface ChannelDeps {
  workspace: string;
  /** The conversation id of the internship's home channel. */
  homeChannel: string;
  clock: Clock;
  people: () => Promise<Persona[]>;
  handler: InboundHandler;
  /** Prints one line (or several) for the person at the keyboard. */
  say: (text: string) => void;
  /** Shows what the handler answered, exactly as for commands. */
  show: (reply: Reply) => Promise<void>;
}

/** Usage and description of the channel commands, for /help. */
export const CHANNEL_HELP: [usage: string, what: string][] = [
  ["/say <text>", "post in the home channel as yourself; @key or @FirstName mentions someone"],
  ["/thread <n> <text>", "reply in the thread of message #n"],
  ["/react <n> [emoji]", "react to message #n (white_check_mark unless you name another)"],
];

const COMMANDS = new Set(["/say", "/thread", "/react"]);
/** An @ that starts a word (not the one in ana@example.com), then a key or first name. */
const MENTION = /(?<![\p{L}\p{N}_])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*)/gu;
const REACTION = /^:?([a-z0-9_+-]+):?$/i;
const NUMBER = /^#?(\d{1,6})$/;

interface Posted {
  ref: string;
  /** The persona key of who posted it. */
  author: string;
  /** The ref of the thread's first message, for a reply in a thread. */
  threadRef?: string;
}

/**
 * The home channel as a chat platform would show it: posts, thread replies and reactions arrive at the
 * handler as metadata only (who, where, which thread, mentions, whether it asks something), never text.
 * Messages are numbered per session (#1, #2...); their refs are unique across restarts.
 */
export function createChannel(deps: ChannelDeps) {
  const { say } = deps;
  const session = randomUUID().slice(0, 8);
  const posted: Posted[] = [];
  const conversation = conversationAddress("console", deps.workspace, deps.homeChannel);
  const where = `#${deps.homeChannel}`;

  async function mentionsIn(text: string): Promise<string[]> {
    const keys: string[] = [];
    const unknown: string[] = [];
    const people = await deps.people();
    for (const match of text.matchAll(MENTION)) {
      const name = match[1]!.replace(/[.-]+$/, "");
      const person = findPersona(people, name);
      if (!person) unknown.push(`@${name}`);
      else if (!keys.includes(person.key)) keys.push(person.key);
    }
    if (unknown.length) say(`(${unknown.join(", ")}: nobody here by that name, so not a mention; /who)`);
    return keys;
  }

  /** Message #n of this session, or undefined after saying why not. */
  function message(number: string, usage: string): { number: number; posted: Posted } | undefined {
    const digits = NUMBER.exec(number)?.[1];
    if (!digits) {
      say(`"${number}" is not a message number; ${usage}`);
      return undefined;
    }
    const found = posted[Number(digits) - 1];
    if (!found) say(`There is no message #${Number(digits)} in this session; /say posts one.`);
    return found && { number: Number(digits), posted: found };
  }

  const base = (persona: Persona) => ({
    id: `console-${randomUUID()}`,
    platform: "console" as const,
    workspace: deps.workspace,
    user: persona.key,
    conversation,
    at: deps.clock.now(),
  });

  async function post(persona: Persona, text: string, thread?: { number: number; posted: Posted }) {
    const number = posted.length + 1;
    const ref = `${deps.clock.now().getTime()}.${session}.${number}`;
    const threadRef = thread ? (thread.posted.threadRef ?? thread.posted.ref) : undefined;
    posted.push({ ref, author: persona.key, ...(threadRef ? { threadRef } : {}) });
    const inThread = thread ? ` (thread of #${thread.number})` : "";
    say(`${where}${inThread}  ${persona.name}: ${text}  (message #${number})`);
    const event: MessageEvent = {
      ...base(persona),
      kind: "message",
      messageRef: ref,
      ...(threadRef ? { threadRef } : {}),
      mentions: await mentionsIn(text),
      asks: asksForSomething(text),
      isDirect: false,
      fromBot: false,
      permalink: `console://${deps.workspace}/${deps.homeChannel}/${ref}`,
    };
    await deliver(event);
  }

  async function deliver(event: MessageEvent | ReactionEvent) {
    const reply = await deps.handler(event);
    if (reply) await deps.show(reply);
  }

  async function react(persona: Persona, argument: string) {
    const [number, name = "white_check_mark", ...extra] = argument.split(/\s+/).filter(Boolean);
    if (!number) return say("Which message? /react <n> [emoji] reacts to message #n, e.g. /react 1 eyes");
    const target = message(number, "/react <n> [emoji], e.g. /react 1 eyes");
    if (!target) return;
    const reaction = REACTION.exec(name)?.[1];
    if (!reaction || extra.length) {
      return say(`"${[name, ...extra].join(" ")}" is not a reaction name; try white_check_mark, eyes or +1.`);
    }
    say(`${where}  ${persona.name} reacted :${reaction}: to message #${target.number}`);
    const event: ReactionEvent = {
      ...base(persona),
      kind: "reaction",
      messageRef: target.posted.ref,
      reaction,
      itemAuthor: target.posted.author,
    };
    await deliver(event);
  }

  async function thread(persona: Persona, argument: string) {
    const number = argument.split(/\s+/)[0] ?? "";
    if (!number) return say("Which message? /thread <n> <text> replies in the thread of message #n.");
    const target = message(number, "/thread <n> <text>, e.g. /thread 1 on it!");
    if (!target) return;
    const text = argument.slice(number.length).trim();
    if (!text) return say(`What do you want to reply? /thread ${target.number} <text>`);
    await post(persona, text, target);
  }

  return {
    /** Runs a channel command; false when `head` is not one. */
    async run(head: string, argument: string, persona: Persona | undefined): Promise<boolean> {
      const command = head.toLowerCase();
      if (!COMMANDS.has(command)) return false;
      if (!persona) {
        say("Nobody to speak as yet: /who lists the people.");
        return true;
      }
      if (command === "/thread") await thread(persona, argument);
      else if (command === "/react") await react(persona, argument);
      else if (argument) await post(persona, argument);
      else say(`What do you want to say? /say <text> posts it in ${where}.`);
      return true;
    },
  };
}
