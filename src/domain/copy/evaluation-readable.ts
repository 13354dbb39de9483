/** The notice that an evaluation round can be read: both sides are in, or the window closed. */
import { neutralizeMentions } from "../escape.js";
import type { EvaluationRound, EvaluationSide, EvaluationViewer } from "../evaluations.js";
import { formatInstant } from "../format.js";
import type { OutboundMessage } from "../messages.js";
import { roundName } from "./evaluation.js";

export interface ReadableNotice {
  round: EvaluationRound;
  reader: EvaluationViewer;
  internName: string;
  /** How to name the intern in a command, e.g. `@ana`. */
  mention: string;
  /** The sides whose evaluation is in. */
  submitted: ReadonlySet<EvaluationSide>;
  /** When the window closed, if that (not both sides being in) is what made the round readable. */
  closedAt: Date | undefined;
  timezone: string;
  /** No chat account here: the portal, not a command, is how they read it. */
  byEmail: boolean;
  /** Who wrote the supervisor's side when it was not the reader (the backup, for the supervisor). */
  supervisorSideBy?: string;
}

/** A side's evaluation as its reader hears of it: "your self-evaluation", "Ana's self-evaluation". */
function sideName(side: EvaluationSide, reader: EvaluationViewer, intern: string, by?: string): string {
  if (side === "intern") return reader === "intern" ? "your self-evaluation" : `${intern}'s self-evaluation`;
  if (reader === "supervisor") return by ? `${by}'s evaluation` : "your evaluation";
  return reader === "intern" ? "your supervisor's evaluation of you" : "the supervisor's evaluation";
}

export function evaluationReadable(n: ReadableNotice): OutboundMessage {
  const intern = neutralizeMentions(n.internName);
  const round = roundName(n.round);
  const by = n.supervisorSideBy === undefined ? undefined : neutralizeMentions(n.supervisorSideBy);
  const name = (side: EvaluationSide) => sideName(side, n.reader, intern, by);
  const ofIntern = n.reader === "intern" ? "your" : `${intern}'s`;
  const [first, second] = [...n.submitted];
  const missing = (["supervisor", "intern"] as const).filter((side) => !n.submitted.has(side));
  const closed = n.closedAt && formatInstant(n.closedAt, n.timezone);
  const mine = n.reader === "coordinator" ? undefined : n.reader;
  let what: string;
  let toRead = true;
  if (second) {
    what = `Both sides of ${ofIntern} ${round} evaluation are in: ${mine ? `${name(mine === "intern" ? "supervisor" : "intern")} and ${name(mine)}` : `${name("supervisor")} and ${name("intern")}`}. You can read both now${mine ? ", and so can the coordinator" : ""}.`;
  } else if (first) {
    const gone = name(missing[0]!);
    if (first === mine) {
      // Nothing new for this reader: their own answers, which they always could read, are no longer blind.
      toRead = false;
      what = `The ${round} evaluation window closed ${closed} without ${gone}. Your answers can now be read by ${mine === "intern" ? "your supervisor" : intern} and the coordinator.`;
    } else {
      what = `The ${round} evaluation window ${mine ? "" : `for ${intern} `}closed ${closed} without ${gone}${mine ? ", so it is no longer taken" : ""}. You can now read ${name(first)}.`;
    }
  } else {
    toRead = false;
    what = `The ${round} evaluation window for ${intern} closed ${closed} with neither side's evaluation submitted: there is nothing to read.`;
  }
  const typed = n.reader === "intern" ? `evaluation ${n.round}` : `evaluation ${n.round} for ${n.mention}`;
  const how = !toRead
    ? undefined
    : n.byEmail
      ? `${second ? "They are" : "It is"} on the round's evaluation page in Tandem's portal (sign in with this address).`
      : `Type "${typed}" to read ${second ? "them" : "it"}.`;
  const state = second ? "both sides are in" : first ? "closed, one side to read" : "closed, nothing to read";
  return {
    subject: `${n.reader === "intern" ? "Your" : `${intern}'s`} ${round} evaluation: ${state}`,
    text: [what, how].filter((line) => line !== undefined).join("\n"),
    reason: `Because the ${round} evaluation stays unread by the other side until both are in or its window closes; Tandem tells the intern, the supervisor and the coordinator once when it can be read.`,
  };
}
