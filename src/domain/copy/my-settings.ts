/** Replies to `my hours` and `my country`: what is set now, and what it changes. */

export const mySettingsCopy = {
  hours: (hours: string, zone: string) =>
    `Your contact hours: ${hours} (${zone}). Tandem messages you, and counts your reply times, only then. Change them with e.g. my hours Mon-Thu 08:00-16:00.`,
  hoursSet: (hours: string, zone: string) =>
    `Done: your contact hours are now ${hours} (${zone}). Tandem messages you, and counts your reply times, only then.`,
  country: (country: string, region: string | undefined) =>
    `Your public holidays are those of ${region ? `${country}-${region}` : country}. Change them with e.g. my country BR SP.`,
  countrySet: (country: string, region: string | undefined) =>
    `Done: the public holidays of ${region ? `${country}-${region}` : country} are now your days off.`,
  unchanged: () => "That is what Tandem already had; nothing changed.",
};
