import { parseAddress } from "../../src/domain/addresses.js";
import { AppError } from "../../src/domain/errors.js";
import type { Address, OutboundMessage } from "../../src/domain/messages.js";
import type { ChatPlatform, InboundHandler, SendResult } from "../../src/ports/chat-platform.js";

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

/** The console as a chat platform: messages to people are printed with who they are for. */
export function createConsolePlatform(
  output: ConsoleOutput,
  nameOf: (user: string) => string,
): ChatPlatform & {
  handler(): InboundHandler | undefined;
} {
  let inbound: InboundHandler | undefined;
  let sent = 0;
  return {
    name: "console",
    async start(handler) {
      inbound = handler;
    },
    async stop() {
      inbound = undefined;
    },
    handler: () => inbound,
    async send(address: Address, message: OutboundMessage): Promise<SendResult> {
      const parsed = parseAddress(address);
      if (parsed?.platform !== "console" || parsed.kind === "other") {
        throw new AppError("PLATFORM", `the console cannot deliver to ${address}`);
      }
      const to =
        parsed.kind === "user"
          ? `to ${nameOf(parsed.id)}`
          : parsed.kind === "group"
            ? `to ${parsed.ids.map(nameOf).join(", ")} (group)`
            : `in #${parsed.id}`;
      const body = renderConsoleMessage(message)
        .split("\n")
        .map((line) => `  ${line}`)
        .join("\n");
      output.write(`\n📨 ${to}\n${body}\n`);
      sent += 1;
      return { ref: `console-${sent}` };
    },
  };
}
