/**
 * Sign-in without passwords. The sign-in page e-mails a one-time link to a known address (through the
 * outbox) and answers the same whether or not anyone has that address; a link opens a page that asks to
 * confirm (mail scanners open links too), and its form signs in. Sign-out ends the session everywhere.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { identitiesOf } from "../../src/services/portal/access.js";
import { isPortalPath } from "../../src/services/portal/portal-paths.js";
import { principalText } from "../../src/services/portal/principal.js";
import {
  emailSignInLink,
  LINK_MINUTES,
  normalEmail,
  useSignInToken,
} from "../../src/services/portal/sign-in.js";
import { html } from "./html.js";
import { page } from "./layout.js";
import { messagePage } from "./pages/message-page.js";
import type { PortalContext } from "./portal-context.js";

type Form = Record<string, string | undefined>;
const formOf = (request: FastifyRequest): Form =>
  typeof request.body === "object" && request.body !== null ? (request.body as Form) : {};

/** Where the sign-in link should lead afterwards: a portal path, else nowhere in particular. */
const nextOf = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "/portal" && isPortalPath(value) ? value : undefined;

function signInPage(csrfToken: string, problem?: string, next?: string): string {
  return page(
    { title: "Sign in to Tandem" },
    html`<p>Tandem's portal shows the internships you take part in. There is no password: Tandem e-mails you a
link that signs you in. It works once, for ${LINK_MINUTES} minutes.</p>
${problem ? html`<p class="notice" role="alert">${problem}</p>` : ""}
<form method="post" action="/portal/sign-in">
  <input type="hidden" name="_csrf" value="${csrfToken}">
  ${next ? html`<input type="hidden" name="next" value="${next}">` : ""}
  <label for="email">Your e-mail address</label>
  <input id="email" name="email" type="email" autocomplete="email" required size="32">
  <button type="submit">E-mail me a sign-in link</button>
</form>
<p class="note">In Slack or Teams, type <code>portal</code> to Tandem for a link in the chat instead.</p>`,
  );
}

const sendPage = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type("text/html; charset=utf-8").send(body);

export function registerSignInRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const { store, clock, log, limits } = ctx;
  // Two limits on one request: the plugin's route limiter runs once per request, its checkers as often as asked.
  const clientLimit = app.createRateLimit({
    max: limits.perClient,
    timeWindow: limits.windowMs,
    keyGenerator: (request) => `client:${request.ip}`,
  });
  const addressLimit = app.createRateLimit({
    max: limits.perAddress,
    timeWindow: limits.windowMs,
    keyGenerator: (request) => `address:${normalEmail(formOf(request).email) ?? "-"}`,
  });
  // isAllowed means "on the allow list"; the count is in isExceeded.
  const exceeded = (result: Awaited<ReturnType<typeof clientLimit>>) =>
    !result.isAllowed && result.isExceeded;
  const tooMany = () => Object.assign(new Error("too many sign-in requests"), { statusCode: 429 });
  const perClient = async (request: FastifyRequest) => {
    if (exceeded(await clientLimit(request))) throw tooMany();
  };
  const perAddress = async (request: FastifyRequest) => {
    if (exceeded(await addressLimit(request))) throw tooMany();
  };

  app.get<{ Querystring: { next?: string } }>("/portal/sign-in", async (request, reply) => {
    const next = nextOf(request.query.next);
    if (request.session.principal) return reply.redirect(next ?? "/portal", 303);
    return sendPage(reply, signInPage(reply.generateCsrf(), undefined, next));
  });

  app.post(
    "/portal/sign-in",
    { preHandler: [app.csrfProtection, perClient, perAddress] },
    async (request, reply) => {
      const address = formOf(request).email;
      const next = nextOf(formOf(request).next);
      if (!normalEmail(address)) {
        return sendPage(reply, signInPage(reply.generateCsrf(), "That is not an e-mail address.", next), 400);
      }
      const queued = await emailSignInLink(store, ctx.publicUrl, address ?? "", clock.now(), next);
      // Committed: the e-mail goes now, not at the next tick.
      if (queued) ctx.sendNow?.(queued.workspaceId, queued.key);
      log.info({ sent: queued !== undefined }, "portal sign-in link asked for by e-mail");
      return sendPage(
        reply,
        messagePage(
          "Check your e-mail",
          `If Tandem knows this address, a sign-in link is on its way. It works once, for ${LINK_MINUTES} minutes.`,
          { href: "/portal/sign-in", label: "Ask for another link" },
        ),
      );
    },
  );

  // Opening a link only shows a button: the sign-in is the POST (a scanner that follows links uses none).
  app.get<{ Params: { token: string } }>("/portal/link/:token", async (request, reply) => {
    const body = page(
      { title: "Sign in to Tandem" },
      html`<form method="post" action="/portal/link">
  <input type="hidden" name="_csrf" value="${reply.generateCsrf()}">
  <input type="hidden" name="token" value="${request.params.token}">
  <p>This link signs you in to Tandem's portal, once.</p>
  <button type="submit">Sign in</button>
</form>`,
    );
    return sendPage(reply, body);
  });

  app.post("/portal/link", { preHandler: [app.csrfProtection, perClient] }, async (request, reply) => {
    const used = await useSignInToken(store, formOf(request).token ?? "", clock.now());
    const identities = used ? await identitiesOf(store, used.principal) : [];
    const first = identities[0];
    if (!used || !first) {
      log.info("portal sign-in refused: unknown, used or expired link");
      return sendPage(
        reply,
        messagePage(
          "This link no longer works",
          `Sign-in links work once, for ${LINK_MINUTES} minutes. Ask for a new one: type portal to Tandem in chat, or use the sign-in page.`,
          { href: "/portal/sign-in", label: "Go to the sign-in page" },
        ),
        400,
      );
    }
    // A new session id at sign-in: one planted before cannot be taken over.
    await request.session.regenerate();
    request.session.principal = principalText(used.principal);
    request.session.name = first.name;
    log.info({ kind: used.principal.kind, identities: identities.length }, "signed in to the portal");
    const next = used.nextPath && isPortalPath(used.nextPath) ? used.nextPath : "/portal";
    return reply.redirect(next, 303);
  });

  app.post("/portal/sign-out", { preHandler: [app.csrfProtection] }, async (request, reply) => {
    if (request.session.principal) await request.session.destroy();
    return reply.redirect("/portal/sign-in", 303);
  });
}
