/**
 * The Teams app package: manifest.json (bot id, scopes, command lists, resource-specific consent to read
 * the home channel) and the two icons, zipped as Teams' "Upload a custom app" expects.
 */
import { crc32, deflateSync } from "node:zlib";
import { COMMANDS } from "../../src/domain/command-syntax/registry.js";
import { displayName } from "../../src/domain/command-syntax/spec.js";
import { TEAMS_MENU, type TeamsScope } from "../../src/domain/command-syntax/teams-menu.js";

export interface PackageOptions {
  botId: string;
  /** Where people read about Tandem; Teams requires these URLs. */
  websiteUrl?: string;
  version?: string;
}

/** Teams refuses a longer command description: cut between words, and say so with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, "")}…`;
}

export function teamsManifest(options: PackageOptions): Record<string, unknown> {
  const site = options.websiteUrl ?? "https://github.com/tandem-internships/tandem";
  // Teams shows at most 10 commands per scope: each scope's ten are chosen in teams-menu.ts.
  const commandsFor = (scope: TeamsScope) =>
    TEAMS_MENU[scope].map((name) => {
      const spec = COMMANDS.find((s) => s.id === name);
      if (!spec) throw new Error(`the Teams menu names ${name}, which is not a command`);
      return { title: displayName(spec).slice(0, 32), description: shorten(spec.summary, 128) };
    });
  return {
    $schema: "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json",
    manifestVersion: "1.17",
    version: options.version ?? "0.1.0",
    id: options.botId,
    developer: {
      name: "Tandem",
      websiteUrl: site,
      privacyUrl: `${site}#privacy`,
      termsOfUseUrl: `${site}#terms`,
    },
    name: { short: "Tandem", full: "Tandem: virtual internships, connected" },
    description: {
      short: "Keeps a virtual intern connected to the company hosting them.",
      full: "Daily check-ins at the intern's local time, milestones with acceptance and feedback, the agreed time to reply watched in both directions, introductions to several colleagues, all inside contact hours and with a reason for every message.",
    },
    icons: { color: "color.png", outline: "outline.png" },
    accentColor: "#2C3E50",
    bots: [
      {
        botId: options.botId,
        scopes: ["personal", "team", "groupChat"],
        // A programme file sent in the personal chat is imported (an admin needs no shell on the server).
        supportsFiles: true,
        isNotificationOnly: false,
        commandLists: (["personal", "team", "groupChat"] as const).map((scope) => ({
          scopes: [scope],
          commands: commandsFor(scope),
        })),
      },
    ],
    permissions: ["identity", "messageTeamMembers"],
    validDomains: [],
    webApplicationInfo: { id: options.botId, resource: `api://botid-${options.botId}` },
    // Resource-specific consent: read the home channel's and group chats' messages without an @mention.
    authorization: {
      permissions: {
        resourceSpecific: [
          { name: "ChannelMessage.Read.Group", type: "Application" },
          { name: "ChatMessage.Read.Chat", type: "Application" },
        ],
      },
    },
  };
}

/** A minimal PNG: a rounded square in the accent colour with a lighter centre mark (colour), or a white mark on transparency (outline). */
export function icon(size: number, outline: boolean): Buffer {
  const rows: Buffer[] = [];
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x += 1) {
      const dx = Math.abs(x - centre) / size;
      const dy = Math.abs(y - centre) / size;
      const mark = Math.hypot(dx + 0.12, dy) < 0.22 || Math.hypot(dx - 0.12, dy) < 0.22;
      const pixel = outline
        ? mark
          ? [255, 255, 255, 255]
          : [0, 0, 0, 0]
        : mark
          ? [236, 240, 241, 255]
          : [44, 62, 80, 255];
      row.set(pixel, 1 + x * 4);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** 1980-01-01, the first valid MS-DOS date: an all-zero date (month 0, day 0) is malformed. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A zip with stored (uncompressed) entries: all Teams needs, without a zip library. */
export function zip(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, "utf8");
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, file.data);
    centrals.push(central, name);
    offset += local.length + name.length + file.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function teamsAppPackage(options: PackageOptions): Buffer {
  return zip([
    { name: "manifest.json", data: Buffer.from(JSON.stringify(teamsManifest(options), null, 2)) },
    { name: "color.png", data: icon(192, false) },
    { name: "outline.png", data: icon(32, true) },
  ]);
}
