/** The end-of-internship report as a printable page: the report's sections as headings and lists. */
import type { InternshipSummary } from "../../../src/services/internship-summary.js";
import { type Audience, summarySections } from "../../../src/services/summary-render.js";
import { type Html, html } from "../html.js";

export function reportHtml(summary: InternshipSummary, audience: Audience, downloadPath: string): Html {
  return html`<ul class="downloads no-print" aria-label="Downloads">
<li><a href="${downloadPath}?format=md" download>Download as Markdown</a></li>
<li><a href="${downloadPath}?format=csv" download>Download as CSV</a></li>
<li><a href="${downloadPath}?format=json" download>Download as JSON</a></li>
</ul>
<p class="no-print note">To print this page or save it as PDF, use the browser's Print command.</p>
<p>Intern: ${summary.intern} (${summary.internshipKey}). Supervisor: ${summary.supervisor}. Coordinator: ${summary.coordinator ?? "none"}.</p>
<p>Period: ${summary.period.from} to ${summary.period.to} (week ${summary.week}).</p>
${summarySections(summary, audience).map(
  (s) => html`<section><h2>${s.title}</h2><ul>${s.lines.map((l) => html`<li>${l}</li>`)}</ul></section>`,
)}`;
}
