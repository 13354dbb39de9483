/**
 * The portal's evaluation page: for people without chat, the same form as the chat's (evaluationForm),
 * submitted through the same handler as the chat's Submit (handleEvaluationAction), and exactly what the
 * `evaluation` command lets the viewer read: their own side always, the other side (and, for the
 * coordinator, both) only once both are in or the window has closed.
 */
import type { Logger } from "pino";
import { evaluationForm, evaluationValue } from "../../domain/copy/evaluation.js";
import {
  EVALUATION_ROUNDS,
  EVALUATION_SIDES,
  type EvaluationQuestions,
  type EvaluationRound,
  type EvaluationSide,
  type EvaluationViewer,
  questionsFor,
  type SubmittedEvaluation,
  visibleSides,
} from "../../domain/evaluations.js";
import { rolesOf } from "../../domain/internship-roles.js";
import type { OutboundForm } from "../../domain/messages.js";
import type { LocalDate, Person } from "../../domain/types.js";
import type { Store } from "../../ports/store.js";
import { handleEvaluationAction } from "../command-handlers/evaluate.js";
import { currentRound, type RoundState, roundStates, viewerOf, windowClosed } from "../evaluation-rounds.js";
import { loadInternshipContext } from "../internship-context.js";
import type { VisibleInternship } from "./access.js";
import { actingIdentity, portalCommandContext } from "./portal-speaker.js";

export const isRound = (text: unknown): text is EvaluationRound =>
  typeof text === "string" && (EVALUATION_ROUNDS as readonly string[]).includes(text);

/** Where the viewer's own side of the round stands. */
export type OwnState =
  | { kind: "open"; closes: Date; form: OutboundForm }
  | { kind: "not-open"; opens: Date }
  | { kind: "closed"; closed: Date | undefined }
  | { kind: "submitted"; at: Date };

export interface SideView {
  side: EvaluationSide;
  /** Shown: the answers with their author; else why not. */
  shown?: { evaluation: SubmittedEvaluation; author: string; questions: EvaluationQuestions };
  status: "shown" | "hidden" | "missing" | "not-in";
}

export interface EvaluationPage {
  internshipId: number;
  intern: string;
  round: EvaluationRound;
  date: LocalDate;
  rounds: { round: EvaluationRound; date: LocalDate }[];
  viewer: EvaluationViewer;
  /** The viewer's time zone, for the instants on the page. */
  timezone: string;
  /** For the intern and the supervisor (or backup): their side of the round. */
  own?: { side: EvaluationSide; state: OwnState };
  /** Whether the round can be read by both sides now (both in, or the window closed). */
  readable: boolean;
  closes: Date | undefined;
  sides: SideView[];
}

export type EvaluationPageResult =
  | { ok: true; page: EvaluationPage }
  | { ok: false; reason: "no-agreement" | "no-part" };

function ownState(state: RoundState, side: EvaluationSide, form: OutboundForm, now: Date): OwnState {
  const mine = state.submissions.find((e) => e.side === side);
  if (mine) return { kind: "submitted", at: mine.submittedAt };
  const window = state.windows[side];
  if (!window || !state.closes) return { kind: "closed", closed: undefined };
  if (now.getTime() < window.opens.getTime()) return { kind: "not-open", opens: window.opens };
  // The round's one close (see roundWindow), as the chat's messages and form handler name it.
  if (windowClosed(state, now)) return { kind: "closed", closed: state.closes };
  return { kind: "open", closes: state.closes, form };
}

export async function buildEvaluationPage(
  store: Store,
  visible: VisibleInternship,
  identities: readonly Person[],
  round: EvaluationRound | undefined,
  now: Date,
): Promise<EvaluationPageResult> {
  const { internship } = visible;
  const me = actingIdentity(identities, internship);
  const viewer = me && viewerOf(rolesOf(internship, me.id));
  if (!me || !viewer) return { ok: false, reason: "no-part" };
  const agreement = await store.learning.get(internship.id);
  const ctx = agreement && (await loadInternshipContext(store, internship.workspaceId, internship.id));
  if (!agreement || !ctx) return { ok: false, reason: "no-agreement" };
  const states = await roundStates(store, ctx, agreement);
  const state = round ? states.find((s) => s.round === round)! : currentRound(states, viewer, now);
  const closed = windowClosed(state, now);
  const submitted = new Set(state.submissions.map((e) => e.side));
  const visibleNow = new Set(visibleSides(viewer, submitted, closed));
  const sides: SideView[] = [];
  for (const side of EVALUATION_SIDES) {
    const evaluation = state.submissions.find((e) => e.side === side);
    if (!evaluation) {
      sides.push({ side, status: closed ? "missing" : "not-in" });
    } else if (!visibleNow.has(side)) {
      sides.push({ side, status: "hidden" });
    } else {
      const author = await store.people.get(internship.workspaceId, evaluation.authorId);
      sides.push({
        side,
        status: "shown",
        shown: { evaluation, author: author?.name ?? "?", questions: questionsFor(side, agreement) },
      });
    }
  }
  const own =
    viewer === "coordinator"
      ? undefined
      : {
          side: viewer,
          state: ownState(
            state,
            viewer,
            evaluationForm(internship.id, state.round, viewer, questionsFor(viewer, agreement)),
            now,
          ),
        };
  return {
    ok: true,
    page: {
      internshipId: internship.id,
      intern: ctx.intern.name,
      round: state.round,
      date: state.date,
      rounds: states.map((s) => ({ round: s.round, date: s.date })),
      viewer,
      timezone: me.timezone,
      ...(own ? { own } : {}),
      readable: closed || submitted.size === EVALUATION_SIDES.length,
      closes: state.closes,
      sides,
    },
  };
}

export type SubmitResult =
  | { kind: "stored" }
  | { kind: "invalid"; errors: Record<string, string>; text: string }
  /** Refused by the chat's own checks (not a writer, not open, closed, already in): their words. */
  | { kind: "refused"; text: string; already: boolean };

/**
 * Submits the form as the chat's Submit button would: handleEvaluationAction checks the part, the window
 * and the answers and stores the record once. Whether it was stored is read in the same transaction: a
 * second POST (a double click, the back button) finds the side already in and is told so.
 */
export async function submitEvaluation(
  deps: { store: Store; log: Logger; publicUrl?: string },
  visible: VisibleInternship,
  identities: readonly Person[],
  round: EvaluationRound,
  form: Record<string, string>,
  now: Date,
): Promise<SubmitResult> {
  const { store } = deps;
  const { internship } = visible;
  const cc = await portalCommandContext(deps, identities, internship, now);
  if (!cc) return { kind: "refused", text: "You have no part in this internship.", already: false };
  const side = viewerOf(rolesOf(internship, cc.speaker.id));
  const inOfMine = async () =>
    (await store.evaluations.forRound(internship.id, round)).some((e) => e.side === side);
  return await store.transaction(async () => {
    const before = await inOfMine();
    const reply = await handleEvaluationAction(cc, {
      action: "evaluation.submit",
      value: evaluationValue(internship.id, round),
      form,
    });
    if (reply.formErrors) return { kind: "invalid", errors: reply.formErrors, text: reply.text };
    if (!before && (await inOfMine())) return { kind: "stored" };
    return { kind: "refused", text: reply.text, already: before };
  });
}
