/** The certificate draft as Markdown, JSON and a printable HTML page, from the same sections. */
import type { Certificate } from "../../domain/certificate.js";
import { escapeHtml } from "../../domain/escape.js";
import { formatDate, plural } from "../../domain/format.js";
import { fitLines, MESSAGE_TEXT_BUDGET } from "../../domain/message-budget.js";
import type { ReplyFigures } from "../../domain/reply-figures.js";

export interface Section {
  title: string;
  lines: string[];
}

/** What stands where a final rating is not shown, and why. */
function notShown(c: Certificate): string {
  const f = c.finalEvaluation;
  if (f.state === "blind")
    return `submitted; shown once the trainee's own evaluation is in or the window closes (${formatDate(f.closes.toISOString().slice(0, 10))})`;
  return "not submitted yet";
}

/** Timed replies, then every question still or finally without one: an overdue one is never left out. */
function replies(who: string, f: ReplyFigures): string {
  const unreplied = [
    f.overdue > 0 ? `${plural(f.overdue, "question")} overdue without a reply` : "",
    f.unanswered > 0
      ? `${plural(f.unanswered, "question")} never answered (overdue when the internship ended)`
      : "",
    f.waiting > 0 ? `${plural(f.waiting, "question")} waiting for a reply, not due yet` : "",
    f.endedInTime > 0
      ? `${plural(f.endedInTime, "question")} without a reply when the internship ended, not due yet`
      : "",
  ].filter(Boolean);
  const rest = unreplied.length ? `; ${unreplied.join("; ")}` : "";
  if (f.answered === 0) return `${who}: no reply timed yet${rest}.`;
  const median = f.medianHours === undefined ? "" : `, median ${f.medianHours} working hours`;
  const share =
    f.withinShare === undefined ? "" : `, ${Math.round(f.withinShare * 100)}% within the agreed time`;
  return `${who}: ${f.answered} ${f.answered === 1 ? "reply" : "replies"} timed${median}${share}${rest}.`;
}

/** The draft's sections, in order: each renderer (and the portal's page) lays them out its own way. */
export function certificateSections(c: Certificate): Section[] {
  const { period, days, monitoring: m } = c;
  return [
    {
      title: "Traineeship",
      lines: [
        `Trainee: ${c.intern}. Host organisation: ${c.host}. Supervisor: ${c.supervisor}.${c.coordinator ? ` Coordinator (sending institution): ${c.coordinator}.` : ""}`,
        `Title: ${c.title ?? "not given in the learning agreement"}.`,
        period.running
          ? `Period: from ${formatDate(period.start)}; runs until ${formatDate(period.end)} (figures up to ${formatDate(period.to)}, week ${period.weeks}).`
          : `Period: ${formatDate(period.start)} to ${formatDate(period.end)} (${plural(period.weeks, "week")}).`,
        `Days, by the trainee's contact hours: ${plural(days.working, "working day")}, ${plural(days.leave, "day")} of leave, ${plural(days.daysOff, "public holiday or closure day")}.`,
        `Working hours per week as agreed: ${c.hoursPerWeek ?? "not given in the learning agreement"}.`,
      ],
    },
    {
      title: "Tasks carried out (milestones the supervisor accepted)",
      lines: c.tasks.length
        ? c.tasks.map(
            (t) =>
              `"${t.title}", due ${formatDate(t.due)}${t.acceptedOn ? `, accepted ${formatDate(t.acceptedOn)}` : ""}${t.feedback ? `: ${t.feedback}` : ""}`,
          )
        : ["No milestone accepted yet."],
    },
    {
      title: "Learning outcomes",
      lines: c.outcomes.length
        ? c.outcomes.map((o) => {
            const behind = o.milestones.length
              ? o.milestones
                  .map((x) => `"${x.title}"${x.accepted ? " (accepted)" : " (not accepted)"}`)
                  .join(", ")
              : "no milestone";
            return `${o.key}: ${o.description}. Milestones: ${behind}. Final rating: ${o.rating ?? notShown(c)}.`;
          })
        : ["The learning agreement lists no outcomes in Tandem."],
    },
    {
      title: "Final evaluation by the supervisor",
      lines: c.evaluation.length
        ? c.evaluation.map(
            (e) =>
              `${e.criterion}: ${e.rating === undefined ? notShown(c) : `${e.rating} of 5`}${e.comment ? ` (${e.comment})` : ""}`,
          )
        : ["No evaluation criteria in Tandem."],
    },
    {
      title: "How the traineeship was followed",
      lines: [
        `Daily check-ins answered: ${m.checkins.answered}${m.checkins.partial ? ` (${m.checkins.partial} in part)` : ""}; ${m.checkins.missed} missed.`,
        replies("The company's replies to the trainee", m.replies.byCompany),
        replies("The trainee's replies to the company", m.replies.byIntern),
        `Live meetings logged: ${m.liveMeetings}.`,
        `Colleagues met through introductions: ${m.colleaguesMet}${m.departments.length ? ` across ${plural(m.departments.length, "department")} (${m.departments.join(", ")})` : ""}.`,
      ],
    },
    {
      title: "Confirmation",
      lines: [
        c.confirmation
          ? c.confirmation.current
            ? `Confirmed by ${c.confirmation.by} on ${formatDate(c.confirmation.on)}.`
            : `${c.confirmation.by} confirmed an earlier draft on ${formatDate(c.confirmation.on)}; this one is not confirmed yet.`
          : `Not confirmed yet: the supervisor confirms it with the Confirm button or "certificate confirm", from ${formatDate(c.confirmableFrom)} (the intern's last working day) on.`,
      ],
    },
  ];
}

export const certificateHeading = (c: Certificate) => `Traineeship certificate (draft): ${c.intern}`;
export const CERTIFICATE_FOOTER =
  "Drafted by Tandem from what it recorded (milestones, check-ins, reply times, meetings and introductions); the host organisation confirms or corrects it.";

/**
 * The draft in one chat message: every section, long lists cut to fit, and where the whole draft is (the
 * portal's page when the portal is on, else the admin's command).
 */
export function certificateChat(c: Certificate, portalAddress?: string): string {
  // Whether it is confirmed comes first: a long draft is cut from the end.
  const all = certificateSections(c);
  const ordered = [
    ...all.filter((s) => s.title === "Confirmation"),
    ...all.filter((s) => s.title !== "Confirmation"),
  ];
  const lines = ordered.flatMap((s) => [`*${s.title}*`, ...s.lines.map((l) => `• ${l}`)]);
  const closing = portalAddress
    ? `The whole draft, to print or download (Markdown, JSON, HTML), is in the portal: ${portalAddress} (not signed in? Write "portal" to Tandem in your personal chat for a sign-in link).`
    : `A programme admin can print the whole draft: tandem certificate ${c.internshipKey} --format html.`;
  const room = MESSAGE_TEXT_BUDGET - certificateHeading(c).length - closing.length - 2;
  const fitted = fitLines(lines, room, (left) => `and ${left} more lines`);
  return [certificateHeading(c), ...fitted.lines, closing].join("\n");
}

export function certificateMarkdown(c: Certificate): string {
  const lines = [`# ${certificateHeading(c)}`];
  for (const s of certificateSections(c))
    lines.push("", `## ${s.title}`, "", ...s.lines.map((l) => `- ${l}`));
  return `${[...lines, "", `_${CERTIFICATE_FOOTER}_`].join("\n")}\n`;
}

/** Unknown values are null, never left out. */
export function certificateJson(c: Certificate): string {
  const view = {
    ...c,
    coordinator: c.coordinator ?? null,
    title: c.title ?? null,
    hoursPerWeek: c.hoursPerWeek ?? null,
    tasks: c.tasks.map((t) => ({ ...t, acceptedOn: t.acceptedOn ?? null, feedback: t.feedback ?? null })),
    outcomes: c.outcomes.map((o) => ({ ...o, rating: o.rating ?? null })),
    evaluation: c.evaluation.map((e) => ({ ...e, rating: e.rating ?? null, comment: e.comment ?? null })),
    confirmation: c.confirmation ?? null,
    finalEvaluation:
      c.finalEvaluation.state === "blind"
        ? { state: "blind", closes: c.finalEvaluation.closes.toISOString() }
        : c.finalEvaluation,
  };
  return `${JSON.stringify(view, null, 2)}\n`;
}

/** A page that prints on A4 and reads without scripts or styles it cannot load. */
export function certificateHtml(c: Certificate): string {
  const body = certificateSections(c)
    .map(
      (s) =>
        `<section><h2>${escapeHtml(s.title)}</h2><ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul></section>`,
    )
    .join("\n");
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(certificateHeading(c))}</title>`,
    "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem}@media print{body{margin:0;max-width:none}@page{size:A4;margin:2cm}}</style>",
    "</head><body><main>",
    `<h1>${escapeHtml(certificateHeading(c))}</h1>`,
    body,
    `<p><em>${escapeHtml(CERTIFICATE_FOOTER)}</em></p>`,
    "</main></body></html>",
    "",
  ].join("\n");
}
