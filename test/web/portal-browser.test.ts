/**
 * The portal in a real browser: Debian's Chromium driven by playwright-core against the running service
 * (startService: HTTP, portal, outbox, SMTP). Signs in through a link caught by the test SMTP server,
 * walks cohort board -> internship page -> report with the keyboard, exports CSV, signs out; axe-core on
 * every page; screenshots at 1280 and 390 pixels in test/web/screenshots/ (git-ignored) for review.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { type Running, startService } from "../../src/main.js";
import { createSettableClock } from "../../src/ports/clock.js";
import { portalPaths } from "../../src/services/portal/portal-paths.js";
import { chatSignInLink } from "../../src/services/portal/sign-in.js";
import { openStore } from "../../src/storage/sqlite-store.js";
import { type FakeSmtpServer, startFakeSmtpServer } from "../fakes/smtp-server.js";
import { captureLog } from "../helpers/log-capture.js";
import { seedCohort } from "../helpers/portal-data.js";
import { createTerminal } from "../helpers/streams.js";

const CHROMIUM = "/usr/bin/chromium";
const NOW = new Date("2026-12-03T15:00:00Z");
const CARLA = "carla@uni.example";
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), "screenshots");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// Without Chromium (a developer's machine) the browser test is skipped; CI installs it and requires it.
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.TANDEM_REQUIRE_BROWSER === "1") {
  throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
}

let running: Running | undefined;
let smtp: FakeSmtpServer | undefined;
let browser: Browser | undefined;
let folder = "";
let base = "";
/** A one-time sign-in link for the first intern (as `portal` in chat gives), opening her internship. */
let internLink = { path: "", internshipId: 0, name: "" };

beforeAll(async () => {
  if (!hasChromium) return;
  folder = mkdtempSync(join(tmpdir(), "tandem-browser-"));
  const path = join(folder, "tandem.db");
  const store = openStore(path, { now: NOW });
  const cohort = await seedCohort(store, {
    companies: 2,
    internsPerCompany: 3,
    days: 50,
    today: "2026-12-03",
    coordinatorEmail: CARLA,
  });
  // The first intern has a learning agreement whose mid-term is today: her evaluation form is open.
  const first = cohort.internships[0]!;
  await store.learning.put(
    first.workspaceId,
    first.internshipId,
    {
      outcomes: [{ key: "market-study", description: "Plan and run a small market study" }],
      criteria: [
        { key: "teamwork", name: "Teamwork" },
        { key: "initiative", name: "Initiative" },
      ],
      midterm: "2026-12-03",
      final: "2027-01-28",
    },
    NOW,
  );
  const ship = (await store.internships.get(first.workspaceId, first.internshipId))!;
  const intern = (await store.people.get(first.workspaceId, ship.internId))!;
  internLink = {
    path: new URL(
      await chatSignInLink(store, "http://tandem.test", intern, portalPaths.internship(ship.id), NOW),
    ).pathname,
    internshipId: ship.id,
    name: intern.name,
  };
  await store.close();
  smtp = await startFakeSmtpServer();
  const config: Config = {
    platforms: ["console"],
    databasePath: path,
    port: 0,
    logLevel: "silent",
    scheduler: false,
    publicUrl: "http://tandem.test",
    portal: { secret: "a-portal-secret-of-at-least-32-characters" },
    mail: { smtpUrl: smtp.url, from: "Tandem <tandem@uni.example>" },
    slack: { mode: "http" },
    teams: { appType: "MultiTenant", allowUnauthenticated: false },
  };
  running = await startService(config, createTerminal(), {
    clock: createSettableClock(NOW),
    log: captureLog().log,
  });
  base = `http://127.0.0.1:${running.port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Playwright gives every launch a fresh profile of its own (it refuses --user-data-dir here).
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await smtp?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Serious and critical accessibility violations on the page, as "rule: first element" lines. */
async function axeProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the portal's CSP (no scripts at all) stays on for the page.
  await page.evaluate(axeSource);
  // Strings run in the page (this file is compiled without the DOM's types).
  const result = (await page.evaluate("axe.run()")) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`);
}

/** How far the page, and each named region, scrolls sideways: 0 when nothing does. */
const sideways = `(() => {
  const page = document.scrollingElement;
  const regions = [...document.querySelectorAll("[role=region]")].map((r) => [r.getAttribute("aria-labelledby"), r.scrollWidth - r.clientWidth]);
  return { page: page.scrollWidth - page.clientWidth, regions: Object.fromEntries(regions) };
})()`;

/**
 * axe on the page at 1280 and 390 pixels wide (a phone), where the page must not scroll sideways
 * (`phoneRegions`: the regions that must not either, e.g. the board's table); a screenshot at each width.
 */
async function review(page: Page, name: string, phoneRegions: string[] = []): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axeProblems(page), `axe on ${name} at ${width} px`).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  const scrolls = (await page.evaluate(sideways)) as { page: number; regions: Record<string, number> };
  expect(scrolls.page, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
  for (const region of phoneRegions) expect(scrolls.regions[region], `${region} at 390 px`).toBe(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Presses Tab until the focused element matches, as someone without a mouse does; fails after `max`. */
async function tabTo(
  page: Page,
  matches: (el: { tag: string; text: string; href: string }) => boolean,
  max = 80,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const el = (await page.evaluate(`(() => {
      const a = document.activeElement;
      return { tag: a?.tagName ?? "", text: (a?.textContent ?? "").trim(), href: a?.getAttribute("href") ?? "" };
    })()`)) as { tag: string; text: string; href: string };
    if (matches(el)) return el;
  }
  throw new Error("the keyboard never reached the element");
}

describe.skipIf(!hasChromium)("the portal in Chromium", () => {
  it("signs in by e-mail, walks board, internship and report with the keyboard, exports CSV and signs out", async () => {
    const context = await browser!.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();

    // A stranger is sent to the sign-in page; the first Tab reaches the skip link.
    await page.goto(`${base}/portal`);
    expect(new URL(page.url()).pathname).toBe("/portal/sign-in");
    await review(page, "sign-in");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Skip to content");
    await tabTo(page, (el) => el.tag === "INPUT");
    await page.keyboard.type(CARLA);
    await page.keyboard.press("Enter");
    // The form posts to the page it is on: waitForLoadState could return before the navigation starts
    // (it did on a busy machine), so wait for the answer's words instead.
    await page.getByText("If Tandem knows this address").waitFor();
    expect(await page.textContent("main")).toContain("If Tandem knows this address");

    // The link arrives through the outbox and SMTP.
    await running!.tick(NOW);
    const [mail] = await smtp!.waitFor(1, 20_000);
    expect(mail!.to).toEqual([CARLA]);
    const link = /http:\/\/tandem\.test(\/portal\/link\/[\w-]+)/.exec(mail!.text)?.[1];
    expect(link).toBeDefined();
    await page.goto(`${base}${link}`);
    await tabTo(page, (el) => el.tag === "BUTTON" && el.text === "Sign in");
    await Promise.all([page.waitForURL(`${base}/portal`), page.keyboard.press("Enter")]);

    // The cohort board: both companies (the address joins her two identities).
    expect(await page.textContent("h1")).toBe("Cohort board");
    const interns = await page.locator("table.board tbody th[scope=row] a").allTextContents();
    expect(interns.sort()).toEqual([
      "Intern 0-0",
      "Intern 0-1",
      "Intern 0-2",
      "Intern 1-0",
      "Intern 1-1",
      "Intern 1-2",
    ]);
    // On a phone each intern is a card: neither the page nor the table scrolls sideways.
    await review(page, "cohort-board", ["board-caption"]);

    // Filter with the form, by keyboard: company B only.
    await page.focus("#f-company");
    await page.selectOption("#f-company", "Company B");
    await tabTo(page, (el) => el.tag === "BUTTON" && el.text === "Show");
    await Promise.all([page.waitForURL(/company=Company\+B/), page.keyboard.press("Enter")]);
    expect((await page.locator("table.board tbody th[scope=row] a").allTextContents()).sort()).toEqual([
      "Intern 1-0",
      "Intern 1-1",
      "Intern 1-2",
    ]);

    // CSV export of exactly the rows shown.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("text=Export this table as CSV"),
    ]);
    const csv = readFileSync((await download.path())!, "utf8")
      .trimEnd()
      .split("\n");
    expect(
      csv
        .map((l) => l.split(",")[0])
        .slice(1)
        .sort(),
    ).toEqual(["Intern 1-0", "Intern 1-1", "Intern 1-2"]);

    // Keyboard to the first intern's page.
    const first = await tabTo(page, (el) => el.href.startsWith("/portal/internships/"));
    await Promise.all([page.waitForURL(`${base}${first.href}`), page.keyboard.press("Enter")]);
    expect(await page.textContent("h1")).toBe(first.text);
    expect(await page.locator("figure.chart svg[role=img]").count()).toBe(4);
    await review(page, "internship");

    // The report, printable, and its Markdown download.
    const report = await tabTo(page, (el) => el.text === "End-of-internship report");
    await Promise.all([page.waitForURL(`${base}${report.href}`), page.keyboard.press("Enter")]);
    expect(await page.textContent("h1")).toBe(`Report: ${first.text}`);
    await review(page, "report");
    const [markdown] = await Promise.all([
      page.waitForEvent("download"),
      page.click("text=Download as Markdown"),
    ]);
    expect(readFileSync((await markdown.path())!, "utf8")).toMatch(/^# Internship report: /);

    // Another internship id answers "Not found"; then sign out, and the board is gone.
    await page.goto(`${base}/portal/internships/999999`);
    expect(await page.textContent("h1")).toBe("Not found");
    await tabTo(page, (el) => el.tag === "BUTTON" && el.text === "Sign out");
    await Promise.all([page.waitForURL(`${base}/portal/sign-in`), page.keyboard.press("Enter")]);
    await page.goto(`${base}/portal`);
    expect(new URL(page.url()).pathname).toBe("/portal/sign-in");
    await context.close();
  }, 180_000);
  it("lets the intern fill in her evaluation by keyboard, with the problems beside the fields, and read the certificate draft", async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}${internLink.path}`);
    await tabTo(page, (el) => el.tag === "BUTTON" && el.text === "Sign in");
    const internshipPage = `${base}${portalPaths.internship(internLink.internshipId)}`;
    await Promise.all([page.waitForURL(internshipPage), page.keyboard.press("Enter")]);

    const evaluations = await tabTo(page, (el) => el.text === "Evaluations");
    await Promise.all([page.waitForURL(`${base}${evaluations.href}`), page.keyboard.press("Enter")]);
    expect(await page.textContent("h1")).toBe(`Mid-term evaluation: ${internLink.name}`);
    // (axe and the screenshots look at the form once, below, with its problems shown: a superset.)

    // Only teamwork answered (a key picks the option, as on any select), then Submit: nothing is saved,
    // the summary has the focus and lists each problem, each field says its own.
    await tabTo(page, (el) => el.tag === "SELECT");
    await page.keyboard.press("4");
    await tabTo(page, (el) => el.tag === "BUTTON" && el.text === "Submit");
    await Promise.all([page.waitForSelector(".error-summary"), page.keyboard.press("Enter")]);
    expect(await page.evaluate("document.activeElement?.className")).toBe("error-summary");
    expect(await page.locator(".error-summary li").count()).toBe(7);
    expect(await page.inputValue("#f-criterion-teamwork")).toBe("4");
    expect(await page.getAttribute("#f-criterion-initiative", "aria-describedby")).toBe(
      "f-criterion-initiative-error",
    );
    await review(page, "evaluation-problems");

    // The rest by keyboard too: focus each field, a key picks the answer.
    for (const [id, key] of [
      ["#f-criterion-initiative", "3"],
      ["#f-outcome-market-study", "p"],
      ["#f-hosting-project-clarity", "4"],
      ["#f-hosting-supervision", "5"],
      ["#f-hosting-reply-times", "3"],
      ["#f-hosting-inclusion", "4"],
      ["#f-hosting-intercultural-learning", "5"],
    ] as const) {
      await page.focus(id);
      await page.keyboard.press(key);
    }
    await tabTo(page, (el) => el.tag === "BUTTON" && el.text === "Submit");
    await Promise.all([
      page.getByText("Your evaluation was received").waitFor(),
      page.keyboard.press("Enter"),
    ]);
    expect(await page.locator("table.answers").count()).toBe(3);

    // The certificate draft, linked from the internship page; no Confirm for the intern.
    await page.goto(internshipPage);
    const certificate = await tabTo(page, (el) => el.text === "Certificate draft");
    await Promise.all([page.waitForURL(`${base}${certificate.href}`), page.keyboard.press("Enter")]);
    expect(await page.textContent("h1")).toBe(`Traineeship certificate (draft): ${internLink.name}`);
    expect(await page.locator("form.confirm-form").count()).toBe(0);
    await review(page, "certificate");
    await context.close();
  }, 120_000);
});
