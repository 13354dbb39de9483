import { describe, expect, it } from "vitest";
import { mentionCommand } from "../../adapters/slack/inbound.js";
import { appMentionEvent } from "../fakes/slack-requests.js";
import { createServiceHarness } from "../helpers/service-harness.js";
import { rawRows } from "../helpers/test-store.js";

const SP = "America/Sao_Paulo";

/** A check-in form submitted by Ana with whatever date its data carries (a Teams card's data is client-made). */
function submit(h: Awaited<ReturnType<typeof createServiceHarness>>, date: string, id: string) {
  return h.bot.handle({
    kind: "action",
    id,
    platform: "console",
    workspace: "test",
    user: "ana",
    conversation: "console:test:user:ana",
    at: h.clock.now(),
    action: "checkin.answer",
    value: date,
    form: { progress: "forged", connectedness: "5" },
  });
}

const checkinRows = (h: Awaited<ReturnType<typeof createServiceHarness>>) =>
  rawRows(h.store, "SELECT local_date, status, progress FROM checkins ORDER BY local_date");

describe("where check-in answers may come from", () => {
  it("refuses a form dated on a day whose check-in was never sent, and writes nothing", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-02T09:30", SP));
    const before = await checkinRows(h);
    for (const [i, date] of ["2026-11-16", "2026-12-01", "2025-01-01", "2026-02-30"].entries()) {
      const answer = await submit(h, date, `forged-${i}`);
      expect(answer?.text).toMatch(
        /^(There was no check-in on .*|That check-in does not exist); answer today's/,
      );
    }
    expect(await checkinRows(h)).toEqual(before);
    expect((await h.store.outbox.list()).filter((o) => o.key.startsWith("checkin-answer:"))).toEqual([]);
  });

  it("refuses a form dated on a day whose check-in is closed", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    await h.tickAt(h.local("2026-12-02T09:30", SP)); // settles Tuesday's as missed
    const answer = await submit(h, "2026-12-01", "late");
    expect(answer?.text).toBe(`The check-in of Tue 1 Dec 2026 is closed; answer today's with "checkin".`);
    expect(await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01")).toMatchObject({
      status: "missed",
    });
  });

  it("takes a form for an earlier day while that day's check-in is sent and still open", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    // Just after midnight, before any tick settled Tuesday's check-in.
    h.clock.set(h.local("2026-12-02T00:10", SP));
    const answer = await submit(h, "2026-12-01", "open");
    expect(answer?.text).toMatch(/^Thanks, your check-in for Tue 1 Dec 2026 is saved\./);
    expect(await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01")).toMatchObject({
      progress: "forged",
    });
  });

  it("never stores an @mention in the home channel as the open check-in's answer", async () => {
    const h = await createServiceHarness({ rules: "checkin" });
    await h.tickAt(h.local("2026-12-01T09:30", SP));
    const anaId = (await h.person("ana")).ids.console ?? "ana";
    // What Slack's adapter makes of `@Tandem the client contract is late` posted in #home.
    const mention = mentionCommand(
      "T1",
      "Ev-mention",
      appMentionEvent({
        user: anaId,
        channel: "home",
        text: "<@UBOT> the client contract is late",
        ts: "1796130000.000100",
      }),
      "UBOT",
    )!;
    const reply = await h.bot.handle({
      ...mention,
      platform: "console",
      workspace: "test",
      conversation: "console:test:conv:home",
    });
    // The same words as a plain channel message: metadata only.
    await h.bot.handle({
      kind: "message",
      id: "channel-msg",
      platform: "console",
      workspace: "test",
      user: anaId,
      conversation: "console:test:conv:home",
      at: h.clock.now(),
      messageRef: "m1",
      mentions: [],
      asks: false,
      isDirect: false,
      fromBot: false,
      text: "the client contract is late",
    });
    expect(reply?.text).not.toMatch(/saved/i);
    const checkin = await h.store.checkins.get((await h.internship("ana-2026")).id, "2026-12-01");
    expect(checkin?.answeredAt).toBeUndefined();
    expect(checkin?.progress).toBeUndefined();
    const stored = JSON.stringify(await rawRows(h.store, "SELECT * FROM checkins"));
    expect(stored).not.toContain("client contract");
  });
});
