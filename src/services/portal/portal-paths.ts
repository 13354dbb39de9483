/** The portal's addresses: what chat replies and e-mails link to, and where a sign-in may lead. */

export const PORTAL_ROOT = "/portal";

export const portalPaths = {
  home: () => PORTAL_ROOT,
  signIn: () => `${PORTAL_ROOT}/sign-in`,
  internship: (id: number) => `${PORTAL_ROOT}/internships/${id}`,
  report: (id: number) => `${PORTAL_ROOT}/internships/${id}/report`,
  /** The evaluation form and what may be read of a round; without a round, the one open now. */
  evaluation: (id: number, round?: string) =>
    `${PORTAL_ROOT}/internships/${id}/evaluation${round ? `?round=${round}` : ""}`,
  certificate: (id: number) => `${PORTAL_ROOT}/internships/${id}/certificate`,
};

/** Only portal paths: a link never leads off the site (no open redirect). */
export function isPortalPath(path: string): boolean {
  return /^\/portal(\/[\w./-]*)?(\?[\w=&%.-]*)?$/.test(path) && !path.includes("//") && !path.includes("..");
}

export function portalUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, "")}${path}`;
}
