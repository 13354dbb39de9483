import type { LocalDate, Role } from "./types.js";

export type MilestoneStatus = "planned" | "blocked" | "done" | "accepted";
/** What `milestone list` shows: overdue is derived from the due date, never stored. */
export type MilestoneShownStatus = MilestoneStatus | "overdue";

export interface Milestone {
  id: number;
  workspaceId: number;
  internshipId: number;
  title: string;
  due: LocalDate;
  status: MilestoneStatus;
  blockReason?: string;
  feedback?: string;
  moves: number;
  createdBy?: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface MilestoneHistoryEntry {
  action: string;
  actorId?: number;
  fromStatus?: MilestoneStatus;
  toStatus?: MilestoneStatus;
  fromDue?: LocalDate;
  toDue?: LocalDate;
  note?: string;
  at: Date;
}

export type MilestoneAction = "add" | "done" | "move" | "block" | "accept" | "reopen" | "view";

const ALLOWED: Record<MilestoneAction, readonly Role[]> = {
  view: ["intern", "supervisor", "backupSupervisor", "coordinator"],
  add: ["intern", "supervisor", "backupSupervisor"],
  done: ["intern", "supervisor", "backupSupervisor"],
  move: ["intern", "supervisor", "backupSupervisor"],
  block: ["intern", "supervisor", "backupSupervisor"],
  accept: ["supervisor", "backupSupervisor", "coordinator"],
  reopen: ["intern", "supervisor", "backupSupervisor", "coordinator"],
};

/** Why someone may not change a milestone; the words are in copy/milestone.ts. */
export type MilestoneRefusal = "outsider" | "role" | "reopenAccepted";

/** Undefined when allowed; otherwise why not. */
export function refusal(
  roles: readonly Role[],
  action: MilestoneAction,
  milestone?: Milestone,
): MilestoneRefusal | undefined {
  if (roles.length === 0) return "outsider";
  if (!roles.some((role) => ALLOWED[action].includes(role))) return "role";
  if (action === "reopen" && milestone?.status === "accepted" && roles.every((r) => r === "intern")) {
    return "reopenAccepted";
  }
  return undefined;
}

/** Why a milestone's state refuses a change; the words are in copy/milestone.ts. */
export type TransitionRefusal =
  | "alreadyFinished"
  | "reopenFirst"
  | "cannotBlock"
  | "alreadyAccepted"
  | "notDone"
  | "alreadyOpen";

export type Transition = { ok: true; status: MilestoneStatus } | { ok: false; error: TransitionRefusal };

/** The state machine: planned <-> blocked -> done -> accepted, with reopen back to planned. */
export function transition(
  milestone: Milestone,
  action: Exclude<MilestoneAction, "add" | "view">,
): Transition {
  const { status } = milestone;
  const finished = status === "done" || status === "accepted";
  switch (action) {
    case "done":
      if (finished) return { ok: false, error: "alreadyFinished" };
      return { ok: true, status: "done" };
    case "move":
      if (finished) return { ok: false, error: "reopenFirst" };
      return { ok: true, status };
    case "block":
      if (finished) return { ok: false, error: "cannotBlock" };
      return { ok: true, status: "blocked" };
    case "accept":
      if (status === "accepted") return { ok: false, error: "alreadyAccepted" };
      if (status !== "done") return { ok: false, error: "notDone" };
      return { ok: true, status: "accepted" };
    case "reopen":
      if (status === "planned") return { ok: false, error: "alreadyOpen" };
      return { ok: true, status: "planned" };
  }
}

export function shownStatus(milestone: Milestone, today: LocalDate): MilestoneShownStatus {
  const open = milestone.status === "planned" || milestone.status === "blocked";
  if (open && milestone.due < today) return "overdue";
  return milestone.status;
}

const STATUS_ORDER: Record<MilestoneStatus, number> = { planned: 0, blocked: 0, done: 1, accepted: 2 };

/** Ordered by due date, then id; finished ones hidden unless `all`. */
export function milestonesToList(milestones: readonly Milestone[], all: boolean): Milestone[] {
  return milestones
    .filter((m) => all || m.status !== "accepted")
    .slice()
    .sort(
      (a, b) =>
        (a.due === b.due ? a.id - b.id : a.due < b.due ? -1 : 1) ||
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
    );
}
