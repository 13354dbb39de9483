import type { Repositories } from "../../src/ports/store.js";
import { personInput } from "./person-input.js";

/** A console workspace with Ana interning under Bram, 1 Feb to 31 May 2027: for repository tests. */
export async function anaInternship(r: Repositories, at: Date) {
  const ws = (await r.workspaces.ensure("console", "test", "Test", at)).id;
  const ana = (await r.people.upsert(ws, personInput("ana"), at)).id;
  const bram = (await r.people.upsert(ws, personInput("bram"), at)).id;
  const ship = (
    await r.internships.upsert(
      ws,
      { key: "ana", internId: ana, supervisorId: bram, start: "2027-02-01", end: "2027-05-31" },
      at,
    )
  ).id;
  return { ws, ana, bram, ship };
}
