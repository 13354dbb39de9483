/** `agreement set` proposes; `agreement accept` and `agreement decline` answer (commands and buttons). */
import { setTerm } from "../../domain/agreement.js";
import { agreementField } from "../../domain/agreement-fields.js";
import { answerersOf } from "../../domain/agreement-proposal.js";
import { agreementCopy as copy } from "../../domain/copy/agreement.js";
import type { Reply } from "../../domain/messages.js";
import { agreementKeys } from "../../domain/outbox-keys.js";
import type { Internship, Person } from "../../domain/types.js";
import type { Agreement } from "../../ports/store.js";
import { lapseDeadline, peopleOf, viewOf, waitingFor } from "../agreement-proposals.js";
import { type CommandContext, reply } from "../command-context.js";
import { queueDirect } from "../notify.js";
import { touchInternship } from "../rules/wakeup-rule.js";

async function audit(ctx: CommandContext, action: string, entityId: number, detail: Record<string, unknown>) {
  await ctx.store.audit.record(
    {
      workspaceId: ctx.workspace.id,
      actorId: ctx.speaker.id,
      actorLabel: ctx.speaker.key,
      action,
      entity: "agreement",
      entityId,
      detail,
    },
    ctx.now,
  );
}

const nameOf = async (ctx: CommandContext, id: number) =>
  (await ctx.store.people.get(ctx.workspace.id, id))?.name ?? "";

/**
 * A change is a proposal: the terms in force stay until the intern and the supervisor (whoever did not
 * propose it) accept. The proposer may add to their own open proposal; anyone else waits for it to end.
 */
export async function proposeChange(
  ctx: CommandContext,
  internship: Internship,
  inForce: Agreement,
  field: string,
  value: string,
): Promise<Reply> {
  const open = await ctx.store.agreements.proposal(internship.id);
  if (open && open.createdBy !== ctx.speaker.id) {
    return reply(
      copy.otherProposalOpen(await viewOf(ctx.store, ctx.workspace.id, open, inForce, ctx.speaker)),
    );
  }
  const base = open ?? inForce;
  const result = setTerm(base.terms, field, value);
  if (!result.ok) return reply(copy.refused(result.error));
  const spec = agreementField(field)!;
  if (spec.get(result.value) === spec.get(base.terms)) {
    return reply(copy.unchanged(spec.name, spec.get(base.terms), !open));
  }
  const answerers = await peopleOf(ctx.store, ctx.workspace.id, answerersOf(internship, ctx.speaker.id));
  const intern = await ctx.store.people.get(ctx.workspace.id, internship.internId);
  const proposal = await ctx.store.transaction(async () => {
    if (open) {
      await ctx.store.outbox.cancelPending(
        ctx.workspace.id,
        agreementKeys.proposalPrefix(internship.id, open.version),
      );
    }
    const created = await ctx.store.agreements.propose(
      ctx.workspace.id,
      internship.id,
      result.value,
      ctx.speaker.id,
      ctx.now,
      await lapseDeadline(ctx.store, answerers, ctx.now),
    );
    // Proposing is accepting, for the intern or the supervisor who proposes.
    if (ctx.speaker.id === internship.internId || ctx.speaker.id === internship.supervisorId) {
      await ctx.store.agreements.acknowledge(ctx.workspace.id, created.id, ctx.speaker.id, ctx.now);
    }
    await audit(ctx, "agreement.propose", created.id, {
      internship: internship.key,
      field: spec.name,
      value,
      version: created.version,
    });
    await touchInternship(ctx.store, ctx.workspace.id, internship.id, ctx.now);
    for (const person of answerers) {
      await queueDirect(
        ctx.store,
        ctx.workspace,
        person,
        agreementKeys.proposal(internship.id, created.version, person.id),
        copy.proposalMessage(
          internship.id,
          await viewOf(ctx.store, ctx.workspace.id, created, inForce, person),
          intern?.name ?? "the intern",
        ),
        ctx.now,
      );
    }
    return created;
  });
  return reply(
    copy.proposed(
      await viewOf(ctx.store, ctx.workspace.id, proposal, inForce, ctx.speaker),
      answerers.map((p) => p.name),
      open !== undefined,
    ),
  );
}

/** The open proposal the speaker is asked to answer, or the reply saying why there is none. */
export async function answerable(
  ctx: CommandContext,
  internship: Internship,
  inForce: Agreement,
  version: number | undefined,
): Promise<{ proposal: Agreement } | { refusal: Reply }> {
  const proposal = await ctx.store.agreements.proposal(internship.id);
  if (!proposal) {
    return {
      refusal: reply(
        version === undefined ? copy.noProposal(inForce.version) : copy.staleButton(version, inForce.version),
      ),
    };
  }
  if (version !== undefined && version !== proposal.version) {
    return { refusal: reply(copy.staleButton(version, inForce.version)) };
  }
  const names = (ids: number[]) => Promise.all(ids.map((id) => nameOf(ctx, id)));
  const waiting = waitingFor(internship, proposal);
  if (!answerersOf(internship, proposal.createdBy).includes(ctx.speaker.id)) {
    return { refusal: reply(copy.notYoursToAnswer(proposal.version, await names(waiting))) };
  }
  if (!waiting.includes(ctx.speaker.id)) {
    return { refusal: reply(copy.alreadyAccepted(proposal.version, await names(waiting))) };
  }
  return { proposal };
}

/** The proposer and the other answerer hear how it ended (the speaker reads the reply). */
async function tell(
  ctx: CommandContext,
  internship: Internship,
  proposal: Agreement,
  outcome: "agreed" | "declined",
  message: (reader: Person) => Promise<import("../../domain/messages.js").OutboundMessage>,
): Promise<string[]> {
  const ids = new Set([
    ...(proposal.createdBy ? [proposal.createdBy] : []),
    ...answerersOf(internship, proposal.createdBy),
  ]);
  ids.delete(ctx.speaker.id);
  const told = await peopleOf(ctx.store, ctx.workspace.id, [...ids]);
  for (const person of told) {
    await queueDirect(
      ctx.store,
      ctx.workspace,
      person,
      agreementKeys.decided(internship.id, proposal.version, outcome, person.id),
      await message(person),
      ctx.now,
    );
  }
  return told.map((p) => p.name);
}

export async function acceptProposal(
  ctx: CommandContext,
  internship: Internship,
  inForce: Agreement,
  version: number | undefined,
): Promise<Reply> {
  const found = await answerable(ctx, internship, inForce, version);
  if ("refusal" in found) return found.refusal;
  const { proposal } = found;
  const internName = await nameOf(ctx, internship.internId);
  return await ctx.store.transaction(async () => {
    await ctx.store.agreements.acknowledge(ctx.workspace.id, proposal.id, ctx.speaker.id, ctx.now);
    await audit(ctx, "agreement.accept", proposal.id, {
      internship: internship.key,
      version: proposal.version,
    });
    const waiting = waitingFor(internship, {
      ...proposal,
      acknowledgedBy: [...proposal.acknowledgedBy, ctx.speaker.id],
    });
    if (waiting.length > 0) {
      return reply(
        copy.acceptedWaiting(
          proposal.version,
          inForce.version,
          await Promise.all(waiting.map((id) => nameOf(ctx, id))),
        ),
      );
    }
    await ctx.store.agreements.decide(proposal.id, "agreed", ctx.speaker.id, ctx.now);
    await ctx.store.outbox.cancelPending(
      ctx.workspace.id,
      agreementKeys.proposalPrefix(internship.id, proposal.version),
    );
    // The rules look again at once, under the terms now in force.
    await touchInternship(ctx.store, ctx.workspace.id, internship.id, ctx.now);
    await tell(ctx, internship, proposal, "agreed", async (reader) =>
      copy.inForceMessage(
        await viewOf(ctx.store, ctx.workspace.id, proposal, inForce, reader),
        ctx.speaker.name,
        internName,
      ),
    );
    return reply(
      copy.acceptedInForce(await viewOf(ctx.store, ctx.workspace.id, proposal, inForce, ctx.speaker)),
    );
  });
}

export async function declineProposal(
  ctx: CommandContext,
  internship: Internship,
  inForce: Agreement,
  version: number | undefined,
  reason: string | undefined,
): Promise<Reply> {
  const found = await answerable(ctx, internship, inForce, version);
  if ("refusal" in found) return found.refusal;
  const { proposal } = found;
  return await ctx.store.transaction(async () => {
    await ctx.store.agreements.decide(proposal.id, "declined", ctx.speaker.id, ctx.now, reason);
    await ctx.store.outbox.cancelPending(
      ctx.workspace.id,
      agreementKeys.proposalPrefix(internship.id, proposal.version),
    );
    await audit(ctx, "agreement.decline", proposal.id, {
      internship: internship.key,
      version: proposal.version,
      ...(reason ? { reason } : {}),
    });
    const told = await tell(ctx, internship, proposal, "declined", async (reader) =>
      copy.declinedMessage(
        await viewOf(ctx.store, ctx.workspace.id, proposal, inForce, reader),
        ctx.speaker.name,
        reason,
      ),
    );
    return reply(copy.declined(proposal.version, inForce.version, told));
  });
}
