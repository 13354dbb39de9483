/** Words for a person whose assumed time zone was replaced by the one their platform gave. */
import type { Platform } from "../types.js";

const FROM: Record<Platform, string> = { slack: "Slack", teams: "Teams", console: "the playground" };

export const assumedZoneCopy = {
  learnt: (p: { zone: string; assumed: string; hours: string; country: string; platform: Platform }) =>
    `Tandem now uses your time zone from ${FROM[p.platform]}, ${p.zone}: when you were set up it could only assume ${p.assumed}. ` +
    `Your contact hours stay ${p.hours}, now in ${p.zone}; your public holidays stay ${p.country ? `those of ${p.country}` : "none (no country set)"}. ` +
    "If either is wrong, correct it with e.g. my hours Mon-Fri 09:00-17:00 or my country BR SP.",
};
