/** What chat says about the web portal. */

export const portalCopy = {
  off: () =>
    "Tandem's web portal is not turned on here: whoever runs Tandem turns it on by setting PUBLIC_URL and PORTAL_SECRET (see the README, Web portal).",
  signInLink: (url: string, minutes: number) =>
    `Your link to Tandem's web portal (it works once, for ${minutes} minutes; do not forward it): ${url}\nType "portal" again for a new one.`,
  reportLink: (intern: string, reportUrl: string, signInUrl: string, minutes: number) =>
    `${intern}'s end-of-internship report in the portal: ${reportUrl}\nNot signed in? This link signs you in and opens it (once, for ${minutes} minutes; do not forward it): ${signInUrl}`,
};
