/**
 * The first message each person gets from Tandem: what it does for them, what it keeps, who reads what,
 * and the agreement. Read once, so short: at most 8 lines of text plus the why line.
 */
import type { AgreementTerms } from "../agreement-terms.js";
import { countryName, zoneLabel } from "../colleague-choice.js";
import { neutralizeMentions } from "../escape.js";
import { formatDate } from "../format.js";
import type { OutboundButton, OutboundMessage } from "../messages.js";
import type { LocalDate, Person } from "../types.js";

const first = (p: Person) => neutralizeMentions(p.name.split(" ")[0] ?? p.name);
const name = (p: Person) => neutralizeMentions(p.name);

export interface WelcomeFacts {
  intern: Person;
  supervisor: Person;
  backup?: Person;
  coordinator?: Person;
  start: LocalDate;
  end: LocalDate;
  /** The reader's today: "starts" or "runs" in the why line. */
  today: LocalDate;
  terms: Readonly<AgreementTerms>;
  /** The agreement in force, and whether the reader has acknowledged it. */
  agreement?: { version: number; acknowledged: boolean };
  /** The button's value: the intern's id on the platform (the `agreement ack for @intern` of the button). */
  ackValue?: string;
}

const KEEPS =
  "• What Tandem keeps: who wrote when and where, never the text of messages in channels; check-ins, milestones and reflections, because people write them for someone.";

function agreementLine(f: WelcomeFacts, signs: boolean): string {
  if (!f.agreement) return 'The working agreement: "agreement" shows it.';
  const head = `The working agreement (version ${f.agreement.version}) is in force: "agreement" shows it`;
  if (!signs) return `${head}; ${first(f.intern)} and ${first(f.supervisor)} acknowledge it.`;
  return f.agreement.acknowledged
    ? `${head}; you have acknowledged it.`
    : `${head}; press Acknowledge once you have read it.`;
}

function ackButtons(f: WelcomeFacts, signs: boolean): OutboundButton[] | undefined {
  if (!signs || !f.agreement || f.agreement.acknowledged || !f.ackValue) return undefined;
  return [{ action: "agreement.ack", value: f.ackValue, label: "Acknowledge", style: "primary" }];
}

const period = (f: WelcomeFacts) => `from ${formatDate(f.start)} to ${formatDate(f.end)}`;
const why = (f: WelcomeFacts) =>
  `${first(f.intern)}'s internship ${f.today <= f.start ? "starts" : "started"} ${formatDate(f.start)}; everyone in it gets this welcome once.`;

function message(lines: string[], f: WelcomeFacts, signs: boolean): OutboundMessage {
  const buttons = ackButtons(f, signs);
  return {
    text: [...lines, agreementLine(f, signs)].join("\n"),
    subject: `Welcome to Tandem: ${name(f.intern)}'s internship`,
    ...(buttons ? { buttons } : {}),
    reason: why(f),
  };
}

export function internWelcome(f: WelcomeFacts): OutboundMessage {
  const { checkIn, replyWithin, introductions } = f.terms;
  const supervisors = f.backup ? `${first(f.supervisor)} or ${first(f.backup)}` : first(f.supervisor);
  const readers = [first(f.supervisor), ...(f.backup ? [first(f.backup)] : [])].join(" and ");
  return message(
    [
      `Welcome, ${first(f.intern)}! I am Tandem, a bot that keeps you and ${name(f.supervisor)} (your supervisor) in touch during your internship, ${period(f)}.`,
      `• A short check-in at ${checkIn.at} on ${checkIn.days}, your time: ${readers} read your answers, and a blocker reaches your supervisor at once.`,
      `• Questions between you and ${supervisors} in the shared channel: they answer within ${replyWithin.supervisor} of their working time, you within ${replyWithin.intern} of yours.`,
      ...(introductions.target > 0
        ? [
            `• Milestones you log ("milestone add"), and ${introductions.target} colleagues to meet in your first ${introductions.withinWeeks} weeks (each one says yes first).`,
          ]
        : ['• Milestones you log ("milestone add").']),
      KEEPS,
      f.coordinator
        ? `• ${name(f.coordinator)} (coordinator) gets a weekly digest and can read your check-ins; your reflections only when you share them.`
        : "• Your reflections stay private unless you share them.",
      '• Too many nudges? "pause nudges 1w" pauses them. "help" shows everything else.',
    ],
    f,
    true,
  );
}

export function supervisorWelcome(f: WelcomeFacts): OutboundMessage {
  const { replyWithin, checkIn } = f.terms;
  return message(
    [
      `Welcome, ${first(f.supervisor)}! I am Tandem, a bot that helps you supervise ${name(f.intern)} (working from ${countryName(f.intern.country)}, ${zoneLabel(f.intern.timezone)} time), ${period(f)}.`,
      `• ${first(f.intern)}'s check-ins: ${checkIn.summary === "each" ? "each answer as it comes" : "a daily summary"}, a blocker at once, and a private note after 3 missed in a row.`,
      `• ${first(f.intern)}'s questions to you in the shared channel: an answer within ${replyWithin.supervisor} of your working time, with a warning before it is due${f.backup ? `; ${first(f.backup)} (backup) hears of a late reply` : ""}.`,
      `• Milestones ${first(f.intern)} marks done: you accept each and say what the result is used for.`,
      KEEPS,
      f.coordinator
        ? `• ${name(f.coordinator)} (coordinator) gets a weekly digest and hears about patterns, never about a single message.`
        : "• No coordinator is named for this internship.",
    ],
    f,
    true,
  );
}

export function backupWelcome(f: WelcomeFacts, backup: Person): OutboundMessage {
  return message(
    [
      `Welcome, ${first(backup)}! You are the backup supervisor of ${name(f.intern)}'s internship (supervised by ${name(f.supervisor)}), ${period(f)}.`,
      `• While ${first(f.supervisor)} is on leave, you cover: ${first(f.intern)}'s questions for ${first(f.supervisor)}, blockers, check-in summaries and milestones to accept come to you.`,
      `• When ${first(f.supervisor)} replies late to ${first(f.intern)}, you are told once, so nobody waits unseen.`,
      KEEPS,
      '"help" shows every command.',
    ],
    f,
    false,
  );
}

/** `byEmail`: the coordinator has no chat account here, so Tandem writes by e-mail and the portal shows the rest. */
/** Interns by company, for a coordinator at several: "at Acme, Ana Souza and Ben Okafor; at Globex, Chen Wei". */
function internList(interns: readonly { intern: Person; company: string }[]): string {
  const companies = [...new Set(interns.map((i) => i.company))];
  if (companies.length <= 1) return interns.map((i) => name(i.intern)).join(", ");
  return companies
    .map(
      (company) =>
        `at ${neutralizeMentions(company)}, ${interns
          .filter((i) => i.company === company)
          .map((i) => name(i.intern))
          .sort()
          .join(", ")}`,
    )
    .join("; ");
}

export function coordinatorWelcome(
  f: WelcomeFacts,
  coordinator: Person,
  interns: readonly { intern: Person; company: string }[],
  byEmail = false,
): OutboundMessage {
  const companies = new Set(interns.map((i) => i.company));
  const welcome = `Welcome, ${first(coordinator)}! I am Tandem, a bot that keeps virtual interns and their companies in touch. You coordinate ${interns.length === 1 ? `${name(f.intern)}'s internship, ${period(f)}` : `${interns.length} internships: ${internList(interns)}`}.`;
  const subject =
    interns.length === 1
      ? `Welcome to Tandem: ${name(f.intern)}'s internship`
      : `Welcome to Tandem: ${interns.length} interns${companies.size > 1 ? ` at ${companies.size} companies` : [...companies][0] ? ` at ${neutralizeMentions([...companies][0]!)}` : ""}`;
  const patterns =
    "• A private note only about patterns (3 or more late replies in 14 days, or an at-risk connection signal), never about a single message.";
  if (byEmail) {
    return {
      text: [
        welcome,
        `You have no account in ${companies.size > 1 ? "these companies' chats" : "this company's chat"}, so Tandem writes to you by e-mail:`,
        `• A weekly digest, a short paragraph per intern${companies.size > 1 ? ", all companies in one e-mail" : ""}.`,
        patterns,
        "• Tandem's web portal shows each intern in full (milestones, check-ins, reply times, reflections the intern shares with you, the end-of-internship report); sign in there with this address.",
        KEEPS,
      ].join("\n"),
      subject,
      reason:
        interns.length > 1
          ? "Tandem welcomes a coordinator once, with all their interns, when the first internship starts."
          : why(f),
    };
  }
  return {
    ...message(
      [
        welcome,
        '• A weekly digest, a short paragraph per intern; "digest for @intern" shows one in full.',
        patterns,
        '• You can read check-ins ("checkin history for @intern"), and reflections the intern shares with you.',
        KEEPS,
      ],
      f,
      false,
    ),
    subject,
  };
}

/** The note to a colleague on the introductions list, with the way off it. */
export function colleagueWelcome(colleague: Person, capacity: number, intern: Person): OutboundMessage {
  return {
    text: [
      `Hi ${first(colleague)}, you are on the list of colleagues who meet the company's virtual interns, such as ${name(intern)}.`,
      `Tandem may ask you to meet one, at most ${capacity} ${capacity === 1 ? "time" : "times"} a month, only interns whose working hours overlap yours, and always asks first: "Not now" is a fine answer.`,
      "Tandem keeps who met whom, never the text of your messages.",
    ].join("\n"),
    buttons: [{ action: "intro.optout", value: "welcome", label: "Take me off the list" }],
    reason: 'The programme file lists you for introductions; "intro optout" takes you off it too.',
  };
}
