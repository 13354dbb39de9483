/**
 * Sends Tandem's e-mails through SMTP with nodemailer (SMTP_URL, MAIL_FROM): the only nodemailer import.
 * A refusal for good (5xx: no such mailbox, mailbox disabled) is UNREACHABLE, so the dispatcher
 * dead-letters it and tells whoever works with the person once; everything else (4xx, no connection,
 * a timeout) is retried with the dispatcher's backoff.
 */
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import { mailRecipient } from "../../src/domain/addresses.js";
import { AppError } from "../../src/domain/errors.js";
import type { MailSender } from "../../src/ports/mail-sender.js";
import { renderMail } from "./mail-render.js";

export interface SmtpMail extends MailSender {
  /** Connects and greets the server (and logs in, when SMTP_URL has a user): what start-up checks. */
  verify(): Promise<void>;
  close(): void;
}

/** Fields nodemailer puts on its errors. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/**
 * Every e-mail is sent by a program (RFC 3834), so out-of-office replies and other automatic answers do
 * not come back to MAIL_FROM; Exchange reads its own header for that. nodemailer sets neither.
 */
const AUTOMATIC = { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" };

/** Without a server's answer in time, the send is retried later rather than holding the dispatcher. */
const TIMEOUT_MS = 20_000;
const MAX_CONNECTIONS = 3;

export function createSmtpMail(options: {
  smtpUrl: string;
  from: string;
  publicUrl?: string;
  log: Logger;
}): SmtpMail {
  const log = options.log.child({ component: "email" });
  const transport = nodemailer.createTransport(
    {
      url: options.smtpUrl,
      // A few reused connections: a digest morning is many e-mails, and servers limit parallel sessions.
      pool: true,
      maxConnections: MAX_CONNECTIONS,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    },
    { from: options.from },
  );

  return {
    async send(address, message) {
      const to = mailRecipient(address);
      if (!to) throw new AppError("INTERNAL", `not an e-mail address: ${address.split(":")[0]}`);
      const mail = renderMail(message, options.publicUrl);
      try {
        const info = await transport.sendMail({ to, ...mail, headers: AUTOMATIC });
        if (info.rejected.length > 0)
          throw Object.assign(new Error(`the mail server refused ${to}`), { responseCode: 550 });
        return { ref: info.messageId };
      } catch (error) {
        throw toAppError(error as SmtpError, to);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        const e = error as SmtpError;
        throw new AppError(
          "CONFIG",
          e.code === "EAUTH"
            ? `the mail server in SMTP_URL refused the user and password (${e.response ?? e.message}); check SMTP_URL`
            : `cannot reach the mail server in SMTP_URL (${e.code ?? e.message}); check its host and port`,
          { cause: error },
        );
      }
      log.debug("mail server reachable");
    },
    close() {
      transport.close();
    },
  };
}

function toAppError(error: SmtpError, to: string): AppError {
  const said = error.response ?? error.message;
  const code = error.responseCode;
  // A login the server refuses is the operator's to fix, not the recipient's: retried, and logged.
  if (code !== undefined && code >= 500 && code < 600 && error.code !== "EAUTH") {
    return new AppError("UNREACHABLE", `the mail server refused ${to}: ${said}`, { cause: error });
  }
  return new AppError(code === undefined ? "NETWORK" : "PLATFORM", `e-mail to ${to} not sent: ${said}`, {
    cause: error,
    retryable: true,
  });
}
