import { afterEach, describe, expect, it } from "vitest";
import { createPortal } from "../../../adapters/web/portal-app.js";
import type { SignInLimits } from "../../../adapters/web/portal-context.js";
import { createHttpServer, type HttpServer } from "../../../src/http-server.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { chatSignInLink } from "../../../src/services/portal/sign-in.js";
import { importProgramme } from "../../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../../src/services/programme/programme-schema.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createPortalClient } from "../../helpers/portal-client.js";
import { sampleProgramme } from "../../helpers/programme.js";
import { openTestStore, rawRows } from "../../helpers/test-store.js";

const PUBLIC = "http://tandem.test";
const SECRET = "a-test-portal-secret-of-at-least-32-chars";
const LENA = "lena@uni.example";

let servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers) await server.close();
  servers = [];
});

/** The sample programme, a second company where Lena coordinates Ivo, and the portal on a real server. */
async function portalOn(limits: Partial<SignInLimits> = {}) {
  const clock = createSettableClock(new Date("2026-12-01T14:00:00Z"));
  const store = await openTestStore(undefined, { now: clock.now() });
  const first = sampleProgramme();
  first.people = first.people.map((p) => (p.key === "lena" ? { ...p, email: LENA } : p));
  await importProgramme(store, first, clock.now());
  const person = (key: string, name: string, email?: string) => ({
    key,
    name,
    timezone: "Europe/Zagreb",
    country: "HR",
    contactHours: "Mon-Fri 09:00-17:00",
    ...(email ? { email } : {}),
  });
  const second: ProgrammeInput = {
    workspace: { platform: "console", id: "other" },
    people: [person("ivo", "Ivo Horvat"), person("mara", "Mara Kos"), person("lena", "Lena Vogel", LENA)],
    internships: [
      {
        key: "ivo-2026",
        intern: "ivo",
        supervisor: "mara",
        coordinator: "lena",
        start: "2026-11-01",
        end: "2027-01-31",
      },
    ],
  };
  await importProgramme(store, second, clock.now());
  const log = captureLog();
  const sentNow: { workspaceId: number; key: string }[] = [];
  const portal = await createPortal({
    store,
    clock,
    log: log.log,
    publicUrl: PUBLIC,
    secret: SECRET,
    limits,
    sendNow: (workspaceId, key) => sentNow.push({ workspaceId, key }),
  });
  const http = createHttpServer({
    log: log.log,
    health: async () => ({ ok: true, checks: {} }),
    ready: async () => true,
  });
  http.addRoute(portal.route);
  servers.push(http);
  const port = await http.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  const ws = (await store.workspaces.find("console", "test"))!;
  const other = (await store.workspaces.find("console", "other"))!;
  const internship = async (key: string, w = ws.id) => (await store.internships.byKey(w, key))!;
  /** A browser signed in as `key` of the first workspace, through a chat link. */
  async function signedIn(key: string) {
    const person = (await store.people.byKey(ws.id, key))!;
    const url = await chatSignInLink(store, PUBLIC, person, undefined, clock.now());
    const client = createPortalClient(base);
    const answer = await client.signInWith(url.split("/portal/link/")[1] ?? "");
    expect(answer.status).toBe(303);
    return client;
  }
  const tokenFor = async (key: string) => {
    const person = (await store.people.byKey(ws.id, key))!;
    return (
      (await chatSignInLink(store, PUBLIC, person, undefined, clock.now())).split("/portal/link/")[1] ?? ""
    );
  };
  /** A second replica: another portal and server on the same database. */
  async function replica() {
    const second = await createPortal({
      store,
      clock,
      log: log.log,
      publicUrl: PUBLIC,
      secret: SECRET,
      limits,
    });
    const server = createHttpServer({
      log: log.log,
      health: async () => ({ ok: true, checks: {} }),
      ready: async () => true,
    });
    server.addRoute(second.route);
    servers.push(server);
    return `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}`;
  }
  return { store, clock, base, ws, other, internship, signedIn, tokenFor, log, portal, replica, sentNow };
}

describe("portal sign-in over HTTP", () => {
  it("sends a stranger to the sign-in page, and keeps /healthz working beside the portal", async () => {
    const p = await portalOn();
    const client = createPortalClient(p.base);
    const home = await client.get("/portal");
    expect(home.status).toBe(303);
    expect(home.location).toBe("/portal/sign-in");
    const page = await client.get("/portal/sign-in");
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post" action="/portal/sign-in">');
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect((await fetch(`${p.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${p.base}/nothing`)).status).toBe(404);
  });

  it("signs in with a chat link: a signed HttpOnly SameSite=Lax session cookie, then the internships", async () => {
    const p = await portalOn();
    const client = createPortalClient(p.base);
    const answer = await client.signInWith(await p.tokenFor("lena"));
    expect(answer.status).toBe(303);
    expect(answer.location).toBe("/portal");
    const cookie = answer.setCookies.find((c) => c.startsWith("tandem_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/portal/);
    expect(cookie).not.toMatch(/Secure/i);
    const home = await client.get("/portal");
    expect(home.status).toBe(200);
    expect(home.body).toContain("Ana Souza");
    expect(home.body).toContain("Signed in as Lena Vogel");
    // Signed in from chat in one workspace: the other company's intern is not hers to see here.
    expect(home.body).not.toContain("Ivo Horvat");
  });

  it("refuses a reused link and an expired one", async () => {
    const p = await portalOn();
    const token = await p.tokenFor("bram");
    expect((await createPortalClient(p.base).signInWith(token)).status).toBe(303);
    const again = await createPortalClient(p.base).signInWith(token);
    expect(again.status).toBe(400);
    expect(again.body).toContain("This link no longer works");
    const late = await p.tokenFor("bram");
    p.clock.advance(15 * 60_000);
    const expired = createPortalClient(p.base);
    expect((await expired.signInWith(late)).status).toBe(400);
    expect((await expired.get("/portal")).status).toBe(303);
  });

  it("signs in by e-mail everywhere the address is known, with the same answer for an unknown address", async () => {
    const p = await portalOn();
    const client = createPortalClient(p.base);
    const ask = async (email: string) =>
      await client.post("/portal/sign-in", {
        _csrf: client.csrfIn(await client.get("/portal/sign-in")),
        email,
      });
    const known = await ask(LENA);
    const unknown = await ask("nobody@uni.example");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.body).toBe(known.body);
    const queued = await p.store.outbox.list();
    expect(queued.map((q) => q.address)).toEqual([`email:${LENA}`]);
    // Sent at once, not at the next tick.
    expect(p.sentNow).toEqual([{ workspaceId: queued[0]?.workspaceId, key: queued[0]?.key }]);
    const token = /\/portal\/link\/([\w-]+)/.exec(queued[0]?.payload.text ?? "")?.[1] ?? "";
    const browser = createPortalClient(p.base);
    expect((await browser.signInWith(token)).status).toBe(303);
    const home = await browser.get("/portal");
    expect(home.body).toContain("Ana Souza");
    expect(home.body).toContain("Ivo Horvat");
  });

  it("limits sign-in e-mails per address and per client", async () => {
    const p = await portalOn({ perAddress: 2, perClient: 4 });
    const client = createPortalClient(p.base);
    const csrf = client.csrfIn(await client.get("/portal/sign-in"));
    const ask = (email: string) => client.post("/portal/sign-in", { _csrf: csrf, email });
    expect((await ask(LENA)).status).toBe(200);
    expect((await ask(LENA)).status).toBe(200);
    expect((await ask(LENA)).status).toBe(429);
    expect((await ask("other@uni.example")).status).toBe(200);
    expect((await ask("third@uni.example")).status).toBe(429);
    expect((await p.store.outbox.list()).length).toBe(2);
  });

  it("counts the limits in the database: requests spread over replicas add up, and hashed", async () => {
    const p = await portalOn({ perAddress: 2, perClient: 100 });
    const bases = [p.base, await p.replica(), p.base];
    const answers: number[] = [];
    for (const base of bases) {
      const client = createPortalClient(base);
      const csrf = client.csrfIn(await client.get("/portal/sign-in"));
      answers.push((await client.post("/portal/sign-in", { _csrf: csrf, email: LENA })).status);
    }
    expect(answers).toEqual([200, 200, 429]);
    expect(JSON.stringify(await rawRows(p.store, "SELECT * FROM portal_limits"))).not.toContain("lena");
    // The window ends: the address may ask again.
    p.clock.advance(15 * 60_000);
    const client = createPortalClient(p.base);
    const csrf = client.csrfIn(await client.get("/portal/sign-in"));
    expect((await client.post("/portal/sign-in", { _csrf: csrf, email: LENA })).status).toBe(200);
  });

  it("ends a session after 12 hours idle, and keeps it while used", async () => {
    const p = await portalOn();
    const client = await p.signedIn("bram");
    p.clock.advance(11 * 60 * 60_000);
    expect((await client.get("/portal")).status).toBe(200);
    p.clock.advance(11 * 60 * 60_000);
    expect((await client.get("/portal")).status).toBe(200);
    p.clock.advance(12 * 60 * 60_000 + 1);
    const after = await client.get("/portal");
    expect(after.status).toBe(303);
    expect(after.location).toBe("/portal/sign-in");
  });

  it("signs out with the form, and the old cookie no longer works", async () => {
    const p = await portalOn();
    const client = await p.signedIn("bram");
    const cookie = client.jar.get("tandem_session") ?? "";
    const home = await client.get("/portal");
    const out = await client.post("/portal/sign-out", { _csrf: client.csrfIn(home) });
    expect(out.status).toBe(303);
    expect(out.location).toBe("/portal/sign-in");
    const replay = createPortalClient(p.base);
    replay.jar.set("tandem_session", cookie);
    expect((await replay.get("/portal")).status).toBe(303);
  });
});

describe("portal authorisation over HTTP: refused, nothing changed", () => {
  it("answers another workspace's internship exactly like one that does not exist", async () => {
    const p = await portalOn();
    const client = await p.signedIn("bram");
    const ivo = await p.internship("ivo-2026", p.other.id);
    const theirs = await client.get(`/portal/internships/${ivo.id}`);
    const none = await client.get("/portal/internships/999999");
    expect(theirs.status).toBe(404);
    expect(none.status).toBe(404);
    // Alike but for the sign-out form's CSRF token, new on every page.
    const withoutToken = (body: string) => body.replace(/name="_csrf" value="[^"]*"/g, "");
    expect(withoutToken(theirs.body)).toBe(withoutToken(none.body));
    expect(theirs.body).not.toContain("Ivo");
    expect((await client.get(`/portal/internships/${ivo.id}/report?format=json`)).status).toBe(404);
  });

  it("shows a colleague no intern's page or report, and an intern only their own", async () => {
    const p = await portalOn();
    const ana = await p.internship("ana-2026");
    const ben = await p.internship("ben-2026");
    const colleague = await p.signedIn("chloe");
    expect((await colleague.get(`/portal/internships/${ben.id}`)).status).toBe(404);
    const intern = await p.signedIn("ana");
    expect((await intern.get(`/portal/internships/${ana.id}`)).status).toBe(200);
    expect((await intern.get(`/portal/internships/${ben.id}`)).status).toBe(404);
    expect((await intern.get(`/portal/internships/${ben.id}/report?format=csv`)).status).toBe(404);
  });

  it("refuses a forged or unsigned session cookie", async () => {
    const p = await portalOn();
    const signed = await p.signedIn("bram");
    const real = signed.jar.get("tandem_session") ?? "";
    for (const forged of ["made-up", real.replace(/\.[^.]+$/, ".AAAA"), `${real.split(".")[0]}`]) {
      const client = createPortalClient(p.base);
      client.jar.set("tandem_session", forged);
      const answer = await client.get("/portal");
      expect(answer.status).toBe(303);
      expect(answer.location).toBe("/portal/sign-in");
    }
  });

  it("refuses a POST without its CSRF token, or with another browser's, and changes nothing", async () => {
    const p = await portalOn();
    const client = await p.signedIn("bram");
    const outNoToken = await client.post("/portal/sign-out", {});
    expect(outNoToken.status).toBe(403);
    const other = createPortalClient(p.base);
    const foreign = other.csrfIn(await other.get("/portal/sign-in"));
    expect((await client.post("/portal/sign-out", { _csrf: foreign })).status).toBe(403);
    expect((await client.get("/portal")).status).toBe(200);
    const stranger = createPortalClient(p.base);
    expect((await stranger.post("/portal/sign-in", { email: LENA })).status).toBe(403);
    const token = await p.tokenFor("lena");
    expect((await stranger.post("/portal/link", { token })).status).toBe(403);
    expect(await p.store.outbox.list()).toEqual([]);
    // The link was not spent by the refused POST: it still signs in.
    expect((await createPortalClient(p.base).signInWith(token)).status).toBe(303);
  });

  it("serves the report in each format to those in the internship", async () => {
    const p = await portalOn();
    const ana = await p.internship("ana-2026");
    const client = await p.signedIn("bram");
    const page = await client.get(`/portal/internships/${ana.id}/report`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Download as CSV");
    const csv = await client.get(`/portal/internships/${ana.id}/report?format=csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("ana-2026-report.csv");
    const json = await client.get(`/portal/internships/${ana.id}/report?format=json`);
    expect(() => JSON.parse(json.body)).not.toThrow();
  });

  it("keeps only hashes of session ids in the store", async () => {
    const p = await portalOn();
    const client = await p.signedIn("bram");
    const cookie = decodeURIComponent(client.jar.get("tandem_session") ?? "");
    const id = cookie.split(".")[0] ?? "";
    const rows = await rawRows(p.store, "SELECT id_hash FROM portal_sessions");
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(id);
  });
});
