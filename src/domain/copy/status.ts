/** The reply to `status`: where the speaker stands in each internship they are part of. */
import type { CheckinStatus } from "../checkins.js";
import { formatDate, formatInstant } from "../format.js";
import type { FiguresByDirection } from "../reply-figures.js";
import type { LocalDate, Person, Role } from "../types.js";
import { describeFigures } from "./reply.js";

const ROLE_NAMES: Record<Role, string> = {
  intern: "intern",
  supervisor: "supervisor",
  backupSupervisor: "backup supervisor",
  coordinator: "coordinator",
};

const CHECKIN_STATES: Record<CheckinStatus, string> = {
  due: "on its way",
  sent: "waiting for an answer",
  answered: "answered",
  partial: "partly answered",
  missed: "missed",
  skipped: "skipped",
};

/** Lines of the reply; the ones about one internship are indented under its header. */
export const statusCopy = {
  you: (p: Person) => `You are ${p.name} (${p.timezone}, contact hours ${p.contactHours}).`,
  leave: (periods: readonly { from: LocalDate; to: LocalDate }[]) =>
    `Leave: ${periods.map((l) => `${formatDate(l.from)} to ${formatDate(l.to)}`).join(", ")}`,
  help: () => 'Type "help" for every command.',
  /** A colleague on the introductions list: the requests waiting for their answer, and who they agreed to meet. */
  colleague: (
    capacity: number | undefined,
    waiting: readonly { intern: string; since: LocalDate }[],
    agreed: readonly string[],
  ) => [
    capacity === undefined
      ? '• You are not on the list of colleagues who meet interns ("intro optin" to join).'
      : `• You meet interns (at most ${capacity} a month, always asked first; "intro optout" takes you off the list).`,
    waiting.length === 0
      ? "  Introduction requests: none waiting for your answer"
      : `  Introduction requests waiting for your answer: ${waiting.map((w) => `${w.intern} (asked ${formatDate(w.since)})`).join(", ")}; answer with the buttons in the request`,
    ...(agreed.length > 0 ? [`  Agreed to meet: ${agreed.join(", ")}`] : []),
  ],
  internship: (
    intern: string,
    roles: readonly Role[],
    period: { start: LocalDate; end: LocalDate },
    today: LocalDate,
  ) => {
    const when =
      today < period.start
        ? `starts ${formatDate(period.start)}`
        : today > period.end
          ? `ended ${formatDate(period.end)}`
          : `runs until ${formatDate(period.end)}`;
    return `• ${intern}'s internship (you: ${roles.map((r) => ROLE_NAMES[r]).join(", ")}), ${when}`;
  },
  milestones: (open: number, overdue: number, awaiting: number) => {
    const parts = [`${open} open milestone${open === 1 ? "" : "s"}`];
    if (overdue > 0) parts.push(`${overdue} overdue`);
    if (awaiting > 0) parts.push(`${awaiting} waiting for acceptance`);
    return `  Milestones: ${parts.join(", ")}`;
  },
  checkin: (state: string) => `  Check-in: ${state}`,
  checkinToday: (status: CheckinStatus) => `today's is ${CHECKIN_STATES[status]}`,
  /** `sendAt` in the speaker's `timezone`. */
  checkinNext: (sendAt: Date, timezone: string) => `next on ${formatInstant(sendAt, timezone)} (your time)`,
  checkinNoneLeft: () => "none left in this internship",
  checkinNoneSoon: () => "none in the next two weeks",
  replies: (figures: FiguresByDirection) => [
    `  Replies to the intern: ${describeFigures(figures.to_company)}`,
    `  Replies from the intern: ${describeFigures(figures.to_intern)}`,
  ],
  agreement: (version: number, mustAck: boolean, proposed?: { version: number; mustAnswer: boolean }) =>
    `  Agreement: version ${version}${proposed ? " in force" : ""}${mustAck ? ' — waiting for your acknowledgement: type "agreement ack"' : ""}${
      proposed
        ? `; version ${proposed.version} proposed${proposed.mustAnswer ? ' — waiting for your answer: type "agreement accept" or "agreement decline"' : ", waiting for answers"}`
        : ""
    }`,
};
