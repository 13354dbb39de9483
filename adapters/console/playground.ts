import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { DateTime } from "luxon";
import type { OutboundButton, OutboundForm, Reply } from "../../src/domain/messages.js";
import { asksForSomething } from "../../src/domain/request-words.js";
import type { InboundHandler } from "../../src/ports/chat-platform.js";
import type { Clock, SettableClock } from "../../src/ports/clock.js";
import { CHANNEL_HELP, createChannel } from "./channel.js";
import type { ConsoleOutput } from "./console-platform.js";
import { createFormFiller, type FormStep } from "./form-filler.js";
import { findPersona, type Persona } from "./persona.js";

export type { Persona } from "./persona.js";

export interface PlaygroundDeps {
  input: Readable;
  output: ConsoleOutput;
  /** Time travel needs a settable clock; with real platforms the clock is real time. */
  clock: Clock & Partial<SettableClock>;
  workspace: string;
  people: () => Promise<Persona[]>;
  handler: InboundHandler;
  /** Runs the planner and dispatcher at the playground's clock. */
  tick: (now: Date) => Promise<unknown>;
  initialPersona?: string;
  /** The conversation id of the internship's home channel, where /say posts ("home" by default). */
  homeChannel?: string;
  /** Buttons of messages a person received, newest first, for `/press`. */
  buttonsFor?: (user: string) => OutboundButton[];
}

const HELP = [
  "Playground commands:",
  ...[
    ["/as <person>", "speak as someone (their key or name; /who lists them)"],
    ["/time +1d", "move time forward (+30m, +3h, +2d, +1w), or /time 2026-12-01T09:30 (your local time)"],
    ["/tick", "run the scheduler once now"],
    ["/press <button>", "press a button of a message sent to you, e.g. /press Accept"],
    ["/who", "who is here, their role and local time"],
    ...CHANNEL_HELP,
    ["/quit", "leave"],
  ].map(([usage, what]) => `  ${usage!.padEnd(20)} ${what}`),
  'Anything else is a direct message to Tandem: a command ("status", "milestone list", "help") or a check-in answer.',
].join("\n");

const STEP = /^\+(\d{1,4})\s*(m|min|h|d|w)$/i;
const STEP_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** A text REPL over injectable streams: tests drive it exactly as a person would. */
export async function runPlayground(deps: PlaygroundDeps): Promise<void> {
  const { output, clock } = deps;
  let persona = findPersona(await deps.people(), deps.initialPersona ?? "") ?? (await deps.people())[0];
  const localNow = (p: Persona | undefined) =>
    DateTime.fromJSDate(clock.now(), { zone: p?.timezone ?? "UTC" }).toFormat("ccc d LLL yyyy, HH:mm");
  const prompt = () => output.write(`${persona?.key ?? "nobody"} (${localNow(persona)})> `);
  const say = (text: string) => output.write(`${text}\n`);

  async function timeTravel(argument: string): Promise<void> {
    if (!clock.set || !clock.advance) {
      say("Time travel works only when the console is the only platform (PLATFORMS=console).");
      return;
    }
    const step = STEP.exec(argument.trim());
    if (step) {
      clock.advance(Number(step[1]) * STEP_MS[step[2]!.toLowerCase()]!);
    } else {
      const target = DateTime.fromISO(argument.trim(), { zone: persona?.timezone ?? "UTC" });
      if (!target.isValid) {
        say(
          `"${argument.trim()}" is not a time step or date; try /time +1d, /time +3h or /time 2026-12-01T09:30`,
        );
        return;
      }
      clock.set(target.toJSDate());
    }
    say(`It is now ${localNow(persona)} for ${persona?.name ?? "you"} (${persona?.timezone ?? "UTC"}).`);
    await deps.tick(clock.now());
  }

  let filling: { form: OutboundForm; filler: ReturnType<typeof createFormFiller> } | undefined;

  async function send(
    event:
      | { kind: "command"; text: string }
      | { kind: "direct"; text: string }
      | { kind: "action"; action: string; value: string; form?: Record<string, string> },
  ) {
    if (!persona) return say("Nobody to speak as yet: /who lists the people.");
    const base = {
      id: `console-${randomUUID()}`,
      platform: "console" as const,
      workspace: deps.workspace,
      user: persona.key,
      conversation: `console:${deps.workspace}:user:${persona.key}`,
      at: clock.now(),
    };
    const reply = await deps.handler(
      event.kind === "direct"
        ? {
            ...base,
            kind: "message",
            messageRef: base.id,
            mentions: [],
            asks: asksForSomething(event.text),
            isDirect: true,
            fromBot: false,
            text: event.text,
          }
        : { ...base, ...event },
    );
    if (reply) await show(reply);
  }

  /** Buttons under replies (e.g. "Save this as your check-in?"), newest first, for `/press`. */
  let replyButtons: { persona: string; buttons: OutboundButton[] } | undefined;

  /** Prints a reply from the handler; a form is then asked one question at a time. */
  async function show(reply: Reply): Promise<void> {
    say(reply.text);
    if (reply.buttons?.length && persona) {
      say(`  [${reply.buttons.map((b) => b.label).join("] [")}]`);
      replyButtons = { persona: persona.key, buttons: reply.buttons };
    }
    if (reply.form) {
      filling = { form: reply.form, filler: createFormFiller(reply.form) };
      say(`(${reply.form.title}: answer each question on its own line; /cancel stops)`);
      await step(filling.filler.start());
    }
  }

  async function step(next: FormStep): Promise<void> {
    if (!filling) return;
    if (!next.done) return say(`  ${next.ask}`);
    const { form } = filling;
    filling = undefined;
    await send({ kind: "action", action: form.action, value: form.value, form: next.values });
  }

  const command = (text: string) => send({ kind: "command", text });
  /** Plain typed text is a direct message to Tandem, as in a Slack DM or a Teams personal chat. */
  const direct = (text: string) => send({ kind: "direct", text });

  /** The console's stand-in for clicking: the newest button whose label starts with the words given. */
  async function press(label: string): Promise<void> {
    const fromReply = replyButtons && replyButtons.persona === persona?.key ? replyButtons.buttons : [];
    const available = [...fromReply, ...(persona && deps.buttonsFor ? deps.buttonsFor(persona.key) : [])];
    const wanted = label.trim().toLowerCase();
    const button = wanted ? available.find((b) => b.label.toLowerCase().startsWith(wanted)) : undefined;
    if (!button) {
      const labels = [...new Set(available.map((b) => b.label))];
      say(
        labels.length
          ? `No button "${label.trim()}" in your messages; you can press: ${labels.join(", ")}.`
          : "There is no button to press in your messages yet.",
      );
      return;
    }
    // A button press carries no form: handlers that need details answer with one.
    await send({ kind: "action", action: button.action, value: button.value });
  }
  const channel = createChannel({
    workspace: deps.workspace,
    homeChannel: deps.homeChannel ?? "home",
    clock,
    people: deps.people,
    handler: deps.handler,
    say,
    show,
  });

  async function line(raw: string): Promise<boolean> {
    const text = raw.trim();
    if (filling) {
      if (text.toLowerCase() === "/cancel") {
        filling = undefined;
        say("Cancelled; nothing was sent.");
      } else await step(filling.filler.answer(text));
      return true;
    }
    if (!text) return true;
    const [head = "", ...rest] = text.split(/\s+/);
    const argument = rest.join(" ");
    switch (head.toLowerCase()) {
      case "/quit":
      case "/exit":
        say("Bye.");
        return false;
      case "/help":
        say(HELP);
        return true;
      case "/who":
        for (const p of await deps.people()) {
          say(
            `  ${p.key === persona?.key ? "*" : " "} ${p.key.padEnd(8)} ${p.name.padEnd(16)} ${(p.roles.join(", ") || "colleague").padEnd(22)} ${localNow(p)} ${p.timezone}`,
          );
        }
        return true;
      case "/as": {
        const next = findPersona(await deps.people(), argument);
        if (!next) say(`There is nobody called "${argument}" here; /who lists the people.`);
        else {
          persona = next;
          say(`You are now ${next.name} (${next.roles.join(", ") || "colleague"}, ${next.timezone}).`);
        }
        return true;
      }
      case "/time":
        await timeTravel(argument);
        return true;
      case "/tick":
        await deps.tick(clock.now());
        return true;
      case "/press":
        await press(argument);
        return true;
      default:
        if (await channel.run(head, text.slice(head.length).trim(), persona)) return true;
        if (head.startsWith("/") && !["/tandem", "/milestone"].includes(head.toLowerCase())) {
          say(`${head} is not a playground command. ${HELP}`);
          return true;
        }
        if (head.toLowerCase() === "/tandem") await command(argument);
        else if (head.toLowerCase() === "/milestone") await command(`milestone ${argument}`);
        else await direct(text);
        return true;
    }
  }

  return new Promise((resolve) => {
    const reader = createInterface({ input: deps.input, terminal: false });
    say(
      `Tandem playground. You are ${persona?.name ?? "nobody"}. Type /help for the playground, help for Tandem.`,
    );
    prompt();
    let queue = Promise.resolve(true);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      reader.close();
      resolve();
    };
    reader.on("line", (raw) => {
      // Lines are handled one at a time, in order, even when they arrive all at once.
      queue = queue.then(async (open) => {
        if (!open) return false;
        const more = await line(raw).catch((error: unknown) => {
          say(`Sorry, that failed: ${error instanceof Error ? error.message : String(error)}`);
          return true;
        });
        // As the real scheduler would within a minute: what a line caused is delivered right away.
        if (more && !/^\/(time|tick)\b/i.test(raw.trim())) await deps.tick(clock.now());
        if (more) prompt();
        else finish();
        return more;
      });
    });
    reader.on("close", () => {
      void queue.then(finish);
    });
  });
}
