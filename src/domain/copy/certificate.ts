import { formatDate } from "../format.js";

/** Replies about the certificate draft (the draft's own words are in services/certificate). */
export const certificateCopy = {
  notYours: () => "The certificate draft is for the intern, their supervisors and their coordinator only.",
  onlySupervisor: () =>
    "Only the intern's supervisor or backup supervisor can confirm the certificate draft.",
  buttonGone: () =>
    'That button no longer names a certificate draft; type "certificate" to see the current one.',
  changed: () =>
    "The draft changed since it was shown to you (newer figures), so nothing was confirmed. Here is the current one:",
  tooEarly: (from: string) =>
    `The certificate is confirmed at the end of the internship: from ${formatDate(from)}, the intern's last working day, on. Until then "certificate" shows the draft so far.`,
  alreadyConfirmed: (by: string) => `This draft is already confirmed (by ${by}); nothing changed.`,
  confirmed: (intern: string) =>
    `Confirmed the certificate draft for ${intern}: your name and the time are recorded with it. If the figures change later, the draft shows as not confirmed again.`,
};
