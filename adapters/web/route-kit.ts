/** What every signed-in page's route does alike: send a page, frame it, find the internship or say not found. */
import type { FastifyReply } from "fastify";
import type { Store } from "../../src/ports/store.js";
import { type VisibleInternship, visibleInternship } from "../../src/services/portal/access.js";
import { messagePage } from "./pages/message-page.js";
import type { Viewer } from "./viewer.js";

export const sendPage = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).type("text/html; charset=utf-8").send(body);

export const frame = (viewer: Viewer, title: string, trail?: [string, string][]) => ({
  title,
  signedInAs: viewer.name,
  csrfToken: viewer.csrfToken,
  ...(trail ? { trail } : {}),
});

/** Internship ids are whole numbers; anything else is simply not found. */
const idOf = (text: string) => (/^\d{1,12}$/.test(text) ? Number(text) : undefined);

/** The internship, when the viewer has a part in it; undefined alike for unknown and forbidden. */
export async function findVisible(
  store: Store,
  viewer: Viewer,
  idText: string,
): Promise<VisibleInternship | undefined> {
  const id = idOf(idText);
  return id === undefined ? undefined : await visibleInternship(store, viewer.identities, id);
}

export const notFound = (reply: FastifyReply, viewer: Viewer) =>
  sendPage(
    reply,
    messagePage(
      "Not found",
      "There is no internship here that you take part in.",
      { href: "/portal", label: "Your internships" },
      viewer.name,
      viewer.csrfToken,
    ),
    404,
  );
