/** Forms that ask for people, channels and dates: each platform's picker, and the answers read back. */
import { describe, expect, it } from "vitest";
import { createFormFiller } from "../../adapters/console/form-filler.js";
import { viewSubmission } from "../../adapters/slack/inbound.js";
import { renderModal } from "../../adapters/slack/render.js";
import { formCard } from "../../adapters/teams/cards.js";
import type { OutboundForm } from "../../src/domain/messages.js";
import { checkView } from "../fakes/slack-blocks.js";
import { viewSubmissionPayload } from "../fakes/slack-requests.js";

const FORM: OutboundForm = {
  action: "setup.submit",
  value: "{}",
  title: "Set up an internship",
  submitLabel: "Save",
  fields: [
    {
      id: "intern",
      label: "Intern",
      kind: "user",
      initial: "U0KENJI",
      choices: [{ value: "U0KENJI", label: "Kenji" }],
    },
    { id: "colleagues", label: "Colleagues", kind: "users", optional: true, initial: "U0A,U0B" },
    { id: "home", label: "Home channel", kind: "channel" },
    { id: "start", label: "Start", kind: "date", initial: "2026-12-07", hint: "The intern's first day" },
    {
      id: "sync",
      label: "Sync",
      kind: "choice",
      initial: "weekly",
      choices: [
        { value: "weekly", label: "Weekly" },
        { value: "none", label: "None" },
      ],
    },
    { id: "checkinAt", label: "Check-in at", kind: "text", initial: "09:30", maxLength: 5 },
  ],
};

describe("forms with pickers", () => {
  it("renders Slack pickers with their initial values, in a modal Slack accepts", () => {
    const modal = renderModal(FORM, "Who and when:") as {
      blocks: { element: Record<string, unknown>; hint?: unknown }[];
    };
    expect(checkView(modal, "modal")).toBeUndefined();
    const elements = modal.blocks.slice(1).map((b) => b.element);
    expect(elements[0]).toEqual({ type: "users_select", action_id: "intern", initial_user: "U0KENJI" });
    expect(elements[1]).toEqual({
      type: "multi_users_select",
      action_id: "colleagues",
      initial_users: ["U0A", "U0B"],
    });
    expect(elements[2]).toMatchObject({
      type: "conversations_select",
      default_to_current_conversation: true,
      filter: { include: ["public", "private"] },
    });
    expect(elements[3]).toEqual({ type: "datepicker", action_id: "start", initial_date: "2026-12-07" });
    expect(elements[4]).toMatchObject({ type: "static_select", initial_option: { value: "weekly" } });
    expect(elements[5]).toMatchObject({ type: "plain_text_input", initial_value: "09:30", max_length: 5 });
    expect(modal.blocks[4]?.hint).toEqual({ type: "plain_text", text: "The intern's first day" });
  });

  it("starts a Slack channel picker on a given channel instead of the current conversation", () => {
    const modal = renderModal({
      ...FORM,
      fields: [{ id: "home", label: "Home", kind: "channel", initial: "C0HOME" }],
    });
    expect(checkView(modal, "modal")).toBeUndefined();
    expect((modal.blocks as { element: unknown }[])[0]?.element).toEqual({
      type: "conversations_select",
      action_id: "home",
      filter: { include: ["public", "private"], exclude_bot_users: true },
      initial_conversation: "C0HOME",
    });
  });

  it("reads what was picked in a submitted Slack modal as ids and dates", () => {
    const payload = viewSubmissionPayload({
      user: "U0LENA",
      callback_id: "setup.submit",
      values: {
        intern: { user: "U0KENJI" },
        colleagues: { users: ["U0A", "U0B"] },
        home: { conversation: "C0HOME" },
        start: { date: "2026-12-07" },
        backup: { user: null },
      },
    });
    expect(viewSubmission(payload, new Date())?.form).toEqual({
      intern: "U0KENJI",
      colleagues: "U0A,U0B",
      home: "C0HOME",
      start: "2026-12-07",
    });
  });

  it("renders the Teams people picker and a date input with their initial values", () => {
    const card = formCard(FORM) as { body: Record<string, unknown>[] };
    const input = (id: string) => card.body.find((b) => b.id === id);
    expect(input("intern")).toMatchObject({
      type: "Input.ChoiceSet",
      "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/users" },
      choices: [{ title: "Kenji", value: "U0KENJI" }],
      value: "U0KENJI",
      isMultiSelect: false,
      isRequired: true,
    });
    expect(input("colleagues")).toMatchObject({ isMultiSelect: true, isRequired: false, value: "U0A,U0B" });
    expect(input("start")).toEqual({
      type: "Input.Date",
      id: "start",
      label: "Start",
      isRequired: true,
      value: "2026-12-07",
    });
    expect(JSON.stringify(card)).toContain("The intern's first day");
  });

  it("asks the console for keys and dates, keeping the initial value on an empty line", () => {
    const filler = createFormFiller(FORM);
    const first = filler.start();
    expect(first).toMatchObject({ done: false });
    expect(first.done ? "" : first.ask).toMatch(/a person's key.*empty line keeps Kenji/);
    filler.answer("");
    filler.answer("ana, bram");
    filler.answer("intern-kenji");
    expect(filler.answer("")).toMatchObject({ done: false });
    expect(filler.answer("")).toMatchObject({ done: false });
    const date = filler.answer("");
    expect(date.done).toBe(true);
    expect(date.done && date.values).toEqual({
      intern: "U0KENJI",
      colleagues: "ana, bram",
      home: "intern-kenji",
      start: "2026-12-07",
      sync: "weekly",
      checkinAt: "09:30",
    });
  });

  it("offers several choices at once: a Slack multi_static_select, a Teams multi-select, comma-separated keys in the console", () => {
    const form: OutboundForm = {
      action: "milestone.add",
      value: "",
      title: "Add a milestone",
      submitLabel: "Add",
      fields: [
        {
          id: "outcomes",
          label: "Outcomes",
          kind: "choice",
          multiple: true,
          optional: true,
          initial: "presenting",
          choices: [
            { value: "market-research", label: "market-research: Plan a study" },
            { value: "presenting", label: "presenting: Present findings" },
          ],
        },
      ],
    };
    const modal = renderModal(form) as { blocks: { element: Record<string, unknown> }[] };
    expect(checkView(modal, "modal")).toBeUndefined();
    expect(modal.blocks[0]!.element).toMatchObject({
      type: "multi_static_select",
      action_id: "outcomes",
      initial_options: [{ value: "presenting" }],
    });
    const submitted = viewSubmission(
      viewSubmissionPayload({
        user: "U0ANA",
        callback_id: "milestone.add",
        values: { outcomes: { options: ["market-research", "presenting"] } },
      }),
      new Date(),
    );
    expect(submitted?.form).toEqual({ outcomes: "market-research,presenting" });
    const card = formCard(form);
    expect(JSON.stringify(card)).toContain('"isMultiSelect":true');

    const filler = createFormFiller(form);
    const first = filler.start();
    expect(first.done ? "" : first.ask).toMatch(
      /\[market-research\/presenting\] \(any of them, separated by commas\)/,
    );
    expect(filler.answer("market-research, pitching")).toMatchObject({ done: false });
    expect(filler.answer("market-research, presenting")).toEqual({
      done: true,
      values: { outcomes: "market-research,presenting" },
    });
  });
});
