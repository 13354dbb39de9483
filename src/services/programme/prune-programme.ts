/**
 * What a programme file no longer lists: internships that still run and roles of people who left the
 * file. An import shows them; with `--apply` (or `--prune`) it ends those internships (end date today,
 * wake-ups cleared, pending messages withdrawn) and removes those roles. Without it nothing is ended.
 */
import { internshipKeyPrefixes, introKeys, milestoneKeys, replyKeys } from "../../domain/outbox-keys.js";
import type { Internship, LocalDate, Person, Workspace } from "../../domain/types.js";
import type { Store } from "../../ports/store.js";
import type { Programme } from "./programme-schema.js";

export interface PrunePlan {
  /** Keys of running (or future) internships the file no longer lists. */
  internships: string[];
  /** Roles of people the file no longer lists, as "person: role" (or "person: role in internship"). */
  roles: string[];
}

interface Pruning {
  plan: PrunePlan;
  apply(): Promise<void>;
}

/** The roles an ended internship keeps: intern and supervisor stay as its history. */
const REMOVABLE = [
  ["backupSupervisorId", "backup supervisor"],
  ["coordinatorId", "coordinator"],
] as const;

export async function planPrune(
  store: Store,
  workspace: Workspace,
  programme: Programme,
  today: LocalDate,
  at: Date,
): Promise<Pruning> {
  const listedPeople = new Set(programme.people.map((p) => p.key));
  const listedInternships = new Set(programme.internships.map((s) => s.key));
  const people = await store.people.list(workspace.id);
  const gone = people.filter((p) => !listedPeople.has(p.key));
  const keyOf = (id: number | undefined) => people.find((p) => p.id === id)?.key ?? String(id);
  const ending = (await store.internships.list(workspace.id)).filter(
    (i) => !listedInternships.has(i.key) && i.end >= today,
  );
  const roles: string[] = [];
  const formerColleagues: Person[] = [];
  for (const p of gone) if (await store.people.isColleague(p.id)) formerColleagues.push(p);
  for (const p of formerColleagues) roles.push(`${p.key}: colleague`);
  for (const internship of ending) {
    for (const [field, role] of REMOVABLE) {
      const id = internship[field];
      if (id !== undefined && gone.some((p) => p.id === id)) {
        roles.push(`${keyOf(id)}: ${role} in ${internship.key}`);
      }
    }
  }

  const end = async (internship: Internship) => {
    const goneIds = new Set(gone.map((p) => p.id));
    const keep = (id: number | undefined) => (id !== undefined && !goneIds.has(id) ? id : undefined);
    const backupSupervisorId = keep(internship.backupSupervisorId);
    const coordinatorId = keep(internship.coordinatorId);
    await store.internships.upsert(
      workspace.id,
      {
        key: internship.key,
        internId: internship.internId,
        supervisorId: internship.supervisorId,
        ...(backupSupervisorId ? { backupSupervisorId } : {}),
        ...(coordinatorId ? { coordinatorId } : {}),
        // One that has not started yet ends before it begins: a day long, today.
        start: internship.start > today ? today : internship.start,
        end: today,
        ...(internship.homeChannel ? { homeChannel: internship.homeChannel } : {}),
      },
      at,
    );
    await store.wakeups.clearAll(internship.id);
    const prefixes = [
      ...internshipKeyPrefixes(internship.id, internship.supervisorId),
      ...(await store.milestones.listFor(internship.id)).flatMap((m) => [
        milestoneKeys.duePrefix(m.id),
        milestoneKeys.acceptPrefix(m.id),
      ]),
      ...(await store.introductions.forInternship(internship.id)).flatMap((i) => [
        introKeys.ask(i.id),
        introKeys.followUpPrefix(i.id),
        introKeys.reschedule(i.id),
      ]),
      ...(await store.replyClocks.openFor(internship.id)).flatMap((c) => [
        replyKeys.due(c.id),
        ...replyKeys.alertPrefixes(c.id),
      ]),
    ];
    for (const prefix of prefixes) await store.outbox.cancelPending(workspace.id, prefix);
    await store.audit.record(
      {
        workspaceId: workspace.id,
        actorLabel: "import",
        action: "internship.end",
        entity: "internship",
        entityId: internship.id,
        detail: { key: internship.key, end: today },
      },
      at,
    );
  };

  return {
    plan: { internships: ending.map((i) => i.key), roles },
    apply: async () => {
      for (const internship of ending) await end(internship);
      for (const p of formerColleagues) await store.people.setColleague(p.id, false);
    },
  };
}
