/** Where things live in the web portal, for links in e-mails and chat replies. */

/** The portal's home: a coordinator's cohort board, or the person's own internships. */
export const PORTAL_HOME = "/portal";

export function internshipPortalPath(internshipId: number): string {
  return `/portal/internships/${internshipId}`;
}

/** The page a message of this internship (if any) concerns. */
export function portalPathFor(internshipId: number | undefined): string {
  return internshipId === undefined ? PORTAL_HOME : internshipPortalPath(internshipId);
}
