/**
 * Wall-clock time in an IANA zone <-> instants, deterministic across DST changes.
 * luxon's DateTime.fromObject resolves an ambiguous (fold) wall time with a guess based on the current
 * offset, so its answer depends on when it runs; here a fold always gives the earlier instant and a gap
 * shifts forward by the gap's length (like luxon).
 */
import { DateTime, IANAZone } from "luxon";
import { AppError } from "./errors.js";
import type { LocalDate } from "./types.js";

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Offsets range from -12:00 to +14:00, so these bounds lie before and after any local day. */
const BEFORE_DAY_MS = 15 * 3_600_000;
const AFTER_DAY_MS = 37 * 3_600_000;
/** Per zone; a few years of days, cleared when full. */
const MAX_CACHED_DAYS = 4000;

/**
 * Converts wall-clock minutes of one local day to instants. Reads the offsets just before and just after
 * the day once; only when they differ (a transition near this day) does each time need checking.
 */
export class LocalDayClock {
  private readonly wall0: number;
  private readonly before: number;
  private readonly after: number;
  /** The instant the local day begins. */
  readonly start: number;

  constructor(
    private readonly zone: IANAZone,
    epochDay: number,
  ) {
    this.wall0 = epochDay * DAY_MS;
    this.before = zone.offset(this.wall0 - BEFORE_DAY_MS);
    this.after = zone.offset(this.wall0 + AFTER_DAY_MS);
    this.start = this.instant(0);
  }

  /** The instant of `minute` minutes after local midnight (1440 = the next midnight). */
  instant(minute: number): number {
    const wall = this.wall0 + minute * MINUTE_MS;
    const { before: a, after: b } = this;
    if (a === b) return wall - a * MINUTE_MS;
    const t1 = wall - a * MINUTE_MS;
    const t2 = wall - b * MINUTE_MS;
    const ok1 = this.zone.offset(t1) === a;
    const ok2 = this.zone.offset(t2) === b;
    if (ok1 && ok2) return Math.min(t1, t2); // fold: the earlier of the two
    if (ok1) return t1;
    if (ok2) return t2;
    return wall - Math.min(a, b) * MINUTE_MS; // gap: the old offset, i.e. shifted forward
  }
}

/**
 * The local days of one zone, shared by every calendar in that zone. Offsets come from Intl and cost
 * microseconds each (validating a zone name far more), so both are computed once and cached.
 */
export class ZoneDays {
  private readonly clocks = new Map<number, LocalDayClock>();

  constructor(private readonly zone: IANAZone) {}

  clock(epochDay: number): LocalDayClock {
    let clock = this.clocks.get(epochDay);
    if (!clock) {
      if (this.clocks.size >= MAX_CACHED_DAYS) this.clocks.clear();
      clock = new LocalDayClock(this.zone, epochDay);
      this.clocks.set(epochDay, clock);
    }
    return clock;
  }

  /** Days since 1970-01-01 of the local date at instant `ms`: the day whose [start, next start) holds it. */
  epochDayOf(ms: number): number {
    // The local date is within a day of the UTC date.
    let day = Math.floor(ms / DAY_MS);
    while (ms < this.clock(day).start) day--;
    while (ms >= this.clock(day + 1).start) day++;
    return day;
  }
}

const zones = new Map<string, ZoneDays>();

export function zoneDaysFor(timezone: string): ZoneDays {
  let days = zones.get(timezone);
  if (!days) {
    if (!IANAZone.isValidZone(timezone)) {
      throw new AppError(
        "BAD_INPUT",
        `time zone "${timezone}" is not an IANA time zone; write it like "Europe/Brussels"`,
      );
    }
    days = new ZoneDays(IANAZone.create(timezone));
    zones.set(timezone, days);
  }
  return days;
}

/** The local calendar date of an instant in a time zone (UTC's for a zone luxon does not know). */
export function localDateIn(timezone: string, at: Date): LocalDate {
  return (
    DateTime.fromJSDate(at, { zone: timezone }).toISODate() ??
    DateTime.fromJSDate(at, { zone: "UTC" }).toISODate()!
  );
}
