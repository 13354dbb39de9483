/**
 * A file someone shared in a direct message to Tandem, downloaded with the bot token (scope files:read)
 * before the event reaches the core, so the core gets its text and never goes to the network for it.
 */
import { MAX_PROGRAMME_BYTES } from "../../src/domain/copy/chat-import.js";
import type { MessageEvent } from "../../src/domain/messages.js";

type Attachment = NonNullable<MessageEvent["attachment"]>;

interface SlackFile {
  name?: unknown;
  title?: unknown;
  size?: unknown;
  url_private_download?: unknown;
  url_private?: unknown;
}

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);

export async function readSharedFile(
  file: SlackFile,
  token: string | undefined,
  timeoutMs: number,
): Promise<Attachment> {
  const name = text(file.name) ?? text(file.title) ?? "the file";
  if (typeof file.size === "number" && file.size > MAX_PROGRAMME_BYTES) {
    return { name, problem: `it is larger than ${MAX_PROGRAMME_BYTES / 1024} KB` };
  }
  const url = text(file.url_private_download) ?? text(file.url_private);
  if (!url || !token) return { name, problem: "Slack gave Tandem no way to download it" };
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Without files:read Slack answers with its sign-in page instead of the file.
    if (!response.ok || (response.headers.get("content-type") ?? "").includes("text/html")) {
      return {
        name,
        problem: `Slack did not hand it over (HTTP ${response.status}); the Tandem app needs the files:read scope (reinstall it)`,
      };
    }
    const body = await response.arrayBuffer();
    if (body.byteLength > MAX_PROGRAMME_BYTES) {
      return { name, problem: `it is larger than ${MAX_PROGRAMME_BYTES / 1024} KB` };
    }
    return { name, text: new TextDecoder("utf-8").decode(body) };
  } catch (error) {
    return { name, problem: `Slack could not be reached for it (${(error as Error).message})` };
  }
}
