/**
 * With one bot token Tandem serves that token's workspace only. Slack signs requests with the app's
 * signing secret whatever workspace they come from, so a request naming another workspace (the app
 * installed elsewhere, or a forged team_id) would otherwise write into that workspace's data.
 */

/** The token's own workspace (and Enterprise Grid organisation), from auth.test at start. */
export interface TokenWorkspace {
  team: string;
  enterprise?: string;
}

type Json = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);
const field = (value: unknown, key: string) =>
  typeof value === "object" && value !== null ? text((value as Json)[key]) : undefined;

/** Where each kind of payload names its workspace: events and commands, interactivity, views. */
export function workspaceOf(body: Json): { team?: string; enterprise?: string } {
  const team =
    text(body.team_id) ??
    field(body.team, "id") ??
    field(body.user, "team_id") ??
    field(body.view, "team_id");
  const enterprise = text(body.enterprise_id) ?? field(body.enterprise, "id");
  return { ...(team ? { team } : {}), ...(enterprise ? { enterprise } : {}) };
}

/** Undefined when the body belongs to the token's workspace, else why it does not. */
export function foreignWorkspace(body: Json, own: TokenWorkspace): string | undefined {
  const named = workspaceOf(body);
  if (named.team === own.team) return undefined;
  // An organisation-wide install serves every workspace of its organisation.
  if (own.enterprise && named.enterprise === own.enterprise) return undefined;
  return named.team
    ? `workspace ${named.team.slice(0, 20)} is not this token's workspace ${own.team}`
    : `no workspace named; this token serves ${own.team} only`;
}
