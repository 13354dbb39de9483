/**
 * A real SMTP server on loopback (the `smtp-server` package) that parses what arrives with `mailparser`
 * and keeps it for the test; no mail leaves the machine. `refuse(address)` makes it answer 550 to that
 * recipient (a mailbox that does not exist), `failNext(code)` answers the next recipient with a
 * temporary 4xx (or any code) once.
 */
import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The Auto-Submitted header (RFC 3834), if any. */
  autoSubmitted: string | undefined;
}

export interface FakeSmtpServer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  readonly url: string;
  readonly received: ReceivedMail[];
  refuse(address: string): void;
  failNext(code: number, message?: string): void;
  /** Resolves once `count` mails have arrived (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) =>
    a.value.map((v) => (v.address ?? "").toLowerCase()),
  );

export async function startFakeSmtpServer(): Promise<FakeSmtpServer> {
  const received: ReceivedMail[] = [];
  const refused = new Set<string>();
  let failure: { code: number; message: string } | undefined;
  const waiters: (() => void)[] = [];

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      if (failure) {
        const { code, message } = failure;
        failure = undefined;
        return callback(Object.assign(new Error(message), { responseCode: code }));
      }
      if (refused.has(to))
        return callback(Object.assign(new Error(`5.1.1 <${to}>: no such mailbox`), { responseCode: 550 }));
      return callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            from: addresses(mail.from)[0] ?? "",
            to: addresses(mail.to),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            messageId: mail.messageId ?? "",
            autoSubmitted: mail.headers.get("auto-submitted")?.toString(),
          });
          for (const wake of waiters.splice(0)) wake();
          callback();
        },
        (error: unknown) => callback(error as Error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as { port: number };

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (address) => {
      refused.add(address.toLowerCase());
    },
    failNext: (code, message = "4.3.0 try again later") => {
      failure = { code, message };
    },
    async waitFor(count, ms = 5_000) {
      const deadline = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
