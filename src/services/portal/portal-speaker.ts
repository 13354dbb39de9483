/**
 * The signed-in viewer as the speaker of a chat command: a portal form goes through the same handler as
 * the chat button it stands for (the same checks, the same store writes), as the viewer's identity in the
 * internship's workspace. An e-mail sign-in may be several people; the one with the part that acts wins.
 */
import type { Logger } from "pino";
import { rolesOf } from "../../domain/internship-roles.js";
import type { Internship, Person, Role } from "../../domain/types.js";
import { localDateIn } from "../../domain/zone-time.js";
import type { Store } from "../../ports/store.js";
import type { CommandContext } from "../command-context.js";

/** Which part acts first when one viewer plays several (an intern who also coordinates is the intern). */
const ORDER: readonly Role[] = ["intern", "supervisor", "backupSupervisor", "coordinator"];

/** The viewer's identity with a part in the internship, the acting part first; undefined: none. */
export function actingIdentity(identities: readonly Person[], internship: Internship): Person | undefined {
  const rank = (p: Person) => {
    const roles = rolesOf(internship, p.id);
    const best = ORDER.findIndex((r) => roles.includes(r));
    return best < 0 ? ORDER.length : best;
  };
  const mine = identities.filter(
    (p) => p.workspaceId === internship.workspaceId && rolesOf(internship, p.id).length > 0,
  );
  return mine.sort((a, b) => rank(a) - rank(b))[0];
}

export async function portalCommandContext(
  deps: { store: Store; log: Logger; publicUrl?: string },
  identities: readonly Person[],
  internship: Internship,
  now: Date,
): Promise<CommandContext | undefined> {
  const speaker = actingIdentity(identities, internship);
  const workspace = speaker && (await deps.store.workspaces.get(internship.workspaceId));
  if (!speaker || !workspace) return undefined;
  return {
    store: deps.store,
    log: deps.log,
    now,
    workspace,
    speaker,
    today: localDateIn(speaker.timezone, now),
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  };
}
