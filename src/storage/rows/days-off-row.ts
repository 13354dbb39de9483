import type { AddedHoliday, Closure } from "../../domain/days-off.js";

export interface HolidayRow {
  country: string;
  region: string | null;
  date: string;
  name: string;
}

export interface ClosureRow {
  from_date: string;
  to_date: string;
  name: string;
  people: string | null;
}

export const toHoliday = (r: HolidayRow): AddedHoliday => ({
  country: r.country,
  ...(r.region ? { region: r.region } : {}),
  date: r.date,
  name: r.name,
});

export const toClosure = (r: ClosureRow): Closure => ({
  from: r.from_date,
  to: r.to_date,
  name: r.name,
  ...(r.people ? { people: JSON.parse(r.people) as string[] } : {}),
});
