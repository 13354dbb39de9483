import { html } from "../html.js";
import { page } from "../layout.js";

/** A page that says one thing: a refusal, a confirmation, an error. */
export function messagePage(
  title: string,
  text: string,
  link?: { href: string; label: string },
  signedInAs?: string,
  /** With signedInAs: the sign-out form needs it (without it, Sign out is refused as a forged POST). */
  csrfToken?: string,
): string {
  return page(
    { title, ...(signedInAs ? { signedInAs } : {}), ...(csrfToken ? { csrfToken } : {}) },
    html`<p>${text}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ""}`,
  );
}
