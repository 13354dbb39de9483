import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/domain/command-syntax/parse.js";
import type { Command } from "../../../src/domain/command-syntax/types.js";

const context = { today: "2026-06-10" }; // a Wednesday

function command(text: string): Command {
  const result = parseCommand(text, context);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
  return result.value;
}

function error(text: string): string {
  const result = parseCommand(text, context);
  if (result.ok) throw new Error(`expected "${text}" to fail, got ${JSON.stringify(result.value)}`);
  expect(result.error.length).toBeGreaterThan(0);
  return result.error;
}

describe("help and status", () => {
  it("reads help with and without a topic, and ? as help", () => {
    expect(command("help")).toEqual({ name: "help" });
    expect(command("HELP  Milestone   Add")).toEqual({ name: "help", topic: "milestone add" });
    expect(command("?")).toEqual({ name: "help" });
    expect(command("? leave")).toEqual({ name: "help", topic: "leave" });
  });

  it("reads status and refuses anything after it", () => {
    expect(command("  Status ")).toEqual({ name: "status" });
    expect(error("status please")).toMatch(/status takes nothing after it/);
  });
});

describe("milestone add", () => {
  it("reads a quoted title, a due date and an optional intern", () => {
    expect(command('milestone add "Market study" due 2026-12-15')).toEqual({
      name: "milestone.add",
      title: "Market study",
      due: "2026-12-15",
    });
    expect(command('milestone add "x" due in 2 weeks for @ana')).toEqual({
      name: "milestone.add",
      title: "x",
      due: "2026-06-24",
      intern: { kind: "name", name: "ana" },
    });
  });

  it("accepts curly quotes, keywords in any case and extra spaces", () => {
    expect(command("MILESTONE   Add   “Draft  report”   DUE   15 Dec  for <@U123ABC|ana>")).toEqual({
      name: "milestone.add",
      title: "Draft report",
      due: "2026-12-15",
      intern: { kind: "id", id: "U123ABC" },
    });
  });

  it("keeps quotes and the word due inside a quoted title", () => {
    expect(command('milestone add "Check "due" dates in the report" due friday')).toMatchObject({
      title: 'Check "due" dates in the report',
      due: "2026-06-12",
    });
  });

  it("accepts an unquoted title up to the last due keyword", () => {
    expect(command("milestone add Fix the due date bug due next friday")).toEqual({
      name: "milestone.add",
      title: "Fix the due date bug",
      due: "2026-06-19",
    });
  });

  it("refuses a missing title, quote, due keyword or date", () => {
    expect(command("milestone add")).toEqual({ name: "milestone.form" });
    expect(command("milestone add for @ana")).toEqual({
      name: "milestone.form",
      intern: { kind: "name", name: "ana" },
    });
    expect(error('milestone add "Survey"')).toMatch(/After the title comes "due <date>"/);
    expect(error('milestone add "" due friday')).toMatch(/needs a title/);
    expect(error('milestone add "Report due friday')).toMatch(/opening quote but no closing one/);
    expect(error("milestone add Report")).toMatch(/needs a due date after the title/);
    expect(error('milestone add "Report" friday')).toMatch(/After the title comes "due <date>"/);
    expect(error('milestone add "Report" due')).toMatch(/needs a date after "due"/);
    expect(error('milestone add "Report" due for @ana')).toMatch(/needs a date after "due"/);
  });

  it("refuses titles over 200 characters, saying the limit and the length given", () => {
    expect(command(`milestone add "${"a".repeat(200)}" due friday`)).toMatchObject({
      title: "a".repeat(200),
    });
    expect(error(`milestone add "${"a".repeat(245)}" due friday`)).toMatch(
      /at most 200 characters; yours has 245/,
    );
  });

  it("passes on the date error for a date it cannot read", () => {
    expect(error('milestone add "x" due friday-ish')).toBe(
      '"friday-ish" is not a date I understand. Try 2026-12-15, 15 Dec, friday or in 2 weeks.',
    );
    expect(error('milestone add "x" due 31 Feb')).toMatch(/February has at most 29 days/);
    expect(error('milestone add "x" due 15/12/2026')).toMatch(/ambiguous/);
  });

  it("refuses a for-clause whose mention it cannot read", () => {
    expect(error('milestone add "x" due friday for @')).toMatch(/not a mention/);
  });
});

describe("milestone list", () => {
  it("reads all and for @intern in any order, and milestones as an alias", () => {
    expect(command("milestone list")).toEqual({ name: "milestone.list", all: false });
    expect(command("milestones")).toEqual({ name: "milestone.list", all: false });
    expect(command("milestone list all")).toEqual({ name: "milestone.list", all: true });
    expect(command("milestone list all for @ana.m")).toEqual({
      name: "milestone.list",
      all: true,
      intern: { kind: "name", name: "ana.m" },
    });
    expect(command("milestones for <@U1|Ana Maria> ALL")).toEqual({
      name: "milestone.list",
      all: true,
      intern: { kind: "id", id: "U1" },
    });
  });

  it("refuses words it does not know and a for without a person", () => {
    expect(error("milestone list everything")).toMatch(
      /understands only "all" and "for @name", not "everything"/,
    );
    expect(error("milestone list for")).toMatch(/"for" needs the person after it/);
    expect(error("milestone list for ana")).toMatch(/"ana" is not a mention/);
  });
});

describe("milestone done, reopen, block, accept", () => {
  it("reads milestone numbers as 12 or #12", () => {
    expect(command("milestone done 12")).toEqual({ name: "milestone.done", id: 12 });
    expect(command("milestone done #12")).toEqual({ name: "milestone.done", id: 12 });
    expect(command("milestone reopen 3")).toEqual({ name: "milestone.reopen", id: 3 });
  });

  it("explains a missing or wrong milestone number", () => {
    expect(error("milestone done")).toBe(
      'milestone done needs a milestone number, e.g. milestone done 12. Type "milestone list" to see the numbers.',
    );
    for (const bad of ["abc", "0", "-3", "1.5", "#", "12345678901"]) {
      expect(error(`milestone done ${bad}`)).toMatch(
        /is not a milestone number; milestone done needs one like 12/,
      );
    }
    expect(error("milestone reopen")).toMatch(/milestone reopen needs a milestone number/);
    expect(error("milestone done 12 13")).toMatch(/takes just a milestone number/);
  });

  it("reads a block with its reason, which is required", () => {
    expect(command("milestone block 4 waiting for  CRM access")).toEqual({
      name: "milestone.block",
      id: 4,
      reason: "waiting for  CRM access",
    });
    expect(command("milestone block 4 because no data yet")).toMatchObject({ reason: "no data yet" });
    expect(error("milestone block 4")).toMatch(/milestone block needs a reason/);
    expect(error("milestone block")).toMatch(/milestone block needs a milestone number/);
  });

  it("reads an accept with optional feedback", () => {
    expect(command("milestone accept 4")).toEqual({ name: "milestone.accept", id: 4 });
    expect(command("milestone accept #4 Great, this goes into the board deck")).toEqual({
      name: "milestone.accept",
      id: 4,
      feedback: "Great, this goes into the board deck",
    });
    expect(error("milestone accept great")).toMatch(/"great" is not a milestone number/);
  });
});

describe("milestone move", () => {
  it("reads a multi-word date and an optional reason", () => {
    expect(command("milestone move 3 15 Dec because waiting on data")).toEqual({
      name: "milestone.move",
      id: 3,
      due: "2026-12-15",
      reason: "waiting on data",
    });
    expect(command("milestone move #3 in 2 weeks")).toEqual({
      name: "milestone.move",
      id: 3,
      due: "2026-06-24",
    });
    expect(command("milestone move 3 December 15, 2026")).toMatchObject({ due: "2026-12-15" });
  });

  it("refuses a missing date or reason, and passes on date errors", () => {
    expect(error("milestone move 3")).toMatch(/needs the new date after the number/);
    expect(error("milestone move 3 because late")).toMatch(/needs the new date after the number/);
    expect(error("milestone move 3 friday because")).toMatch(/Say why after "because"/);
    expect(error("milestone move 3 soonish")).toMatch(/"soonish" is not a date I understand/);
    expect(error("milestone move")).toMatch(/milestone move needs a milestone number/);
  });
});

describe("agreement", () => {
  it("reads show and ack", () => {
    expect(command("agreement show")).toEqual({ name: "agreement.show" });
    expect(command("agreement show for @ana")).toEqual({
      name: "agreement.show",
      intern: { kind: "name", name: "ana" },
    });
    expect(command("agreement ack")).toEqual({ name: "agreement.ack" });
    expect(error("agreement ack yes")).toMatch(/agreement ack understands only "for @/);
    expect(command("agreement ack for @ana")).toEqual({
      name: "agreement.ack",
      intern: { kind: "name", name: "ana" },
    });
    expect(error("agreement show all")).toMatch(/agreement show understands only "for @name"/);
  });

  it("reads bare agreement as agreement show, and refuses a subcommand it does not know", () => {
    expect(command("agreement")).toEqual({ name: "agreement.show" });
    expect(command("agreement for @ana")).toEqual({
      name: "agreement.show",
      intern: { kind: "name", name: "ana" },
    });
    expect(error("agreement titel x")).toMatch(
      /There is no "agreement" command called "titel". Did you mean "agreement title"\?/,
    );
  });

  it("reads the learning agreement's commands", () => {
    const ana = { kind: "name", name: "ana" };
    expect(command('agreement title "Market analyst" for @ana')).toEqual({
      name: "learning.title",
      title: "Market analyst",
      intern: ana,
    });
    expect(command("agreement hours 30")).toEqual({ name: "learning.hours", hours: 30 });
    expect(error("agreement hours 30h")).toMatch(/whole number, e.g. agreement hours 30, not "30h"/);
    expect(command("agreement outcome add Market-Research Plan a study for a client for @ana")).toEqual({
      name: "learning.outcome.add",
      key: "market-research",
      description: "Plan a study for a client",
      intern: ana,
    });
    expect(command('agreement outcome rename presenting "Present to clients"')).toEqual({
      name: "learning.outcome.rename",
      key: "presenting",
      description: "Present to clients",
    });
    expect(command("agreement outcome remove presenting")).toEqual({
      name: "learning.outcome.remove",
      key: "presenting",
    });
    expect(error("agreement outcome remove presenting now")).toMatch(/takes one outcome key/);
    expect(error("agreement outcome add")).toMatch(/needs an outcome key/);
    expect(command("agreement criteria Teamwork, ICT skills; Initiative")).toEqual({
      name: "learning.criteria",
      criteria: ["Teamwork", "ICT skills", "Initiative"],
    });
    expect(command("agreement criteria Default")).toEqual({ name: "learning.criteria", criteria: "default" });
    expect(error("agreement criteria ,")).toMatch(/separated by commas/);
    expect(command("agreement evaluation midterm 15 Jan")).toEqual({
      name: "learning.evaluation",
      round: "midterm",
      date: "2027-01-15",
    });
    expect(command("agreement evaluation final default for @ana")).toEqual({
      name: "learning.evaluation",
      round: "final",
      intern: ana,
    });
    expect(error("agreement evaluation final")).toMatch(/needs a date or "default"/);
    expect(command("agreement language en B2")).toEqual({
      name: "learning.language",
      code: "en",
      level: "B2",
    });
    expect(command("agreement language pt-br")).toEqual({ name: "learning.language", code: "pt-br" });
    expect(error("agreement language en B2 fluent")).toMatch(/needs a language code/);
  });

  it("reads set with a field, the rest as value, and an optional intern", () => {
    expect(command("agreement set reply.supervisor 4h")).toEqual({
      name: "agreement.set",
      field: "reply.supervisor",
      value: "4h",
    });
    expect(command("agreement set Tools Slack, Zoom,  Jira for <@U9>")).toEqual({
      name: "agreement.set",
      field: "tools",
      value: "Slack, Zoom,  Jira",
      intern: { kind: "id", id: "U9" },
    });
    expect(command("agreement set tools Slack for chat")).toMatchObject({ value: "Slack for chat" });
  });

  it("refuses a missing field or value and odd field names", () => {
    expect(error("agreement set")).toMatch(/needs a field and a value.*help agreement set/);
    expect(error("agreement set sync")).toBe(
      "agreement set sync needs a value, e.g. agreement set sync weekly.",
    );
    expect(error("agreement set 4h")).toMatch(/"4h" is not a field name/);
  });
});

describe("leave", () => {
  it("reads one day, two dates in a row, or two dates around to", () => {
    expect(command("leave 2026-12-24")).toEqual({ name: "leave.add", from: "2026-12-24", to: "2026-12-24" });
    expect(command("leave 2026-12-24 2027-01-01")).toEqual({
      name: "leave.add",
      from: "2026-12-24",
      to: "2027-01-01",
    });
    expect(command("leave 24 Dec 1 Jan")).toEqual({
      name: "leave.add",
      from: "2026-12-24",
      to: "2027-01-01",
    });
    expect(command("leave 24 December 2026 1 January 2027")).toMatchObject({
      from: "2026-12-24",
      to: "2027-01-01",
    });
    expect(command("leave friday next friday")).toMatchObject({ from: "2026-06-12", to: "2026-06-19" });
    expect(command("leave 24 Dec to 1 Jan")).toMatchObject({ from: "2026-12-24", to: "2027-01-01" });
    expect(command("leave 15 Dec 2026")).toMatchObject({ from: "2026-12-15", to: "2026-12-15" });
  });

  it("lists leave for bare leave and leave list", () => {
    expect(command("leave")).toEqual({ name: "leave.list" });
    expect(command("Leave List")).toEqual({ name: "leave.list" });
    expect(error("leave list all")).toMatch(/leave list takes nothing after it/);
  });

  it("refuses leave that ends before it starts or lasts over 366 days", () => {
    expect(error("leave 2027-01-01 2026-12-24")).toMatch(
      /would end \(2026-12-24\) before it starts \(2027-01-01\)/,
    );
    expect(command("leave 2026-01-01 2027-01-01")).toMatchObject({ to: "2027-01-01" });
    expect(error("leave 2026-01-01 2027-01-02")).toMatch(/367 days of leave; I record at most 366/);
  });

  it("names the date it could not read", () => {
    expect(error("leave 24 Dec 1 Jon")).toMatch(/^"1 Jon" is not a date I understand/);
    expect(error("leave someday 1 Jan")).toMatch(/^"someday" is not a date I understand/);
    expect(error("leave soon")).toMatch(/^"soon" is not a date I understand/);
    expect(error("leave foo bar baz")).toMatch(/could not read the dates in "foo bar baz"/);
    expect(error("leave 24 Dec to")).toMatch(/first and the last day/);
    expect(error("leave 2026-02-30 2026-03-02")).toMatch(/February 2026 has 28 days/);
  });
});

describe("unknown and malformed input", () => {
  it("suggests the closest command and mentions help", () => {
    expect(error("hlep")).toBe(
      'I don\'t know the command "hlep". Did you mean "help"? Type "help" to see all commands.',
    );
    expect(error("milstone add x due friday")).toMatch(/Did you mean "milestone add"\?.*help/);
    expect(error("stauts")).toMatch(/Did you mean "status"/);
    expect(error("dance")).toBe('I don\'t know the command "dance". Type "help" to see all commands.');
  });

  it("explains a group keyword without or with a wrong subcommand", () => {
    expect(error("milestone")).toMatch(
      /milestone needs one of add, list, done, move, block, accept or reopen/,
    );
    expect(error("milestone ad x")).toMatch(/Did you mean "milestone add"\?.*help milestone/);
    expect(error("agreement sho")).toMatch(/Did you mean "agreement show"/);
  });

  it("refuses empty input and input over 4000 characters", () => {
    expect(error("")).toMatch(/Type a command/);
    expect(error(" \n\t ")).toMatch(/Type a command/);
    expect(error("x".repeat(100_000))).toMatch(/100000 characters long; commands can have at most 4000/);
  });

  it("tolerates control characters, zero-width spaces and unbalanced brackets", () => {
    expect(command("milestone\u0000 done\u200B 5")).toEqual({ name: "milestone.done", id: 5 });
    expect(command("status\r\n")).toEqual({ name: "status" });
    expect(error("<@U1 milestone done")).toMatch(/I don't know the command/);
    expect(error('"')).toMatch(/I don't know the command/);
  });

  it("never quotes a ping back in an error", () => {
    expect(error("<!channel> hi")).not.toContain("<!channel>");
    expect(error("milestone done <!here>")).not.toContain("<!here>");
  });
});
