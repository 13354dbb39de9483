import { describeTerms } from "../../domain/agreement.js";
import type { Command } from "../../domain/command-syntax/types.js";
import { agreementCopy as copy } from "../../domain/copy/agreement.js";
import { learningAgreementCopy } from "../../domain/copy/agreement-learning.js";
import { evaluationDates } from "../../domain/learning-agreement.js";
import type { Reply } from "../../domain/messages.js";
import type { Internship, Person, Role } from "../../domain/types.js";
import { localDateIn } from "../../domain/zone-time.js";
import type { Agreement } from "../../ports/store.js";
import { peopleOf, viewOf, waitingFor } from "../agreement-proposals.js";
import { type CommandContext, reply } from "../command-context.js";
import { scheduledDates } from "../evaluation-rounds.js";
import { loadInternshipContext } from "../internship-context.js";
import { resolveScope } from "../internship-scope.js";
import { acceptProposal, declineProposal, proposeChange } from "./agreement-changes.js";

type AgreementCommand = Extract<Command, { name: `agreement.${string}` }>;

export async function handleAgreementCommand(ctx: CommandContext, command: AgreementCommand): Promise<Reply> {
  const intern = "intern" in command ? command.intern : undefined;
  const scope = await resolveScope(ctx, intern, `agreement ${command.name.slice("agreement.".length)}`);
  if (!scope.ok) return reply(scope.error);
  const { internship, roles } = scope.value;
  const agreement = await ctx.store.agreements.current(internship.id);
  if (!agreement) return reply(copy.none());
  switch (command.name) {
    case "agreement.show":
      return await show(ctx, internship, agreement);
    case "agreement.ack":
      return await acknowledge(ctx, internship, agreement, roles);
    case "agreement.set":
      return await proposeChange(ctx, internship, agreement, command.field, command.value);
    case "agreement.accept":
      return await acceptProposal(ctx, internship, agreement, undefined);
    case "agreement.decline":
      return await declineProposal(ctx, internship, agreement, undefined, command.reason);
  }
}

/** The two people whose acknowledgement says they have read the agreement in force. */
async function signatories(ctx: CommandContext, internship: Internship): Promise<Person[]> {
  return await peopleOf(ctx.store, ctx.workspace.id, [internship.internId, internship.supervisorId]);
}

async function show(ctx: CommandContext, internship: Internship, agreement: Agreement): Promise<Reply> {
  const intern = await ctx.store.people.get(ctx.workspace.id, internship.internId);
  const acks = (await signatories(ctx, internship)).map((p) =>
    agreement.acknowledgedBy.includes(p.id) ? copy.acknowledged(p.name) : copy.notAcknowledged(p.name),
  );
  const since = localDateIn(ctx.speaker.timezone, agreement.decidedAt ?? agreement.createdAt);
  const name = intern?.name ?? "the intern";
  const lines = [
    ...(await learningSection(ctx, internship, name)),
    learningAgreementCopy.monitoringPlan(),
    copy.heading(name, agreement.version, since),
    ...describeTerms(agreement.terms).map(copy.term),
    copy.acknowledgements(acks),
  ];
  const proposal = await ctx.store.agreements.proposal(internship.id);
  if (proposal) {
    const names = async (ids: number[]) =>
      (await peopleOf(ctx.store, ctx.workspace.id, ids)).map((p) => p.name);
    const waiting = waitingFor(internship, proposal);
    const accepted = proposal.acknowledgedBy.filter((id) => !waiting.includes(id));
    lines.push(
      copy.proposalLine(
        await viewOf(ctx.store, ctx.workspace.id, proposal, agreement, ctx.speaker),
        await names(accepted),
        await names(waiting),
      ),
    );
  }
  return reply(lines.join("\n"));
}

/** The learning agreement (Erasmus+ Table A) and its latest version, above its monitoring plan. */
async function learningSection(
  ctx: CommandContext,
  internship: Internship,
  internName: string,
): Promise<string[]> {
  const learning = await ctx.store.learning.get(internship.id);
  const context = learning && (await loadInternshipContext(ctx.store, ctx.workspace.id, internship.id));
  const latest = learning ? (await ctx.store.learning.versions(internship.id)).at(-1) : undefined;
  const by =
    latest?.changedBy === undefined
      ? undefined
      : await ctx.store.people.get(ctx.workspace.id, latest.changedBy);
  return learningAgreementCopy.section(
    learning,
    latest && {
      version: latest.version,
      on: localDateIn(ctx.speaker.timezone, latest.at),
      change: latest.change,
      ...(by ? { by: by.name } : {}),
    },
    // The dates the requests go out on (a default moved off a day off), as outcomes and evaluate say.
    context ? scheduledDates(context, learning) : evaluationDates(internship, learning),
    internName,
  );
}

/** "I have read it": the agreement in force applies either way; this tells the other side it was read. */
async function acknowledge(
  ctx: CommandContext,
  internship: Internship,
  agreement: Agreement,
  roles: Role[],
): Promise<Reply> {
  if (!roles.includes("intern") && !roles.includes("supervisor")) return reply(copy.ackOnlySignatories());
  const fresh = await ctx.store.transaction(async () => {
    const recorded = await ctx.store.agreements.acknowledge(
      ctx.workspace.id,
      agreement.id,
      ctx.speaker.id,
      ctx.now,
    );
    if (recorded) {
      await ctx.store.audit.record(
        {
          workspaceId: ctx.workspace.id,
          actorId: ctx.speaker.id,
          actorLabel: ctx.speaker.key,
          action: "agreement.ack",
          entity: "agreement",
          entityId: agreement.id,
          detail: { internship: internship.key, version: agreement.version },
        },
        ctx.now,
      );
    }
    return recorded;
  });
  const proposal = await ctx.store.agreements.proposal(internship.id);
  const pending =
    proposal && waitingFor(internship, proposal).includes(ctx.speaker.id)
      ? copy.proposalWaitsForYou(proposal.version)
      : "";
  if (!fresh) return reply(copy.alreadyAcknowledged(agreement.version) + pending);
  const waiting = (await signatories(ctx, internship))
    .filter((p) => p.id !== ctx.speaker.id && !agreement.acknowledgedBy.includes(p.id))
    .map((p) => p.name);
  return reply(copy.acknowledgedThanks(agreement.version, waiting) + pending);
}
