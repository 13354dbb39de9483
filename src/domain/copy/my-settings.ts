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
  timezone: (zone: string) =>
    `Your time zone: ${zone}. Your contact hours and check-in times count in it. Change it with e.g. my timezone America/Sao_Paulo.`,
  timezoneSet: (zone: string, hours: string) =>
    `Done: your time zone is now ${zone}; your contact hours ${hours} count in it. Your country and hours stay as they were (my country, my hours).`,
  unchanged: () => "That is what Tandem already had; nothing changed.",
  digests: (to: "email" | "chat", email: string | undefined) =>
    to === "email"
      ? `Your weekly digests go by e-mail to ${email}. Type my digests chat to have them here again.`
      : `Your weekly digests come here, in chat.${email ? " Type my digests email to have them sent to your address instead." : ""}`,
  digestsSet: (to: "email" | "chat", email: string | undefined) =>
    to === "email"
      ? `Done: from the next one, your weekly digests go by e-mail to ${email}.`
      : "Done: from the next one, your weekly digests come here, in chat.",
  noEmail: () =>
    "Tandem has no e-mail address for you, so your digests stay in chat. Ask whoever imports the programme file to add your email: to it.",
};
