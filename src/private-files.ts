/**
 * Tandem's files hold check-ins, blockers and reflections: only the account that runs Tandem may read
 * them. Files are 0600 and folders 0700, set explicitly where they are written (the process umask is
 * set too, in the CLI's entry, for whatever a library creates).
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;
/** Masks group and other permissions off everything the process creates. */
export const PRIVATE_UMASK = 0o077;

/** Writes (or replaces) a file only its owner can read; an existing file's mode is narrowed too. */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Narrows an existing file to its owner (a database created by an older Tandem, its -wal and -shm). */
export function makePrivate(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}

/** Creates a folder (and its parents) only its owner can enter; an existing folder is left as it is. */
export function makePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}
