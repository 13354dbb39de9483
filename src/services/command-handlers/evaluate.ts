import type { Command } from "../../domain/command-syntax/types.js";
import {
  evaluationCopy as copy,
  evaluationForm,
  evaluationLines,
  readEvaluationValue,
} from "../../domain/copy/evaluation.js";
import {
  answersFromForm,
  EVALUATION_SIDES,
  type EvaluationRound,
  type EvaluationSide,
  questionsFor,
  visibleSides,
} from "../../domain/evaluations.js";
import { formatInstant } from "../../domain/format.js";
import { rolesOf } from "../../domain/internship-roles.js";
import type { Reply } from "../../domain/messages.js";
import { evaluationKeys } from "../../domain/outbox-keys.js";
import type { Internship } from "../../domain/types.js";
import { type CommandContext, reply } from "../command-context.js";
import { currentRound, type RoundState, roundStates, viewerOf, windowClosed } from "../evaluation-rounds.js";
import { type InternshipContext, loadInternshipContext } from "../internship-context.js";
import { resolveScope } from "../internship-scope.js";

export interface EvaluationActionInput {
  action: string;
  value: string;
  form?: Record<string, string>;
}

type Loaded =
  | { ok: false; reply: Reply }
  | {
      ok: true;
      ctx: InternshipContext;
      agreement: NonNullable<Awaited<ReturnType<CommandContext["store"]["learning"]["get"]>>>;
      states: RoundState[];
    };

async function load(cc: CommandContext, internship: Internship): Promise<Loaded> {
  const agreement = await cc.store.learning.get(internship.id);
  if (!agreement) return { ok: false, reply: reply(copy.noAgreement()) };
  const ctx = await loadInternshipContext(cc.store, cc.workspace.id, internship.id);
  if (!ctx) return { ok: false, reply: reply(copy.noAgreement()) };
  return { ok: true, ctx, agreement, states: await roundStates(cc.store, ctx, agreement) };
}

/** The speaker's side of the round, when it may be filled in now; else why not. */
function checkOpen(cc: CommandContext, state: RoundState, side: EvaluationSide): Reply | undefined {
  const tz = cc.speaker.timezone;
  const mine = state.submissions.find((e) => e.side === side);
  if (mine) return reply(copy.alreadySubmitted(state.round, mine.submittedAt, tz));
  const window = state.windows[side];
  if (!window || !state.closes) return reply(copy.closed(state.round, cc.now, tz));
  if (cc.now.getTime() < window.opens.getTime()) return reply(copy.notOpen(state.round, window.opens, tz));
  if (windowClosed(state, cc.now)) return reply(copy.closed(state.round, state.closes, tz));
  return undefined;
}

async function openForm(
  cc: CommandContext,
  internship: Internship,
  round: EvaluationRound | undefined,
): Promise<Reply> {
  const side = viewerOf(rolesOf(internship, cc.speaker.id));
  if (side === undefined || side === "coordinator") return reply(copy.notAParty());
  const loaded = await load(cc, internship);
  if (!loaded.ok) return loaded.reply;
  const state = round
    ? loaded.states.find((s) => s.round === round)!
    : currentRound(loaded.states, side, cc.now);
  const refused = checkOpen(cc, state, side);
  if (refused) return refused;
  return {
    text: copy.formHeading(state.round, side, loaded.ctx.intern.name),
    form: evaluationForm(internship.id, state.round, side, questionsFor(side, loaded.agreement)),
  };
}

/** `evaluate [midterm|final] [for @intern]`: the form for the speaker's side. */
export async function handleEvaluateCommand(
  cc: CommandContext,
  command: Extract<Command, { name: "evaluate" }>,
): Promise<Reply> {
  const scope = await resolveScope(cc, command.intern, "evaluate midterm for @ana");
  if (!scope.ok) return reply(scope.error);
  return await openForm(cc, scope.value.internship, command.round);
}

/** `evaluation [midterm|final] [for @intern]`: what the speaker may read of the round now. */
export async function handleEvaluationCommand(
  cc: CommandContext,
  command: Extract<Command, { name: "evaluation" }>,
): Promise<Reply> {
  const scope = await resolveScope(cc, command.intern, "evaluation midterm for @ana");
  if (!scope.ok) return reply(scope.error);
  const viewer = viewerOf(scope.value.roles);
  if (viewer === undefined) return reply(copy.notAParty());
  const loaded = await load(cc, scope.value.internship);
  if (!loaded.ok) return loaded.reply;
  const { ctx, agreement } = loaded;
  const state = command.round
    ? loaded.states.find((s) => s.round === command.round)!
    : currentRound(loaded.states, viewer, cc.now);
  const closed = windowClosed(state, cc.now);
  const closes = state.closes ? formatInstant(state.closes, cc.speaker.timezone) : "";
  if (state.submissions.length === 0) return reply(copy.nothingYet(state.round, closed ? undefined : closes));
  const submitted = new Set(state.submissions.map((e) => e.side));
  const visible = new Set(visibleSides(viewer, submitted, closed));
  const lines = [copy.shownHeading(state.round, ctx.intern.name)];
  for (const side of EVALUATION_SIDES) {
    const evaluation = state.submissions.find((e) => e.side === side);
    if (!evaluation) {
      lines.push(copy.missing(side, closed, closes, side === viewer));
    } else if (!visible.has(side)) {
      lines.push(copy.hidden(side, closes));
    } else {
      const author = await cc.store.people.get(cc.workspace.id, evaluation.authorId);
      lines.push(
        ...evaluationLines(
          evaluation,
          author?.name ?? "?",
          questionsFor(side, agreement),
          cc.speaker.timezone,
        ),
      );
    }
  }
  return reply(lines.join("\n"));
}

/** `evaluation.open` (the request's button) returns the form; `evaluation.submit` stores what it sent, once. */
export async function handleEvaluationAction(
  cc: CommandContext,
  event: EvaluationActionInput,
): Promise<Reply> {
  const target = readEvaluationValue(event.value);
  const internship = target && (await cc.store.internships.get(cc.workspace.id, target.internshipId));
  if (!target || !internship) return reply(copy.unknownButton());
  if (event.action === "evaluation.open") return await openForm(cc, internship, target.round);
  if (event.action !== "evaluation.submit") return reply(copy.unknownButton());
  const side = viewerOf(rolesOf(internship, cc.speaker.id));
  if (side === undefined || side === "coordinator") return reply(copy.notAParty());
  // First, before reading anything: the evaluation rule looks again at the next tick (both sides in makes
  // the round readable), and on PostgreSQL this row's lock orders the submission after a tick that is
  // planning this internship (so a reminder it queues is withdrawn below) and two submissions one after the other.
  await cc.store.wakeups.touch(cc.workspace.id, internship.id, ["evaluations"], cc.now);
  const loaded = await load(cc, internship);
  if (!loaded.ok) return loaded.reply;
  const state = loaded.states.find((s) => s.round === target.round)!;
  const refused = checkOpen(cc, state, side);
  if (refused) return refused;
  const answers = answersFromForm(event.form ?? {}, questionsFor(side, loaded.agreement));
  if (!answers.ok) {
    return { text: copy.problems(answers.error), formErrors: answers.error };
  }
  const stored = await cc.store.evaluations.submit(
    cc.workspace.id,
    {
      internshipId: internship.id,
      round: target.round,
      side,
      authorId: cc.speaker.id,
      answers: answers.value,
    },
    cc.now,
  );
  if (!stored) return reply(copy.alreadySubmitted(target.round, cc.now, cc.speaker.timezone));
  // Whatever request or reminder is still waiting has become pointless.
  await cc.store.outbox.cancelPending(
    cc.workspace.id,
    evaluationKeys.prefix(internship.id, target.round, side),
  );
  const bothIn = EVALUATION_SIDES.every((s) => s === side || state.submissions.some((e) => e.side === s));
  return reply(copy.submitted(target.round, bothIn, state.closes ?? cc.now, cc.speaker.timezone));
}
