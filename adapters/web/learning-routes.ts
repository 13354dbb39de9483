/**
 * The evaluation and certificate pages. Their forms post through the chat's own handlers (see
 * src/services/portal/evaluation-page.ts and certificate-page.ts), so the portal decides nothing the chat
 * would decide differently; access is the internship page's (an internship the viewer has no part in is
 * not found), and every POST carries its CSRF token.
 */
import type { FastifyInstance } from "fastify";
import { formatInstant } from "../../src/domain/format.js";
import { certificateHeading } from "../../src/services/certificate/certificate-render.js";
import { buildCertificatePage, confirmCertificate } from "../../src/services/portal/certificate-page.js";
import {
  buildEvaluationPage,
  type EvaluationPage,
  isRound,
  submitEvaluation,
} from "../../src/services/portal/evaluation-page.js";
import { portalPaths } from "../../src/services/portal/portal-paths.js";
import { CERTIFICATE_FORMATS, isCertificateFormat } from "./certificate-formats.js";
import { html } from "./html.js";
import { page } from "./layout.js";
import { certificateHtml } from "./pages/certificate-html.js";
import { evaluationHtml, roundTitle } from "./pages/evaluation-html.js";
import { messagePage } from "./pages/message-page.js";
import type { PortalContext } from "./portal-context.js";
import { findVisible, frame, notFound, sendPage } from "./route-kit.js";
import { requireViewer, type Viewer } from "./viewer.js";

type Form = Record<string, string | string[] | undefined>;

/** The answers of a posted form: one string per field, the CSRF token left out. */
function answersOf(body: unknown): Record<string, string> {
  const answers: Record<string, string> = {};
  if (typeof body !== "object" || body === null) return answers;
  for (const [name, value] of Object.entries(body as Form)) {
    if (name === "_csrf") continue;
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === "string") answers[name] = text;
  }
  return answers;
}

export function registerLearningRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const { store, clock } = ctx;
  const deps = { store, log: ctx.log, publicUrl: ctx.publicUrl };

  const trailOf = (id: number, intern: string): [string, string][] => [
    ["Internships", "/portal"],
    [intern, portalPaths.internship(id)],
  ];

  const evaluationPage = (
    viewer: Viewer,
    view: EvaluationPage,
    extra: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string } = {},
  ) =>
    page(
      frame(
        viewer,
        `${roundTitle(view.round)} evaluation: ${view.intern}`,
        trailOf(view.internshipId, view.intern),
      ),
      evaluationHtml(
        view,
        {
          csrfToken: viewer.csrfToken,
          ...(extra.values ? { values: extra.values } : {}),
          ...(extra.errors ? { errors: extra.errors } : {}),
        },
        extra.notice,
      ),
    );

  const noAgreement = (viewer: Viewer, id: number) =>
    messagePage(
      "No evaluations here",
      "This internship has no learning agreement in Tandem yet, so there is nothing to evaluate against: the criteria and outcomes come from the programme file's learning section.",
      { href: portalPaths.internship(id), label: "Back to the internship" },
      viewer.name,
      viewer.csrfToken,
    );

  app.get<{ Params: { id: string }; Querystring: { round?: string } }>(
    "/portal/internships/:id/evaluation",
    async (request, reply) => {
      const viewer = await requireViewer(store, request, reply);
      if (!viewer) return reply;
      const visible = await findVisible(store, viewer, request.params.id);
      if (!visible) return notFound(reply, viewer);
      const round = isRound(request.query.round) ? request.query.round : undefined;
      const built = await buildEvaluationPage(store, visible, viewer.identities, round, clock.now());
      if (!built.ok) return sendPage(reply, noAgreement(viewer, visible.internship.id), 404);
      return sendPage(reply, evaluationPage(viewer, built.page));
    },
  );

  app.post<{ Params: { id: string }; Querystring: { round?: string } }>(
    "/portal/internships/:id/evaluation",
    { preHandler: [app.csrfProtection] },
    async (request, reply) => {
      const viewer = await requireViewer(store, request, reply);
      if (!viewer) return reply;
      const visible = await findVisible(store, viewer, request.params.id);
      if (!visible) return notFound(reply, viewer);
      const round = request.query.round;
      if (!isRound(round)) return notFound(reply, viewer);
      const values = answersOf(request.body);
      const result = await submitEvaluation(deps, visible, viewer.identities, round, values, clock.now());
      if (result.kind === "stored") {
        ctx.log.info({ internship: visible.internship.id, round }, "evaluation submitted in the portal");
        return reply.redirect(portalPaths.evaluation(visible.internship.id, round), 303);
      }
      const built = await buildEvaluationPage(store, visible, viewer.identities, round, clock.now());
      if (!built.ok) return sendPage(reply, noAgreement(viewer, visible.internship.id), 404);
      if (result.kind === "invalid") {
        return sendPage(reply, evaluationPage(viewer, built.page, { values, errors: result.errors }), 400);
      }
      const own = built.page.own?.state;
      const notice =
        result.already && own?.kind === "submitted"
          ? `Your evaluation was already received ${formatInstant(own.at, built.page.timezone)}; nothing was changed. A submitted evaluation is kept as it was.`
          : result.text;
      return sendPage(reply, evaluationPage(viewer, built.page, { notice }), 409);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { format?: string } }>(
    "/portal/internships/:id/certificate",
    async (request, reply) => {
      const viewer = await requireViewer(store, request, reply);
      if (!viewer) return reply;
      const visible = await findVisible(store, viewer, request.params.id);
      if (!visible) return notFound(reply, viewer);
      const view = await buildCertificatePage(store, visible, viewer.identities, clock.now());
      if (!view) return notFound(reply, viewer);
      const format = request.query.format;
      if (isCertificateFormat(format)) {
        const { render, type, extension } = CERTIFICATE_FORMATS[format];
        return reply
          .type(type)
          .header(
            "content-disposition",
            `attachment; filename="${visible.internship.key}-certificate.${extension}"`,
          )
          .send(render(view.draft));
      }
      return sendPage(reply, certificatePage(viewer, visible.internship.id, view));
    },
  );

  const certificatePage = (
    viewer: Viewer,
    id: number,
    view: NonNullable<Awaited<ReturnType<typeof buildCertificatePage>>>,
    notice?: string,
  ) =>
    page(
      frame(viewer, certificateHeading(view.draft), trailOf(id, view.draft.intern)),
      html`${certificateHtml(
        view,
        { self: portalPaths.certificate(id), confirm: `${portalPaths.certificate(id)}/confirm` },
        viewer.csrfToken,
        notice,
      )}`,
    );

  app.post<{ Params: { id: string } }>(
    "/portal/internships/:id/certificate/confirm",
    { preHandler: [app.csrfProtection] },
    async (request, reply) => {
      const viewer = await requireViewer(store, request, reply);
      if (!viewer) return reply;
      const visible = await findVisible(store, viewer, request.params.id);
      if (!visible) return notFound(reply, viewer);
      const hash = answersOf(request.body).draft ?? "";
      const result = await confirmCertificate(deps, visible, viewer.identities, hash, clock.now());
      if (result.kind === "confirmed") {
        ctx.log.info({ internship: visible.internship.id }, "certificate draft confirmed in the portal");
        return reply.redirect(portalPaths.certificate(visible.internship.id), 303);
      }
      const view = await buildCertificatePage(store, visible, viewer.identities, clock.now());
      if (!view) return notFound(reply, viewer);
      return sendPage(reply, certificatePage(viewer, visible.internship.id, view, result.text), 409);
    },
  );
}
