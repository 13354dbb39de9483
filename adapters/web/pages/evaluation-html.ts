/**
 * The evaluation page: the rounds, the viewer's own side (the form while its window is open, else where it
 * stands), then each side's answers as far as the viewer may read them now. Blind rounds say that the other
 * side is in, never what it says.
 */
import type { EvaluationRound, EvaluationSide, Rating } from "../../../src/domain/evaluations.js";
import { formatDate, formatInstant } from "../../../src/domain/format.js";
import type { EvaluationPage, OwnState, SideView } from "../../../src/services/portal/evaluation-page.js";
import { portalPaths } from "../../../src/services/portal/portal-paths.js";
import { type Html, html } from "../html.js";
import { type FormState, formHtml } from "./form-html.js";

export const roundTitle = (round: EvaluationRound) => (round === "midterm" ? "Mid-term" : "Final");
const SIDE_TITLES: Record<EvaluationSide, string> = {
  supervisor: "The supervisor's evaluation",
  intern: "The intern's self-evaluation and evaluation of the hosting",
};
const OUTCOME_WORDS: Record<string, string> = {
  "not-yet": "not yet",
  partly: "partly",
  achieved: "achieved",
};

function ownHtml(view: EvaluationPage, state: OwnState, form: Omit<FormState, "action">): Html {
  const tz = view.timezone;
  switch (state.kind) {
    case "open":
      return html`<p>Open until ${formatInstant(state.closes, tz)} (your time). ${
        view.own?.side === "intern"
          ? "Your supervisor evaluates you too"
          : `${view.intern} fills in a self-evaluation too`
      }; neither of you sees the other's answers until both are in or the window closes. Once sent, an evaluation is kept as it is.</p>
${formHtml(state.form, { ...form, action: portalPaths.evaluation(view.internshipId, view.round) })}`;
    case "not-open":
      return html`<p>This evaluation opens ${formatInstant(state.opens, tz)} (your time). Tandem sends you a message then.</p>`;
    case "closed":
      return html`<p>The window for this evaluation closed${
        state.closed ? ` ${formatInstant(state.closed, tz)}` : ""
      }; an evaluation is not taken after it. Tell your coordinator if it matters.</p>`;
    case "submitted":
      return html`<p>Your evaluation was received ${formatInstant(state.at, tz)}. A submitted evaluation is kept as it was and not changed.</p>`;
  }
}

function ratingsTable(caption: string, rows: { name: string; rating: Rating | undefined }[]): Html {
  return html`<div class="table-wrap"><table class="answers"><caption>${caption}</caption>
<thead><tr><th scope="col">Question</th><th scope="col">Rating (1 to 5)</th><th scope="col">Comment</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${r.name}</th><td>${r.rating ? `${r.rating.score} of 5` : "-"}</td><td>${r.rating?.comment ?? ""}</td></tr>`,
  )}</tbody></table></div>`;
}

function sideHtml(view: EvaluationPage, side: SideView): Html {
  const title = html`<h3>${SIDE_TITLES[side.side]}</h3>`;
  const closes = view.closes ? ` (${formatInstant(view.closes, view.timezone)})` : "";
  if (side.status === "hidden")
    return html`${title}<p>It is in. It can be read once both are in or the window closes${closes}.</p>`;
  if (side.status === "not-in") return html`${title}<p>Not in yet.</p>`;
  if (side.status === "missing") return html`${title}<p>Not submitted in time.</p>`;
  const { evaluation, author, questions } = side.shown!;
  const { answers } = evaluation;
  return html`${title}<p>By ${author}, submitted ${formatInstant(evaluation.submittedAt, view.timezone)}.</p>
${ratingsTable(
  "Criteria",
  questions.criteria.map((c) => ({ name: c.name, rating: answers.criteria[c.key] })),
)}
<div class="table-wrap"><table class="answers"><caption>Learning outcomes</caption>
<thead><tr><th scope="col">Outcome</th><th scope="col">Achieved</th></tr></thead>
<tbody>${questions.outcomes.map(
    (o) =>
      html`<tr><th scope="row">${o.key}: ${o.description}</th><td>${OUTCOME_WORDS[answers.outcomes[o.key] ?? ""] ?? "-"}</td></tr>`,
  )}</tbody></table></div>
${
  answers.hosting
    ? ratingsTable(
        "The hosting",
        questions.hosting.map((q) => ({ name: q.name, rating: answers.hosting?.[q.key] })),
      )
    : ""
}`;
}

/** On the internship page: the viewer's own evaluation waits for them, with the way to it. */
export function openEvaluationNotice(view: EvaluationPage): Html | "" {
  const state = view.own?.state;
  if (state?.kind !== "open") return "";
  return html`<p class="notice">Your ${roundTitle(view.round).toLowerCase()} evaluation is open until ${formatInstant(
    state.closes,
    view.timezone,
  )} (your time): <a href="${portalPaths.evaluation(view.internshipId, view.round)}">fill it in</a>.</p>`;
}

export function evaluationHtml(view: EvaluationPage, form: Omit<FormState, "action">, notice?: string): Html {
  const rounds = html`<nav aria-label="Evaluation rounds"><ul class="rounds">${view.rounds.map((r) =>
    r.round === view.round
      ? html`<li><a href="${portalPaths.evaluation(view.internshipId, r.round)}" aria-current="page">${roundTitle(r.round)}, ${formatDate(r.date)}</a></li>`
      : html`<li><a href="${portalPaths.evaluation(view.internshipId, r.round)}">${roundTitle(r.round)}, ${formatDate(r.date)}</a></li>`,
  )}</ul></nav>`;
  const own = view.own
    ? html`<section aria-labelledby="own-title"><h2 id="own-title">${
        view.own.side === "intern" ? "Your self-evaluation" : `Your evaluation of ${view.intern}`
      }</h2>${ownHtml(view, view.own.state, form)}</section>`
    : html`<p>The intern and their supervisor write the evaluations; you read both once both are in or the window has closed.</p>`;
  return html`${rounds}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
<p>Evaluation date: ${formatDate(view.date)}.</p>
${own}
<section aria-labelledby="answers-title"><h2 id="answers-title">What has been submitted</h2>
${view.sides.map((s) => sideHtml(view, s))}
</section>`;
}
