/**
 * The cohort board: a table of interns with a filter form and sortable columns, all plain links and GET
 * forms (no script), and a CSV link that exports exactly the rows shown.
 */
import type { ReplyFigures } from "../../../src/domain/reply-figures.js";
import { type CohortRow, REPLY_DAYS } from "../../../src/services/portal/cohort-board.js";
import {
  type CohortQuery,
  LEVEL_FILTERS,
  levelName,
  SORT_KEYS,
  type SortKey,
} from "../../../src/services/portal/cohort-query.js";
import { type SparklineRequest, sparklines } from "../charts/sparkline.js";
import { type Html, html, trusted } from "../html.js";

export interface CohortBoardView {
  rows: CohortRow[];
  /** Rows before filtering: for the counts and the filter's choices. */
  total: number;
  companies: string[];
  query: CohortQuery;
  /** The board's own path and its CSV export's, e.g. /portal and /portal/cohort.csv. */
  paths: { board: string; csv: string; internship: (id: number) => string };
}

const SORT_LABELS: Record<SortKey, string> = {
  level: "connection level",
  intern: "intern",
  company: "company",
  week: "week",
  checkin: "last check-in",
  overdue: "overdue milestones",
};

/** The query string for a query, optionally changed. */
export function queryString(query: CohortQuery, change: Partial<CohortQuery> = {}): string {
  const q = { ...query, ...change };
  const params = new URLSearchParams();
  if (q.level) params.set("level", q.level);
  if (q.company) params.set("company", q.company);
  if (q.week !== undefined) params.set("week", String(q.week));
  params.set("sort", q.sort);
  if (q.descending) params.set("order", "desc");
  return `?${params.toString()}`;
}

function sortHeader(view: CohortBoardView, key: SortKey, label: string): Html {
  const { query } = view;
  const active = query.sort === key;
  const descending = active && !query.descending;
  const sort = active ? (query.descending ? "descending" : "ascending") : undefined;
  const href = `${view.paths.board}${queryString(query, { sort: key, descending })}`;
  const hint = `Sort by ${SORT_LABELS[key]}${active ? (descending ? ", descending" : ", ascending") : ""}`;
  return html`<th scope="col" role="columnheader"${sort ? trusted(` aria-sort="${sort}"`) : ""}><a class="sort-link" href="${href}" title="${hint}">${label}</a></th>`;
}

/**
 * A cell with its column's name, which the stylesheet shows only when a narrow screen turns rows into
 * cards (the table's headers are hidden then), as generated text screen readers skip (they hear the
 * header). An attribute rather than an element: 500 rows of ten cells.
 */
function cell(label: string, content: Html | string, className?: string): Html {
  return html`<td role="cell" data-label="${label}"${className ? trusted(` class="${className}"`) : ""}><div>${content}</div></td>`;
}

function replyCell(label: string, f: ReplyFigures): Html {
  if (f.answered + f.overdue + f.waiting === 0) return cell(label, "none tracked");
  const median = f.medianHours === undefined ? "no replies yet" : `median ${f.medianHours} h`;
  const share = f.withinShare === undefined ? "" : `, ${Math.round(f.withinShare * 100)}% on time`;
  const overdue = f.overdue > 0 ? `, ${f.overdue} overdue` : "";
  return cell(label, `${median}${share}${overdue}`);
}

/** The row's trend picture: its scores, named in words with every number for screen readers. */
function trendRequest(r: CohortRow): SparklineRequest {
  const scores = r.connectedness.map((s) => s.score);
  const words =
    scores.length === 0
      ? "no scores yet"
      : `last ${scores.length} scores: ${scores.join(", ")}${r.trend ? `; ${r.trend}` : ""}`;
  return { scores, label: `Connectedness, ${words}` };
}

function row(view: CohortBoardView, r: CohortRow, trend: string): Html {
  const scores = r.connectedness.map((s) => s.score);
  const milestones = [
    r.overdue.length > 0 ? `${r.overdue.length} overdue: ${r.overdue.map((m) => m.title).join(", ")}` : "",
    r.slipping.length > 0
      ? `${r.slipping.length} slipping: ${r.slipping.map((m) => m.title).join(", ")}`
      : "",
  ].filter((t) => t !== "");
  const i = r.introductions;
  return html`<tr role="row">
<th scope="row" role="rowheader"><a href="${view.paths.internship(r.internshipId)}">${r.intern}</a></th>
${cell("Company", r.company)}
${cell("Week", String(r.week))}
${cell(
  "Connection level",
  r.ended
    ? html`<span class="level-none">ended ${r.end}</span><span class="note">not followed since the internship ended</span>`
    : html`<span class="level-${r.level ?? "none"}">${levelName(r.level)}</span>${
        r.reasons.length > 0
          ? html`<ul class="reasons">${r.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`
          : ""
      }`,
)}
${cell("Trend", html`${trusted(trend)}<span class="note">${r.trend ?? (scores.length < 2 ? "too few scores" : "")}</span>`, "spark")}
${cell("Last check-in", r.lastCheckin ? `${r.lastCheckin.date}${r.lastCheckin.score === undefined ? "" : ` (${r.lastCheckin.score} of 5)`}` : "none yet")}
${replyCell("Replies to the intern", r.replies.to_company)}
${replyCell("Replies from the intern", r.replies.to_intern)}
${cell("Milestones", milestones.length === 0 ? "none overdue or slipping" : html`${milestones.map((m) => html`<div>${m}</div>`)}`)}
${cell("Introductions", `${i.met} of ${i.target} colleagues, ${i.departments} of ${i.departmentsTarget} departments: ${i.state}`)}
</tr>`;
}

function filters(view: CohortBoardView): Html {
  const { query } = view;
  const selected = (on: boolean) => (on ? trusted(" selected") : "");
  return html`<form class="filters" method="get" action="${view.paths.board}" aria-label="Filter the board">
<div><label for="f-level">Connection level</label>
<select id="f-level" name="level"><option value="">any</option>${LEVEL_FILTERS.map(
    (l) =>
      html`<option value="${l}"${selected(query.level === l)}>${l === "none" ? "not computed yet" : levelName(l)}</option>`,
  )}</select></div>
<div><label for="f-company">Company</label>
<select id="f-company" name="company"><option value="">any</option>${view.companies.map(
    (c) => html`<option value="${c}"${selected(query.company === c)}>${c}</option>`,
  )}</select></div>
<div><label for="f-week">Week of the internship</label>
<input id="f-week" name="week" type="number" min="0" max="999" inputmode="numeric" value="${query.week ?? ""}"></div>
<div><label for="f-sort">Sort by</label>
<select id="f-sort" name="sort">${SORT_KEYS.map((k) => html`<option value="${k}"${selected(query.sort === k)}>${SORT_LABELS[k]}</option>`)}</select></div>
<div><label for="f-order">Order</label>
<select id="f-order" name="order"><option value="asc"${selected(!query.descending)}>ascending</option><option value="desc"${selected(query.descending)}>descending</option></select></div>
<div><button type="submit">Show</button> <a href="${view.paths.board}">Clear</a></div>
</form>`;
}

export function cohortBoardHtml(view: CohortBoardView): Html {
  // All of the board's pictures at once: one ECharts instance draws those not kept yet.
  const trends = sparklines(view.rows.map(trendRequest));
  const shown = view.rows.length;
  const summary =
    shown === view.total ? `${view.total} interns` : `${shown} of ${view.total} interns match the filter`;
  const table =
    shown === 0
      ? html`<p>No intern matches the filter.</p>`
      : html`<div class="table-wrap" role="region" aria-labelledby="board-caption" tabindex="0"><table class="board" role="table">
<caption id="board-caption">Cohort board: ${summary}, sorted by ${SORT_LABELS[view.query.sort]}${view.query.descending ? " (descending)" : ""}</caption>
<thead role="rowgroup"><tr role="row">
${sortHeader(view, "intern", "Intern")}
${sortHeader(view, "company", "Company")}
${sortHeader(view, "week", "Week")}
${sortHeader(view, "level", "Connection level")}
<th scope="col" role="columnheader">Connectedness trend</th>
${sortHeader(view, "checkin", "Last check-in")}
<th scope="col" role="columnheader">Replies to the intern, last ${REPLY_DAYS} days</th>
<th scope="col" role="columnheader">Replies from the intern, last ${REPLY_DAYS} days</th>
${sortHeader(view, "overdue", "Milestones")}
<th scope="col" role="columnheader">Introductions against the plan</th>
</tr></thead>
<tbody role="rowgroup">${view.rows.map((r, i) => row(view, r, trends[i]!))}</tbody></table></div>`;
  return html`${filters(view)}
<p>${summary}. <a href="${view.paths.csv}${queryString(view.query)}" download>Export this table as CSV</a></p>
${table}`;
}
