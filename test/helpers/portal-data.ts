/**
 * A cohort with history, written through the store's own repositories, for the portal's pages, tests and
 * benchmark: companies (workspaces), one coordinator in each, interns with check-ins, milestones, reply
 * clocks, a daily connection signal, introductions, agreement versions and reflections. Deterministic.
 */
import { DEFAULT_TERMS } from "../../src/domain/agreement.js";
import { addDays, isoWeek } from "../../src/domain/local-date.js";
import type { IsolationLevel } from "../../src/domain/records.js";
import type { Store } from "../../src/ports/store.js";
import { personInput } from "./person-input.js";

export interface CohortOptions {
  companies: number;
  internsPerCompany: number;
  /** Days of history per internship, up to `today` (the internship started this many days before). */
  days: number;
  /** The day the data runs up to (UTC date; interns live in Brussels here). */
  today: string;
  /** The coordinator's key, the same in every company (one person per workspace). */
  coordinator?: string;
  /** Her address in every company: an e-mail sign-in joins them all. */
  coordinatorEmail?: string;
}

export interface SeededCohort {
  workspaces: { id: number; name: string }[];
  internships: { workspaceId: number; internshipId: number; intern: string; key: string }[];
}

const HOUR = 3_600_000;
const at = (date: string, time: string) => new Date(`${date}T${time}:00Z`);
const LEVELS: IsolationLevel[] = ["ok", "ok", "ok", "watch", "at_risk"];

/** A workday: Monday to Friday. */
function workday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

export async function seedCohort(store: Store, options: CohortOptions): Promise<SeededCohort> {
  const coordinatorKey = options.coordinator ?? "carla";
  const start = addDays(options.today, -options.days);
  const end = addDays(options.today, 60);
  const seeded: SeededCohort = { workspaces: [], internships: [] };
  for (let c = 0; c < options.companies; c++) {
    const name = `Company ${String.fromCharCode(65 + (c % 26))}${c >= 26 ? c : ""}`;
    const workspace = await store.workspaces.ensure("console", `company-${c}`, name, at(start, "08:00"));
    seeded.workspaces.push({ id: workspace.id, name });
    const ws = workspace.id;
    const person = async (key: string, extra: Parameters<typeof personInput>[1] = {}) =>
      (await store.people.upsert(ws, personInput(key, extra), at(start, "08:00"))).id;
    const email = options.coordinatorEmail ? { email: options.coordinatorEmail } : {};
    const coordinator = await person(coordinatorKey, { name: "Carla Coordinator", ...email });
    const supervisor = await person(`sup-${c}`, { name: `Sam Supervisor ${c}` });
    const colleagues: number[] = [];
    for (let k = 0; k < 4; k++) {
      colleagues.push(
        await person(`col-${c}-${k}`, {
          name: `Colleague ${c}-${k}`,
          isColleague: true,
          department: ["Sales", "Research", "Design", "Finance"][k]!,
          country: ["BE", "PT", "DE", "KE"][k]!,
        }),
      );
    }
    await store.transaction(async () => {
      for (let n = 0; n < options.internsPerCompany; n++) {
        const i = c * options.internsPerCompany + n;
        const key = `intern-${c}-${n}`;
        const intern = await person(key, { name: `Intern ${c}-${n}` });
        const internshipKey = `${key}-2026`;
        const { id } = await store.internships.upsert(
          ws,
          {
            key: internshipKey,
            internId: intern,
            supervisorId: supervisor,
            coordinatorId: coordinator,
            start,
            end,
          },
          at(start, "08:00"),
        );
        seeded.internships.push({
          workspaceId: ws,
          internshipId: id,
          intern: `Intern ${c}-${n}`,
          key: internshipKey,
        });
        await seedHistory(store, {
          ws,
          id,
          intern,
          supervisor,
          colleagues,
          start,
          days: options.days,
          seed: i,
        });
      }
    });
  }
  return seeded;
}

interface HistoryInput {
  ws: number;
  id: number;
  intern: number;
  supervisor: number;
  colleagues: number[];
  start: string;
  days: number;
  seed: number;
}

async function seedHistory(store: Store, h: HistoryInput): Promise<void> {
  const { ws, id, intern, supervisor, start, seed } = h;
  const v1 = await store.agreements.addVersion(ws, id, DEFAULT_TERMS, undefined, at(start, "08:00"));
  await store.agreements.acknowledge(ws, v1.id, intern, at(start, "10:00"));
  await store.agreements.acknowledge(ws, v1.id, supervisor, at(start, "11:00"));
  if (h.days > 30) {
    const terms = { ...DEFAULT_TERMS, replyWithin: { supervisor: "6h", intern: "8h" } };
    const v2 = await store.agreements.addVersion(ws, id, terms, supervisor, at(addDays(start, 28), "09:00"));
    await store.agreements.acknowledge(ws, v2.id, intern, at(addDays(start, 28), "12:00"));
  }
  let level: IsolationLevel = "ok";
  for (let d = 0; d < h.days; d++) {
    const date = addDays(start, d);
    if (!workday(date)) continue;
    const r = (seed * 31 + d * 17) % 97;
    if (r % 7 !== 0) {
      await store.checkins.create(ws, id, date, "due", at(date, "08:30"));
      const checkin = (await store.checkins.get(id, date))!;
      await store.checkins.answer(
        checkin.id,
        { progress: "worked on the survey", nextSteps: "interviews", connectedness: 1 + ((r + seed) % 5) },
        "answered",
        at(date, "10:00"),
      );
    }
    if (d % 2 === 0) {
      const toCompany = d % 4 === 0;
      const sent = at(date, "09:00");
      const clock = await store.replyClocks.start({
        workspaceId: ws,
        internshipId: id,
        conversation: `home-${id}`,
        messageRef: `m-${id}-${d}`,
        direction: toCompany ? "to_company" : "to_intern",
        authorId: toCompany ? intern : supervisor,
        responderId: toCompany ? supervisor : intern,
        sentAt: sent,
        allowedMs: 8 * HOUR,
        dueAt: new Date(sent.getTime() + 8 * HOUR),
      });
      const replyMs = (1 + (r % 12)) * HOUR;
      if (clock)
        await store.replyClocks.close(
          clock.id,
          new Date(sent.getTime() + replyMs),
          undefined,
          "reply",
          replyMs,
        );
    }
    if (r % 11 === 0) level = LEVELS[(r + seed) % LEVELS.length]!;
    await store.signals.save(ws, {
      internshipId: id,
      date,
      level,
      reasons: level === "ok" ? [] : [{ code: "quiet", text: "quiet" }],
      inputs: { quietWorkingDays: level === "ok" ? 0 : level === "watch" ? 2 : 4 },
      computedAt: at(date, "18:00"),
    });
    if (d % 7 === 4) {
      await store.reflections.save(
        ws,
        {
          internshipId: id,
          week: isoWeek(date),
          text: `Week ${d / 7 + 1}: learning how decisions are made`,
          shared: d % 14 === 4,
        },
        at(date, "16:00"),
      );
    }
  }
  for (let m = 0; m < Math.max(2, Math.floor(h.days / 30)); m++) {
    const due = addDays(start, 14 + m * 21);
    const milestone = await store.milestones.add(
      ws,
      { internshipId: id, title: `Milestone ${m + 1}`, due, createdBy: intern },
      at(start, "09:00"),
    );
    const moves = (seed + m) % 3;
    let current = milestone;
    for (let k = 0; k < moves; k++) {
      current = await store.milestones.change(
        ws,
        current,
        { due: addDays(current.due, 7), moved: true },
        { action: "move", actorId: intern, note: "waiting for data" },
        at(addDays(due, -3 + k), "10:00"),
      );
    }
    if (addDays(current.due, -1) < addDays(start, h.days) && (seed + m) % 4 !== 0) {
      current = await store.milestones.change(
        ws,
        current,
        { status: "done" },
        { action: "done", actorId: intern },
        at(addDays(current.due, -1), "15:00"),
      );
      await store.milestones.change(
        ws,
        current,
        { status: "accepted", feedback: "used for the client pitch" },
        { action: "accept", actorId: supervisor, note: "used for the client pitch" },
        at(current.due, "11:00"),
      );
    }
  }
  for (const [k, colleague] of h.colleagues.slice(0, 1 + (seed % 4)).entries()) {
    const proposed = at(addDays(start, 3 + k * 5), "09:00");
    const intro = await store.introductions.propose(ws, id, colleague, proposed);
    if (intro && k < 2) {
      await store.introductions.setStatus(intro.id, "accepted", new Date(proposed.getTime() + HOUR));
      if (k === 0)
        await store.introductions.setStatus(intro.id, "held", new Date(proposed.getTime() + 50 * HOUR), {
          metAnswer: true,
        });
    }
  }
}
