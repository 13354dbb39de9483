import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli.js";

/** Runs `tandem <args>` in this process with captured output and an empty stdin. */
export async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: {
      write: (t: string) => {
        stdout += t;
      },
    },
    stderr: {
      write: (t: string) => {
        stderr += t;
      },
    },
    stdin: new PassThrough(),
    env: { LOG_LEVEL: "silent", ...env },
  });
  return { code, stdout, stderr };
}
