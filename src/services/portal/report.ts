/**
 * The end-of-internship report as the portal serves it: the same summary and renderers as `tandem report`,
 * with shared reflections only for the coordinator and the intern (as in the digests).
 */
import type { Store } from "../../ports/store.js";
import { type InternshipSummary, summarizeWholeInternship } from "../internship-summary.js";
import { renderCsv, renderJson, renderMarkdown } from "../summary-render.js";
import type { VisibleInternship } from "./access.js";

export const REPORT_FORMATS = {
  md: { render: renderMarkdown, type: "text/markdown; charset=utf-8", extension: "md" },
  csv: { render: renderCsv, type: "text/csv; charset=utf-8", extension: "csv" },
  json: { render: renderJson, type: "application/json; charset=utf-8", extension: "json" },
} as const;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export function isReportFormat(text: string | undefined): text is ReportFormat {
  return text !== undefined && Object.hasOwn(REPORT_FORMATS, text);
}

export async function reportFor(
  store: Store,
  visible: VisibleInternship,
  now: Date,
): Promise<InternshipSummary | undefined> {
  const { internship, roles } = visible;
  const summary = await summarizeWholeInternship(store, internship.workspaceId, internship.id, now);
  if (!summary) return undefined;
  const readsReflections = roles.includes("coordinator") || roles.includes("intern");
  return readsReflections ? summary : { ...summary, reflections: [] };
}
