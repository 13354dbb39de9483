/**
 * Who a portal link or session signs in. A link from chat signs in that one person (the platform vouched
 * for them in that workspace); a link by e-mail signs in everyone with that address across workspaces and
 * platforms (opening the mailbox proved it). A chat sign-in does not join identities by the address a
 * programme file gave: another workspace's admin could type anyone's address there.
 */
export type Principal =
  | { kind: "person"; workspaceId: number; personId: number }
  | { kind: "email"; email: string };

export function principalText(principal: Principal): string {
  return JSON.stringify(principal);
}

/** undefined for anything this version did not write. */
export function parsePrincipal(text: string | undefined): Principal | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.kind === "person" && Number.isInteger(v.workspaceId) && Number.isInteger(v.personId)) {
    return { kind: "person", workspaceId: v.workspaceId as number, personId: v.personId as number };
  }
  if (v.kind === "email" && typeof v.email === "string" && v.email.includes("@")) {
    return { kind: "email", email: v.email };
  }
  return undefined;
}
