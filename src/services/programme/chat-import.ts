/**
 * A programme file sent to Tandem in a direct message (Slack: a file shared in the DM; Teams: a file
 * in the personal chat), imported as `tandem import` would, so a Docker deployment needs no shell. Only
 * workspace admins and owners and programme admins may; the platform is asked before the import's own
 * transaction, and the answer is the same report the command line prints.
 */
import type { Logger } from "pino";
import { chatImportCopy as copy, MAX_PROGRAMME_BYTES } from "../../domain/copy/chat-import.js";
import { isAppError } from "../../domain/errors.js";
import type { MessageEvent, Reply } from "../../domain/messages.js";
import type { Clock } from "../../ports/clock.js";
import type { Directories } from "../../ports/platform-directory.js";
import type { Store } from "../../ports/store.js";
import { setupAccess } from "../setup/setup-access.js";
import { importProgramme, parseProgrammeText } from "./import-programme.js";
import { importedLine, importReport, pruneReport } from "./import-report.js";

/** Slack shows about 40 lines of a message comfortably; the rest is counted. */
const MAX_LINES = 40;

export interface ChatImportDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  directories?: Directories;
}

/** Whether this event is a file sent to Tandem, for importChatFile. */
export const isFileForTandem = (event: MessageEvent): boolean =>
  event.isDirect && !event.fromBot && event.attachment !== undefined;

function fitted(text: string): string {
  const lines = text.trimEnd().split("\n");
  if (lines.length <= MAX_LINES) return lines.join("\n");
  return [...lines.slice(0, MAX_LINES - 1), copy.more(lines.length - MAX_LINES + 1)].join("\n");
}

/** Imports the attached file; undefined for a redelivered event. Call it outside any transaction. */
export async function importChatFile(deps: ChatImportDeps, event: MessageEvent): Promise<Reply | undefined> {
  const { store, clock } = deps;
  const now = clock.now();
  const fresh = await store.transaction(
    async () => await store.inbound.firstSeen(event.platform, event.workspace, event.id, now),
  );
  if (!fresh) return undefined;
  const file = event.attachment!;
  if (!/\.(ya?ml|json)$/i.test(file.name)) return { text: copy.notAProgramme(file.name) };
  if ("problem" in file) return { text: copy.unreadable(file.name, file.problem) };
  if (Buffer.byteLength(file.text, "utf8") > MAX_PROGRAMME_BYTES) {
    return { text: copy.unreadable(file.name, copy.tooLarge()) };
  }
  const directory = deps.directories?.get(event.platform);
  if (!directory) return { text: copy.noPlatform() };
  // The same people as for set-up in chat: the platform's admins and owners, and programme admins.
  const access = await setupAccess(store, directory, event.platform, event.workspace, event.user);
  if (!access.allowed) return { text: copy.notAllowed(access.admins) };
  try {
    const raw = parseProgrammeText(file.text, file.name);
    const target = (raw as { workspace?: { platform?: unknown; id?: unknown } } | null)?.workspace;
    if (target?.platform !== event.platform || target?.id !== event.workspace) {
      return {
        text: copy.otherWorkspace(
          `${String(target?.platform)}:${String(target?.id)}`,
          `${event.platform}:${event.workspace}`,
        ),
      };
    }
    const summary = await importProgramme(store, raw, now, `chat:${event.user}`, {
      ...(directory ? { directory } : {}),
    });
    // The first to import into a fresh Teams workspace becomes its programme admin, as with set-up.
    if (access.via === "first-admin") {
      const workspace = await store.workspaces.find(event.platform, event.workspace);
      if (workspace) await store.programmeAdmins.add(workspace.id, event.user, event.user, now);
    }
    deps.log.info(
      { workspace: summary.workspace, by: event.user },
      "a programme file was imported from chat",
    );
    return {
      text: fitted(
        importedLine(summary, file.name) +
          importReport(summary.report, event.platform) +
          pruneReport(summary.pruning, file.name, "tandem import <file> --apply on the server"),
      ),
    };
  } catch (error) {
    if (isAppError(error) && error.code === "BAD_INPUT") return { text: fitted(copy.refused(error.message)) };
    if (isAppError(error) && error.retryable) return { text: copy.noPlatform() };
    throw error;
  }
}
