import { describe, expect, it } from "vitest";
import { createSettableClock } from "../../../src/ports/clock.js";
import { isPortalPath } from "../../../src/services/portal/portal-paths.js";
import {
  chatSignInLink,
  emailSignInLink,
  normalEmail,
  tokenHash,
  useSignInToken,
} from "../../../src/services/portal/sign-in.js";
import { importProgramme } from "../../../src/services/programme/import-programme.js";
import { sampleProgramme } from "../../helpers/programme.js";
import { openTestStore, rawRows } from "../../helpers/test-store.js";

const URL = "https://tandem.example.edu";

async function setup() {
  const clock = createSettableClock(new Date("2026-12-01T14:00:00Z"));
  const store = await openTestStore(undefined, { now: clock.now() });
  const programme = sampleProgramme();
  programme.people = programme.people.map((p) =>
    p.key === "lena" ? { ...p, email: "Lena@Uni.example" } : p,
  );
  await importProgramme(store, programme, clock.now());
  const ws = (await store.workspaces.find("console", "test"))!;
  const lena = (await store.people.byKey(ws.id, "lena"))!;
  return { store, clock, ws, lena };
}

const tokenOf = (url: string) => url.split("/portal/link/")[1] ?? "";

describe("portal sign-in links", () => {
  it("works once, then never again", async () => {
    const t = await setup();
    const url = await chatSignInLink(t.store, URL, t.lena, "/portal/internships/1", t.clock.now());
    expect(url.startsWith(`${URL}/portal/link/`)).toBe(true);
    const used = await useSignInToken(t.store, tokenOf(url), t.clock.now());
    expect(used).toEqual({
      principal: { kind: "person", workspaceId: t.ws.id, personId: t.lena.id },
      nextPath: "/portal/internships/1",
    });
    expect(await useSignInToken(t.store, tokenOf(url), t.clock.now())).toBeUndefined();
  });

  it("expires after 15 minutes", async () => {
    const t = await setup();
    const early = await chatSignInLink(t.store, URL, t.lena, undefined, t.clock.now());
    const late = await chatSignInLink(t.store, URL, t.lena, undefined, t.clock.now());
    t.clock.advance(14 * 60_000 + 59_000);
    expect(await useSignInToken(t.store, tokenOf(early), t.clock.now())).toBeDefined();
    t.clock.advance(1_000);
    expect(await useSignInToken(t.store, tokenOf(late), t.clock.now())).toBeUndefined();
  });

  it("stores only a hash of the token", async () => {
    const t = await setup();
    const token = tokenOf(await chatSignInLink(t.store, URL, t.lena, undefined, t.clock.now()));
    const rows = await rawRows(t.store, "SELECT * FROM portal_links");
    expect(rows).toHaveLength(1);
    expect(token.length).toBeGreaterThan(40);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.token_hash).toBe(tokenHash(token));
  });

  it("never leads off the portal after signing in", async () => {
    const t = await setup();
    for (const next of ["https://evil.example/", "//evil.example", "/portal/../admin", "/slack/events"]) {
      expect(isPortalPath(next)).toBe(false);
      const url = await chatSignInLink(t.store, URL, t.lena, next, t.clock.now());
      expect((await useSignInToken(t.store, tokenOf(url), t.clock.now()))?.nextPath).toBeUndefined();
    }
  });

  it("e-mails a link through the outbox to a known address only, any case", async () => {
    const t = await setup();
    const sent = await emailSignInLink(t.store, URL, " LENA@uni.example ", t.clock.now());
    expect(await emailSignInLink(t.store, URL, "nobody@uni.example", t.clock.now())).toBeUndefined();
    expect(await emailSignInLink(t.store, URL, "not an address", t.clock.now())).toBeUndefined();
    const queued = await t.store.outbox.list();
    expect(queued).toHaveLength(1);
    expect(sent).toEqual({ workspaceId: t.ws.id, key: queued[0]?.key });
    expect(queued[0]?.address).toBe("email:lena@uni.example");
    const token = /\/portal\/link\/([\w-]+)/.exec(queued[0]?.payload.text ?? "")?.[1] ?? "";
    expect(await useSignInToken(t.store, token, t.clock.now())).toEqual({
      principal: { kind: "email", email: "lena@uni.example" },
    });
  });

  it("refuses tokens that are not one of ours", async () => {
    const t = await setup();
    expect(await useSignInToken(t.store, "", t.clock.now())).toBeUndefined();
    expect(await useSignInToken(t.store, "x".repeat(43), t.clock.now())).toBeUndefined();
    expect(await useSignInToken(t.store, "../../etc/passwd", t.clock.now())).toBeUndefined();
  });

  it("reads addresses in lower case and refuses what is not one", () => {
    expect(normalEmail(" Lena@Uni.Example ")).toBe("lena@uni.example");
    expect(normalEmail("lena")).toBeUndefined();
    expect(normalEmail("a b@c.d")).toBeUndefined();
  });
});
