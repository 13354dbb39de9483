import { describe, expect, it } from "vitest";
import { localDateIn } from "../../src/domain/zone-time.js";
import { handleReflectCommand, handleReflectionAction } from "../../src/services/command-handlers/reflect.js";
import { summarizeWholeInternship } from "../../src/services/internship-summary.js";
import { renderCsv, renderJson, renderMarkdown } from "../../src/services/summary-render.js";
import { createServiceHarness } from "../helpers/service-harness.js";

const SP = "America/Sao_Paulo";
const BXL = "Europe/Brussels";

/** A few weeks of Ana's internship, made through the bot and the check-in rule, reported on 10 Dec. */
async function anasInternship() {
  const h = await createServiceHarness({ rules: "checkin" });
  const at = (date: string, time: string, zone = SP) => h.local(`${date}T${time}`, zone);
  const act = (date: string, form: Record<string, string>) => {
    h.clock.set(at(date, "10:00"));
    return h.bot.handle({
      kind: "action",
      id: `answer-${date}`,
      platform: "console",
      workspace: "test",
      user: "ana",
      conversation: "console:test:user:ana",
      at: h.clock.now(),
      action: "checkin.answer",
      value: date,
      form,
    });
  };
  const sayAt = (when: Date, user: string, text: string) => {
    h.clock.set(when);
    return h.say(user, text);
  };
  const post = (user: string, when: Date, ref: string, thread?: string) => {
    h.clock.set(when);
    return h.homeMessage(user, when, {
      id: `msg-${ref}`,
      ref: ref,
      mentions: [],
      asks: !thread,
      thread: thread,
    });
  };
  const ctx = async (when: Date) => ({
    store: h.store,
    log: h.log.log,
    now: when,
    workspace: h.workspace,
    speaker: await h.person("ana"),
    today: localDateIn(SP, when),
  });

  await act("2026-12-01", { progress: "survey", nextSteps: "interviews", connectedness: "4" });
  await act("2026-12-02", { progress: "survey", nextSteps: "interviews", connectedness: "2" });
  await h.tickAt(at("2026-12-03", "09:30"));
  await h.tickAt(at("2026-12-03", "17:30"));
  await sayAt(at("2026-12-01", "11:00"), "ana", 'milestone add "Survey draft" due 2026-12-03');
  await sayAt(at("2026-12-01", "11:01"), "ana", 'milestone add "Glossary, terms" due 2026-12-02');
  const id = async (title: string) =>
    (await h.store.milestones.listFor((await h.internship("ana-2026")).id)).find((m) => m.title === title)!
      .id;
  await sayAt(at("2026-12-02", "11:00"), "ana", `milestone done ${await id("Survey draft")}`);
  await sayAt(
    at("2026-12-03", "11:00"),
    "bram",
    `milestone accept ${await id("Survey draft")} used for the pitch`,
  );
  await post("ana", at("2026-12-01", "13:00", BXL), "q1");
  await post("bram", at("2026-12-01", "15:00", BXL), "a1", "q1");
  await h.store.signals.save(h.workspace.id, {
    internshipId: (await h.internship("ana-2026")).id,
    date: "2026-12-09",
    level: "at_risk",
    reasons: [{ code: "low_connectedness", text: "Connectedness fell to 2." }],
    inputs: { connectedness: 2, exchanges: null },
    computedAt: at("2026-12-09", "18:00"),
  });
  await handleReflectionAction(await ctx(at("2026-12-04", "14:10")), {
    action: "reflection.answer",
    value: "2026-W49",
    form: { text: '=SUM(A1) decisions, "quoted"', share: "yes" },
  });
  await handleReflectCommand(await ctx(at("2026-12-09", "14:10")), { name: "reflect", text: "kept private" });
  const now = at("2026-12-10", "12:00");
  const summary = (await summarizeWholeInternship(
    h.store,
    h.workspace.id,
    (
      await h.internship("ana-2026")
    ).id,
    now,
  ))!;
  return {
    h,
    summary,
    ids: { survey: await id("Survey draft"), glossary: await id("Glossary, terms") },
    now,
  };
}

describe("end-of-internship report", () => {
  it("renders Markdown with every section over the internship so far", async () => {
    const { summary, ids } = await anasInternship();
    const md = renderMarkdown(summary);
    expect(md).toMatch(/^# Internship report: Ana Souza \(ana-2026\)\n/);
    expect(md).toContain("Supervisor: Bram Peeters. Coordinator: Lena Vogel.");
    expect(md).toContain("Period: Sun 1 Nov 2026 to Thu 10 Dec 2026 (week 6).");
    // One line per milestone with its latest state: the accepted survey is not also listed as done.
    expect(md).toContain(
      `## Milestones\n\n- Done, waiting for acceptance: none\n- Accepted: #${ids.survey} "Survey draft"`,
    );
    expect(md.match(/"Survey draft"/g)).toHaveLength(1);
    expect(md).toContain("- Slipping: none");
    expect(md).toContain(`- Overdue: #${ids.glossary} "Glossary, terms" (due Wed 2 Dec 2026)`);
    expect(md).toContain("## Check-ins\n\n- 2 answered, 0 partly answered, 1 missed, 0 skipped");
    expect(md).toContain("- Connectedness (1-5): 4, 2 (average 3, falling)");
    expect(md).toContain(
      "- Replies to Ana Souza: 1 question: 1 answered on time; answered in 2h of working time",
    );
    expect(md).toContain("- Replies from Ana Souza: no questions yet");
    // Plain words, and one connectedness computation per message: the reason points at the scores above.
    expect(md).toContain(
      "## Connection signal\n\n- at risk (Wed 9 Dec 2026)\n- Ana Souza's recent connectedness scores are low",
    );
    expect(md).not.toContain("at_risk");
    // Week 6 of a 6-week plan and nobody met: behind, not "on the way".
    expect(md).toContain("- Met 0 of 6 colleagues, 0 of 3 departments, within 6 weeks: behind the plan");
    expect(md).toContain("- Concentration: 100% of 1 exchange with Bram Peeters");
    expect(md).toContain(
      '## Reflections shared with the coordinator\n\n- 2026-W49: =SUM(A1) decisions, "quoted"',
    );
    expect(md).not.toContain("kept private");
  });

  it("renders CSV as section,metric,value rows, quoted and safe to open in a spreadsheet", async () => {
    const { summary, ids } = await anasInternship();
    const rows = renderCsv(summary).trimEnd().split("\n");
    expect(rows[0]).toBe("section,metric,value");
    expect(rows).toEqual(
      expect.arrayContaining([
        "report,internship,ana-2026",
        "report,from,2026-11-01",
        "report,to,2026-12-10",
        // The accepted survey counts once, as accepted, not also as done.
        "milestones,done,0",
        "milestones,done_titles,",
        "milestones,accepted,1",
        `milestones,accepted_titles,#${ids.survey} Survey draft`,
        "milestones,slipping,0",
        "milestones,slipping_titles,",
        `milestones,overdue_titles,"#${ids.glossary} Glossary, terms"`,
        "checkins,answered,2",
        "checkins,missed,1",
        "checkins,connectedness_scores,2026-12-01:4 | 2026-12-02:2",
        "checkins,connectedness_average,3",
        "checkins,connectedness_trend,falling",
        "replies_to_intern,answered,1",
        "replies_to_intern,medianHours,2",
        "replies_from_intern,answered,0",
        "replies_from_intern,medianHours,",
        "isolation,level,at_risk",
        "isolation,reasons,Ana Souza's recent connectedness scores are low",
        "introductions,met,0",
        "introductions,reached,false",
        "concentration,person,Bram Peeters",
        "concentration,share,1",
        "concentration,flagged,true",
        `reflections,2026-W49,"'=SUM(A1) decisions, ""quoted"""`,
      ]),
    );
    expect(rows.join("\n")).not.toContain("kept private");
  });

  it("renders JSON with null for what is unknown", async () => {
    const { h, summary, now } = await anasInternship();
    const json = JSON.parse(renderJson(summary));
    expect(json).toMatchObject({
      internshipKey: "ana-2026",
      period: { from: "2026-11-01", to: "2026-12-10" },
      checkins: { answered: 2, missed: 1, averageScore: 3, trend: "falling" },
      replies: {
        toIntern: {
          answered: 1,
          onTime: 1,
          late: 0,
          overdue: 0,
          waiting: 0,
          medianHours: 2,
          onTimeShare: 1,
          breaches: 0,
        },
        fromIntern: { answered: 0, medianHours: null, onTimeShare: null },
      },
      isolation: {
        level: "at_risk",
        date: "2026-12-09",
        reasons: ["Ana Souza's recent connectedness scores are low"],
      },
      concentration: { person: "Bram Peeters", share: 1, exchanges: 1, flagged: true },
      reflections: [{ week: "2026-W49", text: '=SUM(A1) decisions, "quoted"' }],
    });
    const ben = (await summarizeWholeInternship(
      h.store,
      h.workspace.id,
      (
        await h.internship("ben-2026")
      ).id,
      now,
    ))!;
    expect(JSON.parse(renderJson(ben))).toMatchObject({
      coordinator: null,
      checkins: { answered: 0, scores: [], averageScore: null, trend: null },
      isolation: null,
      concentration: null,
      reflections: [],
    });
  });
});
