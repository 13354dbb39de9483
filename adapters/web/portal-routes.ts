/**
 * The signed-in pages: the list of internships (i18-pages turns it into the cohort board), an internship's
 * page and its report. Every page checks access through src/services/portal/access.ts; an internship the
 * viewer has no part in answers exactly like one that does not exist.
 */
import type { FastifyInstance } from "fastify";
import type { Role } from "../../src/domain/types.js";
import {
  colleagueIntroductions,
  followsInterns,
  visibleInternships,
} from "../../src/services/portal/access.js";
import { cohortRows } from "../../src/services/portal/cohort-board.js";
import {
  cohortCsv,
  companiesOf,
  readCohortQuery,
  selectCohortRows,
} from "../../src/services/portal/cohort-query.js";
import { buildEvaluationPage } from "../../src/services/portal/evaluation-page.js";
import { buildInternshipPage, readsReflections } from "../../src/services/portal/internship-page.js";
import { portalPaths } from "../../src/services/portal/portal-paths.js";
import { isReportFormat, REPORT_FORMATS, reportFor } from "../../src/services/portal/report.js";
import type { Audience } from "../../src/services/summary-render.js";
import { html } from "./html.js";
import { page, STYLESHEET, STYLESHEET_PATH } from "./layout.js";
import { PAGE_STYLES } from "./pages/chart-figure.js";
import { cohortBoardHtml } from "./pages/cohort-board-html.js";
import { openEvaluationNotice } from "./pages/evaluation-html.js";
import { FORM_STYLES } from "./pages/form-html.js";
import { internshipHtml } from "./pages/internship-html.js";
import { reportHtml } from "./pages/report-html.js";
import type { PortalContext } from "./portal-context.js";
import { findVisible as findVisibleIn, frame, notFound, sendPage } from "./route-kit.js";
import { requireViewer, type Viewer } from "./viewer.js";

const ROLE_NAMES: Record<Role, string> = {
  intern: "intern",
  supervisor: "supervisor",
  backupSupervisor: "backup supervisor",
  coordinator: "coordinator",
};
export const rolesText = (roles: readonly Role[]) => roles.map((r) => ROLE_NAMES[r]).join(", ");

export const COHORT_CSV_PATH = "/portal/cohort.csv";

/** A supervisor's copy of the report leaves the reflections out; the coordinator's and the intern's have them. */
const audienceOf = (roles: readonly Role[]): Audience => (readsReflections(roles) ? "report" : "supervisor");

export function registerPortalRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const { store, clock } = ctx;

  app.get(STYLESHEET_PATH, async (_request, reply) =>
    reply
      .type("text/css; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(`${STYLESHEET}${PAGE_STYLES}${FORM_STYLES}`),
  );

  /** The board's rows: every internship the viewer follows (not their own as intern), filtered and sorted. */
  const board = async (viewer: Viewer, query: Record<string, unknown>) => {
    const visible = await visibleInternships(store, viewer.identities);
    const followed = visible.filter((v) => followsInterns(v.roles));
    const refs = followed.map((v) => ({
      workspaceId: v.internship.workspaceId,
      internshipId: v.internship.id,
    }));
    const rows = await cohortRows(store, refs, clock.now());
    const cohortQuery = readCohortQuery(query);
    return { visible, rows, cohortQuery, selected: selectCohortRows(rows, cohortQuery) };
  };

  app.get<{ Querystring: Record<string, unknown> }>("/portal", async (request, reply) => {
    const viewer = await requireViewer(store, request, reply);
    if (!viewer) return reply;
    const { visible, rows, cohortQuery, selected } = await board(viewer, request.query);
    const intros = await colleagueIntroductions(store, viewer.identities);
    const own = visible.filter((v) => v.roles.includes("intern"));
    const ownList =
      own.length === 0
        ? ""
        : html`<h2>Your internship</h2><ul>${own.map(
            (v) =>
              html`<li><a href="${portalPaths.internship(v.internship.id)}">${v.intern.name}</a>, ${v.internship.start} to ${v.internship.end}</li>`,
          )}</ul>`;
    const boardHtml =
      rows.length === 0
        ? ""
        : cohortBoardHtml({
            rows: selected,
            total: rows.length,
            companies: companiesOf(rows),
            query: cohortQuery,
            paths: { board: portalPaths.home(), csv: COHORT_CSV_PATH, internship: portalPaths.internship },
          });
    const none = visible.length === 0 ? html`<p>You take part in no internship that Tandem follows.</p>` : "";
    const introList =
      intros.length === 0
        ? ""
        : html`<h2>Your introductions</h2><ul>${intros.map(
            (i) => html`<li>${i.intern?.name ?? "An intern"}: ${i.introduction.status}</li>`,
          )}</ul>`;
    const title = rows.length > 0 ? "Cohort board" : "Internships";
    return sendPage(reply, page(frame(viewer, title), html`${none}${ownList}${boardHtml}${introList}`));
  });

  app.get<{ Querystring: Record<string, unknown> }>(COHORT_CSV_PATH, async (request, reply) => {
    const viewer = await requireViewer(store, request, reply);
    if (!viewer) return reply;
    const { selected } = await board(viewer, request.query);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="cohort-board.csv"')
      .send(cohortCsv(selected));
  });

  const findVisible = (viewer: Viewer, idText: string) => findVisibleIn(store, viewer, idText);

  app.get<{ Params: { id: string } }>("/portal/internships/:id", async (request, reply) => {
    const viewer = await requireViewer(store, request, reply);
    if (!viewer) return reply;
    const visible = await findVisible(viewer, request.params.id);
    if (!visible) return notFound(reply, viewer);
    const { internship, roles } = visible;
    const view = await buildInternshipPage(store, internship.workspaceId, internship.id, roles, clock.now());
    if (!view) return notFound(reply, viewer);
    // Evaluations need a learning agreement to evaluate against; the certificate draft says what it lacks.
    const evaluation = await buildEvaluationPage(store, visible, viewer.identities, undefined, clock.now());
    const body = html`<p class="note">Your part: ${rolesText(roles)}.</p>${
      evaluation.ok ? openEvaluationNotice(evaluation.page) : ""
    }${internshipHtml(view, {
      report: portalPaths.report(internship.id),
      ...(evaluation.ok ? { evaluation: portalPaths.evaluation(internship.id) } : {}),
      certificate: portalPaths.certificate(internship.id),
    })}`;
    return sendPage(reply, page(frame(viewer, view.intern, [["Internships", "/portal"]]), body));
  });

  app.get<{ Params: { id: string }; Querystring: { format?: string } }>(
    "/portal/internships/:id/report",
    async (request, reply) => {
      const viewer = await requireViewer(store, request, reply);
      if (!viewer) return reply;
      const visible = await findVisible(viewer, request.params.id);
      if (!visible) return notFound(reply, viewer);
      const summary = await reportFor(store, visible, clock.now());
      if (!summary) return notFound(reply, viewer);
      const format = request.query.format;
      if (isReportFormat(format)) {
        const { render, type, extension } = REPORT_FORMATS[format];
        return reply
          .type(type)
          .header(
            "content-disposition",
            `attachment; filename="${visible.internship.key}-report.${extension}"`,
          )
          .send(render(summary, audienceOf(visible.roles)));
      }
      const path = portalPaths.report(visible.internship.id);
      const body = reportHtml(summary, audienceOf(visible.roles), path);
      const trail: [string, string][] = [
        ["Internships", "/portal"],
        [visible.intern.name, portalPaths.internship(visible.internship.id)],
      ];
      return sendPage(reply, page(frame(viewer, `Report: ${visible.intern.name}`, trail), body));
    },
  );
}
