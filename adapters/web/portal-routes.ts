/**
 * The signed-in pages: the list of internships (i18-pages turns it into the cohort board), an internship's
 * page and its report. Every page checks access through src/services/portal/access.ts; an internship the
 * viewer has no part in answers exactly like one that does not exist.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Role } from "../../src/domain/types.js";
import {
  colleagueIntroductions,
  type VisibleInternship,
  visibleInternship,
  visibleInternships,
} from "../../src/services/portal/access.js";
import { portalPaths } from "../../src/services/portal/portal-paths.js";
import { isReportFormat, REPORT_FORMATS, reportFor } from "../../src/services/portal/report.js";
import { renderMarkdown } from "../../src/services/summary-render.js";
import { html } from "./html.js";
import { page, STYLESHEET, STYLESHEET_PATH } from "./layout.js";
import { messagePage } from "./pages/message-page.js";
import type { PortalContext } from "./portal-context.js";
import { requireViewer, type Viewer } from "./viewer.js";

const ROLE_NAMES: Record<Role, string> = {
  intern: "intern",
  supervisor: "supervisor",
  backupSupervisor: "backup supervisor",
  coordinator: "coordinator",
};
export const rolesText = (roles: readonly Role[]) => roles.map((r) => ROLE_NAMES[r]).join(", ");

const sendPage = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type("text/html; charset=utf-8").send(body);

const frame = (viewer: Viewer, title: string, trail?: [string, string][]) => ({
  title,
  signedInAs: viewer.name,
  csrfToken: viewer.csrfToken,
  ...(trail ? { trail } : {}),
});

/** Internship ids are whole numbers; anything else is simply not found. */
const idOf = (text: string) => (/^\d{1,12}$/.test(text) ? Number(text) : undefined);

export function registerPortalRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const { store, clock } = ctx;

  app.get(STYLESHEET_PATH, async (_request, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(STYLESHEET),
  );

  app.get("/portal", async (request, reply) => {
    const viewer = await requireViewer(store, request, reply);
    if (!viewer) return reply;
    const visible = await visibleInternships(store, viewer.identities);
    const intros = await colleagueIntroductions(store, viewer.identities);
    const workspaces = new Map<number, string>();
    for (const v of visible) {
      const id = v.internship.workspaceId;
      if (!workspaces.has(id)) workspaces.set(id, (await store.workspaces.get(id))?.name ?? "");
    }
    const list =
      visible.length === 0
        ? html`<p>You take part in no internship that Tandem follows.</p>`
        : html`<div class="table-wrap"><table>
<caption>Internships you take part in</caption>
<thead><tr><th scope="col">Intern</th><th scope="col">Company</th><th scope="col">Your part</th><th scope="col">From</th><th scope="col">To</th></tr></thead>
<tbody>${visible.map(
            (
              v,
            ) => html`<tr><th scope="row"><a href="${portalPaths.internship(v.internship.id)}">${v.intern.name}</a></th>
<td>${workspaces.get(v.internship.workspaceId) ?? ""}</td><td>${rolesText(v.roles)}</td>
<td>${v.internship.start}</td><td>${v.internship.end}</td></tr>`,
          )}</tbody></table></div>`;
    const introList =
      intros.length === 0
        ? ""
        : html`<h2>Your introductions</h2><ul>${intros.map(
            (i) => html`<li>${i.intern?.name ?? "An intern"}: ${i.introduction.status}</li>`,
          )}</ul>`;
    return sendPage(reply, page(frame(viewer, "Internships"), html`${list}${introList}`));
  });

  const findVisible = async (viewer: Viewer, idText: string): Promise<VisibleInternship | undefined> => {
    const id = idOf(idText);
    return id === undefined ? undefined : await visibleInternship(store, viewer.identities, id);
  };
  const notFound = (reply: FastifyReply, viewer: Viewer) =>
    sendPage(
      reply,
      messagePage(
        "Not found",
        "There is no internship here that you take part in.",
        { href: "/portal", label: "Your internships" },
        viewer.name,
      ),
      404,
    );

  app.get<{ Params: { id: string } }>("/portal/internships/:id", async (request, reply) => {
    const viewer = await requireViewer(store, request, reply);
    if (!viewer) return reply;
    const visible = await findVisible(viewer, request.params.id);
    if (!visible) return notFound(reply, viewer);
    const { internship, intern, roles } = visible;
    const body = html`<dl>
<dt>Your part</dt><dd>${rolesText(roles)}</dd>
<dt>From</dt><dd>${internship.start}</dd>
<dt>To</dt><dd>${internship.end}</dd>
</dl>
<p><a href="${portalPaths.report(internship.id)}">End-of-internship report</a></p>`;
    return sendPage(reply, page(frame(viewer, intern.name, [["Internships", "/portal"]]), body));
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
          .send(render(summary));
      }
      const path = portalPaths.report(visible.internship.id);
      const body = html`<ul class="no-print">
<li><a href="${path}?format=md" download>Download as Markdown</a></li>
<li><a href="${path}?format=csv" download>Download as CSV</a></li>
<li><a href="${path}?format=json" download>Download as JSON</a></li>
</ul>
<pre class="report">${renderMarkdown(summary)}</pre>`;
      const trail: [string, string][] = [
        ["Internships", "/portal"],
        [visible.intern.name, portalPaths.internship(visible.internship.id)],
      ];
      return sendPage(reply, page(frame(viewer, `Report: ${visible.intern.name}`, trail), body));
    },
  );
}
