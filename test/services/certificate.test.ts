import { describe, expect, it } from "vitest";
import { draftCertificate } from "../../src/services/certificate/certificate.js";
import {
  certificateHtml,
  certificateJson,
  certificateMarkdown,
} from "../../src/services/certificate/certificate-render.js";
import { createBotHarness } from "../helpers/bot-harness.js";
import { sampleProgramme } from "../helpers/programme.js";

/** Ana's internship (2026-11-01 to 2027-03-31) with a learning agreement; the harness starts 1 Dec 2026. */
function programme() {
  const p = sampleProgramme();
  p.people[0] = { ...p.people[0]!, leave: [{ from: "2026-12-21", to: "2026-12-24" }] };
  p.internships![0] = {
    ...p.internships![0]!,
    learning: {
      title: "Market research assistant",
      hoursPerWeek: 30,
      outcomes: [
        { key: "market-research", description: "Plan and run a small market study" },
        { key: "presenting", description: "Present findings to a client" },
      ],
      criteria: ["Teamwork", "Initiative"],
    },
  };
  return p;
}

async function setup() {
  const h = await createBotHarness({ programme: programme() });
  await h.say(
    "ana",
    'milestone add "Survey of <b>20</b> customers" due 2026-12-15 for outcome market-research',
  );
  await h.say("ana", "milestone done 1");
  await h.say("bram", "milestone accept 1 it goes into the Q1 plan");
  await h.say("ana", 'milestone add "Findings deck" due 2027-02-15 for outcome presenting');
  await h.say("ana", "met @bram kickoff");
  const ship = await h.internship("ana-2026");
  return { h, ship };
}

describe("the certificate draft", () => {
  it("holds only what Tandem saw: period and days, hours, accepted tasks with feedback, outcomes and their milestones, figures", async () => {
    const { h, ship } = await setup();
    h.clock.set(new Date("2027-04-02T12:00:00Z"));
    const c = (await draftCertificate(h.store, h.workspace.id, ship.id, h.clock.now()))!;
    expect(c.period).toEqual({
      start: "2026-11-01",
      end: "2027-03-31",
      to: "2027-03-31",
      running: false,
      weeks: 22,
    });
    // Ana works Mon-Fri in Brazil: 4 days of leave before Christmas; holidays counted apart.
    expect(c.days.leave).toBe(4);
    expect(c.days.daysOff).toBeGreaterThan(0);
    expect(c.days.working + c.days.leave + c.days.daysOff).toBe(108); // Mon-Fri from 1 Nov to 31 Mar
    expect(c.hoursPerWeek).toBe(30);
    expect(c.tasks).toEqual([
      {
        title: "Survey of <b>20</b> customers",
        due: "2026-12-15",
        acceptedOn: "2026-12-01",
        feedback: "it goes into the Q1 plan",
      },
    ]);
    expect(c.outcomes.map((o) => [o.key, o.milestones, o.rating])).toEqual([
      ["market-research", [{ title: "Survey of <b>20</b> customers", accepted: true }], undefined],
      ["presenting", [{ title: "Findings deck", accepted: false }], undefined],
    ]);
    expect(c.evaluation).toEqual([
      { criterion: "Teamwork", rating: undefined, comment: undefined },
      { criterion: "Initiative", rating: undefined, comment: undefined },
    ]);
    expect(c.monitoring.liveMeetings).toBe(1);
    expect(c.confirmation).toBeUndefined();

    const md = certificateMarkdown(c);
    expect(md).toContain("# Traineeship certificate (draft): Ana Souza");
    expect(md).toContain(
      '- "Survey of <b>20</b> customers", due Tue 15 Dec 2026, accepted Tue 1 Dec 2026: it goes into the Q1 plan',
    );
    expect(md).toContain("- Teamwork: not submitted yet");
    const html = certificateHtml(c);
    expect(html).toContain("Survey of &lt;b&gt;20&lt;/b&gt; customers");
    expect(html).not.toContain("<b>20</b>");
    expect(JSON.parse(certificateJson(c))).toMatchObject({ coordinator: "Lena Vogel", confirmation: null });
  });

  it("shows the supervisor a Confirm button that records who confirmed which draft; newer figures unconfirm it", async () => {
    const { h } = await setup();
    // While the work goes on the draft is shown, but it is confirmed only from the intern's last working day
    // (Wed 31 Mar, after the final evaluation's date): its figures run to today, so earlier would lapse.
    const early = (await h.dm("bram", "certificate for @ana"))!;
    expect(early.buttons).toBeUndefined();
    expect(early.text).toContain("from Wed 31 Mar 2027 (the intern's last working day) on");
    expect(await h.say("bram", "certificate confirm for @ana")).toMatch(
      /^The certificate is confirmed at the end of the internship: from Wed 31 Mar 2027/,
    );
    // After the final evaluation's date, still too early.
    h.clock.set(new Date("2027-03-26T12:00:00Z"));
    expect(await h.say("bram", "certificate confirm for @ana")).toMatch(/from Wed 31 Mar 2027/);
    h.clock.set(new Date("2027-03-31T12:00:00Z"));
    const shown = (await h.dm("bram", "certificate for @ana"))!;
    expect(shown.text).toMatch(/^Traineeship certificate \(draft\): Ana Souza\n/);
    expect(shown.text).toContain("Not confirmed yet");
    const [button] = shown.buttons!;
    expect(button).toMatchObject({ action: "certificate.confirm", label: "Confirm" });
    expect((await h.press("bram", button!))?.text).toMatch(/^Confirmed the certificate draft for Ana Souza/);
    expect((await h.press("bram", button!))?.text).toMatch(/already confirmed \(by Bram/);
    const confirmed = (await h.dm("ana", "certificate"))!;
    expect(confirmed.text).toMatch(/Confirmed by Bram .* on Wed 31 Mar 2027\./);
    expect(confirmed.buttons).toBeUndefined();
    const audit = (await h.store.audit.list(h.workspace.id)).filter(
      (a) => a.action === "certificate.confirm",
    );
    expect(audit).toHaveLength(1);

    // A milestone accepted afterwards changes the draft: the old confirmation no longer covers it.
    await h.say("ana", "milestone done 2");
    await h.say("bram", "milestone accept 2 shown to the client");
    expect((await h.dm("bram", "certificate for @ana"))!.text).toMatch(/confirmed an earlier draft/);
  });

  it("refuses a stale button with the current draft, and lets only supervisors confirm", async () => {
    const { h, ship } = await setup();
    h.clock.set(new Date("2027-03-31T12:00:00Z"));
    const stale = { action: "certificate.confirm", value: `${ship.id}:0000` };
    const answer = (await h.press("bram", stale))!;
    expect(answer.text).toMatch(/^The draft changed since it was shown to you/);
    expect(answer.buttons?.[0]?.value).toMatch(new RegExp(`^${ship.id}:[0-9a-f]{32}$`));
    expect((await h.press("ana", stale))?.text).toBe(
      "Only the intern's supervisor or backup supervisor can confirm the certificate draft.",
    );
    expect(await h.say("ana", "certificate confirm")).toBe(
      "Only the intern's supervisor or backup supervisor can confirm the certificate draft.",
    );
    expect(await h.say("olga", "certificate for @ana")).toMatch(/only|not/i);
    expect(await h.store.certificates.lastConfirmation(ship.id)).toBeUndefined();
  });
});

describe("the final evaluation in the certificate", () => {
  it("shows the supervisor's final ratings only once both sides submitted, keeping the evaluation blind", async () => {
    const { h, ship } = await setup();
    const bram = (await h.person("bram")).id;
    const ana = (await h.person("ana")).id;
    const answers = {
      criteria: { teamwork: { score: 4, comment: "reliable" }, initiative: { score: 5 } },
      outcomes: { "market-research": "achieved" as const, presenting: "partly" as const },
    };
    h.clock.set(new Date("2027-03-26T12:00:00Z"));
    const submit = (side: "supervisor" | "intern", authorId: number) =>
      h.store.evaluations.submit(
        h.workspace.id,
        { internshipId: ship.id, round: "final", side, authorId, answers },
        h.clock.now(),
      );
    await submit("supervisor", bram);
    const blind = (await draftCertificate(h.store, h.workspace.id, ship.id, h.clock.now()))!;
    expect(blind.evaluation.map((e) => e.rating)).toEqual([undefined, undefined]);
    expect(blind.outcomes.map((o) => o.rating)).toEqual([undefined, undefined]);
    expect(certificateMarkdown(blind)).toContain(
      "- Teamwork: submitted; shown once the trainee's own evaluation is in or the window closes (Thu 1 Apr 2027)",
    );
    await submit("intern", ana);
    const open = (await draftCertificate(h.store, h.workspace.id, ship.id, h.clock.now()))!;
    expect(open.evaluation).toEqual([
      { criterion: "Teamwork", rating: 4, comment: "reliable" },
      { criterion: "Initiative", rating: 5, comment: undefined },
    ]);
    expect(open.outcomes.map((o) => o.rating)).toEqual(["achieved", "partly"]);
    expect(certificateMarkdown(open)).toContain("- Teamwork: 4 of 5 (reliable)");
  });

  it("points to the draft's portal page when the portal is on, and to the admin's command when it is not", async () => {
    const on = await createBotHarness({ programme: programme(), publicUrl: "https://tandem.example.edu" });
    const ship = await on.internship("ana-2026");
    expect(await on.say("bram", "certificate for @ana")).toContain(
      `is in the portal: https://tandem.example.edu/portal/internships/${ship.id}/certificate (not signed in?`,
    );
    const off = await createBotHarness({ programme: programme() });
    const text = await off.say("bram", "certificate for @ana");
    expect(text).toContain(
      "A programme admin can print the whole draft: tandem certificate ana-2026 --format html.",
    );
    expect(text).not.toContain("/portal/");
  });
});
