import { parseAddress } from "../../src/domain/addresses.js";
import { AppError } from "../../src/domain/errors.js";
import type { Address, OutboundButton, OutboundMessage } from "../../src/domain/messages.js";
import type { ChatPlatform, InboundHandler, SendResult } from "../../src/ports/chat-platform.js";
import type { PlatformDirectory } from "../../src/ports/platform-directory.js";

export interface ConsoleOutput {
  write(text: string): void;
}

/** Renders an outbound message as console text: body, fields, buttons and why it was sent. */
export function renderConsoleMessage(message: OutboundMessage): string {
  const lines = [message.text];
  for (const field of message.fields ?? []) lines.push(`  ${field.label}: ${field.value}`);
  if (message.buttons?.length) lines.push(`  [${message.buttons.map((b) => b.label).join("] [")}]`);
  if (message.link) lines.push(`  (about: ${message.link})`);
  if (message.reason) lines.push(`  why: ${message.reason}`);
  return lines.join("\n");
}

export interface ConsolePlatform extends ChatPlatform {
  handler(): InboundHandler | undefined;
  /** The buttons of the messages a person received, newest first: what `/press` can press. */
  buttonsFor(user: string): OutboundButton[];
}

/** The console as a chat platform: messages to people are printed with who they are for. */
export function createConsolePlatform(
  output: ConsoleOutput,
  nameOf: (user: string) => Promise<string>,
  directory?: PlatformDirectory,
): ConsolePlatform {
  let inbound: InboundHandler | undefined;
  let sent = 0;
  const buttons = new Map<string, OutboundButton[]>();
  const remember = (user: string, added: readonly OutboundButton[]) => {
    buttons.set(user, [...added, ...(buttons.get(user) ?? [])].slice(0, 30));
  };
  return {
    name: "console",
    routes: [],
    ...(directory ? { directory } : {}),
    async start(handler) {
      inbound = handler;
    },
    async stop() {
      inbound = undefined;
    },
    handler: () => inbound,
    buttonsFor: (user) => buttons.get(user) ?? [],
    async send(address: Address, message: OutboundMessage): Promise<SendResult> {
      const parsed = parseAddress(address);
      if (parsed?.platform !== "console" || parsed.kind === "other") {
        throw new AppError("PLATFORM", `the console cannot deliver to ${address}`);
      }
      const to =
        parsed.kind === "user"
          ? `to ${await nameOf(parsed.id)}`
          : parsed.kind === "group"
            ? `to ${(await Promise.all(parsed.ids.map(nameOf))).join(", ")} (group)`
            : `in #${parsed.id}`;
      const body = renderConsoleMessage(message)
        .split("\n")
        .map((line) => `  ${line}`)
        .join("\n");
      output.write(`\n📨 ${to}\n${body}\n`);
      if (message.buttons?.length) {
        for (const user of parsed.kind === "user" ? [parsed.id] : parsed.kind === "group" ? parsed.ids : []) {
          remember(user, message.buttons);
        }
      }
      sent += 1;
      return { ref: `console-${sent}` };
    },
  };
}
