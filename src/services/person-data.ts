/**
 * One person's data under their control: `tandem person export` (GDPR Art. 15) and `tandem person erase`
 * (Art. 17). An erasure keeps the internship's figures (statuses, scores, meetings, reply times) under
 * an anonymous person, and the audit log records that it happened, never what was erased.
 */
import { err, ok, type Result } from "../domain/result.js";
import type { Workspace } from "../domain/types.js";
import type { PersonExport } from "../ports/privacy-repos.js";
import type { Store } from "../ports/store.js";

async function findPerson(store: Store, workspace: Workspace, key: string) {
  const person = await store.people.byKey(workspace.id, key);
  if (person) return ok(person);
  const known = (await store.people.list(workspace.id))
    .map((p) => p.key)
    .filter((k) => !k.startsWith("erased-"));
  return err(
    `there is no person "${key}" in ${workspace.platform}:${workspace.externalId} (known: ${known.join(", ") || "none yet"})`,
  );
}

export async function exportPerson(
  store: Store,
  workspace: Workspace,
  key: string,
  at: Date,
): Promise<Result<PersonExport & { exportedAt: string; workspace: string }>> {
  const person = await findPerson(store, workspace, key);
  if (!person.ok) return person;
  return ok({
    exportedAt: at.toISOString(),
    workspace: `${workspace.platform}:${workspace.externalId}`,
    ...(await store.personData.export(workspace.id, person.value.id)),
  });
}

export async function erasePerson(
  store: Store,
  workspace: Workspace,
  key: string,
  at: Date,
  actorLabel = "cli",
): Promise<Result<{ rows: number }>> {
  const person = await findPerson(store, workspace, key);
  if (!person.ok) return person;
  return await store.transaction(async () => {
    const counts = await store.personData.erase(workspace.id, person.value.id, at);
    // That an erasure happened, and by whom; not whose key or what it held.
    await store.audit.record(
      {
        workspaceId: workspace.id,
        actorLabel,
        action: "person.erase",
        entity: "person",
        entityId: person.value.id,
      },
      at,
    );
    return ok({ rows: Object.values(counts).reduce((a, b) => a + b, 0) });
  });
}
