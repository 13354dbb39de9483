/** Sorting and filtering the cohort board, and its CSV export: what the query string asks for, checked. */
import { LEVEL_NAMES } from "../../domain/isolation.js";
import type { IsolationLevel } from "../../domain/records.js";
import { csvCell } from "../summary-render.js";
import type { CohortRow } from "./cohort-board.js";

export const SORT_KEYS = ["level", "intern", "company", "week", "checkin", "overdue"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** "none": the signal was not computed yet. */
export type LevelFilter = IsolationLevel | "none";
export const LEVEL_FILTERS: readonly LevelFilter[] = ["at_risk", "watch", "ok", "none"];

export interface CohortQuery {
  level?: LevelFilter;
  company?: string;
  week?: number;
  sort: SortKey;
  descending: boolean;
}

export const DEFAULT_QUERY: CohortQuery = { sort: "level", descending: false };

/** Reads the query string; a value that is not one of the choices is ignored (the unfiltered board). */
export function readCohortQuery(params: Readonly<Record<string, unknown>>): CohortQuery {
  const text = (name: string) => {
    const value = params[name];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  const query: CohortQuery = { ...DEFAULT_QUERY };
  const sort = text("sort");
  if (sort && (SORT_KEYS as readonly string[]).includes(sort)) query.sort = sort as SortKey;
  query.descending = text("order") === "desc";
  const level = text("level");
  if (level && (LEVEL_FILTERS as readonly string[]).includes(level)) query.level = level as LevelFilter;
  const company = text("company");
  if (company) query.company = company;
  const week = text("week");
  if (week && /^\d{1,3}$/.test(week)) query.week = Number(week);
  return query;
}

/** Most pressing first: at risk, watch, not computed, ok. */
const LEVEL_RANK: Record<LevelFilter, number> = { at_risk: 0, watch: 1, none: 2, ok: 3 };

const compare: Record<SortKey, (a: CohortRow, b: CohortRow) => number> = {
  level: (a, b) => LEVEL_RANK[a.level ?? "none"] - LEVEL_RANK[b.level ?? "none"],
  intern: (a, b) => a.intern.localeCompare(b.intern),
  company: (a, b) => a.company.localeCompare(b.company),
  week: (a, b) => a.week - b.week,
  // Oldest last check-in first: who has gone quiet longest. None at all counts as oldest.
  checkin: (a, b) => (a.lastCheckin?.date ?? "").localeCompare(b.lastCheckin?.date ?? ""),
  overdue: (a, b) => b.overdue.length - a.overdue.length,
};

export function selectCohortRows(rows: readonly CohortRow[], query: CohortQuery): CohortRow[] {
  const kept = rows.filter(
    (r) =>
      (query.level === undefined || (!r.ended && (r.level ?? "none") === query.level)) &&
      (query.company === undefined || r.company === query.company) &&
      (query.week === undefined || r.week === query.week),
  );
  const order = compare[query.sort];
  const sign = query.descending ? -1 : 1;
  // Ties keep a stable, readable order: by intern, then internship key.
  return kept.sort(
    (a, b) =>
      sign * order(a, b) ||
      a.intern.localeCompare(b.intern) ||
      a.internshipKey.localeCompare(b.internshipKey),
  );
}

/** The companies on the board, for the filter's choices. */
export function companiesOf(rows: readonly CohortRow[]): string[] {
  return [...new Set(rows.map((r) => r.company))].sort((a, b) => a.localeCompare(b));
}

export const levelName = (level: IsolationLevel | undefined) =>
  level === undefined ? "not computed yet" : LEVEL_NAMES[level];

const hours = (n: number | undefined) => (n === undefined ? "" : n);
const share = (n: number | undefined) => (n === undefined ? "" : Math.round(n * 100));

/** The table as shown, one line per intern; empty cells are unknown. */
export function cohortCsv(rows: readonly CohortRow[]): string {
  const header = [
    "intern",
    "internship",
    "company",
    "week",
    "level",
    "level_date",
    "reasons",
    "connectedness_scores",
    "connectedness_trend",
    "last_checkin",
    "last_checkin_score",
    // Questions of the last REPLY_DAYS (28) days, as on the board.
    "replies_to_intern_median_hours",
    "replies_to_intern_on_time_percent",
    "replies_to_intern_overdue",
    "replies_from_intern_median_hours",
    "replies_from_intern_on_time_percent",
    "replies_from_intern_overdue",
    "overdue_milestones",
    "slipping_milestones",
    "colleagues_met",
    "colleagues_target",
    "departments_met",
    "departments_target",
    "introductions_state",
  ];
  const lines = rows.map((r) =>
    [
      r.intern,
      r.internshipKey,
      r.company,
      r.week,
      r.level,
      r.levelDate,
      r.reasons.join(" | "),
      r.connectedness.map((s) => s.score).join(" "),
      r.trend,
      r.lastCheckin?.date,
      r.lastCheckin?.score,
      hours(r.replies.to_company.medianHours),
      share(r.replies.to_company.withinShare),
      r.replies.to_company.overdue,
      hours(r.replies.to_intern.medianHours),
      share(r.replies.to_intern.withinShare),
      r.replies.to_intern.overdue,
      r.overdue.map((m) => `#${m.id} ${m.title}`).join(" | "),
      r.slipping.map((m) => `#${m.id} ${m.title}`).join(" | "),
      r.introductions.met,
      r.introductions.target,
      r.introductions.departments,
      r.introductions.departmentsTarget,
      r.introductions.state,
    ]
      .map(csvCell)
      .join(","),
  );
  return `${[header.join(","), ...lines].join("\n")}\n`;
}
