import { err, ok, type Result } from "./result.js";
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

/** Whether these roles may do the action; when not, why not. */
export function permission(
  roles: readonly Role[],
  action: MilestoneAction,
  milestone?: Milestone,
): Result<void, MilestoneRefusal> {
  if (roles.length === 0) return err("outsider");
  if (!roles.some((role) => ALLOWED[action].includes(role))) return err("role");
  if (action === "reopen" && milestone?.status === "accepted" && roles.every((r) => r === "intern")) {
    return err("reopenAccepted");
  }
  return ok(undefined);
}

/** Why a milestone's state refuses a change; the words are in copy/milestone.ts. */
export type TransitionRefusal =
  | "alreadyFinished"
  | "reopenFirst"
  | "cannotBlock"
  | "alreadyAccepted"
  | "notDone"
  | "alreadyOpen";

export type Transition = Result<MilestoneStatus, TransitionRefusal>;

/** The state machine: planned <-> blocked -> done -> accepted, with reopen back to planned. */
export function transition(
  milestone: Milestone,
  action: Exclude<MilestoneAction, "add" | "view">,
): Transition {
  const { status } = milestone;
  const finished = status === "done" || status === "accepted";
  switch (action) {
    case "done":
      if (finished) return err("alreadyFinished");
      return ok("done");
    case "move":
      if (finished) return err("reopenFirst");
      return ok(status);
    case "block":
      if (finished) return err("cannotBlock");
      return ok("blocked");
    case "accept":
      if (status === "accepted") return err("alreadyAccepted");
      if (status !== "done") return err("notDone");
      return ok("accepted");
    case "reopen":
      if (status === "planned") return err("alreadyOpen");
      return ok("planned");
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

/** Open and moved twice or more: what the supervisor's daily check-in summary points out. */
export function isSlipping(milestone: Milestone): boolean {
  return milestone.moves >= 2 && (milestone.status === "planned" || milestone.status === "blocked");
}
