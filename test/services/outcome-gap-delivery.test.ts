import { describe, expect, it } from "vitest";
import { sampleProgramme } from "../helpers/programme.js";
import { createServiceHarness } from "../helpers/service-harness.js";

/**
 * Ana's internship (1 Nov 2026 to 31 Mar 2027) with two outcomes and an early mid-term evaluation (Thu 10
 * Dec), and no backup: Bram's leave (Mon 7 to Fri 18 Dec) holds his messages until Mon 21 Dec.
 */
function programme() {
  const p = sampleProgramme();
  const { backupSupervisor: _none, ...ana } = p.internships![0]!;
  p.internships![0] = {
    ...ana,
    learning: {
      outcomes: [
        { key: "market-research", description: "Plan and run a small market study" },
        { key: "presenting", description: "Present findings to a client" },
      ],
      criteria: ["Teamwork", "Initiative"],
      evaluations: { midterm: "2026-12-10" },
    },
  };
  return p;
}

async function setup() {
  const h = await createServiceHarness({ programme: programme() });
  await h.say("bram", "leave 2026-12-07 2026-12-18");
  const notes = async () => (await h.store.outbox.list()).filter((o) => o.key.startsWith("outcome-gap:"));
  const days = async (from: number, to: number) => {
    for (let day = from; day <= to; day++) {
      const date = `2026-12-${String(day).padStart(2, "0")}`;
      await h.tickAt(`${date}T08:30:00Z`);
      await h.tickAt(`${date}T15:00:00Z`);
    }
  };
  return { h, notes, days };
}

describe("the outcome-gap note, when its reader is away", () => {
  it("arrives once when the supervisor is back, after the mid-term date, instead of expiring unsent", async () => {
    const { h, notes, days } = await setup();
    await days(7, 21);
    const sent = (await notes()).filter((n) => n.status === "sent");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.sentAt!.getTime()).toBeGreaterThanOrEqual(
      h.local("2026-12-21T09:00", "Europe/Brussels").getTime(),
    );
    expect(sent[0]!.payload.text).toContain(
      "none of its 2 learning outcomes has a milestone serving it yet: market-research",
    );
    await days(22, 31);
    expect((await notes()).filter((n) => n.status !== "expired")).toHaveLength(1);
  });

  it("names only the outcomes still without a milestone when it can be delivered", async () => {
    const { h, notes, days } = await setup();
    await days(7, 14);
    await h.say("ana", 'milestone add "Survey" due 2027-01-20 for outcome market-research');
    await days(15, 22);
    const sent = (await notes()).filter((n) => n.status === "sent");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.text).toContain(
      "1 of its 2 learning outcomes has no milestone serving it yet: presenting",
    );
    expect(sent[0]!.payload.text).not.toContain("market-research (");
  });

  it("sends nothing when every outcome got a milestone while it waited", async () => {
    const { h, notes, days } = await setup();
    await days(7, 14);
    await h.say("ana", 'milestone add "Survey" due 2027-01-20 for outcomes market-research, presenting');
    await days(15, 22);
    expect((await notes()).filter((n) => n.status === "sent" || n.status === "pending")).toEqual([]);
  });
});
