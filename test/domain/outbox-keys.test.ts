import { describe, expect, it } from "vitest";
import type { Milestone } from "../../src/domain/milestones.js";
import {
  agreementKeys,
  checkinKeys,
  introKeys,
  isolationKeys,
  keyFamily,
  milestoneKeys,
  noticeKeys,
  patternKeys,
  refusalKeys,
  replyKeys,
  reportKeys,
  unreachableKeys,
  welcomeKeys,
} from "../../src/domain/outbox-keys.js";
import type { Introduction } from "../../src/domain/records.js";

const at = new Date("2026-12-14T09:30:00Z");
const milestone = { id: 7, due: "2026-12-15" } as Milestone;
const intro = (rescheduled: boolean) => ({ id: 4, rescheduled }) as Introduction;

describe("outbox keys", () => {
  it("spells the welcome keys per internship and person, and per workspace for a colleague", () => {
    expect([welcomeKeys.person(3, 9), welcomeKeys.colleague(1, 9)]).toEqual([
      "welcome:3:9",
      "welcome-colleague:1:9",
    ]);
  });

  // Existing databases hold these keys: a changed spelling would send every message again.
  it("spells every key as stored databases hold it", () => {
    expect([
      checkinKeys.prompt(3, "2026-12-14"),
      checkinKeys.reminder(3, "2026-12-14"),
      checkinKeys.summary(3, "2026-12-14"),
      checkinKeys.missedStreak(3, "2026-12-14"),
      checkinKeys.answer(11, "partial"),
      checkinKeys.blocker(11, "0123456789abcdef"),
      replyKeys.due(5),
      replyKeys.warning(5),
      replyKeys.breach(5),
      replyKeys.escalation(5, 2),
      milestoneKeys.reminder(milestone),
      milestoneKeys.overdue(milestone, "2026-12-16", 9),
      milestoneKeys.acceptRequest(7, at),
      milestoneKeys.acceptReminder(7, at),
      milestoneKeys.accepted(7, at),
      milestoneKeys.announce(7, at),
      introKeys.ask(4),
      introKeys.group(4),
      introKeys.followUp(intro(false), 9),
      introKeys.followUp(intro(true), 9),
      introKeys.reschedule(4),
      isolationKeys.nudge(3, "no-contact", "2026-W51"),
      isolationKeys.risk(3, "2026-W51"),
      patternKeys.note(3, "2026-W51"),
      reportKeys.reflection(3, "2026-W51"),
      reportKeys.supervisorDigest(2, 3, "2026-W51"),
      reportKeys.coordinatorDigest(1, "2026-W51"),
      noticeKeys.leave(9, "2026-12-21", "2026-12-24", 2),
      noticeKeys.agreementAck(3, 2, 9),
      agreementKeys.proposal(3, 2, 9),
      agreementKeys.decided(3, 2, "lapsed", 9),
      unreachableKeys.report(9),
      reportKeys.coordinatorDigestPart(1, "2026-W51", 1),
      reportKeys.coordinatorDigestPart(1, "2026-W51", 2),
      refusalKeys.fallback("checkin:3:2026-12-14"),
      refusalKeys.report(9),
      refusalKeys.channelReport(),
    ]).toEqual([
      "checkin:3:2026-12-14",
      "checkin-reminder:3:2026-12-14",
      "checkin-summary:3:2026-12-14",
      "missed-streak:3:2026-12-14",
      "checkin-answer:11:partial",
      "blocker:11:0123456789abcdef",
      "reply-due:5",
      "reply-warning:5:warn",
      "reply-breach:5:due",
      "reply-escalation:5:2",
      "milestone-due:7:reminder:2026-12-15",
      "milestone-due:7:overdue:2026-12-15:2026-W51:9",
      `milestone-accept:7:${at.getTime()}`,
      `milestone-accept:7:${at.getTime()}:reminder`,
      `milestone-accepted:7:${at.getTime()}`,
      `milestone-announce:7:${at.getTime()}`,
      "intro-ask:4",
      "intro-group:4",
      "intro-followup:4:9",
      "intro-followup:4:9:rescheduled",
      "intro-reschedule:4",
      "nudge:3:no-contact:2026-W51",
      "isolation-risk:3:2026-W51",
      "pattern:3:2026-W51",
      "reflection:3:2026-W51",
      "digest:2:3:2026-W51",
      "digest:1:2026-W51",
      "leave:9:2026-12-21:2026-12-24:2",
      "agreement-ack:3:v2:9",
      "agreement-proposal:3:v2:9",
      "agreement-decided:3:v2:lapsed:9",
      "unreachable:9",
      "digest:1:2026-W51",
      "digest:1:2026-W51:2",
      "refused:checkin:3:2026-12-14",
      "refused-report:9",
      "refused-report:channel",
    ]);
  });

  it("never reports on a refused fallback or report, and names a key's family by its first part", () => {
    expect(refusalKeys.isFallbackOrReport(refusalKeys.fallback("digest:1:2026-W51"))).toBe(true);
    expect(refusalKeys.isFallbackOrReport(refusalKeys.report(9))).toBe(true);
    expect(refusalKeys.isFallbackOrReport(reportKeys.coordinatorDigest(1, "2026-W51"))).toBe(false);
    expect(keyFamily(milestoneKeys.reminder(milestone))).toBe("milestone-due");
    expect(keyFamily(reportKeys.coordinatorDigest(1, "2026-W51"))).toBe("digest");
  });

  it("builds a milestone's reminder and overdue alerts under the prefix that withdraws them", () => {
    const prefix = milestoneKeys.duePrefix(7);
    expect(milestoneKeys.reminder(milestone).startsWith(prefix)).toBe(true);
    expect(milestoneKeys.overdue(milestone, "2026-12-16", 9).startsWith(prefix)).toBe(true);
  });

  it("builds the acceptance request and its reminder under the accept prefix, but not the accepted notice", () => {
    const prefix = milestoneKeys.acceptPrefix(7);
    expect(milestoneKeys.acceptRequest(7, at).startsWith(prefix)).toBe(true);
    expect(milestoneKeys.acceptReminder(7, at).startsWith(prefix)).toBe(true);
    // Accepting withdraws the request; the intern's "accepted" notice must survive it.
    expect(milestoneKeys.accepted(7, at).startsWith(prefix)).toBe(false);
    expect(milestoneKeys.announce(7, at).startsWith(prefix)).toBe(false);
  });

  it("does not let one milestone's prefix withdraw another's whose id starts the same", () => {
    const other = { ...milestone, id: 71 };
    expect(milestoneKeys.reminder(other).startsWith(milestoneKeys.duePrefix(7))).toBe(false);
    expect(milestoneKeys.acceptRequest(71, at).startsWith(milestoneKeys.acceptPrefix(7))).toBe(false);
  });

  it("builds both 'did you meet?' questions under the prefix that withdraws them", () => {
    const prefix = introKeys.followUpPrefix(4);
    expect(introKeys.followUp(intro(false), 9).startsWith(prefix)).toBe(true);
    expect(introKeys.followUp(intro(true), 9).startsWith(prefix)).toBe(true);
    expect(introKeys.followUp({ ...intro(false), id: 41 }, 9).startsWith(prefix)).toBe(false);
  });

  it("withdraws a closed clock's warning, breach and escalations, and counts them as alerts", () => {
    const prefixes = replyKeys.alertPrefixes(5);
    for (const key of [replyKeys.warning(5), replyKeys.breach(5), replyKeys.escalation(5, 3)]) {
      expect(prefixes.some((p) => key.startsWith(p))).toBe(true);
      expect(replyKeys.isAlert(key)).toBe(true);
    }
    // The asker's notice went at once; it is neither withdrawn nor bundled with the alerts.
    expect(prefixes.some((p) => replyKeys.due(5).startsWith(p))).toBe(false);
    expect(replyKeys.isAlert(replyKeys.due(5))).toBe(false);
    expect(prefixes.some((p) => replyKeys.warning(51).startsWith(p))).toBe(false);
  });

  it("recognises a report about an unreachable person, and nothing else", () => {
    expect(unreachableKeys.isReport(unreachableKeys.report(9))).toBe(true);
    expect(unreachableKeys.isReport(checkinKeys.prompt(9, "2026-12-14"))).toBe(false);
  });

  it("reads the internship from a check-in prompt's key, and from no other check-in key", () => {
    expect(checkinKeys.promptInternship(checkinKeys.prompt(42, "2026-12-14"))).toBe(42);
    expect(checkinKeys.promptInternship(checkinKeys.reminder(42, "2026-12-14"))).toBeUndefined();
    expect(checkinKeys.promptInternship(checkinKeys.summary(42, "2026-12-14"))).toBeUndefined();
    expect(checkinKeys.promptInternship(checkinKeys.answer(42, "answered"))).toBeUndefined();
  });
});
