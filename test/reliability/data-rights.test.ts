/** Issue 15's data items through the real service over HTTP (Teams, authentication off) and its store. */
import { describe, expect, it } from "vitest";
import { type Common, personalInstall, personalMessage, submitMessage } from "../fakes/teams-activities.js";
import { teamsSample } from "./programmes.js";
import { local } from "./redelivery.scenario.js";
import { eventually, startReliableService } from "./service.js";

const NAMES: Record<string, string> = { ana: "Ana Souza", olga: "Olga Berg", bram: "Bram Peeters" };
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe("people's text, check-in dates and meetings through the real service", { timeout: 60_000 }, () => {
  it("strips bidi controls, refuses a forged check-in date and a meeting logged by an outsider", async () => {
    const s = await startReliableService({ programmes: [teamsSample("tenant-1")], platforms: ["teams"] });
    const as = (key: string): Common => ({
      serviceUrl: s.connector.url,
      tenant: "tenant-1",
      from: { aad: `aad-${key}`, name: NAMES[key] ?? key },
      timestamp: s.clock.now(),
    });
    const texts = () =>
      s.connector.activities().map((a) => String((a as { text?: string }).text ?? JSON.stringify(a)));
    try {
      s.clock.set(local("2026-11-30T17:00"));
      for (const key of ["ana", "bram", "chloe", "lena", "ben", "olga", "piet"])
        await s.activity(personalInstall(as(key)));
      await s.tickAt(local("2026-12-01T09:30"));
      s.clock.set(local("2026-12-01T09:45"));
      const workspace = await s.workspace("teams", "tenant-1");
      const internship = (await s.peek.internships.byKey(workspace.id, "ana-2026"))!;

      // A milestone title with a right-to-left override is stored and echoed without it.
      await s.activity(
        personalMessage({ ...as("ana"), text: 'milestone add "Invoice \u202Efdp.exe" due 2026-12-15' }),
      );
      expect((await s.peek.milestones.listFor(internship.id)).map((m) => m.title)).toEqual([
        "Invoice fdp.exe",
      ]);

      // A card's data names a day whose check-in was never sent: refused, nothing stored.
      await s.activity(
        submitMessage({
          ...as("ana"),
          action: "checkin.answer",
          value: "2026-11-16",
          inputs: { progress: "forged" },
        }),
      );
      expect(await s.peek.checkins.get(internship.id, "2026-11-16")).toBeUndefined();

      // Olga supervises another intern: she cannot log a meeting with Ana.
      await s.activity(personalMessage({ ...as("olga"), text: "met @ana coffee" }));
      expect(await s.peek.activity.meetingsSince(internship.id, new Date(0))).toEqual([]);
      // Bram, her supervisor, can; Ana is told through the outbox.
      await s.activity(personalMessage({ ...as("bram"), text: "met @ana weekly call" }));
      expect(await s.peek.activity.meetingsSince(internship.id, new Date(0))).toHaveLength(1);
      expect((await s.peek.outbox.list()).filter((o) => o.key.startsWith("meeting-logged:"))).toHaveLength(1);

      // Answers in the personal chat go through the outbox, sent just after the activity's HTTP answer.
      const replies = await eventually(() => {
        const all = texts().join("\n");
        return all.includes("There was no check-in on") ? all : undefined;
      });
      expect(replies).not.toMatch(BIDI);
      expect(replies).toContain("There was no check-in on");
      expect(replies).toContain("Only the people of Ana Souza");
    } finally {
      await s.stop();
    }
  });
});
