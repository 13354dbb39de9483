/** Who is signed in, for every portal page: their identities, or a redirect to the sign-in page. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Person } from "../../src/domain/types.js";
import type { Store } from "../../src/ports/store.js";
import { identitiesOf } from "../../src/services/portal/access.js";
import { isPortalPath } from "../../src/services/portal/portal-paths.js";
import { type Principal, parsePrincipal } from "../../src/services/portal/principal.js";

export interface Viewer {
  principal: Principal;
  identities: Person[];
  name: string;
  /** For the forms of the page (sign-out included). */
  csrfToken: string;
}

/**
 * The sign-in page, remembering the page a GET was on its way to (an e-mail's link to an evaluation form):
 * after signing in, the link opens it. Only portal paths (no open redirect); the home page needs no note.
 */
export function signInPathFor(request: FastifyRequest): string {
  const path = request.url;
  const remember = request.method === "GET" && path !== "/portal" && isPortalPath(path);
  return remember ? `/portal/sign-in?next=${encodeURIComponent(path)}` : "/portal/sign-in";
}

/**
 * The signed-in viewer, or undefined after answering with a redirect to the sign-in page. A session whose
 * people are all gone (erased, removed from the programme) is ended.
 */
export async function requireViewer(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Viewer | undefined> {
  const principal = parsePrincipal(request.session.principal);
  const identities = principal ? await identitiesOf(store, principal) : [];
  if (!principal || identities.length === 0) {
    if (principal) await request.session.destroy();
    await reply.redirect(signInPathFor(request), 303);
    return undefined;
  }
  return {
    principal,
    identities,
    name: request.session.name ?? identities[0]?.name ?? "",
    csrfToken: reply.generateCsrf(),
  };
}
