/**
 * The internship page: people and dates, then milestones as a timeline, the three charts (connectedness,
 * reply times each way, the connection signal), introductions, the agreement's versions, shared
 * reflections, and links to the report. Sections have headings in order, for screen readers and print.
 */
import { LEVEL_NAMES } from "../../../src/domain/isolation.js";
import type { InternshipPage, TimelineEvent } from "../../../src/services/portal/internship-page.js";
import { connectednessChart, replyTimesChart, signalChart } from "../charts/internship-charts.js";
import { type Html, html } from "../html.js";
import { chartFigure } from "./chart-figure.js";

const STATUS_WORDS: Record<string, string> = {
  planned: "planned",
  blocked: "blocked",
  done: "done, waiting for acceptance",
  accepted: "accepted",
  overdue: "overdue",
};

const INTRO_WORDS: Record<string, string> = {
  proposed: "asked, waiting for the colleague",
  accepted: "agreed, not held yet",
  declined: "declined",
  lapsed: "no answer (lapsed)",
  held: "held",
  not_held: "not held",
};

function eventText(e: TimelineEvent): string {
  const by = e.by ? ` by ${e.by}` : "";
  const note = e.note ? `: ${e.note}` : "";
  switch (e.action) {
    case "add":
      return `added${by}`;
    case "move":
      return `moved from ${e.fromDue} to ${e.toDue}${by}${note}`;
    case "done":
      return `marked done${by}`;
    case "accept":
      return `accepted${by}${e.note ? ` with feedback: ${e.note}` : ""}`;
    case "block":
      return `blocked${by}${note}`;
    case "reopen":
      return `reopened${by}${note}`;
    default:
      return `${e.action}${by}${note}`;
  }
}

export function internshipHtml(
  p: InternshipPage,
  paths: { report: string; evaluation?: string; certificate?: string },
): Html {
  const people = html`<dl class="facts">
<dt>Company</dt><dd>${p.company}</dd>
<dt>Supervisor</dt><dd>${p.supervisor}${p.backupSupervisor ? `, backup ${p.backupSupervisor}` : ""}</dd>
<dt>Coordinator</dt><dd>${p.coordinator ?? "none"}</dd>
<dt>Dates</dt><dd>${p.start} to ${p.end}, week ${p.summary.week} as of ${p.summary.asOf}</dd>
<dt>Connection signal</dt><dd>${p.summary.isolation ? `${LEVEL_NAMES[p.summary.isolation.level]} (${p.summary.isolation.date})` : "not computed yet"}</dd>
</dl>
<ul class="page-links">
<li><a href="${paths.report}">End-of-internship report</a> (printable, and as Markdown, CSV or JSON)</li>
${paths.evaluation ? html`<li><a href="${paths.evaluation}">Evaluations</a> (the form, and both sides' answers once they can be read)</li>` : ""}
${paths.certificate ? html`<li><a href="${paths.certificate}">Certificate draft</a> (Table D: printable, Markdown, JSON; the supervisor confirms it)</li>` : ""}
</ul>`;

  const milestones =
    p.milestones.length === 0
      ? html`<p>No milestones yet.</p>`
      : html`<ol class="timeline">${p.milestones.map(
          (m) => html`<li><h3>#${m.id} ${m.title}</h3>
<p>Due ${m.due}: ${STATUS_WORDS[m.status] ?? m.status}${m.moves > 0 ? `, moved ${m.moves} ${m.moves === 1 ? "time" : "times"}` : ""}${m.feedback ? `. Feedback: ${m.feedback}` : ""}</p>
<ol>${m.events.map((e) => html`<li><time datetime="${e.date}">${e.date}</time>: ${eventText(e)}</li>`)}</ol></li>`,
        )}</ol>`;

  const introductions =
    p.introductions.length === 0
      ? html`<p>No introductions yet.</p>`
      : html`<div class="table-wrap" role="region" aria-labelledby="intro-caption" tabindex="0"><table><caption id="intro-caption">Introductions of ${p.intern}</caption>
<thead><tr><th scope="col">Colleague</th><th scope="col">Department</th><th scope="col">Country</th><th scope="col">Held</th><th scope="col">Proposed</th></tr></thead>
<tbody>${p.introductions.map(
          (i) =>
            html`<tr><th scope="row">${i.colleague}</th><td>${i.department ?? "not given"}</td><td>${i.country ?? "not given"}</td><td>${INTRO_WORDS[i.status] ?? i.status}</td><td>${i.proposed}</td></tr>`,
        )}</tbody></table></div>`;

  const agreements =
    p.agreements.length === 0
      ? html`<p>No working agreement yet.</p>`
      : html`<ol class="versions">${[...p.agreements].reverse().map(
          (a) => html`<li><h3>Version ${a.version}: ${a.state}</h3>
<p>Written ${a.created}${a.createdBy ? ` by ${a.createdBy}` : " from the programme file"}${a.decided ? `, decided ${a.decided}` : ""}. Acknowledged by: ${a.acknowledgedBy.length === 0 ? "nobody yet" : a.acknowledgedBy.join(", ")}.</p>
<details><summary>Terms of version ${a.version}</summary><ul>${a.terms.map((t) => html`<li>${t}</li>`)}</ul></details></li>`,
        )}</ol>`;

  const reflections =
    p.reflections === undefined
      ? ""
      : html`<section aria-labelledby="s-reflections"><h2 id="s-reflections">Reflections shared with the coordinator</h2>${
          p.reflections.length === 0
            ? html`<p>None shared yet.</p>`
            : html`<ul>${p.reflections.map((r) => html`<li><strong>${r.week}</strong>: ${r.text}</li>`)}</ul>`
        }</section>`;

  return html`${people}
<section aria-labelledby="s-milestones"><h2 id="s-milestones">Milestones</h2>${milestones}</section>
<section aria-labelledby="s-connectedness"><h2 id="s-connectedness">Connectedness</h2>${chartFigure(connectednessChart(p), "chart-connectedness")}</section>
<section aria-labelledby="s-replies"><h2 id="s-replies">Reply times</h2>
${chartFigure(replyTimesChart(p, "to_company"), "chart-replies-to-intern")}
${chartFigure(replyTimesChart(p, "to_intern"), "chart-replies-from-intern")}</section>
<section aria-labelledby="s-signal"><h2 id="s-signal">Connection signal</h2>${chartFigure(signalChart(p), "chart-signal")}</section>
<section aria-labelledby="s-introductions"><h2 id="s-introductions">Introductions</h2>${introductions}</section>
<section aria-labelledby="s-agreement"><h2 id="s-agreement">Working agreement</h2>${agreements}</section>
${reflections}`;
}
