/** Replies to a programme file sent to Tandem in a direct message. */

export const MAX_PROGRAMME_BYTES = 512 * 1024;

export const chatImportCopy = {
  notAProgramme: (name: string) =>
    `I read programme files only (.yaml, .yml or .json), and ${name} is not one. Type "help" for what else I do.`,
  unreadable: (name: string, problem: string) =>
    `I could not read ${name}: ${problem}. Send it again, or import it with tandem import on the server.`,
  tooLarge: () => `it is larger than ${MAX_PROGRAMME_BYTES / 1024} KB`,
  notAllowed: (admins: readonly string[]) =>
    `Only the workspace's admins and owners and the programme admins can import a programme file.${admins.length ? ` Tandem's programme admins are ${admins.join(", ")}.` : ""} Ask one of them to send it, or to make you a programme admin.`,
  otherWorkspace: (file: string, here: string) =>
    `This file is for ${file}, and this is ${here}: change its workspace: line, or send it in that workspace.`,
  noPlatform: () => "Tandem cannot ask this platform who its people are right now; try again in a moment.",
  refused: (problems: string) => `Nothing was imported. ${problems}`,
  more: (n: number) =>
    `… and ${n} more line${n === 1 ? "" : "s"}: import the file with tandem import to see them all.`,
};
