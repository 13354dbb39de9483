/**
 * The evaluation and certificate pages over plain HTTP: the chat's form and checks behind the portal's
 * forms (stored once, errors beside the fields, blind until both are in), and every refusal changes nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createPortal } from "../../../adapters/web/portal-app.js";
import { createHttpServer, type HttpServer } from "../../../src/http-server.js";
import { createSettableClock } from "../../../src/ports/clock.js";
import { withPortalPath } from "../../../src/services/mail-delivery.js";
import { chatSignInLink } from "../../../src/services/portal/sign-in.js";
import { importProgramme } from "../../../src/services/programme/import-programme.js";
import { captureLog } from "../../helpers/log-capture.js";
import { createPortalClient, type PortalClient } from "../../helpers/portal-client.js";
import { sampleProgramme } from "../../helpers/programme.js";
import { openTestStore } from "../../helpers/test-store.js";

const PUBLIC = "http://tandem.test";
const SECRET = "a-test-portal-secret-of-at-least-32-chars";
/** Mid-term Wed 13 Jan 2027: Ana (São Paulo) and Bram (Brussels) both at work at 14:00 UTC. */
const ANA_EMAIL = "ana@uni.example";
const MIDTERM_OPEN = new Date("2027-01-13T14:00:00Z");

const ANA_FORM = {
  "criterion.teamwork": "5",
  "criterion.initiative": "4",
  "outcome.market-research": "achieved",
  "outcome.presenting": "partly",
  "hosting.project-clarity": "4",
  "hosting.supervision": "5",
  "hosting.reply-times": "2",
  "hosting.reply-times.comment": "Answers often came the next day",
  "hosting.inclusion": "4",
  "hosting.intercultural-learning": "5",
};
const BRAM_FORM = {
  "criterion.teamwork": "4",
  "criterion.teamwork.comment": "Asks the right people",
  "criterion.initiative": "3",
  "outcome.market-research": "partly",
  "outcome.presenting": "not-yet",
};

let servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers) await server.close();
  servers = [];
});

/** The sample programme with a learning agreement for Ana, a second company (Ivo's), and the portal. */
async function portalOn(now = MIDTERM_OPEN) {
  const clock = createSettableClock(now);
  const store = await openTestStore(undefined, { now: new Date("2026-11-01T08:00:00Z") });
  const programme = sampleProgramme();
  programme.internships![0] = {
    ...programme.internships![0]!,
    learning: {
      outcomes: [
        { key: "market-research", description: "Plan and run a small market study" },
        { key: "presenting", description: "Present findings to a client" },
      ],
      criteria: ["Teamwork", "Initiative"],
      evaluations: { midterm: "2027-01-13", final: "2027-03-24" },
    },
  };
  programme.people = programme.people.map((x) => (x.key === "ana" ? { ...x, email: ANA_EMAIL } : x));
  await importProgramme(store, programme, clock.now());
  const person = (key: string, name: string) => ({
    key,
    name,
    timezone: "Europe/Zagreb",
    country: "HR",
    contactHours: "Mon-Fri 09:00-17:00",
  });
  await importProgramme(
    store,
    {
      workspace: { platform: "console", id: "other" },
      people: [person("ivo", "Ivo Horvat"), person("mara", "Mara Kos")],
      internships: [
        { key: "ivo-2026", intern: "ivo", supervisor: "mara", start: "2026-11-01", end: "2027-03-31" },
      ],
    },
    clock.now(),
  );
  const log = captureLog();
  const portal = await createPortal({ store, clock, log: log.log, publicUrl: PUBLIC, secret: SECRET });
  const http = createHttpServer({
    log: log.log,
    health: async () => ({ ok: true, checks: {} }),
    ready: async () => true,
  });
  http.addRoute(portal.route);
  servers.push(http);
  const base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  const ws = (await store.workspaces.find("console", "test"))!;
  const other = (await store.workspaces.find("console", "other"))!;
  const ana = (await store.internships.byKey(ws.id, "ana-2026"))!;
  const ivo = (await store.internships.byKey(other.id, "ivo-2026"))!;
  async function signedIn(key: string, workspaceId = ws.id): Promise<PortalClient> {
    const who = (await store.people.byKey(workspaceId, key))!;
    const url = await chatSignInLink(store, PUBLIC, who, undefined, clock.now());
    const client = createPortalClient(base);
    expect((await client.signInWith(url.split("/portal/link/")[1] ?? "")).status).toBe(303);
    return client;
  }
  const evaluationPath = `/portal/internships/${ana.id}/evaluation?round=midterm`;
  /** GETs the page and POSTs the form with its CSRF token. */
  async function submit(client: PortalClient, form: Record<string, string>, path = evaluationPath) {
    const page = await client.get(path);
    return await client.post(path, { _csrf: client.csrfIn(page), ...form });
  }
  const evaluations = async () => await store.evaluations.forInternship(ana.id);
  return { store, clock, base, ws, ana, ivo, signedIn, submit, evaluationPath, evaluations, log };
}

describe("the evaluation page", () => {
  it("gives the intern the chat's form, shows a wrong answer beside its field, stores once and says so on a repeated POST", async () => {
    const p = await portalOn();
    const ana = await p.signedIn("ana");
    const form = await ana.get(p.evaluationPath);
    expect(form.status).toBe(200);
    expect(form.body).toContain("<h1>Mid-term evaluation: Ana Souza</h1>");
    for (const id of ["criterion.teamwork", "outcome.presenting", "hosting.reply-times.comment"])
      expect(form.body).toContain(`name="${id}"`);
    expect(form.body).toContain('<label for="f-criterion-teamwork">Your teamwork</label>');
    // Her internship page says it waits for her.
    expect((await ana.get(`/portal/internships/${p.ana.id}`)).body).toContain(
      `Your mid-term evaluation is open until Tue 19 Jan, 17:00 (your time): <a href="${p.evaluationPath}">fill it in</a>.`,
    );

    // Teamwork left out: the summary links to the field, the field says what is wrong, nothing is stored.
    const wrong = await p.submit(ana, { ...ANA_FORM, "criterion.teamwork": "" });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('<a href="#f-criterion-teamwork">Rate your teamwork from 1 to 5.</a>');
    expect(wrong.body).toMatch(
      /<p class="field-error" id="f-criterion-teamwork-error">.*Rate your teamwork from 1 to 5\.<\/p>\n?<select id="f-criterion-teamwork" name="criterion.teamwork" aria-describedby="f-criterion-teamwork-error" aria-invalid="true"/,
    );
    // What was answered stays answered.
    expect(wrong.body).toContain('<option value="4" selected>4 - very good</option>');
    expect(wrong.body).toContain("Answers often came the next day</textarea>");
    expect(await p.evaluations()).toEqual([]);

    const sent = await p.submit(ana, ANA_FORM);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(p.evaluationPath);
    const [stored] = await p.evaluations();
    expect(stored).toMatchObject({ round: "midterm", side: "intern" });
    expect(stored!.answers.hosting?.["reply-times"]).toEqual({
      score: 2,
      comment: "Answers often came the next day",
    });

    const again = await p.submit(ana, { ...ANA_FORM, "criterion.teamwork": "1" });
    expect(again.status).toBe(409);
    expect(again.body).toContain(
      "Your evaluation was already received Wed 13 Jan, 11:00; nothing was changed.",
    );
    expect(await p.evaluations()).toEqual([stored]);
    expect((await ana.get(`/portal/internships/${p.ana.id}`)).body).not.toContain("fill it in");
    const after = await ana.get(p.evaluationPath);
    expect(after.body).not.toContain('<form method="post" action="/portal/internships');
    expect(after.body).toContain("Answers often came the next day");
  });

  it("keeps each side blind to the other until both are in; then both sides and the coordinator read both", async () => {
    const p = await portalOn();
    const ana = await p.signedIn("ana");
    const bram = await p.signedIn("bram");
    const lena = await p.signedIn("lena");
    expect((await p.submit(ana, ANA_FORM)).status).toBe(303);

    const early = await bram.get(p.evaluationPath);
    expect(early.body).toContain("It is in. It can be read once both are in or the window closes");
    expect(early.body).not.toContain("Answers often came the next day");
    expect(early.body).toContain('name="criterion.teamwork"');
    expect(early.body).not.toContain('name="hosting.supervision"');
    const coordinator = await lena.get(p.evaluationPath);
    expect(coordinator.status).toBe(200);
    expect(coordinator.body).not.toContain("Answers often came the next day");
    expect(coordinator.body).not.toContain('name="criterion.teamwork"');
    // Ana does not read Bram's before he sends it, and her own stays hers.
    expect((await ana.get(p.evaluationPath)).body).toContain("Not in yet.");

    // The coordinator cannot write a side: the chat's answer, nothing stored.
    const byLena = await p.submit(lena, BRAM_FORM);
    expect(byLena.status).toBe(409);
    expect(byLena.body).toContain("Evaluations are written by the intern and their supervisor");
    expect(await p.evaluations()).toHaveLength(1);

    expect((await p.submit(bram, BRAM_FORM)).status).toBe(303);
    for (const reader of [ana, bram, lena]) {
      const both = await reader.get(p.evaluationPath);
      expect(both.body).toContain("Answers often came the next day");
      expect(both.body).toContain("Asks the right people");
    }
  });

  it("once the window has closed with one side missing, shows the other side's answers and takes no more", async () => {
    const p = await portalOn();
    const ana = await p.signedIn("ana");
    expect((await p.submit(ana, ANA_FORM)).status).toBe(303);
    // A week later (the round closed Tue 19 Jan): Bram never sent his.
    p.clock.set(new Date("2027-01-21T10:00:00Z"));
    const bram = await p.signedIn("bram");
    const page = await bram.get(p.evaluationPath);
    expect(page.body).toContain("The window for this evaluation closed");
    expect(page.body).not.toContain('name="criterion.teamwork"');
    expect(page.body).toContain("Answers often came the next day");
    expect(page.body).toContain("Not submitted in time.");
    const late = await bram.post(p.evaluationPath, { _csrf: bram.csrfIn(page), ...BRAM_FORM });
    expect(late.status).toBe(409);
    expect(await p.evaluations()).toHaveLength(1);
  });

  it("refuses a colleague, another workspace's viewer, a POST without its token and a form before the window: nothing stored", async () => {
    const p = await portalOn(new Date("2027-01-12T14:00:00Z"));
    const olga = await p.signedIn("olga");
    expect((await olga.get(p.evaluationPath)).status).toBe(404);
    const csrf = olga.csrfIn(await olga.get("/portal"));
    expect((await olga.post(p.evaluationPath, { _csrf: csrf, ...BRAM_FORM })).status).toBe(404);

    const mara = await p.signedIn("mara", (await p.store.workspaces.find("console", "other"))!.id);
    expect((await mara.get(p.evaluationPath)).status).toBe(404);
    const ana = await p.signedIn("ana");
    expect((await ana.get(`/portal/internships/${p.ivo.id}/evaluation`)).status).toBe(404);

    const noToken = await ana.post(p.evaluationPath, ANA_FORM);
    expect(noToken.status).toBe(403);
    expect(noToken.body).toContain("Nothing was changed");

    // The day before the mid-term: no form yet, and a POST is refused by the chat's own check.
    const before = await ana.get(p.evaluationPath);
    expect(before.body).toContain("This evaluation opens Wed 13 Jan, 09:00 (your time).");
    expect(before.body).not.toContain('name="criterion.teamwork"');
    const early = await ana.post(p.evaluationPath, { _csrf: ana.csrfIn(before), ...ANA_FORM });
    expect(early.status).toBe(409);
    expect(early.body).toContain("The mid-term evaluation opens");
    expect(await p.evaluations()).toEqual([]);
  });

  it("opens the form after signing in by e-mail from an e-mail's link to it", async () => {
    const p = await portalOn();
    const client = createPortalClient(p.base);
    const away = await client.get(p.evaluationPath);
    expect(away.status).toBe(303);
    expect(away.location).toBe(`/portal/sign-in?next=${encodeURIComponent(p.evaluationPath)}`);
    const signIn = await client.get(away.location!);
    expect(signIn.body).toContain(`<input type="hidden" name="next" value="${p.evaluationPath}">`);
    const asked = await client.post("/portal/sign-in", {
      _csrf: client.csrfIn(signIn),
      email: ANA_EMAIL,
      next: p.evaluationPath,
    });
    expect(asked.status).toBe(200);
    const [mail] = (await p.store.outbox.list()).filter((o) => o.address === `email:${ANA_EMAIL}`);
    const token = /\/portal\/link\/([\w-]+)/.exec(mail?.payload.text ?? "")?.[1] ?? "";
    const landed = await client.signInWith(token);
    expect(landed.location).toBe(p.evaluationPath);
    expect((await client.get(p.evaluationPath)).body).toContain('name="criterion.teamwork"');
    // Only portal paths are remembered: elsewhere is the home page, as before.
    const elsewhere = await createPortalClient(p.base).get("/portal/sign-in?next=https://evil.example/");
    expect(elsewhere.body).not.toContain('name="next"');
  });

  it("links an e-mailed evaluation request or reminder to the evaluation page", () => {
    const item = { key: "evaluation:7:final:intern:reminder" } as never;
    const message = { text: "A reminder" };
    expect(withPortalPath({ items: [item], address: "email:ana@uni.example", message }).portalPath).toBe(
      "/portal/internships/7/evaluation?round=final",
    );
  });
});

describe("the certificate page", () => {
  it("shows the draft with its downloads, offers Confirm only to the supervisor from the intern's last working day, and records who and when", async () => {
    const p = await portalOn();
    const path = `/portal/internships/${p.ana.id}/certificate`;
    const bram = await p.signedIn("bram");
    const draft = await bram.get(path);
    expect(draft.status).toBe(200);
    expect(draft.body).toContain("<h1>Traineeship certificate (draft): Ana Souza</h1>");
    expect(draft.body).toContain("You can confirm the draft from Wed 31 Mar 2027");
    expect(draft.body).not.toContain('name="draft"');
    // Before the date the chat's rule refuses a forged POST too.
    const early = await bram.post(`${path}/confirm`, { _csrf: bram.csrfIn(draft), draft: "x" });
    expect(early.status).toBe(409);
    expect(early.body).toContain("The certificate is confirmed at the end of the internship");
    expect(await p.store.certificates.lastConfirmation(p.ana.id)).toBeUndefined();

    const ana = await p.signedIn("ana");
    const md = await ana.get(`${path}?format=md`);
    expect(md.headers.get("content-disposition")).toBe('attachment; filename="ana-2026-certificate.md"');
    expect(md.body).toMatch(/^# Traineeship certificate \(draft\): Ana Souza/);
    expect(JSON.parse((await ana.get(`${path}?format=json`)).body).internshipKey).toBe("ana-2026");
    expect((await ana.get(`${path}?format=html`)).body).toContain("<!doctype html>");
    const internshipPage = (await ana.get(`/portal/internships/${p.ana.id}`)).body;
    expect(internshipPage).toContain(`href="${path}"`);
    expect(internshipPage).toContain(`href="/portal/internships/${p.ana.id}/evaluation"`);
    // Ivo's internship has no learning agreement: no evaluations to link to.
    const ivo = await p.signedIn("ivo", (await p.store.workspaces.find("console", "other"))!.id);
    expect((await ivo.get(`/portal/internships/${p.ivo.id}`)).body).not.toContain("/evaluation");

    // The intern's last working day (sessions have long expired: signed in again).
    p.clock.set(new Date("2027-03-31T10:00:00Z"));
    const [bram2, ana2] = [await p.signedIn("bram"), await p.signedIn("ana")];
    const due = await bram2.get(path);
    const hash = /name="draft" value="([0-9a-f]+)"/.exec(due.body)?.[1] ?? "";
    expect(hash).not.toBe("");
    expect((await ana2.get(path)).body).not.toContain('name="draft"');
    expect((await bram2.post(`${path}/confirm`, { draft: hash })).status).toBe(403);
    const byIntern = await ana2.post(`${path}/confirm`, {
      _csrf: ana2.csrfIn(await ana2.get(path)),
      draft: hash,
    });
    expect(byIntern.status).toBe(409);
    expect(byIntern.body).toContain("Only the intern&#39;s supervisor or backup supervisor can confirm");
    const stale = await bram2.post(`${path}/confirm`, { _csrf: bram2.csrfIn(due), draft: "0".repeat(32) });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain("The draft changed since it was shown to you");
    expect(await p.store.certificates.lastConfirmation(p.ana.id)).toBeUndefined();

    const confirmed = await bram2.post(`${path}/confirm`, { _csrf: bram2.csrfIn(due), draft: hash });
    expect(confirmed.status).toBe(303);
    const bramId = (await p.store.people.byKey(p.ws.id, "bram"))!.id;
    expect(await p.store.certificates.lastConfirmation(p.ana.id)).toEqual({
      personId: bramId,
      draftHash: hash,
      at: new Date("2027-03-31T10:00:00Z"),
    });
    const shown = await ana2.get(path);
    expect(shown.body).toContain("Confirmed by Bram Peeters on Wed 31 Mar 2027.");

    const olga = await p.signedIn("olga");
    expect((await olga.get(path)).status).toBe(404);
    expect((await olga.get(`${path}?format=json`)).status).toBe(404);
    const mara = await p.signedIn("mara", (await p.store.workspaces.find("console", "other"))!.id);
    expect((await mara.get(path)).status).toBe(404);
    expect((await mara.get(`/portal/internships/${p.ivo.id}/certificate`)).status).toBe(200);
  });
});
