import { agreementCopy as copy } from "../../domain/copy/agreement.js";
import { generalCopy } from "../../domain/copy/general.js";
import { rolesOf } from "../../domain/internship-roles.js";
import type { Reply } from "../../domain/messages.js";
import { type CommandContext, reply } from "../command-context.js";
import { acceptProposal, answerable, declineProposal } from "./agreement-changes.js";

export interface AgreementActionInput {
  action: string;
  value: string;
  form?: Record<string, string>;
}

const REASON_MAX = 500;

/**
 * Accept and Decline on a proposed agreement change. The button names the internship and the version,
 * so a press answers exactly the proposal it was shown with; Decline first asks why (optional).
 */
export async function handleAgreementAction(
  ctx: CommandContext,
  action: AgreementActionInput,
): Promise<Reply> {
  if (action.action !== "agreement.accept" && action.action !== "agreement.decline") {
    return reply(copy.unknownButton(action.action));
  }
  const match = /^(\d{1,9}):v(\d{1,9})$/.exec(action.value.trim());
  const internship = match && (await ctx.store.internships.get(ctx.workspace.id, Number(match[1])));
  if (!match || !internship || rolesOf(internship, ctx.speaker.id).length === 0) {
    return reply(generalCopy.noInternship());
  }
  const version = Number(match[2]);
  const inForce = await ctx.store.agreements.current(internship.id);
  if (!inForce) return reply(copy.none());
  if (action.action === "agreement.accept") return await acceptProposal(ctx, internship, inForce, version);
  if (!action.form) {
    // Checked before the form opens, so nobody explains a decline that cannot happen.
    const found = await answerable(ctx, internship, inForce, version);
    if ("refusal" in found) return found.refusal;
    return {
      text: copy.declinePrompt(version),
      form: copy.declineForm(action.value.trim(), version, REASON_MAX),
    };
  }
  const reason = action.form.reason?.trim() ?? "";
  if ([...reason].length > REASON_MAX) return reply(copy.reasonTooLong(REASON_MAX, [...reason].length));
  return await declineProposal(ctx, internship, inForce, version, reason || undefined);
}
