import { IANAZone } from "luxon";
import { formatContactHours, readContactHours } from "../contact-hours.js";
import { validateCountryRegion } from "../holidays.js";
import { err, ok } from "../result.js";
import type { CommandSpec } from "./spec.js";
import { textOf } from "./tokens.js";

const HOURS: CommandSpec = {
  id: "my.hours",
  words: ["my", "hours"],
  usage: "my hours [<days> <from>-<to>]",
  summary: "Set your own contact hours: Tandem messages you, and counts your reply times, only then.",
  details:
    'Days and times in your own time zone, several groups separated by ";", e.g. my hours Mon-Thu 09:00-17:00; Fri 09:00-13:00. "my hours" alone shows them.',
  example: "my hours Mon-Thu 08:00-16:00",
  parse(args) {
    if (args.tokens.length === 0) return ok({ name: "my.hours" });
    const hours = readContactHours(textOf(args));
    if (!hours.ok) return err(`${hours.error}. For example: my hours Mon-Thu 08:00-16:00`);
    // Stored as Tandem writes them, so every reader gets the same text.
    return ok({ name: "my.hours", hours: formatContactHours(hours.value) });
  },
};

const COUNTRY: CommandSpec = {
  id: "my.country",
  words: ["my", "country"],
  usage: "my country [<country code> [<region>]]",
  summary: "Set the country (and region) whose public holidays are your days off.",
  details:
    'A two-letter ISO code, and the region when its holidays differ, e.g. my country BR SP or my country DE BY. "my country" alone shows yours.',
  example: "my country BR SP",
  parse(args) {
    if (args.tokens.length === 0) return ok({ name: "my.country" });
    if (args.tokens.length > 2) {
      return err("Give a country code and, if you like, a region, e.g. my country BR SP.");
    }
    const country = args.tokens[0]!.text.toUpperCase();
    const region = args.tokens[1]?.text.toUpperCase();
    const known = validateCountryRegion(country, region);
    if (!known.ok) return err(`${known.error}; e.g. my country BR SP`);
    return ok({ name: "my.country", country, ...(region ? { region } : {}) });
  },
};

const TIMEZONE: CommandSpec = {
  id: "my.timezone",
  words: ["my", "timezone"],
  usage: "my timezone [<IANA zone>]",
  summary: "Set your own time zone: your contact hours and check-in times count in it.",
  details:
    'An IANA name such as Europe/Berlin or America/Sao_Paulo; your contact hours and country stay as they are. "my timezone" alone shows yours.',
  example: "my timezone America/Sao_Paulo",
  parse(args) {
    if (args.tokens.length === 0) return ok({ name: "my.timezone" });
    const given = args.tokens[0]!.text;
    // Spelled as the time zone database does (europe/berlin -> Europe/Berlin).
    const zone = IANAZone.isValidZone(given)
      ? new Intl.DateTimeFormat("en", { timeZone: given }).resolvedOptions().timeZone
      : undefined;
    if (args.tokens.length > 1 || !zone) {
      return err(
        "Give an IANA time zone name, e.g. my timezone Europe/Berlin or my timezone America/Sao_Paulo.",
      );
    }
    return ok({ name: "my.timezone", timezone: zone });
  },
};

const DIGESTS: CommandSpec = {
  id: "my.digests",
  words: ["my", "digests"],
  usage: "my digests [email|chat]",
  summary: "Choose where your weekly digests go: by e-mail or in chat.",
  details:
    'For people with both a chat account and an e-mail address in the programme file; everything else stays in chat. "my digests" alone shows where they go.',
  example: "my digests email",
  parse(args) {
    if (args.tokens.length === 0) return ok({ name: "my.digests" });
    const where = args.tokens[0]!.text.toLowerCase().replace(/^e-mail$/, "email");
    if (args.tokens.length > 1 || (where !== "email" && where !== "chat")) {
      return err("Say where your digests should go: my digests email, or my digests chat.");
    }
    return ok({ name: "my.digests", to: where });
  },
};

export const MY_SETTINGS_COMMANDS: readonly CommandSpec[] = [HOURS, COUNTRY, TIMEZONE, DIGESTS];
