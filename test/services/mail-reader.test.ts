/**
 * Someone with only an e-mail address has no chat to type a command into and no buttons: no message that
 * reaches them by e-mail may tell them to type, write or press something. Two views: a fortnight of what
 * the real rules send about an internship whose people all read e-mail only (check-ins, reminders,
 * summaries, nudges and alerts, digests, reflections, introductions, welcomes), through the real
 * dispatcher and its mail lane; and the kinds a silent fortnight does not produce (answers and changes
 * others make), rendered from their copy and passed through the same step the mail lane takes.
 */
import { describe, expect, it } from "vitest";
import { mailRecipient } from "../../src/domain/addresses.js";
import { agreementCopy } from "../../src/domain/copy/agreement.js";
import { learningAgreementCopy } from "../../src/domain/copy/agreement-learning.js";
import { introFollowUp, introRequest, rescheduleOffer } from "../../src/domain/copy/intro.js";
import { forMailReader, hasChatInstruction } from "../../src/domain/copy/mail-reader.js";
import {
  acceptReminderMessage,
  acceptRequestMessage,
  overdueInternMessage,
  overdueSupervisorMessage,
  reminderMessage,
} from "../../src/domain/copy/milestone.js";
import { supervisorRiskNote } from "../../src/domain/copy/nudge.js";
import type { OutboundMessage } from "../../src/domain/messages.js";
import type { Milestone } from "../../src/domain/milestones.js";
import { loadInternshipContext } from "../../src/services/internship-context.js";
import { simulateSends } from "../../src/services/week-preview.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

/** Every word of a message an e-mail shows: its text, fields and why-line. */
const shown = (m: OutboundMessage) =>
  [m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`), m.reason ?? ""].join("\n");

describe("messages read by e-mail only", () => {
  it("tell nobody to type or press anything in chat, over a fortnight of every rule", async () => {
    const base = sampleProgramme();
    // A Slack workspace none of them is in (in a console one, the key is everyone's console id).
    const programme = {
      ...base,
      workspace: { platform: "slack" as const, id: "T1" },
      people: base.people.map((p) => ({ ...p, email: `${p.key}@uni.example` })),
      internships: (base.internships ?? []).map((i) => ({ ...i, homeChannel: "C0HOME" })),
    };
    const h = await createServiceHarness({ rules: "every", programme });
    const ana = await h.internship("ana-2026");
    const ctx = (await loadInternshipContext(h.store, h.workspace.id, ana.id))!;
    const copy = await h.store.snapshot!();
    try {
      const inCopy = (await loadInternshipContext(copy, h.workspace.id, ctx.internship.id))!;
      const from = h.clock.now();
      const sends = await simulateSends(
        copy,
        inCopy,
        { from, until: new Date(from.getTime() + 14 * 86_400_000) },
        h.log.log,
      );
      const mails = sends.filter((s) => mailRecipient(s.address) !== undefined);
      // Nobody has a chat id: everything goes by e-mail, to the internship's four people and a colleague asked to meet Ana.
      expect(mails.length).toBe(sends.length);
      expect(new Set(mails.map((s) => mailRecipient(s.address)))).toEqual(
        new Set([
          "ana@uni.example",
          "bram@uni.example",
          "chloe@uni.example",
          "lena@uni.example",
          "olga@uni.example",
        ]),
      );
      expect(mails.length).toBeGreaterThan(20);
      if (process.env.SHOW_MAILS) for (const { message } of mails) console.log(`---\n${shown(message)}`);
      for (const { message } of mails) {
        expect(
          hasChatInstruction(shown(message)),
          `a chat instruction in an e-mail:\n${shown(message)}`,
        ).toBe(false);
        expect(message.buttons).toBeUndefined();
        expect(message.portalPath).toMatch(/^\/portal/);
      }
    } finally {
      await copy.close();
    }
  });

  it("leave out the chat commands of answers and changes others make, keeping what happened", () => {
    const milestone: Milestone = {
      id: 7,
      workspaceId: 1,
      internshipId: 1,
      title: "Report draft",
      due: "2026-12-04",
      status: "planned",
      moves: 0,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    };
    const proposal = {
      version: 3,
      inForce: 2,
      proposer: "Bram Peeters",
      changes: [],
      lapsesOn: "2026-12-10",
    };
    const kinds: OutboundMessage[] = [
      reminderMessage(milestone, 2),
      overdueInternMessage(milestone, "Bram Peeters"),
      overdueSupervisorMessage(milestone, "Ana Souza"),
      acceptRequestMessage({ ...milestone, status: "done" }, "Ana Souza"),
      acceptReminderMessage({ ...milestone, status: "done" }, "Ana Souza", "2026-12-01"),
      learningAgreementCopy.changedMessage("Bram Peeters", "Ana Souza", 3, "an outcome added"),
      agreementCopy.proposalMessage(1, proposal, "Ana Souza"),
      introRequest({
        introId: 4,
        intern: "Ana Souza",
        internCountry: "Brazil",
        internProfile: "Engineering",
        supervisor: "Bram Peeters",
        sharedHours: ["Mon 13:00-17:00"],
        capacity: 2,
      }),
      introFollowUp(4, false, "Ana Souza", "last week"),
      rescheduleOffer(4, "Ana Souza", "Olga Berg"),
      supervisorRiskNote("Ana Souza", "ana", new Set(), ["no live conversation was logged"], false),
    ];
    const commands = kinds.filter((message) => hasChatInstruction(shown(message)));
    // Most say how to answer in chat (otherwise this test would prove nothing about them).
    expect(commands.length).toBeGreaterThan(kinds.length / 2);
    for (const message of kinds) {
      const mail = forMailReader(message);
      expect(hasChatInstruction(shown(mail)), shown(mail)).toBe(false);
      expect(mail.buttons).toBeUndefined();
      // What happened stays: the opening words are kept.
      expect(mail.text.slice(0, 25)).toBe(message.text.slice(0, 25));
    }
  });

  it("drops a bracketed chat aside and a sentence of commands, and nothing else", () => {
    const mail = forMailReader({
      text: 'Ana is at risk. Schedule a short call (afterwards type "met @ana"), e.g. on Monday. Press Answer, or type "checkin".\n\nThank you.',
      reason: 'Because you supervise Ana; she sees the same reasons with "why".',
      buttons: [{ action: "checkin.open", value: "x", label: "Answer" }],
    });
    expect(mail).toEqual({
      text: "Ana is at risk. Schedule a short call, e.g. on Monday.\n\nThank you.",
    });
  });
});
