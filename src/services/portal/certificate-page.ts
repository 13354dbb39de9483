/**
 * The certificate draft in the portal: the same draft as `certificate` in chat, and the supervisor's
 * Confirm going through the chat button's own handler (handleCertificateAction): the same date rule, the
 * same check that the draft read is the draft confirmed, the same record of who and when.
 */
import type { Logger } from "pino";
import type { Certificate } from "../../domain/certificate.js";
import { rolesOf } from "../../domain/internship-roles.js";
import type { Person } from "../../domain/types.js";
import { localDateIn } from "../../domain/zone-time.js";
import type { Store } from "../../ports/store.js";
import { certificateHash, draftCertificate } from "../certificate/certificate.js";
import { confirmable, handleCertificateAction, mayConfirm } from "../command-handlers/certificate.js";
import type { VisibleInternship } from "./access.js";
import { actingIdentity, portalCommandContext } from "./portal-speaker.js";

export interface CertificatePage {
  draft: Certificate;
  /** The draft's hash for the Confirm form, when the viewer may confirm it now. */
  confirm?: string;
  /** A supervisor before the intern's last working day: when the button will come. */
  confirmableFrom?: string;
}

export async function buildCertificatePage(
  store: Store,
  visible: VisibleInternship,
  identities: readonly Person[],
  now: Date,
): Promise<CertificatePage | undefined> {
  const { internship } = visible;
  const me = actingIdentity(identities, internship);
  if (!me) return undefined;
  const draft = await draftCertificate(store, internship.workspaceId, internship.id, now);
  if (!draft) return undefined;
  const roles = identities
    .filter((p) => p.workspaceId === internship.workspaceId)
    .flatMap((p) => rolesOf(internship, p.id));
  if (!mayConfirm(roles) || draft.confirmation?.current) return { draft };
  const today = localDateIn(confirmer(identities, visible)?.timezone ?? me.timezone, now);
  return confirmable(draft, today)
    ? { draft, confirm: certificateHash(draft) }
    : { draft, confirmableFrom: draft.confirmableFrom };
}

/** The identity that confirms: the supervisor's or backup's, even when the same address also coordinates. */
function confirmer(identities: readonly Person[], visible: VisibleInternship): Person | undefined {
  const { internship } = visible;
  return identities.find(
    (p) => p.workspaceId === internship.workspaceId && mayConfirm(rolesOf(internship, p.id)),
  );
}

export type ConfirmResult = { kind: "confirmed" } | { kind: "refused"; text: string };

/** The Confirm button's POST: `hash` is the draft the page showed; a changed draft is not confirmed. */
export async function confirmCertificate(
  deps: { store: Store; log: Logger; publicUrl?: string },
  visible: VisibleInternship,
  identities: readonly Person[],
  hash: string,
  now: Date,
): Promise<ConfirmResult> {
  const { store } = deps;
  const { internship } = visible;
  const supervisor = confirmer(identities, visible);
  const cc = await portalCommandContext(deps, supervisor ? [supervisor] : identities, internship, now);
  if (!cc) return { kind: "refused", text: "You have no part in this internship." };
  return await store.transaction(async () => {
    const before = await store.certificates.lastConfirmation(internship.id);
    const reply = await handleCertificateAction(cc, `${internship.id}:${hash}`);
    const after = await store.certificates.lastConfirmation(internship.id);
    const recorded =
      after !== undefined &&
      (before === undefined ||
        after.at.getTime() !== before.at.getTime() ||
        after.draftHash !== before.draftHash);
    // A changed draft's answer is followed by the whole draft for chat; the page shows the draft itself.
    return recorded ? { kind: "confirmed" } : { kind: "refused", text: reply.text.split("\n")[0] ?? "" };
  });
}
