import type { Certificate } from "../../domain/certificate.js";
import type { Command } from "../../domain/command-syntax/types.js";
import { certificateCopy as copy } from "../../domain/copy/certificate.js";
import { rolesOf } from "../../domain/internship-roles.js";
import type { Reply } from "../../domain/messages.js";
import type { Internship, Role } from "../../domain/types.js";
import { certificateHash, draftCertificate } from "../certificate/certificate.js";
import { certificateChat } from "../certificate/certificate-render.js";
import { type CommandContext, reply } from "../command-context.js";
import { resolveScope } from "../internship-scope.js";
import { portalPaths, portalUrl } from "../portal/portal-paths.js";

const CONFIRMERS: readonly Role[] = ["supervisor", "backupSupervisor"];
export const mayConfirm = (roles: readonly Role[]) => roles.some((r) => CONFIRMERS.includes(r));
/** A draft is confirmed at the end, once the final evaluation is due, not while the work goes on. */
export const confirmable = (draft: Certificate, today: string) => today >= draft.confirmableFrom;

/** `certificate [for @intern]` and `certificate confirm [for @intern]`. */
export async function handleCertificateCommand(
  ctx: CommandContext,
  command: Extract<Command, { name: "certificate" | "certificate.confirm" }>,
): Promise<Reply> {
  const scope = await resolveScope(ctx, command.intern, "certificate for @ana");
  if (!scope.ok) return reply(scope.error);
  const { internship, roles } = scope.value;
  // Colleagues have no part in an internship, so resolveScope leaves their roles empty.
  if (roles.length === 0) return reply(copy.notYours());
  const draft = await draftCertificate(ctx.store, ctx.workspace.id, internship.id, ctx.now);
  if (!draft) return reply(copy.notYours());
  if (command.name === "certificate") return shown(ctx, draft, internship, roles);
  if (!mayConfirm(roles)) return reply(copy.onlySupervisor());
  if (!confirmable(draft, ctx.today)) return reply(copy.tooEarly(draft.confirmableFrom));
  return await confirm(ctx, internship, draft);
}

/** The Confirm button: value `<internship id>:<hash of the draft it was shown with>`. */
export async function handleCertificateAction(ctx: CommandContext, value: string): Promise<Reply> {
  const [idText, hash] = value.split(":");
  const internship = await ctx.store.internships.get(ctx.workspace.id, Number(idText));
  if (!internship || !hash) return reply(copy.buttonGone());
  const roles = rolesOf(internship, ctx.speaker.id);
  if (!mayConfirm(roles)) return reply(copy.onlySupervisor());
  const draft = await draftCertificate(ctx.store, ctx.workspace.id, internship.id, ctx.now);
  if (!draft) return reply(copy.buttonGone());
  if (!confirmable(draft, ctx.today)) return reply(copy.tooEarly(draft.confirmableFrom));
  // Figures moved on since the draft was shown: confirm only what the supervisor has read.
  if (certificateHash(draft) !== hash)
    return {
      ...shown(ctx, draft, internship, roles),
      text: `${copy.changed()}\n${certificateChat(draft, portalAddress(ctx, internship))}`,
    };
  return await confirm(ctx, internship, draft);
}

/** The draft's page in the portal, when the portal is on. */
const portalAddress = (ctx: CommandContext, internship: Internship) =>
  ctx.publicUrl ? portalUrl(ctx.publicUrl, portalPaths.certificate(internship.id)) : undefined;

function shown(
  ctx: CommandContext,
  draft: Certificate,
  internship: Internship,
  roles: readonly Role[],
): Reply {
  const button =
    mayConfirm(roles) && confirmable(draft, ctx.today) && !draft.confirmation?.current
      ? [
          {
            action: "certificate.confirm",
            value: `${internship.id}:${certificateHash(draft)}`,
            label: "Confirm",
            style: "primary" as const,
          },
        ]
      : [];
  return {
    text: certificateChat(draft, portalAddress(ctx, internship)),
    ...(button.length ? { buttons: button } : {}),
  };
}

async function confirm(ctx: CommandContext, internship: Internship, draft: Certificate): Promise<Reply> {
  if (draft.confirmation?.current) return reply(copy.alreadyConfirmed(draft.confirmation.by));
  const hash = certificateHash(draft);
  await ctx.store.transaction(async () => {
    await ctx.store.certificates.confirm(ctx.workspace.id, internship.id, ctx.speaker.id, hash, ctx.now);
    // The evaluations rule watches a confirmed draft and tells the confirmer when it changes.
    await ctx.store.wakeups.touch(ctx.workspace.id, internship.id, ["evaluations"], ctx.now);
    await ctx.store.audit.record(
      {
        workspaceId: ctx.workspace.id,
        actorId: ctx.speaker.id,
        actorLabel: ctx.speaker.key,
        action: "certificate.confirm",
        entity: "internship",
        entityId: internship.id,
        detail: { draft: hash },
      },
      ctx.now,
    );
  });
  return reply(copy.confirmed(draft.intern));
}
