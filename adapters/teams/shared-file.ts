/**
 * A file someone sent to Tandem in their personal chat (the app manifest's `supportsFiles`): Teams puts it
 * in the sender's OneDrive and hands the bot an attachment of type file.download.info whose downloadUrl is
 * pre-authorised for a few minutes. It is downloaded here, before the event reaches the core, so the core
 * gets its text and never goes to the network for it. The bot's token is not sent: the link is
 * SharePoint's, not the Bot Connector's.
 */
import { MAX_PROGRAMME_BYTES } from "../../src/domain/copy/chat-import.js";
import type { MessageEvent } from "../../src/domain/messages.js";

type Attachment = NonNullable<MessageEvent["attachment"]>;

export const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";

/** An attachment as it arrives on an activity: only what Tandem reads. */
export interface TeamsAttachment {
  contentType?: unknown;
  name?: unknown;
  content?: unknown;
}

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);

/** The first attachment that is a file sent to the bot (the message's text comes as a text/html one). */
export function sentFile(attachments: unknown): TeamsAttachment | undefined {
  if (!Array.isArray(attachments)) return undefined;
  return attachments.find(
    (a): a is TeamsAttachment =>
      typeof a === "object" && a !== null && (a as TeamsAttachment).contentType === FILE_DOWNLOAD_INFO,
  );
}

const tooLarge = (name: string): Attachment => ({
  name,
  problem: `it is larger than ${MAX_PROGRAMME_BYTES / 1024} KB`,
});

export async function readSentFile(file: TeamsAttachment, timeoutMs: number): Promise<Attachment> {
  const content = (typeof file.content === "object" && file.content !== null ? file.content : {}) as Record<
    string,
    unknown
  >;
  const type = text(content.fileType);
  const name = text(file.name) ?? (type ? `the .${type} file` : "the file");
  const url = text(content.downloadUrl);
  if (!url || !/^https?:\/\//i.test(url)) return { name, problem: "Teams gave Tandem no way to download it" };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    if (!response.ok) {
      return {
        name,
        problem: `Teams did not hand it over (HTTP ${response.status}); its link lasts only a few minutes`,
      };
    }
    if (Number(response.headers.get("content-length") ?? 0) > MAX_PROGRAMME_BYTES) {
      await response.body?.cancel();
      return tooLarge(name);
    }
    const body = await response.arrayBuffer();
    if (body.byteLength > MAX_PROGRAMME_BYTES) return tooLarge(name);
    return { name, text: new TextDecoder("utf-8").decode(body) };
  } catch (error) {
    return { name, problem: `Teams could not be reached for it (${(error as Error).message})` };
  }
}
