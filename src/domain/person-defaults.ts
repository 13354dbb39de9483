/**
 * What Tandem proposes for a person the programme file or the set-up leaves open: the country (for
 * public holidays) of their time zone and office hours on weekdays. Always shown for confirmation;
 * each person corrects their own with `my country` and `my hours`.
 */
import { countryOfZone } from "./zone-countries.js";

export const DEFAULT_CONTACT_HOURS = "Mon-Fri 09:00-17:00";

export interface ZoneDefaults {
  /** Undefined for zones of no country (UTC, Etc/GMT+3): then it must be given. */
  country?: string;
  contactHours: string;
}

export function defaultsForZone(zone: string): ZoneDefaults {
  const country = countryOfZone(zone);
  return { ...(country ? { country } : {}), contactHours: DEFAULT_CONTACT_HOURS };
}
