/**
 * The one reader of request bodies on the shared HTTP server. A body is read only up to a limit: a
 * declared `content-length` over it is refused before a byte is read, and a body that grows past it
 * (chunked, or lying about its length) stops being read at the limit. A refused request's connection
 * is closed, so the rest of its body is never read either.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { err, ok, type Result } from "./domain/result.js";

/** Slack's and Teams' largest payloads are a few tens of kilobytes; 1 MB leaves ample room. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface BodyRefusal {
  status: 400 | 413;
  why: string;
}

/** The declared length is over the limit (checked before anything is read). */
export function declaredTooLarge(req: IncomingMessage, limit = MAX_BODY_BYTES): boolean {
  const declared = Number(req.headers["content-length"] ?? 0);
  return Number.isFinite(declared) && declared > limit;
}

export async function readBody(
  req: IncomingMessage,
  limit = MAX_BODY_BYTES,
): Promise<Result<Buffer, BodyRefusal>> {
  if (declaredTooLarge(req, limit)) return err({ status: 413, why: `the body is over ${limit} bytes` });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Result<Buffer, BodyRefusal>) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Not one more byte: the caller answers 413 and closes the connection (destroying the request here
      // would close the socket before the answer could be written).
      req.pause();
      chunks.length = 0;
      finish(err({ status: 413, why: `the body is over ${limit} bytes` }));
    };
    const onEnd = () => finish(ok(Buffer.concat(chunks, size)));
    const onError = () => finish(err({ status: 400, why: "the body could not be read" }));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onError);
  });
}

/**
 * Answers a refused request in plain text. When its body was not read to the end, the connection is
 * closed too: Node would otherwise read and discard the rest of the body to keep the connection alive.
 */
export function refuseRequest(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    ...(res.req.complete ? {} : { connection: "close" }),
  });
  res.end(text);
}
