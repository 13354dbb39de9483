/** Reading the `tandem` command's arguments: options, the positional argument, the workspace. */
import { AppError } from "./domain/errors.js";
import type { Platform } from "./domain/types.js";
import type { Store } from "./ports/store.js";

/** Where the command writes and reads, and its environment (tests pass their own). */
export interface CliIo {
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** Where to look for a .env file (the process's working directory); none is read without it. */
  cwd?: string;
}

export function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith("--")) throw new AppError("BAD_INPUT", `${name} needs a value`);
  return value;
}

/** The workspace named by --workspace, or the only one there is. */
export async function chooseWorkspace(
  store: Store,
  named: string | undefined,
  verb: string,
): Promise<{ platform: Platform; id: string }> {
  if (named) {
    const [p, ...rest] = named.split(":");
    if (!p || rest.length === 0 || !["slack", "teams", "console"].includes(p)) {
      throw new AppError(
        "BAD_INPUT",
        `--workspace "${named}" must look like slack:T0001, teams:<tenant id> or console:demo`,
      );
    }
    return { platform: p as Platform, id: rest.join(":") };
  }
  const workspaces = await store.workspaces.list();
  if (workspaces.length === 1) return { platform: workspaces[0]!.platform, id: workspaces[0]!.externalId };
  const known = workspaces.map((w) => `${w.platform}:${w.externalId}`).join(", ") || "none yet";
  throw new AppError("BAD_INPUT", `say which workspace to ${verb} with --workspace (known: ${known})`);
}

/** The first argument that is neither an option nor an option's value. */
export function positional(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.startsWith("--")) i += 1;
    else return args[i];
  }
  return undefined;
}

/** An `--at` value: an ISO instant, e.g. 2026-12-01T09:30:00Z. */
export function parseInstant(text: string): Date {
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw new AppError(
      "BAD_INPUT",
      `--at "${text}" is not an ISO instant; write it like 2026-12-01T09:30:00Z`,
    );
  }
  return at;
}
