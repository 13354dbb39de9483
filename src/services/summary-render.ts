/** An InternshipSummary as chat text (digests), Markdown, CSV and JSON: the same sections in each. */

import { type PatternFacts, patternPoints } from "../domain/copy/pattern.js";
import { describeFigures } from "../domain/copy/reply.js";
import { CONCENTRATION_LIMIT } from "../domain/coverage.js";
import { formatDate, plural } from "../domain/format.js";
import { LEVEL_NAMES } from "../domain/isolation.js";
import type { ReplyFigures } from "../domain/reply-figures.js";
import type { InternshipSummary, MilestoneLine } from "./internship-summary.js";
import type { LearningProgress } from "./learning-progress.js";

/** Who reads it: reflections are shown to the coordinator (and in the report), never to the supervisor. */
export type Audience = "supervisor" | "coordinator" | "report";

export interface Section {
  title: string;
  lines: string[];
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const milestone = (m: MilestoneLine) => `#${m.id} "${m.title}" (due ${formatDate(m.due)})`;
const slipping = (m: MilestoneLine) =>
  m.finished
    ? `#${m.id} "${m.title}" (moved ${m.moves} times, finished; last due ${formatDate(m.due)})`
    : `#${m.id} "${m.title}" (moved ${m.moves} times, now due ${formatDate(m.due)})`;

/** `cap` keeps a chat message short: the first milestones, then how many more (milestone list shows all). */
function list(label: string, items: MilestoneLine[], describe = milestone, cap = Infinity): string {
  if (items.length === 0) return `${label}: none`;
  const shown = items.slice(0, cap).map(describe);
  if (items.length > cap) shown.push(`and ${items.length - cap} more`);
  return `${label}: ${shown.join(", ")}`;
}

/** Milestones named per list in a chat digest. */
const CHAT_MILESTONES = 5;

function checkinLines(s: InternshipSummary): string[] {
  const c = s.checkins;
  if (c.answered + c.partial + c.missed + c.skipped + c.open === 0) return ["No check-ins in this period"];
  const counts = `${c.answered} answered, ${c.partial} partly answered, ${c.missed} missed, ${c.skipped} skipped${c.open > 0 ? `, ${c.open} still open` : ""}`;
  if (c.scores.length === 0) return [counts, "Connectedness: no scores given"];
  const trend = c.trend ? `, ${c.trend}` : "";
  return [
    counts,
    `Connectedness (1-5): ${c.scores.map((x) => x.score).join(", ")} (average ${c.averageScore}${trend})`,
  ];
}

function introductionLines(s: InternshipSummary): string[] {
  const i = s.introductions;
  const met = i.met.length === 0 ? "" : ` (${i.met.map((p) => p.name).join(", ")})`;
  const departments = i.departments.length === 0 ? "" : ` (${i.departments.join(", ")})`;
  const state = i.reached ? "plan reached" : i.behind ? "behind the plan" : "on the way";
  const lines = [
    `Met ${i.met.length} of ${i.target} colleagues${met}, ${i.departments.length} of ${i.departmentsTarget} departments${departments}, within ${i.withinWeeks} weeks: ${state}`,
  ];
  // An asked colleague has not said yes yet: only an accepted introduction waits to be held.
  if (i.asked > 0) lines.push(`${plural(i.asked, "introduction")} asked, waiting for the colleague's answer`);
  const accepted = i.pending - i.asked;
  if (accepted > 0) lines.push(`${plural(accepted, "introduction")} accepted, waiting to be held`);
  const c = s.concentration;
  if (!c) lines.push("Concentration: no exchanges recorded");
  else {
    lines.push(`Concentration: ${percent(c.share)} of ${plural(c.exchanges, "exchange")} with ${c.person}`);
    if (c.flagged)
      lines.push(
        `Flagged: after week 3, more than ${percent(CONCENTRATION_LIMIT)} of ${s.intern}'s exchanges go to one person; an introduction or a shared task with someone else can widen the circle.`,
      );
  }
  return lines;
}

const ROUND_NAMES = { midterm: "Mid-term evaluation", final: "Final evaluation" } as const;

const SIDE_WORDS = {
  supervisor: "the supervisor's evaluation",
  intern: "the intern's self-evaluation",
} as const;

/** A round's state in words, from roundStatus alone: never "waiting" once its window has closed. */
export function roundWords(e: LearningProgress["evaluations"][number]): string {
  const s = e.status;
  switch (s.kind) {
    case "complete":
      return e.averages
        ? `both submitted; average ${e.averages.supervisor} of 5 from the supervisor, ${e.averages.intern} from the intern`
        : "both submitted";
    case "closed":
      return s.missing.length === 2
        ? "closed without either side's evaluation"
        : `closed without ${SIDE_WORDS[s.missing[0]!]}`;
    case "open":
    case "not-open": {
      const until = e.closes ? `open until ${formatDate(e.closes)}` : "open";
      const n = s.kind === "open" ? s.submitted.length : 0;
      const which = s.kind === "open" && n === 1 ? ` (${SIDE_WORDS[s.submitted[0]!]})` : "";
      return `${until}, ${n} of 2 in${which}`;
    }
  }
}

function learningLines(l: LearningProgress): string[] {
  const outcomes = l.outcomes.map((o) =>
    o.milestones === 0
      ? `${o.key}: no milestone yet`
      : `${o.key}: ${o.accepted} of ${plural(o.milestones, "milestone")} accepted`,
  );
  const evaluations = l.evaluations.map((e) => `${ROUND_NAMES[e.round]}: ${roundWords(e)}`);
  return [...(outcomes.length ? outcomes : ["no outcomes listed"]), ...evaluations];
}

/** The sections every format shows, as sentences. */
export function summarySections(s: InternshipSummary, audience: Audience, cap = Infinity): Section[] {
  const sections: Section[] = [
    {
      title: "Milestones",
      lines: [
        list("Done, waiting for acceptance", s.milestones.done, milestone, cap),
        list("Accepted", s.milestones.accepted, milestone, cap),
        list("Slipping", s.milestones.slipping, slipping, cap),
        list("Overdue", s.milestones.overdue, milestone, cap),
      ],
    },
    { title: "Check-ins", lines: checkinLines(s) },
    {
      title: "Reply times",
      lines: [
        `Replies to ${s.intern}: ${describeFigures(s.replies.to_company)}`,
        `Replies from ${s.intern}: ${describeFigures(s.replies.to_intern)}`,
      ],
    },
    {
      title: "Connection signal",
      lines: s.ended
        ? [
            `not followed since the internship ended ${formatDate(s.ended)}${s.isolation ? ` (last: ${LEVEL_NAMES[s.isolation.level]}, ${formatDate(s.isolation.date)})` : ""}`,
          ]
        : s.isolation
          ? [`${LEVEL_NAMES[s.isolation.level]} (${formatDate(s.isolation.date)})`, ...s.isolation.reasons]
          : ["not computed yet"],
    },
    { title: "Introductions", lines: introductionLines(s) },
  ];
  if (s.learning) sections.push({ title: "Learning agreement", lines: learningLines(s.learning) });
  if (audience !== "supervisor") {
    sections.push({
      title: "Reflections shared with the coordinator",
      lines: s.reflections.length === 0 ? ["none"] : s.reflections.map((r) => `${r.week}: ${r.text}`),
    });
  }
  return sections;
}

const heading = (s: InternshipSummary) =>
  `${s.intern} (${s.internshipKey}), ${formatDate(s.period.from)} to ${formatDate(s.period.to)}, week ${s.week} of the internship`;

/** Plain text for a chat message: one heading, then "Section: line; line". */
export function renderChat(s: InternshipSummary, audience: Audience): string {
  const body = summarySections(s, audience, CHAT_MILESTONES).map(
    (section) => `${section.title}: ${section.lines.join("; ")}`,
  );
  return [heading(s), ...body].join("\n");
}

/** A supervisor's copy (the portal) leaves the reflections section out: they are shared with the coordinator. */
export function renderMarkdown(s: InternshipSummary, audience: Audience = "report"): string {
  const lines = [
    `# Internship report: ${s.intern} (${s.internshipKey})`,
    "",
    `Supervisor: ${s.supervisor}. Coordinator: ${s.coordinator ?? "none"}.`,
    `Period: ${formatDate(s.period.from)} to ${formatDate(s.period.to)} (week ${s.week}).`,
  ];
  for (const section of summarySections(s, audience)) {
    lines.push("", `## ${section.title}`, "", ...section.lines.map((l) => `- ${l}`));
  }
  return `${lines.join("\n")}\n`;
}

/** Every figure with null where it is unknown. */
function figuresView(f: ReplyFigures) {
  return {
    answered: f.answered,
    medianHours: f.medianHours ?? null,
    p90Hours: f.p90Hours ?? null,
    onTime: f.onTime,
    late: f.late,
    overdue: f.overdue,
    waiting: f.waiting,
    unanswered: f.unanswered,
    endedInTime: f.endedInTime,
    onTimeShare: f.withinShare ?? null,
    breaches: f.breaches,
  };
}

/** The summary as JSON: unknown values are null, never left out and never zero. */
export function renderJson(s: InternshipSummary, audience: Audience = "report"): string {
  const { reflections, ...rest } = s;
  const view = {
    ...rest,
    ...(audience === "supervisor" ? {} : { reflections }),
    coordinator: s.coordinator ?? null,
    checkins: {
      ...s.checkins,
      averageScore: s.checkins.averageScore ?? null,
      trend: s.checkins.trend ?? null,
    },
    replies: { toIntern: figuresView(s.replies.to_company), fromIntern: figuresView(s.replies.to_intern) },
    isolation: s.isolation ?? null,
    introductions: {
      ...s.introductions,
      met: s.introductions.met.map((p) => ({ name: p.name, department: p.department ?? null })),
    },
    concentration: s.concentration ?? null,
    learning: s.learning
      ? {
          outcomes: s.learning.outcomes,
          evaluations: s.learning.evaluations.map((e) => ({ ...e, averages: e.averages ?? null })),
        }
      : null,
  };
  return `${JSON.stringify(view, null, 2)}\n`;
}

export type Cell = string | number | boolean | null | undefined;

/** Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const titles = (items: MilestoneLine[]) => items.map((m) => `#${m.id} ${m.title}`).join(" | ");

/** One row per section and metric; an empty value means unknown. */
export function renderCsv(s: InternshipSummary, audience: Audience = "report"): string {
  const rows: [string, string, Cell][] = [
    ["report", "internship", s.internshipKey],
    ["report", "intern", s.intern],
    ["report", "supervisor", s.supervisor],
    ["report", "coordinator", s.coordinator],
    ["report", "from", s.period.from],
    ["report", "to", s.period.to],
    ["report", "week", s.week],
  ];
  for (const kind of ["done", "accepted", "slipping", "overdue"] as const) {
    rows.push(
      ["milestones", kind, s.milestones[kind].length],
      ["milestones", `${kind}_titles`, titles(s.milestones[kind])],
    );
  }
  const c = s.checkins;
  rows.push(
    ["checkins", "answered", c.answered],
    ["checkins", "partial", c.partial],
    ["checkins", "missed", c.missed],
    ["checkins", "skipped", c.skipped],
    ["checkins", "open", c.open],
    ["checkins", "connectedness_scores", c.scores.map((x) => `${x.date}:${x.score}`).join(" | ")],
    ["checkins", "connectedness_average", c.averageScore],
    ["checkins", "connectedness_trend", c.trend],
  );
  const directions = [
    ["replies_to_intern", s.replies.to_company],
    ["replies_from_intern", s.replies.to_intern],
  ] as const;
  for (const [section, figures] of directions) {
    for (const [metric, value] of Object.entries(figuresView(figures))) rows.push([section, metric, value]);
  }
  rows.push(
    ["isolation", "level", s.isolation?.level],
    ["isolation", "date", s.isolation?.date],
    ["isolation", "reasons", s.isolation?.reasons.join(" | ")],
  );
  const i = s.introductions;
  rows.push(
    ["introductions", "met", i.met.length],
    ["introductions", "met_names", i.met.map((p) => p.name).join(" | ")],
    ["introductions", "target", i.target],
    ["introductions", "departments", i.departments.length],
    ["introductions", "departments_target", i.departmentsTarget],
    ["introductions", "reached", i.reached],
    ["introductions", "behind", i.behind],
    ["introductions", "pending", i.pending],
    ["concentration", "person", s.concentration?.person],
    ["concentration", "share", s.concentration && Math.round(s.concentration.share * 1000) / 1000],
    ["concentration", "exchanges", s.concentration?.exchanges],
    ["concentration", "flagged", s.concentration?.flagged],
  );
  for (const o of s.learning?.outcomes ?? []) {
    rows.push(
      ["outcomes", `${o.key}_milestones`, o.milestones],
      ["outcomes", `${o.key}_accepted`, o.accepted],
    );
  }
  for (const e of s.learning?.evaluations ?? []) {
    rows.push(
      ["evaluations", `${e.round}_submitted`, e.submitted.join(" | ")],
      ["evaluations", `${e.round}_supervisor_average`, e.averages?.supervisor],
      ["evaluations", `${e.round}_intern_average`, e.averages?.intern],
    );
  }
  if (audience !== "supervisor") for (const r of s.reflections) rows.push(["reflections", r.week, r.text]);
  return `${["section,metric,value", ...rows.map((row) => row.map(csvCell).join(","))].join("\n")}\n`;
}

/** What needs a coordinator's attention in one intern's week, most pressing first; empty when nothing does. */
/** The connection signal in plain words, for a reader who never saw Tandem's chat (an e-mail digest). */
const PLAIN_LEVELS = { watch: "signs of isolation to watch", at_risk: "at risk of isolation" } as const;

export function attentionPoints(s: InternshipSummary, pattern?: PatternFacts, plain = false): string[] {
  const points: string[] = [];
  const m = s.milestones;
  if (m.overdue.length > 0) points.push(plural(m.overdue.length, "overdue milestone"));
  // An ended internship is listed as ended: only a milestone still overdue (a late report) is a matter.
  if (s.ended) return points;
  if (s.isolation && s.isolation.level !== "ok")
    points.push(
      plain ? PLAIN_LEVELS[s.isolation.level] : `connection signal ${LEVEL_NAMES[s.isolation.level]}`,
    );
  if (s.concentration?.flagged) {
    points.push(`${percent(s.concentration.share)} of exchanges with ${s.concentration.person}`);
  }
  if (s.checkins.missed >= 2) points.push(`${s.checkins.missed} check-ins missed`);
  // Two or more check-ins and not one answered (skipped, or missed and skipped) is worth a word too.
  else if (answeredOf(s) === 0 && settledOf(s) >= 2) points.push("no check-in answered");
  if (s.checkins.trend === "falling") points.push("connectedness falling");
  // Late replies are the two people's matter; the coordinator is shown a pattern of them only.
  if (pattern) points.push(...patternPoints(pattern));
  if (m.slipping.length > 0) points.push(plural(m.slipping.length, "slipping milestone"));
  if (s.introductions.behind) points.push("introductions behind the plan");
  return points;
}

/**
 * One intern's week in a line or two for the coordinator's digest: what needs attention first, then
 * the figures that matter. The details (titles, reply times, reflections) are one `digest` away.
 */
const settledOf = (s: InternshipSummary) =>
  s.checkins.answered + s.checkins.partial + s.checkins.missed + s.checkins.skipped;
const answeredOf = (s: InternshipSummary) => s.checkins.answered + s.checkins.partial;

/** `plain`: for an e-mail reader, names without chat handles and the signal in plain words. */
export function renderBrief(
  s: InternshipSummary,
  handle: string,
  pattern?: PatternFacts,
  plain = false,
): string {
  const attention = attentionPoints(s, pattern, plain);
  const c = s.checkins;
  const settled = settledOf(s);
  const { done, accepted } = s.milestones;
  const figures = [
    settled === 0
      ? "no check-ins"
      : `check-ins ${c.answered + c.partial} of ${settled} answered${c.averageScore === undefined ? "" : `, connectedness ${c.averageScore}`}`,
  ];
  if (done.length + accepted.length > 0) {
    // Each milestone once, in its latest state: an accepted one is not also counted as done.
    const states = [
      accepted.length > 0 ? `${accepted.length} accepted` : "",
      done.length > 0 ? `${done.length} done, waiting for acceptance` : "",
    ].filter(Boolean);
    figures.push(`milestones ${states.join(", ")}`);
  }
  figures.push(`met ${s.introductions.met.length} of ${s.introductions.target} colleagues`);
  // An evaluation window open now: the coordinator may want to nudge whoever has not answered.
  for (const e of s.learning?.evaluations ?? []) {
    if (e.status.kind !== "open") continue;
    const until = e.closes ? ` until ${formatDate(e.closes)}` : "";
    figures.push(
      `${e.round === "midterm" ? "mid-term" : "final"} evaluation open${until}, ${e.status.submitted.length} of 2 in`,
    );
  }
  if (s.reflections.length > 0) figures.push(plural(s.reflections.length, "shared reflection"));
  const name = plain ? s.intern : `${s.intern} (@${handle})`;
  const head = s.ended ? `${name}, internship ended ${formatDate(s.ended)}` : name;
  return attention.length === 0
    ? `${head}: nothing to flag; ${figures.join("; ")}.`
    : `${head}: needs attention: ${attention.join(", ")}. ${capitalize(figures.join("; "))}.`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
