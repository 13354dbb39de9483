/**
 * A `.env` file in the working directory, read by `npm start` and `tandem` (as Node's --env-file and
 * dotenv do): it fills the variables the environment leaves unset, so an operator's export still wins.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { SETTING_NAMES } from "./config.js";
import { closest } from "./domain/command-syntax/suggest.js";
import { AppError } from "./domain/errors.js";

/** Where the settings came from, by variable name only (values may be secrets). */
export interface SettingsSource {
  /** The .env file that was read, or where one was looked for. */
  file: string;
  found: boolean;
  /** Tandem's variables the file set. */
  fromFile: string[];
  /** Tandem's variables set in the environment (the file's value for them, if any, is ignored). */
  fromEnvironment: string[];
  /** Variables the file names but the environment already set: the environment's value is used. */
  overridden: string[];
  /** Names in the file that look like Tandem's but are not, with the likely one meant. */
  unknown: { name: string; meant?: string }[];
}

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== "";
/** Prefixes of Tandem's own variables: another name with one of these is probably a typo. */
const OURS = /^(SLACK|MICROSOFT|TEAMS|DATABASE|RETENTION|LOG|PLATFORMS?|SCHEDULER|REPLICA)(_|$)/;

/** SLACK_TOKEN: every variable holding all its words (SLACK_BOT_TOKEN or SLACK_APP_TOKEN), else the closest spelling. */
function likelyMeant(name: string): string | undefined {
  const words = name.split("_").filter(Boolean);
  const holding = SETTING_NAMES.filter((known) => words.every((word) => known.split("_").includes(word)));
  if (holding.length > 0) return holding.join(" or ");
  return closest(SETTING_NAMES, () => name);
}

/**
 * Reads `<cwd>/.env` when present and copies into `env` every variable it sets that `env` does not (a
 * blank value counts as unset, as in the configuration). Returns what came from where.
 */
export function applyEnvFile(env: NodeJS.ProcessEnv, cwd: string): SettingsSource {
  const file = join(cwd, ".env");
  const fromEnvironment = SETTING_NAMES.filter((name) => isSet(env[name]));
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      return { file, found: false, fromFile: [], fromEnvironment, overridden: [], unknown: [] };
    }
    throw new AppError(
      "CONFIG",
      `cannot read ${file} (${code ?? "error"}): let Tandem's account read it, or remove it and set the variables in the environment`,
      { cause },
    );
  }
  const values = parseEnv(text);
  // Node's parser does not keep the file's order: name them alphabetically, the same every time.
  const names = Object.keys(values).sort();
  const fromFile: string[] = [];
  const overridden: string[] = [];
  for (const name of names) {
    const value = values[name];
    if (value === undefined) continue;
    if (isSet(env[name])) {
      if (SETTING_NAMES.includes(name) && value !== env[name]) overridden.push(name);
      continue;
    }
    env[name] = value;
    if (SETTING_NAMES.includes(name) && isSet(value)) fromFile.push(name);
  }
  const unknown = names
    .filter((name) => OURS.test(name) && !SETTING_NAMES.includes(name))
    .map((name) => {
      const meant = likelyMeant(name);
      return meant ? { name, meant } : { name };
    });
  return { file, found: true, fromFile, fromEnvironment, overridden, unknown };
}

/** Settings read from the environment alone (no file looked for): tests and embedders. */
export function environmentOnly(env: NodeJS.ProcessEnv): SettingsSource {
  return {
    file: "",
    found: false,
    fromFile: [],
    fromEnvironment: SETTING_NAMES.filter((name) => isSet(env[name])),
    overridden: [],
    unknown: [],
  };
}
