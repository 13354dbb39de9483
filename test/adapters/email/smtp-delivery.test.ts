import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSmtpMail, type SmtpMail } from "../../../adapters/email/mail-sender.js";
import { createDispatcher } from "../../../src/services/dispatcher.js";
import { queueDirect } from "../../../src/services/notify.js";
import { updatePerson } from "../../../src/services/person-update.js";
import { importProgramme } from "../../../src/services/programme/import-programme.js";
import type { ProgrammeInput } from "../../../src/services/programme/programme-schema.js";
import { queueSignInLink } from "../../../src/services/sign-in-link.js";
import { type FakeSmtpServer, startFakeSmtpServer } from "../../fakes/smtp-server.js";
import { captureLog } from "../../helpers/log-capture.js";
import { openTestStore } from "../../helpers/test-store.js";

/** Tuesday 1 December 2026, 10:00 in Brussels: within everyone's contact hours. */
const NOW = new Date("2026-12-01T09:00:00Z");

function programme(): ProgrammeInput {
  const person = (key: string, name: string, slack?: string) => ({
    key,
    name,
    timezone: "Europe/Brussels",
    country: "BE",
    contactHours: "Mon-Fri 09:00-17:00",
    ...(slack ? { ids: { slack } } : {}),
  });
  return {
    workspace: { platform: "slack", id: "T1" },
    people: [
      person("ana", "Ana Souza", "U0ANA"),
      person("bram", "Bram Peeters", "U0BRAM"),
      { ...person("lena", "Lena Vogel"), email: "lena@uni.example" },
    ],
    internships: [
      {
        key: "ana-2026",
        intern: "ana",
        supervisor: "bram",
        coordinator: "lena",
        start: "2026-11-01",
        end: "2027-03-31",
      },
    ],
  };
}

describe("e-mail delivery through SMTP", () => {
  let smtp: FakeSmtpServer;
  let mail: SmtpMail;

  beforeEach(async () => {
    smtp = await startFakeSmtpServer();
  });
  afterEach(async () => {
    mail?.close();
    await smtp.close();
  });

  async function setUp(publicUrl?: string, withMail = true) {
    const store = await openTestStore("sqlite");
    await importProgramme(store, programme(), NOW);
    const workspace = (await store.workspaces.find("slack", "T1"))!;
    const log = captureLog();
    mail = createSmtpMail({
      smtpUrl: smtp.url,
      from: "Tandem <tandem@uni.example>",
      ...(publicUrl ? { publicUrl } : {}),
      log: log.log,
    });
    const sentInChat: string[] = [];
    const dispatcher = createDispatcher({
      store,
      platforms: new Map([
        [
          "slack",
          {
            name: "slack",
            routes: [],
            start: async () => undefined,
            stop: async () => undefined,
            send: async (address: string) => {
              sentInChat.push(address);
              return {};
            },
          },
        ],
      ]),
      ...(withMail ? { mail } : {}),
      clock: { now: () => NOW },
      log: log.log,
    });
    const person = async (key: string) => (await store.people.byKey(workspace.id, key))!;
    const internship = (await store.internships.byKey(workspace.id, "ana-2026"))!;
    return { store, workspace, dispatcher, person, internship, log, sentInChat };
  }

  it("sends a coordinator without a chat account her messages as text and HTML, with the why line and the portal page", async () => {
    const { store, workspace, dispatcher, person, internship } = await setUp("https://tandem.example.edu");
    const key = `pattern:${internship.id}:2026-W49`;
    await queueDirect(
      store,
      workspace,
      await person("lena"),
      key,
      {
        text: "Ana Souza's supervisor replied late three times this week.\nSee the details below.",
        fields: [{ label: "Late replies", value: "3 of 5" }],
        reason: "You coordinate Ana Souza's internship; Tandem tells you about patterns once a week.",
      },
      NOW,
    );
    const result = await dispatcher.dispatch(NOW);
    expect(result.sent).toBe(1);
    const [received] = await smtp.waitFor(1);
    expect(received!.to).toEqual(["lena@uni.example"]);
    expect(received!.from).toBe("tandem@uni.example");
    expect(received!.subject).toBe("Ana Souza's supervisor replied late three times this week.");
    const page = `https://tandem.example.edu/portal/internships/${internship.id}`;
    expect(received!.text).toContain("See the details below.");
    expect(received!.text).toContain("Late replies: 3 of 5");
    expect(received!.text).toContain(`See it in Tandem's portal: ${page}`);
    expect(received!.text).toContain("Why you get this: You coordinate Ana Souza's internship");
    expect(received!.html).toContain(`<a href="${page}">See it in Tandem's portal</a>`);
    expect(received!.html).toContain('<th scope="row"');
    expect(received!.html).toContain("Why you get this:");
    const row = await store.outbox.get(workspace.id, key);
    expect(row?.status).toBe("sent");
    expect(row?.platformRef).toBe(received!.messageId);
  });

  it("leaves the portal link out when PUBLIC_URL is not set", async () => {
    const { store, workspace, dispatcher, person } = await setUp();
    await queueDirect(
      store,
      workspace,
      await person("lena"),
      "note:1",
      { text: "Hello", reason: "Because." },
      NOW,
    );
    await dispatcher.dispatch(NOW);
    const [received] = await smtp.waitFor(1);
    expect(received!.text).toBe("Hello\n\nWhy you get this: Because.");
    expect(received!.html).not.toContain("portal");
  });

  it("escapes what people wrote in the HTML part", async () => {
    const { store, workspace, dispatcher, person } = await setUp();
    await queueDirect(
      store,
      workspace,
      await person("lena"),
      "note:1",
      { text: 'Blocker: <script>alert("x")</script> & more' },
      NOW,
    );
    await dispatcher.dispatch(NOW);
    const [received] = await smtp.waitFor(1);
    expect(received!.html).not.toContain("<script>");
    expect(received!.html).toContain("&lt;script&gt;");
  });

  it("dead-letters messages to an address the server refuses for good, and tells the supervisor once in chat", async () => {
    const { store, workspace, dispatcher, person, log, sentInChat } = await setUp();
    log.allowErrors("send failed for good; message dead-lettered");
    smtp.refuse("lena@uni.example");
    await queueDirect(store, workspace, await person("lena"), "note:1", { text: "one" }, NOW);
    await queueDirect(store, workspace, await person("lena"), "note:2", { text: "two" }, NOW);
    await dispatcher.dispatch(NOW);
    await dispatcher.dispatch(NOW);
    expect((await store.outbox.get(workspace.id, "note:1"))?.status).toBe("dead");
    expect((await store.outbox.get(workspace.id, "note:2"))?.status).toBe("dead");
    expect((await store.outbox.get(workspace.id, "note:1"))?.lastError).toMatch(/550/);
    const report = await store.outbox.get(workspace.id, `unreachable:${(await person("lena")).id}`);
    expect(report?.recipientId).toBe((await person("bram")).id);
    expect(report?.payload.text).toContain("Tandem cannot reach Lena Vogel by e-mail");
    expect(report?.payload.text).toContain("lena@uni.example");
    expect(sentInChat).toEqual(["slack:T1:user:U0BRAM"]);
    expect(smtp.received).toEqual([]);
  });

  it("retries a temporary refusal (4xx) later, like a chat platform's", async () => {
    const { store, workspace, dispatcher, person } = await setUp();
    smtp.failNext(451);
    await queueDirect(store, workspace, await person("lena"), "note:1", { text: "one" }, NOW);
    const first = await dispatcher.dispatch(NOW);
    expect(first.retried).toBe(1);
    const row = await store.outbox.get(workspace.id, "note:1");
    expect(row?.status).toBe("pending");
    expect(smtp.received).toEqual([]);
    const later = new Date(NOW.getTime() + 60_000);
    await dispatcher.dispatch(later);
    await smtp.waitFor(1);
    expect((await store.outbox.get(workspace.id, "note:1"))?.status).toBe("sent");
  });

  it("holds e-mails outside the recipient's contact hours, as in chat", async () => {
    const { store, workspace, dispatcher, person } = await setUp();
    const evening = new Date("2026-12-01T19:00:00Z");
    await queueDirect(store, workspace, await person("lena"), "note:1", { text: "one" }, evening);
    const result = await dispatcher.dispatch(evening);
    expect(result.deferred).toBe(1);
    expect(smtp.received).toEqual([]);
  });

  it("keeps to the recipient's daily budget: what is over it arrives merged into one e-mail", async () => {
    const { store, workspace, dispatcher, person } = await setUp();
    const lena = await person("lena");
    for (let i = 1; i <= 8; i += 1)
      await queueDirect(store, workspace, lena, `note:${i}`, { text: `Message number ${i}` }, NOW);
    const result = await dispatcher.dispatch(NOW);
    expect(result.sent).toBe(8);
    expect(result.merged).toBe(1);
    const mails = await smtp.waitFor(6);
    expect(mails).toHaveLength(lena.dailyBudget);
    const merged = mails.find((m) => m.text.includes("Message number 8"));
    expect(merged?.text).toContain("Message number 6");
  });

  it("sends in chat what waited for e-mail once the person has a chat account", async () => {
    const { store, workspace, dispatcher, person, sentInChat } = await setUp();
    await queueDirect(store, workspace, await person("lena"), "note:1", { text: "one" }, NOW);
    await updatePerson(store, await person("lena"), { ids: { slack: "U0LENA" } }, NOW);
    await dispatcher.dispatch(NOW);
    expect(sentInChat).toEqual(["slack:T1:user:U0LENA"]);
    expect(smtp.received).toEqual([]);
    expect((await store.outbox.get(workspace.id, "note:1"))?.status).toBe("sent");
  });

  it("keeps e-mails waiting, not dead, while SMTP_URL is not set", async () => {
    const { store, workspace, dispatcher, person, log } = await setUp(undefined, false);
    await queueDirect(store, workspace, await person("lena"), "note:1", { text: "one" }, NOW);
    const result = await dispatcher.dispatch(NOW);
    expect(result.deferred).toBe(1);
    expect(result.dead).toBe(0);
    expect((await store.outbox.get(workspace.id, "note:1"))?.status).toBe("pending");
    expect(log.atLeast(40).map((l) => l.msg)).toContain(
      "a message is due by e-mail but SMTP_URL is not set; it waits (set SMTP_URL and MAIL_FROM to send it)",
    );
  });

  it("sends a portal sign-in link at once, even outside contact hours, without a second portal link", async () => {
    const { store, dispatcher, person } = await setUp("https://tandem.example.edu");
    const night = new Date("2026-12-01T23:30:00Z");
    const url = "https://tandem.example.edu/portal/sign-in?token=abc";
    await queueSignInLink(store, await person("lena"), url, night);
    const result = await dispatcher.dispatch(night);
    expect(result.sent).toBe(1);
    const [received] = await smtp.waitFor(1);
    expect(received!.text).toContain(url);
    expect(received!.text).not.toContain("See it in Tandem's portal");
    expect(received!.html).toContain(`<a href="${url}">`);
  });
});
