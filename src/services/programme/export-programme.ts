import { stringify } from "yaml";
import { AppError } from "../../domain/errors.js";
import { DEFAULT_DAILY_BUDGET, DEFAULT_INTRO_CAPACITY, type Platform } from "../../domain/types.js";
import type { Store } from "../../ports/store.js";
import type { ProgrammeInput } from "./programme-schema.js";

/** Writes a workspace back in the programme format, so export -> import is a no-op. */
export async function exportProgramme(
  store: Store,
  platform: Platform,
  externalId: string,
): Promise<ProgrammeInput> {
  const workspace = await store.workspaces.find(platform, externalId);
  if (!workspace) {
    const known = (await store.workspaces.list()).map((w) => `${w.platform}:${w.externalId}`);
    throw new AppError(
      "NOT_FOUND",
      `there is no workspace ${platform}:${externalId}${known.length ? `; known: ${known.join(", ")}` : "; import a programme first"}`,
    );
  }
  const people = await store.people.list(workspace.id);
  const keyOf = new Map(people.map((p) => [p.id, p.key]));
  const programme: ProgrammeInput = {
    workspace: { platform, id: externalId, ...(workspace.name ? { name: workspace.name } : {}) },
    people: people.map((p) => {
      const leave = store.people.leaveOf(p.id).filter((l) => l.source === "programme");
      return {
        key: p.key,
        name: p.name,
        ids: p.ids,
        timezone: p.timezone,
        country: p.country,
        ...(p.region ? { region: p.region } : {}),
        contactHours: p.contactHours,
        ...(p.department ? { department: p.department } : {}),
        ...(p.dailyBudget !== DEFAULT_DAILY_BUDGET ? { dailyBudget: p.dailyBudget } : {}),
        ...(p.languages.length ? { languages: p.languages } : {}),
        ...(p.introCapacity !== DEFAULT_INTRO_CAPACITY ? { introCapacity: p.introCapacity } : {}),
        ...(leave.length ? { leave: leave.map((l) => ({ from: l.from, to: l.to })) } : {}),
      };
    }),
    ...(await daysOffOf(store, workspace.id)),
    colleagues: people.filter((p) => store.people.isColleague(p.id)).map((p) => p.key),
    internships: (await store.internships.list(workspace.id)).map((s) => {
      const agreement = store.agreements.current(s.id);
      return {
        key: s.key,
        intern: keyOf.get(s.internId)!,
        supervisor: keyOf.get(s.supervisorId)!,
        ...(s.backupSupervisorId ? { backupSupervisor: keyOf.get(s.backupSupervisorId)! } : {}),
        ...(s.coordinatorId ? { coordinator: keyOf.get(s.coordinatorId)! } : {}),
        start: s.start,
        end: s.end,
        ...(s.homeChannel ? { homeChannel: s.homeChannel } : {}),
        ...(store.internships.conversations(s.id).length
          ? { conversations: store.internships.conversations(s.id) }
          : {}),
        ...(agreement ? { agreement: agreement.terms } : {}),
      };
    }),
  };
  return programme;
}

async function daysOffOf(
  store: Store,
  workspaceId: number,
): Promise<Pick<ProgrammeInput, "holidays" | "closures">> {
  const { holidays, closures } = await store.daysOff.of(workspaceId);
  return {
    ...(holidays.length ? { holidays: holidays.map((h) => ({ ...h })) } : {}),
    ...(closures.length ? { closures: closures.map((c) => ({ ...c })) } : {}),
  };
}

export function programmeToYaml(programme: ProgrammeInput): string {
  return stringify(programme, { lineWidth: 0 });
}
