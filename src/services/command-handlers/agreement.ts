import { describeTerms, setTerm } from "../../domain/agreement.js";
import type { Command } from "../../domain/command-syntax/types.js";
import { neutralizeMentions } from "../../domain/escape.js";
import { formatDate } from "../../domain/format.js";
import type { Reply } from "../../domain/messages.js";
import { noticeKeys } from "../../domain/outbox-keys.js";
import type { Internship, Person, Role } from "../../domain/types.js";
import { localDateIn } from "../../domain/zone-time.js";
import type { Agreement } from "../../ports/store.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveScope } from "../internship-scope.js";
import { queueDirect } from "../notify.js";
import { touchInternship } from "../rules/wakeup-rule.js";

type AgreementCommand = Extract<Command, { name: `agreement.${string}` }>;

const EDITORS: readonly Role[] = ["supervisor", "backupSupervisor", "coordinator"];

export function handleAgreementCommand(ctx: CommandContext, command: AgreementCommand): Reply {
  const intern = "intern" in command ? command.intern : undefined;
  const scope = resolveScope(ctx, intern, `agreement ${command.name.slice("agreement.".length)}`);
  if (!scope.ok) return reply(scope.error);
  const agreement = ctx.store.agreements.current(scope.value.internship.id);
  if (!agreement) {
    return reply(
      "This internship has no working agreement yet; the coordinator adds one in the programme file.",
    );
  }
  switch (command.name) {
    case "agreement.show":
      return show(ctx, scope.value.internship, agreement);
    case "agreement.ack":
      return acknowledge(ctx, scope.value.internship, agreement, scope.value.roles);
    case "agreement.set":
      if (!scope.value.roles.some((role) => EDITORS.includes(role))) {
        return reply(
          "Only the supervisor or the coordinator can change the agreement; ask them, or propose it in the home channel.",
        );
      }
      return set(ctx, scope.value.internship, agreement, command.field, command.value);
  }
}

/** The two people whose acknowledgement makes an agreement version binding. */
function signatories(ctx: CommandContext, internship: Internship): Person[] {
  return [internship.internId, internship.supervisorId]
    .map((id) => ctx.store.people.get(ctx.workspace.id, id))
    .filter((p): p is Person => p !== undefined);
}

function show(ctx: CommandContext, internship: Internship, agreement: Agreement): Reply {
  const intern = ctx.store.people.get(ctx.workspace.id, internship.internId);
  const acks = signatories(ctx, internship).map((p) =>
    agreement.acknowledgedBy.includes(p.id)
      ? `${p.name}: acknowledged`
      : `${p.name}: not yet (type "agreement ack")`,
  );
  const lines = [
    `Working agreement for ${intern?.name ?? "the intern"}, version ${agreement.version} (since ${formatDate(localDateIn(ctx.speaker.timezone, agreement.createdAt))}):`,
    ...describeTerms(agreement.terms).map((line) => `• ${neutralizeMentions(line)}`),
    `Acknowledged — ${acks.join("; ")}`,
  ];
  return reply(lines.join("\n"));
}

function acknowledge(
  ctx: CommandContext,
  internship: Internship,
  agreement: Agreement,
  roles: Role[],
): Reply {
  if (!roles.includes("intern") && !roles.includes("supervisor")) {
    return reply(
      'Only the intern and the supervisor acknowledge the agreement; you can read it with "agreement show".',
    );
  }
  const fresh = ctx.store.transaction(() => {
    const recorded = ctx.store.agreements.acknowledge(
      ctx.workspace.id,
      agreement.id,
      ctx.speaker.id,
      ctx.now,
    );
    if (recorded) {
      ctx.store.audit.record(
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
  if (!fresh) return reply(`You already acknowledged version ${agreement.version} of the agreement.`);
  const waiting = signatories(ctx, internship).filter(
    (p) => p.id !== ctx.speaker.id && !agreement.acknowledgedBy.includes(p.id),
  );
  const rest =
    waiting.length > 0
      ? ` Waiting for ${waiting.map((p) => p.name).join(" and ")}.`
      : " Both sides have acknowledged it.";
  return reply(`Thanks: you acknowledged version ${agreement.version} of the working agreement.${rest}`);
}

function set(
  ctx: CommandContext,
  internship: Internship,
  agreement: Agreement,
  field: string,
  value: string,
): Reply {
  const result = setTerm(agreement.terms, field, value);
  if (!result.ok) return reply(neutralizeMentions(result.error));
  const next = ctx.store.transaction(() => {
    const created = ctx.store.agreements.addVersion(
      ctx.workspace.id,
      internship.id,
      result.value,
      ctx.speaker.id,
      ctx.now,
    );
    ctx.store.audit.record(
      {
        workspaceId: ctx.workspace.id,
        actorId: ctx.speaker.id,
        actorLabel: ctx.speaker.key,
        action: "agreement.set",
        entity: "agreement",
        entityId: created.id,
        detail: { internship: internship.key, field, value, version: created.version },
      },
      ctx.now,
    );
    touchInternship(ctx.store, ctx.workspace.id, internship.id, ctx.now);
    for (const person of signatories(ctx, internship)) {
      if (person.id === ctx.speaker.id) continue;
      queueDirect(
        ctx.store,
        ctx.workspace,
        person,
        noticeKeys.agreementAck(internship.id, created.version, person.id),
        {
          text: `${ctx.speaker.name} changed the working agreement (${field} is now ${neutralizeMentions(value)}). Please read it with "agreement show" and confirm with "agreement ack".`,
          reason: "The agreement only counts once both of you have acknowledged its current version.",
        },
        ctx.now,
      );
    }
    return created;
  });
  return reply(
    `Agreement updated to version ${next.version}: ${field} = ${neutralizeMentions(value)}. The intern and the supervisor have been asked to acknowledge it again.`,
  );
}
