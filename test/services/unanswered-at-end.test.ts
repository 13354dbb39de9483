import { describe, expect, it } from "vitest";
import { draftCertificate } from "../../src/services/certificate/certificate.js";
import { certificateMarkdown } from "../../src/services/certificate/certificate-render.js";
import { summarizeWholeInternship } from "../../src/services/internship-summary.js";
import { buildInternshipPage } from "../../src/services/portal/internship-page.js";
import { renderChat } from "../../src/services/summary-render.js";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";

/** Ana's internship ends on Fri 11 Dec 2026; she asks Bram in the home channel and he never replies. */
async function setup() {
  const programme = sampleProgramme();
  programme.internships![0] = { ...programme.internships![0]!, end: "2026-12-11" };
  const h = await createServiceHarness({ programme });
  const ship = await h.internship("ana-2026");
  let n = 0;
  const ask = async (at: Date) => {
    n += 1;
    h.clock.set(at);
    await h.bot.handle({
      kind: "message",
      id: `ev-${n}`,
      platform: "console",
      workspace: "test",
      user: "ana",
      conversation: "console:test:conv:home",
      at,
      messageRef: `m${n}`,
      mentions: [],
      asks: true,
      isDirect: false,
      fromBot: false,
      permalink: `https://chat.example/home/m${n}`,
    });
  };
  const report = async () =>
    (await summarizeWholeInternship(h.store, h.workspace.id, ship.id, h.clock.now()))!;
  const certificate = async () =>
    certificateMarkdown((await draftCertificate(h.store, h.workspace.id, ship.id, h.clock.now()))!);
  const page = async () =>
    (await buildInternshipPage(h.store, h.workspace.id, ship.id, ["coordinator"], h.clock.now()))!;
  return { h, ask, report, certificate, page };
}

describe("a question without a reply when the internship ends", () => {
  it("stays counted as missed in the report, the certificate and the internship page once the end closes it", async () => {
    const { h, ask, report, certificate, page } = await setup();
    await ask(h.local("2026-12-07T10:00", SP));
    await h.tickAt(h.local("2026-12-09T12:00", SP));
    expect(renderChat(await report(), "coordinator")).toContain(
      "Replies to Ana Souza: 1 question: 1 overdue without a reply",
    );
    // Before the end, the certificate no longer hides an overdue question behind "no reply timed yet".
    expect(await certificate()).toContain(
      "The company's replies to the trainee: no reply timed yet; 1 question overdue without a reply.",
    );

    await h.tickAt(h.local("2026-12-14T09:00", SP));
    const clocks = await h.store.replyClocks.since((await h.internship("ana-2026")).id, new Date(0));
    expect(clocks.map((c) => c.closeReason)).toEqual(["ended"]);
    const after = await report();
    expect(after.replies.to_company).toMatchObject({ unanswered: 1, breaches: 1, withinShare: 0 });
    const text = renderChat(after, "coordinator");
    expect(text).toContain(
      "Replies to Ana Souza: 1 question: 1 never answered (overdue when the internship ended)",
    );
    expect(text).not.toContain("Replies to Ana Souza: no questions yet");
    expect(await certificate()).toContain(
      "The company's replies to the trainee: no reply timed yet; 1 question never answered (overdue when the internship ended).",
    );
    const p = await page();
    expect(p.summary.replies.to_company).toMatchObject({ unanswered: 1 });
    expect(p.replyWeeks.find((w) => w.figures.to_company.unanswered === 1)).toBeDefined();
  });

  it("reports a question still within its time at the end as such, not as missed", async () => {
    const { h, ask, report, certificate } = await setup();
    await ask(h.local("2026-12-11T16:00", SP)); // due on Monday, after the last day
    await h.tickAt(h.local("2026-12-14T09:00", SP));
    const after = await report();
    expect(after.replies.to_company).toMatchObject({ unanswered: 0, endedInTime: 1, breaches: 0 });
    expect(after.replies.to_company.withinShare).toBeUndefined();
    expect(renderChat(after, "coordinator")).toContain(
      "Replies to Ana Souza: 1 question: 1 without a reply when the internship ended, not due yet",
    );
    expect(await certificate()).toContain(
      "no reply timed yet; 1 question without a reply when the internship ended, not due yet.",
    );
  });
});
