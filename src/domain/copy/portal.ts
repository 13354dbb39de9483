/** What chat says about the web portal. */

export const portalCopy = {
  off: () =>
    "Tandem's web portal is not turned on here: whoever runs Tandem turns it on by setting PUBLIC_URL and PORTAL_SECRET (see the README, Web portal).",
  /** Asked in a Teams channel or group chat, where everyone would read the link. */
  notHere: (command: string) =>
    `A sign-in link is for you alone, and everyone here would read it: write "${command}" to Tandem in your personal chat with it instead.`,
  signInLink: (url: string, minutes: number) =>
    `Your link to Tandem's web portal (it works once, for ${minutes} minutes; do not forward it): ${url}\nType "portal" again for a new one.`,
  /** In a shared conversation: the address only (the page checks who may read it), no sign-in link. */
  reportAddress: (intern: string, reportUrl: string) =>
    `${intern}'s end-of-internship report in the portal: ${reportUrl}\nNot signed in? Write "portal" to Tandem in your personal chat for a sign-in link (it is for you alone).`,
  reportLink: (intern: string, reportUrl: string, signInUrl: string, minutes: number) =>
    `${intern}'s end-of-internship report in the portal: ${reportUrl}\nNot signed in? This link signs you in and opens it (once, for ${minutes} minutes; do not forward it): ${signInUrl}`,
};
