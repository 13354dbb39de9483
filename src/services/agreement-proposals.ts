/** Proposed agreement changes: who they wait for, when they lapse, and how people read them. */
import { answerersOf, PROPOSAL_WORKING_DAYS, termChanges } from "../domain/agreement-proposal.js";
import { agreementCopy, type ProposalView } from "../domain/copy/agreement.js";
import { agreementKeys } from "../domain/outbox-keys.js";
import type { Internship, Person } from "../domain/types.js";
import { workingDaysAfter } from "../domain/working-days.js";
import { localDateIn } from "../domain/zone-time.js";
import type { Agreement, OutboxDraft, Store } from "../ports/store.js";
import type { InternshipContext } from "./internship-context.js";
import { directDraft } from "./notify.js";
import { calendarFor } from "./person-calendar.js";

/** The intern and the supervisor who must still accept the proposal. */
export function waitingFor(internship: Internship, proposal: Agreement): number[] {
  return answerersOf(internship, proposal.createdBy).filter((id) => !proposal.acknowledgedBy.includes(id));
}

/**
 * A working week of each person who must answer, to the end of that day's working time: the proposal
 * lapses when the last of them has had theirs.
 */
export async function lapseDeadline(store: Store, answerers: Person[], now: Date): Promise<Date> {
  let latest = now;
  for (const person of answerers) {
    const calendar = await calendarFor(store, person);
    const day = workingDaysAfter(calendar, calendar.localDate(now), PROPOSAL_WORKING_DAYS);
    const end = calendar.workingIntervals(day).at(-1)?.end ?? calendar.atLocalTime(day, "23:59");
    if (end > latest) latest = end;
  }
  return latest;
}

export async function viewOf(
  store: Store,
  workspaceId: number,
  proposal: Agreement,
  inForce: Agreement | undefined,
  reader: Person,
): Promise<ProposalView> {
  const proposer =
    proposal.createdBy === undefined ? undefined : await store.people.get(workspaceId, proposal.createdBy);
  const before = inForce?.terms ?? proposal.terms;
  return {
    version: proposal.version,
    inForce: inForce?.version ?? 0,
    proposer: proposer?.name ?? "The programme",
    changes: termChanges(before, proposal.terms),
    lapsesOn: localDateIn(reader.timezone, proposal.lapsesAt ?? proposal.createdAt),
  };
}

export async function peopleOf(store: Store, workspaceId: number, ids: number[]): Promise<Person[]> {
  const people = await Promise.all(ids.map((id) => store.people.get(workspaceId, id)));
  return people.filter((p): p is Person => p !== undefined);
}

/** At its deadline an unanswered proposal lapses: the terms in force stay, and the proposer is told. */
export async function lapseDueProposal(
  store: Store,
  context: InternshipContext,
  now: Date,
): Promise<{ drafts: OutboxDraft[]; next: Date | undefined }> {
  const { workspace, internship } = context;
  const proposal = await store.agreements.proposal(internship.id);
  if (!proposal?.lapsesAt) return { drafts: [], next: undefined };
  if (proposal.lapsesAt > now) return { drafts: [], next: proposal.lapsesAt };
  if (!(await store.agreements.decide(proposal.id, "lapsed", undefined, now)))
    return { drafts: [], next: undefined };
  await store.outbox.cancelPending(
    workspace.id,
    agreementKeys.proposalPrefix(internship.id, proposal.version),
  );
  const proposer =
    proposal.createdBy === undefined ? undefined : await store.people.get(workspace.id, proposal.createdBy);
  if (!proposer) return { drafts: [], next: undefined };
  const inForce = await store.agreements.current(internship.id);
  const waiting = (await peopleOf(store, workspace.id, waitingFor(internship, proposal))).map((p) => p.name);
  const draft = directDraft(
    workspace,
    proposer,
    agreementKeys.decided(internship.id, proposal.version, "lapsed", proposer.id),
    agreementCopy.lapsedMessage(await viewOf(store, workspace.id, proposal, inForce, proposer), waiting),
    now,
  );
  return { drafts: draft ? [draft] : [], next: undefined };
}
