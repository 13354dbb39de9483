import { describe, expect, it } from "vitest";
import { AGREEMENT_FIELDS } from "../../../src/domain/agreement-fields.js";
import { helpText, helpTopics } from "../../../src/domain/command-syntax/help-text.js";
import { parseCommand } from "../../../src/domain/command-syntax/parse.js";
import { COMMANDS, findCommand } from "../../../src/domain/command-syntax/registry.js";
import { displayName } from "../../../src/domain/command-syntax/spec.js";

const context = { today: "2026-06-10" };

describe("helpText", () => {
  it("lists every command's usage and summary in the overview", () => {
    const overview = helpText();
    for (const spec of COMMANDS) {
      expect(overview).toContain(spec.usage);
      expect(overview).toContain(spec.summary);
    }
    expect(helpText("   ")).toBe(overview);
  });

  it.each(COMMANDS.map((spec) => [displayName(spec), spec] as const))(
    "explains %s with usage, summary and an example",
    (name, spec) => {
      const text = helpText(name);
      expect(text).toContain(`Usage: ${spec.usage}`);
      expect(text).toContain(spec.summary);
      expect(text).toContain(`Example: ${spec.example}`);
      expect(helpText(spec.id)).toBe(text);
      expect(helpText(name.toUpperCase())).toBe(text);
    },
  );

  it.each(COMMANDS.map((spec) => [spec.example, spec.id] as const))(
    "has an example that parses: %s",
    (example, id) => {
      const result = parseCommand(example, context);
      expect(result.ok && result.value.name).toBe(id);
    },
  );

  it("finds commands by alias", () => {
    expect(helpText("milestones")).toBe(helpText("milestone list"));
    expect(helpText("?")).toBe(helpText("help"));
    expect(findCommand("milestones")?.id).toBe("milestone.list");
  });

  it("lists the commands of a group", () => {
    const text = helpText("milestone");
    for (const spec of COMMANDS.filter((s) => s.words[0] === "milestone")) expect(text).toContain(spec.usage);
    expect(text).not.toContain("agreement set");
  });

  it("lists the agreement commands for help agreement, though agreement alone is agreement show", () => {
    const text = helpText("agreement");
    expect(text).toMatch(/^The agreement commands:/);
    for (const usage of ["agreement show", "agreement outcome add <key>", "agreement language <code>"])
      expect(text).toContain(usage);
    expect(helpText("agreement show")).toMatch(/Also just "agreement"/);
  });

  it("lists every agreement field with its description and example under agreement set", () => {
    const text = helpText("agreement set");
    for (const field of AGREEMENT_FIELDS) {
      expect(text).toContain(field.name);
      expect(text).toContain(field.description);
      expect(text).toContain(`e.g. ${field.example}`);
    }
    expect(AGREEMENT_FIELDS.map((f) => f.name)).toEqual([
      "reply.supervisor",
      "reply.intern",
      "reply.warn",
      "reply.escalate",
      "reply.where",
      "reply.ack",
      "reply.trigger",
      "reply.track",
      "checkin.at",
      "checkin.days",
      "checkin.reminder",
      "checkin.summary",
      "milestone.remind",
      "milestone.announce",
      "sync",
      "intro.target",
      "intro.departments",
      "intro.weeks",
      "nudges.perWeek",
      "tools",
    ]);
  });

  it("explains the date forms, including what friday and next friday mean", () => {
    const text = helpText("dates");
    expect(text).toContain("2026-12-15");
    expect(text).toMatch(/friday.*today if it is Friday/);
    expect(text).toMatch(/next friday: one week after "friday"/);
    expect(text).toContain("in 1 month");
  });

  it("says when it has no help on a topic, suggests a close one and lists the topics", () => {
    const text = helpText("mileston ad");
    expect(text).toMatch(/^I have no help on "mileston ad"\. Did you mean "milestone add"\?/);
    for (const topic of helpTopics()) expect(text).toContain(topic);
    expect(helpText("cooking")).toMatch(/^I have no help on "cooking"\. Topics: help, status/);
  });

  it("cannot be made to ping anyone through the topic it quotes back", () => {
    expect(helpText("<!channel>")).not.toContain("<!channel>");
  });
});
