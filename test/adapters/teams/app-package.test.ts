import { crc32, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { teamsAppPackage } from "../../../adapters/teams/app-package.js";
import { COMMANDS } from "../../../src/domain/command-syntax/registry.js";
import { displayName } from "../../../src/domain/command-syntax/spec.js";
import { TEAMS_MENU } from "../../../src/domain/command-syntax/teams-menu.js";

const BOT_ID = "11111111-2222-3333-4444-555555555555";

/** Reads a zip through its central directory, checking each local header and CRC on the way. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    expect(zip.toString("utf8", local + 30, local + 30 + nameLength)).toBe(name);
    // A valid MS-DOS date: month 1-12 and day 1-31.
    const date = zip.readUInt16LE(local + 12);
    expect((date >> 5) & 0xf).toBeGreaterThanOrEqual(1);
    expect(date & 0x1f).toBeGreaterThanOrEqual(1);
    const start = local + 30 + nameLength + zip.readUInt16LE(local + 28);
    const stored = zip.subarray(start, start + zip.readUInt32LE(at + 20));
    const data = method === 8 ? inflateSync(stored) : stored;
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extra;
  }
  return files;
}

/** Width, height and colour type from a PNG's signature and IHDR chunk, after checking every chunk's CRC. */
function png(data: Buffer) {
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    const type = data.toString("ascii", at + 4, at + 8);
    const body = data.subarray(at + 8, at + 8 + length);
    expect(data.readUInt32BE(at + 8 + length)).toBe(crc32(data.subarray(at + 4, at + 8 + length)));
    if (type === "IDAT") idat.push(body);
    chunks.push(type);
    at += 12 + length;
  }
  expect(chunks[0]).toBe("IHDR");
  expect(chunks.at(-1)).toBe("IEND");
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const colourType = data[25];
  // RGBA rows with a filter byte each, once inflated.
  expect(inflateSync(Buffer.concat(idat)).length).toBe(height * (1 + width * 4));
  return { width, height, colourType };
}

describe("the Teams app package", () => {
  const files = unzip(teamsAppPackage({ botId: BOT_ID }));
  const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as Record<string, unknown>;
  type Bot = { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: unknown[] }[] };

  it("holds manifest.json and the two icons, at the root of the zip", () => {
    expect([...files.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
  });

  it("names the bot in the manifest, with command lists for every scope", () => {
    expect(manifest.id).toBe(BOT_ID);
    const [bot] = manifest.bots as Bot[];
    expect(bot?.botId).toBe(BOT_ID);
    expect(bot?.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(bot?.commandLists.map((l) => l.scopes)).toEqual([["personal"], ["team"], ["groupChat"]]);
    for (const list of bot?.commandLists ?? []) {
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands as { title: string; description: string }[]) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
    const personal = (bot?.commandLists[0]?.commands ?? []) as { title: string }[];
    expect(personal.map((c) => c.title)).toContain("help");
  });

  it("lists each scope's chosen commands, a summary too long for Teams cut between words", () => {
    const [bot] = manifest.bots as Bot[];
    const lists = bot?.commandLists ?? [];
    const scopes = ["personal", "team", "groupChat"] as const;
    scopes.forEach((scope, i) => {
      const commands = lists[i]?.commands as { title: string; description: string }[];
      const chosen = TEAMS_MENU[scope].map((name) => COMMANDS.find((spec) => spec.id === name)!);
      expect(commands.map((c) => c.title)).toEqual(chosen.map(displayName));
      chosen.forEach((spec, j) => {
        const description = commands[j]!.description;
        if (spec.summary.length <= 128) expect(description).toBe(spec.summary);
        else {
          expect(description).toMatch(/\w…$/);
          expect(description.length).toBeLessThanOrEqual(128);
          expect(`${spec.summary} `).toContain(`${description.slice(0, -1)} `);
        }
      });
    });
    const team = (lists[1]?.commands ?? []) as { title: string }[];
    expect(team.map((c) => c.title)).toEqual(expect.arrayContaining(["try checkin", "setup"]));
  });

  it("asks resource-specific consent to read channel and group chat messages without an @mention", () => {
    expect(manifest.authorization).toEqual({
      permissions: {
        resourceSpecific: [
          { name: "ChannelMessage.Read.Group", type: "Application" },
          { name: "ChatMessage.Read.Chat", type: "Application" },
        ],
      },
    });
    expect(manifest.webApplicationInfo).toEqual({ id: BOT_ID, resource: `api://botid-${BOT_ID}` });
  });

  it("has a 192 px colour icon and a 32 px outline icon, both valid RGBA PNGs", () => {
    expect(png(files.get("color.png")!)).toEqual({ width: 192, height: 192, colourType: 6 });
    expect(png(files.get("outline.png")!)).toEqual({ width: 32, height: 32, colourType: 6 });
  });
});
