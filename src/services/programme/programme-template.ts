/**
 * `tandem init`: a commented programme file to fill in. It imports as written (the example people and
 * ids have the right shapes), so what a person changes is all that can go wrong, and the comments say
 * where each platform shows the ids the file needs.
 */
import { addDays, weekdayOf } from "../../domain/local-date.js";
import type { LocalDate, Platform } from "../../domain/types.js";

interface PlatformWords {
  name: string;
  workspaceId: string;
  workspaceHelp: string[];
  idHelp: string[];
  ids: Record<"ana" | "bram" | "chloe" | "lena" | "sofie", string>;
  homeChannel: string;
  homeHelp: string[];
  ackReaction: string;
  trackReaction: string;
  tools: string;
}

const WORDS: Record<Platform, PlatformWords> = {
  slack: {
    name: "Slack",
    workspaceId: "T0123ABCDE",
    workspaceHelp: [
      "the Slack workspace (team) id, T followed by letters and digits: open Slack in a browser,",
      "the address is app.slack.com/client/T.../...; the part starting with T is the id",
    ],
    idHelp: [
      "ids.slack: the member id, U (or W) followed by letters and digits, never an e-mail or @name:",
      "in Slack, open the person's profile, then ⋮ (More) > Copy member ID",
    ],
    ids: {
      ana: "U0123ANA01",
      bram: "U0123BRAM1",
      chloe: "U0123CHLO1",
      lena: "U0123LENA1",
      sofie: "U0123SOFI1",
    },
    homeChannel: "C0123HOME1",
    homeHelp: [
      "the channel id, C (or G) followed by letters and digits, never #name: open the channel, click its",
      "name at the top; the id is at the bottom of About. Then invite Tandem there: /invite @Tandem",
    ],
    ackReaction: "white_check_mark",
    trackReaction: "hourglass",
    tools: "[Slack, Zoom]",
  },
  teams: {
    name: "Microsoft Teams",
    workspaceId: "00000000-0000-0000-0000-000000000000",
    workspaceHelp: [
      "the Microsoft 365 tenant id (a GUID): Azure portal > Microsoft Entra ID > Overview > Tenant ID",
    ],
    idHelp: [
      "ids.teams: the person's Microsoft Entra object id (a GUID), not their e-mail: Azure portal >",
      "Microsoft Entra ID > Users > the person > Object ID. Each person opens a chat with Tandem once.",
    ],
    ids: {
      ana: "11111111-1111-1111-1111-111111111111",
      bram: "22222222-2222-2222-2222-222222222222",
      chloe: "33333333-3333-3333-3333-333333333333",
      lena: "44444444-4444-4444-4444-444444444444",
      sofie: "55555555-5555-5555-5555-555555555555",
    },
    homeChannel: '"19:0123456789abcdef@thread.tacv2"',
    homeHelp: [
      "the channel's conversation id, 19:...@thread.tacv2: in Teams, ⋯ next to the channel > Get link",
      "to channel; the id is the part after /channel/ (decode %3a as : and %40 as @). Add Tandem to that team.",
    ],
    ackReaction: "like",
    trackReaction: "surprised",
    tools: "[Teams]",
  },
  console: {
    name: "the console playground",
    workspaceId: "demo",
    workspaceHelp: ["any name: the playground needs no accounts"],
    idHelp: ["ids.console: the name you type after /as in the playground"],
    ids: { ana: "ana", bram: "bram", chloe: "chloe", lena: "lena", sofie: "sofie" },
    homeChannel: "home",
    homeHelp: ["any name: /say posts there in the playground"],
    ackReaction: "white_check_mark",
    trackReaction: "hourglass",
    tools: "[Slack, Zoom]",
  },
};

/** The Monday at least a week after `today`: time to fill the file in and for people to install the app. */
function firstMonday(today: LocalDate): LocalDate {
  const start = addDays(today, 7);
  return addDays(start, (8 - weekdayOf(start)) % 7);
}

const comment = (lines: string[], indent: string) => lines.map((line) => `${indent}# ${line}`);

export function programmeTemplate(platform: Platform, today: LocalDate): string {
  const w = WORDS[platform];
  const start = firstMonday(today);
  // Twelve working weeks, ending on a Friday.
  const end = addDays(start, 7 * 12 - 3);
  const person = (
    key: keyof PlatformWords["ids"],
    name: string,
    zone: string,
    country: string,
    extra: string[] = [],
  ) => [
    `  - key: ${key}`,
    `    name: ${name}`,
    `    ids: { ${platform}: ${w.ids[key]} }`,
    `    timezone: ${zone}`,
    `    country: ${country}`,
    ...extra.map((line) => `    ${line}`),
  ];
  return [
    `# Tandem programme file for ${w.name}: the people, the internships and what each side agreed.`,
    "# Replace the example people, ids and dates with yours, then check and load it:",
    "#   tandem import programme.yaml        (npm run tandem -- import programme.yaml in a clone)",
    "# Nothing is written while any entry is wrong: every problem is listed at once with its entry and",
    "# field. Importing the file again applies only what changed; tandem export writes it back.",
    "",
    "workspace:",
    `  platform: ${platform}                      # slack, teams or console`,
    ...comment(w.workspaceHelp, "  "),
    `  id: ${platform === "teams" ? `"${w.workspaceId}"` : w.workspaceId}`,
    "",
    "people:                                # everyone named below, once each",
    ...comment(
      [
        "key: your short name for the person in this file (letters, digits, . _ -)",
        ...w.idHelp,
        ...(platform === "console"
          ? []
          : [
              "email: instead of ids, when you do not have the id (or the account does not exist yet):",
              `  found on ${w.name} at import, or kept pending until the person first writes to Tandem`,
            ]),
        "timezone: an IANA name (Europe/Brussels, America/Sao_Paulo, Asia/Tokyo); Tandem writes in it",
        "country: two letters for public holidays (BE, BR); region: optional state or province (SP)",
        "contactHours: when Tandem may write to them, their time; also",
        '  "Mon-Thu 09:00-17:00; Fri 09:00-13:00" or "Sun-Thu 08:00-16:00"',
        ...(platform === "console"
          ? []
          : [
              `When the tandem that imports serves ${w.name} (PLATFORMS in .env), name and timezone may be`,
              "left out for anyone it finds there; country and contactHours may always be left out: they",
              "are proposed from the time zone and listed for you to confirm.",
            ]),
      ],
      "  ",
    ),
    ...person("ana", "Ana Souza", "America/Sao_Paulo", "BR", [
      "region: SP",
      "contactHours: Mon-Fri 09:00-17:00",
      "department: Marketing              # optional",
      "languages: [pt, en]                # optional: shown in introductions",
      "# leave: [{ from: 2027-02-15, to: 2027-02-19 }]   # optional: days away, first and last included",
    ]),
    ...person("bram", "Bram Peeters", "Europe/Brussels", "BE", [
      "contactHours: Mon-Fri 09:00-17:00",
      "department: Marketing",
    ]),
    ...person("chloe", "Chloé Martin", "Europe/Brussels", "BE", [
      "contactHours: Mon-Thu 09:00-17:00; Fri 09:00-13:00",
    ]),
    ...person("lena", "Lena Vogel", "Europe/Berlin", "DE", ["contactHours: Mon-Fri 09:00-16:00"]),
    ...(platform === "console"
      ? person("sofie", "Sofie Claes", "Europe/Brussels", "BE", [
          "contactHours: Mon-Fri 09:00-17:00",
          "department: Sales",
          "introCapacity: 2                   # optional: introductions a month (default 2)",
        ])
      : [
          "  - key: sofie",
          "    name: Sofie Claes",
          "    email: sofie.claes@example.com     # no id yet: found by e-mail, or pending",
          "    timezone: Europe/Brussels",
          "    # country and contactHours left out: BE and Mon-Fri 09:00-17:00 are proposed",
          "    department: Sales",
          "    introCapacity: 2                   # optional: introductions a month (default 2)",
        ]),
    "",
    "# Colleagues who agreed to meet interns (Tandem asks each one before every introduction).",
    "colleagues: [sofie]",
    "",
    ...comment(
      platform === "teams"
        ? [
            "Programme admins: the people who may set up internships, choose colleagues and send this file",
            "to Tandem in chat (Teams does not tell Tandem who owns a team, so only they may). Each is a key",
            "in people, or someone given by email: or ids: as people are (an HR lead in no internship). An",
            'import adds them and never removes one: "admins remove @person" in chat does.',
          ]
        : [
            "Programme admins: besides the workspace's admins and owners, the people who may set up",
            "internships, choose colleagues and send this file to Tandem in chat. Each is a key in people,",
            "or someone given by email: or ids: as people are (an HR lead in no internship). An import adds",
            'them and never removes one: "admins remove @person" in chat does.',
          ],
      "",
    ),
    "admins:",
    "  - lena",
    `  # - { name: HR lead, ${platform === "console" ? "ids: { console: hr }" : "email: hr@example.com"} }`,
    "",
    "internships:",
    "  - key: ana-internship                # your name for this internship: tandem report <key>",
    "    intern: ana",
    "    supervisor: bram",
    "    backupSupervisor: chloe            # optional: covers while the supervisor is on leave",
    "    coordinator: lena                  # optional: the university's coordinator",
    `    start: ${start}                  # first and last day, in the intern's calendar`,
    `    end: ${end}`,
    "    # homeChannel: where intern and company talk, and where reply times are watched:",
    ...comment(w.homeHelp, "    "),
    `    homeChannel: ${w.homeChannel}`,
    "    agreement:                         # every term is optional; these are the defaults",
    "      replyWithin: { supervisor: 8h, intern: 4h }   # in the working time of whoever replies",
    `      replies: { warnAtPercent: 75, escalateAfterPercent: 50, where: both, ackReaction: ${w.ackReaction}, trigger: request, trackReaction: ${w.trackReaction} }`,
    '      checkIn: { at: "09:30", days: Mon-Fri, reminderAfter: 3h, summary: daily }   # intern\'s time',
    "      milestones: { remindDaysBefore: 2, announceDone: false }",
    "      syncMeeting: weekly              # daily, weekly, biweekly, monthly or none",
    "      introductions: { target: 6, departments: 3, withinWeeks: 6 }",
    "      nudges: { perWeek: 1 }           # supportive nudges in any 7 days; 0 turns them off",
    `      tools: ${w.tools}`,
    "",
    "# Optional: public holidays the holiday library misses, and days the company is closed.",
    "# holidays:",
    "#   - { country: BR, date: 2026-11-20, name: Consciência Negra }",
    "# closures:",
    "#   - { from: 2026-12-24, to: 2027-01-01, name: Year-end closure }",
    "",
  ].join("\n");
}
