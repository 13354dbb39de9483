import { PassThrough } from "node:stream";

/** A line-writable input and a captured output, for driving the playground and the CLI. */
export function createTerminal() {
  const input = new PassThrough();
  let text = "";
  const output = {
    write(chunk: string) {
      text += chunk;
    },
  };
  return {
    input,
    output,
    type: (...lines: string[]) => {
      for (const line of lines) input.write(`${line}\n`);
    },
    end: () => input.end(),
    text: () => text,
  };
}
