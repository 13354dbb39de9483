/** The fields `agreement set` knows about, for help texts. Values are validated in ../agreement.ts. */

export interface AgreementFieldInfo {
  name: string;
  description: string;
  example: string;
}

export const AGREEMENT_FIELD_INFO: readonly AgreementFieldInfo[] = [
  {
    name: "reply.supervisor",
    description: "how soon the supervisor answers the intern, counted in the supervisor's contact hours",
    example: "8h",
  },
  {
    name: "reply.intern",
    description: "how soon the intern answers the supervisor, counted in the intern's contact hours",
    example: "4h",
  },
  {
    name: "checkin.at",
    description: "local time of the intern's daily check-in, on the 24-hour clock",
    example: "09:30",
  },
  { name: "checkin.days", description: "days on which the check-in is sent", example: "Mon-Fri" },
  {
    name: "sync",
    description: "how often intern and supervisor meet live: daily, weekly, biweekly, monthly or none",
    example: "weekly",
  },
  { name: "intro.target", description: "how many colleagues the intern should meet", example: "6" },
  { name: "intro.departments", description: "from how many different departments", example: "3" },
  { name: "intro.weeks", description: "within how many weeks of the start", example: "6" },
  { name: "tools", description: "the agreed tools, separated by commas", example: "Slack, Zoom, Jira" },
];

export const AGREEMENT_FIELD_NAMES: readonly string[] = AGREEMENT_FIELD_INFO.map((f) => f.name);

export function agreementField(name: string): AgreementFieldInfo | undefined {
  const lower = name.toLowerCase();
  return AGREEMENT_FIELD_INFO.find((f) => f.name === lower);
}
