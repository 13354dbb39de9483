import type { Internship, Role } from "./types.js";

/** The parts a person plays in an internship (none, one, or several, e.g. supervisor and coordinator). */
export function rolesOf(internship: Internship, personId: number): Role[] {
  const roles: Role[] = [];
  if (internship.internId === personId) roles.push("intern");
  if (internship.supervisorId === personId) roles.push("supervisor");
  if (internship.backupSupervisorId === personId) roles.push("backupSupervisor");
  if (internship.coordinatorId === personId) roles.push("coordinator");
  return roles;
}
