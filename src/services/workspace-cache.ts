/**
 * What the inbound path reads about a workspace for every channel message: people by platform id, the
 * internships of a conversation, their contexts (people, terms, calendars). Kept per workspace for as long
 * as the workspace's directory version stays the same (store.workspaces.findVersioned): any write to those
 * tables, by this process, the CLI or another replica, changes the version in the writer's transaction, and
 * the next event reads afresh. Everything else (clocks, activity, the outbox) is read from the store.
 */
import type { WorkingCalendar } from "../domain/calendar.js";
import type { WorkspaceDaysOff } from "../domain/days-off.js";
import type { Internship, Person, Platform, Workspace } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import { type InternshipContext, loadInternshipContext } from "./internship-context.js";
import { calendarWith } from "./person-calendar.js";

/** One workspace's directory as of one version. */
export interface CachedWorkspace {
  readonly workspace: Workspace;
  person(id: number): Promise<Person | undefined>;
  /** A person by their id on the workspace's platform. */
  byPlatformId(externalId: string): Promise<Person | undefined>;
  /** The internships whose home channel or registered conversations include this one. */
  internshipsIn(conversation: string): Promise<Internship[]>;
  context(internshipId: number): Promise<InternshipContext | undefined>;
  calendarOf(person: Person): Promise<WorkingCalendar>;
}

export interface WorkspaceCache {
  /** The workspace with this platform id, as of its version now; undefined when Tandem does not know it. */
  open(platform: Platform, externalId: string): Promise<CachedWorkspace | undefined>;
}

export interface WorkspaceCacheOptions {
  /** Workspaces kept at once; the one used longest ago makes room (1,000 by default). */
  maxWorkspaces?: number;
}

interface Entry {
  cached: CachedWorkspace;
  version: number;
  name: string;
}

/**
 * Each lookup is kept as its promise, so events arriving together share one read. A read that fails is
 * forgotten, so the next event tries again.
 */
function memo<K, V>(map: Map<K, Promise<V>>, key: K, read: () => Promise<V>): Promise<V> {
  let value = map.get(key);
  if (!value) {
    value = read();
    map.set(key, value);
    value.catch(() => map.delete(key));
  }
  return value;
}

function cachedWorkspace(store: Store, workspace: Workspace): CachedWorkspace {
  const id = workspace.id;
  const people = new Map<number, Promise<Person | undefined>>();
  const byPlatform = new Map<string, Promise<Person | undefined>>();
  const conversations = new Map<string, Promise<Internship[]>>();
  const contexts = new Map<number, Promise<InternshipContext | undefined>>();
  const calendars = new Map<number, Promise<WorkingCalendar>>();
  let daysOff: Promise<WorkspaceDaysOff> | undefined;
  const workspaceDaysOff = () => {
    daysOff ??= store.daysOff.of(id);
    daysOff.catch(() => {
      daysOff = undefined;
    });
    return daysOff;
  };
  return {
    workspace,
    person: (personId) => memo(people, personId, () => store.people.get(id, personId)),
    byPlatformId: (externalId) =>
      memo(byPlatform, externalId, () => store.people.byPlatformId(id, workspace.platform, externalId)),
    internshipsIn: (conversation) =>
      memo(conversations, conversation, () => store.internships.byConversation(id, conversation)),
    context: (internshipId) =>
      memo(contexts, internshipId, async () => {
        const context = await loadInternshipContext(store, id, internshipId);
        // The workspace as this cache read it (findVersioned), the same object for every context.
        return context && { ...context, workspace };
      }),
    calendarOf: (person) =>
      memo(calendars, person.id, async () => calendarWith(person, await workspaceDaysOff())),
  };
}

export function createWorkspaceCache(store: Store, options: WorkspaceCacheOptions = {}): WorkspaceCache {
  const max = options.maxWorkspaces ?? 1_000;
  const entries = new Map<string, Entry>();
  return {
    async open(platform, externalId) {
      const found = await store.workspaces.findVersioned(platform, externalId);
      const key = `${platform}:${externalId}`;
      if (!found) {
        entries.delete(key);
        return undefined;
      }
      const { workspace, directoryVersion } = found;
      let entry = entries.get(key);
      // A rename does not change the version (the name is not part of the directory): start afresh too.
      if (!entry || entry.version !== directoryVersion || entry.name !== workspace.name) {
        entry = {
          cached: cachedWorkspace(store, workspace),
          version: directoryVersion,
          name: workspace.name,
        };
      }
      // Map order is insertion order: re-inserting marks the entry as used last.
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > max) entries.delete(entries.keys().next().value!);
      return entry.cached;
    },
  };
}
