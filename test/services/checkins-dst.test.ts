import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { ProgrammeInput } from "../../src/services/programme/programme-schema.js";
import { createServiceHarness } from "../helpers/service-harness.js";

/** Interns in three zones, checked in every day of the week so DST Sundays count. */
function dstProgramme(checkInAt: string, contactHours: string): ProgrammeInput {
  const person = (key: string, timezone: string, country: string, region?: string) => ({
    key,
    name: key.toUpperCase(),
    timezone,
    country,
    ...(region ? { region } : {}),
    contactHours,
  });
  const internship = (intern: string) => ({
    key: `${intern}-2026`,
    intern,
    supervisor: "sup",
    start: "2026-01-01",
    end: "2027-06-30",
    agreement: { checkIn: { at: checkInAt, days: "Mon-Sun" } },
  });
  return {
    workspace: { platform: "console", id: "dst" },
    people: [
      person("ny", "America/New_York", "US"),
      person("bxl", "Europe/Brussels", "BE"),
      person("syd", "Australia/Sydney", "AU", "NSW"),
      person("sup", "Europe/Brussels", "BE"),
    ],
    internships: [internship("ny"), internship("bxl"), internship("syd")],
  };
}

/** Ticks every 10 minutes through one local day of `zone` and returns the local times prompts went out. */
async function promptTimesOn(
  h: Awaited<ReturnType<typeof createServiceHarness>>,
  key: string,
  zone: string,
  date: string,
) {
  const start = DateTime.fromISO(`${date}T00:00`, { zone });
  const end = start.plus({ days: 1 });
  for (let at = start; at < end; at = at.plus({ minutes: 10 })) await h.tickAt(at.toJSDate());
  const id = (await h.internship(`${key}-2026`)).id;
  return (await h.store.outbox.list({ status: "sent" }))
    .filter((o) => o.key === `checkin:${id}:${date}`)
    .map((o) => DateTime.fromJSDate(o.sentAt!, { zone }).toFormat("yyyy-MM-dd HH:mm ZZZZ"));
}

const CASES: [string, string, string, string][] = [
  ["spring forward", "ny", "America/New_York", "2026-03-08"],
  ["fall back", "ny", "America/New_York", "2026-11-01"],
  ["spring forward", "bxl", "Europe/Brussels", "2026-03-29"],
  ["fall back", "bxl", "Europe/Brussels", "2026-10-25"],
  ["spring forward", "syd", "Australia/Sydney", "2026-10-04"],
  ["fall back", "syd", "Australia/Sydney", "2027-04-04"],
];

describe("check-ins on DST change days", () => {
  it.each(CASES)(
    "sends one check-in at 09:30 on the %s day in %s (%s, %s)",
    async (_kind, key, zone, date) => {
      const h = await createServiceHarness({
        now: DateTime.fromISO(`${date}T00:00`, { zone }).minus({ days: 1 }).toUTC().toISO()!,
        programme: dstProgramme("09:30", "Mon-Sun 08:00-18:00"),
        rules: "checkin",
      });
      const times = await promptTimesOn(h, key, zone, date);
      expect(times).toHaveLength(1);
      expect(times[0]).toMatch(new RegExp(`^${date} 09:30 `));
    },
  );

  it("sends the check-in once when its time falls in the skipped hour, just after the jump", async () => {
    const h = await createServiceHarness({
      now: "2026-03-07T12:00:00Z",
      programme: dstProgramme("02:30", "Mon-Sun 00:00-24:00"),
      rules: "checkin",
    });
    expect(await promptTimesOn(h, "ny", "America/New_York", "2026-03-08")).toEqual(["2026-03-08 03:30 EDT"]);
  });

  it("sends the check-in once when its time happens twice, at the first of the two", async () => {
    const h = await createServiceHarness({
      now: "2026-10-31T12:00:00Z",
      programme: dstProgramme("01:30", "Mon-Sun 00:00-24:00"),
      rules: "checkin",
    });
    expect(await promptTimesOn(h, "ny", "America/New_York", "2026-11-01")).toEqual(["2026-11-01 01:30 EDT"]);
  });

  it("sends nothing on a public holiday of the intern's region (Easter Sunday in New South Wales)", async () => {
    const h = await createServiceHarness({
      now: "2026-04-03T12:00:00Z",
      programme: dstProgramme("09:30", "Mon-Sun 08:00-18:00"),
      rules: "checkin",
    });
    expect(await promptTimesOn(h, "syd", "Australia/Sydney", "2026-04-05")).toEqual([]);
    expect(await promptTimesOn(h, "bxl", "Europe/Brussels", "2026-04-05")).toHaveLength(1);
  });
});
