import { rawScript, type TestStore } from "./test-store.js";

/** The rows SEED writes, by id. */
export const WS = 1;
export const [ANA, BRAM, CARLA, DAN, EVE] = [1, 2, 3, 4, 5];
export const INTERNSHIP = 1;

/**
 * Two workspaces; Ana (intern of internship 1) with Bram (supervisor), Carla and Dan (colleagues); Eve's
 * internship (2) ended. Written with literal ids, valid on both engines: on PostgreSQL the id sequences
 * stay behind, so a test adds no workspaces, people or internships after it.
 */
const SEED = `
INSERT INTO workspaces (id, platform, external_id, name, created_at) VALUES
  (1, 'console', 'test', 'Test', 0), (2, 'console', 'other', 'Other', 0);
INSERT INTO people (id, workspace_id, key, name, timezone, country, contact_hours, is_colleague, created_at, updated_at)
VALUES
  (1, 1, 'ana', 'Ana Souza', 'America/Sao_Paulo', 'BR', 'Mon-Fri 09:00-17:00', 0, 0, 0),
  (2, 1, 'bram', 'Bram Peeters', 'Europe/Brussels', 'BE', 'Mon-Fri 09:00-17:00', 0, 0, 0),
  (3, 1, 'carla', 'Carla Rossi', 'Europe/Rome', 'IT', 'Mon-Fri 09:00-17:00', 1, 0, 0),
  (4, 1, 'dan', 'Dan Berg', 'Europe/Stockholm', 'SE', 'Mon-Fri 09:00-17:00', 1, 0, 0),
  (5, 1, 'eve', 'Eve Martin', 'Europe/Paris', 'FR', 'Mon-Fri 09:00-17:00', 0, 0, 0);
INSERT INTO person_identities (workspace_id, platform, external_id, person_id) VALUES
  (1, 'console', 'ana', 1), (1, 'slack', 'U_ANA', 1), (1, 'console', 'bram', 2);
INSERT INTO internships (id, workspace_id, key, intern_id, supervisor_id, coordinator_id, start_date, end_date,
  created_at, updated_at) VALUES
  (1, 1, 'ana-2026', 1, 2, 3, '2026-11-01', '2027-03-31', 0, 0),
  (2, 1, 'eve-2026', 5, 2, NULL, '2026-01-05', '2026-06-30', 0, 0);
`;

export async function seedTwoWorkspaces(store: TestStore): Promise<void> {
  await rawScript(store, SEED);
}
