import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS } from "../../src/domain/agreement.js";
import {
  proposedEnd,
  proposedStart,
  readSetupAnswers,
  readSetupValue,
  setupForm,
} from "../../src/domain/internship-setup.js";

const FILLED = {
  intern: "U0KENJI",
  supervisor: "U0OLGA",
  home: "C0HOME",
  start: "2026-12-07",
  end: "2027-02-26",
  checkinAt: "10:00",
  checkinDays: "Mon-Thu",
  replySupervisor: "1d",
  replyIntern: "4h",
  sync: "biweekly",
};

describe("the set-up form", () => {
  it("proposes a twelve-week internship from next Monday to a Friday", () => {
    expect(proposedStart("2026-12-03")).toBe("2026-12-07");
    expect(proposedStart("2026-12-07")).toBe("2026-12-07");
    expect(proposedEnd("2026-12-07")).toBe("2027-02-26");
  });

  it("shows the agreement's defaults and pickers for people, channel and dates", () => {
    const form = setupForm({ platform: "slack", today: "2026-12-03", defaults: DEFAULT_TERMS });
    const field = (id: string) => form.fields.find((f) => f.id === id);
    expect(form.fields.map((f) => f.id)).toEqual([
      "intern",
      "supervisor",
      "backup",
      "coordinator",
      "coordinatorEmail",
      "home",
      "start",
      "end",
      "checkinAt",
      "checkinDays",
      "replySupervisor",
      "replyIntern",
      "sync",
      "learningTitle",
      "hoursPerWeek",
      "outcomes",
      "criteria",
      "midterm",
      "final",
      "language",
    ]);
    expect(form.fields.slice(-7).every((f) => f.optional)).toBe(true);
    expect(field("intern")).toMatchObject({ kind: "user" });
    expect(field("intern")?.optional).toBeUndefined();
    expect(field("backup")).toMatchObject({ kind: "user", optional: true });
    expect(field("home")).toMatchObject({ kind: "channel", optional: true });
    expect(field("start")).toMatchObject({ kind: "date", initial: "2026-12-07" });
    expect(field("checkinAt")?.initial).toBe(DEFAULT_TERMS.checkIn.at);
    expect(field("replySupervisor")?.initial).toBe(DEFAULT_TERMS.replyWithin.supervisor);
    expect(field("sync")).toMatchObject({ kind: "choice", initial: "weekly" });
    expect(readSetupValue(form.value)).toEqual({});
  });

  it("on Teams asks for no channel: the one where it was typed travels in the form's value", () => {
    const form = setupForm({
      platform: "teams",
      today: "2026-12-03",
      defaults: DEFAULT_TERMS,
      typedIn: "19:abc@thread.tacv2",
    });
    expect(form.fields.some((f) => f.id === "home")).toBe(false);
    expect(readSetupValue(form.value)).toEqual({ home: "19:abc@thread.tacv2" });
  });

  it("starts an edit from the internship as it is, people shown by name", () => {
    const form = setupForm({
      platform: "slack",
      today: "2026-12-03",
      defaults: DEFAULT_TERMS,
      current: {
        key: "kenji-2026",
        intern: { id: "U0KENJI", name: "Kenji Sato" },
        supervisor: { id: "U0OLGA", name: "Olga Nowak" },
        home: "C0HOME",
        start: "2026-12-14",
        end: "2027-03-05",
        terms: { ...DEFAULT_TERMS, checkIn: { ...DEFAULT_TERMS.checkIn, at: "11:00" } },
      },
    });
    expect(form.title).toBe("Edit internship");
    expect(readSetupValue(form.value)).toEqual({ edit: "kenji-2026" });
    expect(form.fields.find((f) => f.id === "intern")).toMatchObject({
      initial: "U0KENJI",
      choices: [{ value: "U0KENJI", label: "Kenji Sato" }],
    });
    expect(form.fields.find((f) => f.id === "backup")?.initial).toBeUndefined();
    expect(form.fields.find((f) => f.id === "home")?.initial).toBe("C0HOME");
    expect(form.fields.find((f) => f.id === "start")?.initial).toBe("2026-12-14");
    expect(form.fields.find((f) => f.id === "checkinAt")?.initial).toBe("11:00");
  });

  it("reads a filled form into people, dates and terms written over the base", () => {
    const read = readSetupAnswers(FILLED, DEFAULT_TERMS, undefined);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.people).toEqual([
      { role: "intern", id: "U0KENJI" },
      { role: "supervisor", id: "U0OLGA" },
    ]);
    expect(read.value.home).toBe("C0HOME");
    expect(read.value.terms.checkIn).toMatchObject({ at: "10:00", days: "Mon-Thu" });
    expect(read.value.terms.replyWithin).toEqual({ supervisor: "1d", intern: "4h" });
    expect(read.value.terms.syncMeeting).toBe("biweekly");
    // Terms the form does not show keep the base's value.
    expect(read.value.terms.introductions).toEqual(DEFAULT_TERMS.introductions);
  });

  it("names each wrong field with what to do, and saves nothing", () => {
    const read = readSetupAnswers(
      {
        ...FILLED,
        supervisor: "U0KENJI",
        end: "2026-11-30",
        checkinAt: "25:00",
        replySupervisor: "10m",
        intern: "",
      },
      DEFAULT_TERMS,
      undefined,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.error).sort()).toEqual(["checkinAt", "end", "intern", "replySupervisor"]);
    expect(read.error.intern).toBe("Choose the intern.");
    expect(read.error.end).toMatch(/before the first day/);
    expect(read.error.replySupervisor).toMatch(/shorter than 1h/);
  });

  it("refuses the same person in two roles", () => {
    const read = readSetupAnswers({ ...FILLED, backup: "U0OLGA" }, DEFAULT_TERMS, undefined);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.backup).toMatch(/the supervisor is already this person/);
  });

  it("takes the home where it was typed when the form has no channel field (Teams)", () => {
    const { home: _home, ...noHome } = FILLED;
    const read = readSetupAnswers(noHome, DEFAULT_TERMS, "19:abc@thread.tacv2");
    expect(read.ok && read.value.home).toBe("19:abc@thread.tacv2");
  });

  it("ignores a damaged form value", () => {
    expect(readSetupValue("{not json")).toEqual({});
    expect(readSetupValue(JSON.stringify({ edit: 3, home: "x".repeat(600) }))).toEqual({});
  });
});
