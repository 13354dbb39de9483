import { afterEach, describe, expect, it } from "vitest";
import { createPortal } from "../../../adapters/web/portal-app.js";
import { createHttpServer, type HttpServer } from "../../../src/http-server.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { chatSignInLink } from "../../../src/services/portal/sign-in.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createPortalClient } from "../../helpers/portal-client.js";
import { seedCohort } from "../../helpers/portal-data.js";
import { openTestStore } from "../../helpers/test-store.js";

const PUBLIC = "http://tandem.test";
const SECRET = "a-test-portal-secret-of-at-least-32-chars";
const NOW = new Date("2026-12-03T15:00:00Z");

let servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers) await server.close();
  servers = [];
});

/** Two companies of three interns each with 50 days of history; the portal on a real server. */
async function portal() {
  const clock = createSettableClock(NOW);
  const store = await openTestStore(undefined, { now: NOW });
  const cohort = await seedCohort(store, {
    companies: 2,
    internsPerCompany: 3,
    days: 50,
    today: "2026-12-03",
  });
  const log = captureLog();
  const app = await createPortal({ store, clock, log: log.log, publicUrl: PUBLIC, secret: SECRET });
  const http = createHttpServer({
    log: log.log,
    health: async () => ({ ok: true, checks: {} }),
    ready: async () => true,
  });
  http.addRoute(app.route);
  servers.push(http);
  const base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  const ws = cohort.workspaces[0]!.id;
  async function signedIn(key: string) {
    const person = (await store.people.byKey(ws, key))!;
    const url = await chatSignInLink(store, PUBLIC, person, undefined, clock.now());
    const client = createPortalClient(base);
    expect((await client.signInWith(url.split("/portal/link/")[1] ?? "")).status).toBe(303);
    return client;
  }
  return { store, cohort, signedIn };
}

const rowsOf = (body: string) =>
  [...body.matchAll(/<th scope="row"[^>]*><a href="\/portal\/internships\/(\d+)">([^<]+)<\/a>/g)].map(
    (m) => m[2],
  );

describe("portal pages over HTTP", () => {
  it("shows the coordinator a cohort board of her interns, filtered and sorted by the query", async () => {
    const { signedIn } = await portal();
    const carla = await signedIn("carla");
    const board = await carla.get("/portal");
    expect(board.status).toBe(200);
    expect(board.body).toContain("<h1>Cohort board</h1>");
    // Chat sign-in: Carla of Company A only.
    expect(rowsOf(board.body).sort()).toEqual(["Intern 0-0", "Intern 0-1", "Intern 0-2"]);
    expect(board.body).toMatch(/<svg role="img" aria-label="Connectedness, last \d+ scores/);
    const sorted = await carla.get("/portal?sort=intern&order=desc");
    expect(rowsOf(sorted.body)).toEqual(["Intern 0-2", "Intern 0-1", "Intern 0-0"]);
    expect(sorted.body).toContain('aria-sort="descending"');
    const none = await carla.get("/portal?company=Company%20B");
    expect(rowsOf(none.body)).toEqual([]);
    expect(none.body).toContain("No intern matches the filter.");
  });

  it("exports the board's rows as CSV with the same filter", async () => {
    const { signedIn } = await portal();
    const carla = await signedIn("carla");
    const csv = await carla.get("/portal/cohort.csv?sort=intern");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("cohort-board.csv");
    const lines = csv.body.trimEnd().split("\n");
    expect(lines.map((l) => l.split(",")[0])).toEqual(["intern", "Intern 0-0", "Intern 0-1", "Intern 0-2"]);
    const week = (await carla.get("/portal/cohort.csv?week=3")).body.trimEnd().split("\n");
    expect(week).toHaveLength(1);
  });

  it("shows an internship page with its charts, each with a description and a table", async () => {
    const { signedIn, cohort } = await portal();
    const carla = await signedIn("carla");
    const page = await carla.get(`/portal/internships/${cohort.internships[0]!.internshipId}`);
    expect(page.status).toBe(200);
    for (const id of [
      "chart-connectedness",
      "chart-replies-to-intern",
      "chart-replies-from-intern",
      "chart-signal",
    ]) {
      expect(page.body).toContain(`<figure class="chart" id="${id}"`);
      expect(page.body).toContain(`<caption id="${id}-table">`);
    }
    expect(page.body.match(/<svg role="img"/g)?.length).toBe(4);
    expect(page.body).not.toContain("<script");
    expect(page.body).toContain("Reflections shared with the coordinator");
    expect(page.body).toContain("Version 2: agreed");
  });

  it("leaves reflections out of a supervisor's page and report, in every format", async () => {
    const { signedIn, cohort } = await portal();
    const sam = await signedIn("sup-0");
    const id = cohort.internships[0]!.internshipId;
    const page = await sam.get(`/portal/internships/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain("Reflections");
    expect(page.body).not.toContain("learning how decisions are made");
    const report = await sam.get(`/portal/internships/${id}/report`);
    expect(report.body).toContain("<h2>Milestones</h2>");
    expect(report.body).not.toContain("Reflections");
    for (const format of ["md", "csv", "json"]) {
      const file = await sam.get(`/portal/internships/${id}/report?format=${format}`);
      expect(file.status).toBe(200);
      expect(file.body).not.toMatch(/reflections/i);
    }
  });

  it("shows an intern their own internship and no board", async () => {
    const { signedIn } = await portal();
    const intern = await signedIn("intern-0-1");
    const home = await intern.get("/portal");
    expect(home.body).toContain("<h1>Internships</h1>");
    expect(home.body).toContain("Your internship");
    expect(home.body).not.toContain("Cohort board");
    expect((await intern.get("/portal/cohort.csv")).body.trimEnd().split("\n")).toHaveLength(1);
  });
});
