/**
 * The programme the inbound benchmarks seed: N internships, each with its own intern, supervisor and
 * home channel, in one Slack workspace or Teams tenant. The names are shared with the request builders
 * so the load talks about people and channels the service knows.
 */
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";

export const SLACK_TEAM = "T1";
export const TEAMS_TENANT = "tenant-bench";

export interface BenchPair {
  /** The home channel: C0HOME07 in Slack, 19:home-07@thread.tacv2 in Teams. */
  channel: string;
  intern: { id: string; name: string };
  supervisor: { id: string; name: string };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The channel and the two people of internship `n` on this platform. */
export function benchPair(platform: "slack" | "teams", n: number): BenchPair {
  const k = pad(n);
  return platform === "slack"
    ? {
        channel: `C0HOME${k}`,
        intern: { id: `U0INT${k}`, name: `Intern ${k}` },
        supervisor: { id: `U0SUP${k}`, name: `Supervisor ${k}` },
      }
    : {
        channel: `19:home-${k}@thread.tacv2`,
        intern: { id: `aad-intern-${k}`, name: `Intern ${k}` },
        supervisor: { id: `aad-supervisor-${k}`, name: `Supervisor ${k}` },
      };
}

export function benchPairs(platform: "slack" | "teams", count: number): BenchPair[] {
  return Array.from({ length: count }, (_, n) => benchPair(platform, n));
}

const isoDay = (at: Date, days: number) =>
  new Date(at.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Internships running from a month before `today` to four months after, so every event falls inside. */
export function benchProgramme(platform: "slack" | "teams", count: number, today: Date): ProgrammeInput {
  const pairs = benchPairs(platform, count);
  const person = (key: string, name: string, id: string, timezone: string, country: string) => ({
    key,
    name,
    ids: { [platform]: id },
    timezone,
    country,
    contactHours: "Mon-Fri 09:00-17:00",
  });
  return {
    workspace: { platform, id: platform === "slack" ? SLACK_TEAM : TEAMS_TENANT, name: "Bench" },
    people: pairs.flatMap((p, n) => [
      person(`intern${pad(n)}`, p.intern.name, p.intern.id, "America/Sao_Paulo", "BR"),
      person(`supervisor${pad(n)}`, p.supervisor.name, p.supervisor.id, "Europe/Brussels", "BE"),
    ]),
    colleagues: [],
    internships: pairs.map((p, n) => ({
      key: `internship${pad(n)}`,
      intern: `intern${pad(n)}`,
      supervisor: `supervisor${pad(n)}`,
      start: isoDay(today, -30),
      end: isoDay(today, 120),
      homeChannel: p.channel,
      agreement: { replyWithin: { supervisor: "8h", intern: "4h" } },
    })),
  };
}
