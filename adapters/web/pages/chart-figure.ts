/**
 * A chart on a page: its title, the SVG picture, its description in words and its numbers in a table
 * beside it (below it on a narrow screen). The table may scroll: then it is a named region the keyboard
 * can reach.
 */
import type { Chart } from "../charts/chart.js";
import { type Html, html, trusted } from "../html.js";

export function chartFigure(chart: Chart, id: string): Html {
  const caption = `${id}-table`;
  const table =
    chart.table.rows.length === 0
      ? html`<p class="note">No figures yet.</p>`
      : html`<div class="chart-table" role="region" aria-labelledby="${caption}" tabindex="0">
<table><caption id="${caption}">${chart.title}: the figures</caption>
<thead><tr>${chart.table.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${chart.table.rows.map(
          (row) =>
            html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`,
        )}</tbody></table></div>`;
  return html`<figure class="chart" id="${id}" aria-labelledby="${id}-title">
<figcaption id="${id}-title"><h3>${chart.title}</h3></figcaption>
<div class="chart-body">
<div class="chart-picture">${chart.svg ? trusted(chart.svg) : ""}<p class="chart-description">${chart.description}</p></div>
${table}
</div>
</figure>`;
}

/** The pages' own styles, added after the layout's stylesheet. */
export const PAGE_STYLES = `
.chart { margin: 1rem 0 2rem; }
.chart figcaption h3 { margin: 0 0 .5rem; font-size: 1.1rem; }
.chart-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
.chart-picture svg { max-width: 100%; height: auto; display: block; }
.chart-table { max-height: 20rem; overflow: auto; border: 1px solid var(--line); }
.chart-table table { margin: 0; font-size: .9rem; }
.chart-table th[scope="row"], .board td:nth-child(6) { white-space: nowrap; }
.chart-table caption { text-align: left; padding: .25rem .5rem; font-weight: 600; }
@media (max-width: 48rem) { .chart-body { grid-template-columns: 1fr; } }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: .5rem 0 1rem; }
.filters label { margin: 0 0 .25rem; }
.board { min-width: 64rem; }
.board th, .board td { font-size: .9rem; }
.board .spark svg { width: 96px; height: 28px; display: block; }
/* A phone: each intern a card of labelled lines, no sideways scrolling (sorting stays in the form).
   The explicit ARIA roles keep it a table for screen readers that drop table semantics with display. */
@media (max-width: 48rem) {
  .board { min-width: 0; }
  .board thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .board, .board caption, .board tbody, .board tr, .board th, .board td { display: block; }
  .board caption { text-align: left; margin-bottom: .5rem; }
  .board tbody tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; padding: .5rem .75rem; }
  .board tbody th, .board td { border: 0; padding: .2rem 0; white-space: normal; }
  .board tbody th { font-size: 1.05rem; }
  .board td { display: grid; grid-template-columns: 9rem minmax(0, 1fr); gap: .5rem; }
  /* The column's name; after the slash, its text for screen readers: none (they hear the header). */
  .board td::before { content: attr(data-label); content: attr(data-label) / ""; font-weight: 600; color: var(--muted); }
}
.level-at_risk { color: #9b1c1c; font-weight: 700; }
.level-watch { color: #7a4d00; font-weight: 700; }
.level-ok { color: #1d6b33; }
.reasons { margin: .25rem 0 0; padding-left: 1rem; color: var(--muted); font-size: .85rem; }
.timeline { list-style: none; padding: 0; }
.timeline > li { border-left: 3px solid var(--line); padding: 0 0 1rem 1rem; margin-left: .5rem; }
.timeline ol { margin: .25rem 0 0; padding-left: 1.25rem; }
.downloads { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; list-style: none; padding: 0; }
.sort-link { color: inherit; }
@media print { .chart-table { max-height: none; overflow: visible; } .filters, .downloads { display: none; } }
`;
