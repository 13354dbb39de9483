/**
 * The certificate draft as a portal page: the downloads, the supervisor's Confirm (when it may be
 * confirmed), then the draft's sections as headings and lists; it prints without the portal's frame.
 */
import { formatDate } from "../../../src/domain/format.js";
import {
  CERTIFICATE_FOOTER,
  certificateSections,
} from "../../../src/services/certificate/certificate-render.js";
import type { CertificatePage } from "../../../src/services/portal/certificate-page.js";
import { type Html, html } from "../html.js";

export function certificateHtml(
  view: CertificatePage,
  paths: { self: string; confirm: string },
  csrfToken: string,
  notice?: string,
): Html {
  const confirm = view.confirm
    ? html`<form method="post" action="${paths.confirm}" class="confirm-form no-print">
<input type="hidden" name="_csrf" value="${csrfToken}">
<input type="hidden" name="draft" value="${view.confirm}">
<p>As supervisor you confirm this draft as it stands: your name and the time are recorded with it.</p>
<button type="submit">Confirm the certificate draft</button>
</form>`
    : view.confirmableFrom
      ? html`<p class="note no-print">You can confirm the draft from ${formatDate(view.confirmableFrom)}, the intern's last working day, on.</p>`
      : "";
  return html`<ul class="downloads no-print" aria-label="Downloads">
<li><a href="${paths.self}?format=md" download>Download as Markdown</a></li>
<li><a href="${paths.self}?format=json" download>Download as JSON</a></li>
<li><a href="${paths.self}?format=html" download>Download as an HTML page</a></li>
</ul>
<p class="no-print note">To print this page or save it as PDF, use the browser's Print command.</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
${confirm}
${certificateSections(view.draft).map(
  (s) => html`<section><h2>${s.title}</h2><ul>${s.lines.map((l) => html`<li>${l}</li>`)}</ul></section>`,
)}
<p><em>${CERTIFICATE_FOOTER}</em></p>`;
}
