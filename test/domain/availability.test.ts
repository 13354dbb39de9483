import { describe, expect, it } from "vitest";
import { actingFor, isAway } from "../../src/domain/availability.js";
import type { Person } from "../../src/domain/types.js";

const person = (id: number, leave: Person["leave"] = []): Person => ({
  id,
  workspaceId: 1,
  key: `p${id}`,
  name: `P${id}`,
  timezone: "Europe/Brussels",
  country: "BE",
  contactHours: "Mon-Fri 09:00-17:00",
  leave,
  dailyBudget: 6,
  languages: [],
  introCapacity: 2,
  ids: {},
});
const week = [{ from: "2026-12-07", to: "2026-12-11" }];
const internship = { supervisorId: 1, backupSupervisorId: 2 };
const monday = new Date("2026-12-07T10:00:00Z");

describe("who acts for whom", () => {
  it("reads leave on the person's own local date", () => {
    // 23:30 UTC on Sunday is already Monday in Brussels.
    expect(isAway(person(1, week), new Date("2026-12-06T23:30:00Z"))).toBe(true);
    expect(isAway(person(1, week), new Date("2026-12-06T22:30:00Z"))).toBe(false);
  });

  it("hands the absent supervisor's work to the backup, and back again", () => {
    const supervisor = person(1, week);
    const backup = person(2);
    expect(actingFor(supervisor, internship, { supervisor, backupSupervisor: backup }, monday)).toBe(backup);
    expect(actingFor(backup, internship, { supervisor, backupSupervisor: backup }, monday)).toBe(backup);
    const away = person(2, week);
    const here = person(1);
    expect(actingFor(away, internship, { supervisor: here, backupSupervisor: away }, monday)).toBe(here);
  });

  it("leaves nobody acting when both are away or there is no backup", () => {
    const supervisor = person(1, week);
    expect(actingFor(supervisor, internship, { supervisor, backupSupervisor: person(2, week) }, monday)).toBe(
      undefined,
    );
    expect(actingFor(supervisor, { supervisorId: 1 }, { supervisor }, monday)).toBe(undefined);
  });
});
