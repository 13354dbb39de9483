import { certificateChangedMessage } from "../../domain/copy/certificate-changed.js";
import { certificateKeys } from "../../domain/outbox-keys.js";
import { localDateIn } from "../../domain/zone-time.js";
import type { OutboxDraft, Store } from "../../ports/store.js";
import { certificateHash, draftCertificate } from "../certificate/certificate.js";
import type { InternshipContext } from "../internship-context.js";
import { directDraft } from "../notify.js";
import { internshipOver } from "./after-end.js";

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
/** How often a confirmed draft is drafted again to see whether it still matches (it runs to "now"). */
const LOOK_EVERY_MS = 4 * HOUR_MS;
/** Long after the closing message nothing changes that anyone needs to hear about (as closing.ts). */
const STALE_AFTER_MS = 14 * DAY_MS;

/**
 * A confirmation covers one draft (by its hash), and the draft's figures run to today: when the current
 * draft differs from the confirmed one, whoever confirmed is told once, at their next working moment,
 * with a way to confirm again. Once per confirmation and never twice within a day per internship.
 */
export async function certificateChangedDrafts(
  store: Store,
  ctx: InternshipContext,
  now: Date,
): Promise<{ drafts: OutboxDraft[]; next: Date | undefined }> {
  const none = { drafts: [], next: undefined };
  if (now.getTime() - internshipOver(ctx).getTime() > STALE_AFTER_MS) return none;
  const confirmed = await store.certificates.lastConfirmation(ctx.internship.id);
  if (!confirmed) return none; // Confirming touches the internship, which brings this rule forward.
  const later = { drafts: [], next: new Date(now.getTime() + LOOK_EVERY_MS) };
  const told = await store.outbox.withPrefix(
    ctx.workspace.id,
    certificateKeys.changedPrefix(ctx.internship.id),
  );
  const last = told.at(-1);
  // Told since this confirmation: once is enough until it is confirmed again.
  if (last && last.notBefore.getTime() >= confirmed.at.getTime()) return later;
  if (last && now.getTime() - last.notBefore.getTime() < DAY_MS)
    return { drafts: [], next: new Date(last.notBefore.getTime() + DAY_MS) };
  const draft = await draftCertificate(store, ctx.workspace.id, ctx.internship.id, now);
  if (draft?.confirmation?.current !== false) return later;
  const person = await store.people.get(ctx.workspace.id, confirmed.personId);
  if (!person) return none;
  let at: Date;
  try {
    at = ctx.calendarOf(person).nextWorkingMoment(now);
  } catch {
    return none; // No working time at all.
  }
  const hash = certificateHash(draft);
  const message = certificateChangedMessage({
    internshipId: ctx.internship.id,
    internName: ctx.intern.name,
    internKey: ctx.intern.key,
    confirmedOn: localDateIn(person.timezone, confirmed.at),
    draftHash: hash,
    byEmail: !person.ids[ctx.workspace.platform] && person.email !== undefined,
  });
  const queued = directDraft(
    ctx.workspace,
    person,
    certificateKeys.changed(ctx.internship.id, hash),
    message,
    at,
  );
  return { drafts: queued ? [queued] : [], next: later.next };
}
