/**
 * The portal's page frame: accessible HTML that needs no script (a skip link, landmarks, a heading per
 * page, forms that work with the keyboard), one stylesheet. i18-pages fills the main part.
 */
import { type Html, html } from "./html.js";

export interface PageFrame {
  title: string;
  /** The signed-in person's name: shows the navigation and the sign-out button. */
  signedInAs?: string;
  /** The CSRF token for the sign-out form (and any form on the page). */
  csrfToken?: string;
  /** Breadcrumbs above the heading, e.g. [["Internships", "/portal"]]. */
  trail?: [label: string, href: string][];
}

export const STYLESHEET_PATH = "/portal/assets/portal.css";

export function page(frame: PageFrame, main: Html): string {
  const nav = frame.signedInAs
    ? html`<nav aria-label="Portal">
  <ul class="nav">
    <li><a href="/portal">Internships</a></li>
  </ul>
  <form method="post" action="/portal/sign-out" class="sign-out">
    <input type="hidden" name="_csrf" value="${frame.csrfToken ?? ""}">
    <span>Signed in as ${frame.signedInAs}</span>
    <button type="submit">Sign out</button>
  </form>
</nav>`
    : "";
  const trail = frame.trail?.length
    ? html`<nav aria-label="Breadcrumb" class="trail"><ol>${frame.trail.map(
        ([label, href]) => html`<li><a href="${href}">${label}</a></li>`,
      )}<li aria-current="page">${frame.title}</li></ol></nav>`
    : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · Tandem</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <p class="brand"><a href="/portal">Tandem</a></p>
  ${nav}
</header>
<main id="main" tabindex="-1">
${trail}
<h1>${frame.title}</h1>
${main}
</main>
</body>
</html>
`.text;
}

/** Plain, readable, printable; visible focus; no script. Pages may add their own classes. */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #505a66; --line: #c9d1d9; --accent: #0b5cad; --bg: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, main:focus-visible {
  outline: 3px solid #f2a900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; }
.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between;
  padding: .5rem 1rem; border-bottom: 1px solid var(--line); }
.brand { margin: 0; font-weight: 700; }
.top nav { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
.nav { list-style: none; margin: 0; padding: 0; display: flex; gap: 1rem; }
.sign-out { display: flex; gap: .5rem; align-items: center; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
.trail ol { list-style: none; padding: 0; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .25rem; color: var(--muted); }
.trail li + li::before { content: "›"; margin-right: .25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.table-wrap { overflow-x: auto; }
button, input, select { font: inherit; padding: .35rem .6rem; }
button { border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
label { display: block; margin: .5rem 0 .25rem; font-weight: 600; }
.note { color: var(--muted); }
.notice { border-left: 4px solid var(--accent); padding: .5rem 1rem; background: #f1f6fb; }
@media print { .top, .skip, .no-print { display: none; } main { max-width: none; } }
`;
