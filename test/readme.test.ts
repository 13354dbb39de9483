/**
 * The README's command lists against the code: the chat commands table against the command registry, the
 * `tandem` command table against the CLI's usage, and every chat command the set-up steps tell people to
 * type against the parser, so the documentation cannot name a command that does not exist.
 */
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import { parseCommand as parseChatCommand } from "../src/domain/command-syntax/parse.js";
import { COMMANDS, findCommand } from "../src/domain/command-syntax/registry.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The text of one `## ` section, without its heading. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  expect(start, `README has a "## ${heading}" section`).toBeGreaterThan(-1);
  const body = README.slice(start + heading.length + 5);
  const next = body.search(/\n## /);
  return next === -1 ? body : body.slice(0, next);
}

/** Every `code` span in the first cell of each table row of a section. */
function firstCells(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => {
      const cell = line.slice(1).split(/(?<!\\)\|/)[0] ?? "";
      return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, "|"));
    });
}

/** The command a usage names: the longest run of leading keywords that is a command. */
function commandOf(usage: string): string | undefined {
  const words: string[] = [];
  for (const token of usage.split(/\s+/)) {
    if (!/^[a-z]+$/.test(token)) break;
    words.push(token);
  }
  for (let n = words.length; n > 0; n--) {
    const spec = findCommand(words.slice(0, n).join(" "));
    if (spec) return spec.id;
  }
  return undefined;
}

describe("the README's chat commands", () => {
  const listed = firstCells(section("Commands"));

  it("names only commands that exist", () => {
    expect(listed.length).toBeGreaterThan(20);
    for (const usage of listed) expect(commandOf(usage), `README lists \`${usage}\``).toBeDefined();
  });

  it("lists every command of the registry", () => {
    const documented = new Set(listed.map(commandOf));
    const missing = COMMANDS.filter((spec) => !documented.has(spec.id)).map((spec) => spec.usage);
    expect(missing).toEqual([]);
  });

  it("tells people to type only commands Tandem reads (/tandem and @Tandem)", () => {
    const typed = [...README.matchAll(/`(?:\/tandem|@Tandem) ([^`<]+)`/g)].map((m) => m[1]!);
    expect(typed).toEqual(expect.arrayContaining(["setup", "try checkin for @intern"]));
    for (const text of typed) {
      const parsed = parseChatCommand(text, { today: "2026-12-01" });
      expect(parsed.ok, `README says to type "${text}"`).toBe(true);
    }
  });
});

describe("the README's tandem commands", () => {
  async function usage(): Promise<string> {
    const out: string[] = [];
    const io = {
      stdout: { write: (text: string) => void out.push(text) },
      stderr: { write: () => undefined },
      stdin: new PassThrough(),
      env: {},
    };
    expect(await runCli(["help"], io)).toBe(0);
    return out.join("");
  }

  it("lists exactly the commands the CLI runs", async () => {
    const cli = new Set(
      [...(await usage()).matchAll(/^ {2}([a-z][a-z-]*)(?: |$)/gm)].map((m) => m[1]!).filter(Boolean),
    );
    expect(cli.has("teams-manifest")).toBe(true);
    const table = new Set(firstCells(section("The `tandem` command")).map((cell) => cell.split(" ")[0]));
    expect([...table].sort()).toEqual([...cli].sort());
  });

  it("mentions no tandem command the CLI does not run", async () => {
    const text = await usage();
    const mentioned = [
      ...README.matchAll(/`(?:npm run tandem -- |tandem )([a-z][a-z-]*)/g),
      ...README.matchAll(/bin\/tandem\.js ([a-z][a-z-]*)/g),
    ].map((m) => m[1]!);
    expect(mentioned.length).toBeGreaterThan(5);
    for (const command of mentioned)
      expect(text, `README mentions tandem ${command}`).toMatch(new RegExp(`^ {2}${command}(?: |$)`, "m"));
  });
});
